"""What a program's text may be: UTF-16 files, control characters, and sessions that lack a title."""

from __future__ import annotations

import codecs
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from conference_app.core.errors import InputFileError
from conference_app.core.importers.detect import detect_format
from conference_app.core.importers.program import ReadOptions
from conference_app.core.services.program import SessionFilter
from conference_app.core.services.program_import import read_program
from conference_app.core.storage.models import Event
from conference_app.core.workspace import Workspace
from tests.conftest import shared_file

CSV_TEXT = "Titel,Beginn,Dauer,Referent\r\nÜberblick: Chirurgie in Köln,2026-06-11 09:00,45,Zoë Müller\r\n"
ICS_TEXT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Kölner Chirurgentage\r\n"
    "BEGIN:VEVENT\r\nUID:k1@koeln\r\nSUMMARY:Überblick: Chirurgie in Köln\r\nDTSTART:20260611T070000Z\r\n"
    "DURATION:PT45M\r\nLOCATION:Saal Ä\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
ENCODINGS = {
    "utf-16 with a byte order mark": lambda text: text.encode("utf-16"),
    "utf-16-be with a byte order mark": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le without one": lambda text: text.encode("utf-16-le"),
    "utf-32 with a byte order mark": lambda text: text.encode("utf-32"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize(
    ("name", "text", "format_name"),
    [("agenda.csv", CSV_TEXT, "csv"), ("feed.ics", ICS_TEXT, "ical")],
    ids=["csv", "ical"],
)
def test_utf16_and_utf32_files_import(tmp_path: Path, encoding: str, name: str, text: str, format_name: str) -> None:
    path = tmp_path / name
    path.write_bytes(ENCODINGS[encoding](text))

    assert detect_format(path) == format_name
    program = read_program(path, ReadOptions(time_zone="Europe/Berlin"))

    (event,) = program.events
    assert event.title == "Überblick: Chirurgie in Köln"
    assert event.end - event.start == timedelta(minutes=45)
    assert not any("not UTF-8" in warning for warning in program.warnings)


def test_a_binary_file_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.csv"
    path.write_bytes(bytes(range(256)) * 40)

    with pytest.raises(InputFileError, match="binary"):
        read_program(path, ReadOptions())


# --- control characters -------------------------------------------------------------------------


def _ics_with_controls(folder: Path) -> Path:
    # The NUL comes after the first 8 KB, where a text file is not taken for binary data.
    filler = "".join(
        f"BEGIN:VEVENT\r\nUID:f{n}@x\r\nSUMMARY:Filler {n}\r\nDTSTART:20260611T{8 + n // 6:02d}{n % 6 * 10:02d}00Z\r\n"
        f"DURATION:PT10M\r\nDESCRIPTION:{'Plain words. ' * 20}\r\nEND:VEVENT\r\n"
        for n in range(40)
    )
    path = folder / "controls.ics"
    path.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Control Congress\r\n"
            f"X-WR-TIMEZONE:Europe/Berlin\r\n{filler}"
            "BEGIN:VEVENT\r\nUID:c1@x\r\nSUMMARY:Bell\x07 and escape\x1b talk\r\nDTSTART:20260612T070000Z\r\n"
            "DURATION:PT30M\r\nDESCRIPTION:Line one\x00 NUL\\nline two\x0b\r\nLOCATION:Room\x01 1\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode("utf-8")
    )
    assert b"\x00" not in path.read_bytes()[:8192]
    return path


def _controls_in(data: bytes) -> set[int]:
    return {byte for byte in data if byte < 32 and byte not in (9, 10, 13)} | ({127} if b"\x7f" in data else set())


def test_control_characters_are_stripped_on_import_and_export(workspace: Workspace, tmp_path: Path) -> None:
    report = workspace.program.import_program(_ics_with_controls(tmp_path)).value

    rows = {row.title: row for row in workspace.program.sessions(SessionFilter(report.conference_id))}
    talk = rows["Bell and escape talk"]
    assert talk.room == "Room 1"
    with workspace.database.sessions() as session:
        assert session.scalar(select(Event.abstract).where(Event.id == talk.id)) == "Line one NUL\nline two"
    assert any("control characters" in warning for warning in report.warnings)

    workspace.program.pick(talk.id)
    workspace.agenda.add_personal_item(
        report.conference_id, "Coffee\x07", _at("12:00"), _at("12:30"), location="Lobby\x00", notes="Bring\x1b CV\x00"
    )
    out = tmp_path / "agenda.ics"
    workspace.agenda.export_ics(report.conference_id, out)

    exported = out.read_bytes()
    assert _controls_in(exported) == set()
    assert b"Bell and escape talk" in exported and b"Bring CV" in exported


def _at(clock: str) -> datetime:
    return datetime.fromisoformat(f"2026-06-12T{clock}").replace(tzinfo=ZoneInfo("Europe/Berlin"))


def test_json_and_csv_control_characters_are_stripped(tmp_path: Path) -> None:
    session = {
        "guid": "j1",
        "title": "Null\u0000 talk\u001b",
        "date": "2026-06-11T09:00:00+02:00",
        "duration": "00:30",
        "abstract": "Text\u0007 here",
        "persons": [{"id": 1, "public_name": "Ann\u0000 Lee"}],
    }
    document = {
        "schedule": {
            "conference": {
                "title": "C",
                "time_zone_name": "Europe/Berlin",
                "days": [{"index": 1, "date": "2026-06-11", "rooms": {"A": [session]}}],
            }
        }
    }
    json_path = tmp_path / "c.json"
    json_path.write_text(json.dumps(document), encoding="utf-8")
    program = read_program(json_path, ReadOptions())
    (event,) = program.events
    assert (event.title, event.abstract) == ("Null talk", "Text here")
    assert [speaker.name for speaker in program.speakers.values()] == ["Ann Lee"]

    csv_path = tmp_path / "c.csv"
    csv_path.write_text("Title,Start\nBell\x07 talk,2026-06-11 09:00\n", encoding="utf-8")
    assert read_program(csv_path, ReadOptions()).events[0].title == "Bell talk"


# --- sessions without a title -------------------------------------------------------------------


@pytest.mark.shared_data
def test_the_31c3_row_with_speakers_but_no_title_is_imported(workspace: Workspace) -> None:
    path = shared_file("csv/voc-schedule-sendezentrum_31C3.csv")

    report = workspace.program.import_program(path, ReadOptions(time_zone="Europe/Berlin")).value

    rows = workspace.program.sessions(SessionFilter(report.conference_id))
    (untitled,) = [row for row in rows if row.track == "Staatsbürgerkunde"]
    assert untitled.title == "Staatsbürgerkunde"
    assert list(untitled.speaker_names) == ["Martin Fischer", "Martin Haase", "Constanze Kurz"]
    assert "row 9: no title; shown as 'Staatsbürgerkunde'" in report.warnings


def test_csv_rows_without_title_take_track_type_or_untitled_and_time_only_rows_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "Title,Start,Track,Type,Speakers\n"
        ",2026-06-11 09:00,Trauma,,\n"
        ",2026-06-11 10:00,,Panel,\n"
        ",2026-06-11 11:00,,,Ann Lee\n"
        ",2026-06-11 12:00,,,\n",
        encoding="utf-8",
    )
    program = read_program(path, ReadOptions(time_zone="Europe/Berlin"))

    assert [event.title for event in program.events] == ["Trauma", "Panel", "(untitled)"]
    assert "row 4: no title; shown as '(untitled)'" in program.warnings
    assert "row 5: no title; skipped" in program.warnings


def test_json_sessions_without_title_are_named_by_track_or_people(tmp_path: Path) -> None:
    def session(guid: str, **fields: object) -> dict[str, object]:
        return {"guid": guid, "date": "2026-06-11T09:00:00+02:00", "duration": "00:30", **fields}

    v1 = [
        session("t", title="", track="Trauma"),
        session("p", persons=[{"id": 7, "public_name": "Bo Chen"}]),
        session("e"),
    ]
    document = {
        "schedule": {
            "conference": {
                "title": "C",
                "time_zone_name": "Europe/Berlin",
                "days": [{"index": 1, "date": "2026-06-11", "rooms": {"A": v1}}],
            }
        }
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    program = read_program(path, ReadOptions())
    assert [event.title for event in program.events] == ["Trauma", "(untitled)"]
    assert program.speakers[program.events[1].speaker_keys[0]].name == "Bo Chen"
    assert "Session with id 'p' (day 1, room 'A') has no title; it is shown as '(untitled)'." in program.warnings
    assert "Skipped session with id 'e' (day 1, room 'A'): it has no title." in program.warnings

    v2 = [
        {"guid": "w", "start": "2026-06-11T09:00:00+02:00", "duration": "PT30M", "type": "WORKSHOP"},
        {"guid": "x", "start": "2026-06-11T10:00:00+02:00", "duration": "PT30M"},
    ]
    document = {"schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin"}, "events": v2}}
    path.write_text(json.dumps(document), encoding="utf-8")
    program = read_program(path, ReadOptions())
    assert [event.title for event in program.events] == ["Workshop"]
    assert "Skipped session with id 'x' (entry 2): it has no title." in program.warnings


def test_ics_events_without_summary_are_named_by_categories_or_attendees(tmp_path: Path) -> None:
    path = tmp_path / "u.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nCATEGORIES:Trauma\r\nDTSTART:20260611T070000Z\r\nDURATION:PT30M\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nATTENDEE;CN=Ann Lee:mailto:ann@example.org\r\nDTSTART:20260611T080000Z\r\n"
        "DURATION:PT30M\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260611T090000Z\r\nDURATION:PT30M\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    program = read_program(path, ReadOptions(time_zone="Europe/Berlin"))

    assert [event.title for event in program.events] == ["Trauma", "(untitled)"]
    assert [program.speakers[key].name for key in program.events[1].speaker_keys] == ["Ann Lee"]
    assert "skipped the event with UID 'c': it has no title (SUMMARY)" in program.warnings
