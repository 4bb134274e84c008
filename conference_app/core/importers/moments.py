"""Arithmetic on aware datetimes that holds across daylight-saving changes.

Python adds a timedelta to an aware datetime in wall-clock time and compares two datetimes of
the same zone by their wall clocks, ignoring which of a repeated hour they fall in. A session's
length is absolute time, so the readers add and compare through UTC instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def later(start: datetime, length: timedelta) -> datetime:
    """`length` of absolute time after `start`, in `start`'s zone (2 h after 01:30 CEST on the
    night the clocks go back is 02:30 CET, not 03:30)."""
    zone = start.tzinfo
    return (start.astimezone(timezone.utc) + length).astimezone(zone)


def earlier(first: datetime, second: datetime) -> bool:
    """Whether `first` is before `second` as moments, even inside a repeated hour."""
    try:
        return first.astimezone(timezone.utc) < second.astimezone(timezone.utc)
    except OverflowError:  # within a day of the calendar's ends, where no clock change happens
        return first < second


def length(start: datetime, end: datetime) -> timedelta:
    """The absolute time between two moments."""
    return end.astimezone(timezone.utc) - start.astimezone(timezone.utc)
