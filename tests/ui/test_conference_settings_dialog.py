"""Conference settings: rename a conference and say where it is held, from the Program page or the menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from conference_app.core.services.program import SessionFilter
from conference_app.ui.dialogs.conference_settings_dialog import ConferenceSettingsDialog, zone_label
from tests.core.test_conference_settings import write_csv
from tests.ui.test_main_window import import_through_gui


def answer_with(monkeypatch, name: str, search: str, seen: list[ConferenceSettingsDialog]) -> None:
    """Drive the real dialog when the window opens it: type a name and a search, then Save."""

    def edit(parent, program, bus, conference_id, note=""):  # type: ignore[no-untyped-def]
        dialog = ConferenceSettingsDialog(program, bus, conference_id, note, parent)
        seen.append(dialog)
        dialog.name.setText(name)
        dialog.search.setText(search)
        dialog.accept()
        return dialog.saved

    monkeypatch.setattr(ConferenceSettingsDialog, "edit", staticmethod(edit))


def test_a_csv_program_gets_its_zone_and_name_right_after_import(qtbot, main_window, tmp_path: Path, monkeypatch):
    seen: list[ConferenceSettingsDialog] = []
    answer_with(monkeypatch, "Skills Lab Day", "berlin", seen)
    import_through_gui(qtbot, main_window, write_csv(tmp_path))

    (dialog,) = seen
    assert dialog.note.text().startswith("skills-lab.csv does not say which time zone")
    assert dialog.chosen_zone() == "Europe/Berlin"
    assert "stay as written" in dialog.effect.text() and "stays at 09:00" in dialog.effect.text()
    page = main_window.program_page
    assert page.model.index(0, 1).data() == "Mon 09:00–10:00"  # as written in the file
    assert page.zone_line.text().startswith("Times in Europe/Berlin")
    assert main_window.conference_box.currentText().startswith("Skills Lab Day")
    assert main_window.windowTitle().startswith("Skills Lab Day")
    first = main_window.workspace.program.sessions(SessionFilter(main_window.current_conference_id))[0]
    assert str(first.start.tzinfo) == "Europe/Berlin"


def test_the_program_page_and_the_menu_open_the_settings(qtbot, main_window, tmp_path: Path, monkeypatch):
    seen: list[ConferenceSettingsDialog] = []
    answer_with(monkeypatch, "skills-lab", "chicago", seen)
    import_through_gui(qtbot, main_window, write_csv(tmp_path))  # asks once, answered with Chicago
    page = main_window.program_page
    assert page.zone_line.text().startswith("Times in America/Chicago")
    page.zone_line.linkActivated.emit("settings")
    assert len(seen) == 2 and seen[1].note.isHidden()
    menu_action = next(a for a in main_window.menuBar().actions() if a.text() == "&Conference").menu().actions()[0]
    assert menu_action.text() == "Conference &settings…"
    menu_action.trigger()
    assert len(seen) == 3


def test_the_dialog_refuses_an_empty_name_or_an_unmatched_search(qtbot, main_window, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(ConferenceSettingsDialog, "edit", staticmethod(lambda *args, **kwargs: None))
    import_through_gui(qtbot, main_window, write_csv(tmp_path))
    workspace = main_window.workspace
    dialog = ConferenceSettingsDialog(workspace.program, main_window.bus, main_window.current_conference_id)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled() and dialog.chosen_zone() == "UTC"
    dialog.name.setText("  ")
    assert not save.isEnabled() and dialog.problem.text() == "Give the conference a name."
    dialog.name.setText("Skills")
    dialog.search.setText("atlantis")
    assert not save.isEnabled() and dialog.problem.text() == "No time zone matches the search."
    dialog.search.setText("new york")
    assert save.isEnabled() and dialog.chosen_zone() == "America/New_York"
    assert "America/New_York (E" in dialog.chosen.text()


def test_zone_labels_name_the_abbreviation_and_offset() -> None:
    from datetime import datetime, timezone

    summer = datetime(2026, 7, 1, tzinfo=timezone.utc)
    assert zone_label("Europe/Berlin", summer) == "Europe/Berlin (CEST, UTC+02:00)"
    assert zone_label("UTC", summer) == "UTC (UTC+00:00)"
    assert zone_label("Asia/Kolkata", summer) == "Asia/Kolkata (IST, UTC+05:30)"
