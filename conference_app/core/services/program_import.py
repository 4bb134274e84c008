"""Loading a program file into the database, as a new conference or as an update of a stored one.

Straight on sqlite3 (see storage/direct_write.py): a whole program is rows to write in bulk, and
neither the ORM nor SQLAlchemy is loaded for it, so `conference-app import` starts at once.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from conference_app.core.collector import collection_paused
from conference_app.core.domain.identity import conference_identity, event_identities
from conference_app.core.domain.import_report import ImportReport, SessionChange
from conference_app.core.errors import ImportCancelled, InputFileError
from conference_app.core.importers.detect import detect_format, reader_for
from conference_app.core.importers.program import ParsedEvent, ParsedProgram, ReadOptions
from conference_app.core.importers.text_limits import limit_program
from conference_app.core.domain.text import index_text
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.storage import bulk
from conference_app.core.storage.direct_write import write_transaction
from conference_app.core.storage.event_index import mark_pending
from conference_app.core.storage.write_lock import WriteGuard

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
BATCH = 2000
# Derived days (sources without a day structure) change at this local hour, so a late-night
# session stays on the evening's conference day.
DAY_CHANGE_HOUR = 4
# Conferences the user renamed: a newer version of their program keeps the user's name.
TITLES_SET_BY_USER = "conference.titles_set_by_user"
# The conference the user looks at (an id); an import makes it the one just imported.
CURRENT_CONFERENCE = "current_conference"


def import_program(
    database: Path,
    path: Path,
    options: ReadOptions | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    guard: WriteGuard | None = None,
) -> Outcome[ImportReport]:
    """Read a program file and store it in the database file `database` (ready: see
    storage/database_file.py) as a new conference or an update of a stored one.

    One transaction: a bad file or a cancel leaves the database exactly as it was. `guard` is the
    open database's, when a window has it open: the window then knows this change as its own.
    """
    started = time.perf_counter()
    path = Path(path)
    options = options or ReadOptions()
    if not options.time_zone:  # a file without a zone, imported again: the zone the user set for it
        options = replace(options, time_zone=_zone_set_for(database, path))
    with collection_paused():
        program = read_program(path, options)
        # Every reference it writes is an id it has just read or stored, and it deletes no row that
        # another refers to (sessions go by being marked cancelled): SQLite need not check them.
        with write_transaction(database, guard, references_checked=False) as connection:
            report = ProgramImport(connection, progress, cancelled).run(path, program)
            bulk.store_setting(connection, CURRENT_CONFERENCE, report.conference_id)
    # From opening the file to the commit.
    report = replace(report, elapsed_ms=round((time.perf_counter() - started) * 1000, 1))
    return Outcome(report, frozenset({Topic.PROGRAM, Topic.PICKS, Topic.AGENDA}))


def _zone_set_for(database: Path, path: Path) -> str:
    connection = sqlite3.connect(database)
    try:
        row = connection.execute(
            "SELECT time_zone FROM conference WHERE source_file = ? LIMIT 1", (str(path.resolve()),)
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row and row[0] and row[0] != "UTC" else ""


def read_program(path: Path, options: ReadOptions) -> ParsedProgram:
    """Parse a program file with the reader for its (detected or given) format."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, "no such file")
    fmt = detect_format(path) if options.format in ("", "auto") else options.format
    program = limit_program(reader_for(fmt)(path, options))
    if not program.events:
        raise InputFileError(path, "the program holds no sessions; nothing was imported")
    try:
        ZoneInfo(program.time_zone)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InputFileError(path, f"unknown time zone {program.time_zone!r}") from exc
    return program


@dataclass
class _Stored:
    id: int
    title: str
    start: datetime
    end: datetime
    room: str
    cancelled: bool
    speakers: tuple[str, ...]


def _derive_day_indexes(events: list[ParsedEvent], zone: ZoneInfo) -> list[int]:
    if all(e.day_index for e in events):
        return [int(e.day_index or 1) for e in events]
    shift = timedelta(hours=DAY_CHANGE_HOUR)
    local_days = [(e.start.astimezone(zone) - shift).date() for e in events]
    first = min(local_days)
    return [e.day_index or (d - first).days + 1 for e, d in zip(events, local_days)]


class ProgramImport:
    """One import = one transaction: either the whole program is stored, or nothing changes."""

    def __init__(self, connection: sqlite3.Connection, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.connection = connection
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise ImportCancelled()

    def run(self, path: Path, program: ParsedProgram) -> ImportReport:
        zone = ZoneInfo(program.time_zone)
        identity = conference_identity(program.acronym, program.title)
        stored = self.connection.execute("SELECT id, title FROM conference WHERE identity = ?", (identity,)).fetchone()
        updated = stored is not None
        local_dates = [e.start.astimezone(zone).date() for e in program.events]
        named = bulk.setting_value(self.connection, TITLES_SET_BY_USER, [])
        title = program.title
        if updated and isinstance(named, list) and stored[0] in named:
            title = stored[1]  # the user's own name for it stays
        conference_id = bulk.store_conference(
            self.connection,
            stored[0] if updated else None,
            bulk.ConferenceRow(
                identity=identity,
                title=title,
                acronym=program.acronym,
                version=program.version,
                time_zone=program.time_zone,
                start_date=program.start_date or min(local_dates),
                end_date=program.end_date or max(local_dates),
                source_format=program.source_format,
                source_file=str(Path(path).resolve()),
                imported_at=datetime.now(timezone.utc),
            ),
        )

        speaker_ids = self._store_speakers(conference_id, program, updated)
        self._check_cancel()
        days = _derive_day_indexes(program.events, zone)
        changes, added, changed, removed = self._store_events(
            conference_id, identity, program, speaker_ids, days
        )
        self._check_cancel()
        rooms = {e.room for e in program.events if e.room}
        return ImportReport(
            conference_id=conference_id,
            conference=title,
            sessions=len(program.events),
            speakers=len(program.speakers),
            rooms=len(rooms),
            days=len(set(days)),
            added=added,
            changed=changed,
            removed=removed,
            elapsed_ms=0.0,  # import_program measures the whole import, commit included
            updated=updated,
            changes=tuple(changes) if updated else (),
            warnings=tuple(program.warnings),
        )

    def _store_speakers(self, conference_id: int, program: ParsedProgram, updated: bool) -> dict[str, int]:
        existing = self._speaker_ids(conference_id) if updated else {}
        new_rows, updates = [], []
        for key, sp in program.speakers.items():
            values = (sp.name, sp.affiliation, sp.role, sp.biography)
            if key in existing:
                updates.append((*values, existing[key]))
            else:
                new_rows.append((conference_id, key, *values))
        bulk.insert_speakers(self.connection, new_rows)
        bulk.update_speakers(self.connection, updates)
        speaker_ids = self._speaker_ids(conference_id)
        bulk.index_speakers(
            self.connection,
            [
                (speaker_ids[key], sp.name, sp.affiliation, sp.role, index_text(sp.biography))
                for key, sp in program.speakers.items()
            ],
            replace=updated,
        )
        return speaker_ids

    def _speaker_ids(self, conference_id: int) -> dict[str, int]:
        rows = self.connection.execute("SELECT identity, id FROM speaker WHERE conference_id = ?", (conference_id,))
        return dict(rows)

    def _stored_events(self, conference_id: int) -> dict[str, _Stored]:
        names: dict[int, list[str]] = {}
        rows = self.connection.execute(
            "SELECT event_speaker.event_id, speaker.identity FROM event_speaker "
            "JOIN speaker ON speaker.id = event_speaker.speaker_id WHERE speaker.conference_id = ? "
            "ORDER BY event_speaker.event_id, event_speaker.position",
            (conference_id,),
        )
        for event_id, speaker_identity in rows:
            names.setdefault(event_id, []).append(speaker_identity)
        stored = {}
        for event_id, identity, title, start, end, room, cancelled in self.connection.execute(
            'SELECT id, identity, title, start, "end", room, cancelled FROM event WHERE conference_id = ?',
            (conference_id,),
        ):
            stored[identity] = _Stored(
                event_id, title, bulk.read_time(start), bulk.read_time(end), room, bool(cancelled),
                tuple(names.get(event_id, ())),
            )
        return stored

    def _store_events(
        self,
        conference_id: int,
        conference_identity: str,
        program: ParsedProgram,
        speaker_ids: dict[str, int],
        days: list[int],
    ) -> tuple[list[SessionChange], int, int, int]:
        identities = event_identities(program.events)
        stored = self._stored_events(conference_id)
        stored_before = bool(stored)
        picked = {event_id for (event_id,) in self.connection.execute("SELECT event_id FROM pick")}
        changes: list[SessionChange] = []
        new_rows, updates = [], []
        total = len(program.events)
        for index, (event, identity, day) in enumerate(zip(program.events, identities, days)):
            values = (
                event.source_id, event.title, event.subtitle, event.track, event.type, event.room, event.language,
                bulk.stored_time(event.start), bulk.stored_time(event.end), day, False,
                bulk.stored_links(event.links), event.abstract, event.description,
            )
            old = stored.pop(identity, None)
            public_id = f"{conference_identity}:{identity}"
            if old is None:
                new_rows.append((conference_id, identity, *values))
                changes.append(SessionChange(public_id, event.title, ("added",), False))
            else:
                updates.append((*values, old.id))
                what = _differences(old, event)
                if what:
                    changes.append(SessionChange(public_id, event.title, what, old.id in picked))
            if index % BATCH == BATCH - 1:
                self._check_cancel()
                self.progress(index + 1, total)
        removed_ids = [old.id for old in stored.values() if not old.cancelled]
        for identity, old in stored.items():
            if not old.cancelled:
                changes.append(
                    SessionChange(f"{conference_identity}:{identity}", old.title, ("cancelled",), old.id in picked)
                )
        for start in range(0, len(new_rows), BATCH):
            bulk.insert_events(self.connection, new_rows[start : start + BATCH])
            self._check_cancel()
        bulk.update_events(self.connection, updates)
        bulk.cancel_events(self.connection, removed_ids)
        event_ids = self._event_ids(conference_id)
        self._link_speakers(conference_id, program, identities, event_ids, speaker_ids)
        self._check_cancel()
        # The sessions' search index is finished after the import returns (see event_index.py): made
        # anew when sessions changed or went, else given the new conference's rows.
        mark_pending(self.connection, None if stored_before else conference_id)
        self.progress(total, total)
        changes.sort(key=lambda c: (not c.picked, c.what == ("added",), c.title.casefold()))
        added = sum(1 for c in changes if c.what == ("added",))
        changed = sum(1 for c in changes if c.what not in (("added",), ("cancelled",)))
        return changes, added, changed, len(removed_ids)

    def _event_ids(self, conference_id: int) -> dict[str, int]:
        return dict(self.connection.execute("SELECT identity, id FROM event WHERE conference_id = ?", (conference_id,)))

    def _link_speakers(
        self,
        conference_id: int,
        program: ParsedProgram,
        identities: list[str],
        event_ids: dict[str, int],
        speaker_ids: dict[str, int],
    ) -> None:
        links = []
        for event, identity in zip(program.events, identities):
            event_id = event_ids[identity]
            for position, speaker_id in enumerate(_speaker_ids_of(event, speaker_ids)):
                links.append((event_id, speaker_id, position))
        bulk.replace_speaker_links(self.connection, conference_id, links)


def _speaker_ids_of(event: ParsedEvent, speaker_ids: dict[str, int]) -> list[int]:
    """The event's speakers' row ids in program order, each once."""
    found = (speaker_ids.get(key) for key in event.speaker_keys)
    return list(dict.fromkeys(i for i in found if i is not None))


def _differences(old: _Stored, new: ParsedEvent) -> tuple[str, ...]:
    what = []
    if old.cancelled:
        what.append("restored")
    if old.start != new.start or old.end != new.end:
        what.append("time")
    if old.room != new.room:
        what.append("room")
    if old.title != new.title:
        what.append("title")
    if old.speakers != tuple(dict.fromkeys(new.speaker_keys)):
        what.append("speakers")
    return tuple(what)
