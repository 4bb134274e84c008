"""One database, several programs: this process keeps its locks, waits for another writer out loud,
tells another program's changes from its own, and stops writing once the file is found damaged."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from conference_app.core.domain.planning import ProfileData
from conference_app.core.errors import UserError
from conference_app.core.storage import write_lock
from conference_app.core.storage.change_watch import ChangeWatch
from conference_app.core.storage.database_errors import DATABASE_ERRORS, DatabaseDamaged
from conference_app.core.storage.write_lock import WriteWaitStopped, waits_reported
from conference_app.core.workspace import Workspace
from tests.database_cases import break_page, database_with_program, picks, query, run_cli, write_program
from tests.storage.old_schema import database_at


def _log_files(path: Path) -> dict[str, int]:
    return {
        suffix: os.stat(f"{path}{suffix}").st_ino for suffix in ("-wal", "-shm") if Path(f"{path}{suffix}").exists()
    }


def test_after_an_upgrade_another_program_cannot_pull_the_log_from_under_this_one(tmp_path: Path) -> None:
    """The window was open on a file it had just upgraded (and backed up); a terminal import then
    made every later action fail with "database disk image is malformed"."""
    path = tmp_path / "app.sqlite"
    database_at(path, "0002", "")
    workspace = Workspace.open(path)
    try:
        assert workspace.database.backup is not None
        workspace.program.import_program(write_program(tmp_path, "gui26", "Window Congress", 30))
        logs = _log_files(path)

        imported = run_cli("import", write_program(tmp_path, "cli26", "Terminal Congress", 30), "--db", path)
        assert imported.returncode == 0, imported.stderr

        # Another program's last connection closed: the log and index this process uses are still there.
        assert _log_files(path) == logs
        workspace.program.import_program(write_program(tmp_path, "more26", "Third Congress", 30))
        titles = {c.title: c.sessions for c in workspace.program.conferences()}
        assert titles == {"Window Congress": 30, "Terminal Congress": 30, "Third Congress": 30}
    finally:
        workspace.close()
    assert query(path, "PRAGMA integrity_check") == [("ok",)]


class Reporter:
    def __init__(self, on_wait=lambda: True) -> None:  # type: ignore[no-untyped-def]
        self.waits: list[float] = []
        self.finished = 0
        self._on_wait = on_wait

    def waiting(self, seconds: float) -> bool:
        self.waits.append(seconds)
        return self._on_wait()

    def done(self) -> None:
        self.finished += 1


@pytest.fixture
def congress(tmp_path: Path):
    path, session = database_with_program(tmp_path)
    workspace = Workspace.open(path)
    event_id = workspace.program.resolve_session(session)
    yield workspace, event_id
    workspace.close()


def test_a_write_waits_for_another_writer_says_so_and_then_succeeds(congress, monkeypatch) -> None:
    workspace, event_id = congress
    monkeypatch.setattr(write_lock, "WRITE_WAIT_SILENT_S", 0.1)
    holder = sqlite3.connect(workspace.database.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    reporter = Reporter(on_wait=lambda: holder.execute("ROLLBACK") and True)  # the other writer finishes

    with waits_reported(reporter):
        workspace.program.pick(event_id)

    holder.close()
    assert len(reporter.waits) == 1 and reporter.finished == 1
    assert picks(workspace.database.path) == 1


def test_a_wait_can_be_stopped_and_changes_nothing(congress, monkeypatch) -> None:
    workspace, event_id = congress
    monkeypatch.setattr(write_lock, "WRITE_WAIT_SILENT_S", 0.1)
    holder = sqlite3.connect(workspace.database.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with waits_reported(Reporter(on_wait=lambda: False)), pytest.raises(WriteWaitStopped) as stopped:
            workspace.program.pick(event_id)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(stopped.value) == "Stopped waiting for app.sqlite; nothing was changed"
    assert picks(workspace.database.path) == 0


def test_a_write_lock_held_past_the_limit_is_an_error_and_changes_nothing(congress, monkeypatch) -> None:
    workspace, event_id = congress
    monkeypatch.setattr(write_lock, "WRITE_WAIT_SILENT_S", 0.1)
    monkeypatch.setattr(write_lock, "WRITE_WAIT_LIMIT_S", 0.5)
    holder = sqlite3.connect(workspace.database.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DATABASE_ERRORS, match="database is locked"):
            workspace.program.pick(event_id)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert picks(workspace.database.path) == 0


def test_the_watch_tells_another_programs_commits_from_this_ones(congress) -> None:
    workspace, event_id = congress
    watch = ChangeWatch(workspace.database)
    try:
        assert not watch.changed_elsewhere()
        workspace.program.pick(event_id)  # this process's own change, shown already
        assert not watch.changed_elsewhere()

        other = sqlite3.connect(workspace.database.path)  # a program that keeps no change number
        other.execute("UPDATE event SET title = 'Renamed elsewhere' WHERE id = ?", (event_id,))
        other.commit()
        other.close()
        assert watch.changed_elsewhere()
        assert not watch.changed_elsewhere()

        (identity,) = query(workspace.database.path, "SELECT identity FROM event WHERE id = ?", event_id)[0]
        unpicked = run_cli("unpick", f"ascs26:{identity}", "--db", workspace.database.path)
        assert unpicked.returncode == 0, unpicked.stderr
        workspace.program.pick(event_id)  # own change after theirs: theirs still counts
        assert watch.changed_elsewhere()
    finally:
        watch.close()


def test_own_commits_from_another_thread_are_own_too(congress) -> None:
    workspace, event_id = congress
    watch = ChangeWatch(workspace.database)
    try:
        worker = threading.Thread(target=lambda: workspace.program.pick(event_id))
        worker.start()
        worker.join()
        assert not watch.changed_elsewhere()
    finally:
        watch.close()


def test_once_a_broken_page_is_met_nothing_more_is_written(congress) -> None:
    workspace, event_id = congress
    path = workspace.database.path
    workspace.database.engine.dispose()  # no page of the file left in this process's caches
    break_page(path, "event")

    with pytest.raises(DATABASE_ERRORS):
        workspace.program.sessions()
    # A change that touches no broken page (the user's profile) is refused as well.
    with pytest.raises(DatabaseDamaged) as refused:
        workspace.planning.save_profile(ProfileData(name="Amara Osei"))
    assert str(refused.value).startswith("app.sqlite is damaged (SQLite found a broken page)")
    assert isinstance(refused.value, UserError)
    assert query(path, "SELECT count(*) FROM profile") == [(0,)]
