"""`conference-app outreach --out DIR`: one .eml draft per person to meet, paths printed."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conference_app.cli import run
from conference_app.core.storage.models import OutgoingMessage
from tests.core.test_outreach import demo_database, open_demo_copy, plan_outreach  # noqa: F401 - a fixture


@pytest.fixture
def database(demo_database: Path, tmp_path: Path) -> Path:  # noqa: F811
    workspace = open_demo_copy(demo_database, tmp_path)
    plan_outreach(workspace)
    path = workspace.database.path
    workspace.close()
    return path


def test_outreach_writes_drafts_and_prints_their_paths(database: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    assert run(["outreach", "--db", str(database), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    printed = captured.out.splitlines()
    assert [Path(p).name for p in printed] == [
        "2026-10-17 Dr Umar Calloway - Visiting your panel.eml",
        "2026-10-18 Yara Holloway - Visiting your talk.eml",
        "2026-10-19 Dr Zinnia Umberger - Visiting your panel.eml",
    ]
    assert all(Path(p).is_file() for p in printed)
    assert "3 of 3 drafts have no recipient yet" in captured.err
    with Path(printed[2]).open("rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    assert message["X-Unsent"] == "1"
    assert "Monday, October 19 at 9:30 AM in Grand Ballroom A" in message.get_content()


def test_outreach_json_lists_speaker_path_and_subject_and_does_not_duplicate(
    database: Path, tmp_path: Path, capsys
) -> None:
    args = ["outreach", "--db", str(database), "--out", str(tmp_path), "--conference", "1", "--json"]
    assert run(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert [item["speaker"] for item in first] == ["Dr. Umar Calloway", "Yara Holloway", "Dr. Zinnia Umberger"]
    assert first[2]["subject"] == (
        "PGY-3 at Riverside Medical Center, interested in surgical oncology: five minutes after your panel on Monday?"
    )
    assert set(first[0]) == {"speaker", "path", "subject"}
    assert run(args) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert len(list(tmp_path.glob("*.eml"))) == 3
    from conference_app.core.workspace import Workspace

    workspace = Workspace.open(database)
    with workspace.database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutgoingMessage)) == 3
    workspace.close()


def test_an_out_folder_that_cannot_be_made_is_one_line_on_stderr(database: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    assert run(["outreach", "--db", str(database), "--out", str(blocker / "drafts")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("conference-app: ") and "notes.txt" in err and "cannot create the folder" in err
    assert err.count("\n") == 1


def test_an_unknown_conference_and_an_empty_database_are_clear(database: Path, tmp_path: Path, capsys) -> None:
    assert run(["outreach", "--db", str(database), "--out", str(tmp_path), "--conference", "9"]) == 1
    assert capsys.readouterr().err == "conference-app: no conference with id 9\n"
    assert run(["outreach", "--db", str(tmp_path / "empty.sqlite"), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == "conference-app: no conference yet: import a program first\n"


def test_no_people_to_meet_yet(demo_database: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    workspace = open_demo_copy(demo_database, tmp_path)
    path = workspace.database.path
    workspace.close()
    assert run(["outreach", "--db", str(path), "--out", str(tmp_path)]) == 0
    assert "No people to meet yet" in capsys.readouterr().out
    assert run(["outreach", "--db", str(path), "--out", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_outreach_requires_out(capsys) -> None:
    assert run(["outreach"]) == 2
    assert "--out" in capsys.readouterr().err
