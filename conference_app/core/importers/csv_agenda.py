"""Read a conference program from a CSV agenda (a spreadsheet saved as CSV).

Every CSV agenda names its columns differently, so reading one takes two steps:
`inspect()` guesses which column holds which field (English and German column names),
and `read()` uses that guess, corrected by the user's column map where needed. When the
title or start column cannot be told, `read()` raises `CsvMappingNeeded` carrying the
layout, so the user can be asked to map the columns and try again.

The parts: csv_records.py reads the file's records, csv_columns.py tells which column holds
which field, csv_rows.py turns each row into a session and csv_times.py reads its times.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from conference_app.core.errors import InputFileError
from conference_app.core.importers.csv_columns import (
    FIELDS,
    IGNORE,
    CsvLayout,
    apply_column_map,
    day_kind,
    guess_columns,
    has_dates,
    quoted,
    slash_dates_day_first,
)
from conference_app.core.importers.csv_records import read_records
from conference_app.core.importers.csv_rows import DEFAULT_MINUTES, RowReader
from conference_app.core.importers.program import ParsedProgram, ReadOptions

__all__ = [
    "DEFAULT_MINUTES",
    "FIELDS",
    "IGNORE",
    "NO_TIME_ZONE",
    "SOURCE_FORMAT",
    "CsvLayout",
    "CsvMappingNeeded",
    "FirstDayNeeded",
    "inspect",
    "read",
]

SOURCE_FORMAT = "csv"
NO_TIME_ZONE = "no time zone was given for this agenda; its times are taken as UTC"


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
    rows = RowReader(layout, ZoneInfo(time_zone), options.first_day, warnings, program.speakers)
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


def _load(
    path: Path, column_map: dict[str, str], warnings: list[str]
) -> tuple[CsvLayout, list[tuple[int, list[str]]]]:
    all_records, delimiter, encoding = read_records(path, warnings)

    # Row numbers as a spreadsheet shows them: the header is row 1 when it is the first line.
    numbered = [(number, record) for number, record in enumerate(all_records, start=1)
                if any(cell.strip() for cell in record)]
    if not numbered:
        raise InputFileError(path, "is empty")
    _, headers = numbered[0]
    records = numbered[1:]

    rows = [record for _, record in records]
    columns = guess_columns(headers, rows)
    apply_column_map(path, headers, columns, column_map)
    layout = CsvLayout(
        headers=headers,
        columns=columns,
        delimiter=delimiter,
        encoding=encoding,
        row_count=len(records),
        has_dates=has_dates(columns, rows),
        day_kind=day_kind(columns, rows),
        day_first=slash_dates_day_first(columns, rows),
    )
    return layout, records


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
            path, f"cannot tell {missing} (its columns are: {quoted(layout.headers)})", layout
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
