"""SQLite's own errors in the window: one line naming the database, nothing changed; and a damaged
database at start: Restore backup, Open another, or Quit."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from conference_app.core.storage import database_file, write_lock
from conference_app.core.storage.database_errors import DatabaseDamaged
from conference_app.core.workspace import Workspace
from conference_app.ui import database_recovery
from conference_app.ui.data_bus import run_action
from conference_app.ui.database_recovery import (
    OPEN_ANOTHER,
    QUIT,
    RESTORE,
    SALVAGE,
    DatabaseErrorHook,
    open_workspace,
)
from tests.database_cases import break_page, database_with_program, picks, query, write_program
from tests.frab_builder import dump
from tests.ui.test_database_sharing import import_through_window


def first_session(window) -> int:  # type: ignore[no-untyped-def]
    return window.workspace.program.sessions()[0].id


def reconnect_with(workspace: Workspace, sql: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection the window opens from now on first runs `sql`: the engine's, and those of
    the writes made beside it (an import's)."""
    event.listen(workspace.database.engine, "connect", lambda connection, _record: connection.execute(sql))
    workspace.database.engine.dispose()
    pragmas = database_file.set_pragmas

    def then_sql(connection: sqlite3.Connection, record: object = None) -> None:
        pragmas(connection, record)
        connection.execute(sql)

    monkeypatch.setattr(database_file, "set_pragmas", then_sql)


def test_a_write_lock_held_too_long_is_one_line(qtbot, main_window, tmp_path, errors, monkeypatch) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 3))
    monkeypatch.setattr(write_lock, "WRITE_WAIT_SILENT_S", 0.1)
    monkeypatch.setattr(write_lock, "WRITE_WAIT_LIMIT_S", 0.5)
    holder = sqlite3.connect(main_window.workspace.database.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert run_action(main_window, main_window.bus, lambda: main_window.workspace.program.pick(1)) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert errors == [
        "app.sqlite is busy: another program (or another window) is writing to it; try again in a "
        "moment; nothing was changed"
    ]
    assert main_window.database_watch.waits.dialog is None and main_window.statusBar().currentMessage() == ""
    assert picks(main_window.workspace.database.path) == 0


def test_a_read_only_database_is_one_line(qtbot, main_window, tmp_path, errors, monkeypatch) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 3))
    event_id = first_session(main_window)
    reconnect_with(main_window.workspace, "PRAGMA query_only = ON", monkeypatch)  # SQLite's own read-only refusal

    assert run_action(main_window, main_window.bus, lambda: main_window.workspace.program.pick(event_id)) is None

    assert errors == [
        "app.sqlite is read-only: check the permissions of the file and of its folder; nothing was changed"
    ]
    assert picks(main_window.workspace.database.path) == 0


def test_a_full_disk_during_an_import_in_the_window_is_one_line(
    qtbot, main_window, tmp_path, errors, monkeypatch
) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 3))
    path = main_window.workspace.database.path
    before = dump(path)
    pages = query(path, "PRAGMA page_count")[0][0]
    reconnect_with(main_window.workspace, f"PRAGMA max_page_count = {pages + 20}", monkeypatch)  # the disk is full then

    import_through_window(qtbot, main_window, write_program(tmp_path, "big26", "Big Congress", 400))

    assert errors == ["app.sqlite cannot grow: the disk is full; free some space and try again; nothing was changed"]
    assert main_window.statusBar().currentMessage().startswith("Not imported: app.sqlite cannot grow")
    assert not main_window.importer.busy
    assert dump(path) == before


def test_a_page_broken_while_the_window_is_open_stops_every_change(qtbot, main_window, tmp_path, errors) -> None:
    import_through_window(qtbot, main_window, write_program(tmp_path, "one26", "First Congress", 30))
    workspace = main_window.workspace
    event_id = first_session(main_window)
    with workspace.database.engine.connect() as connection:  # every page in the file, none left in the log
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.database.engine.dispose()
    subprocess.run(  # another process breaks the page: this one keeps its locks (tests/database_cases.py)
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, '.'); from tests.database_cases import break_page;"
            f"break_page(__import__('pathlib').Path({str(workspace.database.path)!r}), 'event')",
        ],
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    hook = DatabaseErrorHook(main_window, workspace.database.path)
    try:
        main_window.program_page.reload()  # a page reading outside any action: caught by the hook, said once
    except Exception as error:  # noqa: BLE001 - Qt would hand it to sys.excepthook
        sys.excepthook(type(error), error, error.__traceback__)
    finally:
        hook.remove()

    assert run_action(main_window, main_window.bus, lambda: workspace.program.pick(event_id)) is None
    assert len(errors) == 2 and errors[0] == errors[1]
    assert errors[0] == (
        "app.sqlite is damaged (SQLite found a broken page); there is no backup beside it: keep a "
        "copy of the file and start a new database; nothing was changed"
    )
    assert picks(workspace.database.path) == 0


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path]:
    """A database with a broken page and the backup an upgrade left beside it."""
    path, _session = database_with_program(tmp_path)
    backup = tmp_path / "app.sqlite.0002.20261001-090000.bak"
    backup.write_bytes(path.read_bytes())
    break_page(path, "event")
    return path, backup


def test_restore_backup_puts_the_copy_back_and_keeps_the_damaged_file(qtbot, damaged, monkeypatch) -> None:
    path, backup = damaged
    asked: list[DatabaseDamaged] = []
    told: list[str] = []
    monkeypatch.setattr(database_recovery.messages, "show_info", lambda parent, text, details="": told.append(text))
    broken = path.read_bytes()

    workspace = open_workspace(path, ask=lambda error: asked.append(error) or RESTORE)

    assert workspace is not None
    try:
        assert [c.title for c in workspace.program.conferences()] == ["Annual Surgical Congress"]
        assert len(workspace.program.sessions()) == 40
    finally:
        workspace.close()
    assert [error.backup for error in asked] == [backup]
    (kept,) = path.parent.glob("app.sqlite.damaged-*")
    assert kept.read_bytes() == broken
    assert told == [
        f"app.sqlite.0002.20261001-090000.bak is back in place of app.sqlite; the damaged file is kept as {kept.name}."
    ]


def test_save_what_can_be_read_opens_the_saved_copy(qtbot, damaged, tmp_path, monkeypatch) -> None:
    path, _backup = damaged
    target = tmp_path / "saved" / "rescued.sqlite"
    target.parent.mkdir()
    told: list[str] = []
    monkeypatch.setattr(database_recovery, "choose_new_database", lambda parent, suggested: target)
    monkeypatch.setattr(database_recovery.messages, "show_info", lambda parent, text, details="": told.append(text))
    broken = path.read_bytes()

    workspace = open_workspace(path, ask=lambda error: SALVAGE)

    assert workspace is not None and workspace.database.path == target
    try:
        assert 0 < len(workspace.program.sessions()) < 40
    finally:
        workspace.close()
    assert path.read_bytes() == broken
    assert len(told) == 1 and told[0].endswith(
        " rows of app.sqlite saved into rescued.sqlite; rows on broken pages of event were lost."
    )


def test_open_another_opens_the_file_chosen(qtbot, damaged, tmp_path, monkeypatch) -> None:
    path, _backup = damaged
    other = tmp_path / "elsewhere" / "new.sqlite"
    monkeypatch.setattr(database_recovery, "choose_database", lambda parent, folder: other)
    broken = path.read_bytes()

    workspace = open_workspace(path, ask=lambda error: OPEN_ANOTHER)

    assert workspace is not None and workspace.database.path == other
    workspace.close()
    assert path.read_bytes() == broken


def test_quit_leaves_the_damaged_file_alone(qtbot, damaged) -> None:
    path, _backup = damaged
    broken = path.read_bytes()
    assert open_workspace(path, ask=lambda error: QUIT) is None
    assert path.read_bytes() == broken
    assert sorted(p.name for p in path.parent.glob("app.sqlite*")) == [
        "app.sqlite",
        "app.sqlite.0002.20261001-090000.bak",
    ]


def test_the_damage_dialog_says_what_each_choice_does(qtbot, damaged) -> None:
    path, backup = damaged
    with pytest.raises(DatabaseDamaged) as raised:
        Workspace.open(path)
    text, details = database_recovery.damage_question(raised.value)
    assert text == "app.sqlite is damaged: SQLite cannot read part of it. The app will not write to it."
    assert details.startswith(f"Restore backup puts back {backup.name}, the copy made on ")
    assert details.endswith(
        "what you changed after that is not in it. The damaged file is kept beside it, renamed. Save what can be "
        "read copies every row SQLite can still read into a new database and opens that; the damaged file is left "
        "as it is."
    )
