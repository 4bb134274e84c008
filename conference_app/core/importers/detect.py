"""Recognise which kind of conference program a file holds, by its content.

The extension is only a tie-breaker: exports are often saved as ".txt" or with the
wrong ending, while the first bytes of the file rarely lie.
"""

from __future__ import annotations

import codecs
import importlib
import re
from collections.abc import Callable
from pathlib import Path

from conference_app.core.errors import InputFileError
from conference_app.core.importers.program import ParsedProgram, ReadOptions
from conference_app.core.importers.text_file import unicode_encoding

FORMATS: tuple[str, ...] = ("frab", "json", "ical", "csv")

ProgramReader = Callable[[Path, ReadOptions], ParsedProgram]

_READER_MODULES = {
    "frab": "conference_app.core.importers.frab_xml",
    "json": "conference_app.core.importers.schedule_json",
    "ical": "conference_app.core.importers.ical",
    "csv": "conference_app.core.importers.csv_agenda",
}
_FORMAT_BY_EXTENSION = {
    ".xml": "frab",
    ".json": "json",
    ".ics": "ical",
    ".ical": "ical",
    ".ifb": "ical",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
}
_SNIFF_BYTES = 8192
_CSV_SEPARATORS = re.compile(r"[,;\t]")
# Control characters that never appear in text files (tab, newlines and form feed do).
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x0b\x7f"


def detect_format(path: Path) -> str:
    """Return "frab", "json", "ical" or "csv" for the program in `path`.

    Decided from the first few KB of content; the file extension only settles cases
    the content leaves open. Raises `InputFileError` for unreadable, empty or binary
    files and for content that is none of the four formats.
    """
    head = _read_head(path)
    text = _decode_head(path, head).lstrip("\ufeff \t\r\n")
    if not text:
        raise InputFileError(path, "empty file")

    first = text[0]
    if first == "<":
        return "frab"
    if first in "{[":
        return "json"
    first_line = text.splitlines()[0].strip()
    if first_line.upper().startswith("BEGIN:VCALENDAR"):
        return "ical"
    if first_line.upper().startswith("BEGIN:VCARD"):
        raise InputFileError(path, "not a conference program: this is a contact card (vCard) file")
    if _CSV_SEPARATORS.search(first_line):
        return "csv"

    by_extension = _FORMAT_BY_EXTENSION.get(path.suffix.lower())
    if by_extension is not None:
        return by_extension
    raise InputFileError(
        path, "not a conference program: expected frab XML, schedule JSON, iCalendar or a CSV agenda"
    )


def reader_for(format_name: str) -> ProgramReader:
    """The `read(path, options)` function of the reader for one of `FORMATS`.

    Reader modules are imported only when asked for, so using one format never
    loads the libraries of the others.
    """
    module_name = _READER_MODULES.get(format_name)
    if module_name is None:
        raise ValueError(f"unknown program format {format_name!r}; expected one of {', '.join(FORMATS)}")
    reader: ProgramReader = importlib.import_module(module_name).read
    return reader


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(_SNIFF_BYTES)
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror or error})") from error


def _decode_head(path: Path, head: bytes) -> str:
    """The head as text, or InputFileError when it is binary data."""
    encoding = unicode_encoding(head)  # UTF-16 and UTF-32, with or without a byte order mark
    if encoding is not None:
        # The head may end in the middle of a character; "ignore" drops only that tail.
        return head.decode(encoding, errors="ignore")
    if not head.strip():
        return ""
    if _looks_binary(head):
        raise InputFileError(path, "not a conference program: binary data")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError:
        # Older CSV and XML exports are often in a Windows code page; enough to sniff.
        return head.decode("cp1252", errors="replace")


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    control_count = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return control_count > len(head) // 20
