"""CSV agendas in the GUI: unknown columns and day-name-only files are settled in a dialog, in plain words,
and a file without a time zone asks where the conference is held."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtWidgets import QComboBox, QLabel

from conference_app.core.importers.csv_agenda import inspect
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.conference_settings_dialog import ConferenceSettingsDialog
from conference_app.ui.dialogs.csv_mapping_dialog import CsvMappingDialog
from tests.conftest import shared_file
from tests.ui.test_main_window import visible_titles

UNUSUAL = "Slot,Was,Wo\n2026-05-04 09:00,Opening of the skills lab,Lab 1\n2026-05-04 10:00,Suturing drills,Lab 2\n"
COMMAND_LINE = re.compile(r"--[a-z]|conference-app")


@pytest.fixture
def zone_asked(monkeypatch) -> list[tuple[int, str]]:
    """Each time the window asks for a conference's time zone, answered with Cancel."""
    asked: list[tuple[int, str]] = []

    def ask(parent, program, bus, conference_id, note=""):
        asked.append((conference_id, note))
        return None

    monkeypatch.setattr(ConferenceSettingsDialog, "edit", staticmethod(ask))
    return asked


def test_day_names_only_csv_asks_for_the_first_day(qtbot, main_window, monkeypatch, zone_asked):
    asked = []

    def answer(parent, path, layout):
        asked.append((path.name, layout.needs_first_day))
        return layout.mapping, date(1999, 8, 13)  # Camp 1999 began on Friday 13 August

    monkeypatch.setattr(CsvMappingDialog, "ask", staticmethod(answer))
    path = shared_file("csv/voc-schedule-camp99.csv")
    with qtbot.waitSignal(main_window.importer.finished, timeout=30000):
        main_window.import_file(path)
    qtbot.waitUntil(lambda: not main_window.importer.busy and len(visible_titles(main_window)) == 32)
    assert asked == [("voc-schedule-camp99.csv", True)]
    first = main_window.program_page.model.row_at(0)
    assert first.start.date() == date(1999, 8, 13)


def test_unknown_columns_are_mapped_by_the_user(qtbot, main_window, monkeypatch, tmp_path, zone_asked):
    path = tmp_path / "skills.csv"
    path.write_text(UNUSUAL, encoding="utf-8")
    monkeypatch.setattr(
        CsvMappingDialog,
        "ask",
        staticmethod(lambda parent, p, layout: ({"Slot": "start", "Was": "title", "Wo": "room"}, None)),
    )
    with qtbot.waitSignal(main_window.importer.finished, timeout=30000):
        main_window.import_file(path)
    qtbot.waitUntil(lambda: not main_window.importer.busy and len(visible_titles(main_window)) == 2)
    assert visible_titles(main_window) == ["Opening of the skills lab", "Suturing drills"]


def test_mapping_dialog_offers_every_field_and_returns_the_choice(qtbot, tmp_path):
    path = tmp_path / "skills.csv"
    path.write_text(UNUSUAL, encoding="utf-8")
    layout = inspect(path)
    dialog = CsvMappingDialog(path, layout)
    qtbot.addWidget(dialog)
    combo: QComboBox = dialog.combos["Was"]
    combo.setCurrentIndex(combo.findData("title"))
    slot = dialog.combos["Slot"]
    slot.setCurrentIndex(slot.findData("start"))
    assert dialog.column_map()["Was"] == "title"
    assert dialog.column_map()["Slot"] == "start"
    assert dialog.column_map()["Wo"] in ("ignore", "room")
    assert dialog.chosen_first_day() is None  # the file has real dates


def visible_texts(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    return texts


def test_the_mapping_dialog_speaks_plain_words_not_command_line_flags(qtbot, tmp_path):
    unknown = tmp_path / "skills.csv"
    unknown.write_text(UNUSUAL, encoding="utf-8")
    day_names = shared_file("csv/voc-schedule-camp99.csv")
    for path in (unknown, day_names):
        dialog = CsvMappingDialog(path, inspect(path))
        qtbot.addWidget(dialog)
        texts = visible_texts(dialog)
        assert not [t for t in texts if COMMAND_LINE.search(t)]
        assert not [t for t in texts if t.casefold().startswith("start: start")]
    assert "cannot tell which columns hold the session titles and the start times in skills.csv" in texts_of(
        qtbot, unknown
    )
    assert "has day names (like “Friday”) but no dates" in texts_of(qtbot, day_names)


def texts_of(qtbot, path) -> str:  # type: ignore[no-untyped-def]
    dialog = CsvMappingDialog(path, inspect(path))
    qtbot.addWidget(dialog)
    return "\n".join(visible_texts(dialog))


def test_a_csv_without_a_time_zone_asks_where_the_conference_is(qtbot, main_window, zone_asked, monkeypatch):
    details: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, more="": details.append(f"{text}\n{more}"))
    path = shared_file("csv/voctosched-gpn11.csv")  # columns recognised, times without a zone
    with qtbot.waitSignal(main_window.importer.finished, timeout=30000):
        main_window.import_file(path)
    conference_id = main_window.workspace.program.current_conference_id()
    assert len(zone_asked) == 1 and zone_asked[0][0] == conference_id
    assert "voctosched-gpn11.csv does not say which time zone" in zone_asked[0][1]
    # The question is asked, not hidden among the import's details.
    assert not [text for text in details if "taken as UTC" in text]
