"""`conference-app suggest GOAL_ID [--limit N] [--json]`: the ranked list a script or a person reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conference_app.cli import run
from conference_app.core.demo import demo_program_path
from conference_app.core.storage.models import Goal
from conference_app.core.workspace import Workspace


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "db.sqlite"
    workspace = Workspace.open(path)
    workspace.program.import_program(demo_program_path())
    workspace.close()
    return path


def add_goal(db: Path, kind: str, keywords: Sequence[str] = (), roles: Sequence[str] = ()) -> int:
    workspace = Workspace.open(db)
    try:
        with workspace.database.sessions.begin() as session:
            goal = Goal(kind=kind, title=kind, target_count=2, keywords=list(keywords), roles=list(roles),
                        created_at=datetime.now(timezone.utc))
            session.add(goal)
            session.flush()
            return goal.id
    finally:
        workspace.close()


def test_json_is_a_ranked_array_of_sessions_and_speakers(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    goal = add_goal(demo_db, "meet", ["surgical oncology"], ["Program Director"])
    assert run(["suggest", str(goal), "--limit", "12", "--json", "--db", str(demo_db)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 12
    assert [item["score"] for item in out] == sorted((item["score"] for item in out), reverse=True)
    kinds = {item["kind"] for item in out}
    assert kinds == {"session", "speaker"}
    first = out[0]
    assert first["kind"] == "speaker" and first["role"] == "Program Director"
    assert set(first) >= {"kind", "id", "name", "score", "reasons"} and "title" not in first
    assert first["id"].isdigit() and isinstance(first["score"], float)
    assert first["reasons"][0] == "is a program director"
    assert first["sessions"] and first["sessions"][0]["start"].endswith("-05:00")
    session = next(item for item in out if item["kind"] == "session")
    assert set(session) >= {"kind", "id", "title", "score", "reasons"} and "name" not in session
    assert session["id"].startswith("fasc-2026:")
    assert "panel with 2 program directors" in session["reasons"]
    assert session["track"] == "Surgical Oncology" and session["picked"] is False


def test_text_is_a_numbered_list_with_the_reasons(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    goal = add_goal(demo_db, "attend", ["rectal cancer"])
    assert run(["suggest", str(goal), "--limit", "3", "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line[:3] for line in lines if line[:1].isdigit()] == ["1. ", "2. ", "3. "]
    assert lines[0].startswith("1. ") and "[fasc-2026:" in lines[0] and "score" in lines[0]
    assert lines[1].strip().startswith(("Sat ", "Sun ", "Mon ", "Tue "))
    assert lines[2].strip().startswith("why: ") and "rectal cancer" in lines[2]


def test_nothing_to_suggest_says_so_in_one_line(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    goal = add_goal(demo_db, "attend", ["xylophone quartet"])
    assert run(["suggest", str(goal), "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"No suggestions for goal {goal}: give it keywords, institutions or roles the program matches.\n"
    )
    assert run(["suggest", str(goal), "--json", "--db", str(demo_db)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_bad_input_is_one_line_on_stderr(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["suggest", "999", "--db", str(demo_db)]) == 1
    assert capsys.readouterr().err == "conference-app: no goal with id 999\n"
    goal = add_goal(demo_db, "attend", ["hernia"])
    assert run(["suggest", str(goal), "--limit", "0", "--db", str(demo_db)]) == 1
    assert capsys.readouterr().err == "conference-app: the number of suggestions must be at least 1, not 0\n"
    assert run(["suggest", "first", "--db", str(demo_db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("conference-app: ") and err.count("\n") == 1
