"""The rows of a CSV agenda as sessions: title, start and end, speakers and the other fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from conference_app.core.importers.csv_columns import CsvLayout
from conference_app.core.importers.csv_times import (
    DAY_NUMBER,
    day_offset,
    parse_clock,
    parse_date,
    parse_datetime,
    parse_duration,
)
from conference_app.core.importers.moments import earlier, later
from conference_app.core.importers.program import ParsedEvent, ParsedSpeaker

DEFAULT_MINUTES = 60
_SPEAKER_WITH_ID = re.compile(r"^(\d+)\s*:\s*(.+)$")  # voctosched: "12:Ann Lee|13:Bo Chen"
_PLACEHOLDER_NAMES = {"tbd", "tba", "nn", "n.n.", "n. n.", "et al", "et al.", "et. al.", "..."}


@dataclass
class RowReader:
    """Turns the rows of one agenda into sessions, collecting speakers and warnings."""

    layout: CsvLayout
    zone: ZoneInfo
    first_day: date | None
    warnings: list[str]
    speakers: dict[str, ParsedSpeaker]
    url_title: str = field(init=False)

    def __post_init__(self) -> None:
        url_column = self.layout.column_of("url")
        # The column's own name ("File URL", "Slides") says what the link is.
        header = self.layout.headers[url_column].strip() if url_column is not None else ""
        self.url_title = header or "Link"

    def read(self, row_number: int, record: list[str]) -> ParsedEvent | None:
        cell = _Cells(self.layout, record)
        title = _unquote_title(cell("title"))
        if not title:
            # A row that names its track, type or speakers is a session without a title; a row with
            # nothing but a time is an empty slot.
            if not (cell("track") or cell("type") or _split_speakers(cell("speakers"))):
                self.warnings.append(f"row {row_number}: no title; skipped")
                return None
            title = cell("track") or cell("type") or "(untitled)"
            self.warnings.append(f"row {row_number}: no title; shown as '{title}'")
        label = f"row {row_number} ('{title}')"

        placed = self._start(cell, label)
        if placed is None:
            return None
        start, day_index = placed
        end = self._end(cell, start, label)

        url = cell("url")
        return ParsedEvent(
            source_id=cell("id"),
            title=title,
            start=start,
            end=end,
            subtitle=cell("subtitle"),
            abstract=cell("abstract"),
            description=cell("description"),
            track=cell("track"),
            type=cell("type"),
            room=cell("room"),
            language=cell("language"),
            links=[(self.url_title, url)] if url else [],
            speaker_keys=self._speaker_keys(cell("speakers")),
            day_index=day_index,
        )

    def _start(self, cell: _Cells, label: str) -> tuple[datetime, int | None] | None:
        """The start as an aware datetime, and the conference day when the row says it."""
        raw_start = cell("start")
        full = parse_datetime(raw_start, self.zone, self.layout.day_first)
        day_value = cell("day")
        day_number = DAY_NUMBER.match(day_value)
        if full is not None:
            return full, int(day_number.group(1)) if day_number else None

        clock = parse_clock(raw_start)
        if clock is None:
            problem = f"start time '{raw_start}' not understood" if raw_start else "no start time"
            self.warnings.append(f"{label}: {problem}; skipped")
            return None

        day_index: int | None = None
        if self.layout.has_dates:
            raw_date = cell("date")
            on = parse_date(raw_date, self.layout.day_first)
            if on is None:
                problem = f"date '{raw_date}' not understood" if raw_date else "no date"
                self.warnings.append(f"{label}: {problem}; skipped")
                return None
            if day_number:
                day_index = int(day_number.group(1))
        else:
            assert self.first_day is not None  # _require_usable() made sure
            offset = 0
            if day_value:
                found = day_offset(day_value, self.first_day)
                if found is None:
                    self.warnings.append(f"{label}: day '{day_value}' not understood; skipped")
                    return None
                offset = found
                day_index = offset + 1
            on = self.first_day + timedelta(days=offset)
        # Adding the clock as a timedelta lets "24" or "25:30" run past midnight on the same day.
        return datetime.combine(on, time(0), tzinfo=self.zone) + clock, day_index

    def _end(self, cell: _Cells, start: datetime, label: str) -> datetime:
        raw_end, raw_duration = cell("end"), cell("duration")
        end = self._parse_end(raw_end, start) if raw_end else None
        if end is not None:
            return end
        duration = parse_duration(raw_duration) if raw_duration else None
        if duration is not None:
            return later(start, duration)

        if raw_end:
            reason = f"end '{raw_end}' not understood"
        elif raw_duration:
            reason = f"duration '{raw_duration}' not understood"
        else:
            reason = "no end or duration"
        # Files without any end or duration column get one warning for all rows (see read()).
        if raw_end or raw_duration or self.layout.column_of("end") is not None \
                or self.layout.column_of("duration") is not None:
            self.warnings.append(f"{label}: {reason}; assumed {DEFAULT_MINUTES} minutes")
        return later(start, timedelta(minutes=DEFAULT_MINUTES))

    def _parse_end(self, raw_end: str, start: datetime) -> datetime | None:
        full = parse_datetime(raw_end, self.zone, self.layout.day_first)
        if full is not None:
            return None if earlier(full, start) else full
        clock = parse_clock(raw_end)
        if clock is None:
            return None
        end = datetime.combine(start.date(), time(0), tzinfo=self.zone) + clock
        # An end earlier than the start on the clock means the session crosses midnight.
        return end + timedelta(days=1) if earlier(end, start) else end

    def _speaker_keys(self, raw: str) -> list[str]:
        keys: list[str] = []
        for key, name in _split_speakers(raw):
            self.speakers.setdefault(key, ParsedSpeaker(key=key, name=name))
            if key not in keys:
                keys.append(key)
        return keys


class _Cells:
    """A row's cells by field name: trimmed text, or "" for unmapped or missing cells."""

    def __init__(self, layout: CsvLayout, record: list[str]) -> None:
        self._layout = layout
        self._record = record

    def __call__(self, name: str) -> str:
        index = self._layout.column_of(name)
        if index is None or index >= len(self._record):
            return ""
        return self._record[index].strip()


def _unquote_title(value: str) -> str:
    # Some agendas wrap a whole title in quotes ('"Der Einstieg ins Podcasten"').
    if len(value) > 2 and value[0] == value[-1] == '"' and '"' not in value[1:-1]:
        return value[1:-1].strip()
    return value


def _split_speakers(raw: str) -> list[tuple[str, str]]:
    """(key, name) for each speaker in a cell: 'A, B', 'A; B', 'A & B' or '12:A|13:B'."""
    people: list[tuple[str, str]] = []
    for part in re.split(r"\s*(?:[,;|]|\s&\s|\band\b|\bund\b)\s*", raw):
        part = " ".join(part.split())
        if not part or part.casefold() in _PLACEHOLDER_NAMES:
            continue
        with_id = _SPEAKER_WITH_ID.match(part)
        if with_id:
            people.append((f"id:{with_id.group(1)}", with_id.group(2).strip()))
        else:
            people.append(("name:" + part.casefold(), part))
    return people
