"""Reader for frab / Pentabarf schedule XML.

This is the format behind FOSDEM, the CCC congresses, DebConf (wafer) and pretalx's
"schedule.xml": ``<schedule>`` → ``<conference>`` + ``<day>`` → ``<room>`` → ``<event>``.
Old Pentabarf exports put ``<event>``s straight under ``<day>``; some hand-made exports
list speakers as one comma-joined ``<person>`` text. Both are read.

A document type declaration is refused before the document is parsed, so no entity is
declared, expanded or fetched and no DTD is loaded; the document itself is then streamed by
libxml2, each event read as soon as it is complete and then freed, or parsed whole by the
standard library's parser where libxml2 refuses it (see xml_loading.py). An event's fields are
read in frab_events.py, its people in frab_people.py. Every text is kept to READER_KEEPS
characters, so the cut made when storing is still seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from conference_app.core.domain.text import one_line
from conference_app.core.importers.frab_events import (
    EventParts,
    ProblemTally,
    calendar_date,
    read_clock,
    read_event,
    read_moment,
)
from conference_app.core.importers.frab_people import (
    ListedPerson,
    all_text,
    child_text,
    read_listed_persons,
    resolve_speakers,
    speaker_refs,
)
from conference_app.core.importers.program import (
    ParsedEvent,
    ParsedProgram,
    ParsedSpeaker,
    ReadOptions,
)
from conference_app.core.importers.xml_loading import NeedsWholeTree, Step, read_schedule

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


def read(path: Path, options: ReadOptions) -> ParsedProgram:
    """Read a frab/Pentabarf schedule XML file into a `ParsedProgram`.

    Raises `InputFileError` for anything that is not a readable schedule: unreadable,
    empty, malformed or truncated XML, DTDs and entities, or another kind of XML.
    """
    return read_schedule(path, lambda steps: _ScheduleReading(options).read(path, steps))


class _ScheduleReading:
    """A schedule read as xml_loading walks it: each event as soon as it is complete, in the
    context of its day and room; its speakers completed from the people list at the end."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.conference: Element | None = None
        self.version: str | None = None
        self.listed_persons: dict[str, ListedPerson] = {}
        self.day_dates: list[str] = []
        self.tally = ProblemTally()
        self.read_events: list[tuple[ParsedEvent, list[tuple[str, str]]]] = []

    def read(self, path: Path, steps: Iterator[Step]) -> ParsedProgram:
        setting: _Setting | None = None
        position = day_index = 0
        origin: datetime | None = None
        room_name = ""
        for kind, element in steps:
            tag = element.tag
            if tag == "event":
                assert setting is not None  # an event is walked inside a day
                self._read_event(element, room_name, day_index, origin, setting)
            elif tag == "room":
                room_name = one_line(element.get("name", "")) if kind == "start" else ""
            elif tag == "day" and kind == "start":
                if self.conference is None:
                    raise NeedsWholeTree  # a day before its conference: its zone is not known yet
                setting = setting or _Setting.of(self.conference, self.options)
                position += 1
                day_index = _positive_int(element.get("index", "")) or position
                origin = _day_origin(element, setting.day_change, setting.zone)
                self.day_dates.append(element.get("date", ""))
                room_name = ""
            elif tag == "persons":
                read_listed_persons(element, self.listed_persons)
            elif tag == "conference" and self.conference is None:
                self.conference = element
            elif tag == "version" and self.version is None:
                self.version = all_text(element)
        # The walk gives a conference before any day, and refuses a schedule with neither.
        assert self.conference is not None
        return self._program(path, self.conference, setting or _Setting.of(self.conference, self.options))

    def _read_event(
        self, element: Element, room_name: str, day_index: int, origin: datetime | None, setting: _Setting
    ) -> None:
        parts = EventParts(element)
        event = read_event(element, parts, room_name, day_index, origin, setting.zone, setting.base_url, self.tally)
        if event is not None:
            self.read_events.append((event, speaker_refs(parts.people)))

    def _program(self, path: Path, conference: Element, setting: _Setting) -> ParsedProgram:
        speakers: dict[str, ParsedSpeaker] = {}
        for event, refs in self.read_events:
            for speaker in resolve_speakers(refs, self.listed_persons):
                speakers.setdefault(speaker.key, speaker)
                event.speaker_keys.append(speaker.key)
        warnings = [setting.zone_warning] if setting.zone_warning else []
        warnings.extend(self.tally.messages())
        title = one_line(child_text(conference, "title"))
        acronym = one_line(child_text(conference, "acronym"))
        if not title:
            title = acronym or path.stem
            warnings.append(f"the file gives no conference title; using '{title}'")
        if not self.read_events:
            warnings.append("the schedule lists no sessions")

        start_date, end_date = _conference_dates(self.day_dates, conference, setting.zone)
        return ParsedProgram(
            title=title,
            time_zone=setting.zone.key,
            source_format="frab",
            acronym=acronym,
            version=one_line(self.version or child_text(conference, "version")),
            start_date=start_date,
            end_date=end_date,
            events=[event for event, _refs in self.read_events],
            speakers=speakers,
            warnings=warnings,
        )


@dataclass(frozen=True)
class _Setting:
    """What the conference says about reading its days: zone (and a warning when it was assumed),
    when a day changes, and the address its links are relative to."""

    zone: ZoneInfo
    zone_warning: str
    day_change: time
    base_url: str

    @classmethod
    def of(cls, conference: Element, options: ReadOptions) -> _Setting:
        zone, warning = _conference_zone(conference, options)
        day_change = read_clock(child_text(conference, "day_change")) or time(0)
        return cls(zone, warning, day_change, child_text(conference, "base_url"))


# --- time zone and dates -------------------------------------------------------------


def _conference_zone(conference: Element, options: ReadOptions) -> tuple[ZoneInfo, str]:
    """The conference's zone and, when it had to be assumed, a warning saying so."""
    named = one_line(child_text(conference, "time_zone_name"))
    zone = _zone_or_none(named)
    if zone is not None:
        return zone, ""
    unknown = f"its time zone '{named}' is unknown, so " if named else "the file names no time zone, so "

    city = one_line(child_text(conference, "city"))
    zone = _zone_for_city(city)
    if zone is not None:
        return zone, f"{unknown}times are read as {zone.key}, the zone of its city '{city}'"

    zone = _zone_or_none(options.time_zone)
    if zone is not None:
        return zone, f"{unknown}times are read as {zone.key}, the zone chosen for this import"
    ignored = f" ('{options.time_zone}' is not a known time zone)" if options.time_zone else ""
    advice = "choose the conference's time zone to correct them"
    return ZoneInfo("UTC"), f"{unknown}times are read as UTC{ignored}; {advice}"


def _zone_or_none(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _zone_for_city(city: str) -> ZoneInfo | None:
    if not city:
        return None
    name = _zones_by_city().get(city.casefold().replace(" ", "_"))
    return ZoneInfo(name) if name else None


@cache
def _zones_by_city() -> dict[str, str]:
    """IANA zones keyed by their city part ("brussels" → "Europe/Brussels")."""
    zones: dict[str, str] = {}
    for name in sorted(available_timezones()):
        region, _, city = name.rpartition("/")
        if region and region.split("/")[0] not in {"Etc", "SystemV", "US", "Canada", "Brazil", "Chile", "Mexico"}:
            zones.setdefault(city.casefold(), name)
    return zones


def _conference_dates(
    day_dates_given: list[str], conference: Element, zone: ZoneInfo
) -> tuple[date | None, date | None]:
    start = calendar_date(child_text(conference, "start"), zone)
    end = calendar_date(child_text(conference, "end"), zone)
    if start is None or end is None:
        day_dates = [d for d in (calendar_date(given, zone) for given in day_dates_given) if d]
        if day_dates:
            start = start or min(day_dates)
            end = end or max(day_dates)
    return start, end


def _day_origin(day: Element, day_change: time, zone: ZoneInfo) -> datetime | None:
    """When a conference day begins, in the conference zone.

    Sessions listed under a day start at or after this moment, so "01:00" under a day
    that begins at 10:00 is the small hours of the next calendar day.
    """
    start_attr = day.get("start", "")
    if "T" in start_attr:
        begins = read_moment(start_attr)
        if begins is not None:
            return begins.astimezone(zone) if begins.tzinfo else begins.replace(tzinfo=zone)
    day_date = calendar_date(day.get("date", "") or start_attr, zone)
    if day_date is None:
        return None
    return datetime.combine(day_date, day_change, tzinfo=zone)


def _positive_int(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    return None
