"""The one engine of the process: SQLite with WAL and foreign keys, migrated to head on open."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.errors import UserError

# The newest migration. Opening a database already at this revision needs no alembic at all (a
# faster start); tests/storage/test_migrations.py checks it equals alembic's head.
SCHEMA_REVISION = "0003"


@dataclass(frozen=True)
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None  # the copy taken before an upgrade, if one ran


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _backup(engine: Engine, path: Path, revision: str) -> Path:
    # Fold a write-ahead log left by a crashed run into the file first, so the copy holds every commit.
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{revision}.{stamp}.bak")
    shutil.copy2(path, target)
    return target


def _probe(path: Path) -> tuple[set[str], str | None]:
    """The tables and schema revision of an existing file, read without changing it."""
    connection = sqlite3.connect(path)
    try:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return tables, revision
    finally:
        connection.close()


def _refuse_unusable(path: Path) -> str | None:
    """The file's schema revision; UserError for a file this version must not migrate: not SQLite,
    another app's, or newer."""
    try:
        tables, revision = _probe(path)
    except sqlite3.Error as exc:  # "file is not a database", unreadable file
        raise UserError(f"{path.name}: not a Conference Companion database ({exc})") from exc
    if revision is None and tables - {"alembic_version"}:
        raise UserError(f"{path.name}: not a Conference Companion database (it holds another program's tables)")
    if revision is not None and revision != SCHEMA_REVISION:
        from conference_app.core.storage.migrate import is_known_revision

        if not is_known_revision(revision):
            raise UserError(
                f"{path.name}: written by a newer version of Conference Companion (schema {revision}); "
                "update the app to open it"
            )
    return revision


def open_database(path: Path) -> Database:
    """Open (creating if needed) the SQLite file at `path` and bring its schema to head.

    A database that is behind is copied to a backup beside it before the upgrade runs. A file
    that is not SQLite, belongs to another program or comes from a newer version is refused
    with a UserError and left untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot create the folder for the database ({exc.strerror})") from exc
    existed = path.is_file() and path.stat().st_size > 0
    current = _refuse_unusable(path) if existed else None
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_sqlite_pragmas)
    backup = None
    if current != SCHEMA_REVISION:
        from conference_app.core.storage.migrate import upgrade_to_head

        try:
            if existed:
                backup = _backup(engine, path, current or "base")
            upgrade_to_head(engine)
        except BaseException:
            engine.dispose()  # close the pooled connection now, not whenever the collector runs
            raise
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), backup)
