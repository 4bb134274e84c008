"""Schedule JSON v1 (frab, pretalx): conference → days → rooms → sessions, each session with a
full ISO `date` (or an "HH:MM" `start` on its day) and an "HH:MM" `duration`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from conference_app.core.errors import InputFileError
from conference_app.core.importers.moments import earlier
from conference_app.core.importers.program import ParsedEvent, ParsedProgram, ReadOptions
from conference_app.core.importers.schedule_json_reading import Reading, finish, links_of, program_header, stand_in_title
from conference_app.core.importers.schedule_json_times import (
    Day,
    aware_bounds,
    clock_time,
    later_or_skip,
    local_moment,
    parse_day,
    parse_duration,
    parse_iso,
    resolve_time_zone,
)
from conference_app.core.importers.schedule_json_values import (
    SkippedEvent,
    event_label,
    list_of,
    localized,
    name_key,
    person_key,
    schedule_base_url,
    source_id,
    text_of,
)


def read_v1(
    path: Path, schedule: dict[str, Any], conference: dict[str, Any], options: ReadOptions
) -> ParsedProgram:
    raw_days = conference.get("days")
    if not isinstance(raw_days, list):
        raise InputFileError(path, "the conference has no 'days' list and the schedule no 'events' list")
    warnings: list[str] = []
    placed = list(_v1_placed_events(raw_days, warnings))

    samples = [moment for _, _, raw in placed if (moment := parse_iso(raw.get("date"))) is not None]
    if not samples:
        samples = aware_bounds(raw for raw, _ in _v1_day_objects(raw_days))
    zone_name, zone = resolve_time_zone(conference.get("time_zone_name"), samples, options, warnings)
    reading = Reading(zone=zone, warnings=warnings, base_url=schedule_base_url(schedule))

    days = {
        position: parse_day(raw, position, "day_start", "day_end", zone)
        for raw, position in _v1_day_objects(raw_days)
    }
    program = program_header(path, schedule, conference, zone_name, reading)
    for position, room_key, raw in placed:
        day = days[position]
        try:
            program.events.append(_v1_event(raw, day, room_key, reading))
        except SkippedEvent as problem:
            label = event_label(raw, f"day {day.index}, room '{room_key}'")
            warnings.append(f"Skipped session {label}: {problem}.")
    return finish(program, list(days.values()), reading)


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


def _v1_event(raw: dict[str, Any], day: Day, room_key: str, reading: Reading) -> ParsedEvent:
    title = text_of(raw.get("title")).strip() or stand_in_title(
        text_of(raw.get("track")).strip(),
        text_of(raw.get("type")).strip(),
        any(isinstance(p, dict) and (text_of(p.get("public_name")) or text_of(p.get("name"))).strip()
            for p in list_of(raw.get("persons"))),
        event_label(raw, f"day {day.index}, room '{room_key}'"),
        reading,
    )
    start = _v1_start(raw, day, reading.zone)
    length = parse_duration(raw.get("duration"))
    if length is None:
        if raw.get("duration") not in (None, ""):
            reading.warnings.append(
                f"Session '{title}': duration '{text_of(raw.get('duration'))}' not understood; given no length."
            )
        length = timedelta(0)
    raw_id = raw.get("id")
    if isinstance(raw_id, str):
        reading.oddities.append(f"session id '{raw_id}' is text, not a number")
    return ParsedEvent(
        source_id=source_id(raw),
        title=title,
        start=start,
        end=later_or_skip(start, length),
        subtitle=text_of(raw.get("subtitle")).strip(),
        abstract=text_of(raw.get("abstract")),
        description=text_of(raw.get("description")),
        track=text_of(raw.get("track")).strip(),
        type=text_of(raw.get("type")).strip(),
        room=text_of(raw.get("room")).strip() or str(room_key).strip(),
        language=text_of(raw.get("language")).strip(),
        links=links_of(raw, reading),
        speaker_keys=_v1_speakers(raw.get("persons"), reading),
        day_index=day.index,
    )


def _v1_start(raw: dict[str, Any], day: Day, zone: ZoneInfo) -> datetime:
    """The full `date` when present; otherwise the day's date plus "HH:MM", moved to the next
    calendar day when it falls before the day's start (a session after midnight)."""
    moment = local_moment(raw.get("date"), zone)
    if moment is not None:
        return moment
    clock = clock_time(raw.get("start"))
    if clock is None:
        given = text_of(raw.get("start")) or text_of(raw.get("date"))
        raise SkippedEvent(f"start time '{given}' not understood" if given else "it has no start time")
    if day.date is None:
        raise SkippedEvent("it has only a clock time and its day has no date")
    start = datetime.combine(day.date, clock, tzinfo=zone)
    if day.start is not None and earlier(start, day.start):
        try:
            start += timedelta(days=1)  # the same clock time on the next calendar day
        except OverflowError:
            raise SkippedEvent("its times are out of range") from None
    return start


def _v1_speakers(persons: Any, reading: Reading) -> list[str]:
    if not isinstance(persons, list):
        return []
    keys: list[str] = []
    for person in persons:
        if not isinstance(person, dict):
            continue
        name = (text_of(person.get("public_name")) or text_of(person.get("name"))).strip()
        if not name:
            reading.warnings.append("Left out a speaker with no name.")
            continue
        person_id = person.get("id")
        if isinstance(person_id, str):
            reading.oddities.append(f"person id '{person_id}' of {name} is text, not a number")
        code = text_of(person.get("code"))
        if code and not code.isascii():
            reading.oddities.append(f"person code '{code}' of {name} is not plain ASCII")
        key = person_key(person) or name_key(name)
        reading.add_speaker(key, name, localized(person.get("biography"), ""))
        if key not in keys:
            keys.append(key)
    return keys
