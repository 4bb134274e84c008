"""An <event> of a frab schedule: its fields, start, duration and links, read in one pass over its
children; and the date and time forms frab files use. Problems met are tallied per kind, so each
becomes one warning naming a few sessions rather than hundreds of warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from conference_app.core.domain.text import one_line
from conference_app.core.importers.frab_people import all_text
from conference_app.core.importers.moments import earlier, later
from conference_app.core.importers.program import ParsedEvent

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


def calendar_date(value: str, zone: ZoneInfo) -> date | None:
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


def read_moment(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def read_clock(value: str) -> time | None:
    match = _CLOCK.match(value.strip())
    if not match:
        return None
    return time(int(match[1]), int(match[2]), int(match[3] or 0))


def read_duration(value: str) -> timedelta | None:
    match = _DURATION.match(value.strip())
    if not match:
        return None
    return timedelta(hours=int(match[1]), minutes=int(match[2]), seconds=int(match[3] or 0))


@dataclass
class ProblemTally:
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


class EventParts:
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


def read_event(
    element: Element,
    parts: EventParts,
    room_name: str,
    day_index: int,
    origin: datetime | None,
    zone: ZoneInfo,
    base_url: str,
    tally: ProblemTally,
) -> ParsedEvent | None:
    texts = parts.texts
    title = one_line(texts.get("title", ""))
    label = title or f"id {element.get('id', '?')}"
    start = _event_start(texts, origin, zone, tally, label)
    if start is None:
        tally.add("skipped: the start time is missing or not understood", label)
        return None

    duration_text = texts.get("duration", "")
    duration = read_duration(duration_text)
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
    texts: dict[str, str], origin: datetime | None, zone: ZoneInfo, tally: ProblemTally, label: str
) -> datetime | None:
    """The session's start: its full <date> where given, else its day plus <start>."""
    clock = read_clock(texts.get("start", ""))
    stamp = texts.get("date", "")
    if len(stamp) == 10 and clock is not None:
        stamp_date = calendar_date(stamp, zone)
        if stamp_date is not None:
            return datetime.combine(stamp_date, clock, tzinfo=zone)
    moment = read_moment(stamp) if stamp else None
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


def _event_links(parts: EventParts, base_url: str, tally: ProblemTally, label: str) -> list[tuple[str, str]]:
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
