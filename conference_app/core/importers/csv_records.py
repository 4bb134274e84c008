"""The records of a CSV agenda file: its delimiter sniffed, every line read, no overlong field held whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from conference_app.core.errors import InputFileError
from conference_app.core.importers.bounded_reading import shorten_csv_fields
from conference_app.core.importers.text_file import open_text, read_all

_SNIFF_RECORDS = 50
_SNIFF_CHARACTERS = 1 << 16
_LONGEST_LINE = 1 << 20  # characters


def read_records(path: Path, warnings: list[str]) -> tuple[list[list[str]], str, str]:
    """Every record of the file, its delimiter and its encoding."""
    stream, encoding = open_text(path, "a CSV text file", warnings)
    with stream:
        delimiter = _sniff_delimiter(read_all(path, stream, _sniffing_head))
        stream.seek(0)
        all_records = read_all(path, stream, lambda rest: _records(path, rest, delimiter))
    return all_records, delimiter, encoding


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
