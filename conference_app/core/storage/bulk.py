"""Fast writes of a whole program: plain executemany on the session's own connection.

Imports write tens of thousands of rows; going through the ORM per row costs more than the
writing itself. Values are stored exactly as the ORM column types store them (see types.py), so
the ORM reads these rows back like any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

from sqlalchemy.orm import Session

EVENT_COLUMNS = (
    "source_id", "title", "subtitle", "track", "type", "room", "language", "start", "end", "day_index",
    "cancelled", "links", "abstract", "description",
)
SPEAKER_COLUMNS = ("name", "affiliation", "role", "biography")
EVENT_INDEX_COLUMNS = (
    "title", "subtitle", "abstract", "track", "type", "room", "speakers", "affiliations", "biographies",
)
SPEAKER_INDEX_COLUMNS = ("name", "affiliation", "role", "biography")


def stored_time(moment: datetime) -> str:
    """An aware datetime as AwareDateTime stores it: naive UTC text that sorts in time order.

    The year always has four digits (strftime's %Y gives "23" for the year 23 on Linux, which
    SQLAlchemy could not read back), as SQLAlchemy's own SQLite format writes it."""
    utc = moment.astimezone(timezone.utc)
    return f"{utc.year:04d}-{utc:%m-%d %H:%M:%S.%f}"


def stored_links(links: Iterable[tuple[str, str]]) -> str:
    return json.dumps([list(link) for link in links])


def _run(session: Session, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    if rows:
        session.connection().exec_driver_sql(sql, list(rows))


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


def insert_events(session: Session, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (conference_id, identity, *EVENT_COLUMNS)."""
    columns = ("conference_id", "identity", *EVENT_COLUMNS)
    quoted = ", ".join(f'"{c}"' for c in columns)
    _run(session, f"INSERT INTO event ({quoted}) VALUES ({_placeholders(len(columns))})", rows)


def update_events(session: Session, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (*EVENT_COLUMNS, id)."""
    assignments = ", ".join(f'"{c}" = ?' for c in EVENT_COLUMNS)
    _run(session, f"UPDATE event SET {assignments} WHERE id = ?", rows)


def insert_speakers(session: Session, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (conference_id, identity, *SPEAKER_COLUMNS)."""
    columns = ("conference_id", "identity", *SPEAKER_COLUMNS)
    _run(session, f"INSERT INTO speaker ({', '.join(columns)}) VALUES ({_placeholders(len(columns))})", rows)


def update_speakers(session: Session, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (*SPEAKER_COLUMNS, id)."""
    assignments = ", ".join(f"{c} = ?" for c in SPEAKER_COLUMNS)
    _run(session, f"UPDATE speaker SET {assignments} WHERE id = ?", rows)


def replace_speaker_links(session: Session, conference_id: int, rows: Sequence[tuple[int, int, int]]) -> None:
    """Rows: (event_id, speaker_id, position); the conference's old links go first."""
    session.connection().exec_driver_sql(
        "DELETE FROM event_speaker WHERE event_id IN (SELECT id FROM event WHERE conference_id = ?)",
        (conference_id,),
    )
    _run(session, "INSERT INTO event_speaker (event_id, speaker_id, position) VALUES (?, ?, ?)", rows)


def index_events(session: Session, rows: Sequence[tuple[object, ...]], replace: bool) -> None:
    """Rows: (event id, *EVENT_INDEX_COLUMNS). With `replace`, those events' old entries go first."""
    if replace:
        _run(session, "DELETE FROM event_fts WHERE rowid = ?", [(row[0],) for row in rows])
    columns = ", ".join(EVENT_INDEX_COLUMNS)
    sql = f"INSERT INTO event_fts (rowid, {columns}) VALUES ({_placeholders(len(EVENT_INDEX_COLUMNS) + 1)})"
    _run(session, sql, rows)


def index_speakers(session: Session, rows: Sequence[tuple[object, ...]], replace: bool) -> None:
    """Rows: (speaker id, *SPEAKER_INDEX_COLUMNS)."""
    if replace:
        _run(session, "DELETE FROM speaker_fts WHERE rowid = ?", [(row[0],) for row in rows])
    columns = ", ".join(SPEAKER_INDEX_COLUMNS)
    sql = f"INSERT INTO speaker_fts (rowid, {columns}) VALUES ({_placeholders(len(SPEAKER_INDEX_COLUMNS) + 1)})"
    _run(session, sql, rows)
