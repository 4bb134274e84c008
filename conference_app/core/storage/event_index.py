"""The sessions' full-text index (event_fts), written straight through sqlite3.

The index keeps no copy of the text it was made from (a contentless FTS5 table): that copy was a
quarter of the file. Such an index cannot forget one session by its row id, so whenever stored
sessions change or go, it is made anew from what is stored ('delete-all', then a row for every
session); a new conference only adds its rows. Either way each row comes from `index_row`, so a
session reads the same to search however its row was made, and no word a session no longer has
can stay behind.

An import does not write the index: it stores its sessions, notes what the index lacks (the
setting PENDING: the new conferences, or that everything must be made anew after an update) and
returns, so the program can be browsed at once. The index is finished in a transaction of its
own (finish_index): by the window in the background, or by the first search that needs it. Until
then search says it is being prepared (is_pending) rather than answer from an unfinished index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from conference_app.core.domain.text import index_text
from conference_app.core.storage.bulk import delete_setting, setting_value, store_setting

COLUMNS = ("title", "subtitle", "abstract", "track", "type", "room", "speakers", "affiliations", "biographies")
PENDING = "search.index_pending"  # {"rebuild": bool, "conferences": [ids]}; absent when the index is whole
_SPEAKERS = (
    "SELECT event_speaker.event_id, speaker.id, speaker.name, speaker.affiliation, speaker.role, speaker.biography "
    "FROM event_speaker JOIN speaker ON speaker.id = event_speaker.speaker_id{where} "
    "ORDER BY event_speaker.event_id, event_speaker.position"
)
_SESSIONS = "SELECT id, title, subtitle, abstract, description, track, type, room FROM event{where} ORDER BY id"
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


def rebuild_index(connection: sqlite3.Connection) -> int:
    """Make the index anew from every stored session and its speakers, inside the caller's
    transaction; the number of sessions indexed."""
    connection.execute("INSERT INTO event_fts (event_fts) VALUES ('delete-all')")
    indexed = _index_stored(connection, "", ())
    delete_setting(connection, PENDING)  # nothing is left to finish
    return indexed


def _index_stored(connection: sqlite3.Connection, where: str, parameters: Sequence[object]) -> int:
    """Index rows for the stored sessions `where` selects (a clause on event.conference_id, or "")."""
    people: dict[int, IndexedPerson] = {}
    speakers: dict[int, list[IndexedPerson]] = {}
    for event_id, speaker_id, name, affiliation, role, biography in connection.execute(
        _SPEAKERS.format(where=where and f" WHERE speaker.{where}"), parameters
    ):
        person = people.get(speaker_id)
        if person is None:
            person = people[speaker_id] = IndexedPerson(name, affiliation, role, index_text(biography))
        speakers.setdefault(event_id, []).append(person)
    rows = [
        index_row(IndexedSession(*row), speakers.get(row[0], ()))
        for row in connection.execute(_SESSIONS.format(where=where and f" WHERE {where}"), parameters)
    ]
    add_to_index(connection, rows)
    return len(rows)


def mark_pending(connection: sqlite3.Connection, conference_id: int | None) -> None:
    """Note, in the caller's transaction, that the index lacks the sessions of the new conference
    `conference_id`, or (None) that stored sessions changed or went and it must be made anew."""
    pending = _pending(connection) or {"rebuild": False, "conferences": []}
    if conference_id is None:
        pending = {"rebuild": True, "conferences": []}
    elif not pending["rebuild"] and conference_id not in pending["conferences"]:
        pending["conferences"].append(conference_id)
    store_setting(connection, PENDING, pending)


def is_pending(connection: sqlite3.Connection) -> bool:
    """True while the index lacks something an import stored (see the module docstring)."""
    return _pending(connection) is not None


def finish_index(connection: sqlite3.Connection) -> int:
    """Inside the caller's write transaction: index what the imports left pending, and note the
    index whole. The number of sessions indexed (0 when nothing was pending)."""
    pending = _pending(connection)
    if pending is None:
        return 0
    if pending["rebuild"]:
        return rebuild_index(connection)
    indexed = sum(_index_stored(connection, "conference_id = ?", (c,)) for c in pending["conferences"])
    delete_setting(connection, PENDING)
    return indexed


def _pending(connection: sqlite3.Connection) -> dict[str, Any] | None:
    value = setting_value(connection, PENDING)
    if not isinstance(value, dict):
        return None
    conferences = [c for c in value.get("conferences", []) if isinstance(c, int)]
    return {"rebuild": bool(value.get("rebuild")), "conferences": conferences}
