"""Read a conference program from a CSV agenda (a spreadsheet saved as CSV).

Every CSV agenda names its columns differently, so reading one takes two steps:
`inspect()` guesses which column holds which field (English and German column names),
and `read()` uses that guess, corrected by the user's column map where needed. When the
title or start column cannot be told, `read()` raises `CsvMappingNeeded` carrying the
layout, so the user can be asked to map the columns and try again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from conference_app.core.errors import InputFileError
from conference_app.core.importers.program import (
    ParsedEvent,
    ParsedProgram,
    ParsedSpeaker,
    ReadOptions,
)
from conference_app.core.importers.moments import earlier, later
from conference_app.core.importers.bounded_reading import shorten_csv_fields
from conference_app.core.importers.text_file import open_text, read_all

SOURCE_FORMAT = "csv"
DEFAULT_MINUTES = 60
IGNORE = "ignore"
NO_TIME_ZONE = "no time zone was given for this agenda; its times are taken as UTC"

FIELDS: dict[str, str] = {
    "title": "session title (required)",
    "start": "start: a date and time, or a time with a date or day column (required)",
    "end": "end time (or a date and time)",
    "duration": "length, e.g. 1:30, 90 or 01:30:00",
    "date": "calendar date of the session",
    "day": "conference day as a name (Friday, Freitag) or number (1 = first day)",
    "room": "room",
    "track": "track",
    "type": "session type",
    "speakers": "speakers, separated by commas",
    "abstract": "short abstract",
    "description": "long description",
    "id": "the session's id in the source",
    "language": "language",
    "url": "link to the session",
    "subtitle": "subtitle",
}

# Column names seen in real agendas, compared after _normalise_header().
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "titel", "session", "session title", "talk", "talk title", "event",
              "veranstaltung", "thema", "name of session"),
    "start": ("start", "beginn", "begin", "time start", "start time", "starttime", "start hour",
              "startzeit", "uhrzeit", "time", "zeit", "from", "start date time", "starts"),
    "end": ("end", "ende", "time end", "end time", "endtime", "endzeit", "end hour", "to", "bis",
            "until", "ends"),
    "duration": ("duration", "dauer", "length", "länge", "laenge", "minutes", "minuten"),
    "date": ("date", "datum", "day date"),
    "day": ("day", "tag", "weekday", "wochentag", "day number", "conference day"),
    "room": ("room", "raum", "saal", "ort", "location", "venue", "hall", "stage", "bühne"),
    "track": ("track", "podcast", "topic", "category", "kategorie", "stream"),
    "type": ("type", "typ", "session type", "art", "format", "kind"),
    "speakers": ("speakers", "speaker", "persons", "person", "people", "teilnehmer", "sprecher",
                 "sprecherin", "referent", "referentin", "referenten", "presenter", "presenters",
                 "author", "authors", "autor", "autoren", "vortragende", "host", "hosts"),
    "abstract": ("abstract", "zusammenfassung", "summary", "kurzbeschreibung", "teaser"),
    "description": ("description", "beschreibung", "details", "inhalt", "langbeschreibung", "text"),
    "id": ("id", "guid", "uid", "event id", "session id", "nr", "nummer", "code"),
    "language": ("language", "sprache", "lang"),
    "url": ("url", "file url", "link", "website", "webseite", "homepage", "web"),
    "subtitle": ("subtitle", "untertitel", "sub title"),
}
_FIELD_BY_ALIAS = {alias: name for name, aliases in _HEADER_ALIASES.items() for alias in aliases}

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

_DAY_NUMBER = re.compile(r"^(?:day|tag)?\s*(\d{1,2})\.?$", re.IGNORECASE)
_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?(?::(?P<second>\d{2}))?"
    r"\s*(?:(?P<half>[ap])\.?\s*m\.?)?(?:\s*uhr)?$",
    re.IGNORECASE,
)
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_DOT_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DURATION_CLOCK = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")
_DURATION_MINUTES = re.compile(r"^(\d+)\s*(?:m|min|mins|minutes|minuten)?\.?$", re.IGNORECASE)
_DURATION_HOURS = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?|std|stunden?)\.?$", re.IGNORECASE)
_DURATION_ISO = re.compile(r"^PT?(?:(\d+)H)?(?:(\d+)M)?$", re.IGNORECASE)
_SPEAKER_WITH_ID = re.compile(r"^(\d+)\s*:\s*(.+)$")  # voctosched: "12:Ann Lee|13:Bo Chen"
_PLACEHOLDER_NAMES = {"tbd", "tba", "nn", "n.n.", "n. n.", "et al", "et al.", "et. al.", "..."}
_SNIFF_RECORDS = 50
_SNIFF_CHARACTERS = 1 << 16
_LONGEST_LINE = 1 << 20  # characters


class CsvMappingNeeded(InputFileError):
    """The title or start column cannot be told; `layout` shows what was found."""

    def __init__(self, path: str | Path, problem: str, layout: CsvLayout) -> None:
        super().__init__(path, problem)
        self.layout = layout


class FirstDayNeeded(InputFileError):
    """The agenda has day names or numbers but no dates, and no first day was given."""

    def __init__(self, path: str | Path, problem: str, layout: CsvLayout) -> None:
        super().__init__(path, problem)
        self.layout = layout


@dataclass
class CsvLayout:
    """What a CSV agenda's columns hold, as guessed (and corrected by a column map)."""

    headers: list[str]
    columns: dict[int, str]  # column index -> field
    delimiter: str
    encoding: str
    row_count: int
    has_dates: bool  # a date, or a start with a date in it
    day_kind: str  # "names", "numbers" or "" when there is no day column
    day_first: bool = True  # slash dates are 27/12/14, not 12/27/14

    @property
    def mapping(self) -> dict[str, str]:
        """header -> field for every mapped column."""
        return {self.headers[index]: name for index, name in sorted(self.columns.items())}

    @property
    def unmapped(self) -> list[str]:
        """Headers of the columns that will not be read."""
        return [header for index, header in enumerate(self.headers) if index not in self.columns]

    @property
    def missing(self) -> list[str]:
        """Required fields that no column holds."""
        return [name for name in ("title", "start") if name not in self.columns.values()]

    @property
    def needs_first_day(self) -> bool:
        """Rows carry only day names/numbers (or nothing): dates come from the first day."""
        return not self.has_dates

    def column_of(self, name: str) -> int | None:
        """The index of the column mapped to field `name`, or None."""
        return next((index for index, mapped in self.columns.items() if mapped == name), None)


def inspect(path: Path, column_map: dict[str, str] | None = None) -> CsvLayout:
    """Guess which column of a CSV agenda holds which field; `column_map` overrides guesses."""
    return _load(Path(path), column_map or {}, warnings=[])[0]


def read(path: Path, options: ReadOptions) -> ParsedProgram:
    """Read a CSV agenda, one session per row.

    Raises CsvMappingNeeded when the title or start column cannot be told, FirstDayNeeded
    when the agenda has day names or numbers but no dates and `options.first_day` is unset,
    and InputFileError for files that are not readable CSV text.
    """
    path = Path(path)
    warnings: list[str] = []
    layout, records = _load(path, options.column_map, warnings)
    _require_usable(path, layout, options)

    time_zone = _time_zone(options, warnings)
    program = ParsedProgram(
        title=path.stem, time_zone=time_zone, source_format=SOURCE_FORMAT, warnings=warnings
    )
    rows = _RowReader(layout, ZoneInfo(time_zone), options.first_day, warnings, program.speakers)
    if layout.column_of("end") is None and layout.column_of("duration") is None:
        warnings.append(
            "the file has no end times or durations; "
            f"every session is assumed to last {DEFAULT_MINUTES} minutes"
        )
    for row_number, record in records:
        event = rows.read(row_number, record)
        if event is not None:
            program.events.append(event)

    if program.events:
        program.start_date = min(event.start.date() for event in program.events)
        program.end_date = max(event.start.date() for event in program.events)
    return program


# --- loading and guessing -------------------------------------------------------------------


def _load(
    path: Path, column_map: dict[str, str], warnings: list[str]
) -> tuple[CsvLayout, list[tuple[int, list[str]]]]:
    stream, encoding = open_text(path, "a CSV text file", warnings)
    with stream:
        delimiter = _sniff_delimiter(read_all(path, stream, _sniffing_head))
        stream.seek(0)
        all_records = read_all(path, stream, lambda rest: _records(path, rest, delimiter))

    # Row numbers as a spreadsheet shows them: the header is row 1 when it is the first line.
    numbered = [(number, record) for number, record in enumerate(all_records, start=1)
                if any(cell.strip() for cell in record)]
    if not numbered:
        raise InputFileError(path, "is empty")
    _, headers = numbered[0]
    records = numbered[1:]

    rows = [record for _, record in records]
    columns = _guess_columns(headers, rows)
    _apply_column_map(path, headers, columns, column_map)
    layout = CsvLayout(
        headers=headers,
        columns=columns,
        delimiter=delimiter,
        encoding=encoding,
        row_count=len(records),
        has_dates=_has_dates(columns, rows),
        day_kind=_day_kind(columns, rows),
        day_first=_slash_dates_day_first(columns, rows),
    )
    return layout, records


def _records(path: Path, stream: TextIO, delimiter: str) -> list[list[str]]:
    """Every record of the file. A field longer than the csv module reads (131,072 characters), or a
    line longer than a megabyte, makes a second pass that cuts each field to what a session keeps (see
    text_limits.py), so no overlong text is ever held whole."""
    try:
        return list(csv.reader(_lines(stream), delimiter=delimiter))
    except csv.Error:
        stream.seek(0)
    try:
        return list(csv.reader(io.StringIO(shorten_csv_fields(stream, delimiter), newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputFileError(path, f"is not readable CSV ({error})") from error


def _lines(stream: TextIO) -> Iterator[str]:
    while line := stream.readline(_LONGEST_LINE):
        if len(line) == _LONGEST_LINE and not line.endswith(("\n", "\r")):
            raise csv.Error("a line longer than any session needs")
        yield line


def _sniffing_head(stream: TextIO) -> str:
    return stream.read(_SNIFF_CHARACTERS)


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most consistent columns.

    csv.Sniffer guesses wrongly on agendas whose quoted descriptions span lines, so each
    candidate is tried with the real parser instead.
    """
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        try:
            records = [record for _, record in zip(range(_SNIFF_RECORDS),
                       csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)) if record]
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        score = sum(1 for record in records if len(record) == width) * width
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _normalise_header(header: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", header).split()).casefold()


def _guess_columns(headers: list[str], records: list[list[str]]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, header in enumerate(headers):
        name = _FIELD_BY_ALIAS.get(_normalise_header(header))
        if name in ("date", "day"):
            # "Day" columns holding dates and "Date" columns holding weekdays both exist.
            name = _day_or_date(_column_values(records, index)) or name
        if name and name not in columns.values():
            columns[index] = name
    # Columns without a known name (even without any name) can still be told by their values.
    for index in range(len(headers)):
        name = None if index in columns else _day_or_date(_column_values(records, index))
        if name and name not in columns.values():
            columns[index] = name
    return columns


def _day_or_date(values: list[str]) -> str | None:
    """'day' for a column of weekday names, 'date' for a column of dates, else None."""
    if values and all(_weekday(value) is not None for value in values):
        return "day"
    if values and all(_parse_date(value) is not None for value in values):
        return "date"
    return None


def _apply_column_map(
    path: Path, headers: list[str], columns: dict[int, str], column_map: dict[str, str]
) -> None:
    for header, target in column_map.items():
        index = _find_column(headers, header)
        if index is None:
            raise InputFileError(
                path, f"has no column '{header}' to map (its columns are: {_quoted(headers)})"
            )
        name = target.strip().casefold()
        if name in ("", IGNORE):
            columns.pop(index, None)
            continue
        if name not in FIELDS:
            raise InputFileError(
                path, f"cannot map '{header}' to '{target}': the fields are {', '.join(FIELDS)}"
            )
        # The user's choice wins over a guess that put the same field elsewhere.
        for other, mapped in list(columns.items()):
            if mapped == name and other != index:
                del columns[other]
        columns[index] = name


def _find_column(headers: list[str], wanted: str) -> int | None:
    for index, header in enumerate(headers):
        if header == wanted:
            return index
    for index, header in enumerate(headers):
        if _normalise_header(header) == _normalise_header(wanted):
            return index
    # Columns without a usable name can be given by position, counting from 1.
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(headers):
        return int(wanted) - 1
    return None


def _has_dates(columns: dict[int, str], records: list[list[str]]) -> bool:
    if "date" in columns.values():
        return True
    start = next((index for index, name in columns.items() if name == "start"), None)
    if start is None:
        return False
    values = _column_values(records, start)
    return bool(values) and all(_parse_datetime(value) is not None for value in values[:20])


def _slash_dates_day_first(columns: dict[int, str], records: list[list[str]]) -> bool:
    """Whether slash dates put the day first; decided once per file so 03/04 and 03/25 agree."""
    values: list[str] = []
    for index, name in columns.items():
        if name in ("date", "start", "end"):
            values += _column_values(records, index)
    parts = [match.groups() for value in values if (match := _SLASH_DATE.match(value.split(" ")[0]))]
    day_first_only = any(int(first) > 12 for first, _, _ in parts)
    month_first_only = any(int(second) > 12 for _, second, _ in parts)
    return not month_first_only or day_first_only


def _day_kind(columns: dict[int, str], records: list[list[str]]) -> str:
    day = next((index for index, name in columns.items() if name == "day"), None)
    if day is None:
        return ""
    values = _column_values(records, day)
    if values and all(_DAY_NUMBER.match(value) for value in values):
        return "numbers"
    return "names"


def _column_values(records: list[list[str]], index: int) -> list[str]:
    return [record[index].strip() for record in records if index < len(record) and record[index].strip()]


def _require_usable(path: Path, layout: CsvLayout, options: ReadOptions) -> None:
    missing = {
        ("title",): "which column holds the session title; map it with --map COLUMN=title",
        ("start",): "which column holds the start time; map it with --map COLUMN=start",
        ("title", "start"): (
            "which columns hold the title and the start time; "
            "map them with --map COLUMN=title --map COLUMN=start"
        ),
    }.get(tuple(layout.missing))
    if missing:
        raise CsvMappingNeeded(
            path, f"cannot tell {missing} (its columns are: {_quoted(layout.headers)})", layout
        )

    if layout.needs_first_day and options.first_day is None:
        what = {"names": "day names", "numbers": "day numbers"}.get(layout.day_kind, "times")
        raise FirstDayNeeded(
            path,
            f"has {what} but no dates; give the conference's first day with --first-day YYYY-MM-DD",
            layout,
        )


def _time_zone(options: ReadOptions, warnings: list[str]) -> str:
    if options.time_zone:
        try:
            ZoneInfo(options.time_zone)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            warnings.append(f"the time zone '{options.time_zone}' is not known; times are taken as UTC")
            return "UTC"
        return options.time_zone
    warnings.append(NO_TIME_ZONE)
    return "UTC"


# --- one row --------------------------------------------------------------------------------


@dataclass
class _RowReader:
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
        full = _parse_datetime(raw_start, self.zone, self.layout.day_first)
        day_value = cell("day")
        day_number = _DAY_NUMBER.match(day_value)
        if full is not None:
            return full, int(day_number.group(1)) if day_number else None

        clock = _parse_clock(raw_start)
        if clock is None:
            problem = f"start time '{raw_start}' not understood" if raw_start else "no start time"
            self.warnings.append(f"{label}: {problem}; skipped")
            return None

        day_index: int | None = None
        if self.layout.has_dates:
            raw_date = cell("date")
            on = _parse_date(raw_date, self.layout.day_first)
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
                found = _day_offset(day_value, self.first_day)
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
        duration = _parse_duration(raw_duration) if raw_duration else None
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
        full = _parse_datetime(raw_end, self.zone, self.layout.day_first)
        if full is not None:
            return None if earlier(full, start) else full
        clock = _parse_clock(raw_end)
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


# --- values ---------------------------------------------------------------------------------


def _parse_clock(value: str) -> timedelta | None:
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


def _parse_date(value: str, day_first: bool = True) -> date | None:
    """A calendar date: ISO '2011-06-23', '27/12/14' (or 12/27/14 when not day_first), '23.06.2011'."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = _SLASH_DATE.match(value) or _DOT_DATE.match(value)
    if match is None:
        return None
    first, second, year = (int(part) for part in match.groups())
    day, month = first, second
    if match.re is _SLASH_DATE and not day_first:
        day, month = second, first
    if len(match.group(3)) == 2:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parse_datetime(value: str, zone: ZoneInfo | None = None, day_first: bool = True) -> datetime | None:
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
    on = _parse_date(date_part, day_first)
    clock = _parse_clock(time_part) if time_part else None
    if on is None or clock is None:
        return None
    base = datetime.combine(on, time(0), tzinfo=zone)
    return base + clock


def _parse_duration(value: str) -> timedelta | None:
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


def _weekday(value: str) -> int | None:
    return _WEEKDAYS.get(value.strip().rstrip(".").casefold())


def _day_offset(value: str, first_day: date) -> int | None:
    """Days after the first day: from a weekday name (anchored on the first day's weekday)
    or a 1-based day number."""
    weekday = _weekday(value)
    if weekday is not None:
        return (weekday - first_day.weekday()) % 7
    match = _DAY_NUMBER.match(value.strip())
    if match and int(match.group(1)) >= 1:
        return int(match.group(1)) - 1
    return None


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


def _quoted(headers: list[str]) -> str:
    """The column names for a one-line message: each on one line and at most 40 characters."""
    names = (" ".join(header.split()) for header in headers)
    return ", ".join(f"'{name if len(name) <= 40 else name[:39] + '…'}'" for name in names)
