"""Measure the peak memory of importing a program whose one session has a huge abstract.

Writes a small program in the chosen format with an abstract of the given size, imports it with
`conference-app import` in a child process, and prints as JSON the child's peak resident memory and
the length of the abstract as stored (cut to 100,000 characters). Run by hand for the large case:

    .venv/bin/python scripts/measure_import_memory.py --megabytes 200 [--format frab|json|ical|csv]

Linux only (the peak comes from getrusage of the finished child).
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _abstract_pieces(megabytes: int) -> tuple[str, int]:
    """A piece of text with one-, two- and three-byte UTF-8 letters, and how often to repeat it."""
    piece = ("A long abstract, with accents (é) and signs (✂). " * 30)[:1000]
    return piece, megabytes * 1_000_000 // len(piece.encode())


def _write(path: Path, head: str, tail: str, megabytes: int, escape: bool = False) -> None:
    piece, count = _abstract_pieces(megabytes)
    if escape:
        piece = json.dumps(piece)[1:-1]
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(head)
        for _ in range(count):
            stream.write(piece)
        stream.write(tail)


def write_program(folder: Path, format_name: str, megabytes: int) -> Path:
    path = folder / f"large.{ {'frab': 'xml', 'json': 'json', 'ical': 'ics', 'csv': 'csv'}[format_name] }"
    if format_name == "frab":
        _write(
            path,
            "<schedule><conference><acronym>large</acronym><title>Large Congress</title>"
            "<time_zone_name>Europe/Berlin</time_zone_name></conference>"
            '<day index="1" date="2026-06-11"><room name="Hall A"><event guid="e1">'
            "<date>2026-06-11T09:00:00+02:00</date><start>09:00</start><duration>00:30</duration>"
            "<title>Huge abstract</title><abstract>",
            "</abstract></event></room></day></schedule>",
            megabytes,
        )
    elif format_name == "json":
        _write(
            path,
            '{"schedule": {"conference": {"acronym": "large", "title": "Large Congress", '
            '"time_zone_name": "Europe/Berlin", "days": [{"index": 1, "date": "2026-06-11", "rooms": '
            '{"Hall A": [{"guid": "e1", "title": "Huge abstract", "date": "2026-06-11T09:00:00+02:00", '
            '"duration": "00:30", "abstract": "',
            '"}]}}]}}}',
            megabytes,
            escape=True,
        )
    elif format_name == "ical":
        _write(
            path,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//measure//EN\r\nX-WR-CALNAME:Large Congress\r\n"
            "BEGIN:VEVENT\r\nUID:e1@large\r\nSUMMARY:Huge abstract\r\nDTSTART:20260611T070000Z\r\n"
            "DURATION:PT30M\r\nDESCRIPTION:",
            "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            megabytes,
        )
    else:
        _write(path, 'Title,Start,Duration,Abstract\r\nHuge abstract,2026-06-11 09:00,30,"', '"\r\n', megabytes)
    return path


def measure(folder: Path, format_name: str, megabytes: int) -> dict[str, object]:
    program = write_program(folder, format_name, megabytes)
    database = folder / "measure.sqlite"
    command = [
        sys.executable,
        "-m",
        "conference_app",
        "--db",
        str(database),
        "import",
        str(program),
        "--time-zone",
        "Europe/Berlin",
        "--json",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"the import failed: {result.stderr.strip()}")
    peak_kilobytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    connection = sqlite3.connect(database)
    try:
        (stored,) = connection.execute("SELECT length(abstract) FROM event").fetchone()
    finally:
        connection.close()
    return {
        "format": format_name,
        "abstract_megabytes": megabytes,
        "file_bytes": program.stat().st_size,
        "peak_rss_megabytes": round(peak_kilobytes / 1024, 1),
        "stored_abstract_characters": stored,
        "warnings": json.loads(result.stdout)["warnings"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--format", choices=("frab", "json", "ical", "csv"), default="frab")
    parser.add_argument(
        "--folder", type=Path, help="where to write the program and database (default: a temporary one)"
    )
    args = parser.parse_args()
    if args.folder:
        report = measure(args.folder, args.format, args.megabytes)
    else:
        with tempfile.TemporaryDirectory() as folder:
            report = measure(Path(folder), args.format, args.megabytes)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
