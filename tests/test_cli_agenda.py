"""`conference-app agenda`: the plan with clashes and free time, personal items, and the .ics export."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
import vobject

from tests.core.test_agenda_service import congress_xml
from tests.cli_calls import run

ITEM_KEYS = {"kind", "id", "title", "start", "end", "priority", "clashes_with"}



@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database holding the small Berlin congress, with the Whipple talk (must) and trauma talk (nice) picked."""
    database = tmp_path / "db.sqlite"
    program = tmp_path / "congress.xml"
    program.write_text(congress_xml(), encoding="utf-8")
    assert run(capsys, "--db", database, "import", program)[0] == 0
    assert run(capsys, "--db", database, "pick", "ascs26:s1")[0] == 0
    assert run(capsys, "--db", database, "pick", "ascs26:s2", "--priority", "nice")[0] == 0
    return database


def agenda_json(capsys: pytest.CaptureFixture[str], db: Path) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, "--db", db, "agenda", "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_agenda_json_lists_items_with_clashes_both_ways(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    agenda = agenda_json(capsys, db)

    assert agenda["time_zone"] == "Europe/Berlin"
    items = agenda["items"]
    assert all(ITEM_KEYS <= set(item) for item in items)
    assert [(i["id"], i["priority"], i["room"]) for i in items] == [
        ("ascs26:s1", "must", "Hall A"), ("ascs26:s2", "nice", "Hall B"),
    ]
    assert items[0]["start"] == "2026-06-11T09:00:00+02:00"
    assert items[0]["clashes_with"] == ["ascs26:s2"]
    assert items[1]["clashes_with"] == ["ascs26:s1"]
    assert items[1]["clashes_with_titles"] == ["Robotic Whipple: Early Outcomes"]
    assert agenda["clashes"] == [["ascs26:s1", "ascs26:s2"]]
    assert [d["date"] for d in agenda["days"]] == ["2026-06-11", "2026-06-12"]


def test_agenda_add_takes_local_time_and_reports_the_clash(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(
        capsys, "--db", db, "agenda", "add", "Coffee with Dr. Mensah",
        "--start", "2026-06-11T09:45", "--end", "2026-06-11T10:30", "--location", "Lobby",
    )

    assert (code, err) == (0, "")
    assert out.startswith("added personal:1: Coffee with Dr. Mensah, Thu 11 Jun 09:45–10:30")
    assert "⚠ overlaps Robotic Whipple: Early Outcomes; Trauma Laparotomy Techniques" in out
    items = {i["id"]: i for i in agenda_json(capsys, db)["items"]}
    coffee = items["personal:1"]
    assert coffee == {
        "kind": "personal", "id": "personal:1", "title": "Coffee with Dr. Mensah",
        "start": "2026-06-11T09:45:00+02:00", "end": "2026-06-11T10:30:00+02:00", "priority": None,
        "clashes_with": ["ascs26:s1", "ascs26:s2"],
        "clashes_with_titles": ["Robotic Whipple: Early Outcomes", "Trauma Laparotomy Techniques"],
        "location": "Lobby", "notes": "",
    }
    assert "personal:1" in items["ascs26:s1"]["clashes_with"]


def test_agenda_add_with_an_offset_keeps_the_instant(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _err = run(
        capsys, "--db", db, "--json", "agenda", "add", "Call", "--start", "2026-06-11T16:00+00:00",
        "--end", "2026-06-11T16:30+00:00",
    )

    assert code == 0
    assert json.loads(out)["start"] == "2026-06-11T18:00:00+02:00"


def test_agenda_text_shows_clashes_and_free_time(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    run(capsys, "--db", db, "pick", "ascs26:s4")

    code, out, err = run(capsys, "--db", db, "agenda")

    assert (code, err) == (0, "")
    assert "Annual Surgical Congress 2026: my agenda (times in Europe/Berlin)" in out
    assert "Day 1 · Thursday 11 June" in out
    assert "★ 09:00–10:00  must  Robotic Whipple: Early Outcomes  @ Hall A  [ascs26:s1]" in out
    assert "⚠ overlaps Trauma Laparotomy Techniques" in out
    assert "10:15–13:00 free (2 h 45 min)" in out
    assert "1 clash:" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agenda", "add", "Lunch", "--start", "2026-06-11T13:00", "--end", "2026-06-11T12:00"],
         "must be after the start"),
        (["agenda", "add", " ", "--start", "2026-06-11T12:00", "--end", "2026-06-11T13:00"], "needs a title"),
        (["agenda", "remove", "personal:42"], "no personal item 'personal:42'"),
        (["agenda", "--conference", "99"], "no conference with id 99"),
    ],
)
def test_bad_agenda_input_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], db: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", db, *args)

    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err


def test_a_time_that_is_not_iso_is_a_usage_error(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, _out, err = run(capsys, "--db", db, "agenda", "add", "Lunch", "--start", "noon", "--end", "13:00")

    assert code == 2
    assert "not a date and time" in err


def test_agenda_remove_deletes_a_personal_item(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    run(capsys, "--db", db, "agenda", "add", "Lunch", "--start", "2026-06-11T12:00", "--end", "2026-06-11T13:00")

    code, out, _err = run(capsys, "--db", db, "agenda", "remove", "personal:1")

    assert (code, out) == (0, "removed personal:1\n")
    assert [i["id"] for i in agenda_json(capsys, db)["items"]] == ["ascs26:s1", "ascs26:s2"]


def test_agenda_ics_writes_a_calendar(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "my-agenda.ics"

    code, out, err = run(capsys, "--db", db, "agenda", "--ics", out_file)

    assert (code, err) == (0, "")
    assert out == f"wrote 2 events (1 with a reminder) to {out_file}\n"
    calendar = icalendar.Calendar.from_ical(out_file.read_bytes())
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "Robotic Whipple: Early Outcomes", "Trauma Laparotomy Techniques",
    ]
    assert len(vobject.readOne(out_file.read_text(encoding="utf-8")).vevent_list) == 2


def test_agenda_ics_into_a_missing_folder_fails_cleanly(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "--db", db, "agenda", "--ics", tmp_path / "nowhere" / "a.ics")

    assert code == 1 and out == ""
    assert "nowhere/a.ics" in err and "does not exist" in err


def test_agenda_without_any_conference_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "--db", tmp_path / "empty.sqlite", "agenda")

    assert code == 1
    assert "import a program first" in err
