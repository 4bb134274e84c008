"""The database file, checked, created or migrated to head before any engine uses it; no SQLAlchemy here.

The file is shared with other windows and the command line, each its own process. SQLite keeps
them apart with POSIX locks, and the kernel drops all of a process's locks on a file as soon as
*any* descriptor of that file is closed in that process. So nothing here opens the database file
except through SQLite: a plain read of it (a `shutil.copy`, say) while the engine is connected
silently releases this process's locks; the next program to close its last connection then
believes it is alone, folds the write-ahead log into the file and deletes the log and its
shared-memory index while this process still reads through them — "database disk image is
malformed", and rows of one conference read back under another's ids. The backup before an
upgrade therefore uses SQLite's own backup API.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from conference_app.core.errors import UserError
from conference_app.core.storage.database_check import first_problem
from conference_app.core.storage.database_errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    DatabaseDamaged,
    database_error,
    is_database_error,
    sqlite_code,
)
from conference_app.core.storage.fresh_schema import create_schema
from conference_app.core.storage.write_lock import BUSY_TIMEOUT_MS, take_write_lock

# The newest migration. Opening a database already at this revision needs no alembic at all (a
# faster start); tests/storage/test_migrations.py checks it equals alembic's head.
SCHEMA_REVISION = "0005"

LOG_SUFFIXES = ("-wal", "-shm")  # the write-ahead log and its shared-memory index, beside the file
_ROOM_TO_OPEN = 1 << 20  # SQLite creates a 32 KiB index and a log beside the file before reading it


def set_pragmas(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """Every connection's settings: the engine's (as its connect hook) and a direct write's."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # a moment's wait for a reader's lock (rare in WAL)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cell_size_check=ON")  # a broken page is found when read, before it spreads
    cursor.close()


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """A copy of the file through SQLite's backup API: every commit, including those still in the
    write-ahead log, and no descriptor of the file outside SQLite (see the module docstring)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{revision}.{stamp}.bak")
    number = 1
    while True:
        try:  # created first, with the database's own permissions: it holds the same private data
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IMODE(path.stat().st_mode)))
            break
        except FileExistsError:
            number += 1
            target = path.with_name(f"{path.name}.{revision}.{stamp}-{number}.bak")
    try:
        copy_through_sqlite(path, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def copy_through_sqlite(source: Path, target: Path) -> None:
    """Every committed page of `source` (its -wal too) into the file `target`, by SQLite's backup API."""
    reading = sqlite3.connect(source)
    try:
        writing = sqlite3.connect(target)
        try:
            reading.backup(writing)
        finally:
            writing.close()
    finally:
        reading.close()


def refuse_odd_path(path: Path) -> None:
    """A folder or a device given as the database: say so before SQLite tries to use it."""
    if not path.exists() or path.is_file():
        return
    kind = "a folder" if path.is_dir() else "not a regular file (a device, pipe or socket)"
    raise UserError(f"{path} is {kind}, not a database file; choose a database file instead")


def make_logs_writable(path: Path) -> None:
    """Reading a read-only database file leaves its -wal and -shm files as read-only as the file
    was. Once the file is writable again they would keep every write failing as "read-only"."""
    if not os.access(path, os.W_OK):
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    for suffix in LOG_SUFFIXES:
        log = path.with_name(path.name + suffix)
        if log.is_file() and not os.access(log, os.W_OK):
            try:
                os.chmod(log, mode)
            except OSError as exc:
                raise UserError(
                    f"{log.name} beside {path.name} is read-only ({exc.strerror}), so nothing can be saved; "
                    "delete it while no program has the database open"
                ) from exc


def open_failure(path: Path, error: BaseException) -> UserError:
    """What really stopped SQLite from opening `path`: the file, its folder or the disk, before
    concluding that the file is not a database."""
    code = sqlite_code(error)
    name = path.name
    if code == SQLITE_NOTADB:
        return UserError(f"{name}: not a Conference Companion database (it is not SQLite)")
    if code == SQLITE_CORRUPT:
        return DatabaseDamaged(path, "SQLite found a broken page")
    folder = path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = _ROOM_TO_OPEN
    if free < _ROOM_TO_OPEN:
        return UserError(f"{name} cannot be opened: the disk holding it is full; free some space and try again")
    if path.exists() and not os.access(path, os.R_OK):
        return UserError(f"{name} cannot be read: you do not have permission to read it")
    missing_logs = [path.name + s for s in LOG_SUFFIXES if not path.with_name(path.name + s).exists()]
    if missing_logs and not os.access(folder, os.W_OK):
        return UserError(
            f"{name} cannot be opened: its folder {folder} is read-only, and SQLite needs to create "
            f"{' and '.join(missing_logs)} beside it; make the folder writable, or copy the file to one that is"
        )
    return database_error(path, error)


def _probe(path: Path) -> tuple[set[str], str | None, sqlite3.Connection]:
    """The tables and schema revision of an existing file, read without changing it, and the open connection."""
    connection = sqlite3.connect(path)
    try:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except BaseException:
        connection.close()
        raise
    return tables, revision, connection


def refuse_unusable(path: Path) -> str | None:
    """The file's schema revision; UserError for a file this version must not use: not SQLite,
    another app's, newer, damaged, or one SQLite cannot open (said as what is wrong)."""
    try:
        tables, revision, connection = _probe(path)
        try:
            if revision is None and tables - {"alembic_version"}:
                raise UserError(f"{path.name}: not a Conference Companion database (it holds another program's tables)")
            problem = first_problem(connection)
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise open_failure(path, exc) from exc
    if problem is not None:
        raise DatabaseDamaged(path, problem)
    if revision is not None and revision != SCHEMA_REVISION:
        from conference_app.core.storage.migrate import is_known_revision

        if not is_known_revision(revision):
            raise UserError(
                f"{path.name}: written by a newer version of Conference Companion (schema {revision}); "
                "update the app to open it"
            )
    return revision


def _create(path: Path) -> None:
    """A new file gets the whole schema in one transaction, from the migrations' snapshot (see
    fresh_schema.py); a program that made it meanwhile wins, and this one uses theirs."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        set_pragmas(connection)
        take_write_lock(connection, path)
        try:
            (objects,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not objects:
                create_schema(connection)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()


def prepare_database(path: Path) -> Path | None:
    """Check the SQLite file at `path` (creating it if needed) and bring its schema to head, without
    SQLAlchemy unless an upgrade must run. Returns the backup taken before an upgrade, if one ran.

    A new file is made from the migrations' snapshot in one step, without alembic (see
    fresh_schema.py). A database that is behind is copied to a backup beside it before the upgrade
    runs. A file that is not SQLite, belongs to another program, comes from a newer version or is
    damaged is refused with a UserError (DatabaseDamaged for damage) and left untouched; so is a
    file SQLite cannot open, with what stops it (permissions, a read-only folder, a full disk).
    """
    path = Path(path)
    refuse_odd_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot create the folder for the database ({exc.strerror})") from exc
    existed = path.is_file() and path.stat().st_size > 0
    if existed:
        make_logs_writable(path)
        current = refuse_unusable(path)
        if current == SCHEMA_REVISION:
            return None
        return _upgrade(path, current)
    try:
        _create(path)
    except sqlite3.Error as exc:
        raise open_failure(path, exc) from exc
    return None


def _upgrade(path: Path, current: str | None) -> Path:
    from sqlalchemy import create_engine, event

    from conference_app.core.storage.migrate import upgrade_to_head

    backup = backup_before_upgrade(path, current or "base")
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", set_pragmas)
    try:
        upgrade_to_head(engine)
    except Exception as exc:
        if is_database_error(exc):
            raise open_failure(path, exc) from exc
        raise
    finally:
        engine.dispose()  # close the pooled connection now, not whenever the collector runs
    return backup
