"""Reader for frab / Pentabarf schedule XML.

This is the format behind FOSDEM, the CCC congresses, DebConf (wafer) and pretalx's
"schedule.xml": ``<schedule>`` → ``<conference>`` + ``<day>`` → ``<room>`` → ``<event>``.
Old Pentabarf exports put ``<event>``s straight under ``<day>``; some hand-made exports
list speakers as one comma-joined ``<person>`` text. Both are read.

A document type declaration is refused before the document is parsed, so no entity is
declared, expanded or fetched and no DTD is loaded; the document itself is then parsed by
libxml2, or by the standard library's parser where libxml2 refuses it (see xml_loading.py).
Every text is kept to READER_KEEPS characters, so the cut made when storing is still seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from conference_app.core.domain.text import one_line
from conference_app.core.importers.frab_people import (
    ListedPerson,
    all_text,
    child_text,
    event_speakers,
    read_listed_persons,
)
from conference_app.core.importers.moments import earlier, later
from conference_app.core.importers.program import (
    ParsedEvent,
    ParsedProgram,
    ParsedSpeaker,
    ReadOptions,
)
from conference_app.core.importers.xml_loading import load_schedule_root

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

_DURATION = re.compile(r"^(\d{1,3}):([0-5]?\d)(?::([0-5]?\d))?$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
_LINK_SCHEMES = {"http", "https", "ftp", "mailto"}
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_EXAMPLES_PER_WARNING = 3
# The children of <event> read as text (the persons and links are read from their elements).
_EVENT_FIELDS = frozenset({
    "title", "subtitle", "abstract", "description", "track", "type", "room", "language", "duration", "date",
    "start", "url", "slug",
})


def read(path: Path, options: ReadOptions) -> ParsedProgram:
    """Read a frab/Pentabarf schedule XML file into a `ParsedProgram`.

    Raises `InputFileError` for anything that is not a readable schedule: unreadable,
    empty, malformed or truncated XML, DTDs and entities, or another kind of XML.
    """
    root = load_schedule_root(path)
    conference = root.find("conference")
    if conference is None:
        conference = root.makeelement("conference", {})

    warnings: list[str] = []
    zone, zone_warning = _conference_zone(conference, options)
    if zone_warning:
        warnings.append(zone_warning)

    tally = _ProblemTally()
    listed_persons = read_listed_persons(root)
    events, speakers = _read_days(root, conference, zone, listed_persons, tally)
    warnings.extend(tally.messages())

    title = one_line(child_text(conference, "title"))
    acronym = one_line(child_text(conference, "acronym"))
    if not title:
        title = acronym or path.stem
        warnings.append(f"the file gives no conference title; using '{title}'")
    if not events:
        warnings.append("the schedule lists no sessions")

    start_date, end_date = _conference_dates(root, conference, zone)
    return ParsedProgram(
        title=title,
        time_zone=zone.key,
        source_format="frab",
        acronym=acronym,
        version=one_line(child_text(root, "version") or child_text(conference, "version")),
        start_date=start_date,
        end_date=end_date,
        events=events,
        speakers=speakers,
        warnings=warnings,
    )


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


def _conference_dates(root: Element, conference: Element, zone: ZoneInfo) -> tuple[date | None, date | None]:
    start = _calendar_date(child_text(conference, "start"), zone)
    end = _calendar_date(child_text(conference, "end"), zone)
    if start is None or end is None:
        day_dates = [d for d in (_calendar_date(day.get("date", ""), zone) for day in root.iter("day")) if d]
        if day_dates:
            start = start or min(day_dates)
            end = end or max(day_dates)
    return start, end


def _calendar_date(value: str, zone: ZoneInfo) -> date | None:
    """A date from "2024-12-27" or "2024-12-27T09:30:00+00:00" (taken in the conference zone)."""
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(zone).date() if moment.tzinfo else moment.date()


def _moment(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _clock(value: str) -> time | None:
    match = _CLOCK.match(value.strip())
    if not match:
        return None
    return time(int(match[1]), int(match[2]), int(match[3] or 0))


def _duration(value: str) -> timedelta | None:
    match = _DURATION.match(value.strip())
    if not match:
        return None
    return timedelta(hours=int(match[1]), minutes=int(match[2]), seconds=int(match[3] or 0))


def _day_origin(day: Element, day_change: time, zone: ZoneInfo) -> datetime | None:
    """When a conference day begins, in the conference zone.

    Sessions listed under a day start at or after this moment, so "01:00" under a day
    that begins at 10:00 is the small hours of the next calendar day.
    """
    start_attr = day.get("start", "")
    if "T" in start_attr:
        begins = _moment(start_attr)
        if begins is not None:
            return begins.astimezone(zone) if begins.tzinfo else begins.replace(tzinfo=zone)
    day_date = _calendar_date(day.get("date", "") or start_attr, zone)
    if day_date is None:
        return None
    return datetime.combine(day_date, day_change, tzinfo=zone)


# --- days, rooms, events ---------------------------------------------------------------


@dataclass
class _ProblemTally:
    """Collects per-session problems so each becomes one warning, not hundreds."""

    sessions_by_problem: dict[str, list[str]] = field(default_factory=dict)

    def add(self, problem: str, session_title: str) -> None:
        self.sessions_by_problem.setdefault(problem, []).append(session_title)

    def messages(self) -> list[str]:
        result = []
        for problem, titles in self.sessions_by_problem.items():
            examples = ", ".join(f"'{t}'" for t in titles[:_EXAMPLES_PER_WARNING])
            more = ", …" if len(titles) > _EXAMPLES_PER_WARNING else ""
            count = "1 session" if len(titles) == 1 else f"{len(titles)} sessions"
            result.append(f"{problem} ({count}: {examples}{more})")
        return result


def _read_days(
    root: Element,
    conference: Element,
    zone: ZoneInfo,
    listed_persons: dict[str, ListedPerson],
    tally: _ProblemTally,
) -> tuple[list[ParsedEvent], dict[str, ParsedSpeaker]]:
    day_change = _clock(child_text(conference, "day_change")) or time(0)
    base_url = child_text(conference, "base_url")
    events: list[ParsedEvent] = []
    speakers: dict[str, ParsedSpeaker] = {}

    for position, day in enumerate(root.findall("day"), start=1):
        day_index = _positive_int(day.get("index", "")) or position
        origin = _day_origin(day, day_change, zone)
        for child in day:
            if child.tag == "room":
                room_name = one_line(child.get("name", ""))
                day_events = child.findall("event")
            elif child.tag == "event":
                room_name, day_events = "", [child]
            else:
                continue
            for element in day_events:
                parts = _EventParts(element)
                event = _read_event(element, parts, room_name, day_index, origin, zone, base_url, tally)
                if event is None:
                    continue
                events.append(event)
                for speaker in event_speakers(parts.people, listed_persons):
                    speakers.setdefault(speaker.key, speaker)
                    event.speaker_keys.append(speaker.key)
    return events, speakers


class _EventParts:
    """An <event>'s children, gathered in one pass: the text of each field (the first where a tag
    repeats, as find() would give), and the elements that name its people and links, in order."""

    __slots__ = ("texts", "people", "link_lists")

    def __init__(self, element: Element) -> None:
        self.texts: dict[str, str] = {}
        self.people: list[Element] = []  # <persons> and bare <person> children
        self.link_lists: list[Element] = []  # <links> children
        for child in element:
            tag = child.tag
            if tag in _EVENT_FIELDS:
                if tag not in self.texts:
                    self.texts[tag] = all_text(child)
            elif tag == "persons" or tag == "person":
                self.people.append(child)
            elif tag == "links":
                self.link_lists.append(child)


def _read_event(
    element: Element,
    parts: _EventParts,
    room_name: str,
    day_index: int,
    origin: datetime | None,
    zone: ZoneInfo,
    base_url: str,
    tally: _ProblemTally,
) -> ParsedEvent | None:
    texts = parts.texts
    title = one_line(texts.get("title", ""))
    label = title or f"id {element.get('id', '?')}"
    start = _event_start(texts, origin, zone, tally, label)
    if start is None:
        tally.add("skipped: the start time is missing or not understood", label)
        return None

    duration_text = texts.get("duration", "")
    duration = _duration(duration_text)
    if duration is None:
        problem = "no duration given" if not duration_text else f"duration '{duration_text}' not understood"
        tally.add(f"{problem}; shown as 0 minutes long", label)
        duration = timedelta(0)

    if not title:
        tally.add("no title given; shown as '(untitled)'", label)
    return ParsedEvent(
        source_id=(element.get("guid") or element.get("id") or "").strip(),
        title=title or "(untitled)",
        start=start,
        end=later(start, duration),
        subtitle=one_line(texts.get("subtitle", "")),
        abstract=texts.get("abstract", ""),
        description=texts.get("description", ""),
        track=one_line(texts.get("track", "")),
        type=one_line(texts.get("type", "")),
        room=one_line(texts.get("room", "")) or room_name,
        language=one_line(texts.get("language", "")),
        links=_event_links(parts, base_url, tally, label),
        day_index=day_index,
    )


def _event_start(
    texts: dict[str, str], origin: datetime | None, zone: ZoneInfo, tally: _ProblemTally, label: str
) -> datetime | None:
    """The session's start: its full <date> where given, else its day plus <start>."""
    clock = _clock(texts.get("start", ""))
    stamp = texts.get("date", "")
    if len(stamp) == 10 and clock is not None:
        stamp_date = _calendar_date(stamp, zone)
        if stamp_date is not None:
            return datetime.combine(stamp_date, clock, tzinfo=zone)
    moment = _moment(stamp) if stamp else None
    if moment is not None:
        if moment.tzinfo is None:
            return moment.replace(tzinfo=zone)
        as_local = moment.replace(tzinfo=zone)
        marked_utc = moment.utcoffset() == timedelta(0)
        if marked_utc and clock == moment.time() and as_local.utcoffset() != timedelta(0):
            # Some generators stamp local times with "Z"; the local <start> shows what was meant.
            tally.add(f"times marked as UTC match the listed local start times, so they are read as {zone.key} times",
                      label)
            return as_local
        return moment.astimezone(zone)
    if clock is None or origin is None:
        return None
    start = datetime.combine(origin.date(), clock, tzinfo=zone)
    if earlier(start, origin):
        start += timedelta(days=1)  # the same clock time on the next calendar day
    return start


def _event_links(parts: _EventParts, base_url: str, tally: _ProblemTally, label: str) -> list[tuple[str, str]]:
    candidates: list[tuple[str, str]] = []
    url = parts.texts.get("url", "")
    slug = parts.texts.get("slug", "")
    if url:
        candidates.append(("Session page", url))
    elif slug.startswith(("http://", "https://")):
        candidates.append(("Session page", slug))
    for link in (link for links in parts.link_lists for link in links if link.tag == "link"):
        href = link.get("href", "").strip()
        if href:
            candidates.append((one_line(all_text(link)) or href, href))

    links: list[tuple[str, str]] = []
    seen: set[str] = set()
    left_out = False
    for link_title, href in candidates:
        absolute = _absolute_link(href, base_url)
        if absolute is None:
            left_out = True
        elif absolute not in seen:
            seen.add(absolute)
            links.append((link_title, absolute))
    if left_out:
        tally.add("links left out that are not full web or mail addresses", label)
    return links


def _absolute_link(href: str, base_url: str) -> str | None:
    """A usable address for a link, or None when it is neither web nor mail."""
    scheme = _URL_SCHEME.match(href)
    if scheme:
        return href if scheme[1].lower() in _LINK_SCHEMES else None
    if href.startswith("www."):
        return f"http://{href}"
    if base_url.startswith(("http://", "https://")):
        return urljoin(base_url, href)
    return None


def _positive_int(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    return None
