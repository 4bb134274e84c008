"""Sessions across the nights the clocks change: lengths are absolute time in every format, the agenda
sees no false clash in the repeated hour, and the calendar export names the right one of two 02:40s."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from conference_app.core.importers.program import ParsedEvent, ReadOptions
from conference_app.core.services.program import SessionFilter
from conference_app.core.services.program_import import read_program
from conference_app.core.workspace import Workspace

UTC = timezone.utc
TWO_HOURS = timedelta(hours=2)


@dataclass(frozen=True)
class Change:
    """A two-hour session that starts before a clock change and ends after it."""

    name: str
    zone: str
    local_start: str  # wall time with the offset in force then
    utc_end: datetime

    @property
    def start(self) -> datetime:
        return datetime.fromisoformat(self.local_start)


CHANGES = [
    # Berlin, 25 Oct 2026: 03:00 CEST becomes 02:00 CET. 01:30 CEST + 2 h is 02:30 CET.
    Change("berlin-autumn", "Europe/Berlin", "2026-10-25T01:30:00+02:00", datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    # Berlin, 29 Mar 2026: 02:00 CET becomes 03:00 CEST. 01:30 CET + 2 h is 04:30 CEST.
    Change("berlin-spring", "Europe/Berlin", "2026-03-29T01:30:00+01:00", datetime(2026, 3, 29, 2, 30, tzinfo=UTC)),
    # Chicago, 1 Nov 2026: 02:00 CDT becomes 01:00 CST. 00:30 CDT + 2 h is the second 01:30 (CST).
    Change("chicago-autumn", "America/Chicago", "2026-11-01T00:30:00-05:00", datetime(2026, 11, 1, 7, 30, tzinfo=UTC)),
    # Chicago, 8 Mar 2026: 02:00 CST becomes 03:00 CDT. 01:30 CST + 2 h is 04:30 CDT.
    Change("chicago-spring", "America/Chicago", "2026-03-08T01:30:00-06:00", datetime(2026, 3, 8, 9, 30, tzinfo=UTC)),
]
IDS = [change.name for change in CHANGES]


def frab_file(folder: Path, zone: str, sessions: list[tuple[str, str, str]]) -> Path:
    """(id, <date> text, <duration>) per session, all in one room of one day."""
    events = "".join(
        f'<event guid="{sid}"><date>{stamp}</date><start>{stamp[11:16]}</start><duration>{duration}</duration>'
        f"<room>Hall A</room><title>Session {sid}</title></event>"
        for sid, stamp, duration in sessions
    )
    day = sessions[0][1][:10]
    path = folder / "night.xml"
    path.write_text(
        f"<schedule><conference><acronym>night</acronym><title>Night Congress</title>"
        f"<time_zone_name>{zone}</time_zone_name></conference>"
        f'<day index="1" date="{day}"><room name="Hall A">{events}</room></day></schedule>',
        encoding="utf-8",
    )
    return path


def json_v1_file(folder: Path, zone: str, stamp: str, duration: str) -> Path:
    session = {
        "guid": "j1",
        "id": 1,
        "title": "Night talk",
        "date": stamp,
        "start": stamp[11:16],
        "duration": duration,
        "room": "Hall A",
        "persons": [],
    }
    day = {"index": 1, "date": stamp[:10], "rooms": {"Hall A": [session]}}
    document = {
        "schedule": {
            "version": "1",
            "conference": {"acronym": "night", "title": "Night Congress", "time_zone_name": zone, "days": [day]},
        }
    }
    path = folder / "night.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def json_v2_file(folder: Path, zone: str, stamp: str, duration: str) -> Path:
    event = {"guid": "j2", "title": "Night talk", "start": stamp, "duration": duration}
    document = {
        "schedule": {
            "version": "2",
            "conference": {"acronym": "night", "title": "Night Congress", "time_zone_name": zone},
            "events": [event],
        }
    }
    path = folder / "night-v2.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def ics_file(folder: Path, *vevents: str, zone: str = "") -> Path:
    header = f"X-WR-TIMEZONE:{zone}\r\n" if zone else ""
    path = folder / "night.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{header}{''.join(vevents)}END:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    return path


def vevent(uid: str, *lines: str) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:Session {uid}\r\n"
        + "".join(f"{line}\r\n" for line in lines)
        + "END:VEVENT\r\n"
    )


def csv_file(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = folder / "night.csv"
    path.write_text("Title,Start,Duration\n" + "".join(f"{t},{s},{d}\n" for t, s, d in rows), encoding="utf-8")
    return path


def only_event(path: Path, zone: str = "") -> ParsedEvent:
    program = read_program(path, ReadOptions(time_zone=zone))
    assert len(program.events) == 1, program.warnings
    return program.events[0]


def assert_two_hours(event: ParsedEvent, change: Change) -> None:
    assert event.start.astimezone(UTC) == change.start.astimezone(UTC)
    assert event.end.astimezone(UTC) == change.utc_end
    assert event.end.astimezone(UTC) - event.start.astimezone(UTC) == TWO_HOURS
    assert event.end.utcoffset() == change.utc_end.astimezone(ZoneInfo(change.zone)).utcoffset()


# --- lengths are absolute, in every format ------------------------------------------------------


@pytest.mark.parametrize("change", CHANGES, ids=IDS)
def test_frab_session_across_a_clock_change_lasts_its_duration(tmp_path: Path, change: Change) -> None:
    assert_two_hours(only_event(frab_file(tmp_path, change.zone, [("a", change.local_start, "02:00")])), change)


@pytest.mark.parametrize("change", CHANGES, ids=IDS)
def test_frab_session_with_only_a_day_and_clock_lasts_its_duration(tmp_path: Path, change: Change) -> None:
    # No full <date>: the day's date plus <start> in the conference zone.
    path = frab_file(tmp_path, change.zone, [("a", change.local_start, "02:00")])
    path.write_text(path.read_text(encoding="utf-8").replace(f"<date>{change.local_start}</date>", ""), "utf-8")
    assert_two_hours(only_event(path), change)


@pytest.mark.parametrize("change", CHANGES, ids=IDS)
def test_json_v1_and_v2_sessions_across_a_clock_change_last_their_duration(tmp_path: Path, change: Change) -> None:
    assert_two_hours(only_event(json_v1_file(tmp_path, change.zone, change.local_start, "02:00")), change)
    assert_two_hours(only_event(json_v2_file(tmp_path, change.zone, change.local_start, "PT2H")), change)


@pytest.mark.parametrize("change", CHANGES, ids=IDS)
def test_ics_session_across_a_clock_change_lasts_its_duration(tmp_path: Path, change: Change) -> None:
    local = change.start.strftime("%Y%m%dT%H%M%S")
    path = ics_file(tmp_path, vevent("a", f"DTSTART;TZID={change.zone}:{local}", "DURATION:PT2H"))
    assert_two_hours(only_event(path), change)


@pytest.mark.parametrize("change", CHANGES, ids=IDS)
def test_csv_session_across_a_clock_change_lasts_its_duration(tmp_path: Path, change: Change) -> None:
    start = change.start.strftime("%Y-%m-%d %H:%M")  # local wall time, read in the chosen zone
    assert_two_hours(only_event(csv_file(tmp_path, [("Night talk", start, "2:00")]), change.zone), change)
    assert_two_hours(only_event(csv_file(tmp_path, [("Night talk", start, "120")]), change.zone), change)


def test_a_session_in_the_repeated_hour_ends_after_it_starts_in_every_format(tmp_path: Path) -> None:
    second = "2026-10-25T02:40:00+01:00"  # the second 02:40 in Berlin, 01:40 UTC
    starts, ends = datetime(2026, 10, 25, 1, 40, tzinfo=UTC), datetime(2026, 10, 25, 1, 50, tzinfo=UTC)
    berlin = "Europe/Berlin"
    events = {
        "frab": only_event(frab_file(tmp_path, berlin, [("a", second, "00:10")])),
        "json v1": only_event(json_v1_file(tmp_path, berlin, second, "00:10")),
        "json v2": only_event(json_v2_file(tmp_path, berlin, second, "PT10M")),
        "ical": only_event(ics_file(tmp_path, vevent("a", "DTSTART:20261025T014000Z", "DURATION:PT10M"), zone=berlin)),
        "csv": only_event(csv_file(tmp_path, [("Late", second, "10")]), berlin),
    }
    for name, event in events.items():
        assert (event.start.astimezone(UTC), event.end.astimezone(UTC)) == (starts, ends), name
        assert event.start.utcoffset() == timedelta(hours=1), name  # shown as CET, the second 02:40


def test_json_v2_end_in_the_repeated_hour_is_after_a_start_with_a_later_wall_clock(tmp_path: Path) -> None:
    # 02:50 CEST to 02:10 CET is 20 minutes, though 02:10 is earlier on the wall clock.
    event = {
        "guid": "j",
        "title": "Across",
        "start": "2026-10-25T02:50:00+02:00",
        "end": "2026-10-25T02:10:00+01:00",
        "duration": "PT5M",
    }
    document = {"schedule": {"conference": {"title": "Night", "time_zone_name": "Europe/Berlin"}, "events": [event]}}
    path = tmp_path / "night.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    parsed = only_event(path)

    assert parsed.end.astimezone(UTC) - parsed.start.astimezone(UTC) == timedelta(minutes=20)


@pytest.mark.parametrize("change", CHANGES, ids=IDS)
def test_stored_sessions_keep_their_absolute_length(workspace: Workspace, tmp_path: Path, change: Change) -> None:
    path = frab_file(tmp_path, change.zone, [("a", change.local_start, "02:00")])
    conference_id = workspace.program.import_program(path).value.conference_id

    (row,) = workspace.program.sessions(SessionFilter(conference_id))

    assert row.end.astimezone(UTC) - row.start.astimezone(UTC) == TWO_HOURS
    assert row.end.astimezone(UTC) == change.utc_end


# --- the agenda and its calendar export ---------------------------------------------------------


def _night_program(workspace: Workspace, tmp_path: Path) -> dict[str, int]:
    """Berlin, 25 Oct: 'a' 02:10–02:30 CEST, 'b' 02:15–02:45 CET (an hour later), 'c' 01:30 CEST–02:30 CET,
    'd' 10:00–10:30 CET."""
    path = frab_file(
        tmp_path,
        "Europe/Berlin",
        [
            ("a", "2026-10-25T02:10:00+02:00", "00:20"),
            ("b", "2026-10-25T02:15:00+01:00", "00:30"),
            ("c", "2026-10-25T01:30:00+02:00", "02:00"),
            ("d", "2026-10-25T10:00:00+01:00", "00:30"),
        ],
    )
    conference_id = workspace.program.import_program(path).value.conference_id
    rows = workspace.program.sessions(SessionFilter(conference_id))
    for row in rows:
        workspace.program.pick(row.id)
    return {row.public_id.rsplit(":", 1)[1]: row.id for row in rows} | {"conference": conference_id}


def test_no_false_clash_across_the_repeated_hour(workspace: Workspace, tmp_path: Path) -> None:
    ids = _night_program(workspace, tmp_path)

    view = workspace.agenda.agenda(ids["conference"])

    pairs = {frozenset((clash.first.title, clash.second.title)) for clash in view.clashes}
    # 'a' and 'b' share wall-clock minutes but are an hour apart; 'c' really overlaps both.
    assert pairs == {frozenset({"Session a", "Session c"}), frozenset({"Session b", "Session c"})}


def test_export_names_the_second_0240_so_calendars_read_the_right_moment(workspace: Workspace, tmp_path: Path) -> None:
    ids = _night_program(workspace, tmp_path)
    out = tmp_path / "agenda.ics"

    workspace.agenda.export_ics(ids["conference"], out)

    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    found = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    expected = {
        "Session a": (datetime(2026, 10, 25, 0, 10, tzinfo=UTC), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        "Session b": (datetime(2026, 10, 25, 1, 15, tzinfo=UTC), datetime(2026, 10, 25, 1, 45, tzinfo=UTC)),
        "Session c": (datetime(2026, 10, 24, 23, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
        "Session d": (datetime(2026, 10, 25, 9, 0, tzinfo=UTC), datetime(2026, 10, 25, 9, 30, tzinfo=UTC)),
    }
    for title, (start, end) in expected.items():
        event = found[title]
        assert event.decoded("DTSTART").astimezone(UTC) == start, title
        assert event.decoded("DTEND").astimezone(UTC) == end, title
    parsed = {str(e.summary.value): e for e in vobject.readOne(out.read_text(encoding="utf-8")).vevent_list}
    for title, (start, end) in expected.items():
        assert parsed[title].dtstart.value.astimezone(UTC) == start, title
        assert parsed[title].dtend.value.astimezone(UTC) == end, title
    # Times in the repeated hour are written in UTC; the others stay in the conference's own zone.
    assert found["Session b"].to_ical().decode().count("DTSTART:20261025T011500Z") == 1
    assert found["Session d"]["DTSTART"].params["TZID"] == "Europe/Berlin"
