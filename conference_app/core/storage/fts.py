"""Keeping the full-text indexes (event_fts, speaker_fts) in step with the program tables."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from conference_app.core.domain.text import plain_text

# The FTS5 tables; SQLite adds shadow tables named after them (event_fts_data, ...).
INDEX_TABLES = ("event_fts", "speaker_fts")


def is_index_table(name: str) -> bool:
    """True for the full-text tables and their shadow tables, which the ORM models leave out."""
    return any(name == table or name.startswith(f"{table}_") for table in INDEX_TABLES)


_EVENT_ROWS = text(
    """
    SELECT e.id, e.title, e.subtitle, e.abstract, e.description, e.track, e.type, e.room,
           group_concat(s.name, ', '),
           group_concat(s.affiliation || ' ' || s.role, ' | '),
           group_concat(s.biography, ' ')
    FROM event e
    LEFT JOIN event_speaker es ON es.event_id = e.id
    LEFT JOIN speaker s ON s.id = es.speaker_id
    WHERE e.conference_id = :conference
    GROUP BY e.id
    """
)
_EVENT_INSERT = text(
    "INSERT INTO event_fts(rowid, title, subtitle, abstract, track, type, room, speakers, affiliations, biographies) "
    "VALUES (:id, :title, :subtitle, :abstract, :track, :type, :room, :speakers, :affiliations, :biographies)"
)
_SPEAKER_INSERT = text(
    "INSERT INTO speaker_fts(rowid, name, affiliation, role, biography) "
    "VALUES (:id, :name, :affiliation, :role, :biography)"
)


def rebuild_conference_index(session: Session, conference_id: int) -> None:
    """Replace the index rows of one conference's sessions and speakers."""
    params = {"conference": conference_id}
    delete_conference_index(session, conference_id)
    rows = [
        {
            "id": r[0],
            "title": r[1],
            "subtitle": r[2],
            "abstract": plain_text(f"{r[3]} {r[4]}"),
            "track": r[5],
            "type": r[6],
            "room": r[7],
            "speakers": r[8] or "",
            "affiliations": r[9] or "",
            "biographies": plain_text(r[10] or ""),
        }
        for r in session.execute(_EVENT_ROWS, params)
    ]
    if rows:
        session.execute(_EVENT_INSERT, rows)
    speakers = [
        {"id": r[0], "name": r[1], "affiliation": r[2], "role": r[3], "biography": plain_text(r[4])}
        for r in session.execute(
            text("SELECT id, name, affiliation, role, biography FROM speaker WHERE conference_id = :conference"),
            params,
        )
    ]
    if speakers:
        session.execute(_SPEAKER_INSERT, speakers)


def delete_conference_index(session: Session, conference_id: int) -> None:
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
