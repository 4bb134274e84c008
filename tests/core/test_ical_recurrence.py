"""Repeating iCalendar events: every occurrence within the conference, overrides replacing theirs, stable ids."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from conference_app.core.importers import ical
from conference_app.core.importers.program import ParsedProgram, ReadOptions
from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace

UTC = timezone.utc


def write(folder: Path, *vevents: str, name: str = "feed.ics") -> Path:
    path = folder / name
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Repeat Congress\r\n"
        "X-WR-TIMEZONE:Europe/Berlin\r\n" + "".join(vevents) + "END:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    return path


def vevent(*lines: str) -> str:
    return "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"


def talk(uid: str, day: int) -> str:
    """A single session on 11 + day June 2026, which sets the conference's dates."""
    return vevent(
        f"UID:{uid}", f"SUMMARY:Talk {uid}", f"DTSTART;TZID=Europe/Berlin:202606{11 + day}T140000", "DURATION:PT45M"
    )


BRIEFING = (
    "UID:brief@x",
    "SUMMARY:Morning briefing",
    "DTSTART;TZID=Europe/Berlin:20260611T080000",
    "DURATION:PT30M",
    "LOCATION:Hall A",
)


def titles_by_id(program: ParsedProgram) -> dict[str, tuple[str, datetime, datetime]]:
    return {e.source_id: (e.title, e.start.astimezone(UTC), e.end.astimezone(UTC)) for e in program.events}


def test_a_repeating_event_has_every_occurrence_within_the_conference(tmp_path: Path) -> None:
    # Daily without end; the talks make the conference 11–13 June.
    path = write(tmp_path, talk("t1", 0), talk("t3", 2), vevent(*BRIEFING, "RRULE:FREQ=DAILY"))

    program = ical.read(path, ReadOptions())

    briefings = [e for e in program.events if e.title == "Morning briefing"]
    assert [e.start.isoformat() for e in briefings] == [
        "2026-06-11T08:00:00+02:00",
        "2026-06-12T08:00:00+02:00",
        "2026-06-13T08:00:00+02:00",
    ]
    assert [e.source_id for e in briefings] == [
        "brief@x/20260611T060000Z",
        "brief@x/20260612T060000Z",
        "brief@x/20260613T060000Z",
    ]
    assert all(e.room == "Hall A" and e.end - e.start == timedelta(minutes=30) for e in briefings)
    assert (
        "'Morning briefing' repeats; only its occurrences from 11 Jun to 13 Jun 2026 were imported" in program.warnings
    )


def test_an_override_replaces_its_occurrence_and_exdate_and_cancelled_ones_are_left_out(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        vevent(*BRIEFING, "RRULE:FREQ=DAILY;COUNT=4", "EXDATE;TZID=Europe/Berlin:20260614T080000"),
        vevent(
            "UID:brief@x",
            "RECURRENCE-ID;TZID=Europe/Berlin:20260612T080000",
            "SUMMARY:Briefing (moved)",
            "DTSTART;TZID=Europe/Berlin:20260612T090000",
            "DURATION:PT45M",
            "LOCATION:Hall B",
        ),
        vevent(
            "UID:brief@x",
            "RECURRENCE-ID;TZID=Europe/Berlin:20260613T080000",
            "SUMMARY:Morning briefing",
            "STATUS:CANCELLED",
            "DTSTART;TZID=Europe/Berlin:20260613T080000",
            "DURATION:PT30M",
        ),
    )

    program = ical.read(path, ReadOptions())

    assert titles_by_id(program) == {
        "brief@x/20260611T060000Z": (
            "Morning briefing",
            datetime(2026, 6, 11, 6, tzinfo=UTC),
            datetime(2026, 6, 11, 6, 30, tzinfo=UTC),
        ),
        # Still known by the start it had in the series, so a later move updates the same session.
        "brief@x/20260612T060000Z": (
            "Briefing (moved)",
            datetime(2026, 6, 12, 7, tzinfo=UTC),
            datetime(2026, 6, 12, 7, 45, tzinfo=UTC),
        ),
    }
    assert program.events[1].room == "Hall B"
    assert not any("repeats" in warning for warning in program.warnings)


def test_an_override_without_its_series_is_a_session_of_its_own(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        vevent(
            "UID:lone@x", "RECURRENCE-ID:20260611T060000Z", "SUMMARY:Lone", "DTSTART:20260611T070000Z", "DURATION:PT30M"
        ),
    )

    (event,) = ical.read(path, ReadOptions()).events

    assert event.source_id == "lone@x/20260611T060000Z"


def test_occurrences_across_the_autumn_clock_change_keep_their_length(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        vevent(
            "UID:night@x",
            "SUMMARY:Night shift",
            "DTSTART;TZID=Europe/Berlin:20261024T013000",
            "DTEND;TZID=Europe/Berlin:20261024T033000",
            "RRULE:FREQ=DAILY;COUNT=3",
        ),
    )

    events = ical.read(path, ReadOptions()).events

    assert [e.start.isoformat() for e in events] == [
        "2026-10-24T01:30:00+02:00",
        "2026-10-25T01:30:00+02:00",
        "2026-10-26T01:30:00+01:00",
    ]
    assert [e.end.astimezone(UTC) - e.start.astimezone(UTC) for e in events] == [timedelta(hours=2)] * 3
    assert events[1].end.isoformat() == "2026-10-25T02:30:00+01:00"


def test_reimporting_a_moved_occurrence_updates_it_instead_of_adding_one(workspace: Workspace, tmp_path: Path) -> None:
    series = vevent(*BRIEFING, "RRULE:FREQ=DAILY;COUNT=3")
    first = workspace.program.import_program(write(tmp_path, talk("t1", 0), talk("t3", 2), series, name="v1.ics")).value
    moved = vevent(
        "UID:brief@x",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260612T080000",
        "SUMMARY:Morning briefing",
        "DTSTART;TZID=Europe/Berlin:20260612T083000",
        "DURATION:PT30M",
        "LOCATION:Hall A",
    )

    second = workspace.program.import_program(
        write(tmp_path, talk("t1", 0), talk("t3", 2), series, moved, name="v2.ics")
    ).value

    assert (first.sessions, second.sessions) == (5, 5)
    assert (second.added, second.changed, second.removed) == (0, 1, 0)
    assert [(c.public_id.split(":", 1)[1], c.what) for c in second.changes] == [("brief@x/20260612T060000Z", ("time",))]
    rows = workspace.program.sessions(SessionFilter(second.conference_id))
    assert sorted(r.start.strftime("%d %H:%M") for r in rows if r.title == "Morning briefing") == [
        "11 08:00",
        "12 08:30",
        "13 08:00",
    ]
