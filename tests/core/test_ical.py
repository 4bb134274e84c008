"""The iCalendar program reader, on real conference feeds and on small hand-written ones."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.importers import ical
from conference_app.core.importers.program import ParsedEvent, ParsedProgram, ReadOptions
from tests.conftest import shared_file
from tests.parsed_program import event_titled, speaker_names

BRISBANE = ZoneInfo("Australia/Brisbane")
BERLIN = ZoneInfo("Europe/Berlin")


def by_id(program: ParsedProgram, source_id: str) -> ParsedEvent:
    matches = [event for event in program.events if event.source_id == source_id]
    assert len(matches) == 1, f"{len(matches)} events with id {source_id}"
    return matches[0]


def write_calendar(tmp_path: Path, body: str, name: str = "feed.ics", header: str = "") -> Path:
    path = tmp_path / name
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{header}{body}END:VCALENDAR\r\n"
    path.write_text(text.replace("\r\n", "\n").replace("\n", "\r\n"), encoding="utf-8")
    return path


def vevent(*lines: str) -> str:
    return "BEGIN:VEVENT\r\n" + "".join(line + "\r\n" for line in lines) + "END:VEVENT\r\n"


# --- real feeds -----------------------------------------------------------------------------


@pytest.mark.shared_data
def test_linux_conf_au_resolves_brisbane_without_a_vtimezone() -> None:
    program = ical.read(shared_file("ics/giggity-linux_conf_au_2020.ics"), ReadOptions())

    assert len(program.events) == 262
    assert program.title == "linux.conf.au 2020"
    assert program.time_zone == "Australia/Brisbane"
    assert program.source_format == "ical"
    assert not any("time zone" in warning for warning in program.warnings)
    assert program.start_date.isoformat() == "2020-01-12"
    assert program.end_date.isoformat() == "2020-01-17"
    assert all(event.start.utcoffset() == timedelta(hours=10) for event in program.events)

    welcome = by_id(program, "94@lca2020.linux.org.au")
    assert welcome.title == "Wednesday Welcome"
    assert welcome.start == datetime(2020, 1, 15, 9, 0, tzinfo=BRISBANE)
    assert welcome.start.isoformat() == "2020-01-15T09:00:00+10:00"
    assert welcome.end.isoformat() == "2020-01-15T09:10:00+10:00"
    assert welcome.room == "Arena"
    assert speaker_names(program, welcome) == ["Joel Addison"]
    assert welcome.speaker_keys == ["name:joel addison"]
    assert welcome.abstract == "Opening Remarks and Housekeeping"  # the "Speaker:" line moved out
    assert welcome.links == [("Event page", "http://lca2020.linux.org.au/schedule/presentation/221/")]
    assert welcome.day_index is None


@pytest.mark.shared_data
def test_linux_conf_au_keeps_html_and_shared_rooms() -> None:
    program = ical.read(shared_file("ics/giggity-linux_conf_au_2020.ics"), ReadOptions())

    breakfast = by_id(program, "201@lca2020.linux.org.au")
    assert breakfast.title == "Main Conference: plenary"
    assert breakfast.abstract.startswith('<p><a href="/programme/events/#woot-breakfast">Women of Open')
    assert "Gold Coast Convention and Exhibition Centre, Room 5</p>" in breakfast.abstract
    assert breakfast.room == "Room 5"
    assert breakfast.speaker_keys == []
    assert sum(1 for event in program.events if event.room == "Arena, Room 8, Room 5, Room 6, Room 7") == 8
    assert sum(1 for event in program.events if event.speaker_keys) == 190


@pytest.mark.shared_data
def test_kielux_umlauts_survive_folding_by_characters() -> None:
    program = ical.read(shared_file("ics/giggity-kielux_2020.ics"), ReadOptions())

    assert len(program.events) == 24
    assert program.title == "18. Kieler Open Source und Linux Tage"
    texts = [text for event in program.events for text in (event.title, event.abstract, event.room)]
    assert not any("\ufffd" in text for text in texts)

    opencelium = by_id(program, "460@KOLT20")
    assert opencelium.title == "OpenCelium - Der generische OpenSoure API-Hub"
    assert "Durch eine intuitive Weboberfläche ist kein technisches Wissen" in opencelium.abstract
    assert opencelium.abstract.startswith("Sie möchten wertvolle Daten")  # 'von: …' line moved out
    assert opencelium.room == "Ravensberg"

    xen = by_id(program, "467@KOLT20")
    assert speaker_names(program, xen) == ["Jürgen Groß"]
    assert "<i>die</i>" in xen.abstract
    assert "Öffentlichkeit" in xen.abstract

    writer = by_id(program, "468@KOLT20")
    assert writer.title == "LibreOffice Writer - Kurs für Ein- und Umsteiger"
    assert writer.room == "Laboe"
    assert speaker_names(program, writer) == ["Jean-Frederic Vogelbacher"]
    assert by_id(program, "469@KOLT20").room == "Düsternbrook"


@pytest.mark.shared_data
def test_kielux_utc_times_without_a_zone_are_shown_in_utc_with_a_warning() -> None:
    program = ical.read(shared_file("ics/giggity-kielux_2020.ics"), ReadOptions())

    assert program.time_zone == "UTC"
    assert any("time zone" in warning and "UTC" in warning for warning in program.warnings)
    assert by_id(program, "460@KOLT20").start.isoformat() == "2020-09-18T11:00:00+00:00"


@pytest.mark.shared_data
def test_kielux_times_move_to_the_zone_the_user_gives() -> None:
    program = ical.read(shared_file("ics/giggity-kielux_2020.ics"), ReadOptions(time_zone="Europe/Berlin"))

    assert program.time_zone == "Europe/Berlin"
    assert not any("time zone" in warning for warning in program.warnings)
    opencelium = by_id(program, "460@KOLT20")
    assert opencelium.start.isoformat() == "2020-09-18T13:00:00+02:00"
    assert opencelium.end.isoformat() == "2020-09-18T14:00:00+02:00"


@pytest.mark.shared_data
def test_pycon_uk_speakers_come_out_of_the_summary() -> None:
    program = ical.read(shared_file("ics/pyconuk-2015-schedule.ics"), ReadOptions())

    assert program.title == "PyCon UK 2015 Schedule"
    gil = by_id(program, "20150919T102825Z-7006@testing-worker-linux-docker-88763661-3190-linux-7")
    assert gil.title == "Python's Infamous GIL"
    assert gil.type == "talk"
    assert speaker_names(program, gil) == ["Larry Hastings"]
    assert gil.room == "PythonAnywhere Room (CC1.3)"
    assert gil.start.isoformat() == "2015-09-18T10:30:00+00:00"
    assert gil.abstract == ""  # the description only repeated the link
    assert gil.links == [("Event page", "http://www.pyconuk.org/talks/pythons-infamous-gil/")]

    mobile = event_titled(program, "Python for mobile games on iOS and Android")
    assert speaker_names(program, mobile) == ["Safe Hammad", "Fiona Burrows"]
    research = event_titled(program, "Forming a PyCon UK research community")
    assert program.speakers[research.speaker_keys[0]].affiliation == "University of Wolverhampton"
    assert event_titled(program, "Django Security Workshop").type == "workshop"
    panel = event_titled(program, "Discussion: From data to dissemination - dealing with publications")
    assert panel.speaker_keys == []  # its "(panel by …)" only repeats the title
    assert event_titled(program, "Keynote: Van Lindberg, PSF Chair").room == "PythonAnywhere Room (CC1.3)"
    assert not any("(talk by" in event.title for event in program.events)


@pytest.mark.shared_data
def test_pycon_uk_counts_untitled_and_endless_events() -> None:
    path = shared_file("ics/pyconuk-2015-schedule.ics")
    assert path.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 162

    program = ical.read(path, ReadOptions())

    # 4 of the 162 VEVENTs have an empty SUMMARY and are skipped with a warning each.
    assert len(program.events) == 158
    assert sum(1 for warning in program.warnings if "no title" in warning) == 4
    assert all("\n" not in event.source_id and " " not in event.source_id for event in program.events)
    dinner = event_titled(program, "The PyCon UK Dinner (Ticket required)")
    assert dinner.start == dinner.end
    endless = [warning for warning in program.warnings if "no end time" in warning]
    assert len(endless) == 1 and endless[0].startswith("5 sessions")
    assert "The PyCon UK Dinner (Ticket required)" in endless[0]


# --- hand-written feeds ---------------------------------------------------------------------


def test_a_calendar_without_events_is_an_empty_program(tmp_path: Path) -> None:
    path = write_calendar(tmp_path, "", name="Spring Meeting.ics")

    program = ical.read(path, ReadOptions(time_zone="Europe/London"))

    assert program.events == []
    assert program.title == "Spring Meeting"
    assert program.time_zone == "Europe/London"
    assert program.start_date is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Subject: hello\r\n\r\nNot a calendar\r\n", "is not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Keynote\r\n", "is cut short"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "is a binary file"),
        (b"", "is not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nthis line has no colon\r\nEND:VCALENDAR\r\n", "is not valid iCalendar"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", "is not valid iCalendar"),
    ],
    ids=["not-a-calendar", "truncated", "binary", "empty", "garbage-line", "unbalanced"],
)
def test_unusable_files_raise_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "program.ics"
    path.write_bytes(content)

    with pytest.raises(InputFileError) as raised:
        ical.read(path, ReadOptions())

    assert str(raised.value).startswith("program.ics: ")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot be read"):
        ical.read(tmp_path / "nowhere.ics", ReadOptions())


def test_events_with_invalid_dates_are_skipped_by_name(tmp_path: Path) -> None:
    path = write_calendar(
        tmp_path,
        vevent("UID:1", "SUMMARY:Bad start", "DTSTART:20201345T250000Z", "DTEND:20201301T100000Z")
        + vevent("UID:2", "SUMMARY:Bad end", "DTSTART:20200101T100000Z", "DTEND:tomorrow")
        + vevent("UID:3", "SUMMARY:Good", "DTSTART:20200101T100000Z", "DTEND:20200101T110000Z")
        + vevent("UID:4", "SUMMARY:No start", "DTEND:20200101T110000Z"),
    )

    program = ical.read(path, ReadOptions())

    assert [event.title for event in program.events] == ["Good"]
    assert any("'Bad start'" in warning and "20201345T250000Z" in warning for warning in program.warnings)
    assert any("'Bad end'" in warning and "tomorrow" in warning for warning in program.warnings)
    assert any("'No start'" in warning and "DTSTART" in warning for warning in program.warnings)


def test_duration_all_day_and_missing_end(tmp_path: Path) -> None:
    path = write_calendar(
        tmp_path,
        vevent("UID:a", "SUMMARY:Workshop", "DTSTART;TZID=Europe/Berlin:20240305T140000", "DURATION:PT1H30M")
        + vevent("UID:b", "SUMMARY:Exhibition", "DTSTART;VALUE=DATE:20240306", "DTEND;VALUE=DATE:20240307")
        + vevent("UID:c", "SUMMARY:Dinner", "DTSTART;TZID=Europe/Berlin:20240305T200000"),
        header="X-WR-TIMEZONE:Europe/Berlin\r\n",
    )

    program = ical.read(path, ReadOptions())

    workshop = by_id(program, "a")
    assert workshop.end - workshop.start == timedelta(minutes=90)
    assert workshop.end.isoformat() == "2024-03-05T15:30:00+01:00"
    exhibition = by_id(program, "b")
    assert exhibition.start.isoformat() == "2024-03-06T00:00:00+01:00"
    assert exhibition.end.isoformat() == "2024-03-07T00:00:00+01:00"
    assert any("1 all-day entry" in warning and "'Exhibition'" in warning for warning in program.warnings)
    dinner = by_id(program, "c")
    assert dinner.end == dinner.start
    assert any("no end time" in warning and "'Dinner'" in warning for warning in program.warnings)


def test_declared_zone_wins_and_utc_times_are_shown_in_it(tmp_path: Path) -> None:
    path = write_calendar(
        tmp_path,
        vevent("UID:a", "SUMMARY:Opening", "DTSTART:20240701T070000Z", "DTEND:20240701T080000Z"),
        header="X-WR-CALNAME:Summer Congress\r\nX-WR-TIMEZONE:America/New_York\r\n",
    )

    program = ical.read(path, ReadOptions(time_zone="Asia/Tokyo"))

    assert program.title == "Summer Congress"
    assert program.time_zone == "America/New_York"
    opening = by_id(program, "a")
    assert opening.start.isoformat() == "2024-07-01T03:00:00-04:00"
    assert opening.start == datetime(2024, 7, 1, 7, 0, tzinfo=timezone.utc)


def test_zone_of_most_events_is_the_conference_zone(tmp_path: Path) -> None:
    path = write_calendar(
        tmp_path,
        vevent("UID:a", "SUMMARY:A", "DTSTART;TZID=Europe/Vienna:20240910T090000", "DURATION:PT1H")
        + vevent("UID:b", "SUMMARY:B", "DTSTART;TZID=Europe/Vienna:20240910T110000", "DURATION:PT1H")
        + vevent("UID:c", "SUMMARY:C", "DTSTART;TZID=Europe/London:20240910T090000", "DURATION:PT1H"),
    )

    program = ical.read(path, ReadOptions())

    assert program.time_zone == "Europe/Vienna"
    assert by_id(program, "c").start.isoformat() == "2024-09-10T10:00:00+02:00"


def test_floating_and_unknown_zone_times_take_the_given_zone(tmp_path: Path) -> None:
    path = write_calendar(
        tmp_path,
        vevent("UID:a", "SUMMARY:Floating", "DTSTART:20240402T090000", "DTEND:20240402T100000")
        + vevent("UID:b", "SUMMARY:Odd zone", "DTSTART;TZID=Conference Local:20240402T110000",
                 "DTEND;TZID=Conference Local:20240402T120000"),
    )

    program = ical.read(path, ReadOptions(time_zone="Europe/Berlin"))

    assert program.time_zone == "Europe/Berlin"
    assert by_id(program, "a").start.isoformat() == "2024-04-02T09:00:00+02:00"
    assert by_id(program, "b").start.isoformat() == "2024-04-02T11:00:00+02:00"
    assert sum(1 for warning in program.warnings if "'Conference Local' is not known" in warning) == 1


def test_unknown_fallback_zone_falls_back_to_utc_with_a_warning(tmp_path: Path) -> None:
    path = write_calendar(tmp_path, vevent("UID:a", "SUMMARY:A", "DTSTART:20240402T090000"))

    program = ical.read(path, ReadOptions(time_zone="Mars/Olympus_Mons"))

    assert program.time_zone == "UTC"
    assert any("'Mars/Olympus_Mons' is not known" in warning for warning in program.warnings)
    assert by_id(program, "a").start.isoformat() == "2024-04-02T09:00:00+00:00"


def test_attendees_categories_and_the_calendar_owner(tmp_path: Path) -> None:
    owner = "ORGANIZER;CN=Congress Office:mailto:office@example.org"
    path = write_calendar(
        tmp_path,
        vevent("UID:a", "SUMMARY:Vascular access", "DTSTART:20240402T090000Z", "DURATION:PT45M", owner,
               'ATTENDEE;CN="Dr. Ana Müller";ROLE=REQ-PARTICIPANT:mailto:ana@example.org',
               "ATTENDEE;CN=Li Wei:mailto:li@example.org",
               "CATEGORIES:Vascular,Hands-on", "LOCATION:Hall B")
        + vevent("UID:b", "SUMMARY:Coffee", "DTSTART:20240402T100000Z", "DURATION:PT15M", owner),
    )

    program = ical.read(path, ReadOptions())

    session = by_id(program, "a")
    assert speaker_names(program, session) == ["Dr. Ana Müller", "Li Wei"]
    assert session.speaker_keys == ["name:dr. ana müller", "name:li wei"]
    assert session.track == "Vascular, Hands-on"
    assert session.room == "Hall B"
    assert by_id(program, "b").speaker_keys == []  # the organizer of every event is not a speaker
    assert "name:congress office" not in program.speakers


def test_organizer_of_one_event_is_its_speaker(tmp_path: Path) -> None:
    path = write_calendar(
        tmp_path,
        vevent("UID:a", "SUMMARY:Suturing lab", "DTSTART:20240402T090000Z", "DURATION:PT1H",
               "ORGANIZER;CN=Sam Okafor:mailto:sam@example.org")
        + vevent("UID:b", "SUMMARY:Break", "DTSTART:20240402T100000Z", "DURATION:PT15M"),
    )

    program = ical.read(path, ReadOptions())

    assert speaker_names(program, by_id(program, "a")) == ["Sam Okafor"]


def test_cancelled_and_repeating_events(tmp_path: Path) -> None:
    path = write_calendar(
        tmp_path,
        vevent("UID:a", "SUMMARY:Withdrawn talk", "STATUS:CANCELLED",
               "DTSTART:20240402T090000Z", "DURATION:PT1H")
        + vevent("UID:b", "SUMMARY:Daily briefing", "DTSTART:20240402T080000Z", "DURATION:PT15M",
                 "RRULE:FREQ=DAILY;COUNT=3"),
    )

    program = ical.read(path, ReadOptions())

    # Every occurrence is a session of its own (see test_ical_recurrence.py for more).
    assert [event.title for event in program.events] == ["Daily briefing"] * 3
    assert [event.source_id for event in program.events] == [
        "b/20240402T080000Z", "b/20240403T080000Z", "b/20240404T080000Z"
    ]
    assert any("'Withdrawn talk'" in warning and "cancelled" in warning for warning in program.warnings)


def test_a_windows_1252_feed_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.ics"
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Eröffnung – Grußwort\r\n"
        "DTSTART:20240402T090000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path.write_bytes(text.encode("cp1252"))

    program = ical.read(path, ReadOptions())

    assert program.events[0].title == "Eröffnung – Grußwort"
    assert any("not UTF-8" in warning and "Windows-1252" in warning for warning in program.warnings)


def test_an_end_that_is_no_date_skips_only_that_session_with_a_warning(tmp_path: Path) -> None:
    """Found by fuzzing: a damaged DTEND once ended the import with AttributeError instead of a warning."""
    path = tmp_path / "damaged.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-TIMEZONE:Europe/London\r\n"
        b"BEGIN:VEVENT\r\nUID:a@test\r\nSUMMARY:Kept\r\nDTSTART:20150918T080000Z\r\nDTEND:20150918T083000Z\r\n"
        b"END:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:b@test\r\nSUMMARY:Damaged\r\nDTSTART:20150918T090000Z\r\n"
        b"DTEND:202009\r\nEND:VEVENT\r\n"  # a time of day with no date
        b"END:VCALENDAR\r\n"
    )
    program = ical.read(path, ReadOptions())
    assert [e.title for e in program.events] == ["Kept"]
    assert any("Damaged" in w and "202009" in w and "is not a valid date" in w for w in program.warnings)


def test_a_line_the_icalendar_library_trips_over_is_a_one_line_refusal(tmp_path: Path) -> None:
    """Found by fuzzing: a damaged VALUE= parameter made icalendar raise AttributeError."""
    path = tmp_path / "damaged.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@test\r\nSUMMARY:Talk\r\n"
        b"DTSTART:20200114T180000Z\r\nDTEND;TZID=Australia/Brisbane;VALUE=DD\xef\xbf\xbd,XATE-TIME:20200114T190000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(InputFileError, match=r"^damaged\.ics: is not valid iCalendar"):
        ical.read(path, ReadOptions())


def test_a_time_zone_name_too_long_to_look_up_is_a_one_line_refusal(tmp_path: Path) -> None:
    """Found by fuzzing: a TZID thousands of characters long made the zone lookup raise OSError."""
    path = tmp_path / "long-zone.ics"
    zone = "Australia/Brisb" + "A" * 5000 + "ane"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:UTC\r\nBEGIN:VEVENT\r\nUID:a@test\r\nSUMMARY:Talk\r\n"
        f"DTSTART;TZID={zone}:20200114T180000\r\nDTEND;TZID={zone}:20200114T190000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match=r"^long-zone\.ics: is not valid iCalendar: a line it cannot read"):
        ical.read(path, ReadOptions())
