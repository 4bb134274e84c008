"""Recognising program formats from file content."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.importers import frab_xml
from conference_app.core.importers.detect import FORMATS, detect_format, reader_for
from conference_app.core.importers.program import ParsedProgram, ReadOptions
from tests.conftest import SHARED_DATA, shared_file

SHARED_PROGRAMS = [
    ("frab/aksw-lswt2019-schedule.xml", "frab"),
    ("frab/eventfahrplan-schedule-38c3-20251206.xml", "frab"),
    ("frab/giggity-debconf23.xml", "frab"),
    ("frab/mttcrsp-fosdem-2007-schedule.xml", "frab"),
    ("frab/mttcrsp-fosdem-2026-schedule.xml", "frab"),
    ("frab/voctoweb-froscon2013-schedule.xml", "frab"),
    ("pretalx-json/voc-schedule-frab-camp2019.json", "json"),
    ("pretalx-json/voc-schedule-hub-schedule2.json", "json"),
    ("pretalx-json/voc-schedule-invalid-example.json", "json"),
    ("pretalx-json/voc-schedule-pretalx-democon.json", "json"),
    ("pretalx-json/voc-schedule-pretalx-rc3.json", "json"),
    ("ics/giggity-kielux_2020.ics", "ical"),
    ("ics/giggity-linux_conf_au_2020.ics", "ical"),
    ("ics/pyconuk-2015-schedule.ics", "ical"),
    ("csv/voc-schedule-camp99.csv", "csv"),
    ("csv/voc-schedule-sendezentrum_31C3.csv", "csv"),
    ("csv/voctosched-gpn11.csv", "csv"),
]


@pytest.mark.shared_data
@pytest.mark.parametrize(("relative", "expected"), SHARED_PROGRAMS, ids=[r for r, _ in SHARED_PROGRAMS])
def test_shared_programs_are_recognised(relative: str, expected: str) -> None:
    assert detect_format(shared_file(relative)) == expected


@pytest.mark.shared_data
def test_every_shared_program_file_is_covered() -> None:
    shared_file("frab/giggity-debconf23.xml")  # skips when the shared data is absent
    on_disk = {
        f"{path.parent.name}/{path.name}"
        for folder in ("frab", "pretalx-json", "ics", "csv")
        for path in (SHARED_DATA / folder).iterdir()
    }
    assert on_disk == {relative for relative, _ in SHARED_PROGRAMS}


@pytest.mark.shared_data
def test_shared_vcard_is_refused_as_a_program() -> None:
    with pytest.raises(InputFileError) as caught:
        detect_format(shared_file("vcard/khard-korean-c.vcf"))
    assert str(caught.value) == "khard-korean-c.vcf: not a conference program: this is a contact card (vCard) file"


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bom.xml", codecs.BOM_UTF8 + b"\n\n  <?xml version='1.0'?><schedule/>", "frab"),
        ("utf16.xml", codecs.BOM_UTF16_LE + "<schedule/>".encode("utf-16-le"), "frab"),
        ("program.csv", b'  {"schedule": {}}', "json"),  # content beats the extension
        ("events.xml", b"[\n {\"title\": \"x\"}\n]", "json"),
        ("calendar.txt", b"\r\nbegin:vcalendar\r\nVERSION:2.0\r\n", "ical"),
        ("agenda.dat", b"Title;Start;Room\nKeynote;09:00;Hall A\n", "csv"),
        ("agenda.dat", b"Title\tStart\nKeynote\t09:00\n", "csv"),
        ("latin1.dat", "Raum,Titel\nGroßer Saal,Begrüßung\n".encode("cp1252"), "csv"),
        # A single-column file says nothing by itself; the extension decides.
        ("titles.csv", b"Title\nKeynote\n", "csv"),
        ("titles.ics", b"Title\nKeynote\n", "ical"),
        ("titles.json", b"Title\nKeynote\n", "json"),
        ("titles.XML", b"Title\nKeynote\n", "frab"),
    ],
)
def test_content_decides_and_extension_breaks_ties(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    assert detect_format(write(tmp_path, name, content)) == expected


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b" \r\n\t\n", "empty file"),
        (codecs.BOM_UTF8 + b"\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not a conference program: binary data"),
        (bytes(range(1, 9)) * 40, "not a conference program: binary data"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\n",
         "not a conference program: this is a contact card (vCard) file"),
        (b"Title\nKeynote\n", "not a conference program: expected frab XML, schedule JSON, iCalendar or a CSV agenda"),
    ],
    ids=["empty", "blank", "bom-only", "png", "control-bytes", "vcard", "unrecognised"],
)
def test_unusable_files_are_refused_with_the_file_named(tmp_path: Path, content: bytes, problem: str) -> None:
    path = write(tmp_path, "upload.bin", content)
    with pytest.raises(InputFileError) as caught:
        detect_format(path)
    assert str(caught.value) == f"upload.bin: {problem}"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"^nowhere\.xml: cannot be read \(No such file or directory\)$"):
        detect_format(tmp_path / "nowhere.xml")


def test_only_the_head_is_read(tmp_path: Path) -> None:
    # Binary data after the first few KB does not matter for detection.
    path = write(tmp_path, "big.csv", b"a,b,c\n" + b"1,2,3\n" * 2000 + b"\x00" * 100)
    assert detect_format(path) == "csv"


def test_formats_and_reader_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    assert FORMATS == ("frab", "json", "ical", "csv")
    assert reader_for("frab") is frab_xml.read

    # The other readers are looked up by module name, imported only when asked for.
    for format_name, module_name in [
        ("json", "conference_app.core.importers.schedule_json"),
        ("ical", "conference_app.core.importers.ical"),
        ("csv", "conference_app.core.importers.csv_agenda"),
    ]:
        stand_in = ModuleType(module_name)

        def read(path: Path, options: ReadOptions, _name: str = format_name) -> ParsedProgram:
            return ParsedProgram(title=_name, time_zone="UTC", source_format=_name)

        stand_in.read = read  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module_name, stand_in)
        assert reader_for(format_name) is read

    with pytest.raises(ValueError, match="unknown program format 'xlsx'; expected one of frab, json, ical, csv"):
        reader_for("xlsx")

