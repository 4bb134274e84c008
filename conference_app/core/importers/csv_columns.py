"""Which column of a CSV agenda holds which field: guessed from column names (English and German)
and values, and corrected by the user's column map."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from conference_app.core.errors import InputFileError
from conference_app.core.importers.csv_times import DAY_NUMBER, SLASH_DATE, parse_date, parse_datetime, weekday_of

IGNORE = "ignore"
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


def _normalise_header(header: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", header).split()).casefold()


def guess_columns(headers: list[str], records: list[list[str]]) -> dict[int, str]:
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
    if values and all(weekday_of(value) is not None for value in values):
        return "day"
    if values and all(parse_date(value) is not None for value in values):
        return "date"
    return None


def apply_column_map(
    path: Path, headers: list[str], columns: dict[int, str], column_map: dict[str, str]
) -> None:
    for header, target in column_map.items():
        index = _find_column(headers, header)
        if index is None:
            raise InputFileError(
                path, f"has no column '{header}' to map (its columns are: {quoted(headers)})"
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


def has_dates(columns: dict[int, str], records: list[list[str]]) -> bool:
    if "date" in columns.values():
        return True
    start = next((index for index, name in columns.items() if name == "start"), None)
    if start is None:
        return False
    values = _column_values(records, start)
    return bool(values) and all(parse_datetime(value) is not None for value in values[:20])


def slash_dates_day_first(columns: dict[int, str], records: list[list[str]]) -> bool:
    """Whether slash dates put the day first; decided once per file so 03/04 and 03/25 agree."""
    values: list[str] = []
    for index, name in columns.items():
        if name in ("date", "start", "end"):
            values += _column_values(records, index)
    parts = [match.groups() for value in values if (match := SLASH_DATE.match(value.split(" ")[0]))]
    day_first_only = any(int(first) > 12 for first, _, _ in parts)
    month_first_only = any(int(second) > 12 for _, second, _ in parts)
    return not month_first_only or day_first_only


def day_kind(columns: dict[int, str], records: list[list[str]]) -> str:
    day = next((index for index, name in columns.items() if name == "day"), None)
    if day is None:
        return ""
    values = _column_values(records, day)
    if values and all(DAY_NUMBER.match(value) for value in values):
        return "numbers"
    return "names"


def _column_values(records: list[list[str]], index: int) -> list[str]:
    return [record[index].strip() for record in records if index < len(record) and record[index].strip()]


def quoted(headers: list[str]) -> str:
    """The column names for a one-line message: each on one line and at most 40 characters."""
    names = (" ".join(header.split()) for header in headers)
    return ", ".join(f"'{name if len(name) <= 40 else name[:39] + '…'}'" for name in names)
