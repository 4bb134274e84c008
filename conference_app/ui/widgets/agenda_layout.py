"""Where the agenda calendar puts things: hours shown, lanes for overlapping blocks, day widths, title lines."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from conference_app.core.domain.agenda_view import AgendaDay, AgendaItem

DEFAULT_HOURS = (8, 18)
MIN_COLUMN_WIDTH = 160
LANE_CHARACTERS = 18  # a block in a clash stays wide enough for a time and the first words of its title


def item_key(item: AgendaItem) -> tuple[str, int]:
    return item.kind, item.id


def lanes(items: Sequence[AgendaItem]) -> dict[tuple[str, int], tuple[int, int]]:
    """Side-by-side positions for overlapping blocks: key → (lane, lanes in its overlap group)."""
    ordered = sorted(items, key=lambda i: (i.start, -(i.end - i.start).total_seconds()))
    result: dict[tuple[str, int], tuple[int, int]] = {}
    group: list[tuple[AgendaItem, int]] = []
    lane_ends: list[datetime] = []
    group_end: datetime | None = None

    def close_group() -> None:
        for member, lane in group:
            result[item_key(member)] = (lane, len(lane_ends))

    for item in ordered:
        if group_end is not None and item.start >= group_end:
            close_group()
            group, lane_ends, group_end = [], [], None
        lane = next((n for n, end in enumerate(lane_ends) if end <= item.start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(item.end)
        else:
            lane_ends[lane] = item.end
        group.append((item, lane))
        group_end = item.end if group_end is None else max(group_end, item.end)
    close_group()
    return result


def most_lanes(items: Sequence[AgendaItem]) -> int:
    """How many blocks of a day stand side by side at most (1 without clashes)."""
    return max((count for _lane, count in lanes(items).values()), default=1)


def column_minimum(lane_count: int, lane_width: float) -> float:
    """A day's narrowest width: room for its widest clash, each block at least `lane_width` wide."""
    return max(MIN_COLUMN_WIDTH, lane_count * lane_width + 10)


def column_widths(minimums: Sequence[float], available: float) -> list[float]:
    """Each day at least its minimum; space beyond the minimums is shared out equally."""
    if not minimums:
        return []
    extra = max(0.0, available - sum(minimums)) / len(minimums)
    return [minimum + extra for minimum in minimums]


def wrap_title(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Word-wrapped lines; a word wider than the block is elided, never cut into pieces; the last line
    elided if text is left."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if metrics.horizontalAdvance(word) > width:
            word = metrics.elidedText(word, Qt.TextElideMode.ElideRight, width)
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


def hour_range(days: Sequence[AgendaDay]) -> tuple[int, int]:
    """The hours to show: around the planned items, or the program's hours when nothing is planned."""
    spans = [(d.span_start, d.span_end, d.date) for d in days if d.items]
    if not spans:
        spans = [(d.program_start, d.program_end, d.date) for d in days if d.program_start and d.program_end]
    if not spans:
        return DEFAULT_HOURS
    first = min(start.hour for start, _end, _day in spans)
    last_minutes = max((end.date() - day).days * 24 * 60 + end.hour * 60 + end.minute for _s, end, day in spans)
    last = min(24, max(first + 4, math.ceil(last_minutes / 60)))
    return max(0, first - 1), min(24, last + 1)
