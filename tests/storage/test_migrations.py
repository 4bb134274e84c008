"""Alembic migrations: the migrated schema is the models' schema, and upgrades back the file up first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event, inspect

from conference_app.core.errors import UserError
from conference_app.core.storage.database import SCHEMA_REVISION, open_database
from conference_app.core.storage.migrate import MIGRATIONS, current_revision, head_revision
from conference_app.core.storage.fts import is_index_table
from conference_app.core.storage.models import Base

MODEL_TABLES = set(Base.metadata.tables)


def _migrate(path: Path, revision: str, *, direction: str = "downgrade", autocheckpoint: bool = True) -> None:
    """Run alembic on `path` the way the app does: the migration scripts on a connection we hand over."""
    engine = create_engine(f"sqlite:///{path}")
    if not autocheckpoint:
        event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA wal_autocheckpoint=0"))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)
    engine.dispose()


def _tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_an_empty_database_upgraded_to_head_matches_the_models(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.sqlite")
    try:
        assert current_revision(database.engine) == head_revision()
        assert database.backup is None  # nothing to back up in a new file
        with database.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, type_, _parent: not (type_ == "table" and is_index_table(name)),
                },
            )
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(connection).get_table_names())
        assert differences == []
        assert MODEL_TABLES <= tables
        assert {"conference", "event", "speaker", "pick", "contact", "follow_up", "setting"} <= MODEL_TABLES
    finally:
        database.engine.dispose()


def test_the_full_text_tables_exist_with_diacritics_folding(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.sqlite")
    database.engine.dispose()
    connection = sqlite3.connect(tmp_path / "new.sqlite")
    try:
        definitions = dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE '%_fts'"))
    finally:
        connection.close()

    assert set(definitions) == {"event_fts", "speaker_fts"}
    for sql in definitions.values():
        assert "USING fts5" in sql
        assert "remove_diacritics 2" in sql
    assert "affiliations" in definitions["event_fts"]


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    open_database(path).engine.dispose()

    _migrate(path, "base")
    assert _tables(path) == {"alembic_version"}

    _migrate(path, "head", direction="upgrade")
    assert MODEL_TABLES | {"event_fts", "speaker_fts", "alembic_version"} <= _tables(path)


def test_a_database_behind_head_is_backed_up_before_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    open_database(path).engine.dispose()
    _migrate(path, "base")
    pre_upgrade = _dump(path)

    database = open_database(path)
    database.engine.dispose()

    assert database.backup is not None
    assert database.backup.parent == tmp_path
    assert database.backup.name.startswith("app.sqlite.base.") and database.backup.name.endswith(".bak")
    assert _dump(database.backup) == pre_upgrade  # SQLite's backup API: the same rows, its own header counters
    assert MODEL_TABLES <= _tables(path)
    assert _tables(database.backup) == {"alembic_version"}


def test_a_database_at_head_is_not_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    open_database(path).engine.dispose()

    again = open_database(path)
    again.engine.dispose()

    assert again.backup is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.sqlite"]


def test_the_backup_holds_commits_still_in_the_write_ahead_log(tmp_path: Path) -> None:
    """After a crash the last commits may live only in the -wal file; the backup must include them."""
    live = tmp_path / "live.sqlite"
    open_database(live).engine.dispose()
    # Keep a reader open so the downgrade's commit stays in the log, then copy the files as a crash leaves them.
    holder = sqlite3.connect(live)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("SELECT count(*) FROM conference").fetchall()
    _migrate(live, "base", autocheckpoint=False)
    crashed = tmp_path / "crashed" / "app.sqlite"
    crashed.parent.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy2(f"{live}{suffix}", f"{crashed}{suffix}")
    holder.close()
    assert Path(f"{crashed}-wal").stat().st_size > 0

    database = open_database(crashed)
    database.engine.dispose()

    assert database.backup is not None
    assert database.backup.name.startswith("app.sqlite.base.")
    restored = tmp_path / "restored.sqlite"  # the backup alone, as a user would copy it back
    shutil.copy2(database.backup, restored)
    assert _tables(restored) == {"alembic_version"}


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    database = open_database(path)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    database.engine.dispose()
    content = path.read_bytes()

    with pytest.raises(UserError) as raised:
        open_database(path)

    assert str(raised.value) == (
        "app.sqlite: written by a newer version of Conference Companion (schema 0999); update the app to open it"
    )
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.sqlite"]  # no backup, no log files


def test_the_fast_path_revision_is_alembics_head():
    assert SCHEMA_REVISION == head_revision()
