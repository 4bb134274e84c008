"""Noticing that another program (the command line, another window) changed the database.

A connection of its own, which never writes, asks SQLite for `PRAGMA data_version`: the number
changes whenever any other connection commits. Commits of this process's own connections change
it too, so the file's change number (`user_version`, added to by every write transaction, see
write_lock.py) tells them apart: when the numbers committed since the last look are all this
process's own, nothing needs reloading.
"""

from __future__ import annotations

import sqlite3

from conference_app.core.storage.database import Database


class ChangeWatch:
    """Call `changed_elsewhere()` from the thread that made the watch (SQLite checks it)."""

    def __init__(self, database: Database) -> None:
        self._guard = database.guard
        # A look that meets a lock (a checkpoint, a recovery) gives up at once and is simply tried again later.
        self._connection: sqlite3.Connection | None = sqlite3.connect(database.path, isolation_level=None, timeout=0.1)
        self._version, self._number = self._look()
        database.extra_closers.append(self.close)  # a window dropped without a Close event still lets go

    def _look(self) -> tuple[int, int]:
        """Both numbers from one snapshot of the file."""
        assert self._connection is not None
        self._connection.execute("BEGIN")
        try:
            (number,) = self._connection.execute("PRAGMA user_version").fetchone()
            (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        finally:
            self._connection.execute("COMMIT")
        return int(version), int(number)

    def changed_elsewhere(self) -> bool:
        """True when someone else committed since the last call (or since the watch began)."""
        if self._connection is None:
            return False
        version, number = self._look()
        if version == self._version:
            return False
        before = self._number
        self._version, self._number = version, number
        if number <= before:  # a writer that keeps no change number, or a file put back from a backup
            return True
        return self._guard.own_changes_between(before, number) < number - before

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
