"""The one engine of the process: SQLite with WAL and foreign keys, over a file checked and migrated
to head on open (database_file.py), and the write guard every write transaction passes through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.storage import database_file
from conference_app.core.storage.database_file import (  # noqa: F401  (the names callers know this module by)
    LOG_SUFFIXES,
    SCHEMA_REVISION,
    copy_through_sqlite,
    open_failure,
)
from conference_app.core.storage.write_lock import WriteGuard


@dataclass(frozen=True)
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None  # the copy taken before an upgrade, if one ran
    guard: WriteGuard  # waits for other writers, counts this process's commits, stops writes once damaged
    # Connections opened beside the engine (a window's change watch): closed with the workspace, so
    # none is left for the garbage collector to find open.
    extra_closers: list[Callable[[], None]] = field(default_factory=list)


def _connected(dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
    database_file.set_pragmas(dbapi_connection, record)  # looked up at each connect, so tests can change it


def open_database(path: Path) -> Database:
    """Open (creating if needed) the SQLite file at `path`, checked and at the newest schema (see
    database_file.prepare_database for what is refused), with an engine and sessions over it."""
    path = Path(path)
    backup = database_file.prepare_database(path)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _connected)
    sessions = sessionmaker(engine, expire_on_commit=False)
    guard = WriteGuard(path)
    guard.install(engine, sessions)
    return Database(path, engine, sessions, backup, guard)
