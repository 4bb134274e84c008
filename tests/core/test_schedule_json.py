"""Schedule JSON reader: the real v1/v2 exports in ../shared/data and small inline files."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.importers.program import ParsedEvent, ParsedProgram, ReadOptions
from conference_app.core.importers.schedule_json import read
from tests.conftest import shared_file

UTC = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")


def _read_shared(name: str, **options: Any) -> ParsedProgram:
    return read(shared_file(f"pretalx-json/{name}"), ReadOptions(**options))


def _event(program: ParsedProgram, title: str) -> ParsedEvent:
    matches = [event for event in program.events if event.title == title]
    assert len(matches) == 1, f"{title!r} found {len(matches)} times"
    return matches[0]


def _speaker_names(program: ParsedProgram, event: ParsedEvent) -> list[str]:
    return [program.speakers[key].name for key in event.speaker_keys]


# --- real files ---------------------------------------------------------------------------------


@pytest.mark.shared_data
def test_pretalx_democon_reads_all_sessions_and_keeps_exact_moments_in_utc():
    program = _read_shared("voc-schedule-pretalx-democon.json")

    assert (program.title, program.acronym, program.version) == ("DemoCon", "democon", "v1.1")
    assert program.time_zone == "UTC"
    assert (program.start_date, program.end_date) == (date(2020, 12, 14), date(2020, 12, 16))
    assert len(program.events) == 36
    # SOURCES counts 43 person references; 27 distinct people (by pretalx id) give them.
    assert len(program.speakers) == 27
    assert all(speaker.biography for speaker in program.speakers.values())
    assert {event.room for event in program.events} == {"Gray Room", "Tan Room"}
    assert {event.track for event in program.events} == {"Horizontal", "Phased"}
    assert {event.type for event in program.events} == {"Talk", "Workshop"}
    assert [sum(event.day_index == day for event in program.events) for day in (1, 2, 3)] == [12, 12, 12]

    first = _event(program, "Focused 5thgeneration hardware")
    assert first.source_id == "8079583e-8321-506c-95af-fd2903a5f075"
    # The file names UTC but writes 09:00+01:00: the moment is kept and shown in UTC.
    assert first.start == datetime(2020, 12, 14, 8, 0, tzinfo=UTC)
    assert first.start.utcoffset() == timedelta(0)
    assert first.end - first.start == timedelta(minutes=30)
    assert first.day_index == 1
    assert first.speaker_keys == ["id:26"]
    assert program.speakers["id:26"].name == "Brian Robinson"
    assert program.speakers["id:26"].biography.startswith("Break through direction.")
    assert first.links == [("Session page", "http://localhost/democon/talk/G9JGWY/")]
    assert program.warnings == [
        "36 session time(s) carry the offset UTC+01:00, which does not match the file's time zone UTC; "
        "they keep their exact moment and are shown in UTC."
    ]


@pytest.mark.shared_data
def test_pretalx_rc3_without_zone_name_derives_one_from_the_offsets():
    program = _read_shared("voc-schedule-pretalx-rc3.json")

    assert program.title == "rC3 Channels"
    assert program.time_zone == "Etc/GMT-1"  # POSIX sign: a fixed UTC+01:00
    assert program.warnings == [
        "The file names no time zone; all its times are UTC+01:00, so they are shown in Etc/GMT-1."
    ]
    assert len(program.events) == 48
    # SOURCES counts 57 person references; Stefania Maurizi speaks twice, so 56 people.
    assert len(program.speakers) == 56
    assert sum(1 for speaker in program.speakers.values() if speaker.biography) == 37
    assert {event.room for event in program.events} == {
        "r3s - Monheim/Rhein",
        "backspace / franconian.net - Bamberg",
        "Chaos-West TV - Ennepetal",
        "ChaosTrawler Stubnitz/Gängeviertel Hamburg",
        "hacc München / about:future - München",
    }
    assert sum(event.room == "r3s - Monheim/Rhein" for event in program.events) == 31

    smart = _event(program, "Oh du fröhliche, oh du smarte Welt...")
    assert smart.start == datetime(2020, 12, 27, 16, 0, tzinfo=ZoneInfo("Etc/GMT-1"))
    assert smart.start.utcoffset() == timedelta(hours=1)
    assert smart.end - smart.start == timedelta(minutes=40)
    assert (smart.day_index, smart.track, smart.language) == (1, "MON r3s Rhein VHS", "de")
    assert _speaker_names(program, smart) == ["Barbara Wimmer"]

    html = _event(program, "ESP-ENA - Exposure Notification API on ESP32")
    assert html.abstract.startswith("<small>English Version below</small>\r\n<p>Im Juni 2020")
    assert html.day_index == 3
    assert "Constantin Ganß" in {speaker.name for speaker in program.speakers.values()}


@pytest.mark.shared_data
def test_pretalx_rc3_uses_the_chosen_zone_when_it_matches_the_offsets():
    program = _read_shared("voc-schedule-pretalx-rc3.json", time_zone="Europe/Berlin")

    assert program.time_zone == "Europe/Berlin"
    assert program.warnings == []
    first = _event(program, "Der faule Admin automatisiert: Gluon auf echter Hardware testen")
    assert first.start == datetime(2020, 12, 27, 11, 30, tzinfo=BERLIN)
    assert first.start.tzinfo == BERLIN


@pytest.mark.shared_data
def test_frab_camp2019_in_berlin_time_with_tracks_and_resolved_links():
    program = _read_shared("voc-schedule-frab-camp2019.json")

    assert program.title == "Chaos Communication Camp 2019"
    assert (program.acronym, program.version) == ("Camp2019", "Gacrux")
    assert program.time_zone == "Europe/Berlin"
    assert (program.start_date, program.end_date) == (date(2019, 8, 21), date(2019, 8, 26))
    assert program.warnings == []
    assert len(program.events) == 79
    # SOURCES counts 96 person references; 90 distinct frab person ids.
    assert len(program.speakers) == 90
    assert not any(speaker.biography for speaker in program.speakers.values())  # frab exports none
    assert {event.room for event in program.events} == {"Curie", "Meitner"}
    assert {event.track for event in program.events} == {
        "Security", "Ethics, Society & Politics", "Hardware & Making", "Art & Culture",
        "CCC", "Science", "Entertainment",
    }
    per_day = [sum(event.day_index == day for event in program.events) for day in range(1, 6)]
    assert per_day == [17, 17, 19, 17, 9]

    # The title ends in spaces in the file.
    surveillance = _event(program, "Die 5G-Überwachungsstandards")
    assert surveillance.start == datetime(2019, 8, 22, 20, 0, tzinfo=BERLIN)
    assert surveillance.start.utcoffset() == timedelta(hours=2)
    assert surveillance.end - surveillance.start == timedelta(minutes=45)
    assert surveillance.day_index == 2
    assert (surveillance.track, surveillance.type) == ("Ethics, Society & Politics", "lecture")
    assert surveillance.source_id == "df91b683-2f32-4400-8043-b1d88aa0b454"
    assert _speaker_names(program, surveillance) == ["Erich Moechel"]

    opening = _event(program, "Opening Ceremony")
    assert opening.speaker_keys == ["id:7797", "id:4827"]
    assert _speaker_names(program, opening) == ["jinxx", "smtw"]

    libra = _event(program, "Fighting back against Libra - Decentralizing Facebook Connect")
    assert ("Nymtech", "https://nymtech.net") in libra.links  # written as a bare host name
    containers = _event(program, "Hacking Containers and Kubernetes")
    assert (
        "Slides",
        "https://fahrplan.events.ccc.de/system/event_attachments/attachments/000/003/792/original/"
        "Hacking_Containers_and_Kubernetes.pdf?1566398735",
    ) in containers.links  # an attachment given as a server path


@pytest.mark.shared_data
def test_hub_schedule2_v2_resolves_rooms_tracks_and_persons():
    program = _read_shared("voc-schedule-hub-schedule2.json")

    assert (program.title, program.acronym, program.version) == ("38C3", "38c3", "2024-12-26 20:23")
    assert program.time_zone == "Europe/Berlin"
    assert (program.start_date, program.end_date) == (date(2024, 12, 27), date(2024, 12, 30))
    assert program.warnings == []
    assert len(program.events) == 2
    assert len(program.speakers) == 4

    opening = _event(program, "38C3: Opening Ceremony")
    assert opening.source_id == "270fa44c-821a-577f-8ca3-33e8d4a8c2a7"
    assert opening.start == datetime(2024, 12, 27, 10, 30, tzinfo=BERLIN)
    assert opening.start.utcoffset() == timedelta(hours=1)
    assert opening.end - opening.start == timedelta(minutes=30)
    assert (opening.room, opening.track, opening.type, opening.day_index) == ("Saal 1", "CCC", "Other", 1)
    assert opening.subtitle == ""
    assert _speaker_names(program, opening) == ["Gabriela Bogk", "Aline Blankertz", "Senficon"]
    assert program.speakers["guid:4cee1e72-681f-5c8b-8dcd-8e58c8f4a445"].role == "Contributor"
    assert program.speakers["guid:0c16ffaa-709d-599f-959f-9a38b911361a"].role == ""
    assert "Ökonomin" in program.speakers["guid:721a267b-b09d-5422-8221-4f9a71cfc727"].biography
    assert opening.links == [
        ("Session page", "https://events.ccc.de/congress/2024/hub/event/38c3-opening-ceremony/"),
        ("foo bar", "https://example.net/"),
        ("Origin", "https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/"),
        ("Feedback", "https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/feedback/"),
        ("Slides", "https://example.net/foo/bar/1235.pdf"),
    ]

    # 00:15 on 28 December still belongs to day 1 (which ends at 06:00).
    late = _event(program, "A Competitive Time-Trial AI for Need for Speed:")
    assert late.start == datetime(2024, 12, 28, 0, 15, tzinfo=BERLIN)
    assert late.end - late.start == timedelta(minutes=40)
    assert (late.day_index, late.room, late.type) == (1, "Saal ZIGZAG", "Talk")
    assert late.track == "Hardware & Making"
    assert late.subtitle == "Most Wanted Using Deep Reinforcement Learning"
    assert _speaker_names(program, late) == ["Sebastian Schwarz"]


@pytest.mark.shared_data
def test_invalid_example_imports_with_a_warning_listing_what_is_odd():
    program = _read_shared("voc-schedule-invalid-example.json")

    assert (program.title, program.time_zone) == ("Winterchaos", "Europe/Zurich")
    assert len(program.events) == 1
    talk = program.events[0]
    assert talk.title == "Internal Penetration Testing Basics"
    assert talk.source_id == "7a0fc001-e587-47e1-b378-b6ec7e666337"
    assert talk.start == datetime(2022, 12, 28, 14, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    assert talk.start.utcoffset() == timedelta(hours=1)
    assert talk.end - talk.start == timedelta(minutes=45)
    assert "<br /><br />Eine Mischung" in talk.description  # HTML kept; sanitised at display
    assert talk.speaker_keys == ["id:dsadf"]
    assert program.speakers["id:dsadf"].name == "Mänu"
    assert program.warnings == [
        "Non-standard values accepted as they are: session id '2814' is text, not a number; "
        "person id 'dsadf' of Mänu is text, not a number; person code 'MÄaN0' of Mänu is not plain ASCII."
    ]


# --- inline v1 files ----------------------------------------------------------------------------


def _v1_session(**fields: Any) -> dict[str, Any]:
    session = {
        "id": 1,
        "guid": "00000000-0000-0000-0000-000000000001",
        "date": "2024-03-01T09:00:00+01:00",
        "start": "09:00",
        "duration": "00:30",
        "room": "Hall A",
        "title": "Opening",
        "persons": [],
        "links": [],
    }
    session.update(fields)
    return {key: value for key, value in session.items() if value is not None}


def _v1_document(*sessions: dict[str, Any], time_zone: str | None = "Europe/Vienna") -> dict[str, Any]:
    conference: dict[str, Any] = {
        "title": "Alpine Surgery Days",
        "acronym": "asd24",
        "start": "2024-03-01",
        "end": "2024-03-02",
        "days": [
            {
                "index": 1,
                "date": "2024-03-01",
                "day_start": "2024-03-01T08:00:00+01:00",
                "day_end": "2024-03-02T04:00:00+01:00",
                "rooms": {"Hall A": list(sessions)},
            }
        ],
    }
    if time_zone is not None:
        conference["time_zone_name"] = time_zone
    return {"schedule": {"version": "3", "conference": conference}}


def _write(tmp_path: Path, content: dict[str, Any] | str | bytes, name: str = "schedule.json") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def _read_inline(tmp_path: Path, content: dict[str, Any] | str | bytes, **options: Any) -> ParsedProgram:
    return read(_write(tmp_path, content), ReadOptions(**options))


def _problem(tmp_path: Path, content: dict[str, Any] | str | bytes) -> str:
    with pytest.raises(InputFileError) as caught:
        _read_inline(tmp_path, content)
    assert str(caught.value).startswith("schedule.json: ")
    return caught.value.problem


def test_v1_session_fields_and_speakers(tmp_path):
    session = _v1_session(
        subtitle="Welcome",
        track="Plenary",
        type="Keynote",
        language="en",
        abstract="<p>Hello</p>",
        description="Long text",
        persons=[
            {"id": 7, "public_name": "Dr. Ada Lind", "biography": "Vascular surgeon"},
            {"guid": "p-guid", "name": "Ben Ortiz"},
            {"code": "DK42", "public_name": "Dana Ek"},
            {"public_name": "  Chen  Wei "},
        ],
        links=[
            {"url": "https://example.org/slides", "title": "Slides"},
            {"url": "javascript:alert(1)", "title": "x"},
        ],
        url="https://example.org/talk/1",
    )
    program = _read_inline(tmp_path, _v1_document(session))

    event = program.events[0]
    assert (event.title, event.subtitle, event.track, event.type, event.language) == (
        "Opening", "Welcome", "Plenary", "Keynote", "en",
    )
    assert (event.abstract, event.description) == ("<p>Hello</p>", "Long text")
    assert (event.room, event.day_index) == ("Hall A", 1)
    assert event.start == datetime(2024, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Vienna"))
    assert event.speaker_keys == ["id:7", "guid:p-guid", "code:DK42", "name:chen wei"]
    assert program.speakers["id:7"].biography == "Vascular surgeon"
    assert program.speakers["name:chen wei"].name == "Chen  Wei"
    assert event.links == [
        ("Session page", "https://example.org/talk/1"),
        ("Slides", "https://example.org/slides"),
    ]
    assert program.warnings == ["Left out 1 link(s) that are not web addresses."]


def test_v1_source_id_falls_back_to_the_numeric_id_then_empty(tmp_path):
    program = _read_inline(
        tmp_path,
        _v1_document(_v1_session(guid=None, id=42, title="A"), _v1_session(guid=None, id=None, title="B")),
    )
    assert [(event.title, event.source_id) for event in program.events] == [("A", "42"), ("B", "")]


def test_v1_session_after_midnight_without_date_stays_on_its_day(tmp_path):
    late = _v1_session(date=None, start="01:30", duration="1:00:00", title="Night session")
    program = _read_inline(tmp_path, _v1_document(late))

    event = program.events[0]
    assert event.start == datetime(2024, 3, 2, 1, 30, tzinfo=ZoneInfo("Europe/Vienna"))
    assert event.end - event.start == timedelta(hours=1)
    assert event.day_index == 1


def test_v1_session_after_midnight_with_date_stays_on_its_day(tmp_path):
    late = _v1_session(date="2024-03-02T00:30:00+01:00", start="00:30", duration="PT1H30M")
    program = _read_inline(tmp_path, _v1_document(late))

    assert program.events[0].start == datetime(2024, 3, 2, 0, 30, tzinfo=ZoneInfo("Europe/Vienna"))
    assert program.events[0].end - program.events[0].start == timedelta(minutes=90)
    assert program.events[0].day_index == 1


def test_v1_sessions_without_title_or_start_are_skipped_and_named(tmp_path):
    document = _v1_document(
        _v1_session(title="Kept"),
        _v1_session(guid="no-title-guid", title="  "),
        _v1_session(title="No start", date=None, start=None),
        _v1_session(title="Bad start", date="soon", start="later"),
        "not a session",  # type: ignore[arg-type]
    )
    program = _read_inline(tmp_path, document)

    assert [event.title for event in program.events] == ["Kept"]
    assert program.warnings == [
        "Skipped an entry in room 'Hall A' on day 1: not a session object.",
        "Skipped session with id 'no-title-guid' (day 1, room 'Hall A'): it has no title.",
        "Skipped session 'No start' (day 1, room 'Hall A'): it has no start time.",
        "Skipped session 'Bad start' (day 1, room 'Hall A'): start time 'later' not understood.",
    ]


def test_v1_unreadable_duration_gives_no_length_and_a_warning(tmp_path):
    program = _read_inline(tmp_path, _v1_document(_v1_session(duration="half an hour")))

    assert program.events[0].end == program.events[0].start
    assert program.warnings == ["Session 'Opening': duration 'half an hour' not understood; given no length."]


def test_zero_sessions_give_a_program_without_events(tmp_path):
    program = _read_inline(tmp_path, _v1_document())

    assert program.title == "Alpine Surgery Days"
    assert program.events == []
    assert program.speakers == {}
    assert (program.start_date, program.end_date) == (date(2024, 3, 1), date(2024, 3, 2))


def test_empty_days_list_is_a_program_without_events(tmp_path):
    document = {"schedule": {"conference": {"title": "Empty", "time_zone_name": "UTC", "days": []}}}
    program = _read_inline(tmp_path, document)

    assert (program.title, program.time_zone, program.events) == ("Empty", "UTC", [])


# --- time zones ---------------------------------------------------------------------------------


def test_no_zone_name_and_mixed_offsets_uses_the_chosen_zone(tmp_path):
    document = _v1_document(
        _v1_session(title="Winter", date="2024-03-30T10:00:00+01:00"),
        _v1_session(title="Summer", date="2024-03-31T10:00:00+02:00"),
        time_zone=None,
    )
    program = _read_inline(tmp_path, document, time_zone="Europe/Vienna")

    assert program.time_zone == "Europe/Vienna"
    assert program.warnings == []  # the chosen zone agrees with every offset
    assert [event.start.utcoffset() for event in program.events] == [timedelta(hours=1), timedelta(hours=2)]


def test_no_zone_name_mixed_offsets_and_nothing_chosen_falls_back_to_utc(tmp_path):
    document = _v1_document(
        _v1_session(title="Winter", date="2024-03-30T10:00:00+01:00"),
        _v1_session(title="Summer", date="2024-03-31T10:00:00+02:00"),
        time_zone=None,
    )
    program = _read_inline(tmp_path, document)

    assert program.time_zone == "UTC"
    assert program.warnings == ["The file names no time zone and none was chosen; times are shown in UTC."]
    assert program.events[1].start == datetime(2024, 3, 31, 8, 0, tzinfo=UTC)


def test_no_zone_name_and_half_hour_offset_uses_the_chosen_zone_with_a_warning(tmp_path):
    document = _v1_document(_v1_session(date="2024-03-01T09:00:00+05:30"), time_zone=None)
    program = _read_inline(tmp_path, document, time_zone="Europe/Vienna")

    assert program.time_zone == "Europe/Vienna"
    assert program.warnings == ["The file names no time zone; using the chosen time zone Europe/Vienna."]
    assert program.events[0].start == datetime(2024, 3, 1, 4, 30, tzinfo=ZoneInfo("Europe/Vienna"))


def test_unknown_zone_name_is_reported_and_replaced(tmp_path):
    document = _v1_document(_v1_session(), time_zone="Mars/Olympus_Mons")
    program = _read_inline(tmp_path, document)

    assert program.time_zone == "Etc/GMT-1"
    assert program.warnings == [
        "The file names an unknown time zone 'Mars/Olympus_Mons'.",
        "The file names no time zone; all its times are UTC+01:00, so they are shown in Etc/GMT-1.",
    ]


# --- inline v2 files ----------------------------------------------------------------------------


def _v2_document(*events: dict[str, Any]) -> dict[str, Any]:
    return {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "ecs25",
                "title": "European Congress of Surgery",
                "start": "2025-05-06T08:00:00+02:00",
                "end": "2025-05-07T18:00:00+02:00",
                "time_zone_name": "Europe/Lisbon",
                "defaults": {"language": "pt"},
                "rooms": [{"name": "Auditório 1", "guid": "room-1"}],
                "tracks": [{"name": "Colorectal", "slug": "colorectal"}],
                "days": [
                    {
                        "index": 1,
                        "date": "2025-05-06",
                        "start": "2025-05-06T07:00:00+01:00",
                        "end": "2025-05-07T04:00:00+01:00",
                    },
                    {
                        "index": 2,
                        "date": "2025-05-07",
                        "start": "2025-05-07T07:00:00+01:00",
                        "end": "2025-05-08T04:00:00+01:00",
                    },
                ],
            },
            "events": list(events),
            "persons": [
                {"guid": "person-1", "name": "Inês Duarte", "biography": {"pt": "Cirurgiã", "en": "Surgeon"}},
            ],
        }
    }


def test_v2_iso_duration_localised_text_and_participants(tmp_path):
    lecture = {
        "guid": "event-1",
        "title": "Robotic TME",
        "start": "2025-05-07T09:00:00+01:00",
        "duration": "PT1H30M",
        "room": {"guid": "room-1"},
        "track": {"slug": "colorectal"},
        "type": "LIGHTNING_TALK",
        "language": "en",
        "abstract": {"pt": "Resumo", "en": "Summary"},
        "participants": [
            {"guid": "person-1", "name": "I. Duarte", "role": "MODERATOR"},
            {"name": "Guest Without Guid", "role": "SPEAKER"},
        ],
    }
    pause = {
        "type": "BREAK",
        "title": "Coffee",
        "start": "2025-05-06T10:30:00+01:00",
        "end": "2025-05-06T11:00:00+01:00",
    }
    program = _read_inline(tmp_path, _v2_document(lecture, pause))

    assert program.time_zone == "Europe/Lisbon"
    event = _event(program, "Robotic TME")
    assert event.start == datetime(2025, 5, 7, 9, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert event.end - event.start == timedelta(hours=1, minutes=30)
    assert (event.room, event.track, event.type, event.abstract, event.day_index) == (
        "Auditório 1", "Colorectal", "Lightning talk", "Summary", 2,
    )
    assert event.speaker_keys == ["guid:person-1", "name:guest without guid"]
    assert program.speakers["guid:person-1"].name == "Inês Duarte"  # the persons list wins
    assert program.speakers["guid:person-1"].biography == "Cirurgiã"  # the conference default language
    assert program.speakers["guid:person-1"].role == "Moderator"

    coffee = _event(program, "Coffee")
    assert (coffee.type, coffee.day_index, coffee.end - coffee.start) == ("Break", 1, timedelta(minutes=30))
    assert program.warnings == []


def test_v2_session_without_start_is_skipped_and_zero_events_is_empty(tmp_path):
    program = _read_inline(tmp_path, _v2_document({"guid": "event-9", "title": "Floating"}))
    assert program.events == []
    assert program.warnings == ["Skipped session 'Floating' (entry 1): it has no start time."]

    empty = _read_inline(tmp_path, _v2_document())
    assert empty.title == "European Congress of Surgery"
    assert (empty.events, empty.start_date) == ([], date(2025, 5, 6))


# --- files that are not usable ------------------------------------------------------------------


def test_malformed_json_names_line_and_column(tmp_path):
    assert _problem(tmp_path, '{\n  "schedule": {\n    "version": 1,,\n') == (
        "malformed JSON at line 3, column 18: Expecting property name enclosed in double quotes"
    )


def test_truncated_file_is_malformed_json(tmp_path):
    text = json.dumps(_v1_document(_v1_session()), indent=2)
    problem = _problem(tmp_path, text[: len(text) // 2])
    assert problem.startswith("malformed JSON at line ")


def test_deeply_nested_json_is_refused_cleanly(tmp_path):
    assert _problem(tmp_path, "[" * 200_000 + "]" * 200_000).startswith("malformed JSON")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[1, 2]", "not a schedule JSON: expected an object with a 'schedule' key"),
        ('{"foo": 1}', "not a schedule JSON: expected an object with a 'schedule' key"),
        ('{"schedule": 5}', "not a schedule JSON: 'schedule' is not an object"),
        ('{"schedule": {"version": "1"}}', "the schedule has no 'conference' object"),
        (
            '{"schedule": {"conference": {"title": "X"}}}',
            "the conference has no 'days' list and the schedule no 'events' list",
        ),
    ],
)
def test_json_that_is_not_a_schedule_is_refused(tmp_path, content, problem):
    assert _problem(tmp_path, content) == problem


def test_non_utf8_file_is_refused(tmp_path):
    latin1 = json.dumps(_v1_document(_v1_session(title="Café")), ensure_ascii=False).encode("latin-1")
    assert _problem(tmp_path, latin1).startswith("not UTF-8 text (byte 0xe9 at position ")


def test_utf8_with_bom_is_read(tmp_path):
    data = "\ufeff" + json.dumps(_v1_document(_v1_session(title="Café")), ensure_ascii=False)
    program = _read_inline(tmp_path, data.encode("utf-8"))
    assert [event.title for event in program.events] == ["Café"]


@pytest.mark.parametrize("content", [b"", b"  \n\t", b"\xef\xbb\xbf"])
def test_empty_file_is_refused(tmp_path, content):
    assert _problem(tmp_path, content) == "the file is empty"


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(InputFileError) as caught:
        read(tmp_path / "gone.json", ReadOptions())
    assert str(caught.value).startswith("gone.json: cannot read the file")
