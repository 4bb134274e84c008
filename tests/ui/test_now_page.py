"""The Now & next page: it follows a set clock, says what to do in plain words, and captures one key away."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from conference_app.core.domain.planning import GoalKind, ProfileData
from conference_app.ui.data_bus import DataBus
from conference_app.ui.pages.now_page import NO_CONFERENCE_TEXT, NO_PICKS_TEXT, OVER_TEXT, TICK_MS, NowPage
from tests.core.test_now_next import Venue, local


class Clock:
    """The moment the page sees; tests move it."""

    def __init__(self, moment: str) -> None:
        self.moment = local(moment)

    def set(self, moment: str) -> None:
        self.moment = local(moment)

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.moment


@pytest.fixture
def venue(tmp_path: Path):  # type: ignore[no-untyped-def]
    venue = Venue(tmp_path)
    yield venue
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    venue.workspace.close()


def planned(venue: Venue) -> Venue:
    venue.workspace.planning.save_profile(
        ProfileData(
            stage="PGY-2", target_institutions=("Lakeshore University Medical Center",), pitch="I study frailty."
        )
    )
    goal = venue.goal("Meet program directors", GoalKind.INTRODUCE, roles=("Program Director",))
    venue.pick("e1", "e3")
    venue.target("Dr. Grace Hopper-Lane", goal)
    venue.target("Dr. Omar Haddad", at="e3")
    return venue


def open_page(qtbot, venue: Venue, clock: Clock) -> NowPage:  # type: ignore[no-untyped-def]
    page = NowPage(venue.workspace, DataBus(), clock=clock)
    qtbot.addWidget(page)
    page.resize(1100, 640)
    page.show()
    page.show_conference(venue.conference_id)
    return page


def test_the_page_follows_the_clock(qtbot, venue: Venue) -> None:
    clock = Clock("2026-10-31T09:20")
    page = open_page(qtbot, planned(venue), clock)

    assert page.clock_label.text() == "Saturday 31 October, 09:20 — conference time (America/Chicago)"
    assert page.now_card.title.text() == "Tumor Boards That Work"
    assert page.now_card.where.text() == "Hall A · Sat 09:00–10:00 · must see"
    assert page.now_card.when.text() == "<b>40 min left · ends 10:00</b>"
    assert page.now_card.progress.value() == 333  # a third of the hour is gone
    assert page.next_card.title.text() == "Sarcoma Registry Results"
    assert page.next_card.when.text() == "<b>Starts at 11:00, in 1 h 40 min</b>"
    assert page.people_shown() == ["Dr. Grace Hopper-Lane", "Dr. Omar Haddad", "Dr. Omar Haddad"]
    grace = page.now_card.people.current_person()
    assert grace is not None and "is a program director" in grace.why
    talk = page.talk_card.text.text()
    assert "I study frailty." in talk and "“Tumor Boards That Work”" in talk and "A graceful exit" in talk
    assert not page.message_box.isVisible()
    assert page.timer.isActive() and page.timer.interval() == TICK_MS == 60_000
    # Narrow, everything wraps: nothing needs more width than the page has (it would be cut off).
    page.resize(520, 640)
    assert page.content.minimumSizeHint().width() <= page.scroll.viewport().width()

    clock.set("2026-10-31T10:30")
    page.tick()

    assert page.now_card.title.text() == "Nothing you picked is running now."
    assert not page.now_card.people.isVisible()
    assert page.message.text() == (
        "Between sessions. Your next pick, “Sarcoma Registry Results”, starts at 11:00, in 30 min in Hall C."
    )
    assert page.people_shown() == ["Dr. Omar Haddad"]


def test_empty_states_say_what_to_do(qtbot, venue: Venue) -> None:
    clock = Clock("2026-10-31T09:20")
    page = open_page(qtbot, venue, clock)
    assert page.message.text() == NO_PICKS_TEXT and page.message_box.isVisible()
    assert not (page.now_card.isVisible() or page.next_card.isVisible() or page.talk_card.isVisible())

    venue.pick("e1")
    clock.set("2026-11-02T09:00")
    page.tick()
    assert page.message.text() == OVER_TEXT
    assert page.follow_ups_button.isVisible()
    with qtbot.waitSignal(page.follow_ups_requested, timeout=1000):
        page.follow_ups_button.click()

    page.show_conference(None)
    assert page.message.text() == NO_CONFERENCE_TEXT


def test_f6_then_enter_notes_the_speaker_at_the_session_running(qtbot, venue: Venue, shown_messages) -> None:
    from conference_app.ui.main_window import MainWindow

    planned(venue)
    window = MainWindow(venue.workspace)
    window.now_page.clock = Clock("2026-10-31T09:20")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    smallest = window.minimumSizeHint()

    qtbot.keyClick(window, Qt.Key.Key_F6)

    assert window.stack.currentWidget() is window.now_page
    people = window.now_page.now_card.people
    assert people.hasFocus() and people.current_person().name == "Dr. Grace Hopper-Lane"
    qtbot.keyClick(people, Qt.Key.Key_Down)
    qtbot.keyClick(people, Qt.Key.Key_Return)

    dialog = window.people.capture_dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.name.text(), dialog.institution.text()) == ("Dr. Omar Haddad", "Summit Ridge Medical Center")
    # Where they were met: the session running now, though he was marked to meet after the other one.
    assert dialog.where.currentData() == venue.event_id("e1")
    assert dialog.place.text() == "Hall A"
    dialog.save()
    assert [p.name for p in venue.workspace.people.people()] == ["Dr. Omar Haddad"]
    # Met: he leaves both lists.
    assert window.now_page.people_shown() == ["Dr. Grace Hopper-Lane"]
    assert window.minimumSizeHint() == smallest  # the page never makes the window grow
