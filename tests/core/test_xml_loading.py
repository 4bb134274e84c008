"""Which parser reads a frab file: libxml2 for a well-formed one, the standard library's for what
libxml2 refuses (a malformed file, to word the problem; a run of text over 10 MB, cut as it is read)."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.importers import frab_xml
from conference_app.core.importers.program import ReadOptions
from conference_app.core.importers.text_limits import LONG_TEXT, READER_KEEPS
from conference_app.core.importers.xml_loading import load_schedule_root
from tests.core.test_program_input_limits import frab, long_text


def test_a_well_formed_file_is_parsed_by_libxml2_without_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "small.xml"
    path.write_text("<schedule><!-- made by hand --><?tool x?><day index='1' date='2026-06-11'/></schedule>")

    root = load_schedule_root(path)

    assert type(root).__module__ == "lxml.etree"
    assert [child.tag for child in root] == ["day"]


def test_a_run_of_text_over_ten_megabytes_is_read_by_the_capped_builder(tmp_path: Path) -> None:
    abstract = long_text(12_000_000)  # over libxml2's own limit for one text
    path = frab(tmp_path, "Long abstract", abstract)

    root = load_schedule_root(path)
    (event,) = frab_xml.read(path, ReadOptions(time_zone="Europe/Berlin")).events

    assert type(root) is Element
    assert LONG_TEXT < len(event.abstract) <= READER_KEEPS
    assert abstract.startswith(event.abstract)


def test_a_text_under_libxml2s_limit_is_still_kept_to_what_a_field_keeps(tmp_path: Path) -> None:
    abstract = long_text(3_000_000)
    path = frab(tmp_path, "Long abstract", abstract)

    (event,) = frab_xml.read(path, ReadOptions(time_zone="Europe/Berlin")).events

    assert type(load_schedule_root(path)).__module__ == "lxml.etree"
    assert len(event.abstract) == READER_KEEPS


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<schedule><day></schedule>", "malformed XML at line 1, column 18 (mismatched tag)"),
        (b"<schedule><day>", "the XML ends too early at line 1 (is the file truncated?)"),
        (b"<?xml version='1.0' encoding='latin-1'?><schedule>\xe9</day></schedule>", "malformed XML at line 1"),
    ],
)
def test_what_libxml2_refuses_is_worded_by_the_standard_librarys_parser(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)

    with pytest.raises(InputFileError) as refused:
        load_schedule_root(path)

    assert problem in str(refused.value)
