"""The window's start: the first screen is read before SQLAlchemy loads, the other pages are built
when first shown, and the rest of the start (engine, change watch, reminders) follows the first
drawing; what the user sees is the same as when everything was built at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace
from conference_app.ui import first_screen
from conference_app.ui.main_window import MainWindow
from conference_app.ui.pages import program_page as program_page_module

from tests.frab_builder import FrabEvent, write_congress, write_frab

CHICAGO = [
    FrabEvent("1", "Vascular Access Workshop", "2026-10-05T08:00", "01:30", room="Salon 1", track="Vascular",
              persons=(("7", "Zoe Mueller"),)),
    FrabEvent("2", "Acute Care Surgery Debate", "2026-10-05T13:00", "01:00", room="Salon 2", type="panel"),
]


@pytest.fixture
def two_conferences(workspace: Workspace, tmp_path: Path) -> tuple[int, int]:
    program = workspace.program
    berlin = program.import_program(write_congress(tmp_path)).value.conference_id
    chicago_file = write_frab(tmp_path, "chicago.xml", CHICAGO, acronym="acs-cc26", title="Clinical Congress 2026",
                              time_zone="America/Chicago")
    chicago = program.import_program(chicago_file).value.conference_id
    return berlin, chicago


def open_window(qtbot, workspace: Workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    return window


def listed_titles(window: MainWindow) -> list[str]:
    model = window.program_page.model
    return [model.row_at(i).title for i in range(model.rowCount())]


def test_the_first_screen_shows_the_conference_in_view(qtbot, workspace, two_conferences) -> None:
    _berlin, chicago = two_conferences
    program = workspace.program
    window = open_window(qtbot, workspace)
    page = window.program_page
    assert listed_titles(window) == [r.title for r in program.sessions(SessionFilter(chicago))]
    assert [page.room.itemText(i) for i in range(page.room.count())] == ["All rooms", "Salon 1", "Salon 2"]
    assert "America/Chicago" in page.zone_line.text()
    assert "Vascular Access Workshop" in page.detail.toPlainText() and "Zoe Mueller" in page.detail.toPlainText()
    assert window.conference_box.currentData() == chicago
    assert window.windowTitle().startswith("Clinical Congress 2026")


def shown_speakers(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {page.model.row_at(i).name for i in range(page.model.rowCount())}


def switch_to(window: MainWindow, conference_id: int) -> None:
    window.conference_box.setCurrentIndex(window.conference_box.findData(conference_id))
    window.conference_box.activated.emit(window.conference_box.currentIndex())


def test_pages_are_built_when_first_shown_and_show_the_conference_switched_to(qtbot, workspace, two_conferences) -> None:
    berlin, chicago = two_conferences
    window = open_window(qtbot, workspace)
    window.show()
    assert list(window.pages_built.built) == ["program_page"]
    switch_to(window, berlin)
    assert window.current_conference_id == berlin and len(listed_titles(window)) == 7
    assert "speakers_page" not in window.pages_built.built

    window.nav.setCurrentRow(1)  # Speakers: built now, for the conference in view
    speakers = window.stack.currentWidget()
    assert speakers is window.speakers_page and list(window.pages_built.built) == ["program_page", "speakers_page"]
    assert shown_speakers(speakers) == {s.name for s in workspace.program.speakers(berlin)}
    assert "Zoe Mueller" not in shown_speakers(speakers)

    switch_to(window, chicago)  # a built page follows the conference like before
    assert shown_speakers(speakers) == {"Zoe Mueller"}
    window.nav.setCurrentRow(0)
    assert listed_titles(window) == ["Vascular Access Workshop", "Acute Care Surgery Debate"]
    assert window.stack.indexOf(speakers) == 1 and window.stack.count() == len(window.pages) == 9


def test_the_detail_pane_is_read_once_when_the_list_fills(qtbot, workspace, two_conferences, monkeypatch) -> None:
    window = open_window(qtbot, workspace)
    reads: list[int] = []
    program = workspace.program
    real = program.session_detail
    monkeypatch.setattr(program, "session_detail", lambda event_id: reads.append(event_id) or real(event_id))
    window.program_page.reload()
    assert reads == [window.program_page.model.row_at(0).id]


def test_the_engine_loads_after_the_window_is_drawn(qtbot, workspace, two_conferences) -> None:
    prepared = Workspace.prepare(workspace.path)
    window = open_window(qtbot, prepared)
    assert not prepared.database_opened  # the first screen needed no engine
    window.show()
    qtbot.waitUntil(lambda: window._started, timeout=5000)
    assert prepared.database_opened and window.database_watch is not None
    window.close()
    prepared.close()


def test_a_change_made_while_the_window_opened_is_shown(qtbot, workspace, two_conferences) -> None:
    berlin, _chicago = two_conferences
    prepared = Workspace.prepare(workspace.path)
    window = open_window(qtbot, prepared)
    assert window.current_conference_id != berlin
    workspace.program.switch_conference(berlin)  # another program, between the first screen and the watch
    window.finish_startup()
    assert window.current_conference_id == berlin
    window.close()
    prepared.close()


def test_the_program_page_needs_no_database_modules_until_used() -> None:
    assert "ProgramService" not in vars(program_page_module)  # a type only: the services load on first use


def test_starting_the_window_does_not_import_sqlalchemy_or_the_command_line(tmp_path, workspace, two_conferences) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "conference_app", "--db", str(workspace.path), "--exit-after-startup"],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )
    assert '"startup_ms"' in run.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "conference_app.ui.main_window" in imported
    assert not {name for name in imported if name.split(".")[0] == "sqlalchemy"}
    assert "conference_app.cli" not in imported
    assert "conference_app.ui.pages.speakers_page" not in imported


def test_the_first_screen_lists_the_top_rows_and_the_rest_once_drawn(qtbot, workspace, two_conferences, monkeypatch) -> None:
    monkeypatch.setattr(first_screen, "FIRST_ROWS", 1)  # the conference in view has two sessions
    prepared = Workspace.prepare(workspace.path)
    window = open_window(qtbot, prepared)
    page = window.program_page
    assert listed_titles(window) == ["Vascular Access Workshop"]
    assert page.count.text() == "2 of 2 sessions"  # the count is the whole program's from the start
    window.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert listed_titles(window) == ["Vascular Access Workshop", "Acute Care Surgery Debate"]
    assert page.count.text() == "2 of 2 sessions" and page.selected_event_id() == page.model.row_at(0).id
    window.close()
    prepared.close()


def test_a_reload_before_the_rest_of_the_list_arrives_is_kept(qtbot, workspace, two_conferences, monkeypatch) -> None:
    berlin, _chicago = two_conferences
    monkeypatch.setattr(first_screen, "FIRST_ROWS", 1)
    window = open_window(qtbot, workspace)
    switch_to(window, berlin)  # the list is read again, whole, for another conference (once shown)
    window._fill_rest_of_list()  # the rest of the first screen's list comes too late: ignored
    assert "Acute Care Surgery Debate" not in listed_titles(window)
    window.show()
    qtbot.waitUntil(lambda: len(listed_titles(window)) == 7, timeout=5000)
    assert window.program_page.count.text() == "7 of 7 sessions"
    assert "Acute Care Surgery Debate" not in listed_titles(window)


CLOSE_AFTER_START = """
import sys
from PySide6.QtCore import QTimer
from conference_app.ui import main_window

finish = main_window.MainWindow.finish_startup


def finish_then_close(window):
    finish(window)
    window.people.offer_draft = lambda: None
    QTimer.singleShot(200, window.close)


main_window.MainWindow.finish_startup = finish_then_close
from conference_app.__main__ import main

code = main()
print("returned", code)  # never: the process ends once the window and the database are closed
"""


def test_the_process_ends_once_the_window_and_the_database_are_closed(tmp_path, workspace, two_conferences) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    workspace.close()  # the window's process is the only one with the file open
    run = subprocess.run(
        [sys.executable, "-c", CLOSE_AFTER_START, "--db", str(workspace.path)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert run.returncode == 0 and "returned" not in run.stdout
    settings = list((tmp_path / "config").rglob("*.conf"))
    assert settings and "geometry" in settings[0].read_text()  # written before the process ended
    assert not Path(f"{workspace.path}-wal").exists()  # every connection was closed (the last one folds the log in)
