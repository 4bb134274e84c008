"""frab/Pentabarf schedule XML: real exports from ../shared/data/frab and hostile or broken files."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.importers import frab_xml
from conference_app.core.importers.program import ParsedProgram, ReadOptions
from tests.conftest import shared_file
from tests.parsed_program import event_titled

shared_data = pytest.mark.shared_data


def read_shared(name: str, **options: str) -> ParsedProgram:
    return frab_xml.read(shared_file(f"frab/{name}"), ReadOptions(**options))


def read_text(tmp_path: Path, xml: str, name: str = "schedule.xml", **options: str) -> ParsedProgram:
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    return frab_xml.read(path, ReadOptions(**options))


# --- FOSDEM 2026: the current Pentabarf/frab export --------------------------------------


@pytest.fixture(scope="module")
def fosdem_2026() -> ParsedProgram:
    return read_shared("mttcrsp-fosdem-2026-schedule.xml")


@shared_data
def test_fosdem_2026_conference_and_counts(fosdem_2026: ParsedProgram) -> None:
    assert fosdem_2026.title == "FOSDEM 2026"
    assert fosdem_2026.acronym == "fosdem-2026"
    assert fosdem_2026.version == "latest"
    assert fosdem_2026.time_zone == "Europe/Brussels"
    assert fosdem_2026.source_format == "frab"
    assert (fosdem_2026.start_date, fosdem_2026.end_date) == (date(2026, 1, 31), date(2026, 2, 1))
    assert len(fosdem_2026.events) == 883
    assert len(fosdem_2026.speakers) == 927
    assert len({event.room for event in fosdem_2026.events}) == 30
    assert Counter(event.day_index for event in fosdem_2026.events) == {1: 484, 2: 399}
    assert fosdem_2026.warnings == []


@shared_data
def test_fosdem_2026_opening_talk(fosdem_2026: ParsedProgram) -> None:
    welcome = event_titled(fosdem_2026, "Welcome to FOSDEM 2026")
    assert welcome.source_id == "9c3ebb8c-7716-5130-b9fe-ff8544f5636d"
    assert welcome.start.isoformat() == "2026-01-31T09:30:00+01:00"
    assert welcome.end - welcome.start == timedelta(minutes=20)
    assert (welcome.room, welcome.track, welcome.type, welcome.language) == ("Janson", "Main Track", "maintrack", "en")
    assert welcome.day_index == 1
    # Abstracts are entity-escaped HTML in the file; the reader hands over the HTML itself.
    assert welcome.abstract == "<p>FOSDEM welcome and opening talk.</p>"
    assert welcome.links[:2] == [
        ("Session page", "https://fosdem.org/2026/schedule/event/SFKNTZ-welcome_to_fosdem_2026/"),
        ("Chat room(web)", "https://chat.fosdem.org/#/room/#2026-main:fosdem.org"),
    ]
    assert [fosdem_2026.speakers[key].name for key in welcome.speaker_keys] == ["FOSDEM Staff"]


@shared_data
def test_fosdem_2026_non_ascii_speakers_on_day_two(fosdem_2026: ParsedProgram) -> None:
    talk = event_titled(fosdem_2026, "Open source firmware for high assurance confidential infrastructure")
    assert talk.start.isoformat() == "2026-02-01T12:25:00+01:00"
    assert talk.day_index == 2
    assert talk.room == "UD6.215"
    assert talk.track == "Confidential Computing"
    assert talk.speaker_keys == ["id:1425", "id:1481"]
    assert [fosdem_2026.speakers[key].name for key in talk.speaker_keys] == ["Michał Żygowski", "Piotr Król"]


@shared_data
def test_fosdem_2026_biographies_come_from_the_persons_list(fosdem_2026: ParsedProgram) -> None:
    graber = fosdem_2026.speakers["id:1343"]
    assert graber.name == "Stephane Graber"
    assert graber.biography.startswith("<p>Stéphane Graber is the project leader for <a href=")
    assert sum(1 for speaker in fosdem_2026.speakers.values() if speaker.biography) == 699


@shared_data
def test_fosdem_2026_person_listed_twice_on_one_event_counts_once(fosdem_2026: ParsedProgram) -> None:
    # The file has 1086 person references; event 9796 names Bradley M. Kühn (id 2719) twice.
    devroom = event_titled(fosdem_2026, "Welcome to the Legal & Policy Issues DevRoom")
    assert devroom.speaker_keys.count("id:2719") == 1
    assert len(devroom.speaker_keys) == 6
    assert sum(len(event.speaker_keys) for event in fosdem_2026.events) == 1085


@shared_data
def test_fosdem_2026_parses_quickly() -> None:
    path = shared_file("frab/mttcrsp-fosdem-2026-schedule.xml")
    started = time.perf_counter()
    program = frab_xml.read(path, ReadOptions())
    elapsed = time.perf_counter() - started
    assert len(program.events) == 883
    # About 0.25 s on a laptop; the generous bound only catches quadratic behaviour.
    assert elapsed < 2.0


# --- 38C3: congress hub export with sessions after midnight ------------------------------


@pytest.fixture(scope="module")
def congress_38c3() -> ParsedProgram:
    return read_shared("eventfahrplan-schedule-38c3-20251206.xml")


@shared_data
def test_38c3_conference_and_counts(congress_38c3: ParsedProgram) -> None:
    assert (congress_38c3.title, congress_38c3.acronym) == ("38C3", "38c3")
    assert congress_38c3.version == "2025-03-04 21:21"
    assert congress_38c3.time_zone == "Europe/Berlin"
    assert (congress_38c3.start_date, congress_38c3.end_date) == (date(2024, 12, 27), date(2024, 12, 30))
    assert len(congress_38c3.events) == 1007
    assert len({event.room for event in congress_38c3.events}) == 72
    # SOURCES.md counts 567 persons by name; four names (e.g. "Andreas", "Marc") belong to
    # two different person guids each, so there are 571 distinct speakers.
    assert len(congress_38c3.speakers) == 571
    assert len({speaker.name for speaker in congress_38c3.speakers.values()}) == 567
    assert congress_38c3.warnings == []


@shared_data
def test_38c3_sessions_after_midnight_stay_on_their_conference_day(congress_38c3: ParsedProgram) -> None:
    day_dates = {1: date(2024, 12, 27), 2: date(2024, 12, 28), 3: date(2024, 12, 29), 4: date(2024, 12, 30)}
    after_midnight = [event for event in congress_38c3.events if event.start.date() != day_dates[event.day_index]]
    assert len(after_midnight) == 58
    assert all(event.start.date() == day_dates[event.day_index] + timedelta(days=1) for event in after_midnight)

    fnord = event_titled(congress_38c3, "Fnord-Nachrichtenrückblick 2024")
    assert fnord.start.isoformat() == "2024-12-28T01:10:00+01:00"
    assert fnord.day_index == 1
    assert fnord.room == "Saal 1"


@shared_data
def test_38c3_opening_ceremony(congress_38c3: ParsedProgram) -> None:
    opening = event_titled(congress_38c3, "38C3: Opening Ceremony")
    assert opening.source_id == "270fa44c-821a-577f-8ca3-33e8d4a8c2a7"
    assert opening.start.isoformat() == "2024-12-27T10:30:00+01:00"
    assert opening.end.isoformat() == "2024-12-27T11:00:00+01:00"
    assert (opening.track, opening.type, opening.language) == ("CCC", "Ceremony", "en")
    assert opening.speaker_keys[0] == "guid:0c16ffaa-709d-599f-959f-9a38b911361a"
    assert [congress_38c3.speakers[key].name for key in opening.speaker_keys] == [
        "Gabriela Bogk", "Senficon", "Aline Blankertz"]
    assert opening.links == [
        ("Session page", "https://events.ccc.de/congress/2024/hub/de/event/38c3-opening-ceremony/")]
    emoji = event_titled(congress_38c3, "Blåmba! ☎️ Behind the scenes of a 2000s-style ringtone provider")
    assert emoji.start.isoformat() == "2024-12-28T00:15:00+01:00"
    assert emoji.day_index == 1


# --- DebConf23: day dates are UTC dates, sessions are in Asia/Kolkata --------------------


@shared_data
def test_debconf23_times_are_in_kolkata_on_the_right_day() -> None:
    program = read_shared("giggity-debconf23.xml")
    assert (program.title, program.acronym, program.version) == ("DebConf 23", "debconf23", "")
    assert program.time_zone == "Asia/Kolkata"
    assert (program.start_date, program.end_date) == (date(2023, 9, 10), date(2023, 9, 18))
    assert len(program.events) == 117
    assert len(program.speakers) == 87
    assert sum(1 for event in program.events if not event.speaker_keys) == 32
    assert {event.language for event in program.events} == {""}

    opening = event_titled(program, "Opening Ceremony")
    # <day date="2023-09-09"> holds <date>2023-09-10T05:00:00+00:00</date>, i.e. 10:30 in India.
    assert opening.start.isoformat() == "2023-09-10T10:30:00+05:30"
    assert opening.day_index == 1
    assert opening.room == "Anamudi"
    assert [program.speakers[key].name for key in opening.speaker_keys] == ["Sruthi Chandran"]
    assert opening.speaker_keys == ["id:63"]
    # Every session falls on the calendar day after its UTC <day date>, on day 1..8.
    first_day = date(2023, 9, 10)
    assert all(event.start.date() == first_day + timedelta(days=event.day_index - 1) for event in program.events)
    assert program.warnings == []


# --- FOSDEM 2007: old Pentabarf, no rooms, no dates, no time zone ------------------------


@shared_data
def test_fosdem_2007_old_pentabarf() -> None:
    program = read_shared("mttcrsp-fosdem-2007-schedule.xml")
    assert program.title == "FOSDEM 2007"
    assert program.acronym == ""
    assert len(program.events) == 215
    # Pentabarf 2007 gives each appearance its own person id (Kristian Høgsberg is id 1 and
    # id 2111), so the 244 references are 244 speaker keys for 204 distinct names.
    assert len(program.speakers) == 244
    assert len({speaker.name for speaker in program.speakers.values()}) == 204
    assert len({event.room for event in program.events}) == 18
    assert Counter(event.day_index for event in program.events) == {1: 94, 2: 121}

    aiglx = next(event for event in program.events if event.source_id == "0")
    assert aiglx.title == "AIGLX"
    assert aiglx.room == "Chavanne"
    assert aiglx.track == "Desktop Applications"
    assert aiglx.start.isoformat() == "2007-02-25T15:00:00+01:00"
    assert aiglx.end.isoformat() == "2007-02-25T15:45:00+01:00"
    assert aiglx.abstract.startswith("<p>In this talk, Kristian will take a look")
    assert aiglx.links == [("Video (Ogg/Theora)", "http://video.fosdem.org/2007/FOSDEM2007-AIGLX.ogg")]
    assert [program.speakers[key].name for key in aiglx.speaker_keys] == ["Kristian Høgsberg"]


@shared_data
def test_fosdem_2007_zone_comes_from_its_city_and_relative_links_are_reported() -> None:
    program = read_shared("mttcrsp-fosdem-2007-schedule.xml", time_zone="America/New_York")
    assert program.time_zone == "Europe/Brussels"
    assert "times are read as Europe/Brussels, the zone of its city 'Brussels'" in program.warnings[0]
    # Slides linked as "../../slides/…" cannot be resolved without a base URL.
    assert program.warnings[1].startswith("links left out that are not full web or mail addresses (48 sessions:")


# --- FrOSCon 2013: voctoweb fixture with single quotes and no time zone ------------------


@shared_data
def test_froscon_2013() -> None:
    program = read_shared("voctoweb-froscon2013-schedule.xml", time_zone="Europe/Berlin")
    assert (program.title, program.acronym) == ("FrOSCon", "froscon2013")
    assert program.time_zone == "Europe/Berlin"
    assert program.warnings == [
        "the file names no time zone, so times are read as Europe/Berlin, the zone chosen for this import"]
    assert len(program.events) == 123
    # 108 names; Derick Rethans appears with ids 186 and 500.
    assert len(program.speakers) == 109
    assert len({event.room for event in program.events}) == 14

    talk = event_titled(program, "Verkehrte Welt")
    assert talk.source_id == "8tXkx-Ci8nmdmvZneMp93g"
    assert talk.subtitle == "Linux im High Performance Computing"
    assert talk.language == "de"
    assert talk.start.isoformat() == "2013-08-24T10:00:00+02:00"
    assert talk.end.isoformat() == "2013-08-24T11:00:00+02:00"
    assert '"beflügeln"' in talk.abstract
    assert [program.speakers[key].name for key in talk.speaker_keys] == ["Holger Gantikow"]

    samba = event_titled(program, "Samba4")
    assert samba.links == [("Samba", "http://www.samba.org")]


@shared_data
def test_froscon_2013_without_a_zone_is_read_as_utc_with_a_warning() -> None:
    program = read_shared("voctoweb-froscon2013-schedule.xml")
    assert program.time_zone == "UTC"
    assert program.warnings == [
        "the file names no time zone, so times are read as UTC; choose the conference's time zone to correct them"]
    assert event_titled(program, "Verkehrte Welt").start.isoformat() == "2013-08-24T10:00:00+00:00"


# --- LSWT 2019: quasi-frab from a Jekyll site ----------------------------------------------


@shared_data
def test_lswt_2019_quasi_frab() -> None:
    program = read_shared("aksw-lswt2019-schedule.xml")
    assert program.title == "7th Leipzig Semantic Web Day"
    assert (program.acronym, program.version) == ("", "2019-05-31_14-05")
    assert program.time_zone == "UTC"
    assert len(program.events) == 31
    assert len(program.speakers) == 22
    assert len({event.room for event in program.events}) == 4

    welcome = event_titled(program, "Begrüßung")
    assert welcome.speaker_keys == ["name:dr. sebastian tramp", "name:andreas heinecke"]
    assert program.speakers["name:dr. sebastian tramp"].name == "Dr. Sebastian Tramp"
    assert welcome.links == [("Session page", "https://lswt2019.aksw.org/#begruessung")]

    hackathon = event_titled(program, "Thinktank & Hackathon – “Artificial Intelligence for Smart Agriculture”")
    assert hackathon.end == hackathon.start
    assert hackathon.speaker_keys == []
    assert program.warnings == [
        "the file names no time zone, so times are read as UTC; choose the conference's time zone to correct them",
        "no duration given; shown as 0 minutes long (1 session: "
        "'Thinktank & Hackathon – “Artificial Intelligence for Smart Agriculture”')",
    ]


@shared_data
def test_lswt_2019_duplicated_ids_stay_separate_events() -> None:
    program = read_shared("aksw-lswt2019-schedule.xml")
    shared_ids = {"997", "998", "999"}
    breaks = sorted((event.source_id, event.room) for event in program.events if event.source_id in shared_ids)
    assert breaks == [
        ("997", "Main Track"), ("997", "Tutorials"),
        ("998", "Main Track"), ("998", "Tutorials"),
        ("999", "Main Track"), ("999", "Tutorials"),
    ]


@shared_data
def test_lswt_2019_z_times_are_local_times_in_the_chosen_zone() -> None:
    program = read_shared("aksw-lswt2019-schedule.xml", time_zone="Europe/Berlin")
    assert program.time_zone == "Europe/Berlin"
    # <date>2019-05-22T09:00:00Z</date> with <start>09:00</start>: the session began at 09:00 in Leipzig.
    assert event_titled(program, "Begrüßung").start.isoformat() == "2019-05-22T09:00:00+02:00"
    social = event_titled(program, "Social Event sponsored by eccenca GmbH")
    assert social.end.isoformat() == "2019-05-22T22:15:00+02:00"
    assert program.warnings[0] == (
        "the file names no time zone, so times are read as Europe/Berlin, the zone chosen for this import")
    assert program.warnings[1].startswith(
        "times marked as UTC match the listed local start times, so they are read as Europe/Berlin times (31 sessions:")


# --- hostile, broken and foreign files ---------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<schedule><conference><title>&lol3;</title></conference></schedule>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&secret;</title></conference></schedule>
"""

PLAIN_DTD = """<?xml version="1.0"?>
<!DOCTYPE schedule SYSTEM "schedule.dtd">
<schedule><conference><title>T</title></conference></schedule>
"""

MALFORMED = """<?xml version="1.0"?>
<schedule>
  <conference><title>T</titel></conference>
</schedule>
"""

MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>v7</version>
  <conference>
    <title>Minimal Congress</title>
    <acronym>mc</acronym>
    <start>2025-03-01</start>
    <end>2025-03-02</end>
    <time_zone_name>Europe/Vienna</time_zone_name>
    <base_url>https://example.org/mc/</base_url>
  </conference>
  <persons>
    <person id="7"><name>Ada Lovelace</name><biography>Analyst</biography>
      <affiliation>Analytical Engines Ltd</affiliation></person>
  </persons>
  <day index="1" date="2025-03-01" start="2025-03-01T10:00:00+01:00" end="2025-03-02T03:00:00+01:00">
    <room name="Hall A">
      <event guid="g-1" id="11">
        <start>10:00</start><duration>1:30:00</duration>
        <title>Keynote</title>
        <persons><person id="7">Ada Lovelace</person><person guid="p-2">Charles Babbage</person></persons>
        <links>
          <link href="slides.pdf">Slides</link>
          <link href="javascript:alert(1)">Trap</link>
          <link href="www.example.com">Home</link>
        </links>
      </event>
      <event id="12">
        <start>01:30</start><duration>00:45</duration>
        <title>Late show</title>
        <persons><person>Grace  Hopper</person></persons>
      </event>
      <event>
        <start>12:00</start><duration>soon</duration>
        <title>Lunch</title>
      </event>
      <event id="14">
        <start>noon-ish</start><duration>00:30</duration>
        <title>Mystery</title>
      </event>
    </room>
  </day>
</schedule>
"""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (BILLION_LAUGHS, "XML entities are not allowed"),
        (EXTERNAL_ENTITY, "XML entities are not allowed"),
        (PLAIN_DTD, "XML document type declarations (DTDs) are not allowed"),
        (MALFORMED, "malformed XML at line 3, column 25 (mismatched tag)"),
        ("", "empty file"),
        ("  \n\n\t ", "empty file"),
        ("<html><body><p>Schedule</p></body></html>", "not a frab schedule: root element is <html>"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
         "not a frab schedule: root element is <feed>"),
        ("<schedule><items/></schedule>",
         "not a frab schedule: <schedule> has neither <conference> nor <day> elements"),
    ],
    ids=["billion-laughs", "external-entity", "dtd", "malformed", "empty", "blank", "html", "atom", "no-days"],
)
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad-program.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        frab_xml.read(path, ReadOptions())
    assert str(caught.value) == f"bad-program.xml: {problem}"
    assert caught.value.path == path


def test_truncated_file_is_reported_as_ending_too_early(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(MINIMAL[: MINIMAL.index("<title>Late show")], encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        frab_xml.read(path, ReadOptions())
    assert str(caught.value) == "cut.xml: the XML ends too early at line 30 (is the file truncated?)"


@shared_data
def test_truncated_real_export(tmp_path: Path) -> None:
    data = shared_file("frab/mttcrsp-fosdem-2026-schedule.xml").read_bytes()
    path = tmp_path / "fosdem-half.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputFileError, match=r"^fosdem-half\.xml: the XML ends too early at line \d+"):
        frab_xml.read(path, ReadOptions())


def test_invalid_utf8_is_malformed_xml(tmp_path: Path) -> None:
    path = tmp_path / "latin.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n<schedule><conference><title>Caf\xe9</title>'
                     b"</conference></schedule>")
    with pytest.raises(InputFileError, match=r"^latin\.xml: malformed XML at line 2, column \d+ \(not well-formed"):
        frab_xml.read(path, ReadOptions())


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"^gone\.xml: cannot be read \(No such file or directory\)$"):
        frab_xml.read(tmp_path / "gone.xml", ReadOptions())


@shared_data
def test_schema_file_is_not_a_schedule() -> None:
    with pytest.raises(InputFileError) as caught:
        frab_xml.read(shared_file("schema/voc-schedule-schedule.xml.xsd"), ReadOptions())
    assert str(caught.value) == "voc-schedule-schedule.xml.xsd: not a frab schedule: root element is <schema>"


# --- behaviour on small hand-written files ----------------------------------------------------


def test_minimal_schedule_fields_and_people(tmp_path: Path) -> None:
    program = read_text(tmp_path, MINIMAL)
    assert (program.title, program.acronym, program.version, program.time_zone) == (
        "Minimal Congress", "mc", "v7", "Europe/Vienna")
    assert [event.title for event in program.events] == ["Keynote", "Late show", "Lunch"]

    keynote = program.events[0]
    assert keynote.source_id == "g-1"
    assert keynote.start.isoformat() == "2025-03-01T10:00:00+01:00"
    assert keynote.end - keynote.start == timedelta(minutes=90)
    assert keynote.room == "Hall A"
    assert keynote.links == [("Slides", "https://example.org/mc/slides.pdf"), ("Home", "http://www.example.com")]
    assert keynote.speaker_keys == ["id:7", "guid:p-2"]
    ada = program.speakers["id:7"]
    assert (ada.name, ada.biography, ada.affiliation) == ("Ada Lovelace", "Analyst", "Analytical Engines Ltd")
    assert program.speakers["guid:p-2"].name == "Charles Babbage"


def test_session_before_the_day_start_belongs_to_the_next_night(tmp_path: Path) -> None:
    late = read_text(tmp_path, MINIMAL).events[1]
    assert late.source_id == "12"
    assert late.start.isoformat() == "2025-03-02T01:30:00+01:00"
    assert late.day_index == 1
    assert late.speaker_keys == ["name:grace hopper"]


def test_unusable_session_data_becomes_warnings(tmp_path: Path) -> None:
    program = read_text(tmp_path, MINIMAL)
    lunch = program.events[2]
    assert lunch.source_id == ""
    assert lunch.end == lunch.start
    assert program.warnings == [
        "links left out that are not full web or mail addresses (1 session: 'Keynote')",
        "duration 'soon' not understood; shown as 0 minutes long (1 session: 'Lunch')",
        "skipped: the start time is missing or not understood (1 session: 'Mystery')",
    ]


def test_day_change_moves_early_sessions_to_the_next_calendar_day(tmp_path: Path) -> None:
    xml = """<schedule>
      <conference><title>Night Con</title><day_change>09:00:00</day_change>
        <time_zone_name>America/New_York</time_zone_name></conference>
      <day index="3" date="2025-11-01">
        <event id="1"><start>23:30</start><duration>01:00</duration><title>Before midnight</title>
          <room>Pit</room></event>
        <event id="2"><start>02:00</start><duration>01:00</duration><title>After midnight</title>
          <room>Pit</room></event>
      </day>
    </schedule>"""
    program = read_text(tmp_path, xml)
    before, after = program.events
    assert before.start.isoformat() == "2025-11-01T23:30:00-04:00"
    # 2 November 2025 is the first day of standard time in New York.
    assert after.start.isoformat() == "2025-11-02T02:00:00-05:00"
    assert (before.day_index, after.day_index) == (3, 3)
    assert after.room == "Pit"
    assert (program.start_date, program.end_date) == (date(2025, 11, 1), date(2025, 11, 1))


def test_unknown_zone_name_falls_back_with_a_warning(tmp_path: Path) -> None:
    xml = """<schedule><conference><title>Odd</title><time_zone_name>Mars/Olympus</time_zone_name></conference>
      <day index="1" date="2025-05-05"><room name="R"><event id="1"><date>2025-05-05T10:00:00+02:00</date>
      <start>10:00</start><duration>00:30</duration><title>Talk</title></event></room></day></schedule>"""
    program = read_text(tmp_path, xml, time_zone="Europe/Paris")
    assert program.time_zone == "Europe/Paris"
    assert program.warnings == [
        "its time zone 'Mars/Olympus' is unknown, so times are read as Europe/Paris, the zone chosen for this import"]
    assert program.events[0].start.isoformat() == "2025-05-05T10:00:00+02:00"


def test_schedule_without_events_or_title(tmp_path: Path) -> None:
    program = read_text(tmp_path, "<schedule><conference/><day index='1' date='2025-01-01'/></schedule>",
                        name="empty-days.xml", time_zone="Not/AZone")
    assert program.events == []
    assert program.title == "empty-days"
    assert program.time_zone == "UTC"
    assert program.warnings == [
        "the file names no time zone, so times are read as UTC ('Not/AZone' is not a known time zone); "
        "choose the conference's time zone to correct them",
        "the file gives no conference title; using 'empty-days'",
        "the schedule lists no sessions",
    ]


def test_offsets_in_the_file_are_kept_when_the_zone_is_assumed(tmp_path: Path) -> None:
    # No zone name, but the stamp has a real offset: the instant is kept, shown in UTC.
    xml = """<schedule><conference><title>Offsets</title></conference>
      <day index="1" date="2025-05-05"><room name="R"><event id="1"><date>2025-05-05T10:30:00+01:00</date>
      <start>10:30</start><duration>00:30</duration><title>Talk</title></event></room></day></schedule>"""
    program = read_text(tmp_path, xml)
    assert program.time_zone == "UTC"
    assert program.events[0].start.isoformat() == "2025-05-05T09:30:00+00:00"
    assert len(program.warnings) == 1


def test_other_encodings(tmp_path: Path) -> None:
    xml = ('<?xml version="1.0" encoding="UTF-16"?><schedule><conference><title>Journées Santé</title>'
           "<time_zone_name>Europe/Paris</time_zone_name></conference></schedule>")
    path = tmp_path / "utf16.xml"
    path.write_bytes(xml.encode("utf-16"))
    assert frab_xml.read(path, ReadOptions()).title == "Journées Santé"

    unknown = tmp_path / "klingon.xml"
    unknown.write_bytes(b'<?xml version="1.0" encoding="x-klingon"?><schedule/>')
    expected = r"^klingon\.xml: unsupported text encoding \(unknown encoding: x-klingon\)$"
    with pytest.raises(InputFileError, match=expected):
        frab_xml.read(unknown, ReadOptions())


def test_file_cut_inside_a_character_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "cut-char.xml"
    path.write_bytes("<schedule><conference><title>Begrüßung".encode()[:-1])
    with pytest.raises(InputFileError, match=r"^cut-char\.xml: the XML ends too early at line 1 "):
        frab_xml.read(path, ReadOptions())


def test_a_dtd_after_comments_and_instructions_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "sneaky.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!-- exported -->\n<?style sheet?>\n'
        '<!DOCTYPE schedule [<!ENTITY x SYSTEM "http://example.org/x">]>\n<schedule>&x;</schedule>\n',
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match="^sneaky.xml: XML entities are not allowed$"):
        frab_xml.read(path, ReadOptions())


def test_doctype_text_inside_an_abstract_is_just_text(tmp_path: Path) -> None:
    program = read_text(
        tmp_path,
        """<schedule><conference><title>Web day</title><time_zone_name>UTC</time_zone_name></conference>
        <day index="1" date="2026-05-01"><room name="A"><event id="1"><start>09:00</start><duration>00:30</duration>
        <title>HTML history</title><abstract><![CDATA[Why every page starts with <!DOCTYPE html>]]></abstract>
        </event></room></day></schedule>""",
    )
    assert program.events[0].abstract == "Why every page starts with <!DOCTYPE html>"


def test_an_undeclared_entity_is_a_parse_error_not_an_expansion(tmp_path: Path) -> None:
    path = tmp_path / "undeclared.xml"
    path.write_text("<schedule><conference><title>&lol;</title></conference></schedule>", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"^undeclared.xml: malformed XML at line 1, column \d+ \(undefined entity\)$"):
        frab_xml.read(path, ReadOptions())
