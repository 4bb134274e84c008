"""Reminders with a set clock: a task falling due today and a must-see session 15 minutes ahead, shown once
in the window's banner (and through the tray where there is one)."""

from __future__ import annotations

from datetime import date, timedelta

from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace
from conference_app.ui.main_window import MainWindow
from conference_app.ui.notifications import AGENDA, FOLLOW_UPS, Banner, Reminder
from tests.ui.test_tasks_page import congress, noon  # noqa: F401 - fixture


def open_window(qtbot, workspace: Workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_task_due_today_shows_once_in_the_banner(qtbot, congress: Workspace, shown_messages) -> None:  # noqa: F811
    window = open_window(qtbot, congress)
    window.banner.dismiss()  # whatever the real day brought at start
    window.notifier.clock = window.tasks_page.clock = noon(date(2026, 10, 22))
    found = window.notifier.check()
    assert found == [Reminder("4 follow-ups are due today: Amara Okafor, Dana Whitfield, Jonas Berg.", FOLLOW_UPS)]
    assert window.banner.isVisible() and "4 follow-ups are due today" in window.banner.text.text()
    assert window.notifier.check() == []  # once per task per day

    window.banner.show_button.click()
    assert not window.banner.isVisible()
    assert window.stack.currentWidget() is window.tasks_page
    assert ("Due today", "Jonas Berg", "Follow up", "due today") in window.tasks_page.visible_rows()
    assert "Follow-ups" in [name for name, _page in window.pages]


def test_a_must_see_session_fifteen_minutes_ahead(qtbot, congress: Workspace, shown_messages) -> None:  # noqa: F811
    conference_id = congress.program.current_conference_id()
    session = congress.program.sessions(SessionFilter(conference_id))[0]
    congress.program.pick(session.id, "must")
    item = next(i for i in congress.agenda.agenda(conference_id).items if i.priority == "must")
    window = open_window(qtbot, congress)
    window.banner.dismiss()
    window.notifier.conference_id = conference_id
    window.notifier.clock = lambda: item.start - timedelta(minutes=15)
    (reminder,) = [r for r in window.notifier.check() if r.page == AGENDA]
    assert reminder.text.startswith(f"Must-see in 15 minutes in {item.place}: {item.title}")
    assert window.banner.isVisible() and item.title in window.banner.text.text()
    window.notifier.clock = lambda: item.start - timedelta(minutes=14)
    assert [r for r in window.notifier.check() if r.page == AGENDA] == []  # said once
    window.banner.show_button.click()
    assert window.stack.currentWidget() is window.agenda_page


def test_the_banner_keeps_the_latest_few_and_can_be_dismissed(qtbot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show()
    for n in range(6):
        banner.add(Reminder(f"reminder {n}", FOLLOW_UPS))
    assert banner.text.text().splitlines()[0] == "Reminder: reminder 5" and len(banner.reminders()) == 4
    banner.dismiss_button.click()
    assert not banner.isVisible() and banner.reminders() == []
