"""SQLite's own errors as one line a user can act on, naming the database."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from conference_app.core.errors import UserError

# SQLite's primary result codes (https://sqlite.org/rescode.html) that reach a user.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

# What SQLite says → what the user can do about it; by result code, or by its words when the
# error carries no code (an sqlite3.Error raised by this app itself).
_PLAIN = (
    (
        SQLITE_BUSY,
        "database is locked",
        "is busy: another program (or another window) is writing to it; try again in a moment",
    ),
    (
        SQLITE_LOCKED,
        "database table is locked",
        "is busy: another program (or another window) is writing to it; try again in a moment",
    ),
    (SQLITE_READONLY, "readonly database", "is read-only: check the permissions of the file and of its folder"),
    (SQLITE_FULL, "disk is full", "cannot grow: the disk is full; free some space and try again"),
    (SQLITE_IOERR, "disk i/o error", "could not be read or written (a disk error); check the disk, then try again"),
    (SQLITE_NOTADB, "not a database", "is not a Conference Companion database (it is not SQLite)"),
    (SQLITE_CANTOPEN, "unable to open", "cannot be opened: check that the folder exists and can be written"),
    (SQLITE_PERM, "access permission denied", "cannot be opened: you do not have permission to use it"),
)


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's primary result code for an sqlite3 error (raw, or wrapped by SQLAlchemy), if it has one."""
    original = _unwrapped(error)
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(original).casefold()
    if "malformed" in text:
        return SQLITE_CORRUPT
    return next((known for known, words, _plain in _PLAIN if words in text), None)


def newest_backup(path: Path) -> Path | None:
    """The newest copy taken before a schema upgrade (`NAME.REVISION.STAMP.bak`) beside the database."""
    path = Path(path)
    try:
        copies = [p for p in path.parent.glob(f"{_glob_escape(path.name)}.*.bak") if p.is_file()]
    except OSError:
        return None
    # The stamp (YYYYmmdd-HHMMSS) sorts in time order.
    return max(copies, key=lambda p: (p.name.rsplit(".", 2)[-2], p.name), default=None)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


class DatabaseDamaged(UserError):
    """SQLite found broken pages in the database; nothing is written to it any more."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = Path(path)
        self.backup = newest_backup(self.path)
        self.detail = detail
        found = f" ({detail})" if detail else ""
        if self.backup is not None:
            made = datetime.fromtimestamp(self.backup.stat().st_mtime).strftime("%d %b %Y %H:%M")
            advice = f"restore the backup {self.backup.name} beside it (made {made})"
        else:
            advice = "there is no backup beside it: keep a copy of the file and start a new database"
        super().__init__(f"{self.path.name} is damaged{found}; {advice}; nothing was changed")


def database_error(path: Path, error: BaseException) -> UserError:
    """The one-line message for an sqlite3 error (raw, or wrapped by SQLAlchemy) on the file at `path`."""
    original = _unwrapped(error)
    code = sqlite_code(error)
    if code == SQLITE_CORRUPT:
        return DatabaseDamaged(path, "SQLite found a broken page")
    for known, _words, plain in _PLAIN:
        if code == known:
            return UserError(f"{Path(path).name} {plain}; nothing was changed")
    return UserError(f"{Path(path).name}: the database reported an error ({original}); nothing was changed")


def _unwrapped(error: BaseException) -> BaseException:
    """The driver's own error inside SQLAlchemy's wrapper (DBAPIError keeps it as `orig`)."""
    original = getattr(error, "orig", None)
    return original if isinstance(original, sqlite3.Error) else error


def is_database_error(error: BaseException) -> bool:
    """An sqlite3 error, raw or wrapped by SQLAlchemy; told without loading SQLAlchemy."""
    return isinstance(error, sqlite3.Error) or isinstance(_unwrapped(error), sqlite3.Error)


def __getattr__(name: str) -> tuple[type[BaseException], ...]:
    """DATABASE_ERRORS, the errors to catch around database work: sqlite3's and SQLAlchemy's wrapper
    of them. Made on first use, so that a command line that never touches a database does not load
    SQLAlchemy (a third of a second) just to name one of its exception classes."""
    if name == "DATABASE_ERRORS":
        from sqlalchemy.exc import DBAPIError

        return (DBAPIError, sqlite3.Error)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
