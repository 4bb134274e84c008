"""The program's reads in plain SQL over a DB-API connection, without SQLAlchemy.

The window's first screen (the conference list, the filter boxes, the program list and the first
session's details) is read with these before SQLAlchemy has been imported, so that the window
shows as soon as Qt can draw it (see ui/first_screen.py); ProgramService reads facets and a
session's details through them too, so both paths give the same values. Each function reads
within whatever transaction the caller holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from conference_app.core.domain.program import (
    ConferenceSummary,
    Facets,
    SessionDetail,
    SessionRow,
    SpeakerRef,
)
from conference_app.core.errors import NotFoundError
from conference_app.core.storage.bulk import read_time

# The `setting` key of the conference in view: services/program_import.py's CURRENT_CONFERENCE
# (tests/core/test_program_reads.py keeps the two equal; that module imports SQLAlchemy).
CURRENT_CONFERENCE = "current_conference"

_ROWS = """
    SELECT e.id, e.identity, e.title, e.start, e."end", e.day_index, e.room, e.track, e.type, e.cancelled,
           p.priority, c.identity, c.time_zone
    FROM event e
    JOIN conference c ON c.id = e.conference_id
    LEFT JOIN pick p ON p.event_id = e.id
"""
_NAMES = "SELECT es.event_id, s.name FROM event_speaker es JOIN speaker s ON s.id = es.speaker_id"


@lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@lru_cache(maxsize=8192)
def _local(stored: str, zone: ZoneInfo) -> datetime:
    """A stored UTC time (naive text, as AwareDateTime writes it) in a conference's zone."""
    return read_time(stored).astimezone(zone)


def _ids_json(ids: Iterable[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def conferences(connection: sqlite3.Connection) -> list[ConferenceSummary]:
    """Every conference, newest first, with its number of sessions still in the program."""
    rows = connection.execute(
        """SELECT c.id, c.identity, c.title, c.time_zone, c.start_date, c.end_date,
                  (SELECT count(*) FROM event e WHERE e.conference_id = c.id AND e.cancelled = 0), c.source_file
           FROM conference c ORDER BY c.start_date DESC, c.id"""
    ).fetchall()
    return [
        ConferenceSummary(id_, identity, title, zone, _date(start), _date(end), count, source or "")
        for id_, identity, title, zone, start, end, count, source in rows
    ]


def _date(stored: str | None) -> date | None:
    return date.fromisoformat(stored) if stored else None


def current_conference_id(connection: sqlite3.Connection) -> int | None:
    """The conference the user last looked at, or the newest one imported."""
    chosen = setting(connection, CURRENT_CONFERENCE)
    if isinstance(chosen, int):  # stored by switch_conference as an int; anything else is not a conference id
        if connection.execute("SELECT 1 FROM conference WHERE id = ?", (chosen,)).fetchone() is not None:
            return chosen
    row = connection.execute("SELECT id FROM conference ORDER BY imported_at DESC LIMIT 1").fetchone()
    return row[0] if row is not None else None


def setting(connection: sqlite3.Connection, key: str) -> object:
    """A JSON value of the `setting` table, or None. The column's NUMERIC affinity gives a stored
    number back as a number, and everything else as its JSON text."""
    row = connection.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    value = row[0] if row is not None else None
    return json.loads(value) if isinstance(value, str | bytes) else value


def time_zone(connection: sqlite3.Connection, conference_id: int) -> str:
    row = connection.execute("SELECT time_zone FROM conference WHERE id = ?", (conference_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no conference with id {conference_id}")
    return str(row[0])


def facets(connection: sqlite3.Connection, conference_id: int) -> Facets:
    """The days (with the date each begins, in the conference's zone), tracks, rooms and types of a
    conference's sessions, in one query and one pass over them (the values told apart per day)."""
    zone = ZoneInfo(time_zone(connection, conference_id))
    days: dict[int, date] = {}
    tracks: set[str] = set()
    rooms: set[str] = set()
    types: set[str] = set()
    for day, first, day_tracks, day_rooms, day_types in connection.execute(
        """SELECT day_index, min(start), json_group_array(DISTINCT track), json_group_array(DISTINCT room),
                  json_group_array(DISTINCT type)
           FROM event WHERE conference_id = ? GROUP BY day_index""",
        (conference_id,),
    ):
        days[day] = read_time(first).astimezone(zone).date()
        tracks.update(json.loads(day_tracks))
        rooms.update(json.loads(day_rooms))
        types.update(json.loads(day_types))
    return Facets(tuple(sorted(days.items())), _sorted(tracks), _sorted(rooms), _sorted(types))


def _sorted(values: set[str]) -> tuple[str, ...]:
    return tuple(sorted((v for v in values if v), key=lambda v: (v.casefold(), v)))


def session_rows(
    connection: sqlite3.Connection,
    conference_id: int | None = None,
    picked_only: bool = False,
    event_ids: Collection[int] | None = None,
    limit: int | None = None,
) -> list[SessionRow]:
    """Sessions by start time (then room), with times in each conference's own zone (the first
    `limit` of them if given); the speaker links read are only those of the sessions asked for."""
    where: list[str] = []
    params: list[int | str] = []
    name_where: list[str] = []
    name_params: list[int | str] = []
    if conference_id is not None:
        where.append("e.conference_id = ?")
        params.append(conference_id)
        name_where.append("s.conference_id = ?")
        name_params.append(conference_id)
    if picked_only:
        where.append("p.event_id IS NOT NULL")
    if event_ids is not None:
        where.append("e.id IN (SELECT value FROM json_each(?))")
        params.append(_ids_json(event_ids))
        name_where.append("es.event_id IN (SELECT value FROM json_each(?))")
        name_params.append(_ids_json(event_ids))
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    if limit is not None:
        clause += " ORDER BY e.start, e.room, e.id LIMIT ?"
        params.append(limit)
        name_where, name_params = ["es.event_id IN (SELECT value FROM json_each(?))"], []
    else:
        clause += " ORDER BY e.start, e.room, e.id"
    rows = connection.execute(f"{_ROWS}{clause}", params).fetchall()
    if limit is not None:
        name_params.append(_ids_json(row[0] for row in rows))
    names: dict[int, list[str]] = {}
    name_clause = f" WHERE {' AND '.join(name_where)}" if name_where else ""
    for event_id, name in connection.execute(f"{_NAMES}{name_clause} ORDER BY es.event_id, es.position", name_params):
        names.setdefault(event_id, []).append(name)
    result = []
    for (event_id, identity, title, start, end, day, room, track, type_, cancelled, priority, conference,
         zone_name) in rows:  # fmt: skip
        zone = _zone(zone_name)
        speakers = tuple(names.get(event_id, ()))
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


def session_count(connection: sqlite3.Connection, conference_id: int) -> int:
    """How many sessions a conference has (cancelled ones included, as in the program list)."""
    (count,) = connection.execute("SELECT count(*) FROM event WHERE conference_id = ?", (conference_id,)).fetchone()
    return int(count)


def session_detail(connection: sqlite3.Connection, event_id: int) -> SessionDetail:
    """One session as the detail pane shows it: its row, texts, links and speakers."""
    from conference_app.core.domain.text import safe_html  # the HTML sanitiser: only once details are shown

    found = connection.execute(
        "SELECT subtitle, language, links, abstract, description FROM event WHERE id = ?", (event_id,)
    ).fetchone()
    if found is None:
        raise NotFoundError(f"no session with id {event_id}")
    subtitle, language, links, abstract, description = found
    (row,) = session_rows(connection, event_ids=(event_id,))
    speakers = tuple(
        SpeakerRef(*speaker)
        for speaker in connection.execute(
            """SELECT s.id, s.name, s.affiliation, s.role FROM event_speaker es JOIN speaker s ON s.id = es.speaker_id
               WHERE es.event_id = ? ORDER BY es.position""",
            (event_id,),
        )
    )
    body = abstract
    if description and description.strip() != abstract.strip():
        body = f"{body}\n\n{description}" if body else description
    return SessionDetail(
        row, subtitle, safe_html(body), language, tuple((str(t), str(u)) for t, u in json.loads(links)), speakers,
        str(row.start.tzinfo),
    )
