"""Reading a program file's bytes, and its text in whatever encoding it was saved in.

UTF-8 is tried first. A byte order mark says UTF-16 or UTF-32 (Excel's "Unicode text" and some
calendar exports); UTF-16 without one shows in the zero bytes of plain letters. Files saved on
Windows are often in the system code page instead, so Windows-1252 and then Latin-1 follow, with a
warning. Text is read as a stream, so no reader has to hold a whole large file at once.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from conference_app.core.errors import InputFileError

# Where a text file of any size shows it is binary: a NUL byte near the start.
_BINARY_PROBE = 8192
_CHUNK = 1 << 20
T = TypeVar("T")
_FALLBACK_ENCODINGS = (("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def open_binary(path: Path) -> io.BufferedReader:
    try:
        return path.open("rb")
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror or error})") from error


def unicode_encoding(head: bytes) -> str | None:
    """The encoding a byte order mark names, or UTF-16 told from the zero bytes of mostly-ASCII text
    without one; None for anything else (UTF-8, a code page, binary data)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    pairs = head[: len(head) // 2 * 2]
    if len(pairs) < 4:
        return None
    even_zeros, odd_zeros = pairs[0::2].count(0), pairs[1::2].count(0)
    half = len(pairs) // 2
    # Letters, digits and punctuation have one zero byte in each pair; binary data has zeros anywhere.
    if odd_zeros >= half * 0.7 and even_zeros == 0:
        return "utf-16-le"
    if even_zeros >= half * 0.7 and odd_zeros == 0:
        return "utf-16-be"
    return None


def open_text(path: Path, what: str, warnings: list[str]) -> tuple[TextIO, str]:
    """The file as a text stream (newlines untranslated) and the encoding it is read with.

    A file with NUL bytes that is not UTF-16 or UTF-32 is refused as "a binary file, not <what>"
    (what: "a CSV text file"). The caller closes the stream.
    """
    with open_binary(path) as probe:
        head = probe.read(_BINARY_PROBE)
    encoding = unicode_encoding(head)
    if encoding is None:
        if b"\x00" in head:
            raise InputFileError(path, f"is a binary file, not {what}")
        encoding = _utf8_or_code_page(path, warnings)
    stream = io.TextIOWrapper(open_binary(path), encoding=encoding, newline="", errors="strict")
    return stream, encoding


def read_all(path: Path, stream: TextIO, reader: Callable[[TextIO], T]) -> T:
    """What `reader` makes of the rest of a stream from open_text, or an InputFileError where the text
    breaks its encoding."""
    try:
        return reader(stream)
    except UnicodeDecodeError as error:
        raise InputFileError(path, f"is not readable text ({error.reason} in {error.encoding})") from error


def _utf8_or_code_page(path: Path, warnings: list[str]) -> str:
    """ "utf-8-sig" when the whole file decodes as UTF-8 (checked a chunk at a time), else the first
    code page that decodes it, with a warning."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open_binary(path) as stream:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    for encoding, label in _FALLBACK_ENCODINGS:
        try:
            with open_binary(path) as stream:
                code_page = codecs.getincrementaldecoder(encoding)()
                while chunk := stream.read(_CHUNK):
                    code_page.decode(chunk)
        except UnicodeDecodeError:
            continue
        warnings.append(f"the file is not UTF-8; it was read as {label}, so check accented letters")
        return encoding
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover
