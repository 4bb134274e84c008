"""Reading program lists fast: the list of sessions is what the main window shows at start and
after every change, so it is read with plain SQL rather than through the ORM."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from conference_app.core.domain.program import SessionRow

_ROWS = """
    SELECT e.id, e.identity, e.title, e.start, e."end", e.day_index, e.room, e.track, e.type, e.cancelled,
           p.priority, c.identity, c.time_zone
    FROM event e
    JOIN conference c ON c.id = e.conference_id
    LEFT JOIN pick p ON p.event_id = e.id
"""
_NAMES = """
    SELECT es.event_id, s.name FROM event_speaker es JOIN speaker s ON s.id = es.speaker_id
"""


@lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@lru_cache(maxsize=8192)
def _local(stored: str, zone: ZoneInfo) -> datetime:
    """A stored UTC time in a conference's zone. Cached: a program has far fewer distinct start
    and end times than sessions, and aware datetimes are immutable."""
    return datetime.fromisoformat(stored).replace(tzinfo=timezone.utc).astimezone(zone)


def session_rows(
    session: Session,
    conference_id: int | None = None,
    picked_only: bool = False,
    event_ids: Collection[int] | None = None,
) -> list[SessionRow]:
    """Sessions by start time (then room), with times in each conference's own zone."""
    where: list[str] = []
    params: list[int | str] = []
    if conference_id is not None:
        where.append("e.conference_id = ?")
        params.append(conference_id)
    if picked_only:
        where.append("p.event_id IS NOT NULL")
    if event_ids is not None:
        where.append("e.id IN (SELECT value FROM json_each(?))")
        params.append("[" + ",".join(str(int(i)) for i in event_ids) + "]")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    connection = session.connection()
    rows = connection.exec_driver_sql(f"{_ROWS}{clause} ORDER BY e.start, e.room, e.id", tuple(params)).fetchall()
    names = _speaker_names(session, conference_id)
    result = []
    for (event_id, identity, title, start, end, day, room, track, type_, cancelled, priority, conference,
         zone_name) in rows:
        zone = _zone(zone_name)
        speakers = names.get(event_id, ())
        result.append(
            SessionRow(
                id=event_id,
                public_id=f"{conference}:{identity}",
                title=title,
                start=_local(start, zone),
                end=_local(end, zone),
                day_index=day,
                room=room,
                track=track,
                type=type_,
                speakers=", ".join(speakers),
                picked=priority is not None,
                priority=priority or "",
                cancelled=bool(cancelled),
                speaker_names=speakers,
            )
        )
    return result


def _speaker_names(session: Session, conference_id: int | None) -> dict[int, tuple[str, ...]]:
    sql = _NAMES
    params: tuple[int, ...] = ()
    if conference_id is not None:
        sql += " WHERE s.conference_id = ?"
        params = (conference_id,)
    names: dict[int, list[str]] = {}
    for event_id, name in session.connection().exec_driver_sql(sql + " ORDER BY es.event_id, es.position", params):
        names.setdefault(event_id, []).append(name)
    return {event_id: tuple(found) for event_id, found in names.items()}


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
