"""Which parser reads a frab file: libxml2 for a well-formed one, streamed and freed as it is read;
the standard library's for what libxml2 refuses (a malformed file, to word the problem; a run of text
over 10 MB, cut as it is read), walked from its whole tree, as is a file whose days come before their
conference."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.importers import frab_xml
from conference_app.core.importers.program import ReadOptions
from conference_app.core.importers.text_limits import LONG_TEXT, READER_KEEPS
from conference_app.core.importers.xml_loading import NeedsWholeTree, Step, read_schedule
from tests.core.test_program_input_limits import frab, long_text


def _parsers(path: Path) -> set[str]:
    """The modules of the elements a walk of the file hands over."""
    return read_schedule(path, lambda steps: {type(element).__module__ for _kind, element in steps})


def test_a_well_formed_file_is_streamed_by_libxml2_without_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "small.xml"
    path.write_text("<schedule><!-- made by hand --><?tool x?><day index='1' date='2026-06-11'/></schedule>")

    steps = read_schedule(path, lambda steps: [(kind, type(e).__module__, e.tag, len(e)) for kind, e in steps])

    assert steps == [("start", "lxml.etree", "day", 0), ("end", "lxml.etree", "day", 0)]


def test_each_event_is_freed_once_read_so_a_program_is_never_held_whole(tmp_path: Path) -> None:
    events = "".join(f"<event id='{n}'><title>Session {n}</title><start>09:00</start></event>" for n in range(50))
    path = tmp_path / "rooms.xml"
    path.write_text(f"<schedule><conference><title>T</title></conference><day index='1' date='2026-06-11'>"
                    f"<room name='A'>{events}</room><room name='B'>{events}</room></day></schedule>")

    def before(steps: Iterator[Step]) -> list[tuple[int, str]]:
        """How many elements precede each event handed over, in its room, and the text they hold."""
        held = []
        for _kind, element in steps:
            if element.tag == "event":
                preceding = list(element.itersiblings(preceding=True))  # type: ignore[attr-defined]
                held.append((len(preceding), "".join(text for e in preceding for text in e.itertext())))
        return held

    # Those read before it are gone but for the last one's empty shell (libxml2 may have parsed a few
    # after it already: it reads in blocks).
    assert read_schedule(path, before) == [(0, "")] + [(1, "")] * 49 + [(0, "")] + [(1, "")] * 49


def test_days_before_their_conference_are_read_from_the_whole_tree_in_its_zone(tmp_path: Path) -> None:
    path = tmp_path / "late.xml"
    path.write_text("<schedule><day index='1' date='2026-10-25'><room name='A'><event id='1'><title>Late</title>"
                    "<start>09:00</start><duration>01:00</duration></event></room></day>"
                    "<conference><title>Late Conference</title><time_zone_name>Europe/Berlin</time_zone_name>"
                    "</conference></schedule>")
    handed: list[str] = []

    def read(steps: Iterator[Step]) -> list[str]:
        for kind, element in steps:
            handed.append(f"{kind} {element.tag}")
            if element.tag == "day" and "end conference" not in handed:
                raise NeedsWholeTree
        return handed

    assert read_schedule(path, read) == [
        "start day",  # streamed, then refused by the reader: walked again from the whole tree, conference first
        "end conference", "start day", "start room", "end event", "end room", "end day",
    ]
    program = frab_xml.read(path, ReadOptions())
    assert (program.title, program.time_zone, program.events[0].start.isoformat()) == (
        "Late Conference", "Europe/Berlin", "2026-10-25T09:00:00+01:00"
    )


def test_a_run_of_text_over_ten_megabytes_is_read_by_the_capped_builder(tmp_path: Path) -> None:
    abstract = long_text(12_000_000)  # over libxml2's own limit for one text
    path = frab(tmp_path, "Long abstract", abstract)

    (event,) = frab_xml.read(path, ReadOptions(time_zone="Europe/Berlin")).events

    assert _parsers(path) == {Element.__module__}
    assert LONG_TEXT < len(event.abstract) <= READER_KEEPS
    assert abstract.startswith(event.abstract)


def test_a_text_under_libxml2s_limit_is_still_kept_to_what_a_field_keeps(tmp_path: Path) -> None:
    abstract = long_text(3_000_000)
    path = frab(tmp_path, "Long abstract", abstract)

    (event,) = frab_xml.read(path, ReadOptions(time_zone="Europe/Berlin")).events

    assert _parsers(path) == {"lxml.etree"}
    assert len(event.abstract) == READER_KEEPS


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<schedule><day></schedule>", "malformed XML at line 1, column 18 (mismatched tag)"),
        (b"<schedule><day>", "the XML ends too early at line 1 (is the file truncated?)"),
        (b"<?xml version='1.0' encoding='latin-1'?><schedule>\xe9</day></schedule>", "malformed XML at line 1"),
        # A second root element after </schedule>, met once the schedule has been streamed.
        (b"<schedule><conference/><day/></schedule><room name='A'><event/></room>",
         "malformed XML at line 1, column 41 (junk after document element)"),
    ],
)
def test_what_libxml2_refuses_is_worded_by_the_standard_librarys_parser(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)

    with pytest.raises(InputFileError) as refused:
        _parsers(path)

    assert problem in str(refused.value)
