"""After an import the program is listed at once and its search index is finished in the
background: meanwhile a search says so instead of listing an unfinished index's answer."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from conference_app.core.errors import UserError
from conference_app.core.services.program import ProgramService
from tests.database_cases import run_cli, write_program
from tests.frab_builder import CONGRESS, write_congress
from tests.ui.test_database_sharing import visible_titles


def _search(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    page = window.program_page
    page.search.setText(text)
    page._search_timer.timeout.emit()  # the pause after typing, without waiting for it


def test_a_search_before_the_index_is_finished_says_so_then_lists_the_matches(
    qtbot, workspace, shown_messages, tmp_path
) -> None:
    from conference_app.ui.main_window import MainWindow

    workspace.program.import_program(write_congress(tmp_path))  # as the command line would: the index waits
    window = MainWindow(workspace)  # not yet drawn: the rest of its start, the index among it, waits
    qtbot.addWidget(window)
    page = window.program_page
    assert page.model.total == len(CONGRESS)

    _search(qtbot, window, "whipple")

    assert page.model.rowCount() == 0
    assert page.no_match.text() == (
        "Search is being prepared after the import; the sessions matching “whipple” appear in a moment."
    )
    assert workspace.program.search_pending()

    window.finish_startup()

    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert visible_titles(window) == ["Robotic Pancreaticoduodenectomy: Early Outcomes"]
    assert not workspace.program.search_pending()
    assert shown_messages == []


def test_an_index_that_cannot_be_finished_is_said_where_search_is(
    qtbot, workspace, shown_messages, tmp_path, monkeypatch
) -> None:
    from conference_app.ui.main_window import MainWindow

    workspace.program.import_program(write_congress(tmp_path))

    def disk_full(_self: ProgramService) -> None:
        raise UserError("app.sqlite: the disk is full; free some space and try again")

    monkeypatch.setattr(ProgramService, "finish_search_index", disk_full)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    _search(qtbot, window, "whipple")

    with qtbot.waitSignal(window.search_index.failed, timeout=10000):
        window.finish_startup()

    expected = "Search could not be prepared: app.sqlite: the disk is full; free some space and try again"
    assert window.program_page.no_match.text() == expected
    assert window.statusBar().currentMessage() == expected
    assert workspace.program.search_pending()  # nothing half-made: it is finished on the next try
    assert shown_messages == []


def test_what_the_command_line_imports_is_searchable_in_the_open_window(qtbot, main_window, tmp_path) -> None:
    program = write_program(tmp_path, "cli26", "Terminal Congress", 12)

    imported = run_cli("import", program, "--db", main_window.workspace.database.path)

    assert imported.returncode == 0, imported.stderr
    qtbot.waitUntil(lambda: main_window.conference_box.count() == 1, timeout=20000)
    qtbot.waitUntil(lambda: not main_window.search_index.busy, timeout=10000)
    assert not main_window.workspace.program.search_pending()
    _search(qtbot, main_window, "session 7")
    assert visible_titles(main_window) == ["Terminal Congress: session 7"]
    assert QApplication.activeWindow() is main_window
