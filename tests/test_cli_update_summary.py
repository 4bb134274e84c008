"""`conference-app import` of a newer version: a short summary in text, every change in --json."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli_calls import ok
from tests.frab_builder import FrabEvent, fresh_database, write_frab

SESSIONS = 300
REPORT_KEYS = {
    "conference",
    "conference_id",
    "sessions",
    "speakers",
    "rooms",
    "days",
    "added",
    "changed",
    "removed",
    "elapsed_ms",
    "updated",
    "changes",
    "warnings",
}


def _program(minute: int) -> list[FrabEvent]:
    """Many sessions over two days; `minute` shifts them all."""
    return [
        FrabEvent(
            str(n), f"Session {n:03d}", f"2026-06-{11 + n % 2}T{8 + n % 10:02d}:{minute:02d}", room=f"Room {n % 7}"
        )
        for n in range(SESSIONS)
    ]


@pytest.fixture
def db(tmp_path: Path, migrated_database: Path) -> Path:
    return fresh_database(migrated_database, tmp_path / "cli.sqlite")


def test_an_update_prints_counts_and_the_changed_picks_only(capsys, db: Path, tmp_path: Path) -> None:
    ok(capsys, "--db", db, "import", write_frab(tmp_path, "v1.xml", _program(0)))
    ok(capsys, "--db", db, "pick", "ascs26:7")
    moved = _program(15)
    moved[3] = replace(moved[3], room="Hall Z")  # and a new room as well for one of them

    out = ok(capsys, "--db", db, "import", write_frab(tmp_path, "v2.xml", moved))

    lines = out.splitlines()
    assert lines[1:] == [
        f"0 added, {SESSIONS} changed, 0 cancelled",
        f"changed: {SESSIONS} new time, 1 new room",
        "your picks: 1 changed",
        "★ time: Session 007",
        f"{SESSIONS - 1} other changes are listed with --json",
    ]


def test_json_keeps_every_change_and_the_existing_keys(capsys, db: Path, tmp_path: Path) -> None:
    ok(capsys, "--db", db, "import", write_frab(tmp_path, "v1.xml", _program(0)))
    ok(capsys, "--db", db, "pick", "ascs26:7")

    report = json.loads(ok(capsys, "--db", db, "import", write_frab(tmp_path, "v2.xml", _program(15)), "--json"))

    assert set(report) == REPORT_KEYS
    assert len(report["changes"]) == SESSIONS
    assert report["changes"][0] == {"id": "ascs26:7", "title": "Session 007", "what": ["time"], "picked": True}
    assert all(set(change) == {"id", "title", "what", "picked"} for change in report["changes"])


def test_an_update_without_changes_to_picks_says_so(capsys, db: Path, tmp_path: Path) -> None:
    ok(capsys, "--db", db, "import", write_frab(tmp_path, "v1.xml", _program(0)))
    renamed = [replace(event, title=event.title + " (revised)") if event.id == "5" else event for event in _program(0)]

    out = ok(capsys, "--db", db, "import", write_frab(tmp_path, "v2.xml", renamed))

    assert out.splitlines()[1:] == [
        "0 added, 1 changed, 0 cancelled",
        "changed: 1 new title",
        "your picks: none changed",
        "1 other change is listed with --json",
    ]
