"""The agenda as .ics: read back with two real iCalendar parsers; stable UIDs, zones, alarms, atomic writes."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from conference_app.core.demo import demo_program_path
from conference_app.core.errors import UserError
from conference_app.core.services.program import SessionFilter
from conference_app.core.workspace import Workspace
from tests.core.test_agenda_service import SESSIONS, Congress, congress_xml

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def congress(tmp_path: Path):  # type: ignore[no-untyped-def]
    congress = Congress(tmp_path)
    yield congress
    congress.workspace.close()


def events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_export_reads_back_with_icalendar_and_vobject(congress: Congress, tmp_path: Path) -> None:
    congress.pick("s1", "s4")
    congress.pick("s3", priority="nice")
    congress.target("Zoë Müller", at="s1")
    congress.add("Coffee with my mentor", "2026-06-11T10:00", "2026-06-11T10:45", location="Lobby", notes="Bring CV")
    path = tmp_path / "agenda.ics"

    export = congress.workspace.agenda.export_ics(congress.conference_id, path).value

    assert (export.path, export.events, export.alarms, export.time_zone) == (path, 4, 2, "Europe/Berlin")
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert "Conference Companion" in str(calendar["PRODID"])
    assert str(calendar["VERSION"]) == "2.0"
    found = events(path)
    assert set(found) == {"Robotic Whipple: Early Outcomes", "Endocrine Update", "Education Roundtable",
                          "Coffee with my mentor"}
    whipple = found["Robotic Whipple: Early Outcomes"]
    assert whipple.decoded("DTSTART") == datetime(2026, 6, 11, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert whipple["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(whipple["LOCATION"]) == "Hall A"
    assert [str(c) for c in whipple["CATEGORIES"].cats] == ["HPB Surgery"]
    description = str(whipple["DESCRIPTION"])
    assert "Speakers: Zoë Müller (Charité Berlin); Kwame Mensah (Korle Bu)" in description
    assert "Learning curve of the robotic Whipple in 120 patients." in description
    assert "<" not in description  # the abstract's HTML is flattened to plain text
    assert description.endswith("Meet after this session: Zoë Müller (Charité Berlin)")
    coffee = found["Coffee with my mentor"]
    assert str(coffee["LOCATION"]) == "Lobby" and str(coffee["DESCRIPTION"]) == "Bring CV"

    parsed = vobject.readOne(path.read_text(encoding="utf-8"))
    summaries = sorted(str(e.summary.value) for e in parsed.vevent_list)
    assert summaries == sorted(found)
    whipple_v = next(e for e in parsed.vevent_list if e.summary.value.startswith("Robotic"))
    assert whipple_v.dtstart.value.utcoffset() == timedelta(hours=2)
    assert whipple_v.dtstart.value.hour == 9
    assert whipple_v.dtend.value.hour == 10


def test_time_zone_is_declared_with_tzid_and_a_vtimezone(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "db.sqlite")
    try:
        conference_id = workspace.program.import_program(demo_program_path()).value.conference_id
        opening = next(
            r for r in workspace.program.sessions(SessionFilter(conference_id)) if r.title.startswith("Opening")
        )
        workspace.program.pick(opening.id)
        path = tmp_path / "fasc.ics"
        workspace.agenda.export_ics(conference_id, path)
    finally:
        workspace.close()

    text = path.read_text(encoding="utf-8")
    assert "DTSTART;TZID=America/Chicago:20261017T080000" in text
    assert "DTEND;TZID=America/Chicago:20261017T091500" in text
    calendar = icalendar.Calendar.from_ical(text)
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["America/Chicago"]
    assert calendar.get_missing_tzids() == set()
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert start.astimezone(CHICAGO).hour == 8
    assert start.utcoffset() == timedelta(hours=-5)  # CDT: before the November change
    # vobject resolves the zone from the file's own VTIMEZONE: 08:00 local is 13:00 UTC.
    parsed = vobject.readOne(text)
    assert parsed.vevent.dtstart.value.astimezone(ZoneInfo("UTC")).hour == 13


def test_reminder_only_on_must_see_sessions(congress: Congress, tmp_path: Path) -> None:
    congress.pick("s1")
    congress.pick("s3", priority="nice")
    congress.add("Lunch", "2026-06-11T12:00", "2026-06-11T12:45")
    path = tmp_path / "agenda.ics"

    congress.workspace.agenda.export_ics(congress.conference_id, path)

    found = events(path)
    alarms = {title: e.walk("VALARM") for title, e in found.items()}
    assert {title: len(a) for title, a in alarms.items()} == {
        "Robotic Whipple: Early Outcomes": 1, "Endocrine Update": 0, "Lunch": 0,
    }
    alarm = alarms["Robotic Whipple: Early Outcomes"][0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)
    assert "Robotic Whipple" in str(alarm["DESCRIPTION"])


def test_uids_are_stable_across_exports_and_sequence_rises_on_change(congress: Congress, tmp_path: Path) -> None:
    congress.pick("s1", "s4")
    lunch = congress.add("Lunch", "2026-06-11T12:00", "2026-06-11T12:45").value
    agenda = congress.workspace.agenda
    first, second, third = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "3.ics"

    agenda.export_ics(congress.conference_id, first)
    agenda.export_ics(congress.conference_id, second)
    agenda.update_personal_item(lunch.id, "Lunch", datetime(2026, 6, 11, 12, 30), datetime(2026, 6, 11, 13, 0))
    agenda.export_ics(congress.conference_id, third)

    def uids_and_sequences(path: Path) -> dict[str, tuple[str, int]]:
        return {title: (str(e["UID"]), int(e["SEQUENCE"])) for title, e in events(path).items()}

    one, two, three = (uids_and_sequences(p) for p in (first, second, third))
    assert one == two
    assert {title: uid for title, (uid, _seq) in three.items()} == {title: uid for title, (uid, _seq) in one.items()}
    assert len({uid for uid, _seq in one.values()}) == 3
    assert all(uid.endswith("@conference-companion") for uid, _seq in one.values())
    assert [seq for _uid, seq in one.values()] == [0, 0, 0]
    assert three["Lunch"][1] == 1
    assert three["Robotic Whipple: Early Outcomes"][1] == 0


def test_uids_survive_a_program_update_and_reopening(congress: Congress, tmp_path: Path) -> None:
    congress.pick("s1")
    before = tmp_path / "before.ics"
    congress.workspace.agenda.export_ics(congress.conference_id, before)
    moved = [(s[0], s[1], "2026-06-11T15:00" if s[0] == "s1" else s[2], *s[3:]) for s in SESSIONS]
    congress.load(congress_xml(moved), "congress-v2.xml")
    congress.workspace.close()
    congress.workspace = Workspace.open(congress.folder / "db.sqlite")
    after = tmp_path / "after.ics"

    congress.workspace.agenda.export_ics(congress.conference_id, after)

    old, new = events(before)["Robotic Whipple: Early Outcomes"], events(after)["Robotic Whipple: Early Outcomes"]
    assert str(old["UID"]) == str(new["UID"])
    assert new.decoded("DTSTART").hour == 15
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1


def test_a_cancelled_pick_is_exported_as_cancelled_without_reminder(congress: Congress, tmp_path: Path) -> None:
    congress.pick("s2")
    congress.load(congress_xml([s for s in SESSIONS if s[0] != "s2"]), "congress-v2.xml")
    path = tmp_path / "agenda.ics"

    congress.workspace.agenda.export_ics(congress.conference_id, path)

    event = events(path)["Trauma Laparotomy Techniques"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.walk("VALARM") == []


def test_an_empty_agenda_is_still_a_valid_calendar(congress: Congress, tmp_path: Path) -> None:
    path = tmp_path / "empty.ics"

    export = congress.workspace.agenda.export_ics(congress.conference_id, path).value

    assert export.events == 0
    assert icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT") == []


def test_unwritable_places_are_user_errors_naming_the_file(congress: Congress, tmp_path: Path) -> None:
    agenda = congress.workspace.agenda
    congress.pick("s1")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")

    with pytest.raises(UserError, match=r"cannot write .*missing/agenda\.ics: the folder .* does not exist"):
        agenda.export_ics(congress.conference_id, tmp_path / "missing" / "agenda.ics")
    with pytest.raises(UserError, match=r"agenda\.ics: .*notes\.txt is not a folder"):
        agenda.export_ics(congress.conference_id, a_file / "agenda.ics")
    with pytest.raises(UserError, match=r"cannot write .*: it is a folder"):
        agenda.export_ics(congress.conference_id, tmp_path)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    congress: Congress, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    congress.pick("s1")
    path = tmp_path / "agenda.ics"
    path.write_text("the previous export")

    def disk_full(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(UserError, match="agenda.ics: No space left on device"):
        congress.workspace.agenda.export_ics(congress.conference_id, path)

    assert path.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_the_same_program_in_two_databases_gets_the_same_uids(tmp_path: Path) -> None:
    """UIDs come from the sessions' public ids: another database, with other row ids, gives the same ones."""
    first = Congress(tmp_path / "one")
    (tmp_path / "two").mkdir()
    other = Workspace.open(tmp_path / "two" / "db.sqlite")
    try:
        # The second database holds another conference first, so the same sessions get other row ids.
        other.program.import_program(demo_program_path())
        second_path = tmp_path / "two" / "congress.xml"
        second_path.write_text(congress_xml(), encoding="utf-8")
        second_id = other.program.import_program(second_path).value.conference_id
        for source_id in ("s4", "s1"):  # picked in another order too
            other.program.pick(other.program.resolve_session(f"ascs26:{source_id}"))
        first.pick("s1", "s4")
        assert first.event_id("s1") != other.program.resolve_session("ascs26:s1")

        first.workspace.agenda.export_ics(first.conference_id, tmp_path / "one.ics")
        other.agenda.export_ics(second_id, tmp_path / "two.ics")
    finally:
        first.workspace.close()
        other.close()

    uids = [{title: str(event["UID"]) for title, event in events(tmp_path / name).items()}
            for name in ("one.ics", "two.ics")]
    assert uids[0] == uids[1]
    assert len(set(uids[0].values())) == 2
