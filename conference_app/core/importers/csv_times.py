"""Times, dates, lengths and conference days as CSV agendas write them, in English and German."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate((
    ("monday", "mon", "montag", "mo"),
    ("tuesday", "tue", "tues", "dienstag", "di"),
    ("wednesday", "wed", "mittwoch", "mi"),
    ("thursday", "thu", "thur", "thurs", "donnerstag", "do"),
    ("friday", "fri", "freitag", "fr"),
    ("saturday", "sat", "samstag", "sonnabend", "sa"),
    ("sunday", "sun", "sonntag", "so"),
)):
    for _name in _names:
        _WEEKDAYS[_name] = _index

DAY_NUMBER = re.compile(r"^(?:day|tag)?\s*(\d{1,2})\.?$", re.IGNORECASE)
_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?(?::(?P<second>\d{2}))?"
    r"\s*(?:(?P<half>[ap])\.?\s*m\.?)?(?:\s*uhr)?$",
    re.IGNORECASE,
)
SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_DOT_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DURATION_CLOCK = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")
_DURATION_MINUTES = re.compile(r"^(\d+)\s*(?:m|min|mins|minutes|minuten)?\.?$", re.IGNORECASE)
_DURATION_HOURS = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?|std|stunden?)\.?$", re.IGNORECASE)
_DURATION_ISO = re.compile(r"^PT?(?:(\d+)H)?(?:(\d+)M)?$", re.IGNORECASE)


def parse_clock(value: str) -> timedelta | None:
    """A time of day as the time since midnight: '14', '9:30', '2:00 p.m.', '2pm', '25:30'."""
    match = _TIME.match(value.strip())
    if match is None:
        return None
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    half = (match.group("half") or "").lower()
    if minute > 59 or second > 59:
        return None
    if half:
        if not 0 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    elif hour > 47:
        return None
    return timedelta(hours=hour, minutes=minute, seconds=second)


def parse_date(value: str, day_first: bool = True) -> date | None:
    """A calendar date: ISO '2011-06-23', '27/12/14' (or 12/27/14 when not day_first), '23.06.2011'."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = SLASH_DATE.match(value) or _DOT_DATE.match(value)
    if match is None:
        return None
    first, second, year = (int(part) for part in match.groups())
    day, month = first, second
    if match.re is SLASH_DATE and not day_first:
        day, month = second, first
    if len(match.group(3)) == 2:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_datetime(value: str, zone: ZoneInfo | None = None, day_first: bool = True) -> datetime | None:
    """A date with a time in one cell ('2011-06-23 19:00', '27/12/14 2:00 p.m.'), else None."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is not None and ("T" in value or " " in value):
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=zone) if zone else parsed
        return parsed.astimezone(zone) if zone else parsed
    date_part, _, time_part = value.partition(" ")
    on = parse_date(date_part, day_first)
    clock = parse_clock(time_part) if time_part else None
    if on is None or clock is None:
        return None
    base = datetime.combine(on, time(0), tzinfo=zone)
    return base + clock


def parse_duration(value: str) -> timedelta | None:
    """A length: '1:30' (hours:minutes), '01:30:00', '90' (minutes), '1.5h', 'PT1H30M'."""
    value = value.strip()
    if match := _DURATION_CLOCK.match(value):
        hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if match := _DURATION_MINUTES.match(value):
        return timedelta(minutes=int(match.group(1)))
    if match := _DURATION_HOURS.match(value):
        return timedelta(hours=float(match.group(1).replace(",", ".")))
    if (match := _DURATION_ISO.match(value)) and any(match.groups()):
        return timedelta(hours=int(match.group(1) or 0), minutes=int(match.group(2) or 0))
    return None


def weekday_of(value: str) -> int | None:
    return _WEEKDAYS.get(value.strip().rstrip(".").casefold())


def day_offset(value: str, first_day: date) -> int | None:
    """Days after the first day: from a weekday name (anchored on the first day's weekday)
    or a 1-based day number."""
    weekday = weekday_of(value)
    if weekday is not None:
        return (weekday - first_day.weekday()) % 7
    match = DAY_NUMBER.match(value.strip())
    if match and int(match.group(1)) >= 1:
        return int(match.group(1)) - 1
    return None
