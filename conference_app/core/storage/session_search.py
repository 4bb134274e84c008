"""Searching the program: the sessions whose index entry matches what the user typed. (The program
list itself is read by services/program_reads.py, in plain SQL the window can use before
SQLAlchemy loads.)"""

from __future__ import annotations

from sqlalchemy.orm import Session


def matching_event_ids(session: Session, conference_id: int | None, expression: str) -> list[int]:
    """Sessions whose index entry matches an FTS5 expression. The index is searched first and
    alone (joining it to the event table makes SQLite run the match once per event), on the raw
    connection: search-as-you-type runs this on every keystroke."""
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    sql = "SELECT rowid FROM event_fts WHERE event_fts MATCH ?"
    if conference_id is None or cursor.execute("SELECT count(*) FROM conference").fetchone()[0] == 1:
        rows = cursor.execute(sql, (expression,)).fetchall()
    else:
        rows = cursor.execute(
            f"SELECT id FROM event WHERE conference_id = ? AND id IN ({sql})", (conference_id, expression)
        ).fetchall()
    return [row[0] for row in rows]
