"""SQLite's own errors as one line a user can act on, naming the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from conference_app.core.errors import UserError

# What SQLite says → what the user can do about it.
_PLAIN = (
    ("database is locked", "is busy: another program (or another window) is writing to it; try again in a moment"),
    ("readonly database", "is read-only: check the permissions of the file and of its folder"),
    ("disk is full", "cannot grow: the disk is full; free some space and try again"),
    ("disk i/o error", "could not be read or written (a disk error); check the disk, then try again"),
    ("malformed", "is damaged; restore the backup copy (.bak) beside it, or start a new database"),
    ("not a database", "is not a Conference Companion database (it is not SQLite)"),
    ("unable to open", "cannot be opened: check that the folder exists and can be written"),
)


def database_error(path: Path, error: BaseException) -> UserError:
    """The one-line message for an sqlite3 error (raw, or wrapped by SQLAlchemy) on the file at `path`."""
    original = error.orig if isinstance(error, DBAPIError) else error
    text = str(original).casefold()
    for needle, plain in _PLAIN:
        if needle in text:
            return UserError(f"{Path(path).name} {plain}; nothing was changed")
    return UserError(f"{Path(path).name}: the database reported an error ({original}); nothing was changed")


DATABASE_ERRORS: tuple[type[BaseException], ...] = (DBAPIError, sqlite3.Error)
