"""Saving what can still be read from a damaged database into a new one.

Each table is read in rowid order; when SQLite meets a broken page, the rows on it are skipped:
the read starts again just past it, found by seeking ever further ahead and then back by halves.
The damaged file is read on a connection of its own, one statement at a time: after SQLite
meets a broken page it refuses every read of that file until the read transaction ends.
Rows left pointing at a lost row (a pick of a lost session, say) are dropped, so the new file
keeps the app's rules. The damaged file is only read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from conference_app.core.errors import UserError
from conference_app.core.storage.database import open_database
from conference_app.core.storage.database_errors import DATABASE_ERRORS, SQLITE_CORRUPT, SQLITE_NOTADB, sqlite_code
from conference_app.core.storage.event_index import rebuild_index
from conference_app.core.storage.models import Base

_FIRST = -(2**63)
_LAST = 2**63 - 1


@dataclass(frozen=True)
class Salvage:
    rows: int  # rows saved
    damaged_tables: tuple[str, ...]  # tables with rows on broken pages, lost
    dropped: int  # saved rows that pointed at lost rows, dropped again


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def salvage(path: Path, target: Path) -> Salvage:
    """Copy every row SQLite can still read from the database at `path` into a new database at `target`."""
    path, target = Path(path), Path(target)
    if target.exists():
        raise UserError(f"{target.name} already exists; choose a new file to save into")
    open_database(target).engine.dispose()  # an empty database with today's schema
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        source.execute("PRAGMA cell_size_check = ON")
        copy.execute("PRAGMA foreign_keys = OFF")
        copy.execute("BEGIN")
        rows, damaged = 0, []
        for table in [t.name for t in Base.metadata.sorted_tables] + ["speaker_fts"]:
            copied, complete = _copy(source, copy, table)
            rows += copied
            if not complete:
                damaged.append(table)
        dropped = _drop_orphans(copy)
        rebuild_index(copy)  # the sessions' index keeps no text to copy: it is made from the saved sessions
        copy.execute("COMMIT")
    except DATABASE_ERRORS as exc:  # sqlite3's own errors, and SQLAlchemy's wrapping them
        copy.close()
        target.unlink(missing_ok=True)
        raise UserError(f"nothing could be saved from {path.name} into {target.name} ({exc})") from exc
    finally:
        source.close()
    copy.close()
    return Salvage(rows, tuple(damaged), dropped)


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({_quoted(table)})")]


def _from(source: sqlite3.Connection, table: str) -> str:
    """The FROM of a read of `table`: the table itself, never an index that may still be whole."""
    virtual = source.execute(
        "SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE 'CREATE VIRTUAL%'", (table,)
    ).fetchone()
    return f"FROM {_quoted(table)}" if virtual else f"FROM {_quoted(table)} NOT INDEXED"


def _copy(source: sqlite3.Connection, copy: sqlite3.Connection, table: str) -> tuple[int, bool]:
    """Rows copied, and whether every row could be read."""
    try:
        theirs = set(_columns(source, table))
        origin = _from(source, table)
    except sqlite3.DatabaseError:
        return 0, False
    columns = [c for c in _columns(copy, table) if c in theirs]
    if not columns:
        return 0, not theirs
    names = ", ".join(_quoted(c) for c in columns)
    select = f"SELECT rowid, {names} {origin} WHERE rowid > ? ORDER BY rowid"
    insert = f"INSERT INTO {_quoted(table)} (rowid, {names}) VALUES ({', '.join('?' * (len(columns) + 1))})"
    copied, complete, after = 0, True, _FIRST
    while True:
        try:
            for row in source.execute(select, (after,)):
                copy.execute(insert, row)
                copied += 1
                after = row[0]
            return copied, complete
        except sqlite3.DatabaseError as error:
            if sqlite_code(error) not in (SQLITE_CORRUPT, SQLITE_NOTADB):
                raise
            complete = False
            after = _past_broken_page(source, f"SELECT rowid {origin} WHERE rowid > ? ORDER BY rowid LIMIT 1", after)
            if after >= _LAST:
                return copied, complete


def _readable_after(source: sqlite3.Connection, probe: str, rowid: int) -> bool:
    try:
        source.execute(probe, (rowid,)).fetchall()
    except sqlite3.DatabaseError:
        return False
    return True


def _past_broken_page(source: sqlite3.Connection, probe: str, after: int) -> int:
    """The smallest rowid past `after` from which the table reads again (_LAST when none does)."""
    step = 1
    while after + step < _LAST and not _readable_after(source, probe, after + step):
        step *= 2
    if after + step >= _LAST:
        return _LAST
    fails, works = (after + step // 2 if step > 1 else after), after + step
    while works - fails > 1:
        middle = (fails + works) // 2
        if _readable_after(source, probe, middle):
            works = middle
        else:
            fails = middle
    return works


def _drop_orphans(copy: sqlite3.Connection) -> int:
    """Delete rows whose parent row was lost, and index entries of lost sessions and speakers, until none are left."""
    dropped = 0
    while broken := copy.execute("PRAGMA foreign_key_check").fetchall():
        for table, rowid, _parent, _key in broken:
            dropped += copy.execute(f"DELETE FROM {_quoted(table)} WHERE rowid = ?", (rowid,)).rowcount
    dropped += copy.execute("DELETE FROM speaker_fts WHERE rowid NOT IN (SELECT id FROM speaker)").rowcount
    return dropped
