"""Reading a program file a piece at a time, leaving out what no field could keep.

The JSON, CSV and iCalendar parsers need a whole document in memory. A file with a 200 MB abstract
would need several times that while parsed, only for all but 100,000 characters to be cut after
(see text_limits.py). These filters pass the document through unchanged except inside an overlong
string, field or content line, where they keep the first part (more than any limit, so the cut is
still seen and reported) and skip the rest, keeping the document well formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from conference_app.core.importers.text_limits import READER_KEEPS

_CHUNK = 1 << 20
# A JSON string keeps this many bytes: enough for READER_KEEPS characters written as "\ud83d\ude00".
JSON_STRING_BYTES = 12 * READER_KEEPS
# An iCalendar content line keeps this many characters: room for its name, parameters, folding and
# escapes ("\n" is two characters for one) around READER_KEEPS characters of value.
ICAL_LINE_CHARACTERS = 3 * READER_KEEPS + 4096
_QUOTE_OR_BACKSLASH = re.compile(rb'["\\]')


def longest_run(stream: BinaryIO, separator: bytes) -> int:
    """The longest stretch of the stream's bytes without `separator`, read a chunk at a time (at C speed:
    the filters below are only worth their time where a stretch is longer than what a field keeps)."""
    longest = run = 0
    for chunk in _byte_chunks(stream):
        parts = chunk.split(separator)
        if len(parts) == 1:
            run += len(chunk)
        else:
            inner = max(map(len, parts[1:-1]), default=0)
            longest = max(longest, run + len(parts[0]), inner)
            run = len(parts[-1])
        longest = max(longest, run)
    return longest


def _byte_chunks(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _text_chunks(stream: TextIO) -> Iterator[str]:
    while chunk := stream.read(_CHUNK):
        yield chunk


# --- JSON -------------------------------------------------------------------------------------


def shorten_json_strings(stream: BinaryIO, keep: int = JSON_STRING_BYTES) -> bytes:
    """The JSON document's bytes with every string cut to about `keep` bytes.

    A cut never splits an escape ("\\u00e9") or a UTF-8 character. Bytes outside strings pass as they
    are, so a malformed document stays malformed for the parser to report. The stream is read from
    where it is; a document whose stretches between quotes are all short is returned as it is, at once.
    """
    start = stream.tell()
    if longest_run(stream, b'"') <= keep:
        stream.seek(start)
        return stream.read()
    stream.seek(start)
    out = bytearray()
    in_string = False
    kept = 0  # bytes of the current string passed on
    carry = b""  # the start of an escape that the previous chunk cut off
    for chunk in _byte_chunks(stream):
        data = carry + chunk
        carry = b""
        position = 0
        while position < len(data):
            if not in_string:
                quote = data.find(b'"', position)
                if quote < 0:
                    out += data[position:]
                    break
                out += data[position : quote + 1]
                position, in_string, kept = quote + 1, True, 0
                continue
            found = _QUOTE_OR_BACKSLASH.search(data, position)
            stop = found.start() if found else len(data)
            if stop > position:
                room = max(0, keep - kept)
                take = min(room, stop - position)
                if take < stop - position:
                    while take > 0 and 0x80 <= data[position + take] <= 0xBF:
                        take -= 1  # not in the middle of a UTF-8 character
                out += data[position : position + take]
                kept += stop - position if take == stop - position else keep + 1
                position = stop
            if found is None:
                break
            if data[stop] == ord('"'):
                out += b'"'
                position, in_string = stop + 1, False
                continue
            width = 6 if data[stop + 1 : stop + 2] == b"u" else 2
            if stop + width > len(data):
                carry = data[stop:]
                break
            if kept + width <= keep:
                out += data[stop : stop + width]
                kept += width
            else:
                kept = keep + 1
            position = stop + width
    out += carry
    return bytes(out)


# --- CSV --------------------------------------------------------------------------------------


def shorten_csv_fields(stream: TextIO, delimiter: str, keep: int = READER_KEEPS) -> str:
    """The CSV text with every field cut to `keep` characters, quoting kept intact.

    Follows the csv module's reading of quotes: a quote opens a quoted field only at a field's
    start, and inside one a doubled quote is a quote character.
    """
    unquoted_end = re.compile(f"[{re.escape(delimiter)}\r\n]")
    out: list[str] = []
    state = "start"  # "start" of a field, "plain" text, "quoted" text, "quote" just seen inside quotes
    kept = 0

    def content(text: str) -> None:
        nonlocal kept
        if kept < keep:
            out.append(text[: keep - kept])
        kept += len(text)

    for text in _text_chunks(stream):
        position = 0
        while position < len(text):
            if state == "start":
                kept = 0
                if text[position] == '"':
                    out.append('"')
                    position, state = position + 1, "quoted"
                else:
                    state = "plain"
            elif state == "plain":
                found = unquoted_end.search(text, position)
                stop = found.start() if found else len(text)
                content(text[position:stop])
                if found is not None:
                    out.append(text[stop])
                    state = "start"
                    stop += 1
                position = stop
            elif state == "quoted":
                stop = text.find('"', position)
                content(text[position : stop if stop >= 0 else len(text)])
                if stop < 0:
                    break
                position, state = stop + 1, "quote"
            else:  # a quote inside a quoted field: doubled, or the field's closing quote
                if text[position] == '"':
                    if kept < keep:
                        out.append('""')
                    kept += 1
                    position, state = position + 1, "quoted"
                else:
                    out.append('"')
                    state = "plain"
    if state == "quote":
        out.append('"')
    return "".join(out)


# --- iCalendar ----------------------------------------------------------------------------------


def shorten_ical_lines(stream: TextIO, keep: int = ICAL_LINE_CHARACTERS) -> str:
    """The iCalendar text with every content line (with its folded continuations) cut to `keep`
    characters. A cut never leaves half an escape ("\\n") at the end of a value."""
    out: list[str] = []
    line: list[str] = []  # the current content line, as read
    size = 0
    cut = False
    at_line_start = True

    def finish() -> None:
        nonlocal size, cut
        if cut:
            text = "".join(line).rstrip("\r\n \t")
            backslashes = len(text) - len(text.rstrip("\\"))
            out.append((text[:-1] if backslashes % 2 else text) + "\r\n")
        else:
            out.extend(line)
        line.clear()
        size, cut = 0, False

    while piece := stream.readline(_CHUNK):
        if at_line_start and piece[0] not in " \t":
            finish()
        at_line_start = piece.endswith(("\n", "\r"))
        if size + len(piece) <= keep and not cut:
            line.append(piece)
            size += len(piece)
        elif not cut:
            line.append(piece[: keep - size])
            size, cut = keep, True
    finish()
    return "".join(out)
