"""Read a conference program from an iCalendar (.ics) file.

Conference sites publish their program as a calendar feed more often than in any other
format, but the feeds are rarely tidy: time zones named without a VTIMEZONE block,
speakers hidden in the summary or the description, missing end times. This reader keeps
what a user needs and says in `ParsedProgram.warnings` what it had to assume or skip.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from conference_app.core.errors import InputFileError
from conference_app.core.importers.program import (
    ParsedEvent,
    ParsedProgram,
    ParsedSpeaker,
    ReadOptions,
)
from conference_app.core.importers.bounded_reading import shorten_ical_lines
from conference_app.core.importers.ical_occurrences import day_window, occurrence_id, occurrences, split_series
from conference_app.core.importers.ical_speakers import split_description, split_title
from conference_app.core.importers.moments import earlier, later
from conference_app.core.importers.text_file import open_text, read_all

SOURCE_FORMAT = "ical"

_NAMES_LISTED_IN_WARNINGS = 5


def read(path: Path, options: ReadOptions) -> ParsedProgram:
    """Read every VEVENT of an iCalendar file as a session of one conference program.

    Raises InputFileError when the file is not iCalendar or is cut short. A calendar
    without events is a valid, empty program.
    """
    path = Path(path)
    warnings: list[str] = []
    stream, _ = open_text(path, "an iCalendar file", warnings)
    with stream:
        text = read_all(path, stream, shorten_ical_lines)
    calendars = _parse(path, text)
    # walk() is typed as returning plain Components; the parser makes every VEVENT an Event.
    vevents = [
        vevent
        for calendar in calendars
        for vevent in calendar.walk("VEVENT")
        if isinstance(vevent, icalendar.Event)
    ]

    time_zone = _conference_zone(calendars, vevents, options, warnings)
    context = _EventContext(
        zone=ZoneInfo(time_zone),
        warnings=warnings,
        calendar_owner=_calendar_owner(vevents),
    )
    program = ParsedProgram(
        title=_calendar_title(calendars, path),
        time_zone=time_zone,
        source_format=SOURCE_FORMAT,
        warnings=warnings,
    )
    singles, series = split_series(vevents)
    for vevent in singles:
        event = _read_event(vevent, context, program.speakers)
        if event is not None:
            event.source_id = occurrence_id(vevent)  # the UID, qualified when it replaces an occurrence
            program.events.append(event)
    window = day_window([e.start for e in program.events], [e.end for e in program.events], context.zone)
    timezones = [zone for calendar in calendars for zone in calendar.walk("VTIMEZONE")
                 if isinstance(zone, icalendar.Timezone)]
    for occurrence in occurrences(series, timezones, window, context.zone, warnings):
        event = _read_event(occurrence.component, context, program.speakers)
        if event is not None:
            event.source_id = occurrence.source_id
            if occurrence.length is not None:
                event.end = later(event.start, occurrence.length)
            program.events.append(event)
    context.report_grouped_warnings()

    if program.events:
        program.start_date = min(event.start.date() for event in program.events)
        program.end_date = max(event.start.date() for event in program.events)
    return program


# --- the file ---------------------------------------------------------------------------


def _parse(path: Path, text: str) -> list[icalendar.Calendar]:
    lines = [line.strip().upper() for line in text.splitlines() if line.strip()]
    if not lines or lines[0] != "BEGIN:VCALENDAR":
        raise InputFileError(path, "is not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    if "END:VCALENDAR" not in lines:
        raise InputFileError(path, "is cut short: the closing END:VCALENDAR line is missing")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise InputFileError(path, f"is not valid iCalendar: {_shorten(str(error), 100)}") from error
    except (AttributeError, TypeError, KeyError, IndexError, OSError) as error:
        # icalendar trips over some damaged lines itself (a VALUE= parameter holding a list, say, or a
        # TZID too long even to look up as a file name)
        raise InputFileError(path, f"is not valid iCalendar: a line it cannot read ({type(error).__name__})") from error
    if not calendars:
        raise InputFileError(path, "is not valid iCalendar: its BEGIN and END lines do not match")
    return calendars


def _calendar_title(calendars: list[icalendar.Calendar], path: Path) -> str:
    # X-WR-CALDESC is second choice: some sites (linux.conf.au) put the conference name only there.
    for name in ("X-WR-CALNAME", "NAME", "X-WR-CALDESC"):
        for calendar in calendars:
            value = _text(calendar, name)
            if value and "\n" not in value and len(value) <= 120:
                return value
    return path.stem


def _conference_zone(
    calendars: list[icalendar.Calendar],
    vevents: list[icalendar.Event],
    options: ReadOptions,
    warnings: list[str],
) -> str:
    for calendar in calendars:
        declared = _text(calendar, "X-WR-TIMEZONE")
        if declared and _is_zone(declared):
            return declared
        if declared:
            warnings.append(f"X-WR-TIMEZONE '{declared}' is not a known time zone; it was ignored")

    used = Counter(zone for vevent in vevents if (zone := _start_zone_name(vevent)))
    if used:
        return used.most_common(1)[0][0]

    if options.time_zone and _is_zone(options.time_zone):
        return options.time_zone
    if options.time_zone:
        warnings.append(f"the time zone '{options.time_zone}' is not known; times are shown in UTC")
    else:
        warnings.append("the file does not name the conference's time zone; times are shown in UTC")
    return "UTC"


def _start_zone_name(vevent: icalendar.Event) -> str | None:
    """The IANA zone an event's start is written in, if it names one other than UTC."""
    prop = _first(vevent.get("DTSTART"))
    value = _value(prop)
    if not isinstance(value, datetime):
        return None
    key = getattr(value.tzinfo, "key", None)
    if isinstance(key, str) and key != "UTC" and _is_zone(key):
        return key
    tzid = getattr(prop, "params", {}).get("TZID")
    if tzid and tzid.upper() != "UTC" and _is_zone(tzid):
        return str(tzid)
    return None


def _calendar_owner(vevents: list[icalendar.Event]) -> str | None:
    """The ORGANIZER named on every event: the calendar's owner, not a speaker."""
    if len(vevents) < 2:
        return None
    names = {_common_name(_first(vevent.get("ORGANIZER"))) for vevent in vevents}
    if len(names) == 1:
        return names.pop() or None
    return None


# --- one event ----------------------------------------------------------------------------


@dataclass
class _EventContext:
    """What every event of the file shares while it is read."""

    zone: ZoneInfo
    warnings: list[str]
    calendar_owner: str | None
    all_day: list[str] = field(default_factory=list)
    without_end: list[str] = field(default_factory=list)
    unknown_zones: set[str] = field(default_factory=set)

    def report_grouped_warnings(self) -> None:
        if self.all_day:
            self.warnings.append(
                f"{_count(self.all_day, 'all-day entry', 'all-day entries')} kept as whole days "
                f"in {self.zone.key}: {_list_names(self.all_day)}"
            )
        if self.without_end:
            self.warnings.append(
                f"{_count(self.without_end, 'session has', 'sessions have')} no end time or duration "
                f"and {'is' if len(self.without_end) == 1 else 'are'} kept with no length: "
                f"{_list_names(self.without_end)}"
            )


def _read_event(
    vevent: icalendar.Event, context: _EventContext, speakers: dict[str, ParsedSpeaker]
) -> ParsedEvent | None:
    summary = _text(vevent, "SUMMARY")
    label = f"'{summary}'" if summary else f"the event with UID '{_text(vevent, 'UID')}'"
    if not summary:
        # Named by its categories or people, it is still a session; with neither, only a time slot.
        named_by = ", ".join(_categories(vevent))
        if not named_by and not _property_people(vevent, context.calendar_owner):
            context.warnings.append(f"skipped {label}: it has no title (SUMMARY)")
            return None
        summary = named_by or "(untitled)"
        context.warnings.append(f"{label} has no title (SUMMARY); it is shown as '{summary}'")
    if _text(vevent, "STATUS").upper() == "CANCELLED":
        context.warnings.append(f"skipped {label}: it is marked as cancelled")
        return None

    timing = _event_times(vevent, label, context)
    if timing is None:
        return None
    start, end = timing
    if "RRULE" in vevent:
        context.warnings.append(f"{label} repeats; only its first occurrence was imported")

    title, kind, named_in_title = split_title(summary)
    abstract, named_in_text = split_description(_text(vevent, "DESCRIPTION"))
    url = _text(vevent, "URL")
    if abstract == url:
        abstract = ""  # some exporters repeat the event's link as its description

    people = _property_people(vevent, context.calendar_owner) or named_in_title or named_in_text
    keys: list[str] = []
    for name, affiliation in people:
        key = _speaker_key(name)
        known = speakers.setdefault(key, ParsedSpeaker(key=key, name=name))
        if affiliation and not known.affiliation:
            known.affiliation = affiliation
        if key not in keys:
            keys.append(key)

    return ParsedEvent(
        source_id=_text(vevent, "UID"),
        title=title,
        start=start,
        end=end,
        abstract=abstract,
        track=", ".join(_categories(vevent)),
        type=kind,
        room=_text(vevent, "LOCATION"),
        links=[("Event page", url)] if url else [],
        speaker_keys=keys,
    )


def _event_times(
    vevent: icalendar.Event, label: str, context: _EventContext
) -> tuple[datetime, datetime] | None:
    start_prop = _first(vevent.get("DTSTART"))
    start_value = _value(start_prop)
    if start_prop is None:
        context.warnings.append(f"skipped {label}: it has no start time (DTSTART)")
        return None
    if not isinstance(start_value, date):
        context.warnings.append(f"skipped {label}: its start '{_raw(start_prop)}' is not a valid date")
        return None

    all_day = not isinstance(start_value, datetime)
    start = _local(start_value, start_prop, context)

    end_prop = _first(vevent.get("DTEND"))
    duration_prop = _first(vevent.get("DURATION"))
    if end_prop is not None:
        end_value = _value(end_prop)
        if not isinstance(end_value, date):
            context.warnings.append(f"skipped {label}: its end '{_raw(end_prop)}' is not a valid date")
            return None
        end = _local(end_value, end_prop, context)
    elif duration_prop is not None:
        duration = _value(duration_prop)
        if not isinstance(duration, timedelta):
            context.warnings.append(
                f"skipped {label}: its duration '{_raw(duration_prop)}' is not a valid duration"
            )
            return None
        end = later(start, duration)
    elif all_day:
        end = start + timedelta(days=1)  # RFC 5545: a DATE start alone lasts one (calendar) day
    else:
        context.without_end.append(label)
        end = start

    if all_day:
        context.all_day.append(label)
    if earlier(end, start):
        context.warnings.append(f"{label} ends before it starts; its end was set to its start")
        end = start
    return start, end


def _local(value: date, prop: object, context: _EventContext) -> datetime:
    """A DTSTART/DTEND value as an aware datetime in the conference's zone."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=context.zone)
    if value.tzinfo is not None:
        return value.astimezone(context.zone)
    # A floating time, or a TZID icalendar could not resolve (no VTIMEZONE and not an IANA name).
    tzid = getattr(prop, "params", {}).get("TZID")
    zone: tzinfo = context.zone
    if tzid and _is_zone(tzid):
        zone = ZoneInfo(tzid)
    elif tzid and tzid not in context.unknown_zones:
        context.unknown_zones.add(tzid)
        context.warnings.append(
            f"the time zone '{tzid}' is not known; its times were taken as {context.zone.key} times"
        )
    return value.replace(tzinfo=zone).astimezone(context.zone)


def _property_people(vevent: icalendar.Event, calendar_owner: str | None) -> list[tuple[str, str]]:
    people = [_common_name(attendee) for attendee in _all(vevent.get("ATTENDEE"))]
    if not any(people):
        organizer = _common_name(_first(vevent.get("ORGANIZER")))
        people = [organizer] if organizer != calendar_owner else []
    return [(name, "") for name in people if name]


def _categories(vevent: icalendar.Event) -> list[str]:
    names: list[str] = []
    for prop in _all(vevent.get("CATEGORIES")):
        for category in getattr(prop, "cats", []):
            text = str(category).strip()
            if text and text not in names:
                names.append(text)
    return names


# --- small helpers ------------------------------------------------------------------------


def _first(value: object) -> object:
    """A property that may appear more than once: its first occurrence."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _value(prop: object) -> date | timedelta | None:
    """A date/time property's value, or None when the file's text could not be read as one."""
    if isinstance(prop, icalendar.vDDDTypes) and isinstance(prop.dt, (date, timedelta)):
        return prop.dt
    return None


def _all(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _text(component: icalendar.Component, name: str) -> str:
    value = _first(component.get(name))
    return "" if value is None else str(value).strip()


def _common_name(prop: object) -> str:
    params = getattr(prop, "params", None)
    name = params.get("CN", "") if params is not None else ""
    return " ".join(str(name).strip().strip('"').split())


def _raw(prop: object) -> str:
    """The text a property had in the file, for warnings."""
    # A property icalendar could not parse (vBroken) holds the file's text: a str in some versions of
    # icalendar, an object whose to_ical() gives str (not bytes) in others.
    if isinstance(prop, str):
        return _shorten(prop, 40)
    raw = prop.to_ical()  # type: ignore[attr-defined]
    return _shorten(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw), 40)


def _speaker_key(name: str) -> str:
    return "name:" + " ".join(name.split()).casefold()


def _is_zone(name: str) -> bool:
    """An IANA zone name Python knows (a damaged name can be too long even to look up: OSError)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(items: list[str], singular: str, plural: str) -> str:
    return f"{len(items)} {singular if len(items) == 1 else plural}"


def _list_names(names: Iterable[str]) -> str:
    names = list(names)
    shown = ", ".join(names[:_NAMES_LISTED_IN_WARNINGS])
    hidden = len(names) - _NAMES_LISTED_IN_WARNINGS
    return shown + (f" and {hidden} more" if hidden > 0 else "")
