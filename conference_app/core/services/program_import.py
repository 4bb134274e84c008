"""Loading a program file into the database, as a new conference or as an update of a stored one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from conference_app.core.domain.identity import conference_identity, event_identities
from conference_app.core.domain.program import ImportReport, SessionChange
from conference_app.core.errors import ImportCancelled, InputFileError
from conference_app.core.importers.detect import detect_format, reader_for
from conference_app.core.importers.program import ParsedEvent, ParsedProgram, ReadOptions
from conference_app.core.importers.text_limits import limit_program
from conference_app.core.domain.text import plain_text
from conference_app.core.storage import bulk
from conference_app.core.storage.models import Conference, Event, EventSpeaker, Pick, Speaker
from conference_app.core.storage.settings import get_setting

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
BATCH = 2000
# Derived days (sources without a day structure) change at this local hour, so a late-night
# session stays on the evening's conference day.
DAY_CHANGE_HOUR = 4
# Conferences the user renamed: a newer version of their program keeps the user's name.
TITLES_SET_BY_USER = "conference.titles_set_by_user"


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

    def __init__(self, session: Session, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.session = session
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise ImportCancelled()

    def run(self, path: Path, program: ParsedProgram) -> ImportReport:
        zone = ZoneInfo(program.time_zone)
        identity = conference_identity(program.acronym, program.title)
        conference = self.session.scalars(select(Conference).where(Conference.identity == identity)).one_or_none()
        updated = conference is not None
        local_dates = [e.start.astimezone(zone).date() for e in program.events]
        named = get_setting(self.session, TITLES_SET_BY_USER, [])
        if conference is None:
            conference = Conference(identity=identity, title=program.title)
            self.session.add(conference)
        if not (updated and isinstance(named, list) and conference.id in named):
            conference.title = program.title
        conference.acronym = program.acronym
        conference.version = program.version
        conference.time_zone = program.time_zone
        conference.start_date = program.start_date or min(local_dates)
        conference.end_date = program.end_date or max(local_dates)
        conference.source_format = program.source_format
        conference.source_file = str(Path(path).resolve())
        conference.imported_at = datetime.now(timezone.utc)
        self.session.flush()

        speaker_ids = self._store_speakers(conference.id, program, updated)
        self._check_cancel()
        changes, added, changed, removed = self._store_events(conference, program, speaker_ids, zone)
        self._check_cancel()
        rooms = {e.room for e in program.events if e.room}
        days = {e for e in _derive_day_indexes(program.events, zone)}
        return ImportReport(
            conference_id=conference.id,
            conference=conference.title,
            sessions=len(program.events),
            speakers=len(program.speakers),
            rooms=len(rooms),
            days=len(days),
            added=added,
            changed=changed,
            removed=removed,
            elapsed_ms=0.0,  # the service measures the whole import, commit included
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
        bulk.insert_speakers(self.session, new_rows)
        bulk.update_speakers(self.session, updates)
        speaker_ids = self._speaker_ids(conference_id)
        bulk.index_speakers(
            self.session,
            [
                (speaker_ids[key], sp.name, sp.affiliation, sp.role, plain_text(sp.biography))
                for key, sp in program.speakers.items()
            ],
            replace=updated,
        )
        return speaker_ids

    def _speaker_ids(self, conference_id: int) -> dict[str, int]:
        rows = self.session.execute(select(Speaker.identity, Speaker.id).where(Speaker.conference_id == conference_id))
        return {identity: speaker_id for identity, speaker_id in rows}

    def _stored_events(self, conference_id: int) -> dict[str, _Stored]:
        names: dict[int, list[str]] = {}
        rows = self.session.execute(
            select(EventSpeaker.event_id, Speaker.identity)
            .join(Speaker, Speaker.id == EventSpeaker.speaker_id)
            .where(Speaker.conference_id == conference_id)
            .order_by(EventSpeaker.event_id, EventSpeaker.position)
        )
        for event_id, speaker_identity in rows:
            names.setdefault(event_id, []).append(speaker_identity)
        stored = {}
        for row in self.session.execute(
            select(Event.id, Event.identity, Event.title, Event.start, Event.end, Event.room, Event.cancelled).where(
                Event.conference_id == conference_id
            )
        ):
            stored[row.identity] = _Stored(
                row.id, row.title, row.start, row.end, row.room, row.cancelled, tuple(names.get(row.id, ()))
            )
        return stored

    def _store_events(
        self, conference: Conference, program: ParsedProgram, speaker_ids: dict[str, int], zone: ZoneInfo
    ) -> tuple[list[SessionChange], int, int, int]:
        identities = event_identities(program.events)
        days = _derive_day_indexes(program.events, zone)
        stored = self._stored_events(conference.id)
        picked = set(self.session.scalars(select(Pick.event_id)))
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
            public_id = f"{conference.identity}:{identity}"
            if old is None:
                new_rows.append((conference.id, identity, *values))
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
                    SessionChange(f"{conference.identity}:{identity}", old.title, ("cancelled",), old.id in picked)
                )
        for start in range(0, len(new_rows), BATCH):
            bulk.insert_events(self.session, new_rows[start : start + BATCH])
            self._check_cancel()
        bulk.update_events(self.session, updates)
        if removed_ids:
            self.session.execute(update(Event).where(Event.id.in_(removed_ids)).values(cancelled=True))
        event_ids = self._event_ids(conference.id)
        self._link_speakers(conference.id, program, identities, event_ids, speaker_ids)
        self._check_cancel()
        self._index_events(program, identities, event_ids, replace=bool(updates))
        self.progress(total, total)
        changes.sort(key=lambda c: (not c.picked, c.what == ("added",), c.title.casefold()))
        added = sum(1 for c in changes if c.what == ("added",))
        changed = sum(1 for c in changes if c.what not in (("added",), ("cancelled",)))
        return changes, added, changed, len(removed_ids)

    def _event_ids(self, conference_id: int) -> dict[str, int]:
        rows = self.session.execute(select(Event.identity, Event.id).where(Event.conference_id == conference_id))
        return {identity: event_id for identity, event_id in rows}

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
        bulk.replace_speaker_links(self.session, conference_id, links)

    def _index_events(
        self, program: ParsedProgram, identities: list[str], event_ids: dict[str, int], replace: bool
    ) -> None:
        """Full-text rows built from the parsed program: no need to read back what was just written."""
        plain_bios = {key: plain_text(sp.biography) for key, sp in program.speakers.items()}
        rows = []
        for event, identity in zip(program.events, identities):
            people = [program.speakers[k] for k in dict.fromkeys(event.speaker_keys) if k in program.speakers]
            keys = [k for k in dict.fromkeys(event.speaker_keys) if k in program.speakers]
            rows.append(
                (
                    event_ids[identity], event.title, event.subtitle,
                    plain_text(f"{event.abstract} {event.description}"), event.track, event.type, event.room,
                    ", ".join(p.name for p in people),
                    " | ".join(f"{p.affiliation} {p.role}" for p in people),
                    " ".join(plain_bios[k] for k in keys if plain_bios[k]),
                )
            )
        bulk.index_events(self.session, rows, replace=replace)


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
