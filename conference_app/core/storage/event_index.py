"""The sessions' full-text index (event_fts), written straight through sqlite3.

The index keeps no copy of the text it was made from (a contentless FTS5 table): that copy was a
quarter of the file. Such an index cannot forget one session by its row id, so whenever stored
sessions change or go, it is made anew from what is stored ('delete-all', then a row for every
session); a new conference only adds its rows. Either way each row comes from `index_row`, so a
session reads the same to search however its row was made, and no word a session no longer has
can stay behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from conference_app.core.domain.text import index_text

COLUMNS = ("title", "subtitle", "abstract", "track", "type", "room", "speakers", "affiliations", "biographies")
_INSERT = f"INSERT INTO event_fts (rowid, {', '.join(COLUMNS)}) VALUES ({', '.join('?' * (len(COLUMNS) + 1))})"


class IndexedSession(NamedTuple):  # a tuple: made for every session of an import, quicker than a dataclass
    id: int
    title: str
    subtitle: str
    abstract: str
    description: str
    track: str
    type: str
    room: str


class IndexedPerson(NamedTuple):
    name: str
    affiliation: str
    role: str
    indexed_biography: str  # index_text() of the biography, made once per person


def index_row(session: IndexedSession, people: Sequence[IndexedPerson]) -> tuple[object, ...]:
    """The index row of a session with its speakers in program order: (rowid, *COLUMNS)."""
    return (
        session.id, session.title, session.subtitle, index_text(f"{session.abstract} {session.description}"),
        session.track, session.type, session.room,
        ", ".join(p.name for p in people),
        " | ".join(f"{p.affiliation} {p.role}" for p in people),
        " ".join(p.indexed_biography for p in people if p.indexed_biography),
    )


def add_to_index(connection: sqlite3.Connection, rows: Iterable[tuple[object, ...]]) -> None:
    """Rows of sessions not in the index yet."""
    connection.executemany(_INSERT, rows)


def rebuild_index(connection: sqlite3.Connection) -> None:
    """Make the index anew from every stored session and its speakers, inside the caller's transaction."""
    connection.execute("INSERT INTO event_fts (event_fts) VALUES ('delete-all')")
    people: dict[int, IndexedPerson] = {}
    speakers: dict[int, list[IndexedPerson]] = {}
    for event_id, speaker_id, name, affiliation, role, biography in connection.execute(
        "SELECT event_speaker.event_id, speaker.id, speaker.name, speaker.affiliation, speaker.role, "
        "speaker.biography FROM event_speaker JOIN speaker ON speaker.id = event_speaker.speaker_id "
        "ORDER BY event_speaker.event_id, event_speaker.position"
    ):
        person = people.get(speaker_id)
        if person is None:
            person = people[speaker_id] = IndexedPerson(name, affiliation, role, index_text(biography))
        speakers.setdefault(event_id, []).append(person)
    sessions = connection.execute(
        "SELECT id, title, subtitle, abstract, description, track, type, room FROM event ORDER BY id"
    )
    add_to_index(connection, (index_row(IndexedSession(*row), speakers.get(row[0], ())) for row in sessions))
