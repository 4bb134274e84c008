"""`conference-app now`: the pick running, the next one and the people to meet there, as JSON or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_calls import as_json, fails, ok, run
from tests.core.test_now_next import venue_xml


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The forum in Chicago time, with two picks and three speakers to meet."""
    database = tmp_path / "db.sqlite"
    program = tmp_path / "forum.xml"
    program.write_text(venue_xml(), encoding="utf-8")
    ok(capsys, "--db", database, "import", program)
    ok(capsys, "--db", database, "pick", "msf26:e1")
    ok(capsys, "--db", database, "pick", "msf26:e3", "--priority", "nice")
    speakers = {s["name"]: s["id"] for s in as_json(capsys, "--db", database, "speakers")}  # type: ignore[union-attr]
    ok(capsys, "--db", database, "target", speakers["Dr. Grace Hopper-Lane"])
    ok(capsys, "--db", database, "target", speakers["Dr. Omar Haddad"], "--session", "msf26:e3")
    ok(capsys, "--db", database, "target", speakers["Dr. Lin Zhou"])
    return database


def test_the_json_contract(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    value = as_json(capsys, "--db", db, "now", "--at", "2026-10-31T09:20")
    speakers = {s["name"]: s["id"] for s in as_json(capsys, "--db", db, "speakers")}  # type: ignore[union-attr]

    assert value == {
        "now": {
            "id": "msf26:e1",
            "title": "Tumor Boards That Work",
            "room": "Hall A",
            "start": "2026-10-31T09:00:00-05:00",
            "end": "2026-10-31T10:00:00-05:00",
        },
        "next": {
            "id": "msf26:e3",
            "title": "Sarcoma Registry Results",
            "room": "Hall C",
            "start": "2026-10-31T11:00:00-05:00",
            "end": "2026-10-31T11:15:00-05:00",
        },
        "people": [
            {"id": speakers["Dr. Grace Hopper-Lane"], "name": "Dr. Grace Hopper-Lane", "session": "msf26:e1"},
            {"id": speakers["Dr. Omar Haddad"], "name": "Dr. Omar Haddad", "session": "msf26:e1"},
            {"id": speakers["Dr. Omar Haddad"], "name": "Dr. Omar Haddad", "session": "msf26:e3"},
        ],
    }


def test_session_ids_are_the_ones_the_other_commands_print(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    value = as_json(capsys, "--db", db, "now", "--at", "2026-10-31T09:20")
    agenda = as_json(capsys, "--db", db, "agenda")
    sessions = as_json(capsys, "--db", db, "sessions", "--picked")

    assert {value["now"]["id"], value["next"]["id"]} == {i["id"] for i in agenda["items"]}  # type: ignore[index]
    assert {value["now"]["id"], value["next"]["id"]} == {s["id"] for s in sessions}  # type: ignore[index,union-attr]


def test_a_moment_with_an_offset_is_converted_to_the_conference_zone(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    # 14:20 UTC is 09:20 in Chicago (CDT, UTC-5): the panel is running.
    with_offset = as_json(capsys, "--db", db, "now", "--at", "2026-10-31T14:20:00+00:00")
    # Without an offset, 14:20 is Chicago time: the panel is over, the registry talk is over too.
    local = as_json(capsys, "--db", db, "now", "--at", "2026-10-31T14:20")

    assert with_offset["now"]["id"] == "msf26:e1"  # type: ignore[index]
    assert local == {"now": None, "next": None, "people": []}


def test_readable_lines_and_empty_states(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    text = ok(capsys, "--db", db, "now", "--at", "2026-10-31T09:20")
    lines = text.splitlines()

    assert lines[0] == "Midwest Surgical Forum 2026 — Sat 31 Oct 09:20 (America/Chicago)"
    assert lines[1].startswith("Now:  09:00–10:00 @ Hall A  Tumor Boards That Work  [msf26:e1]")
    assert lines[2].strip() == "40 min left"
    assert "→ meet Dr. Grace Hopper-Lane (Program Director, Lakeshore University Medical Center)" in text
    assert "Next: 11:00–11:15 @ Hall C  Sarcoma Registry Results" in text
    assert "at 11:00, in 1 h 40 min" in text
    assert "Exit: Thank you for your time" in text

    between = ok(capsys, "--db", db, "now", "--at", "2026-10-31T10:30")
    assert "Nothing you picked is running now." in between and "Next: 11:00" in between
    assert "None of your picks is still to come." in ok(capsys, "--db", db, "now", "--at", "2026-10-31T12:00")
    assert "The conference is over" in ok(capsys, "--db", db, "now", "--at", "2026-11-02T09:00")
    ok(capsys, "--db", db, "unpick", "msf26:e1")
    ok(capsys, "--db", db, "unpick", "msf26:e3")
    assert "No picks yet" in ok(capsys, "--db", db, "now", "--at", "2026-10-31T09:20")


def test_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", db, "now", "--at", "half past nine")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "not a date and time" in err
    assert fails(capsys, "--db", tmp_path / "empty.sqlite", "now") == "no conference yet: import a program first"
    assert fails(capsys, "--db", db, "now", "--conference", "42") == "no conference with id 42"
