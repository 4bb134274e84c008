"""The one engine of the process: SQLite with WAL and foreign keys, migrated to head on open."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.errors import UserError

MIGRATIONS = Path(__file__).with_name("migrations")


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


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _backup(path: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{revision}.{stamp}.bak")
    shutil.copy2(path, target)
    return target


def open_database(path: Path) -> Database:
    """Open (creating if needed) the SQLite file at `path` and bring its schema to head.

    A database that is behind is copied to a backup beside it before the upgrade runs.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot create the folder for the database ({exc.strerror})") from exc
    existed = path.is_file() and path.stat().st_size > 0
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_sqlite_pragmas)
    try:
        current = current_revision(engine)
    except Exception as exc:  # sqlite3.DatabaseError: "file is not a database"
        engine.dispose()
        raise UserError(f"{path.name}: not a Conference Companion database ({exc.__cause__ or exc})") from exc
    head = head_revision()
    backup = None
    if current != head:
        if existed:
            backup = _backup(path, current or "base")
        config = _alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), backup)
