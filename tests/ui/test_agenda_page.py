"""The agenda page: a calendar of picks and personal items, clashes marked, actions, .ics export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QDialogButtonBox

from conference_app.core.domain.agenda_view import PERSONAL, SESSION, AgendaItem
from conference_app.core.services.outcome import Topic
from conference_app.ui.data_bus import DataBus
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.personal_item_dialog import PersonalItemDialog, PersonalItemDraft
from conference_app.ui.pages.agenda_page import AgendaPage
from conference_app.ui.widgets.agenda_layout import lanes, wrap_title
from tests.core.test_agenda_service import Congress


@pytest.fixture
def congress(tmp_path: Path):  # type: ignore[no-untyped-def]
    congress = Congress(tmp_path)
    congress.pick("s1", "s4", "s5")
    congress.pick("s2", priority="nice")
    yield congress
    congress.workspace.close()


@pytest.fixture
def page(qtbot, congress: Congress, bus: DataBus) -> AgendaPage:  # type: ignore[no-untyped-def]
    page = AgendaPage(congress.workspace, bus)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show_conference(congress.conference_id)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown(page: AgendaPage) -> list[str]:
    return [p.item.title for p in sorted(page.calendar.grid.placed, key=lambda p: (p.item.start, p.item.title))]


def click_item(qtbot, page: AgendaPage, kind: str, item_id: int) -> None:  # type: ignore[no-untyped-def]
    rect = page.calendar.grid.rect_of((kind, item_id))
    assert rect is not None
    page.calendar.ensure_visible((kind, item_id))
    qtbot.mouseClick(page.calendar.grid, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def item_titled(page: AgendaPage, title: str) -> AgendaItem:
    assert page.view is not None
    return next(i for i in page.view.items if i.title == title)


def list_texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.item(n).text() for n in range(widget.count())]


def test_the_calendar_shows_each_day_with_its_picks_and_the_clash(page: AgendaPage) -> None:
    grid = page.calendar.grid

    assert [d.date.isoformat() for d in grid.days] == ["2026-06-11", "2026-06-12"]
    assert shown(page) == ["Robotic Whipple: Early Outcomes", "Trauma Laparotomy Techniques",
                           "Education Roundtable", "Poster Walk"]
    whipple = grid.rect_of((SESSION, item_titled(page, "Robotic Whipple: Early Outcomes").id))
    trauma = grid.rect_of((SESSION, item_titled(page, "Trauma Laparotomy Techniques").id))
    roundtable = grid.rect_of((SESSION, item_titled(page, "Education Roundtable").id))
    assert whipple is not None and trauma is not None and roundtable is not None
    assert whipple.right() <= trauma.left()  # overlapping blocks stand side by side
    assert whipple.top() < trauma.top() < whipple.bottom()
    assert roundtable.width() > 2 * whipple.width() - 10  # a block without overlap takes the whole column
    assert "4 sessions" in page.summary.text() and "1 clash" in page.summary.text()
    assert list_texts(page.clash_list) == [
        "⚠ Thu 09:00  Robotic Whipple: Early Outcomes\n      overlaps Trauma Laparotomy Techniques"
    ]
    assert list_texts(page.gap_list) == ["Thu 11 Jun  10:15–13:00 free (2 h 45 min)"]
    assert page.export_button.isEnabled()
    assert not page.hint.isVisible()


def test_clicking_a_block_shows_it_and_its_clash(qtbot, page: AgendaPage) -> None:  # type: ignore[no-untyped-def]
    trauma = item_titled(page, "Trauma Laparotomy Techniques")

    click_item(qtbot, page, SESSION, trauma.id)

    assert page.selected_item() == trauma
    html = page.detail.toPlainText()
    assert "Trauma Laparotomy Techniques" in html
    assert "Nice to see" in html
    assert "Overlaps" in html and "Robotic Whipple: Early Outcomes (09:00–10:00)" in html
    assert page.priority_button.text() == "Make must-see"
    assert page.priority_button.isEnabled() and page.remove_button.isEnabled()
    assert not page.edit_button.isVisible()


def test_priority_attended_and_remove_act_on_the_selected_session(
    qtbot, page: AgendaPage, congress: Congress  # type: ignore[no-untyped-def]
) -> None:
    trauma = item_titled(page, "Trauma Laparotomy Techniques")
    page.select(SESSION, trauma.id)

    qtbot.mouseClick(page.priority_button, Qt.MouseButton.LeftButton)
    assert item_titled(page, "Trauma Laparotomy Techniques").priority == "must"
    assert congress.agenda().item(SESSION, trauma.id).priority == "must"  # type: ignore[union-attr]
    assert page.priority_button.text() == "Make nice-to-see"

    qtbot.mouseClick(page.attended_button, Qt.MouseButton.LeftButton)
    assert congress.agenda().item(SESSION, trauma.id).attended is True  # type: ignore[union-attr]
    assert page.attended_button.text() == "Attended ✓"

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert "Trauma Laparotomy Techniques" not in shown(page)
    assert congress.agenda().item(SESSION, trauma.id) is None
    assert page.clash_list.item(0).text() == "No clashes: every plan has its own time."
    assert page.status.text() == "Removed “Trauma Laparotomy Techniques” from the agenda."


def test_adding_a_personal_item_marks_its_clashes(
    qtbot, page: AgendaPage, congress: Congress, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    asked: list[tuple[str, list[str]]] = []

    def answer(parent, time_zone, days, initial=None):  # type: ignore[no-untyped-def]
        asked.append((time_zone, [d.isoformat() for d in days]))
        return PersonalItemDraft("Coffee with my mentor", datetime(2026, 6, 11, 9, 45), datetime(2026, 6, 11, 10, 30),
                                 "Lobby", "Ask about research")

    monkeypatch.setattr(PersonalItemDialog, "ask", answer)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    assert asked == [("Europe/Berlin", ["2026-06-11", "2026-06-12"])]
    coffee = item_titled(page, "Coffee with my mentor")
    assert coffee.kind == PERSONAL and coffee.start.isoformat() == "2026-06-11T09:45:00+02:00"
    assert [o.title for o in coffee.clashes_with] == ["Robotic Whipple: Early Outcomes", "Trauma Laparotomy Techniques"]
    assert page.selected_item() == coffee
    assert page.edit_button.isVisible() and not page.priority_button.isVisible()
    assert page.status.text().startswith("Added “Coffee with my mentor”, Thu 11 Jun 09:45–10:30. ⚠ It overlaps")
    clashes = list_texts(page.clash_list)
    assert len(clashes) == 3
    assert any("Coffee with my mentor" in text and "Robotic Whipple" in text for text in clashes)
    assert [i.title for i in congress.agenda().days[0].items].count("Coffee with my mentor") == 1


def test_a_bad_personal_item_shows_the_service_message(
    qtbot, page: AgendaPage, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, message: errors.append(message))
    monkeypatch.setattr(
        PersonalItemDialog, "ask",
        lambda *args, **kwargs: PersonalItemDraft("Trip", datetime(2027, 1, 5, 9), datetime(2027, 1, 5, 10)),
    )

    page.add_personal_item()

    assert len(errors) == 1 and "far from the conference" in errors[0]
    assert "Trip" not in shown(page)


def test_a_personal_item_is_edited_on_double_click_and_deleted_after_confirming(
    qtbot, page: AgendaPage, congress: Congress, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    lunch = congress.add("Lunch", "2026-06-12T12:30", "2026-06-12T13:15").value
    page.reload()
    initial: list[PersonalItemDraft | None] = []

    def answer(parent, time_zone, days, draft=None):  # type: ignore[no-untyped-def]
        initial.append(draft)
        return PersonalItemDraft("Lunch with Dr. Ruiz", datetime(2026, 6, 12, 13, 0), datetime(2026, 6, 12, 14, 0),
                                 "Café", "")

    monkeypatch.setattr(PersonalItemDialog, "ask", answer)
    rect = page.calendar.grid.rect_of((PERSONAL, lunch.id))
    assert rect is not None
    page.calendar.ensure_visible((PERSONAL, lunch.id))
    qtbot.mouseClick(page.calendar.grid, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    qtbot.mouseDClick(page.calendar.grid, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())

    assert initial and initial[0] is not None
    assert (initial[0].title, initial[0].start, initial[0].location) == ("Lunch", datetime(2026, 6, 12, 12, 30), "")
    edited = congress.agenda().item(PERSONAL, lunch.id)
    assert edited is not None and edited.title == "Lunch with Dr. Ruiz" and edited.place == "Café"
    assert edited.start.isoformat() == "2026-06-12T13:00:00+02:00"

    page.select(PERSONAL, lunch.id)
    monkeypatch.setattr(messages, "confirm", lambda parent, question: "Lunch with Dr. Ruiz" in question)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert congress.agenda().item(PERSONAL, lunch.id) is None
    assert "Lunch with Dr. Ruiz" not in shown(page)


def test_double_click_on_free_space_offers_that_time(
    qtbot, page: AgendaPage, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    offered: list[datetime] = []

    def answer(parent, time_zone, days, initial=None):  # type: ignore[no-untyped-def]
        offered.append(initial.start)
        return None

    monkeypatch.setattr(PersonalItemDialog, "ask", answer)
    grid = page.calendar.grid
    day_two_x = int(grid.column_x(1) + grid.column_width() / 2)
    y = int(grid.y_of(datetime(2026, 6, 12, 15, 0), grid.days[1].date)) + 2
    page.calendar.ensureVisible(day_two_x, y)
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=QPoint(day_two_x, y))

    assert offered == [datetime(2026, 6, 12, 15, 0)]


def test_export_writes_the_chosen_file(
    qtbot, page: AgendaPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "mine.ics"
    suggested: list[str] = []
    monkeypatch.setattr(page, "choose_export_path", lambda name: suggested.append(name) or target)

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)

    assert suggested and suggested[0].endswith("ascs26-agenda.ics")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(calendar.walk("VEVENT")) == 4
    assert page.status.text().startswith(f"Saved 4 events, 3 with a 15-minute reminder to {target}")


def test_export_into_a_missing_folder_shows_an_error(
    qtbot, page: AgendaPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, message: errors.append(message))
    monkeypatch.setattr(page, "choose_export_path", lambda name: tmp_path / "gone" / "a.ics")

    page.export_calendar()

    assert len(errors) == 1 and "a.ics" in errors[0] and "does not exist" in errors[0]
    assert page.status.text() == ""


def test_the_page_reloads_when_targets_change(page: AgendaPage, congress: Congress, bus: DataBus) -> None:
    congress.target("Zoë Müller", at="s1")
    assert item_titled(page, "Robotic Whipple: Early Outcomes").meet == ()

    bus.publish(frozenset({Topic.GOALS}))
    assert item_titled(page, "Robotic Whipple: Early Outcomes").meet == ()  # not a topic the agenda shows
    bus.publish(frozenset({Topic.TARGETS}))

    assert [n.name for n in item_titled(page, "Robotic Whipple: Early Outcomes").meet] == ["Zoë Müller"]


def test_without_a_conference_the_page_asks_for_a_program(qtbot, congress: Congress) -> None:  # type: ignore[no-untyped-def]
    page = AgendaPage(congress.workspace, DataBus())
    qtbot.addWidget(page)
    page.show_conference(None)

    assert page.view is None
    assert "Import a conference program" in page.hint.text()
    assert not page.add_button.isEnabled() and not page.export_button.isEnabled()
    assert page.calendar.grid.placed == []


def test_keyboard_walks_through_the_items_in_time_order(qtbot, page: AgendaPage) -> None:  # type: ignore[no-untyped-def]
    page.calendar.grid.setFocus()
    qtbot.keyClick(page.calendar.grid, Qt.Key.Key_Down)
    first = page.selected_item()
    qtbot.keyClick(page.calendar.grid, Qt.Key.Key_Down)
    second = page.selected_item()

    assert first is not None and first.title == "Robotic Whipple: Early Outcomes"
    assert second is not None and second.title == "Trauma Laparotomy Techniques"
    assert "Trauma Laparotomy Techniques" in page.detail.toPlainText()


def test_overlapping_blocks_get_separate_lanes(page: AgendaPage) -> None:
    assert page.view is not None
    day_one = page.view.days[0].items
    positions = lanes(day_one)

    by_title = {item.title: positions[(item.kind, item.id)] for item in day_one}
    assert by_title == {
        "Robotic Whipple: Early Outcomes": (0, 2),
        "Trauma Laparotomy Techniques": (1, 2),
        "Education Roundtable": (0, 1),
    }


def test_blocks_in_a_clash_stay_wide_enough_to_read(page: AgendaPage, congress: Congress) -> None:
    for n in range(5):  # with the two overlapping picks, seven blocks side by side at 09:30
        congress.add(f"Vascular anastomosis drill {n}", "2026-06-11T09:15", "2026-06-11T09:45")
    page.reload()
    grid = page.calendar.grid
    day_one = [p for p in grid.placed if p.item.start.date() == page.view.days[0].date]
    assert len(day_one) == 8
    assert min(p.rect.width() for p in day_one) >= grid.lane_width() - 2
    # The busy day asks for its room (the calendar scrolls sideways on a narrow screen); the others stay as they were.
    assert grid.column_width(0) >= 7 * grid.lane_width() > grid.column_width(1)
    bold = QFont(grid.font())
    bold.setBold(True)
    metrics = QFontMetricsF(bold)
    for placed in day_one:
        words = placed.item.title.split()
        for line in wrap_title(placed.item.title, metrics, placed.rect.width() - 15, 3):
            for word in line.split():  # whole words, or the start of one with an ellipsis: never "Vascu lar"
                assert word in words or (word.endswith("…") and any(w.startswith(word[:-1]) for w in words))


def test_a_word_wider_than_its_block_is_elided_not_cut_into_pieces(qtbot) -> None:  # type: ignore[no-untyped-def]
    metrics = QFontMetricsF(QFont())
    width = metrics.horizontalAdvance("Pancreatico")
    lines = wrap_title("Pancreaticoduodenectomy outcomes", metrics, width, 3)
    assert lines[0].startswith("Pancreati") and lines[0].endswith("…")
    assert lines[1:] == ["outcomes"]


def test_typing_a_time_over_the_whole_field_sets_hours_and_minutes(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    dialog = PersonalItemDialog("Europe/Berlin", [date(2026, 6, 11)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for typed, expected in (("14:30", "14:30"), ("0915", "09:15"), ("7:05", "07:05")):
        dialog.start_time.setFocus()
        qtbot.keyClick(dialog.start_time, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.start_time, typed)
        assert dialog.start_time.time().toString("HH:mm") == expected


# --- the dialog ---------------------------------------------------------------------------------


def test_the_dialog_needs_a_title_and_an_end_after_the_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    dialog = PersonalItemDialog("Europe/Berlin", [date(2026, 6, 11), date(2026, 6, 12)])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    assert not ok.isEnabled() and dialog.problem.text() == ""
    qtbot.keyClicks(dialog.title, "Dinner with residents")
    assert ok.isEnabled()
    dialog.day.setCurrentIndex(1)
    dialog.start_time.setTime(dialog.start_time.time().fromString("19:30", "HH:mm"))
    dialog.end_time.setTime(dialog.end_time.time().fromString("19:00", "HH:mm"))
    assert not ok.isEnabled() and dialog.problem.text() == "The end must be after the start."
    dialog.end_time.setTime(dialog.end_time.time().fromString("21:45", "HH:mm"))
    dialog.location.setText("  Gibsons ")

    assert ok.isEnabled() and dialog.length.text() == "2 h 15 min"
    assert dialog.draft() == PersonalItemDraft(
        "Dinner with residents", datetime(2026, 6, 12, 19, 30), datetime(2026, 6, 12, 21, 45), "Gibsons", ""
    )


def test_an_evening_item_may_end_after_midnight(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    late = PersonalItemDraft("Dinner", datetime(2026, 6, 11, 20, 0), datetime(2026, 6, 12, 0, 30))
    dialog = PersonalItemDialog("Europe/Berlin", [date(2026, 6, 11)], late)
    qtbot.addWidget(dialog)

    assert dialog.draft() == late
    assert dialog.length.text() == "4 h 30 min (ends the next day)"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_the_dialog_edits_an_existing_item(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    existing = PersonalItemDraft("Lunch", datetime(2026, 6, 10, 12, 0), datetime(2026, 6, 10, 13, 0), "Café", "CV")
    dialog = PersonalItemDialog("Europe/Berlin", [date(2026, 6, 11)], existing)
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "Edit personal item"
    assert dialog.day.currentText() == "Wednesday 10 June 2026"  # a day outside the program is kept
    assert dialog.draft() == existing
