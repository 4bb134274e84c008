"""A write beside the engine keeps the engine's promises: the lock, the change number, all or nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from conference_app.core.errors import UserError
from conference_app.core.storage.database import Database, open_database
from conference_app.core.storage.database_errors import DatabaseDamaged
from conference_app.core.storage.direct_write import write_transaction


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "app.sqlite")
    yield opened
    opened.engine.dispose()


def _count(path: Path, sql: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def test_a_committed_write_is_counted_as_this_processs_own(database: Database) -> None:
    before = _count(database.path, "PRAGMA user_version")
    with write_transaction(database.path, database.guard) as connection:
        connection.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
    after = _count(database.path, "PRAGMA user_version")
    assert after == before + 1
    assert database.guard.own_changes_between(before, after) == 1
    assert _count(database.path, "SELECT count(*) FROM setting") == 1


def test_a_write_that_fails_leaves_nothing_behind(database: Database) -> None:
    before = _count(database.path, "PRAGMA user_version")
    with pytest.raises(UserError):
        with write_transaction(database.path, database.guard) as connection:
            connection.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
            raise UserError("the file was refused halfway")
    assert _count(database.path, "SELECT count(*) FROM setting") == 0
    assert _count(database.path, "PRAGMA user_version") == before
    assert database.guard.own_changes_between(0, 1 << 31) == 0


def test_nothing_is_written_to_a_file_found_damaged(database: Database) -> None:
    database.guard.damage = "SQLite found a broken page"
    with pytest.raises(DatabaseDamaged):
        with write_transaction(database.path, database.guard) as connection:
            connection.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
    assert _count(database.path, "SELECT count(*) FROM setting") == 0


def test_settings_written_beside_the_orm_read_the_same_through_it(database: Database) -> None:
    from conference_app.core.storage import bulk
    from conference_app.core.storage.settings import get_setting, put_setting

    with write_transaction(database.path, database.guard) as connection:
        bulk.store_setting(connection, "number", 7)
        bulk.store_setting(connection, "list", [3, "x"])
    with database.sessions.begin() as session:
        assert (get_setting(session, "number"), get_setting(session, "list")) == (7, [3, "x"])
        put_setting(session, "number", 8)
        put_setting(session, "text", "Europe/Berlin")
    with write_transaction(database.path, database.guard) as connection:
        assert bulk.setting_value(connection, "number") == 8
        assert bulk.setting_value(connection, "text") == "Europe/Berlin"
        assert bulk.setting_value(connection, "list") == [3, "x"]
        assert bulk.setting_value(connection, "missing", []) == []


def test_a_whole_program_is_written_with_a_page_cache_of_64_mb(database: Database) -> None:
    with write_transaction(database.path, database.guard) as connection:
        assert connection.execute("PRAGMA cache_size").fetchone() == (-64 * 1024,)


def test_only_a_writer_that_asks_goes_without_sqlites_reference_checks(database: Database) -> None:
    with write_transaction(database.path, database.guard) as connection:
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with write_transaction(database.path, database.guard, references_checked=False) as connection:
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (0,)


def test_every_reference_an_import_writes_holds_without_sqlites_checks(tmp_path: Path) -> None:
    from dataclasses import replace

    from conference_app.core.workspace import Workspace
    from tests.frab_builder import CONGRESS, FrabEvent, write_congress, write_frab

    workspace = Workspace.open(tmp_path / "app.sqlite")
    try:
        program = workspace.program
        program.import_program(write_congress(tmp_path))
        program.pick(program.sessions()[1].id)
        other = [FrabEvent("1", "Whipple in the elderly", "2026-09-01T10:00", persons=(("9", "Ann Other"),))]
        program.import_program(write_frab(tmp_path, "other.xml", other, acronym="other26", title="Other 2026"))
        # A newer version: one session gone, one with other speakers.
        newer = [replace(e, persons=(("4", "Li Wei"),)) if e.id == "102" else e for e in CONGRESS if e.id != "103"]
        program.import_program(write_congress(tmp_path, "v2.xml", events=newer))
    finally:
        workspace.close()

    connection = sqlite3.connect(tmp_path / "app.sqlite")
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT count(*) FROM event_speaker").fetchone()[0] > 0
    finally:
        connection.close()
