"""A newer version of a stored program: what changed is reported, the user's picks and notes survive."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from conference_app.core.services.program import ProgramService, SessionFilter
from conference_app.core.storage.models import Event, EventNote
from conference_app.core.workspace import Workspace
from tests.conftest import shared_file
from tests.frab_builder import (
    CONGRESS,
    MENSAH,
    MULLER,
    FrabEvent,
    by_title,
    dump,
    write_congress,
    write_frab,
)

OKAFOR = ("5", "Sara Okafor")


def _version_two() -> list[FrabEvent]:
    """The congress after the organisers' edits (see the test below for each one)."""
    events = {e.id: e for e in CONGRESS}
    return [
        events["101"],  # unchanged
        replace(events["102"], start="2026-06-11T11:00"),  # picked: moved to a later slot
        replace(events["103"], room="Hall C"),  # picked: changed room
        replace(events["104"], title="Endocrine Surgery Update 2026"),  # renamed
        replace(events["105"], persons=(MENSAH, MULLER, OKAFOR)),  # a third panellist
        # 106 "Poster Walk" is gone
        events["107"],  # unchanged
        FrabEvent("108", "Late-Breaking Trials", "2026-06-12T11:00", "00:45", track="Research"),  # new
    ]




def _note(workspace: Workspace, event_id: int, text: str) -> None:
    with workspace.database.sessions.begin() as session:
        session.add(EventNote(event_id=event_id, text=text, updated_at=datetime.now(timezone.utc)))


def _notes(workspace: Workspace) -> dict[int, str]:
    with workspace.database.sessions() as session:
        return {n.event_id: n.text for n in session.scalars(select(EventNote))}


def test_update_reports_what_changed_and_keeps_picks(workspace: Workspace, tmp_path: Path) -> None:
    program = workspace.program
    first = program.import_program(write_congress(tmp_path, "v1.xml")).value
    before = by_title(program)
    robotic = before["Robotic Pancreaticoduodenectomy: Early Outcomes"].id
    trauma = before["Trauma Laparotomy Techniques"].id
    program.pick(robotic, "must")
    program.pick(trauma, "nice")
    _note(workspace, robotic, "ask about the learning curve")

    report = program.import_program(write_congress(tmp_path, "v2.xml", _version_two())).value

    assert report.updated is True
    assert report.conference_id == first.conference_id
    assert (report.sessions, report.added, report.changed, report.removed) == (7, 1, 4, 1)
    assert [(c.title, c.what, c.picked) for c in report.changes] == [
        # the user's picks first
        ("Robotic Pancreaticoduodenectomy: Early Outcomes", ("time",), True),
        ("Trauma Laparotomy Techniques", ("room",), True),
        # then the rest by title, additions last
        ("Endocrine Surgery Update 2026", ("title",), False),
        ("Poster Walk", ("cancelled",), False),
        ("Surgical Education Roundtable", ("speakers",), False),
        ("Late-Breaking Trials", ("added",), False),
    ]
    assert [c.public_id for c in report.changes][:2] == ["ascs26:102", "ascs26:103"]

    after = by_title(program)
    # Same rows: picks and notes still point at them.
    assert after["Robotic Pancreaticoduodenectomy: Early Outcomes"].id == robotic
    assert after["Trauma Laparotomy Techniques"].id == trauma
    assert after["Endocrine Surgery Update 2026"].id == before["Endocrine Surgery Update"].id
    assert [(r.id, r.priority) for r in program.sessions(SessionFilter(picked_only=True))] == [
        (trauma, "nice"), (robotic, "must")
    ]
    assert _notes(workspace) == {robotic: "ask about the learning curve"}
    # The new values are stored, in the conference's zone.
    assert after["Robotic Pancreaticoduodenectomy: Early Outcomes"].start.isoformat() == "2026-06-11T11:00:00+02:00"
    assert after["Trauma Laparotomy Techniques"].room == "Hall C"
    assert after["Surgical Education Roundtable"].speakers == "Kwame Mensah, Zoë Müller, Sara Okafor"
    assert "Endocrine Surgery Update" not in after
    # The removed session is still listed, flagged cancelled, and no longer counted.
    poster = after["Poster Walk"]
    assert (poster.id, poster.cancelled) == (before["Poster Walk"].id, True)
    assert [r.title for r in after.values() if r.cancelled] == ["Poster Walk"]
    assert program.conferences()[0].sessions == 7
    assert len(after) == 8
    # The search index follows the update.
    assert {r.title for r in program.sessions(SessionFilter(search="okafor"))} == {"Surgical Education Roundtable"}
    assert {r.title for r in program.sessions(SessionFilter(search="late breaking"))} == {"Late-Breaking Trials"}


def test_the_same_file_twice_reports_nothing_changed(workspace: Workspace, tmp_path: Path) -> None:
    program = workspace.program
    path = write_congress(tmp_path)
    program.import_program(path)
    ids = {r.public_id: r.id for r in program.sessions()}

    again = program.import_program(path).value

    assert (again.updated, again.added, again.changed, again.removed, again.changes) == (True, 0, 0, 0, ())
    assert {r.public_id: r.id for r in program.sessions()} == ids
    assert len(program.conferences()) == 1


def test_a_picked_session_removed_then_restored(workspace: Workspace, tmp_path: Path) -> None:
    program = workspace.program
    program.import_program(write_congress(tmp_path, "v1.xml"))
    poster = by_title(program)["Poster Walk"].id
    program.pick(poster, "nice")

    removed = program.import_program(write_congress(tmp_path, "v2.xml", [e for e in CONGRESS if e.id != "106"])).value
    assert (removed.added, removed.changed, removed.removed) == (0, 0, 1)
    assert [(c.title, c.what, c.picked) for c in removed.changes] == [("Poster Walk", ("cancelled",), True)]
    row = by_title(program)["Poster Walk"]
    assert (row.id, row.cancelled, row.picked, row.priority) == (poster, True, True, "nice")

    # Removing it again is not news; bringing it back is.
    again = program.import_program(write_congress(tmp_path, "v3.xml", [e for e in CONGRESS if e.id != "106"])).value
    assert (again.changed, again.removed, again.changes) == (0, 0, ())
    restored = program.import_program(write_congress(tmp_path, "v4.xml")).value
    assert (restored.added, restored.changed, restored.removed) == (0, 1, 0)
    assert [(c.title, c.what, c.picked) for c in restored.changes] == [("Poster Walk", ("restored",), True)]
    row = by_title(program)["Poster Walk"]
    assert (row.id, row.cancelled, row.picked) == (poster, False, True)


def test_another_acronym_is_another_conference(workspace: Workspace, tmp_path: Path) -> None:
    program = workspace.program
    program.import_program(write_congress(tmp_path))
    other = program.import_program(write_frab(tmp_path, "other.xml", CONGRESS, acronym="ascs27")).value

    assert (other.updated, other.added) == (False, 7)
    assert sorted(c.identity for c in program.conferences()) == ["ascs26", "ascs27"]
    assert len(program.sessions()) == 14


# --- identities that are not unique in the source --------------------------------------------------

COFFEE_IN_TWO_ROOMS = [
    FrabEvent("10", "Keynote: Surgery in 2040", "2026-06-11T09:00", "01:00"),
    FrabEvent("900", "Coffee Break", "2026-06-11T10:00", "00:30", room="Hall A", type="break"),
    FrabEvent("900", "Coffee Break", "2026-06-11T10:00", "00:30", room="Hall B", type="break"),
    FrabEvent(None, "Industry Symposium", "2026-06-11T12:00", "00:45", room="Hall A"),
    FrabEvent(None, "Meet the Professors", "2026-06-11T12:00", "00:45", room="Hall B"),
]


def _rows(program: ProgramService) -> list[tuple[str, str, int]]:
    return [(r.title, r.room, r.id) for r in program.sessions()]


def test_repeated_source_ids_stay_separate_sessions(workspace: Workspace, tmp_path: Path) -> None:
    program = workspace.program
    report = program.import_program(write_frab(tmp_path, "v1.xml", COFFEE_IN_TWO_ROOMS)).value
    assert (report.sessions, report.added) == (5, 5)
    rows = _rows(program)
    assert [(t, r) for t, r, _ in rows] == [
        ("Keynote: Surgery in 2040", "Hall A"),
        ("Coffee Break", "Hall A"),
        ("Coffee Break", "Hall B"),
        ("Industry Symposium", "Hall A"),
        ("Meet the Professors", "Hall B"),
    ]
    public_ids = [r.public_id for r in program.sessions()]
    assert len(set(public_ids)) == 5
    assert public_ids[1].startswith("ascs26:900@") and public_ids[2].startswith("ascs26:900@")
    coffee_b = rows[2][2]
    symposium = rows[3][2]
    program.pick(coffee_b)
    program.pick(symposium, "nice")

    # The same program again: nothing merges, nothing changes.
    again = program.import_program(write_frab(tmp_path, "v1-again.xml", COFFEE_IN_TWO_ROOMS)).value
    assert (again.added, again.changed, again.removed) == (0, 0, 0)
    assert _rows(program) == rows

    # One of the coffee breaks renamed: only that one changes, picks stay where they were.
    renamed = list(COFFEE_IN_TWO_ROOMS)
    renamed[2] = replace(renamed[2], title="Coffee & Posters")
    update = program.import_program(write_frab(tmp_path, "v2.xml", renamed)).value
    assert (update.added, update.changed, update.removed) == (0, 1, 0)
    assert [(c.title, c.what, c.picked) for c in update.changes] == [("Coffee & Posters", ("title",), True)]
    after = _rows(program)
    assert [(t, r) for t, r, _ in after][1:3] == [("Coffee Break", "Hall A"), ("Coffee & Posters", "Hall B")]
    assert [row_id for _, _, row_id in after] == [row_id for _, _, row_id in rows]
    assert [(r.title, r.priority) for r in program.sessions(SessionFilter(picked_only=True))] == [
        ("Coffee & Posters", "must"), ("Industry Symposium", "nice")
    ]


def test_lswt_2019_duplicate_ids_give_31_sessions_and_survive_a_reimport(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = shared_file("frab/aksw-lswt2019-schedule.xml")
    program = workspace.program

    first = program.import_program(path).value
    with workspace.database.sessions() as session:
        source_ids = list(session.scalars(select(Event.source_id)))
    rows = program.sessions()

    assert (first.sessions, first.added, first.rooms, first.days) == (31, 31, 4, 1)
    assert len(rows) == 31
    assert len({r.public_id for r in rows}) == 31
    assert sorted(i for i in set(source_ids) if source_ids.count(i) > 1) == ["997", "998", "999"]
    assert sum(1 for r in rows if r.title == "Coffee Break and Postersession") == 4
    lunch = [r for r in rows if r.title == "Lunch Break"]
    assert sorted(r.room for r in lunch) == ["Main Track", "Tutorials"]
    program.pick(lunch[1].id)

    program.finish_search_index()
    before = dump(workspace.database.path)
    again = program.import_program(path).value

    assert (again.updated, again.added, again.changed, again.removed) == (True, 0, 0, 0)
    assert [(r.id, r.public_id) for r in program.sessions()] == [(r.id, r.public_id) for r in rows]
    assert [r.id for r in program.sessions(SessionFilter(picked_only=True))] == [lunch[1].id]
    program.finish_search_index()  # made anew after every update
    # Outside the search index only the conference row's import time differs.
    changed = [line for line in dump(workspace.database.path) if line not in before and "_fts_" not in line]
    assert len(changed) == 1 and changed[0].startswith('INSERT INTO "conference"')


def test_a_new_end_time_alone_is_reported_and_stored(workspace: Workspace, tmp_path: Path) -> None:
    program = workspace.program
    program.import_program(write_congress(tmp_path, "v1.xml"))
    robotic = by_title(program)["Robotic Pancreaticoduodenectomy: Early Outcomes"]
    program.pick(robotic.id)
    longer = [replace(e, duration="01:30") if e.id == "102" else e for e in CONGRESS]  # same start, later end

    report = program.import_program(write_congress(tmp_path, "v2.xml", longer)).value

    assert (report.added, report.changed, report.removed) == (0, 1, 0)
    assert [(c.public_id, c.what, c.picked) for c in report.changes] == [("ascs26:102", ("time",), True)]
    after = by_title(program)["Robotic Pancreaticoduodenectomy: Early Outcomes"]
    assert (after.start, after.end.isoformat()) == (robotic.start, "2026-06-11T10:30:00+02:00")
