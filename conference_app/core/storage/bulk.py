"""Fast writes of a whole program: plain executemany on an sqlite3 connection (see direct_write.py).

Imports write tens of thousands of rows; going through the ORM per row costs more than the
writing itself. Values are stored exactly as the ORM column types store them (see types.py and
models.py: times as naive UTC text, dates as ISO text, settings as JSON), so the ORM reads these
rows back like any other.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import date, datetime, timezone

EVENT_COLUMNS = (
    "source_id", "title", "subtitle", "track", "type", "room", "language", "start", "end", "day_index",
    "cancelled", "links", "abstract", "description",
)
SPEAKER_COLUMNS = ("name", "affiliation", "role", "biography")
SPEAKER_INDEX_COLUMNS = ("name", "affiliation", "role", "biography")


def stored_time(moment: datetime) -> str:
    """An aware datetime as AwareDateTime stores it: naive UTC text that sorts in time order.

    The year always has four digits and the seconds six decimals, as SQLAlchemy's own SQLite format
    writes them (strftime's %Y gives "23" for the year 23 on Linux, which SQLAlchemy could not read back)."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(" ", "microseconds")


def read_time(stored: str) -> datetime:
    """A time as stored_time (or the ORM) wrote it, back as an aware UTC datetime."""
    return datetime.fromisoformat(stored).replace(tzinfo=timezone.utc)


def stored_links(links: Iterable[tuple[str, str]]) -> str:
    return json.dumps([list(link) for link in links])


def _run(connection: sqlite3.Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    if rows:
        connection.executemany(sql, rows)


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


def insert_events(connection: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (conference_id, identity, *EVENT_COLUMNS)."""
    columns = ("conference_id", "identity", *EVENT_COLUMNS)
    quoted = ", ".join(f'"{c}"' for c in columns)
    _run(connection, f"INSERT INTO event ({quoted}) VALUES ({_placeholders(len(columns))})", rows)


def update_events(connection: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (*EVENT_COLUMNS, id)."""
    assignments = ", ".join(f'"{c}" = ?' for c in EVENT_COLUMNS)
    _run(connection, f"UPDATE event SET {assignments} WHERE id = ?", rows)


def insert_speakers(connection: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (conference_id, identity, *SPEAKER_COLUMNS)."""
    columns = ("conference_id", "identity", *SPEAKER_COLUMNS)
    _run(connection, f"INSERT INTO speaker ({', '.join(columns)}) VALUES ({_placeholders(len(columns))})", rows)


def update_speakers(connection: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows: (*SPEAKER_COLUMNS, id)."""
    assignments = ", ".join(f"{c} = ?" for c in SPEAKER_COLUMNS)
    _run(connection, f"UPDATE speaker SET {assignments} WHERE id = ?", rows)


def replace_speaker_links(connection: sqlite3.Connection, conference_id: int, rows: Sequence[tuple[int, int, int]]) -> None:
    """Rows: (event_id, speaker_id, position); the conference's old links go first."""
    connection.execute(
        "DELETE FROM event_speaker WHERE event_id IN (SELECT id FROM event WHERE conference_id = ?)",
        (conference_id,),
    )
    _run(connection, "INSERT INTO event_speaker (event_id, speaker_id, position) VALUES (?, ?, ?)", rows)


def index_speakers(connection: sqlite3.Connection, rows: Sequence[tuple[object, ...]], replace: bool) -> None:
    """Rows: (speaker id, *SPEAKER_INDEX_COLUMNS)."""
    if replace:
        _run(connection, "DELETE FROM speaker_fts WHERE rowid = ?", [(row[0],) for row in rows])
    columns = ", ".join(SPEAKER_INDEX_COLUMNS)
    sql = f"INSERT INTO speaker_fts (rowid, {columns}) VALUES ({_placeholders(len(SPEAKER_INDEX_COLUMNS) + 1)})"
    _run(connection, sql, rows)


def cancel_events(connection: sqlite3.Connection, event_ids: Sequence[int]) -> None:
    """Sessions gone from a newer version of their program: kept, marked cancelled."""
    _run(connection, "UPDATE event SET cancelled = 1 WHERE id = ?", [(event_id,) for event_id in event_ids])


@dataclass(frozen=True)
class ConferenceRow:
    """The conference table's columns an import writes."""

    identity: str
    title: str
    acronym: str
    version: str
    time_zone: str
    start_date: date
    end_date: date
    source_format: str
    source_file: str
    imported_at: datetime


def store_conference(connection: sqlite3.Connection, conference_id: int | None, row: ConferenceRow) -> int:
    """Insert the conference (`conference_id` None) or update the stored one; its id."""
    names = [f.name for f in fields(ConferenceRow)]
    values = [stored_time(v) if isinstance(v, datetime) else v.isoformat() if isinstance(v, date) else v
              for v in astuple(row)]
    if conference_id is None:
        cursor = connection.execute(
            f"INSERT INTO conference ({', '.join(names)}) VALUES ({_placeholders(len(names))})", values
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid
    assignments = ", ".join(f"{name} = ?" for name in names)
    connection.execute(f"UPDATE conference SET {assignments} WHERE id = ?", [*values, conference_id])
    return conference_id


def setting_value(connection: sqlite3.Connection, key: str, default: object = None) -> object:
    """A value of the `setting` table (as settings.get_setting reads it through the ORM)."""
    row = connection.execute('SELECT value FROM setting WHERE "key" = ?', (key,)).fetchone()
    stored = None if row is None else row[0]
    # The column's NUMERIC affinity keeps a number's JSON text as that number.
    value = json.loads(stored) if isinstance(stored, (str, bytes)) else stored
    return default if value is None else value


def delete_setting(connection: sqlite3.Connection, key: str) -> None:
    connection.execute('DELETE FROM setting WHERE "key" = ?', (key,))


def store_setting(connection: sqlite3.Connection, key: str, value: object) -> None:
    """Store `value` as JSON under `key` (as settings.put_setting does through the ORM)."""
    connection.execute(
        'INSERT INTO setting ("key", value) VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET value = excluded.value',
        (key, json.dumps(value)),
    )
