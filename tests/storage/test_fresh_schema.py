"""A new database is made from the migrations' snapshot: the same schema, without loading alembic."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from conference_app.core.storage.database import open_database
from conference_app.core.storage.fresh_schema import SNAPSHOT, schema_script
from conference_app.core.storage.migrate import MIGRATIONS


def _script_of(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return schema_script(connection)
    finally:
        connection.close()


def _migrated_by_alembic(path: Path, revision: str = "head") -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_the_snapshot_is_what_the_migrations_build(tmp_path: Path) -> None:
    path = tmp_path / "migrated.sqlite"
    _migrated_by_alembic(path)
    # If this fails after a new migration: python -m conference_app.core.storage.fresh_schema
    assert _script_of(path) == SNAPSHOT.read_text(encoding="utf-8")


def test_a_new_database_reads_exactly_as_a_migrated_one(tmp_path: Path) -> None:
    migrated, fresh = tmp_path / "migrated.sqlite", tmp_path / "fresh.sqlite"
    _migrated_by_alembic(migrated)
    open_database(fresh).engine.dispose()
    assert _script_of(fresh) == _script_of(migrated)
    connection = sqlite3.connect(fresh)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0005",)]
    finally:
        connection.close()


def test_making_a_new_database_does_not_load_alembic(tmp_path: Path) -> None:
    code = (
        "import sys; from conference_app.core.storage.database import open_database; "
        f"open_database({str(tmp_path / 'new.sqlite')!r}).engine.dispose(); print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_an_index_made_with_longer_prefixes_keeps_every_row_and_finds_the_same(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    _migrated_by_alembic(path, "0003")
    connection = sqlite3.connect(path)
    rows = [(1, "Robotic Whipple", "", "outcomes of the robotic pancreaticoduodenectomy", "HPB", "", "", "", "", ""),
            (2, "Trauma laparotomy", "", "damage control", "Trauma", "", "", "Émile Durand", "", "")]
    events = [(row[0], f"e{row[0]}", row[1], row[3], row[4]) for row in rows]
    with connection:
        connection.executemany("INSERT INTO event_fts (rowid, title, subtitle, abstract, track, type, room, speakers, "
                               "affiliations, biographies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        connection.execute("INSERT INTO speaker_fts (rowid, name, affiliation, role, biography) "
                           "VALUES (7, 'Émile Durand', 'Hôpital Nord', 'Chair', '')")
        # The stored sessions the index was made from: the sessions' index is made anew from them.
        connection.execute("INSERT INTO conference VALUES (1, 'c', 'Congress', 'C', '', 'Europe/Berlin', NULL, NULL, "
                           "'frab', 'c.xml', '2026-06-01 09:00:00')")
        connection.executemany("INSERT INTO event VALUES (?, 1, ?, '', ?, '', ?, '', '', '', '2026-06-11 07:00:00', "
                               "'2026-06-11 08:00:00', 1, 0, '[]', ?, '')",
                               [(i, identity, title, track, abstract) for i, identity, title, abstract, track in events])
        connection.execute("INSERT INTO speaker VALUES (7, 1, 's7', 'Émile Durand', 'Hôpital Nord', 'Chair', '')")
        connection.execute("INSERT INTO event_speaker VALUES (2, 7, 0)")
    connection.close()

    open_database(path).engine.dispose()

    connection = sqlite3.connect(path)
    try:
        def found(table: str, query: str) -> list[int]:
            return [r for (r,) in connection.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid",
                                                     (query,))]

        assert found("event_fts", '"r"*') == [1]
        assert found("event_fts", '"pa"*') == [1]
        assert found("event_fts", '"pan"*') == [1]
        assert found("event_fts", '"robotic pan"*') == [1]
        assert found("event_fts", '"pancreat"*') == [1]
        assert found("event_fts", '"emile"') == [2]
        assert found("speaker_fts", '"ho"*') == [7]
        sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'event_fts'").fetchone()[0]
        assert "prefix = '1 2'" in sql and "content = ''" in sql  # no second copy of the sessions' text
        for table in ("event_fts", "speaker_fts"):  # new entries are gathered in memory, up to 64 MB
            assert connection.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone() == (64 << 20,)
        assert connection.execute("SELECT title FROM event_fts WHERE rowid = 2").fetchone() == (None,)
        assert found("event_fts", "damage") == [2]
    finally:
        connection.close()
