"""Keeping the full-text indexes (event_fts, speaker_fts) in step with the program tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The FTS5 tables; SQLite adds shadow tables named after them (event_fts_data, ...).
INDEX_TABLES = ("event_fts", "speaker_fts")


def is_index_table(name: str) -> bool:
    """True for the full-text tables and their shadow tables, which the ORM models leave out."""
    return any(name == table or name.startswith(f"{table}_") for table in INDEX_TABLES)


def delete_conference_index(session: Session, conference_id: int) -> None:
    from sqlalchemy import text

    params = {"conference": conference_id}
    session.execute(
        text("DELETE FROM event_fts WHERE rowid IN (SELECT id FROM event WHERE conference_id = :conference)"), params
    )
    session.execute(
        text("DELETE FROM speaker_fts WHERE rowid IN (SELECT id FROM speaker WHERE conference_id = :conference)"),
        params,
    )


def match_expression(query: str) -> str:
    """Turn what the user typed into an FTS5 query: every word must match, the last as a prefix."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
    if not words:
        return ""
    terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " ".join(terms)
