"""Writing to a database other programs share: waiting for the write lock out loud, counting
this process's own commits, and refusing to write to a damaged file.

SQLite lets one connection write at a time. Here a transaction takes the write lock up front
(BEGIN IMMEDIATE) just before its first INSERT, UPDATE or DELETE, so every wait happens in one
place: silently for a moment, then reported to whoever asked (the window's status, a line on
stderr) until the lock comes free or WRITE_WAIT_LIMIT_S has passed. Nothing is written before
the lock is held, so a wait that ends in an error leaves the file as it was.

Each write transaction also adds one to the file's `user_version`, used as a change number.
The numbers this process committed are remembered, so a watcher can tell another program's
changes (to reload) from this process's own (already shown).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from conference_app.core.errors import UserError
from conference_app.core.storage.database_errors import SQLITE_BUSY, SQLITE_CORRUPT, SQLITE_NOTADB, DatabaseDamaged
from conference_app.core.storage.database_errors import is_database_error, sqlite_code

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000  # any other statement that meets a lock (rare in WAL mode)
WRITE_WAIT_SILENT_S = 1.0  # a wait this short goes unmentioned
WRITE_WAIT_STEP_S = 0.25  # then the waiter hears from us this often
WRITE_WAIT_LIMIT_S = 600.0  # a long import of 100,000 sessions holds the lock for about a minute or two


class WaitReporter(Protocol):
    """Who hears about a wait for another writer: the window, or the command line."""

    def waiting(self, seconds: float) -> bool:
        """Called every WRITE_WAIT_STEP_S once the wait is no longer short; False stops waiting."""

    def done(self) -> None:
        """The wait is over (the lock was taken, or the wait gave up)."""


_WRITES = ("insert", "update", "delete", "replace")
_thread = threading.local()


class WriteWaitStopped(UserError):
    """The user stopped waiting for another program's write to finish; nothing was changed."""


@contextmanager
def waits_reported(reporter: WaitReporter) -> Iterator[None]:
    """Within this block, this thread's waits for the write lock are reported to `reporter`."""
    previous = getattr(_thread, "reporter", None)
    _thread.reporter = reporter
    try:
        yield
    finally:
        _thread.reporter = previous


def report_waits_here(reporter: WaitReporter | None) -> None:
    """From now on, this thread's waits for the write lock are reported to `reporter` (None: to nobody)."""
    _thread.reporter = reporter


class WriteGuard:
    """The shared state of one open database: its own change numbers and whether it is damaged."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.damage: str | None = None  # SQLite's words, once a statement met a broken page
        self._lock = threading.Lock()
        self._own: set[int] = set()

    def own_changes_between(self, after: int, upto: int) -> int:
        """How many change numbers in (after, upto] this process committed; forgets those up to `upto`."""
        with self._lock:
            mine = sum(1 for n in self._own if after < n <= upto)
            self._own = {n for n in self._own if n > upto}
        return mine

    def _committed(self, number: int) -> None:
        with self._lock:
            self._own.add(number)

    def committed_directly(self, number: int) -> None:
        """A write made beside the engine (direct_write.py) committed change `number`: this process's own."""
        self._committed(number)

    def install(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        from sqlalchemy import event

        event.listen(engine, "connect", _set_busy_timeout)
        event.listen(engine, "before_cursor_execute", self._before_execute)
        event.listen(engine, "handle_error", self._noticed_error)
        event.listen(engine, "rollback", _forget_pending)
        event.listen(sessions, "after_commit", self._after_commit)
        event.listen(sessions, "after_rollback", _forget_pending)

    def _before_execute(self, connection, _cursor, statement, _parameters, _context, _many):  # type: ignore[no-untyped-def]
        if statement.lstrip()[:7].casefold().startswith(_WRITES):
            driver = connection.connection.driver_connection
            if isinstance(driver, sqlite3.Connection) and not driver.in_transaction:
                if self.damage is not None:
                    raise DatabaseDamaged(self.path, self.damage)
                take_write_lock(driver, self.path)
                _thread.pending = (self, next_change_number(driver))
        return statement, _parameters

    def _noticed_error(self, context) -> None:  # type: ignore[no-untyped-def]
        self.notice(context.original_exception)

    def notice(self, error: BaseException) -> None:
        """An error SQLite raised (through the engine, or beside it): once a broken page is met,
        nothing more is written to the file."""
        if is_database_error(error) and sqlite_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            self.damage = "SQLite found a broken page"

    def _after_commit(self, _session: Session) -> None:
        pending = getattr(_thread, "pending", None)
        _thread.pending = None
        if pending is not None and pending[0] is self:
            self._committed(pending[1])


def _forget_pending(_session_or_connection: object) -> None:
    _thread.pending = None


def _set_busy_timeout(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def next_change_number(driver: sqlite3.Connection) -> int:
    (number,) = driver.execute("PRAGMA user_version").fetchone()
    number = (int(number) + 1) & 0x7FFFFFFF
    driver.execute(f"PRAGMA user_version = {number}")
    return number


def take_write_lock(driver: sqlite3.Connection, path: Path) -> None:
    """BEGIN IMMEDIATE on `driver`, waiting for another writer as the module docstring says."""
    reporter: WaitReporter | None = getattr(_thread, "reporter", None)
    started = time.monotonic()
    timeout = WRITE_WAIT_SILENT_S
    reported = False
    try:
        while True:
            driver.execute(f"PRAGMA busy_timeout = {round(timeout * 1000)}")
            try:
                driver.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if sqlite_code(error) != SQLITE_BUSY:
                    raise
                waited = time.monotonic() - started
                if waited >= WRITE_WAIT_LIMIT_S:
                    raise
            finally:
                driver.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if reporter is not None:
                reported = True
                if not reporter.waiting(waited):
                    raise WriteWaitStopped(f"Stopped waiting for {Path(path).name}; nothing was changed")
            timeout = max(0.0, min(WRITE_WAIT_STEP_S, WRITE_WAIT_LIMIT_S - waited))
    finally:
        if reported and reporter is not None:
            reporter.done()
