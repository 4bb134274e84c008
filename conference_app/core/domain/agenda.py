"""Pure rules over a day plan: which items overlap, where the free gaps are.

Times are compared as moments (in UTC): two datetimes of the same zone would otherwise be compared
by their wall clocks, and on the night the clocks go back 02:40 CET would count as before 02:50 CEST.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import datetime, timedelta, timezone
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def absolute(moment: datetime) -> datetime:
    """The same moment in UTC, for comparing and subtracting: Python compares two times in one zone
    by the clock on the wall, so the repeated hour of a clock change would otherwise sort and
    measure wrong (01:30 after the change counts as before 01:45 before it)."""
    return _utc(moment)


def clashes(items: Sequence[tuple[K, datetime, datetime]]) -> dict[K, list[K]]:
    """For each key, the keys of the items that overlap it in time (touching ends do not clash)."""
    ordered = sorted(((key, _utc(start), _utc(end)) for key, start, end in items), key=lambda item: (item[1], item[2]))
    result: dict[K, list[K]] = {key: [] for key, _, _ in ordered}
    active: list[tuple[K, datetime, datetime]] = []
    for key, start, end in ordered:
        active = [a for a in active if a[2] > start]
        for other_key, _other_start, other_end in active:
            if other_end > start and end > start:
                result[key].append(other_key)
                result[other_key].append(key)
        active.append((key, start, end))
    return result


def free_gaps(
    busy: Sequence[tuple[datetime, datetime]], day_start: datetime, day_end: datetime, minimum: timedelta
) -> list[tuple[datetime, datetime]]:
    """The free stretches of at least `minimum` (absolute time) between day_start and day_end,
    in day_start's zone."""
    zone = day_start.tzinfo
    gaps: list[tuple[datetime, datetime]] = []
    cursor = _utc(day_start)
    for start, end in sorted((_utc(start), _utc(end)) for start, end in busy):
        if start - cursor >= minimum:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if _utc(day_end) - cursor >= minimum:
        gaps.append((cursor, _utc(day_end)))
    return [(start.astimezone(zone), end.astimezone(zone)) for start, end in gaps]
