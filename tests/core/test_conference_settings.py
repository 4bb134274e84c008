"""A conference's name and time zone, set by the user; speakers known as planned or met; when outreach ends."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote
from conference_app.core.errors import UserError
from conference_app.core.importers.csv_agenda import NO_TIME_ZONE
from conference_app.core.services.outcome import Topic
from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace
from tests.frab_builder import write_congress

SKILLS_CSV = (
    "Start,End,Title,Room,Speakers\n"
    "2026-05-04 09:00,2026-05-04 10:00,Opening of the skills lab,Lab 1,Ann Lee\n"
    "2026-05-05 14:30,2026-05-05 15:15,Suturing drills,Lab 2,Bo Chen\n"
)
BERLIN = ZoneInfo("Europe/Berlin")


def write_csv(folder: Path) -> Path:
    path = folder / "skills-lab.csv"
    path.write_text(SKILLS_CSV, encoding="utf-8")
    return path


def local_times(workspace: Workspace, conference_id: int) -> list[tuple[str, str, str]]:
    rows = workspace.program.sessions(SessionFilter(conference_id))
    return [(f"{r.start:%Y-%m-%d %H:%M}", f"{r.end:%H:%M}", str(r.start.tzinfo)) for r in rows]


def test_a_csv_program_keeps_its_times_as_written_in_the_new_zone(workspace: Workspace, tmp_path: Path) -> None:
    report = workspace.program.import_program(write_csv(tmp_path)).value
    assert NO_TIME_ZONE in report.warnings
    conference_id = report.conference_id
    before = workspace.program.conference_settings(conference_id)
    assert (before.title, before.time_zone, before.times_as_written) == ("skills-lab", "UTC", True)
    dinner = workspace.agenda.add_personal_item(
        conference_id, "Faculty dinner", datetime(2026, 5, 4, 19, 0), datetime(2026, 5, 4, 21, 0)
    ).value

    outcome = workspace.program.update_conference(conference_id, "  Skills   Lab Day ", "Europe/Berlin")

    assert outcome.changed == {Topic.PROGRAM, Topic.PICKS, Topic.AGENDA, Topic.FOLLOW_UPS}
    assert (outcome.value.title, outcome.value.time_zone) == ("Skills Lab Day", "Europe/Berlin")
    assert outcome.value.first_start == datetime(2026, 5, 4, 9, 0, tzinfo=BERLIN)
    # 09:00 as written in the file is 09:00 in Berlin now, i.e. 07:00 UTC.
    assert local_times(workspace, conference_id) == [
        ("2026-05-04 09:00", "10:00", "Europe/Berlin"),
        ("2026-05-05 14:30", "15:15", "Europe/Berlin"),
    ]
    first = workspace.program.sessions(SessionFilter(conference_id))[0]
    assert first.start.astimezone(timezone.utc).time() == time(7, 0)
    item = next(i for i in workspace.agenda.agenda(conference_id).items if i.id == dinner.id and not i.is_session)
    assert (f"{item.start:%H:%M}", f"{item.end:%H:%M}", str(item.start.tzinfo)) == ("19:00", "21:00", "Europe/Berlin")
    summary = workspace.program.conferences()[0]
    assert (summary.title, summary.time_zone, summary.start_date, summary.end_date) == (
        "Skills Lab Day",
        "Europe/Berlin",
        date(2026, 5, 4),
        date(2026, 5, 5),
    )


def test_importing_the_file_again_keeps_the_name_and_zone_the_user_set(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path)
    conference_id = workspace.program.import_program(path).value.conference_id
    workspace.program.update_conference(conference_id, "Skills Lab Day", "Europe/Berlin")

    again = workspace.program.import_program(path).value

    assert again.updated and again.conference_id == conference_id
    assert (again.conference, again.changed) == ("Skills Lab Day", 0)  # no session moved
    assert NO_TIME_ZONE not in again.warnings
    assert local_times(workspace, conference_id)[0] == ("2026-05-04 09:00", "10:00", "Europe/Berlin")


def test_a_program_with_exact_times_keeps_the_moments_and_shows_them_in_the_new_zone(
    workspace: Workspace, tmp_path: Path
) -> None:
    conference_id = workspace.program.import_program(write_congress(tmp_path)).value.conference_id
    settings = workspace.program.conference_settings(conference_id)
    assert (settings.time_zone, settings.times_as_written) == ("Europe/Berlin", False)
    moments = [r.start for r in workspace.program.sessions(SessionFilter(conference_id))]

    workspace.program.update_conference(conference_id, settings.title, "Pacific/Auckland")

    rows = workspace.program.sessions(SessionFilter(conference_id))
    assert [r.start for r in rows] == moments  # the same instants
    assert f"{rows[0].start:%Y-%m-%d %H:%M %Z}" == "2026-06-11 18:30 NZST"  # 08:30 in Berlin
    summary = workspace.program.conferences()[0]
    assert (summary.start_date, summary.end_date) == (date(2026, 6, 11), date(2026, 6, 12))


@pytest.mark.parametrize(
    ("title", "zone", "message"),
    [("", "Europe/Berlin", "a conference needs a name"), ("Congress", "Mars/Olympus_Mons", "unknown time zone")],
)
def test_bad_settings_are_refused_and_nothing_changes(
    workspace: Workspace, tmp_path: Path, title: str, zone: str, message: str
) -> None:
    conference_id = workspace.program.import_program(write_csv(tmp_path)).value.conference_id
    with pytest.raises(UserError, match=message):
        workspace.program.update_conference(conference_id, title, zone)
    settings = workspace.program.conference_settings(conference_id)
    assert (settings.title, settings.time_zone) == ("skills-lab", "UTC")
    assert local_times(workspace, conference_id)[0] == ("2026-05-04 09:00", "10:00", "UTC")


def test_speakers_say_who_is_planned_and_who_was_met(workspace: Workspace, tmp_path: Path) -> None:
    conference_id = workspace.program.import_program(write_congress(tmp_path)).value.conference_id
    ids = {s.name: s.id for s in workspace.program.speakers(conference_id)}
    workspace.planning.add_target(ids["Kwame Mensah"])
    note = ConversationNote(conference_id=conference_id, met_at=datetime(2026, 6, 11, 12, tzinfo=timezone.utc))
    workspace.people.capture(CaptureData(ContactDetails(name="Li Wei"), conversation=note, speaker_id=ids["Li Wei"]))

    flags = {s.name: (s.planned, s.met) for s in workspace.program.speakers(conference_id)}

    assert flags["Kwame Mensah"] == (True, False)
    assert flags["Li Wei"] == (False, True)
    assert flags["Ana Ruiz"] == (False, False)


def test_outreach_knows_when_the_conference_is_over(workspace: Workspace, tmp_path: Path) -> None:
    conference_id = workspace.program.import_program(write_congress(tmp_path)).value.conference_id  # 11–12 June
    during = datetime(2026, 6, 12, 21, 59, tzinfo=timezone.utc)  # 23:59 on the last day in Berlin
    after = datetime(2026, 6, 12, 22, 0, tzinfo=timezone.utc)  # midnight in Berlin
    assert workspace.outreach.conference_ended(conference_id, during) is None
    assert workspace.outreach.conference_ended(conference_id, after) == date(2026, 6, 12)
