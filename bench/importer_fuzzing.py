"""Mutating real program and contact files, and importing them: nothing but a one-line refusal may come out.

Shared by the short hypothesis run in the test suite (tests/test_importer_fuzz.py) and the long run here (bench/fuzz_importers.py).
The seeds are the files in ../shared/data; the mutations are the ones that break real files: bytes
flipped, dropped, repeated or inserted, the file cut short, two files spliced together, a line
duplicated, and a few hostile values (a NUL, an overlong line, a lone surrogate's bytes, a BOM).
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FORMATS = {  # format name -> (folder, file suffix)
    "frab": ("frab", ".xml"),
    "json": ("pretalx-json", ".json"),
    "ical": ("ics", ".ics"),
    "csv": ("csv", ".csv"),
    "vcard": ("vcard", ".vcf"),
}
HOSTILE = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"A" * 70_000, b"\r", b"\n\n", b"<", b"&#0;",
           b'"', b",", b"BEGIN:VEVENT\r\n", b"]]>", b"{", b"9999-99-99T99:99:99", b"-0001-01-01", b"\\"]  # fmt: skip


def seeds(fmt: str, limit_bytes: int = 400_000) -> list[Path]:
    """The real files of a format, smallest first, up to a size that keeps one import quick."""
    folder, suffix = FORMATS[fmt]
    files = sorted((SHARED_DATA / folder).glob(f"*{suffix}"), key=lambda p: p.stat().st_size)
    return [f for f in files if f.stat().st_size <= limit_bytes]


def mutate(data: bytes, other: bytes, rng: random.Random, steps: int = 3) -> bytes:
    """`data` with a few random damages; `other` is another seed to splice in."""
    out = bytearray(data)
    for _step in range(steps):
        where = rng.randrange(len(out) + 1)
        choice = rng.randrange(9)
        if choice == 0 and out:  # flip a byte
            out[min(where, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:  # drop a run
            del out[where : where + rng.randrange(1, 64)]
        elif choice == 2:  # repeat a run
            out[where:where] = out[where : where + rng.randrange(1, 256)]
        elif choice == 3:  # random bytes
            out[where:where] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif choice == 4:  # cut short
            del out[where:]
        elif choice == 5 and other:  # splice another file in
            start = rng.randrange(len(other))
            out[where:where] = other[start : start + rng.randrange(1, 4096)]
        elif choice == 6:  # a hostile value
            out[where:where] = rng.choice(HOSTILE)
        elif choice == 7:  # duplicate a line
            lines = bytes(out).split(b"\n")
            if lines:
                line = rng.randrange(len(lines))
                lines.insert(line, lines[line])
                out = bytearray(b"\n".join(lines))
        else:  # replace a digit (dates, times, durations)
            digits = [i for i in range(max(0, where - 200), min(len(out), where + 200)) if 48 <= out[i] <= 57]
            if digits:
                out[rng.choice(digits)] = rng.randrange(48, 58)
    return bytes(out)


def database_fingerprint(path: Path) -> str:
    """A digest of every row in the database file: equal before and after means nothing changed."""
    connection = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for line in connection.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    finally:
        connection.close()


def importer(fmt: str, workspace: object) -> Callable[[Path], object]:
    """The user action that takes a file of this format."""
    if fmt == "vcard":
        from conference_app.core.services.people_exchange import import_contact_files

        return lambda path: import_contact_files(workspace.people, [path])  # type: ignore[attr-defined]
    return lambda path: workspace.program.import_program(path)  # type: ignore[attr-defined]
