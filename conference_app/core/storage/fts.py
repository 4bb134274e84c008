"""Keeping the full-text indexes (event_fts, speaker_fts) in step with the program tables."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The FTS5 tables; SQLite adds shadow tables named after them (event_fts_data, ...).
INDEX_TABLES = ("event_fts", "speaker_fts")


def is_index_table(name: str) -> bool:
    """True for the full-text tables and their shadow tables, which the ORM models leave out."""
    return any(name == table or name.startswith(f"{table}_") for table in INDEX_TABLES)


def delete_speaker_index(session: Session, conference_id: int) -> None:
    """Take a conference's speakers out of the search (before the conference is deleted)."""
    from sqlalchemy import text

    session.execute(
        text("DELETE FROM speaker_fts WHERE rowid IN (SELECT id FROM speaker WHERE conference_id = :conference)"),
        {"conference": conference_id},
    )


def rebuild_event_index(session: Session) -> None:
    """Make the sessions' index anew, in the session's transaction, once its changes are written:
    it cannot forget a session by its row id (see event_index.py)."""
    session.flush()
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    from conference_app.core.storage.event_index import rebuild_index  # not on every start's check of the file

    rebuild_index(driver)


def match_expression(query: str) -> str:
    """Turn what the user typed into an FTS5 query: every word must match, the last as a prefix."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
    if not words:
        return ""
    terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " ".join(terms)
