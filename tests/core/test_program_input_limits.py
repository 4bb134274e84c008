"""Overlong fields: cut with a warning naming the session in every format, and never held whole in memory."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from conference_app.core.importers import csv_agenda, frab_xml, ical, schedule_json
from conference_app.core.importers.bounded_reading import (
    ICAL_LINE_CHARACTERS,
    JSON_STRING_BYTES,
    shorten_csv_fields,
    shorten_ical_lines,
    shorten_json_strings,
)
from conference_app.core.importers.program import ReadOptions
from conference_app.core.importers.text_limits import LONG_TEXT, READER_KEEPS, SHORT_TEXT
from conference_app.core.storage.models import Event
from conference_app.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
# Letters of one, two and three UTF-8 bytes, so cuts fall inside characters too.
PIECE = "Résumé ✂ data; "


def long_text(characters: int) -> str:
    return (PIECE * (characters // len(PIECE) + 1))[:characters]


def frab(folder: Path, title: str, abstract: str) -> Path:
    path = folder / "long.xml"
    path.write_text(
        "<schedule><conference><acronym>long</acronym><title>Long Congress</title>"
        "<time_zone_name>Europe/Berlin</time_zone_name></conference>"
        '<day index="1" date="2026-06-11"><room name="Hall A"><event guid="e1">'
        f"<date>2026-06-11T09:00:00+02:00</date><start>09:00</start><duration>00:30</duration>"
        f"<title>{title}</title><abstract>{abstract}</abstract></event></room></day></schedule>",
        encoding="utf-8",
    )
    return path


def schedule(folder: Path, title: str, abstract: str) -> Path:
    session = {
        "guid": "e1",
        "title": title,
        "date": "2026-06-11T09:00:00+02:00",
        "duration": "00:30",
        "abstract": abstract,
        "persons": [],
    }
    conference = {
        "acronym": "long",
        "title": "Long Congress",
        "time_zone_name": "Europe/Berlin",
        "days": [{"index": 1, "date": "2026-06-11", "rooms": {"Hall A": [session]}}],
    }
    path = folder / "long.json"
    # ensure_ascii: every non-ASCII letter is a "\u" escape, so cuts fall inside escapes too.
    path.write_text(json.dumps({"schedule": {"conference": conference}}), encoding="utf-8")
    return path


def calendar(folder: Path, title: str, abstract: str) -> Path:
    feed = icalendar.Calendar()
    feed.add("prodid", "-//test//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", "Long Congress")
    event = icalendar.Event()
    event.add("uid", "e1@long")
    event.add("summary", title)
    event.add("description", abstract)
    event.add("dtstart", icalendar.vDatetime.from_ical("20260611T070000Z"))
    event.add("duration", icalendar.vDuration.from_ical("PT30M"))
    feed.add_component(event)
    path = folder / "long.ics"
    path.write_bytes(feed.to_ical())
    return path


def agenda_csv(folder: Path, title: str, abstract: str) -> Path:
    path = folder / "long.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Title", "Start", "Duration", "Abstract"])
        writer.writerow([title, "2026-06-11 09:00", "30", abstract])
    return path


WRITERS = {"frab": frab, "json": schedule, "ical": calendar, "csv": agenda_csv}


@pytest.mark.parametrize("format_name", list(WRITERS))
def test_overlong_abstract_and_title_are_cut_with_a_warning(
    workspace: Workspace, tmp_path: Path, format_name: str
) -> None:
    # Longer than the csv module's own field limit (131,072), which refused such a file before.
    title, abstract = "Long " + long_text(5_000), long_text(300_000)
    path = WRITERS[format_name](tmp_path, title, abstract)

    report = workspace.program.import_program(path, ReadOptions(time_zone="Europe/Berlin")).value

    with workspace.database.sessions() as session:
        stored_title, stored_abstract = session.execute(select(Event.title, Event.abstract)).one()
    assert stored_title == title[:SHORT_TEXT].rstrip()
    assert stored_abstract == abstract[:LONG_TEXT].rstrip()
    named = f"'{title[:59]}…'"
    assert f"the abstract of {named} was cut to its first 100,000 characters" in report.warnings
    assert f"the title of {named} was cut to its first 1,000 characters" in report.warnings


@pytest.mark.parametrize(
    ("format_name", "bound"),
    [
        ("frab", READER_KEEPS),
        ("json", JSON_STRING_BYTES),
        ("ical", ICAL_LINE_CHARACTERS),
        ("csv", READER_KEEPS),
    ],
)
def test_readers_keep_only_a_little_more_than_the_limit(tmp_path: Path, format_name: str, bound: int) -> None:
    readers = {"frab": frab_xml.read, "json": schedule_json.read, "ical": ical.read, "csv": csv_agenda.read}
    abstract = long_text(3_000_000)
    path = WRITERS[format_name](tmp_path, "Long abstract", abstract)

    (event,) = readers[format_name](path, ReadOptions(time_zone="Europe/Berlin")).events

    assert LONG_TEXT < len(event.abstract) <= bound
    assert abstract.startswith(event.abstract)


def test_a_long_abstract_of_child_elements_is_still_cut_when_stored(workspace: Workspace, tmp_path: Path) -> None:
    abstract = "".join(f"<p>{long_text(1_000)}</p>" for _ in range(150))
    path = frab(tmp_path, "Many paragraphs", abstract)

    workspace.program.import_program(path)

    with workspace.database.sessions() as session:
        assert len(session.scalar(select(Event.abstract)) or "") == LONG_TEXT


# --- the filters keep documents well formed wherever they cut ----------------------------------


def test_json_strings_are_cut_between_escapes_and_characters() -> None:
    value = "a/b\\c\u00e9\U0001f600d\n\t" * 4
    for ensure_ascii in (True, False):
        document = json.dumps({"text": value, "after": [1, "two"]}, ensure_ascii=ensure_ascii)
        for keep in range(5, 80):  # every key and short value fits; only "text" is cut
            shortened = shorten_json_strings(io.BytesIO(document.encode()), keep)
            parsed = json.loads(shortened.decode("utf-8"))  # still JSON, still UTF-8
            assert parsed["after"] == [1, "two"]
            text = parsed["text"].encode("utf-16", "surrogatepass").decode("utf-16", "ignore")
            assert value.startswith(text)
            assert len(parsed["text"].encode("utf-8", "surrogatepass")) <= keep


def test_json_documents_whose_quotes_are_all_close_together_pass_unchanged() -> None:
    # A string is only cut where a stretch between two quotes is long; escaped quotes end stretches too,
    # so such a string reaches the parser whole and is cut after (see text_limits).
    document = json.dumps({"text": 'say "hi" ' * 20}).encode()

    assert shorten_json_strings(io.BytesIO(document), 12) == document


def test_json_filter_holds_across_chunk_boundaries() -> None:
    value = "\\u00e9" * 400_000  # 2.4 MB of escapes: several chunks, escapes cut by chunk ends
    data = ('{"a": "' + value + '", "b": "end"}').encode()

    parsed = json.loads(shorten_json_strings(io.BytesIO(data), 1_000_003))

    assert parsed["b"] == "end"
    assert parsed["a"] == "é" * (1_000_003 // 6)


def test_csv_fields_are_cut_without_breaking_quotes() -> None:
    rows = [
        ["Title", "Abstract", "Speakers"],
        ['A "quoted" talk', 'He said ""hi""\nthen, left' * 3, "Ann, Bo"],
        ["Plain", "x" * 40, "Cy"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    for keep in range(1, 60):
        shortened = list(csv.reader(io.StringIO(shorten_csv_fields(io.StringIO(buffer.getvalue()), ",", keep))))
        assert len(shortened) == len(rows)
        for got, original in zip(shortened, rows):
            assert len(got) == len(original)
            assert all(whole.startswith(part) and len(part) <= keep for part, whole in zip(got, original))


def test_ical_lines_are_cut_without_leaving_half_an_escape() -> None:
    description = "Line one, with commas; and\\backslashes\nand lines " * 40
    event = icalendar.Event()
    event.add("uid", "x")
    event.add("summary", "Short")
    event.add("description", description)
    text = "BEGIN:VCALENDAR\r\n" + event.to_ical().decode() + "END:VCALENDAR\r\n"
    for keep in range(20, 400, 7):
        parsed = icalendar.Calendar.from_ical(shorten_ical_lines(io.StringIO(text), keep))
        (found,) = parsed.walk("VEVENT")
        assert str(found["SUMMARY"]) == "Short"
        assert description.startswith(str(found["DESCRIPTION"]))


# --- memory, measured in another process -------------------------------------------------------


@pytest.mark.parametrize("format_name", ["frab", "json", "ical", "csv"])
def test_a_40_mb_abstract_is_imported_without_holding_it_in_memory(tmp_path: Path, format_name: str) -> None:
    """The same script that measures the 200 MB case by hand. Importing an empty program takes about
    80 MB; holding a 40 MB text once, as two-byte characters, would add 80 MB more."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "measure_import_memory.py"),
            "--megabytes",
            "40",
            "--format",
            format_name,
            "--folder",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["file_bytes"] > 39_000_000
    assert report["stored_abstract_characters"] == LONG_TEXT
    assert report["peak_rss_megabytes"] < 140
