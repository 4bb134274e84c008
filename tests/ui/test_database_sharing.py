"""The window and the command line on one database: the window shows what the command line changed,
keeps its own conferences straight, and waits for another writer out loud instead of failing."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from conference_app.core.storage import bulk, write_lock
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import run_action
from conference_app.ui.models.session_table import TITLE
from tests.database_cases import connections_made, is_open, picks, run_cli, write_program
from tests.storage.old_schema import database_at


def visible_titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.program_page.model
    return [model.index(r, TITLE).data() for r in range(model.rowCount())]


def import_through_window(qtbot, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    """An import from the window, and the search index it leaves finished in the background."""
    with qtbot.waitSignal(window.importer.finished, timeout=60000):
        window.import_file(path)
    qtbot.waitUntil(lambda: not window.search_index.busy, timeout=60000)


def conference_shown(window) -> tuple[str, object, str]:  # type: ignore[no-untyped-def]
    return window.conference_box.currentText(), window.current_conference_id, window.windowTitle()


def test_the_window_shows_what_the_command_line_imported_into_its_database(qtbot, main_window, tmp_path) -> None:
    assert main_window.conference_box.count() == 0
    program = write_program(tmp_path, "cli26", "Terminal Congress", 12)

    imported = run_cli("import", program, "--db", main_window.workspace.database.path)

    assert imported.returncode == 0, imported.stderr
    # The window looks every two seconds and whenever it becomes active.
    qtbot.waitUntil(lambda: main_window.conference_box.count() == 1, timeout=20000)
    assert main_window.conference_box.currentText() == "Terminal Congress  (12 sessions)"
    assert main_window.windowTitle() == "Terminal Congress — Conference Companion"
    assert sorted(visible_titles(main_window)) == sorted(f"Terminal Congress: session {n}" for n in range(12))


def test_the_windows_own_changes_reload_nothing_more(qtbot, main_window, tmp_path) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "gui26", "Window Congress", 5))
    event_id = main_window.workspace.program.sessions()[0].id
    reloads: list[object] = []
    main_window.database_watch.reloaded.connect(lambda: reloads.append(1))

    run_action(main_window, main_window.bus, lambda: main_window.workspace.program.pick(event_id))

    assert main_window.database_watch.check() is False
    assert reloads == []


@pytest.fixture
def upgraded_window(qtbot, tmp_path, shown_messages):  # type: ignore[no-untyped-def]
    """The window on a database an older version left, upgraded (and backed up) as it opened."""
    from conference_app.ui.main_window import MainWindow

    path = tmp_path / "app.sqlite"
    database_at(path, "0002", "")
    workspace = Workspace.open(path)
    assert workspace.database.backup is not None
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    workspace.close()


def test_window_import_then_terminal_import_then_switching_conference(
    qtbot, upgraded_window, tmp_path, shown_messages
) -> None:
    window = upgraded_window
    import_through_window(qtbot, window, write_program(tmp_path, "gui26", "Window Congress", 20))
    imported = run_cli(
        "import", write_program(tmp_path, "cli26", "Terminal Congress", 7), "--db", window.workspace.database.path
    )
    assert imported.returncode == 0, imported.stderr
    qtbot.waitUntil(lambda: window.conference_box.count() == 2, timeout=20000)

    for title, sessions in (("Window Congress", 20), ("Terminal Congress", 7), ("Window Congress", 20)):
        index = window.conference_box.findText(f"{title}  ({sessions} sessions)")
        window.conference_box.setCurrentIndex(index)
        window.conference_box.activated.emit(index)
        assert window.windowTitle() == f"{title} — Conference Companion"
        assert sorted(visible_titles(window)) == sorted(f"{title}: session {n}" for n in range(sessions))
    window.workspace.program.pick(window.workspace.program.sessions()[0].id)
    assert shown_messages == []


def test_a_switch_that_fails_keeps_the_conference_shown(
    qtbot, main_window, tmp_path, shown_messages, monkeypatch
) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 3))
    import_through_window(qtbot, main_window, write_program(tmp_path, "two26", "Second Congress", 4))
    before = conference_shown(main_window)
    assert before[0] == "Second Congress  (4 sessions)"
    monkeypatch.setattr(write_lock, "WRITE_WAIT_SILENT_S", 0.1)
    monkeypatch.setattr(write_lock, "WRITE_WAIT_LIMIT_S", 0.3)
    holder = sqlite3.connect(main_window.workspace.database.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writes for longer than the window waits
    try:
        first = main_window.conference_box.findText("First Congress  (3 sessions)")
        main_window.conference_box.setCurrentIndex(first)
        main_window.conference_box.activated.emit(first)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert shown_messages[-1] == (
        "error",
        "app.sqlite is busy: another program (or another window) is writing to it; "
        "try again in a moment; nothing was changed",
    )
    assert conference_shown(main_window) == before
    assert sorted(visible_titles(main_window)) == sorted(f"Second Congress: session {n}" for n in range(4))


def test_a_pick_during_the_windows_import_waits_for_it_and_says_so(
    qtbot, main_window, tmp_path, monkeypatch, shown_messages
) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 3))
    event_id = main_window.workspace.program.sessions()[0].id
    writing, finish = threading.Event(), threading.Event()
    insert_events = bulk.insert_events

    def slow_insert(session, rows):  # type: ignore[no-untyped-def]
        insert_events(session, rows)  # the import now holds the write lock …
        writing.set()
        finish.wait(60)  # … until the pick has said it waits

    monkeypatch.setattr(bulk, "insert_events", slow_insert)
    monkeypatch.setattr(write_lock, "WRITE_WAIT_LIMIT_S", 30.0)
    statuses: list[str] = []
    main_window.statusBar().messageChanged.connect(statuses.append)
    main_window.statusBar().messageChanged.connect(lambda text: text.startswith("Waiting") and finish.set())
    main_window.import_file(write_program(tmp_path, "big26", "Second Congress", 50))
    qtbot.waitUntil(writing.is_set, timeout=30000)

    row = run_action(main_window, main_window.bus, lambda: main_window.workspace.program.pick(event_id))

    assert row is not None and row.priority == "must"
    assert "Waiting for the import to finish…" in statuses
    assert main_window.database_watch.waits.texts == ["Waiting for the import to finish…"]
    assert main_window.database_watch.waits.dialog is None
    qtbot.waitUntil(lambda: not main_window.importer.busy, timeout=30000)
    assert picks(main_window.workspace.database.path) == 1
    assert main_window.conference_box.count() == 2
    assert [m for m in shown_messages if m[0] == "error"] == []


def test_a_pick_waiting_for_another_program_can_be_stopped(
    qtbot, main_window, tmp_path, shown_messages, monkeypatch
) -> None:
    monkeypatch.setattr(write_lock, "WRITE_WAIT_LIMIT_S", 30.0)  # should stopping fail, the test fails in time
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 3))
    event_id = main_window.workspace.program.sessions()[0].id
    holder = sqlite3.connect(main_window.workspace.database.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waits = main_window.database_watch.waits
    main_window.statusBar().messageChanged.connect(
        lambda text: text.startswith("Waiting") and waits.dialog is not None and waits.dialog.cancel()
    )
    try:
        row = run_action(main_window, main_window.bus, lambda: main_window.workspace.program.pick(event_id))
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert row is None
    assert waits.texts == ["Waiting for another program to finish writing to app.sqlite…"]
    assert shown_messages[-1] == ("error", "Stopped waiting for app.sqlite; nothing was changed")
    assert picks(main_window.workspace.database.path) == 0


def test_a_conference_removed_by_another_window_leaves_this_one_on_another(
    qtbot, main_window, tmp_path, shown_messages
) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 3))
    import_through_window(qtbot, main_window, write_program(tmp_path, "two26", "Second Congress", 4))
    assert main_window.windowTitle() == "Second Congress — Conference Companion"
    other_window = Workspace.open(main_window.workspace.database.path)  # another window's workspace
    try:
        other_window.program.delete_conference(main_window.current_conference_id)
    finally:
        other_window.close()

    assert main_window.database_watch.check() is True

    assert main_window.windowTitle() == "First Congress — Conference Companion"
    assert [main_window.conference_box.itemText(i) for i in range(main_window.conference_box.count())] == [
        "First Congress  (3 sessions)"
    ]
    assert sorted(visible_titles(main_window)) == sorted(f"First Congress: session {n}" for n in range(3))
    assert shown_messages == []


def test_closing_the_workspace_closes_the_change_watch_of_a_window_never_closed(qtbot, tmp_path) -> None:
    from conference_app.core.workspace import Workspace
    from conference_app.ui.main_window import MainWindow

    workspace = Workspace.open(tmp_path / "watched.sqlite")
    made = connections_made(workspace.database)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    watch = window.database_watch._watch
    assert watch is not None and watch._connection is not None
    workspace.close()  # no Close event reached the window: Python 3.13 would report the connection as leaked
    assert watch._connection is None

    # What the window put off until the event loop runs (the draft it offers) still reads the closed
    # workspace; the connection it takes is closed at once, not left for the garbage collector.
    QCoreApplication.processEvents()
    assert made and not any(is_open(connection) for connection in made)
