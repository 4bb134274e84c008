"""Reader for schedule JSON: the frab-compatible v1 format (frab, pretalx) and the draft v2 format.

v1 nests sessions as conference → days → rooms → sessions, each with a full ISO `date` and an
"HH:MM" duration. v2 (the c3voc "schedule2" draft) has flat top-level `events` and `persons`
lists, room and track references resolved through the conference's `rooms` and `tracks`, and
ISO-8601 `start`/`end` (or a "PT1H30M" `duration`).

Leniency: a file that breaks the published schema only in ways real exporters also do (ids given
as text, person codes with non-ASCII characters, extra fields) is imported; the non-standard values
are listed in one warning, and unknown extra fields are ignored. A session without a title or a
start time is skipped with a warning naming it. A file is refused only when it is not JSON, not
UTF-8, has no `schedule` or `conference` object, or has neither a `days` nor an `events` list.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from conference_app.core.errors import InputFileError
from conference_app.core.importers.program import (
    ParsedEvent,
    ParsedProgram,
    ParsedSpeaker,
    ReadOptions,
)
from conference_app.core.importers.bounded_reading import shorten_json_strings
from conference_app.core.importers.moments import earlier, later
from conference_app.core.importers.text_file import unicode_encoding

_CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_CLOCK_DURATION = re.compile(r"(\d{1,4}):(\d{1,2})(?::(\d{1,2}))?")
_ISO_DURATION = re.compile(
    r"P(?!$)(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?=\d)(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})(?:\.\d+)?S)?)?"
)
_LINK_SCHEMES = ("http://", "https://")
_BARE_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?", re.IGNORECASE)
_EXAMPLES_PER_WARNING = 5


class _SkippedEvent(Exception):
    """A session that cannot be imported; the message says why, in plain words."""


@dataclass
class _Day:
    index: int
    date: date | None
    start: datetime | None
    end: datetime | None


@dataclass
class _Reading:
    """What is gathered while one file is read."""

    zone: ZoneInfo
    warnings: list[str]
    base_url: str = ""  # for links given as server paths
    speakers: dict[str, ParsedSpeaker] = field(default_factory=dict)
    oddities: list[str] = field(default_factory=list)
    dropped_links: int = 0

    def add_speaker(self, key: str, name: str, biography: str, role: str = "") -> None:
        known = self.speakers.get(key)
        if known is None:
            self.speakers[key] = ParsedSpeaker(key=key, name=name, biography=biography, role=role)
            return
        if not known.biography:
            known.biography = biography
        if role and role not in known.role.split(", "):
            known.role = f"{known.role}, {role}" if known.role else role

    def finish_warnings(self) -> list[str]:
        if self.oddities:
            shown = "; ".join(self.oddities[:_EXAMPLES_PER_WARNING])
            more = len(self.oddities) - _EXAMPLES_PER_WARNING
            suffix = f" (and {more} more)" if more > 0 else ""
            self.warnings.append(f"Non-standard values accepted as they are: {shown}{suffix}.")
        if self.dropped_links:
            self.warnings.append(f"Left out {self.dropped_links} link(s) that are not web addresses.")
        return self.warnings


def read(path: Path, options: ReadOptions) -> ParsedProgram:
    """Read a v1 (frab/pretalx) or v2 schedule JSON file into a ParsedProgram.

    Raises InputFileError when the file is not UTF-8 JSON or is not a schedule at all.
    """
    document = _load_json(path)
    if not isinstance(document, dict) or "schedule" not in document:
        raise InputFileError(path, "not a schedule JSON: expected an object with a 'schedule' key")
    schedule = document["schedule"]
    if not isinstance(schedule, dict):
        raise InputFileError(path, "not a schedule JSON: 'schedule' is not an object")
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        raise InputFileError(path, "the schedule has no 'conference' object")
    if isinstance(schedule.get("events"), list):
        return _read_v2(path, schedule, conference, options)
    return _read_v1(path, schedule, conference, options)


# --- file level -------------------------------------------------------------------------------


def _load_json(path: Path) -> Any:
    """The parsed document. Strings longer than any field keeps are cut while the file is read, so a
    huge abstract costs no more memory than a small one."""
    try:
        with path.open("rb") as stream:
            wide = unicode_encoding(stream.read(4096))
            stream.seek(0)
            # The filter works on UTF-8 bytes; a UTF-16 or UTF-32 file is read as it is.
            data = stream.read() if wide and wide.startswith(("utf-16", "utf-32")) else shorten_json_strings(stream)
    except OSError as error:
        raise InputFileError(path, f"cannot read the file ({error.strerror or error})") from None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode(wide or "utf-8")
    except UnicodeDecodeError as error:
        raise InputFileError(
            path, f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})"
        ) from None
    if not text.strip():
        raise InputFileError(path, "the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputFileError(
            path, f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except (ValueError, RecursionError) as error:
        # Numbers too long to convert, or nesting deeper than the parser allows.
        raise InputFileError(path, f"malformed JSON: {error}") from None


def _program_header(
    path: Path, schedule: dict[str, Any], conference: dict[str, Any], zone_name: str, reading: _Reading
) -> ParsedProgram:
    acronym = _text(conference.get("acronym")).strip()
    title = _text(conference.get("title")).strip()
    if not title:
        title = acronym or path.stem
        reading.warnings.append(f"The conference has no title; using '{title}'.")
    return ParsedProgram(
        title=title,
        time_zone=zone_name,
        source_format="json",
        acronym=acronym,
        version=_text(schedule.get("version")).strip(),
        start_date=_calendar_date(conference.get("start"), reading.zone),
        end_date=_calendar_date(conference.get("end"), reading.zone),
    )


def _finish(program: ParsedProgram, days: list[_Day], reading: _Reading) -> ParsedProgram:
    day_dates = [day.date for day in days if day.date is not None]
    if program.start_date is None and day_dates:
        program.start_date = min(day_dates)
    if program.end_date is None and day_dates:
        program.end_date = max(day_dates)
    program.speakers = reading.speakers
    program.warnings = reading.finish_warnings()
    return program


# --- v1: conference → days → rooms → sessions ---------------------------------------------------


def _read_v1(
    path: Path, schedule: dict[str, Any], conference: dict[str, Any], options: ReadOptions
) -> ParsedProgram:
    raw_days = conference.get("days")
    if not isinstance(raw_days, list):
        raise InputFileError(path, "the conference has no 'days' list and the schedule no 'events' list")
    warnings: list[str] = []
    placed = list(_v1_placed_events(raw_days, warnings))

    samples = [moment for _, _, raw in placed if (moment := _parse_iso(raw.get("date"))) is not None]
    if not samples:
        samples = _aware_bounds(raw for raw, _ in _v1_day_objects(raw_days))
    zone_name, zone = _resolve_time_zone(conference.get("time_zone_name"), samples, options, warnings)
    reading = _Reading(zone=zone, warnings=warnings, base_url=_base_url(schedule))

    days = {
        position: _day(raw, position, "day_start", "day_end", zone)
        for raw, position in _v1_day_objects(raw_days)
    }
    program = _program_header(path, schedule, conference, zone_name, reading)
    for position, room_key, raw in placed:
        day = days[position]
        try:
            program.events.append(_v1_event(raw, day, room_key, reading))
        except _SkippedEvent as problem:
            label = _event_label(raw, f"day {day.index}, room '{room_key}'")
            warnings.append(f"Skipped session {label}: {problem}.")
    return _finish(program, list(days.values()), reading)


def _v1_day_objects(raw_days: list[Any]) -> list[tuple[dict[str, Any], int]]:
    return [(raw, position) for position, raw in enumerate(raw_days, start=1) if isinstance(raw, dict)]


def _v1_placed_events(raw_days: list[Any], warnings: list[str]) -> list[tuple[int, str, dict[str, Any]]]:
    """Every session object with the day position and room name it is filed under."""
    placed: list[tuple[int, str, dict[str, Any]]] = []
    for position, raw_day in enumerate(raw_days, start=1):
        if not isinstance(raw_day, dict):
            warnings.append(f"Skipped day {position}: it is not a day object.")
            continue
        rooms = raw_day.get("rooms", {})
        if not isinstance(rooms, dict):
            warnings.append(f"Skipped the rooms of day {position}: they are not a name → sessions map.")
            continue
        for room_key, sessions in rooms.items():
            if not isinstance(sessions, list):
                warnings.append(f"Skipped room '{room_key}' on day {position}: it holds no list of sessions.")
                continue
            for raw in sessions:
                if isinstance(raw, dict):
                    placed.append((position, room_key, raw))
                else:
                    warnings.append(
                        f"Skipped an entry in room '{room_key}' on day {position}: not a session object."
                    )
    return placed


def _v1_event(raw: dict[str, Any], day: _Day, room_key: str, reading: _Reading) -> ParsedEvent:
    title = _text(raw.get("title")).strip() or _stand_in_title(
        _text(raw.get("track")).strip(),
        _text(raw.get("type")).strip(),
        any(isinstance(p, dict) and (_text(p.get("public_name")) or _text(p.get("name"))).strip()
            for p in _list(raw.get("persons"))),
        _event_label(raw, f"day {day.index}, room '{room_key}'"),
        reading,
    )
    start = _v1_start(raw, day, reading.zone)
    length = _duration(raw.get("duration"))
    if length is None:
        if raw.get("duration") not in (None, ""):
            reading.warnings.append(
                f"Session '{title}': duration '{_text(raw.get('duration'))}' not understood; given no length."
            )
        length = timedelta(0)
    raw_id = raw.get("id")
    if isinstance(raw_id, str):
        reading.oddities.append(f"session id '{raw_id}' is text, not a number")
    return ParsedEvent(
        source_id=_source_id(raw),
        title=title,
        start=start,
        end=_later(start, length),
        subtitle=_text(raw.get("subtitle")).strip(),
        abstract=_text(raw.get("abstract")),
        description=_text(raw.get("description")),
        track=_text(raw.get("track")).strip(),
        type=_text(raw.get("type")).strip(),
        room=_text(raw.get("room")).strip() or str(room_key).strip(),
        language=_text(raw.get("language")).strip(),
        links=_links(raw, reading),
        speaker_keys=_v1_speakers(raw.get("persons"), reading),
        day_index=day.index,
    )


def _v1_start(raw: dict[str, Any], day: _Day, zone: ZoneInfo) -> datetime:
    """The full `date` when present; otherwise the day's date plus "HH:MM", moved to the next
    calendar day when it falls before the day's start (a session after midnight)."""
    moment = _moment(raw.get("date"), zone)
    if moment is not None:
        return moment
    clock = _clock_time(raw.get("start"))
    if clock is None:
        given = _text(raw.get("start")) or _text(raw.get("date"))
        raise _SkippedEvent(f"start time '{given}' not understood" if given else "it has no start time")
    if day.date is None:
        raise _SkippedEvent("it has only a clock time and its day has no date")
    start = datetime.combine(day.date, clock, tzinfo=zone)
    if day.start is not None and earlier(start, day.start):
        try:
            start += timedelta(days=1)  # the same clock time on the next calendar day
        except OverflowError:
            raise _SkippedEvent("its times are out of range") from None
    return start


def _v1_speakers(persons: Any, reading: _Reading) -> list[str]:
    if not isinstance(persons, list):
        return []
    keys: list[str] = []
    for person in persons:
        if not isinstance(person, dict):
            continue
        name = (_text(person.get("public_name")) or _text(person.get("name"))).strip()
        if not name:
            reading.warnings.append("Left out a speaker with no name.")
            continue
        person_id = person.get("id")
        if isinstance(person_id, str):
            reading.oddities.append(f"person id '{person_id}' of {name} is text, not a number")
        code = _text(person.get("code"))
        if code and not code.isascii():
            reading.oddities.append(f"person code '{code}' of {name} is not plain ASCII")
        key = _person_key(person) or _name_key(name)
        reading.add_speaker(key, name, _localized(person.get("biography"), ""))
        if key not in keys:
            keys.append(key)
    return keys


# --- v2: flat events and persons ----------------------------------------------------------------


def _read_v2(
    path: Path, schedule: dict[str, Any], conference: dict[str, Any], options: ReadOptions
) -> ParsedProgram:
    warnings: list[str] = []
    raw_events = [raw for raw in schedule["events"] if isinstance(raw, dict)]
    if len(raw_events) < len(schedule["events"]):
        skipped = len(schedule["events"]) - len(raw_events)
        warnings.append(f"Skipped {skipped} entries that are not session objects.")
    raw_days = [raw for raw in _list(conference.get("days")) if isinstance(raw, dict)]

    samples = [moment for raw in raw_events if (moment := _parse_iso(raw.get("start"))) is not None]
    if not samples:
        samples = _aware_bounds(raw_days, "start", "end")
    zone_name, zone = _resolve_time_zone(conference.get("time_zone_name"), samples, options, warnings)
    reading = _Reading(zone=zone, warnings=warnings, base_url=_base_url(schedule))

    days = [_day(raw, position, "start", "end", zone) for position, raw in enumerate(raw_days, start=1)]
    catalogue = _V2Catalogue.build(schedule, conference)
    program = _program_header(path, schedule, conference, zone_name, reading)
    for position, raw in enumerate(raw_events, start=1):
        try:
            program.events.append(_v2_event(raw, days, catalogue, reading, f"entry {position}"))
        except _SkippedEvent as problem:
            warnings.append(f"Skipped session {_event_label(raw, f'entry {position}')}: {problem}.")
    return _finish(program, days, reading)


@dataclass
class _V2Catalogue:
    """The conference-level lists v2 sessions refer to."""

    room_names: dict[str, str]  # guid or slug → name
    track_names: dict[str, str]  # slug → name
    persons: dict[str, dict[str, Any]]  # guid → person object
    default_language: str

    @classmethod
    def build(cls, schedule: dict[str, Any], conference: dict[str, Any]) -> _V2Catalogue:
        room_names: dict[str, str] = {}
        for room in _list(conference.get("rooms")):
            if isinstance(room, dict) and (name := _text(room.get("name")).strip()):
                for reference in (_text(room.get("guid")), _text(room.get("slug"))):
                    if reference:
                        room_names[reference] = name
        track_names = {
            _text(track.get("slug")): _text(track.get("name")).strip()
            for track in _list(conference.get("tracks"))
            if isinstance(track, dict) and _text(track.get("slug"))
        }
        persons = {
            _text(person.get("guid")): person
            for person in _list(schedule.get("persons"))
            if isinstance(person, dict) and _text(person.get("guid"))
        }
        defaults = conference.get("defaults")
        language = _text(defaults.get("language")) if isinstance(defaults, dict) else ""
        return cls(room_names, track_names, persons, language or "en")


def _v2_event(
    raw: dict[str, Any], days: list[_Day], catalogue: _V2Catalogue, reading: _Reading, place: str
) -> ParsedEvent:
    title = _localized(raw.get("title"), catalogue.default_language).strip() or _stand_in_title(
        _v2_reference_name(raw.get("track"), catalogue.track_names),
        _humanized(_text(raw.get("type"))),
        any(isinstance(p, dict) for p in _list(raw.get("participants"))),
        _event_label(raw, place),
        reading,
    )
    start = _moment(raw.get("start"), reading.zone)
    if start is None:
        given = _text(raw.get("start"))
        raise _SkippedEvent(f"start time '{given}' not understood" if given else "it has no start time")
    end = _moment(raw.get("end"), reading.zone)
    if end is None or earlier(end, start):
        length = _duration(raw.get("duration"))
        if length is None:
            reading.warnings.append(f"Session '{title}': no end time or duration; given no length.")
            length = timedelta(0)
        end = _later(start, length)
    language = _text(raw.get("language")).strip()
    wanted_language = language or catalogue.default_language
    return ParsedEvent(
        source_id=_source_id(raw),
        title=title,
        start=start,
        end=end,
        subtitle=_localized(raw.get("subtitle"), wanted_language).strip(),
        abstract=_localized(raw.get("abstract"), wanted_language),
        description=_localized(raw.get("description"), wanted_language),
        track=_v2_reference_name(raw.get("track"), catalogue.track_names),
        type=_humanized(_text(raw.get("type"))),
        room=_v2_reference_name(raw.get("room"), catalogue.room_names),
        language=language,
        links=_links(raw, reading),
        speaker_keys=_v2_speakers(raw.get("participants"), catalogue, reading),
        day_index=_day_of(start, days),
    )


def _stand_in_title(track: str, kind: str, has_people: bool, label: str, reading: _Reading) -> str:
    """A title for a session that has none but does name its track, type or people; a slot with
    nothing but a time is skipped."""
    if not (track or kind or has_people):
        raise _SkippedEvent("it has no title")
    title = track or kind or "(untitled)"
    reading.warnings.append(f"Session {label} has no title; it is shown as '{title}'.")
    return title


def _v2_reference_name(reference: Any, names: dict[str, str]) -> str:
    """A room or track given as {"guid"/"slug", "name"?} (or, leniently, as plain text)."""
    if not isinstance(reference, dict):
        return _text(reference).strip()
    for key in ("guid", "slug"):
        if name := names.get(_text(reference.get(key))):
            return name
    return (_text(reference.get("name")) or _text(reference.get("slug"))).strip()


def _v2_speakers(participants: Any, catalogue: _V2Catalogue, reading: _Reading) -> list[str]:
    keys: list[str] = []
    for participant in _list(participants):
        if not isinstance(participant, dict):
            continue
        guid = _text(participant.get("guid")).strip()
        person = catalogue.persons.get(guid, {})
        name = (_text(person.get("name")) or _text(participant.get("name"))).strip()
        if not name:
            reading.warnings.append("Left out a participant with no name.")
            continue
        role = _text(participant.get("role")).strip()
        key = f"guid:{guid}" if guid else _name_key(name)
        biography = _localized(person.get("biography"), catalogue.default_language)
        # Being a speaker is what a speaker list already says; other roles are worth keeping.
        reading.add_speaker(key, name, biography, "" if role.upper() == "SPEAKER" else _humanized(role))
        if key not in keys:
            keys.append(key)
    return keys


def _day_of(start: datetime, days: list[_Day]) -> int | None:
    for day in days:
        if day.start is not None and day.end is not None and not earlier(start, day.start) and earlier(start, day.end):
            return day.index
    for day in days:
        if day.date == start.date():
            return day.index
    return None


# --- shared pieces ------------------------------------------------------------------------------


def _resolve_time_zone(
    declared: Any, samples: list[datetime], options: ReadOptions, warnings: list[str]
) -> tuple[str, ZoneInfo]:
    """The conference's zone: the file's own name for it; else one derived from the offsets its
    times carry; else the zone the user chose; else UTC."""
    declared_name = _text(declared).strip()
    if declared_name:
        zone = _zone(declared_name)
        if zone is not None:
            _warn_offsets_not_in_zone(declared_name, zone, samples, warnings)
            return declared_name, zone
        warnings.append(f"The file names an unknown time zone '{declared_name}'.")

    chosen_name = options.time_zone.strip()
    chosen = _zone(chosen_name) if chosen_name else None
    if chosen_name and chosen is None:
        warnings.append(f"The chosen time zone '{chosen_name}' is unknown; it was not used.")
    if chosen is not None and samples and _offsets_match(chosen, samples):
        return chosen_name, chosen

    offsets = {moment.utcoffset() for moment in samples}
    if len(offsets) == 1:
        offset = offsets.pop()
        derived = _fixed_offset_zone_name(offset) if offset is not None else None
        if derived is not None:
            warnings.append(
                f"The file names no time zone; all its times are {_offset_text(offset)}, "
                f"so they are shown in {derived}."
            )
            return derived, ZoneInfo(derived)
    if chosen is not None:
        warnings.append(f"The file names no time zone; using the chosen time zone {chosen_name}.")
        return chosen_name, chosen
    warnings.append("The file names no time zone and none was chosen; times are shown in UTC.")
    return "UTC", ZoneInfo("UTC")


def _offsets_match(zone: ZoneInfo, samples: list[datetime]) -> bool:
    return all(_offset_in(zone, moment) == moment.utcoffset() for moment in samples)


def _warn_offsets_not_in_zone(
    name: str, zone: ZoneInfo, samples: list[datetime], warnings: list[str]
) -> None:
    mismatched = [moment for moment in samples if _offset_in(zone, moment) != moment.utcoffset()]
    if mismatched:
        shown = ", ".join(sorted({_offset_text(moment.utcoffset()) for moment in mismatched}))
        warnings.append(
            f"{len(mismatched)} session time(s) carry the offset {shown}, which does not match the "
            f"file's time zone {name}; they keep their exact moment and are shown in {name}."
        )


def _fixed_offset_zone_name(offset: timedelta) -> str | None:
    """The IANA fixed-offset zone for a whole-hour offset ("Etc/GMT-1" is UTC+01:00: POSIX signs)."""
    if not offset:
        return "UTC"
    seconds = int(offset.total_seconds())
    if seconds % 3600:
        return None
    name = f"Etc/GMT{-seconds // 3600:+d}"
    return name if _zone(name) is not None else None


def _offset_text(offset: timedelta | None) -> str:
    seconds = int(offset.total_seconds()) if offset is not None else 0
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _offset_in(zone: ZoneInfo, moment: datetime) -> timedelta | None:
    try:
        return moment.astimezone(zone).utcoffset()
    except OverflowError:
        return None


def _aware_bounds(raw_days: Any, start_key: str = "day_start", end_key: str = "day_end") -> list[datetime]:
    bounds = []
    for raw in raw_days:
        for key in (start_key, end_key):
            if (moment := _parse_iso(raw.get(key))) is not None:
                bounds.append(moment)
    return bounds


def _day(raw: dict[str, Any], position: int, start_key: str, end_key: str, zone: ZoneInfo) -> _Day:
    index = raw.get("index")
    return _Day(
        index=index if isinstance(index, int) and not isinstance(index, bool) and index > 0 else position,
        date=_calendar_date(raw.get("date"), zone),
        start=_moment(raw.get(start_key), zone),
        end=_moment(raw.get(end_key), zone),
    )


def _parse_iso(value: Any) -> datetime | None:
    """An aware datetime from ISO text with an offset; None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def _moment(value: Any, zone: ZoneInfo) -> datetime | None:
    """ISO date-time text as an aware datetime in the conference zone (naive text is taken as
    local conference time); None when absent or not understood."""
    if not isinstance(value, str) or "T" not in value.upper():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
        if moment.utcoffset() is None:
            return moment.replace(tzinfo=zone)
        return moment.astimezone(zone)
    except (ValueError, OverflowError):
        return None


def _calendar_date(value: Any, zone: ZoneInfo) -> date | None:
    """A date from "YYYY-MM-DD" or from a date-time (its date in the conference zone)."""
    moment = _moment(value, zone)
    if moment is not None:
        return moment.date()
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _clock_time(value: Any) -> time | None:
    """A wall-clock time from "HH:MM" or "H:MM:SS"."""
    clock = _CLOCK_TIME.fullmatch(_text(value).strip())
    if clock is None:
        return None
    hours, minutes, seconds = (int(part or 0) for part in clock.groups())
    try:
        return time(hours, minutes, seconds)
    except ValueError:
        return None


def _duration(value: Any) -> timedelta | None:
    """A duration from "HH:MM", "H:MM:SS" or ISO 8601 ("PT1H30M"); None when not understood."""
    text = _text(value).strip().upper()
    if clock := _CLOCK_DURATION.fullmatch(text):
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if iso := _ISO_DURATION.fullmatch(text):
        weeks, days, hours, minutes, seconds = (int(part or 0) for part in iso.groups())
        return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return None


def _later(start: datetime, length: timedelta) -> datetime:
    """`length` of absolute time after `start` (a session's length does not stretch or shrink
    when the clocks change during it)."""
    try:
        return later(start, length)
    except OverflowError:
        raise _SkippedEvent("its times are out of range") from None


def _links(raw: dict[str, Any], reading: _Reading) -> list[tuple[str, str]]:
    """The session's own page, then its links and attachments, as (title, url), web addresses only."""
    candidates: list[tuple[str, str]] = []
    if page := _text(raw.get("url")).strip():
        candidates.append(("Session page", page))
    for entry in _list(raw.get("links")) + _list(raw.get("attachments")):
        if isinstance(entry, str):
            candidates.append((entry, entry))
        elif isinstance(entry, dict) and (url := _text(entry.get("url")).strip()):
            title = _text(entry.get("title")).strip() or _humanized(_text(entry.get("type"))) or url
            candidates.append((title, url))
    links: list[tuple[str, str]] = []
    for title, url in candidates:
        address = _web_address(url, reading.base_url)
        if address is None:
            reading.dropped_links += 1
        elif all(address != known for _, known in links):
            links.append((title.strip(), address))
    return links


def _web_address(url: str, base_url: str) -> str | None:
    """An absolute http(s) address: frab gives attachments as server paths ("/system/…") and
    speakers type bare host names ("example.net"); other schemes are not opened from the app."""
    if url.lower().startswith(_LINK_SCHEMES):
        return url
    if url.startswith("//"):
        return "https:" + url
    if url.startswith("/"):
        return urljoin(base_url, url) if base_url else None
    if _BARE_HOST.fullmatch(url):
        return "https://" + url
    return None


def _base_url(schedule: dict[str, Any]) -> str:
    base_url = _text(schedule.get("base_url")).strip()
    return base_url if base_url.lower().startswith(_LINK_SCHEMES) else ""


def _source_id(raw: dict[str, Any]) -> str:
    for key in ("guid", "id", "code"):
        if value := _text(raw.get(key)).strip():
            return value
    return ""


def _person_key(person: dict[str, Any]) -> str:
    # The same order as the frab XML reader, so pretalx's XML and JSON give the same keys.
    for key in ("id", "guid", "code"):
        if value := _text(person.get(key)).strip():
            return f"{key}:{value}"
    return ""


def _name_key(name: str) -> str:
    return "name:" + " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _event_label(raw: dict[str, Any], place: str) -> str:
    title = _text(raw.get("title")).strip()
    identity = _source_id(raw)
    if title:
        return f"'{title}' ({place})"
    return f"with id '{identity}' ({place})" if identity else f"without title or id ({place})"


def _localized(value: Any, language: str) -> str:
    """Plain text, or from a {"en": …, "de": …} map the wanted language, else English, else the first."""
    if isinstance(value, dict):
        texts = {key: text for key, text in value.items() if isinstance(text, str)}
        for key in (language, "en"):
            if key in texts:
                return texts[key]
        return next(iter(texts.values()), "")
    return _text(value)


def _humanized(constant: str) -> str:
    """"LIGHTNING_TALK" → "Lightning talk"; text that is not an upper-case constant is kept."""
    if constant.isupper():
        return constant.replace("_", " ").capitalize()
    return constant


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
