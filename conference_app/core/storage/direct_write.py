"""One write transaction straight on sqlite3, beside the engine: for storing a whole program.

An import writes tens of thousands of rows with executemany; it needs neither the ORM nor
SQLAlchemy, whose loading alone costs the command line a third of a second. The transaction
keeps every promise the engine's writes keep (write_lock.py): it waits for the write lock out
loud, adds one to the change number, is counted as this process's own by the window's change
watch, and refuses to write to a file found damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conference_app.core.storage import database_file
from conference_app.core.storage.database_errors import DatabaseDamaged
from conference_app.core.storage.write_lock import WriteGuard, next_change_number, take_write_lock

IMPORT_CACHE_KIB = 64 * 1024


@contextmanager
def write_transaction(
    path: Path, guard: WriteGuard | None = None, *, references_checked: bool = True
) -> Iterator[sqlite3.Connection]:
    """A connection inside BEGIN IMMEDIATE: committed when the block ends, rolled back if it raises.

    `references_checked=False` leaves SQLite's foreign-key checks off in this one connection, for a
    writer whose every reference is an id it has just read or written itself and that deletes no
    row another refers to (a program's import): at 100,000 sessions each check of a session link
    reads a session's page back from the log, a third of the time spent storing."""
    if guard is not None and guard.damage is not None:
        raise DatabaseDamaged(path, guard.damage)
    connection = sqlite3.connect(path, isolation_level=None)  # transactions are begun and ended here
    try:
        database_file.set_pragmas(connection, None)
        # A whole program in one transaction: with SQLite's default 2 MB of page cache the pages of a
        # large import's indexes are written out and read back again and again before it commits
        # (a quarter of the time at 100,000 sessions). The memory is taken only as pages are used.
        connection.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        if not references_checked:
            connection.execute("PRAGMA foreign_keys = OFF")  # outside the transaction: SQLite ignores it inside
        take_write_lock(connection, path)
        try:
            number = next_change_number(connection)
            yield connection
            connection.execute("COMMIT")
        except BaseException as error:
            if connection.in_transaction:
                try:
                    connection.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite rolls back itself when the connection closes; the first error is the one to tell
            if guard is not None:
                guard.notice(error)
            raise
        if guard is not None:
            guard.committed_directly(number)
    finally:
        connection.close()
