"""CSV agendas in the GUI: unknown columns and day-name-only files are settled in a dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox

from conference_app.core.importers.csv_agenda import inspect
from conference_app.ui.dialogs.csv_mapping_dialog import CsvMappingDialog
from tests.conftest import shared_file
from tests.ui.test_main_window import visible_titles

UNUSUAL = "Slot,Was,Wo\n2026-05-04 09:00,Opening of the skills lab,Lab 1\n2026-05-04 10:00,Suturing drills,Lab 2\n"


def test_day_names_only_csv_asks_for_the_first_day(qtbot, main_window, monkeypatch):
    asked = []

    def answer(parent, path, layout, problem):
        asked.append((path.name, problem, layout.needs_first_day))
        return layout.mapping, date(1999, 8, 13)  # Camp 1999 began on Friday 13 August

    monkeypatch.setattr(CsvMappingDialog, "ask", staticmethod(answer))
    path = shared_file("csv/voc-schedule-camp99.csv")
    with qtbot.waitSignal(main_window.importer.finished, timeout=30000):
        main_window.import_file(path)
    qtbot.waitUntil(lambda: not main_window.importer.busy and len(visible_titles(main_window)) == 32)
    assert asked and asked[0][0] == "voc-schedule-camp99.csv" and asked[0][2] is True
    first = main_window.program_page.model.row_at(0)
    assert first.start.date() == date(1999, 8, 13)


def test_unknown_columns_are_mapped_by_the_user(qtbot, main_window, monkeypatch, tmp_path):
    path = tmp_path / "skills.csv"
    path.write_text(UNUSUAL, encoding="utf-8")
    monkeypatch.setattr(
        CsvMappingDialog,
        "ask",
        staticmethod(lambda parent, p, layout, problem: ({"Slot": "start", "Was": "title", "Wo": "room"}, None)),
    )
    with qtbot.waitSignal(main_window.importer.finished, timeout=30000):
        main_window.import_file(path)
    qtbot.waitUntil(lambda: not main_window.importer.busy and len(visible_titles(main_window)) == 2)
    assert visible_titles(main_window) == ["Opening of the skills lab", "Suturing drills"]


def test_mapping_dialog_offers_every_field_and_returns_the_choice(qtbot, tmp_path):
    path = tmp_path / "skills.csv"
    path.write_text(UNUSUAL, encoding="utf-8")
    layout = inspect(path)
    dialog = CsvMappingDialog(path, layout, "cannot tell which column holds the title")
    qtbot.addWidget(dialog)
    combo: QComboBox = dialog.combos["Was"]
    combo.setCurrentIndex(combo.findData("title"))
    slot = dialog.combos["Slot"]
    slot.setCurrentIndex(slot.findData("start"))
    assert dialog.column_map()["Was"] == "title"
    assert dialog.column_map()["Slot"] == "start"
    assert dialog.column_map()["Wo"] in ("ignore", "room")
    assert dialog.chosen_first_day() is None  # the file has real dates
