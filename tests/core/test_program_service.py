"""The program service: import, browse, search, facets, picks and several conferences in one file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conference_app.core.errors import ImportCancelled, InputFileError, NotFoundError, UserError
from conference_app.core.importers.program import ReadOptions
from conference_app.core.services.outcome import Topic
from conference_app.core.services.program import ProgramService, SessionFilter
from conference_app.core.workspace import Workspace

from tests.frab_builder import (
    CONGRESS,
    CONGRESS_PERSONS,
    FrabEvent,
    by_title,
    dump,
    frab_schedule,
    write_congress,
    write_frab,
)


# --- import -------------------------------------------------------------------------------------


def test_import_reports_counts_and_stores_every_session(program: ProgramService, tmp_path: Path) -> None:
    outcome = program.import_program(write_congress(tmp_path))
    report = outcome.value

    assert (report.conference, report.sessions, report.speakers, report.rooms, report.days) == (
        "Annual Surgical Congress 2026", 7, 4, 3, 2,
    )
    assert (report.added, report.changed, report.removed, report.updated) == (7, 0, 0, False)
    assert report.changes == ()
    assert report.elapsed_ms >= 0
    assert outcome.changed == {Topic.PROGRAM, Topic.PICKS, Topic.AGENDA}
    rows = program.sessions()
    assert [r.title for r in rows] == [
        "Opening Ceremony",
        "Robotic Pancreaticoduodenectomy: Early Outcomes",
        "Trauma Laparotomy Techniques",
        "Surgical Education Roundtable",  # same start: by room
        "Endocrine Surgery Update",
        "Poster Walk",
        "Closing Remarks",
    ]
    assert [r.public_id for r in rows][:2] == ["ascs26:101", "ascs26:102"]
    summary = program.conferences()
    assert [(c.title, c.identity, c.time_zone, c.start_date, c.end_date, c.sessions) for c in summary] == [
        ("Annual Surgical Congress 2026", "ascs26", "Europe/Berlin", date(2026, 6, 11), date(2026, 6, 12), 7)
    ]
    assert summary[0].source_file == str((tmp_path / "congress.xml").resolve())


def test_times_are_in_the_conference_zone_with_its_offset(program: ProgramService, tmp_path: Path) -> None:
    program.import_program(write_congress(tmp_path))
    robotic = by_title(program)["Robotic Pancreaticoduodenectomy: Early Outcomes"]

    assert robotic.start.isoformat() == "2026-06-11T09:00:00+02:00"
    assert robotic.end.isoformat() == "2026-06-11T09:45:00+02:00"
    assert robotic.start.tzinfo == ZoneInfo("Europe/Berlin")
    assert (robotic.day_index, robotic.room, robotic.track, robotic.type) == (1, "Hall A", "HPB Surgery", "lecture")
    poster = by_title(program)["Poster Walk"]
    assert (poster.day_index, poster.start.isoformat()) == (2, "2026-06-12T09:00:00+02:00")


def test_speakers_are_linked_in_the_programs_order(program: ProgramService, tmp_path: Path) -> None:
    program.import_program(write_congress(tmp_path))
    rows = by_title(program)

    assert rows["Robotic Pancreaticoduodenectomy: Early Outcomes"].speakers == "Zoë Müller, Kwame Mensah"
    assert rows["Surgical Education Roundtable"].speakers == "Kwame Mensah, Zoë Müller"
    assert rows["Surgical Education Roundtable"].speaker_names == ("Kwame Mensah", "Zoë Müller")
    assert rows["Opening Ceremony"].speakers == ""
    detail = program.session_detail(rows["Robotic Pancreaticoduodenectomy: Early Outcomes"].id)
    assert [(s.name, s.affiliation) for s in detail.speakers] == [
        ("Zoë Müller", "Charité – Universitätsmedizin Berlin"),
        ("Kwame Mensah", "Korle Bu Teaching Hospital"),
    ]
    assert detail.abstract_html == "<p>Learning curve of the <b>robotic</b> Whipple.</p>"
    assert detail.time_zone == "Europe/Berlin"


def test_speakers_list_counts_sessions_and_searches(program: ProgramService, tmp_path: Path) -> None:
    conference_id = program.import_program(write_congress(tmp_path)).value.conference_id

    speakers = program.speakers(conference_id)
    assert [(s.name, s.sessions) for s in speakers] == [
        ("Ana Ruiz", 1), ("Kwame Mensah", 2), ("Li Wei", 1), ("Zoë Müller", 2)
    ]
    assert [s.name for s in program.speakers(conference_id, "muller")] == ["Zoë Müller"]
    assert [s.name for s in program.speakers(conference_id, "korle")] == ["Kwame Mensah"]
    detail = program.speaker_detail(next(s.id for s in speakers if s.name == "Zoë Müller"))
    assert [r.title for r in detail.sessions] == [
        "Robotic Pancreaticoduodenectomy: Early Outcomes", "Surgical Education Roundtable"
    ]


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("laparotomy", {"Trauma Laparotomy Techniques"}),
        ("pancreatico", {"Robotic Pancreaticoduodenectomy: Early Outcomes"}),  # a prefix of the last word
        ("robot outcomes", set()),  # only the last word is a prefix
        ("outcomes robot", {"Robotic Pancreaticoduodenectomy: Early Outcomes"}),
        ("muller", {"Robotic Pancreaticoduodenectomy: Early Outcomes", "Surgical Education Roundtable"}),
        ("MÜLLER", {"Robotic Pancreaticoduodenectomy: Early Outcomes", "Surgical Education Roundtable"}),
        ("zoe", {"Robotic Pancreaticoduodenectomy: Early Outcomes", "Surgical Education Roundtable"}),
        ("charite", {"Robotic Pancreaticoduodenectomy: Early Outcomes", "Surgical Education Roundtable"}),
        ("peking union", {"Endocrine Surgery Update"}),
        ("whipple", {"Robotic Pancreaticoduodenectomy: Early Outcomes"}),  # in the abstract, HTML stripped
        ("endocrine", {"Endocrine Surgery Update"}),  # title and track
        ("foyer", {"Poster Walk"}),  # room
        ('"; DROP TABLE event; --', set()),  # punctuation never reaches FTS5 as syntax
        ("   ", set()),
    ],
)
def test_search(program: ProgramService, tmp_path: Path, typed: str, expected: set[str]) -> None:
    conference_id = program.import_program(write_congress(tmp_path)).value.conference_id

    rows = program.sessions(SessionFilter(conference_id, search=typed))
    if typed.strip():
        assert {r.title for r in rows} == expected
    else:
        assert len(rows) == 7  # a blank search filters nothing
    assert {r.title for r in program.sessions(SessionFilter(None, search=typed))} == {r.title for r in rows}


def test_search_ids_and_picked_only_combine(program: ProgramService, tmp_path: Path) -> None:
    conference_id = program.import_program(write_congress(tmp_path)).value.conference_id
    rows = by_title(program)
    program.pick(rows["Surgical Education Roundtable"].id)

    assert program.search_ids(conference_id, "mensah") == {
        rows["Robotic Pancreaticoduodenectomy: Early Outcomes"].id, rows["Surgical Education Roundtable"].id
    }
    found = program.sessions(SessionFilter(conference_id, search="mensah", picked_only=True))
    assert [r.title for r in found] == ["Surgical Education Roundtable"]


def test_facets(program: ProgramService, tmp_path: Path) -> None:
    conference_id = program.import_program(write_congress(tmp_path)).value.conference_id

    facets = program.facets(conference_id)
    assert facets.days == ((1, date(2026, 6, 11)), (2, date(2026, 6, 12)))
    assert facets.tracks == ("Education", "Endocrine", "HPB Surgery", "Trauma")
    assert facets.rooms == ("Foyer", "Hall A", "Hall B")
    assert facets.types == ("ceremony", "lecture", "panel", "poster")
    with pytest.raises(NotFoundError):
        program.facets(conference_id + 99)


# --- picks --------------------------------------------------------------------------------------


def test_pick_unpick_and_toggle(program: ProgramService, tmp_path: Path) -> None:
    program.import_program(write_congress(tmp_path))
    event_id = by_title(program)["Trauma Laparotomy Techniques"].id

    picked = program.pick(event_id)
    assert (picked.value.picked, picked.value.priority) == (True, "must")
    assert picked.changed == {Topic.PICKS, Topic.AGENDA}
    assert program.pick(event_id, "nice").value.priority == "nice"  # a second pick changes the priority
    assert [(r.title, r.priority) for r in program.sessions(SessionFilter(picked_only=True))] == [
        ("Trauma Laparotomy Techniques", "nice")
    ]
    unpicked = program.unpick(event_id).value
    assert (unpicked.picked, unpicked.priority) == (False, "")
    assert program.sessions(SessionFilter(picked_only=True)) == []

    assert program.toggle_pick(event_id).value.picked is True
    assert by_title(program)["Trauma Laparotomy Techniques"].priority == "must"
    assert program.toggle_pick(event_id).value.picked is False
    assert program.sessions(SessionFilter(picked_only=True)) == []


def test_bad_priority_and_unknown_ids_are_refused(program: ProgramService, tmp_path: Path) -> None:
    program.import_program(write_congress(tmp_path))
    event_id = by_title(program)["Poster Walk"].id

    with pytest.raises(UserError, match="priority must be one of must, nice, not 'urgent'"):
        program.pick(event_id, "urgent")
    assert by_title(program)["Poster Walk"].picked is False
    for action in (program.pick, program.unpick, program.toggle_pick, program.session_detail):
        with pytest.raises(NotFoundError, match="no session with id 9999"):
            action(9999)
    assert program.resolve_session("ascs26:106") == event_id
    with pytest.raises(NotFoundError, match="no session with id 'ascs26:999'"):
        program.resolve_session("ascs26:999")


# --- several conferences ------------------------------------------------------------------------


CHICAGO = [
    FrabEvent("1", "Vascular Access Workshop", "2026-10-05T08:00", "01:30", room="Salon 1", track="Vascular",
              persons=(("7", "Zoe Mueller"),)),
    FrabEvent("2", "Acute Care Surgery Debate", "2026-10-05T13:00", "01:00", room="Salon 2", type="panel"),
]


def test_several_conferences_in_one_database(program: ProgramService, tmp_path: Path) -> None:
    berlin = program.import_program(write_congress(tmp_path)).value.conference_id
    chicago_file = write_frab(tmp_path, "chicago.xml", CHICAGO, acronym="acs-cc26", title="Clinical Congress 2026",
                              time_zone="America/Chicago")
    chicago = program.import_program(chicago_file).value.conference_id

    assert berlin != chicago
    assert program.current_conference_id() == chicago  # the last import is the one in view
    assert [c.title for c in program.conferences()] == ["Clinical Congress 2026", "Annual Surgical Congress 2026"]
    workshop = by_title(program, chicago)["Vascular Access Workshop"]
    assert workshop.start.isoformat() == "2026-10-05T08:00:00-05:00"
    assert len(program.sessions(SessionFilter(berlin))) == 7
    assert len(program.sessions(SessionFilter(chicago))) == 2
    assert len(program.sessions()) == 9
    # Search stays within the conference asked for, or spans all of them.
    assert {r.title for r in program.sessions(SessionFilter(chicago, search="mueller"))} == {"Vascular Access Workshop"}
    assert {r.title for r in program.sessions(SessionFilter(None, search="surgery"))} == {
        "Robotic Pancreaticoduodenectomy: Early Outcomes",  # its track, HPB Surgery
        "Endocrine Surgery Update",
        "Acute Care Surgery Debate",
    }

    assert program.switch_conference(berlin).changed == {Topic.PROGRAM, Topic.PICKS, Topic.AGENDA}
    assert program.current_conference_id() == berlin
    with pytest.raises(NotFoundError, match="no conference with id 999"):
        program.switch_conference(999)
    assert program.current_conference_id() == berlin


def test_delete_conference_removes_its_sessions_picks_and_index(program: ProgramService, tmp_path: Path) -> None:
    berlin = program.import_program(write_congress(tmp_path)).value.conference_id
    chicago = program.import_program(
        write_frab(tmp_path, "chicago.xml", CHICAGO, acronym="acs-cc26", title="Clinical Congress 2026",
                   time_zone="America/Chicago")
    ).value.conference_id
    program.pick(by_title(program, berlin)["Poster Walk"].id)
    program.switch_conference(berlin)

    program.delete_conference(berlin)

    assert [c.id for c in program.conferences()] == [chicago]
    assert [r.title for r in program.sessions()] == ["Vascular Access Workshop", "Acute Care Surgery Debate"]
    assert program.sessions(SessionFilter(picked_only=True)) == []
    assert program.search_ids(None, "laparotomy") == set()
    assert program.current_conference_id() == chicago  # the one in view was deleted
    with pytest.raises(NotFoundError):
        program.delete_conference(berlin)
    # The same program can be imported again afresh.
    again = program.import_program(write_congress(tmp_path)).value
    assert (again.updated, again.added) == (False, 7)
    assert program.search_ids(again.conference_id, "laparotomy") != set()


def test_no_conference_yet(program: ProgramService) -> None:
    assert program.current_conference_id() is None
    assert program.conferences() == []
    assert program.sessions() == []


# --- refused input and atomicity -----------------------------------------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<schedule><conference><title>&lol3;</title></conference></schedule>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&secret;</title></conference></schedule>
"""


def _bad_files(folder: Path) -> dict[str, tuple[Path, ReadOptions]]:
    good = frab_schedule(CONGRESS, persons=CONGRESS_PERSONS)
    files = {
        "malformed.xml": "<schedule><conference><title>Broken</titel></conference></schedule>",
        "bomb.xml": BOMB,
        "external.xml": EXTERNAL_ENTITY,
        "truncated.xml": good[: len(good) // 2],
        "not-a-schedule.xml": "<html><body><p>Programme coming soon</p></body></html>",
        "empty-program.xml": frab_schedule([]),
    }
    cases = {}
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
        cases[name] = (folder / name, ReadOptions())
    (folder / "forced-json.xml").write_text(good, encoding="utf-8")
    cases["forced-json.xml"] = (folder / "forced-json.xml", ReadOptions(format="json"))
    cases["missing.xml"] = (folder / "missing.xml", ReadOptions())
    return cases


BAD_FILES = [
    "malformed.xml", "bomb.xml", "external.xml", "truncated.xml", "not-a-schedule.xml", "empty-program.xml",
    "forced-json.xml", "missing.xml",
]


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_changes_nothing_and_names_the_file(
    workspace: Workspace, tmp_path: Path, name: str
) -> None:
    program = workspace.program
    program.import_program(write_congress(tmp_path))
    program.pick(by_title(program)["Poster Walk"].id, "nice")
    before = dump(workspace.database.path)
    path, options = _bad_files(tmp_path)[name]

    with pytest.raises(InputFileError) as raised:
        program.import_program(path, options)

    message = str(raised.value)
    assert message.startswith(f"{name}: ")
    assert "\n" not in message
    assert dump(workspace.database.path) == before


def test_bad_file_messages_say_what_is_wrong(program: ProgramService, tmp_path: Path) -> None:
    cases = _bad_files(tmp_path)

    def message(name: str) -> str:
        with pytest.raises(InputFileError) as raised:
            program.import_program(*cases[name])
        return str(raised.value)

    assert message("missing.xml") == "missing.xml: no such file"
    assert message("empty-program.xml") == "empty-program.xml: the program holds no sessions; nothing was imported"
    assert "entities" in message("bomb.xml")
    assert "entities" in message("external.xml")
    assert "truncated" in message("truncated.xml")
    assert "<html>" in message("not-a-schedule.xml")
    assert "JSON" in message("forced-json.xml")
    assert program.conferences() == []


def test_an_empty_program_is_refused_and_nothing_is_stored(workspace: Workspace, tmp_path: Path) -> None:
    before = dump(workspace.database.path)
    with pytest.raises(InputFileError, match="no sessions; nothing was imported"):
        workspace.program.import_program(write_frab(tmp_path, "empty.xml", []))
    assert dump(workspace.database.path) == before
    assert workspace.program.conferences() == []


def _big_program(count: int) -> list[FrabEvent]:
    first = datetime(2026, 6, 11, 8, 0)
    return [
        FrabEvent(
            str(n), f"Abstract session {n}", (first + timedelta(minutes=10 * (n % 60))).isoformat(timespec="minutes"),
            "00:10", room=f"Room {n // 60}", persons=((str(n % 50), f"Speaker {n % 50}"),),
        )
        for n in range(count)
    ]


def test_progress_is_reported_up_to_the_total(program: ProgramService, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = program.import_program(
        write_frab(tmp_path, "big.xml", _big_program(2500)), progress=lambda done, total: calls.append((done, total))
    ).value

    assert report.sessions == 2500
    assert calls[0] == (2000, 2500)
    assert calls[-1] == (2500, 2500)
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))
    assert len(program.sessions()) == 2500


@pytest.mark.parametrize("cancel_on_call", [1, 2, 3])
def test_cancel_mid_import_leaves_the_database_unchanged(
    workspace: Workspace, tmp_path: Path, cancel_on_call: int
) -> None:
    program = workspace.program
    program.import_program(write_congress(tmp_path))
    picked = by_title(program)["Opening Ceremony"].id
    program.pick(picked)
    before = dump(workspace.database.path)
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked >= cancel_on_call

    with pytest.raises(ImportCancelled):
        program.import_program(write_frab(tmp_path, "big.xml", _big_program(2500), acronym="big"), cancelled=cancelled)

    assert asked == cancel_on_call
    assert dump(workspace.database.path) == before
    assert [c.identity for c in program.conferences()] == ["ascs26"]
    assert [r.id for r in program.sessions(SessionFilter(picked_only=True))] == [picked]


def test_a_cancelled_update_keeps_the_old_program(workspace: Workspace, tmp_path: Path) -> None:
    program = workspace.program
    program.import_program(write_congress(tmp_path))
    before = dump(workspace.database.path)
    changed = [FrabEvent("201", "Brand New Session", "2026-06-11T15:00")] + CONGRESS[1:]

    with pytest.raises(ImportCancelled):
        program.import_program(write_congress(tmp_path, "v2.xml", changed), cancelled=lambda: True)

    assert dump(workspace.database.path) == before
    assert "Opening Ceremony" in by_title(program)
