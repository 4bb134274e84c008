"""The command line: the same services as the GUI, with --json output and one-line errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.frab_builder import (
    CONGRESS,
    CONGRESS_PERSONS,
    FrabEvent,
    fresh_database,
    write_congress,
    write_frab,
)
from tests.core.test_program_update import _version_two
from tests.cli_calls import run

REPO_ROOT = Path(__file__).resolve().parents[1]
IMPORT_KEYS = {"conference", "sessions", "speakers", "rooms", "days", "added", "changed", "removed", "elapsed_ms"}
SESSION_KEYS = {"id", "title", "start", "end", "room", "track", "speakers", "picked"}



def run_json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    code, out, err = run(capsys, *args, "--json")
    assert (code, err) == (0, "")
    assert out.count("\n") == 1  # one JSON document per command
    return json.loads(out)


def dump(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def db(tmp_path: Path, migrated_database: Path) -> Path:
    return fresh_database(migrated_database, tmp_path / "cli.sqlite")


@pytest.fixture
def imported(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> Path:
    code, _, err = run(capsys, "--db", db, "import", write_congress(tmp_path))
    assert (code, err) == (0, "")
    return db


def test_import_json_has_the_documented_keys_and_values(capsys, db: Path, tmp_path: Path) -> None:
    report = run_json(capsys, "--db", db, "import", write_congress(tmp_path))

    assert isinstance(report, dict)
    assert IMPORT_KEYS <= set(report)
    assert {k: report[k] for k in IMPORT_KEYS - {"elapsed_ms"}} == {
        "conference": "Annual Surgical Congress 2026",
        "sessions": 7,
        "speakers": 4,
        "rooms": 3,
        "days": 2,
        "added": 7,
        "changed": 0,
        "removed": 0,
    }
    assert isinstance(report["elapsed_ms"], (int, float)) and report["elapsed_ms"] >= 0
    assert db.is_file()


def test_import_prints_a_summary_without_json(capsys, db: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", db, "import", write_congress(tmp_path))

    assert (code, err) == (0, "")
    assert out.startswith("Imported Annual Surgical Congress 2026: 7 sessions, 4 speakers, 3 rooms, 2 days (")


def test_an_update_lists_what_changed_picks_first(capsys, imported: Path, tmp_path: Path) -> None:
    assert run(capsys, "--db", imported, "pick", "ascs26:103")[0] == 0

    report = run_json(capsys, "--db", imported, "import", write_congress(tmp_path, "v2.xml", _version_two()))

    assert (report["added"], report["changed"], report["removed"], report["updated"]) == (1, 4, 1, True)
    assert report["changes"][0] == {
        "id": "ascs26:103", "title": "Trauma Laparotomy Techniques", "what": ["room"], "picked": True
    }
    assert [c["picked"] for c in report["changes"]] == [True, False, False, False, False, False]

    code, out, _ = run(capsys, "--db", imported, "import", write_congress(tmp_path, "v2.xml", _version_two()))
    assert code == 0
    assert out.splitlines()[1] == "0 added, 0 changed, 0 cancelled"


def test_sessions_json(capsys, imported: Path) -> None:
    sessions = run_json(capsys, "--db", imported, "sessions")

    assert isinstance(sessions, list) and len(sessions) == 7
    for session in sessions:
        assert SESSION_KEYS <= set(session)
    robotic = sessions[1]
    assert {k: robotic[k] for k in SESSION_KEYS} == {
        "id": "ascs26:102",
        "title": "Robotic Pancreaticoduodenectomy: Early Outcomes",
        "start": "2026-06-11T09:00:00+02:00",
        "end": "2026-06-11T09:45:00+02:00",
        "room": "Hall A",
        "track": "HPB Surgery",
        "speakers": ["Zoë Müller", "Kwame Mensah"],
        "picked": False,
    }
    start = datetime.fromisoformat(robotic["start"])
    assert start.utcoffset() == timedelta(hours=2)
    assert [s["speakers"] for s in sessions if s["title"] == "Opening Ceremony"] == [[]]


def test_speaker_names_with_commas_stay_whole(capsys, db: Path, tmp_path: Path) -> None:
    panel = FrabEvent(
        "1", "Hernia Masterclass", "2026-06-11T09:00", persons=(("8", "Jane Doe, MD, FACS"), ("4", "Li Wei"))
    )
    run(capsys, "--db", db, "import", write_frab(tmp_path, "hernia.xml", [panel]))

    sessions = run_json(capsys, "--db", db, "sessions")

    assert sessions[0]["speakers"] == ["Jane Doe, MD, FACS", "Li Wei"]


def test_sessions_search_and_picked(capsys, imported: Path) -> None:
    found = run_json(capsys, "--db", imported, "sessions", "--search", "muller")
    assert [s["title"] for s in found] == [
        "Robotic Pancreaticoduodenectomy: Early Outcomes", "Surgical Education Roundtable"
    ]
    assert run_json(capsys, "--db", imported, "sessions", "--picked") == []
    code, out, err = run(capsys, "--db", imported, "sessions", "--search", "zzzz-nothing")
    assert (code, out, err) == (0, "", "")


def test_pick_and_unpick_round_trip(capsys, imported: Path) -> None:
    picked = run_json(capsys, "--db", imported, "pick", "ascs26:105", "--priority", "nice")
    assert (picked["id"], picked["picked"], picked["priority"]) == ("ascs26:105", True, "nice")

    listed = run_json(capsys, "--db", imported, "sessions", "--picked")
    assert [(s["id"], s["title"], s["picked"], s["priority"]) for s in listed] == [
        ("ascs26:105", "Surgical Education Roundtable", True, "nice")
    ]

    code, out, err = run(capsys, "--db", imported, "unpick", "ascs26:105")
    assert (code, out, err) == (0, "removed from agenda: Surgical Education Roundtable\n", "")
    assert run_json(capsys, "--db", imported, "sessions", "--picked") == []

    code, out, _ = run(capsys, "--db", imported, "pick", "ascs26:105")
    assert (code, out) == (0, "picked (must): Surgical Education Roundtable\n")


def test_options_before_and_after_the_subcommand(capsys, imported: Path) -> None:
    before = run(capsys, "--db", imported, "--json", "sessions", "--search", "trauma")
    after = run(capsys, "sessions", "--search", "trauma", "--db", imported, "--json")

    assert before == after
    assert [s["id"] for s in json.loads(after[1])] == ["ascs26:103"]


def test_without_db_the_data_folder_is_used(capsys, tmp_path: Path) -> None:
    code, _, _ = run(capsys, "import", write_congress(tmp_path))

    assert code == 0
    assert (tmp_path / "data" / "conference.sqlite").is_file()  # CONFERENCE_APP_DATA_DIR, set by conftest
    assert [c["title"] for c in run_json(capsys, "conferences")] == ["Annual Surgical Congress 2026"]


def test_conferences_json(capsys, imported: Path) -> None:
    assert run_json(capsys, "--db", imported, "conferences") == [
        {"id": 1, "title": "Annual Surgical Congress 2026", "time_zone": "Europe/Berlin",
         "start": "2026-06-11", "end": "2026-06-12", "sessions": 7}
    ]


@pytest.mark.parametrize("command", [["pick", "ascs26:999"], ["unpick", "nonsense"], ["pick", "other-conf:101"]])
def test_an_unknown_id_exits_1_with_one_line(capsys, imported: Path, command: list[str]) -> None:
    code, out, err = run(capsys, "--db", imported, *command)

    assert code == 1
    assert out == ""
    assert err == f"conference-app: no session with id {command[1]!r}\n"


@pytest.mark.parametrize(
    "args",
    [
        ["pick"],
        ["pick", "ascs26:101", "--priority", "urgent"],
        ["sessions", "--bogus"],
        ["sessions", "--conference", "first"],
        ["import", "x.xml", "--format", "pdf"],
        ["import", "x.xml", "--first-day", "12/06/2026"],
    ],
)
def test_a_usage_error_exits_2_with_one_line(capsys, imported: Path, args: list[str]) -> None:
    before = dump(imported)
    code, out, err = run(capsys, "--db", imported, *args)

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("conference-app: ")
    assert dump(imported) == before


def test_a_bad_map_is_one_line(capsys, db: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", db, "import", write_congress(tmp_path), "--map", "Titel")

    assert (code, out) == (1, "")
    assert err == "conference-app: --map takes COLUMN=FIELD, not 'Titel'\n"


def test_a_bad_file_exits_1_names_it_and_changes_nothing(capsys, imported: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<schedule><conference><title>Broken</conference>", encoding="utf-8")
    before = dump(imported)

    code, out, err = run(capsys, "--db", imported, "import", bad, "--json")

    assert (code, out) == (1, "")
    assert err.startswith("conference-app: broken.xml: ") and err.count("\n") == 1
    assert dump(imported) == before


def test_help_lists_the_program_commands(capsys) -> None:
    code, out, _ = run(capsys, "--help")

    assert code == 0
    for command in ("import", "conferences", "sessions", "pick", "unpick"):
        assert command in out


def test_the_real_process_fails_cleanly_on_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<schedule><day index="1"><room name="A"><event id="1">', encoding="utf-8")

    finished = subprocess.run(
        [sys.executable, "-m", "conference_app", "--db", str(tmp_path / "x.sqlite"), "import", str(bad)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )

    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.count("\n") == 1
    assert finished.stderr.startswith("conference-app: bad.xml: ")
    assert "Traceback" not in finished.stderr


def test_the_whole_congress_round_trip_through_the_real_files(capsys, db: Path, tmp_path: Path) -> None:
    """Import, update, and read back: the ids printed by one command work in the next."""
    run(capsys, "--db", db, "import", write_frab(tmp_path, "c.xml", CONGRESS, persons=CONGRESS_PERSONS))
    first_id = run_json(capsys, "--db", db, "sessions")[0]["id"]

    assert run_json(capsys, "--db", db, "pick", first_id)["title"] == "Opening Ceremony"
    assert [s["id"] for s in run_json(capsys, "--db", db, "sessions", "--picked")] == [first_id]


def test_a_search_that_waits_for_the_index_says_so_on_stderr(capsys, imported: Path, monkeypatch) -> None:
    import time

    from conference_app.cli import output
    from conference_app.core.services.program import ProgramService

    finish = ProgramService.finish_search_index

    def slow(self: ProgramService):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # a large program's index
        return finish(self)

    monkeypatch.setattr(output, "PREPARING_NOTICE_S", 0.05)
    monkeypatch.setattr(ProgramService, "finish_search_index", slow)
    code, out, err = run(capsys, "--db", imported, "sessions", "--search", "whipple")
    assert (code, err) == (0, "conference-app: preparing search for the sessions imported last…\n")
    assert "Robotic Pancreaticoduodenectomy: Early Outcomes" in out
    # Finished once: the next search neither waits nor says anything.
    code, out, err = run(capsys, "--db", imported, "sessions", "--search", "whipple")
    assert (code, err) == (0, "")


def test_a_search_that_cannot_finish_the_index_is_one_line_and_changes_nothing(
    capsys, imported: Path, monkeypatch
) -> None:
    from conference_app.core.storage import database_file

    before = dump(imported)
    plain = database_file.set_pragmas

    def read_only(connection, record=None):  # type: ignore[no-untyped-def]
        plain(connection, record)
        connection.execute("PRAGMA query_only = ON")  # SQLite's own refusal of a read-only file

    monkeypatch.setattr(database_file, "set_pragmas", read_only)
    code, out, err = run(capsys, "--db", imported, "sessions", "--search", "whipple")

    assert (code, out) == (1, "")
    assert err == f"conference-app: {imported.name} is read-only: check the permissions of the file and of its folder; " \
                  "nothing was changed\n"
    assert dump(imported) == before  # the index still waits, to be finished by the next search that can write
