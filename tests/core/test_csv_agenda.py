"""The CSV agenda reader: column guessing, mapping, dates and times, on real and small agendas."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.importers import csv_agenda, csv_times
from conference_app.core.importers.csv_agenda import CsvMappingNeeded, FirstDayNeeded
from conference_app.core.importers.program import ReadOptions
from tests.conftest import shared_file
from tests.parsed_program import event_titled, speaker_names

CAMP99_FIRST_DAY = date(1999, 8, 6)  # a Friday: the camp ran Friday to Sunday


def write_csv(tmp_path: Path, text: str, name: str = "agenda.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- voctosched GPN11: dates, day numbers, H:MM durations, id:name speakers -----------------


@pytest.mark.shared_data
def test_gpn11_columns_are_all_recognised() -> None:
    layout = csv_agenda.inspect(shared_file("csv/voctosched-gpn11.csv"))

    assert layout.mapping == {
        "Room": "room", "Date": "date", "Day": "day", "Start": "start", "Duration": "duration",
        "Title": "title", "ID": "id", "Abstract": "abstract", "Description": "description",
        "Language": "language", "Speakers": "speakers", "File URL": "url",
    }
    assert layout.unmapped == []
    assert layout.missing == []
    assert layout.has_dates and not layout.needs_first_day
    assert layout.day_kind == "numbers"
    assert layout.delimiter == ","
    assert layout.row_count == 29


@pytest.mark.shared_data
def test_gpn11_sessions_with_durations_and_speaker_ids() -> None:
    program = csv_agenda.read(shared_file("csv/voctosched-gpn11.csv"), ReadOptions(time_zone="Europe/Berlin"))

    assert len(program.events) == 29
    assert program.time_zone == "Europe/Berlin"
    assert program.source_format == "csv"
    assert program.warnings == []
    assert (program.start_date, program.end_date) == (date(2011, 6, 23), date(2011, 6, 26))

    first = event_titled(program, "What to hack")
    assert first.source_id == "1"
    assert first.room == "GroßesStudio"
    assert first.start.isoformat() == "2011-06-23T19:00:00+02:00"
    assert first.end.isoformat() == "2011-06-23T20:30:00+02:00"  # duration '1:30'
    assert first.day_index == 1
    assert first.language == "de"
    assert first.links == [("File URL", "https://entropia.de/images/9/90/Gpn11-what-to-hack.mkv")]

    nights = event_titled(program, "1001 Programmiernächte")
    assert nights.end.isoformat() == "2011-06-25T22:00:00+02:00"  # '1:15'
    short = event_titled(program, "Weltraumprogrammiernacht")
    assert short.end - short.start == timedelta(minutes=30)  # '0:30'
    gsm = event_titled(program, "GSM")
    assert gsm.speaker_keys == ["id:10", "id:11"]
    assert speaker_names(program, gsm) == ["Konrad Meier", "Dennis Wehrle"]
    assert event_titled(program, "Wavelets").language == "en"
    assert program.speakers["id:1"].name == "diverse"


@pytest.mark.shared_data
def test_gpn11_after_midnight_session_stays_on_its_day_and_text_is_intact() -> None:
    program = csv_agenda.read(shared_file("csv/voctosched-gpn11.csv"), ReadOptions(time_zone="Europe/Berlin"))

    gamejam = event_titled(program, "Ergebnisse Gamejam")
    assert gamejam.start.isoformat() == "2011-06-26T00:00:00+02:00"
    assert gamejam.day_index == 3  # the Day column, not the calendar date
    couchdb = event_titled(program, "CouchDB")
    assert couchdb.description.startswith("CouchDB ist ein\n\n    schema")  # multi-line cell kept
    assert "LÖVE ist ein Framework" in event_titled(program, "Game On").description
    assert speaker_names(program, event_titled(program, "Einführung in Go")) == ["Hauke Löffler"]


# --- CCC camp 1999: German day names, integer hours, no durations ---------------------------


@pytest.mark.shared_data
def test_camp99_needs_a_first_day() -> None:
    path = shared_file("csv/voc-schedule-camp99.csv")

    with pytest.raises(FirstDayNeeded) as raised:
        csv_agenda.read(path, ReadOptions())

    assert str(raised.value) == (
        "voc-schedule-camp99.csv: has day names but no dates; "
        "give the conference's first day with --first-day YYYY-MM-DD"
    )
    assert isinstance(raised.value, InputFileError)
    assert raised.value.layout.mapping == {
        "day": "day", "start_hour": "start", "persons": "speakers", "room": "room",
        "title": "title", "description": "description",
    }


@pytest.mark.shared_data
def test_camp99_with_a_first_day_places_german_weekdays() -> None:
    program = csv_agenda.read(
        shared_file("csv/voc-schedule-camp99.csv"),
        ReadOptions(first_day=CAMP99_FIRST_DAY, time_zone="Europe/Berlin"),
    )

    assert len(program.events) == 32
    assert (program.start_date, program.end_date) == (date(1999, 8, 6), date(1999, 8, 8))
    opening = event_titled(program, "How To Leave The Planet")
    assert opening.start.isoformat() == "1999-08-06T12:00:00+02:00"
    assert opening.end.isoformat() == "1999-08-06T13:00:00+02:00"  # assumed 60 minutes
    assert opening.day_index == 1
    assert opening.room == "WS2"
    assert opening.description == "Welcome To The Camp.\nJoin The Crew.\n\nIntroduction To The Camp"
    assert event_titled(program, "Generic Bidirectional Mapper").start.isoformat() == "1999-08-07T16:00:00+02:00"
    sunday = event_titled(program, "Das Chaos-CD Projekt")
    assert (sunday.start.isoformat(), sunday.day_index) == ("1999-08-08T14:00:00+02:00", 3)
    assert any("no end times or durations" in w and "60 minutes" in w for w in program.warnings)


@pytest.mark.shared_data
def test_camp99_hour_24_is_midnight_of_the_same_conference_day() -> None:
    program = csv_agenda.read(
        shared_file("csv/voc-schedule-camp99.csv"), ReadOptions(first_day=CAMP99_FIRST_DAY)
    )

    late = event_titled(program, "Linux Security Summit")
    assert late.start.isoformat() == "1999-08-07T00:00:00+00:00"
    assert late.day_index == 1
    assert any("taken as UTC" in warning for warning in program.warnings)


@pytest.mark.shared_data
def test_camp99_quotes_umlauts_and_speakers() -> None:
    program = csv_agenda.read(
        shared_file("csv/voc-schedule-camp99.csv"), ReadOptions(first_day=CAMP99_FIRST_DAY)
    )

    assert event_titled(program, '"How to ask for help on the net" -- finding information')
    smart_cards = event_titled(program, "Secure and Fast Hard disk (and Pilot) Encryption with Smart Cards")
    assert speaker_names(program, smart_cards) == ["Rüdiger Weis", "Stefan Lucks"]
    assert event_titled(program, "Holographie Einführung").description.startswith("Claus gibt einen")
    careers = event_titled(program, "Careerpunks")
    assert careers.description.startswith('"A Career in Mischief: Cypherpunks in Corporate Security"\n')
    variety = event_titled(program, "Hacker Variety Pack")
    assert "et. al." not in speaker_names(program, variety)
    assert speaker_names(program, variety)[-1] == "Ian Goldberg"
    assert event_titled(program, "Biometric Insecurity").speaker_keys == []


@pytest.mark.shared_data
def test_camp99_weekdays_are_anchored_on_the_first_days_weekday() -> None:
    thursday = date(1999, 8, 5)

    program = csv_agenda.read(shared_file("csv/voc-schedule-camp99.csv"), ReadOptions(first_day=thursday))

    opening = event_titled(program, "How To Leave The Planet")
    assert (opening.start.date(), opening.day_index) == (date(1999, 8, 6), 2)


# --- 31C3 Sendezentrum: empty header, DD/MM/YY, 12-hour times -------------------------------


@pytest.mark.shared_data
def test_sendezentrum_layout_guesses_the_unnamed_day_column() -> None:
    layout = csv_agenda.inspect(shared_file("csv/voc-schedule-sendezentrum_31C3.csv"))

    assert layout.headers == ["", "Date ", "Time Start", "Time End", "Podcast", "Titel", "Teilnehmer"]
    assert layout.mapping == {
        "": "day", "Date ": "date", "Time Start": "start", "Time End": "end",
        "Podcast": "track", "Titel": "title", "Teilnehmer": "speakers",
    }
    assert layout.has_dates and layout.day_first


@pytest.mark.shared_data
def test_sendezentrum_twelve_hour_times_and_short_dates() -> None:
    program = csv_agenda.read(
        shared_file("csv/voc-schedule-sendezentrum_31C3.csv"), ReadOptions(time_zone="Europe/Berlin")
    )

    assert len(program.events) == 21  # every row, the untitled one too
    intro = event_titled(program, "Der Einstieg ins Podcasten")  # outer quotes dropped
    assert intro.start.isoformat() == "2014-12-27T14:00:00+01:00"
    assert intro.end.isoformat() == "2014-12-27T15:00:00+01:00"
    assert intro.track == "Workshop"  # trailing space trimmed
    assert speaker_names(program, intro) == ["Daniel Meßner"]
    publisher = event_titled(program, "Podlove Publisher")
    assert publisher.end.isoformat() == "2014-12-28T16:30:00+01:00"  # '04:30 p.m.'
    reunion = event_titled(program, "DIE Reunion")
    assert reunion.start.isoformat() == "2014-12-30T00:00:00+01:00"  # '0:00 a.m.'
    assert reunion.end.isoformat() == "2014-12-30T02:00:00+01:00"
    review = event_titled(program, "Jahresrückblick")
    assert review.end.isoformat() == "2014-12-29T23:59:00+01:00"
    podcast = event_titled(program, "Die falsche 42")
    assert speaker_names(program, podcast) == ["Nicolas Wöhrl", "Reinhard Remfort"]
    assert event_titled(program, "#31c3-Special").track == "Logbuch Netzpolitik"
    assert [event.speaker_keys for event in program.events if event.track == "tbd"] == [[]]


@pytest.mark.shared_data
def test_sendezentrum_untitled_row_and_unknown_end_are_reported() -> None:
    program = csv_agenda.read(shared_file("csv/voc-schedule-sendezentrum_31C3.csv"), ReadOptions())

    # Row 9 has a podcast (the track) and three speakers but no title: kept, named by its track.
    assert "row 9: no title; shown as 'Staatsbürgerkunde'" in program.warnings
    untitled = event_titled(program, "Staatsbürgerkunde")
    assert untitled.track == "Staatsbürgerkunde"
    assert speaker_names(program, untitled) == ["Martin Fischer", "Martin Haase", "Constanze Kurz"]
    assert untitled.start.isoformat() == "2014-12-28T17:00:00+00:00"  # no zone given: UTC
    last = event_titled(program, "#31C3-Rückblick")
    assert last.end - last.start == timedelta(minutes=60)
    assert "row 22 ('#31C3-Rückblick'): end 'tbd' not understood; assumed 60 minutes" in program.warnings


# --- mapping ---------------------------------------------------------------------------------

def test_no_title_column_asks_for_a_mapping_then_reads_with_one(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "Datum,Vortrag,Beginn,Saal\n"
        "2024-05-14,Wundheilung heute,09:00,Saal A\n"
        "2024-05-14,Laparoskopie-Grundkurs,10:30,Saal B\n",
    )

    with pytest.raises(CsvMappingNeeded) as raised:
        csv_agenda.read(path, ReadOptions())

    assert str(raised.value) == (
        "agenda.csv: cannot tell which column holds the session title; map it with "
        "--map COLUMN=title (its columns are: 'Datum', 'Vortrag', 'Beginn', 'Saal')"
    )
    assert raised.value.layout.missing == ["title"]
    assert raised.value.layout.unmapped == ["Vortrag"]

    program = csv_agenda.read(path, ReadOptions(column_map={"vortrag ": "title"}, time_zone="Europe/Vienna"))

    assert [event.title for event in program.events] == ["Wundheilung heute", "Laparoskopie-Grundkurs"]
    assert program.events[1].start.isoformat() == "2024-05-14T10:30:00+02:00"
    assert program.events[1].room == "Saal B"


def test_no_title_or_start_names_both(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Was,Wann\nVisite,08:00\n")

    with pytest.raises(CsvMappingNeeded, match="title and the start time") as raised:
        csv_agenda.read(path, ReadOptions())

    assert raised.value.layout.missing == ["title", "start"]


def test_column_map_overrides_ignores_and_uses_positions(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, "Date,Start,Title,Summary,Notes\n2024-05-14,09:00,Keynote,Short,Internal note\n"
    )

    program = csv_agenda.read(
        path, ReadOptions(column_map={"Summary": "ignore", "5": "abstract"}, time_zone="UTC")
    )

    assert program.events[0].abstract == "Internal note"
    layout = csv_agenda.inspect(path, {"Title": "", "Notes": "title"})
    assert layout.mapping == {"Date": "date", "Start": "start", "Summary": "abstract", "Notes": "title"}
    assert layout.unmapped == ["Title"]


@pytest.mark.parametrize(
    ("column_map", "message"),
    [
        ({"Speaker": "speakers"}, "has no column 'Speaker'"),
        ({"Title": "headline"}, "cannot map 'Title' to 'headline'"),
    ],
)
def test_bad_column_maps_are_input_errors(tmp_path: Path, column_map: dict[str, str], message: str) -> None:
    path = write_csv(tmp_path, "Date,Start,Title\n2024-05-14,09:00,Keynote\n")

    with pytest.raises(InputFileError, match=message):
        csv_agenda.read(path, ReadOptions(column_map=column_map))


# --- rows, formats, encodings ----------------------------------------------------------------


def test_unparseable_start_rows_are_skipped_by_row_number(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "Title,Date,Start,End\n"
        "Opening,2024-05-14,09:00,09:30\n"
        "Lunch,2024-05-14,after the session,\n"
        "\n"
        '"Panel: ""Complications""",2024-05-14,13:00,14:15\n'
        "Closing,14/05/2024,,\n",
    )

    program = csv_agenda.read(path, ReadOptions(time_zone="Europe/Berlin"))

    assert [event.title for event in program.events] == ["Opening", 'Panel: "Complications"']
    assert "row 3 ('Lunch'): start time 'after the session' not understood; skipped" in program.warnings
    assert "row 6 ('Closing'): no start time; skipped" in program.warnings
    assert program.events[1].end.isoformat() == "2024-05-14T14:15:00+02:00"


def test_semicolons_dotted_dates_and_windows_1252(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "Datum;Beginn;Ende;Titel;Raum;Referent\r\n"
        "15.03.2024;9:30;11:00;Nahttechniken für Einsteiger;Hörsaal 1;Dr. Jürgen Weiß und Ana Pérez\r\n",
        encoding="cp1252",
    )

    program = csv_agenda.read(path, ReadOptions(time_zone="Europe/Berlin"))

    event = program.events[0]
    assert event.title == "Nahttechniken für Einsteiger"
    assert event.room == "Hörsaal 1"
    assert event.start.isoformat() == "2024-03-15T09:30:00+01:00"
    assert speaker_names(program, event) == ["Dr. Jürgen Weiß", "Ana Pérez"]
    assert any("not UTF-8" in warning for warning in program.warnings)
    assert csv_agenda.inspect(path).delimiter == ";"


def test_tabs_bom_full_datetimes_and_a_session_past_midnight(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "\ufeffSession Title\tStart Time\tEnd Time\tTrack\n"
        "Night shift simulation\t2024-10-02 22:30\t2024-10-03 00:15\tSimulation\n"
        "Handover\t2024-10-03T07:00:00+02:00\t07:45\tWard\n",
    )

    program = csv_agenda.read(path, ReadOptions(time_zone="Europe/Paris"))

    night, handover = program.events
    assert night.start.isoformat() == "2024-10-02T22:30:00+02:00"
    assert night.end.isoformat() == "2024-10-03T00:15:00+02:00"
    assert night.track == "Simulation"
    assert handover.end.isoformat() == "2024-10-03T07:45:00+02:00"
    assert csv_agenda.inspect(path).headers[0] == "Session Title"


def test_month_first_slash_dates_are_read_for_the_whole_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Date,Time,Title\n03/04/2024,2pm,Grand rounds\n03/25/2024,9am,Journal club\n")

    program = csv_agenda.read(path, ReadOptions(time_zone="America/Chicago"))

    assert [event.start.isoformat() for event in program.events] == [
        "2024-03-04T14:00:00-06:00",
        "2024-03-25T09:00:00-05:00",
    ]


def test_day_numbers_with_a_first_day(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Day,Start,Duration,Title\n1,08:00,01:30:00,Welcome\nDay 2,14,45,Workshop\n")

    with pytest.raises(FirstDayNeeded, match="has day numbers but no dates"):
        csv_agenda.read(path, ReadOptions())
    program = csv_agenda.read(path, ReadOptions(first_day=date(2024, 6, 3), time_zone="Europe/London"))

    welcome, workshop = program.events
    assert (welcome.start.isoformat(), welcome.end.isoformat()) == (
        "2024-06-03T08:00:00+01:00",
        "2024-06-03T09:30:00+01:00",
    )
    assert (workshop.start.isoformat(), workshop.day_index) == ("2024-06-04T14:00:00+01:00", 2)
    assert workshop.end - workshop.start == timedelta(minutes=45)


@pytest.mark.parametrize(
    ("text", "minutes_after_midnight"),
    [("14", 840), ("9:05", 545), ("2:00 p.m.", 840), ("04:30 p.m.", 990), ("2pm", 840), ("12:00 p.m.", 720),
     ("12:30 a.m.", 30), ("0:00 a.m.", 0), ("14.30", 870), ("25:30", 1530), ("18:00 Uhr", 1080)],
)
def test_time_formats(text: str, minutes_after_midnight: int) -> None:
    assert csv_times.parse_clock(text) == timedelta(minutes=minutes_after_midnight)


@pytest.mark.parametrize("text", ["tbd", "13pm", "9:75", "48:00", ""])
def test_times_that_are_not_times(text: str) -> None:
    assert csv_times.parse_clock(text) is None


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("1:30", 90), ("90", 90), ("01:30:00", 90), ("45 min", 45), ("1.5h", 90), ("2 Std", 120),
     ("PT1H15M", 75)],
)
def test_duration_formats(text: str, minutes: int) -> None:
    assert csv_times.parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\r\n \r\n", "is empty"),
     (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "is a binary file")],
    ids=["empty", "blank-lines", "binary"],
)
def test_unusable_files_raise_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "agenda.csv"
    path.write_bytes(content)

    with pytest.raises(InputFileError) as raised:
        csv_agenda.read(path, ReadOptions())

    assert str(raised.value).startswith(f"agenda.csv: {message}")


def test_fields_list_every_target() -> None:
    assert list(csv_agenda.FIELDS)[:2] == ["title", "start"]
    assert {"end", "duration", "date", "day", "room", "track", "type", "speakers", "abstract",
            "description", "id", "language", "url", "subtitle"} <= set(csv_agenda.FIELDS)


def test_a_date_column_of_weekday_names_is_read_as_days(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Date,Time,Title\nMonday,9:00,Trauma update\nTue,10:00,Hernia repair\n")

    layout = csv_agenda.inspect(path)
    program = csv_agenda.read(path, ReadOptions(first_day=date(2024, 9, 9), time_zone="Europe/Dublin"))

    assert layout.mapping == {"Date": "day", "Time": "start", "Title": "title"}
    assert [(event.start.isoformat(), event.day_index) for event in program.events] == [
        ("2024-09-09T09:00:00+01:00", 1),
        ("2024-09-10T10:00:00+01:00", 2),
    ]


def test_column_names_in_a_refusal_stay_on_one_line(tmp_path: Path) -> None:
    """Found by fuzzing: a header cell holding an abstract with line breaks made a refusal of many lines."""
    path = tmp_path / "odd.csv"
    path.write_text('"first","second","CouchDB ist ein\n\n    schema free\n    document oriented database HTTP server"\n'
                    "a,b,c\n", encoding="utf-8")
    with pytest.raises(CsvMappingNeeded) as refused:
        csv_agenda.read(path, ReadOptions())
    message = str(refused.value)
    assert "\n" not in message
    assert "'CouchDB ist ein schema free document or…'" in message
