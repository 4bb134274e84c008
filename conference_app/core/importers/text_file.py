"""Reading a program file's bytes, and decoding the text formats that old exporters wrote in a code page."""

from __future__ import annotations

from pathlib import Path

from conference_app.core.errors import InputFileError

# Where a text file of any size shows it is binary: a NUL byte near the start.
_BINARY_PROBE = 8192
_FALLBACK_ENCODINGS = (("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputFileError saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror or error})") from error


def read_text(path: Path, what: str, warnings: list[str]) -> tuple[str, str]:
    """The file's text and the encoding it was read with ("utf-8", "cp1252" or "latin-1").

    UTF-8 (with or without a byte order mark) is tried first. Files saved on Windows are often
    in the system code page instead, so Windows-1252 and then Latin-1 follow, with a warning.
    A file with NUL bytes is refused as "a binary file, not <what>" (what: "a CSV text file").
    """
    raw = read_bytes(path)
    if b"\x00" in raw[:_BINARY_PROBE]:
        raise InputFileError(path, f"is a binary file, not {what}")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding, label in _FALLBACK_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.append(f"the file is not UTF-8; it was read as {label}, so check accented letters")
        return text, encoding
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover
