"""Schedule JSON v2 (the c3voc "schedule2" draft): flat top-level `events` and `persons` lists, rooms
and tracks referred to through the conference's `rooms` and `tracks`, ISO-8601 `start` and `end`
(or a "PT1H30M" `duration`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from conference_app.core.importers.moments import earlier
from conference_app.core.importers.program import ParsedEvent, ParsedProgram, ReadOptions
from conference_app.core.importers.schedule_json_reading import Reading, finish, links_of, program_header, stand_in_title
from conference_app.core.importers.schedule_json_times import (
    Day,
    aware_bounds,
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
    humanized,
    list_of,
    localized,
    name_key,
    schedule_base_url,
    source_id,
    text_of,
)


def read_v2(
    path: Path, schedule: dict[str, Any], conference: dict[str, Any], options: ReadOptions
) -> ParsedProgram:
    warnings: list[str] = []
    raw_events = [raw for raw in schedule["events"] if isinstance(raw, dict)]
    if len(raw_events) < len(schedule["events"]):
        skipped = len(schedule["events"]) - len(raw_events)
        warnings.append(f"Skipped {skipped} entries that are not session objects.")
    raw_days = [raw for raw in list_of(conference.get("days")) if isinstance(raw, dict)]

    samples = [moment for raw in raw_events if (moment := parse_iso(raw.get("start"))) is not None]
    if not samples:
        samples = aware_bounds(raw_days, "start", "end")
    zone_name, zone = resolve_time_zone(conference.get("time_zone_name"), samples, options, warnings)
    reading = Reading(zone=zone, warnings=warnings, base_url=schedule_base_url(schedule))

    days = [parse_day(raw, position, "start", "end", zone) for position, raw in enumerate(raw_days, start=1)]
    catalogue = _V2Catalogue.build(schedule, conference)
    program = program_header(path, schedule, conference, zone_name, reading)
    for position, raw in enumerate(raw_events, start=1):
        try:
            program.events.append(_v2_event(raw, days, catalogue, reading, f"entry {position}"))
        except SkippedEvent as problem:
            warnings.append(f"Skipped session {event_label(raw, f'entry {position}')}: {problem}.")
    return finish(program, days, reading)


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
        for room in list_of(conference.get("rooms")):
            if isinstance(room, dict) and (name := text_of(room.get("name")).strip()):
                for reference in (text_of(room.get("guid")), text_of(room.get("slug"))):
                    if reference:
                        room_names[reference] = name
        track_names = {
            text_of(track.get("slug")): text_of(track.get("name")).strip()
            for track in list_of(conference.get("tracks"))
            if isinstance(track, dict) and text_of(track.get("slug"))
        }
        persons = {
            text_of(person.get("guid")): person
            for person in list_of(schedule.get("persons"))
            if isinstance(person, dict) and text_of(person.get("guid"))
        }
        defaults = conference.get("defaults")
        language = text_of(defaults.get("language")) if isinstance(defaults, dict) else ""
        return cls(room_names, track_names, persons, language or "en")


def _v2_event(
    raw: dict[str, Any], days: list[Day], catalogue: _V2Catalogue, reading: Reading, place: str
) -> ParsedEvent:
    title = localized(raw.get("title"), catalogue.default_language).strip() or stand_in_title(
        _v2_reference_name(raw.get("track"), catalogue.track_names),
        humanized(text_of(raw.get("type"))),
        any(isinstance(p, dict) for p in list_of(raw.get("participants"))),
        event_label(raw, place),
        reading,
    )
    start = local_moment(raw.get("start"), reading.zone)
    if start is None:
        given = text_of(raw.get("start"))
        raise SkippedEvent(f"start time '{given}' not understood" if given else "it has no start time")
    end = local_moment(raw.get("end"), reading.zone)
    if end is None or earlier(end, start):
        length = parse_duration(raw.get("duration"))
        if length is None:
            reading.warnings.append(f"Session '{title}': no end time or duration; given no length.")
            length = timedelta(0)
        end = later_or_skip(start, length)
    language = text_of(raw.get("language")).strip()
    wanted_language = language or catalogue.default_language
    return ParsedEvent(
        source_id=source_id(raw),
        title=title,
        start=start,
        end=end,
        subtitle=localized(raw.get("subtitle"), wanted_language).strip(),
        abstract=localized(raw.get("abstract"), wanted_language),
        description=localized(raw.get("description"), wanted_language),
        track=_v2_reference_name(raw.get("track"), catalogue.track_names),
        type=humanized(text_of(raw.get("type"))),
        room=_v2_reference_name(raw.get("room"), catalogue.room_names),
        language=language,
        links=links_of(raw, reading),
        speaker_keys=_v2_speakers(raw.get("participants"), catalogue, reading),
        day_index=_day_of(start, days),
    )


def _v2_reference_name(reference: Any, names: dict[str, str]) -> str:
    """A room or track given as {"guid"/"slug", "name"?} (or, leniently, as plain text)."""
    if not isinstance(reference, dict):
        return text_of(reference).strip()
    for key in ("guid", "slug"):
        if name := names.get(text_of(reference.get(key))):
            return name
    return (text_of(reference.get("name")) or text_of(reference.get("slug"))).strip()


def _v2_speakers(participants: Any, catalogue: _V2Catalogue, reading: Reading) -> list[str]:
    keys: list[str] = []
    for participant in list_of(participants):
        if not isinstance(participant, dict):
            continue
        guid = text_of(participant.get("guid")).strip()
        person = catalogue.persons.get(guid, {})
        name = (text_of(person.get("name")) or text_of(participant.get("name"))).strip()
        if not name:
            reading.warnings.append("Left out a participant with no name.")
            continue
        role = text_of(participant.get("role")).strip()
        key = f"guid:{guid}" if guid else name_key(name)
        biography = localized(person.get("biography"), catalogue.default_language)
        # Being a speaker is what a speaker list already says; other roles are worth keeping.
        reading.add_speaker(key, name, biography, "" if role.upper() == "SPEAKER" else humanized(role))
        if key not in keys:
            keys.append(key)
    return keys


def _day_of(start: datetime, days: list[Day]) -> int | None:
    for day in days:
        if day.start is not None and day.end is not None and not earlier(start, day.start) and earlier(start, day.end):
            return day.index
    for day in days:
        if day.date == start.date():
            return day.index
    return None
