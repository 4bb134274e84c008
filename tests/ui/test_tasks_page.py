"""The Follow-ups page: sections by due day, grouping, and done / snooze / skip / replied changing the list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote, Relationship
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus
from conference_app.ui.dialogs import follow_up_dialogs
from conference_app.ui.pages.tasks_page import EMPTY_TEXT, TasksPage
from tests.core.test_planning import write_test_congress

MET = datetime(2026, 10, 18, 21, 0, tzinfo=timezone.utc)  # the congress ends on the 19th: follow-ups due the 22nd


def noon(day: date):  # type: ignore[no-untyped-def]
    return lambda: datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def meet(ws: Workspace, name: str, email: str = "", points: tuple[str, ...] = (), promises: tuple[str, ...] = (),
         relationship: Relationship = Relationship.NONE, place: str = "") -> int:
    note = ConversationNote(conference_id=ws.program.current_conference_id(), met_at=MET, place=place, points=points,
                            my_promises=promises)
    details = ContactDetails(name=name, emails=(email,) if email else ())
    return ws.people.capture(CaptureData(details, relationship=relationship, conversation=note)).value.person_id


@pytest.fixture
def congress(tmp_path: Path) -> Iterator[Workspace]:
    """After the test congress: three people met, one a mentor, one with a promise."""
    ws = Workspace.open(tmp_path / "tasks.sqlite")
    ws.program.import_program(write_test_congress(tmp_path))
    ws.planning.save_profile(replace(ws.planning.profile(), name="Sam Rivera", stage="PGY-2",
                                     institution="Riverside University", email="sam@riverside.example"))
    meet(ws, "Jonas Berg", "jonas@nordic.example", points=("the trauma registry",), place="poster hall",
         promises=("send the case series",))
    meet(ws, "Dana Whitfield", "dana@example.org", points=("robotic HPB training",), place="poster hall")
    meet(ws, "Amara Okafor", "amara@lakeshore.example", points=("her fellowship",), place="reception",
         relationship=Relationship.MENTOR)
    yield ws
    ws.close()


@pytest.fixture
def page(qtbot, congress: Workspace, bus: DataBus) -> TasksPage:  # type: ignore[no-untyped-def]
    page = TasksPage(congress, bus)
    qtbot.addWidget(page)
    page.clock = noon(date(2026, 10, 22))
    page.show_conference(congress.program.current_conference_id())
    page.resize(1100, 700)
    page.show()
    return page


def task_row(page: TasksPage, text: str) -> tuple[str, str, str, str]:
    return next(row for row in page.visible_rows() if text in row[2])


def test_tasks_by_section_with_kind_and_relative_due(page: TasksPage) -> None:
    rows = page.visible_rows()
    assert ("Due today", "Jonas Berg", "Follow up", "due today") in rows
    assert ("Due today", "Jonas Berg", "Keep my promise: send the case series", "due today") in rows
    assert ("Upcoming", "Amara Okafor", "Keep in touch", "due in 178 days") in rows
    assert page.count.text() == "5 open tasks"

    page.clock = noon(date(2026, 10, 28))
    page.reload()
    assert task_row(page, "Keep my promise")[0::3] == ("Overdue", "6 days overdue")
    assert page.count.text() == "5 open tasks, 4 overdue"


def test_done_skip_and_snooze_move_tasks_and_keep_them(page: TasksPage, monkeypatch, shown_messages) -> None:
    page.select_tasks(["follow_up:2"])
    page.done_button.click()
    assert ("Done and skipped", "Dana Whitfield", "Follow up", "done") in page.visible_rows()

    page.select_tasks(["promise:1:1"])
    page.skip_button.click()
    assert task_row(page, "Keep my promise")[0::3] == ("Done and skipped", "skipped")

    asked: list[date] = []
    monkeypatch.setattr(follow_up_dialogs, "ask_snooze_until",
                        lambda parent, today, count=1: asked.append(today) or date(2026, 10, 30))
    page.select_tasks(["follow_up:3"])
    page.snooze_button.click()
    assert asked == [date(2026, 10, 22)]
    assert ("Upcoming", "Amara Okafor", "Follow up", "snoozed until Fri 30 Oct") in page.visible_rows()
    assert page.count.text() == "2 open tasks"  # the snoozed one is back on the 30th
    assert shown_messages == []


def test_they_replied_asking_something_adds_a_reply_task(page: TasksPage, monkeypatch) -> None:
    monkeypatch.setattr(follow_up_dialogs, "ask_replied", lambda parent, name, today: (today, True))
    page.select_tasks(["follow_up:1"])
    page.replied_button.click()
    assert ("Upcoming", "Jonas Berg", "Reply", "due in 2 days") in page.visible_rows()


def test_grouping_by_conference_and_selecting_first_follow_ups(page: TasksPage) -> None:
    page.by_conference.click()
    groups = {row[1] for row in page.visible_rows()}
    assert groups == {"Test Surgical Congress 2026", "Not tied to a conference"}  # keep-in-touch is for life
    assert task_row(page, "Keep in touch")[2] == "Keep in touch — Amara Okafor"

    assert sorted(page.select_first_follow_ups()) == ["follow_up:1", "follow_up:2", "follow_up:3"]
    assert sorted(page.selected_task_ids()) == ["follow_up:1", "follow_up:2", "follow_up:3"]
    assert page.write_button.text() == "Write 3 emails…"
    page.by_person.click()
    assert sorted(page.selected_task_ids()) == ["follow_up:1", "follow_up:2", "follow_up:3"]  # kept on regroup


def test_the_empty_page_says_what_will_appear(qtbot, workspace: Workspace, bus: DataBus) -> None:
    page = TasksPage(workspace, bus)
    qtbot.addWidget(page)
    page.show_conference(None)
    assert page.body.currentWidget() is page.empty and page.empty.text() == EMPTY_TEXT
    assert not page.write_button.isEnabled() and not page.done_button.isEnabled()


def test_the_open_tasks_export_to_a_calendar(page: TasksPage, tmp_path: Path, monkeypatch, shown_messages) -> None:
    from icalendar import Calendar

    from conference_app.ui.pages import tasks_page

    out = tmp_path / "follow-ups.ics"
    monkeypatch.setattr(tasks_page, "ask_calendar_file", lambda parent: out)
    page.calendar_button.click()

    calendar = Calendar.from_ical(out.read_bytes())
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert len(summaries) == len(page._ws.follow_ups.tasks(page.today()))
    assert any("Jonas Berg" in summary for summary in summaries)
    assert all(event.walk("VALARM") for event in calendar.walk("VEVENT"))
    assert shown_messages[-1][1].startswith(f"Saved {len(summaries)} follow-ups to follow-ups.ics")
