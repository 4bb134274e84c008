"""Repeating events in an iCalendar program: each occurrence within the conference becomes a session.

A VEVENT with an RRULE or RDATE is a series; VEVENTs with the same UID and a RECURRENCE-ID replace
single occurrences of it (moved, renamed, cancelled). The series is expanded with
`recurring-ical-events`, which also honours EXDATE, within the conference's dates: the days its
single events cover, or two weeks from the series' first start when it has none. Each occurrence's
source id is its UID and the start it has in the series ("uid/20261025T080000Z"), so a newer file
that moves one occurrence updates that session instead of adding another.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from conference_app.core.importers.moments import length

# How far a series is followed when the file has no single events to say when the conference is.
LONGEST_CONFERENCE = timedelta(days=14)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence to read as a session: its component, its source id, and (for an occurrence the
    series generated) the series' length in absolute time, which its end must follow."""

    component: icalendar.Event
    source_id: str
    length: timedelta | None


def split_series(vevents: list[icalendar.Event]) -> tuple[list[icalendar.Event], dict[str, list[icalendar.Event]]]:
    """The events that stand alone, and the components of each repeating series by UID."""
    masters = {_uid(vevent) for vevent in vevents if _repeats(vevent) and "RECURRENCE-ID" not in vevent}
    masters.discard("")
    singles: list[icalendar.Event] = []
    series: dict[str, list[icalendar.Event]] = defaultdict(list)
    for vevent in vevents:
        (series[_uid(vevent)] if _uid(vevent) in masters else singles).append(vevent)
    return singles, dict(series)


def occurrence_id(vevent: icalendar.Event) -> str:
    """The UID, qualified by the RECURRENCE-ID where the component has one."""
    uid = _uid(vevent)
    prop = vevent.get("RECURRENCE-ID")
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        stamp = (
            value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            if value.tzinfo
            else value.strftime("%Y%m%dT%H%M%S")
        )
        return f"{uid}/{stamp}"
    if isinstance(value, date):
        return f"{uid}/{value:%Y%m%d}"
    return uid


def occurrences(
    series: dict[str, list[icalendar.Event]],
    timezones: list[icalendar.Timezone],
    window: tuple[date, date] | None,
    zone: ZoneInfo,
    warnings: list[str],
) -> list[Occurrence]:
    """Every occurrence of every series that starts within `window` (first and last day, inclusive)."""
    found: list[Occurrence] = []
    for uid, components in series.items():
        master = next(c for c in components if "RECURRENCE-ID" not in c)
        overrides = {occurrence_id(c): c for c in components if "RECURRENCE-ID" in c}
        first, last = window or _own_window(master, zone)
        name = f"'{master.get('SUMMARY', uid)}'"
        calendar = icalendar.Calendar()
        for component in [*timezones, *components]:
            calendar.add_component(component)
        try:
            query = recurring_ical_events.of(calendar)
            expanded = list(query.between(first, last + timedelta(days=1)))
            beyond = next(iter(query.after(last + timedelta(days=1))), None) is not None
        except (
            recurring_ical_events.InvalidCalendar,
            recurring_ical_events.BadRuleStringFormat,
            ValueError,
            TypeError,
        ) as error:
            warnings.append(
                f"{name} repeats by a rule that cannot be read ({error}); only its first occurrence was imported"
            )
            found.append(Occurrence(master, uid, None))
            continue
        series_length = _length(master, zone)
        for component in expanded:
            source_id = occurrence_id(component)
            if source_id in overrides:
                found.append(Occurrence(overrides[source_id], source_id, None))
            else:
                found.append(Occurrence(component, source_id, series_length))
        if beyond or _starts_before(master, first, zone):
            warnings.append(f"{name} repeats; only its occurrences from {first:%d %b} to {last:%d %b %Y} were imported")
    return found


def _own_window(master: icalendar.Event, zone: ZoneInfo) -> tuple[date, date]:
    first = _local_date(master.get("DTSTART"), zone) or date.today()
    return first, first + LONGEST_CONFERENCE - timedelta(days=1)


def _starts_before(master: icalendar.Event, first: date, zone: ZoneInfo) -> bool:
    start = _local_date(master.get("DTSTART"), zone)
    return start is not None and start < first


def _local_date(prop: object, zone: ZoneInfo) -> date | None:
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        return (value.astimezone(zone) if value.tzinfo else value).date()
    return value if isinstance(value, date) else None


def _length(master: icalendar.Event, zone: ZoneInfo) -> timedelta | None:
    """The series' length in absolute time, or None for all-day series (counted in calendar days)."""
    start = getattr(master.get("DTSTART"), "dt", None)
    if not isinstance(start, datetime):
        return None
    start = start if start.tzinfo else start.replace(tzinfo=zone)
    end = getattr(master.get("DTEND"), "dt", None)
    if isinstance(end, datetime):
        return length(start, end if end.tzinfo else end.replace(tzinfo=zone))
    duration = getattr(master.get("DURATION"), "dt", None)
    if isinstance(duration, timedelta):
        return duration
    return None if isinstance(end, date) else timedelta(0)


def _repeats(vevent: icalendar.Event) -> bool:
    return "RRULE" in vevent or "RDATE" in vevent


def _uid(vevent: icalendar.Event) -> str:
    return str(vevent.get("UID", "")).strip()


def day_window(starts: list[datetime], ends: list[datetime], zone: ZoneInfo) -> tuple[date, date] | None:
    """The first and last local day that the single events cover."""
    if not starts:
        return None
    return min(s.astimezone(zone).date() for s in starts), max(e.astimezone(zone).date() for e in ends)
