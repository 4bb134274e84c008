"""Time zones, days, dates, times and lengths in a schedule JSON file, in either version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from conference_app.core.importers.moments import later
from conference_app.core.importers.program import ReadOptions
from conference_app.core.importers.schedule_json_values import SkippedEvent, text_of

_CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_CLOCK_DURATION = re.compile(r"(\d{1,4}):(\d{1,2})(?::(\d{1,2}))?")
_ISO_DURATION = re.compile(
    r"P(?!$)(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?=\d)(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})(?:\.\d+)?S)?)?"
)


@dataclass
class Day:
    index: int
    date: date | None
    start: datetime | None
    end: datetime | None


def resolve_time_zone(
    declared: Any, samples: list[datetime], options: ReadOptions, warnings: list[str]
) -> tuple[str, ZoneInfo]:
    """The conference's zone: the file's own name for it; else one derived from the offsets its
    times carry; else the zone the user chose; else UTC."""
    declared_name = text_of(declared).strip()
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


def aware_bounds(raw_days: Any, start_key: str = "day_start", end_key: str = "day_end") -> list[datetime]:
    bounds = []
    for raw in raw_days:
        for key in (start_key, end_key):
            if (moment := parse_iso(raw.get(key))) is not None:
                bounds.append(moment)
    return bounds


def parse_day(raw: dict[str, Any], position: int, start_key: str, end_key: str, zone: ZoneInfo) -> Day:
    index = raw.get("index")
    return Day(
        index=index if isinstance(index, int) and not isinstance(index, bool) and index > 0 else position,
        date=calendar_date(raw.get("date"), zone),
        start=local_moment(raw.get(start_key), zone),
        end=local_moment(raw.get(end_key), zone),
    )


def parse_iso(value: Any) -> datetime | None:
    """An aware datetime from ISO text with an offset; None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def local_moment(value: Any, zone: ZoneInfo) -> datetime | None:
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


def calendar_date(value: Any, zone: ZoneInfo) -> date | None:
    """A date from "YYYY-MM-DD" or from a date-time (its date in the conference zone)."""
    moment = local_moment(value, zone)
    if moment is not None:
        return moment.date()
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def clock_time(value: Any) -> time | None:
    """A wall-clock time from "HH:MM" or "H:MM:SS"."""
    clock = _CLOCK_TIME.fullmatch(text_of(value).strip())
    if clock is None:
        return None
    hours, minutes, seconds = (int(part or 0) for part in clock.groups())
    try:
        return time(hours, minutes, seconds)
    except ValueError:
        return None


def parse_duration(value: Any) -> timedelta | None:
    """A duration from "HH:MM", "H:MM:SS" or ISO 8601 ("PT1H30M"); None when not understood."""
    text = text_of(value).strip().upper()
    if clock := _CLOCK_DURATION.fullmatch(text):
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if iso := _ISO_DURATION.fullmatch(text):
        weeks, days, hours, minutes, seconds = (int(part or 0) for part in iso.groups())
        return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return None


def later_or_skip(start: datetime, length: timedelta) -> datetime:
    """`length` of absolute time after `start` (a session's length does not stretch or shrink
    when the clocks change during it)."""
    try:
        return later(start, length)
    except OverflowError:
        raise SkippedEvent("its times are out of range") from None
