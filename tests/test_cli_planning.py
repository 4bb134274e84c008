"""The planning commands: profile, goals, speakers, target, targets, met."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_planning import write_test_congress
from tests.cli_calls import as_json, fails, ok

GOAL_KEYS = {"id", "conference_id", "kind", "title", "target", "keywords", "institutions", "roles", "deadline",
             "status", "progress"}
PROGRESS_KEYS = {"done", "target", "fraction", "label", "planned", "counted"}






@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    ok(capsys, "--db", path, "import", write_test_congress(tmp_path))
    return path


def speaker_ids(capsys: pytest.CaptureFixture[str], db: Path) -> dict[str, int]:
    speakers = as_json(capsys, "--db", db, "speakers")
    assert isinstance(speakers, list)
    return {s["name"]: s["id"] for s in speakers}


def test_profile_set_then_show(capsys, db: Path) -> None:
    ok(capsys, "--db", db, "profile", "set", "--name", "Ana Ruiz", "--stage", "ms4", "--institution", "Home U",
       "--interest", "surgical oncology", "--interest", "HPB",
       "--target-institution", "Lakeshore University Medical Center", "--email", "ana@example.org")
    ok(capsys, "--db", db, "profile", "set", "--pitch", "MS4 at Home U, applying to general surgery.")

    profile = as_json(capsys, "--db", db, "profile")
    text = ok(capsys, "--db", db, "profile")

    assert profile == {
        "name": "Ana Ruiz", "stage": "MS4", "institution": "Home U", "interests": ["surgical oncology", "HPB"],
        "target_institutions": ["Lakeshore University Medical Center"], "target_fellowships": [],
        "email": "ana@example.org", "phone": "", "linkedin": "", "x_handle": "",
        "pitch": "MS4 at Home U, applying to general surgery.", "signature": "",
    }
    assert "Stage:               MS4\n" in text
    assert "Interests:           surgical oncology; HPB\n" in text


def test_profile_bad_input_is_one_line(capsys, db: Path) -> None:
    assert fails(capsys, "--db", db, "profile", "set", "--email", "nobody") == "'nobody' is not an email address"
    assert fails(capsys, "--db", db, "profile", "set", "--stage", "PGY-9").startswith("unknown stage 'PGY-9'")
    assert fails(capsys, "--db", db, "profile", "set").startswith("nothing to set")


def test_goals_add_prints_only_the_id(capsys, db: Path) -> None:
    first = ok(capsys, "--db", db, "goals", "add", "Meet program directors", "--kind", "meet", "--target", "2",
               "--keyword", "surgical oncology", "--institution", "Lakeshore University Medical Center",
               "--role", "Program Director")
    second = ok(capsys, "--db", db, "goals", "add", "Attend trauma sessions", "--kind", "attend", "--target", "3",
                "--deadline", "2026-10-18")

    assert (first, second) == ("1\n", "2\n")
    goals = as_json(capsys, "--db", db, "goals")
    assert isinstance(goals, list) and len(goals) == 2
    assert set(goals[0]) == GOAL_KEYS and set(goals[0]["progress"]) == PROGRESS_KEYS
    assert goals[0] | {"progress": None} == {
        "id": 1, "conference_id": 1, "kind": "meet", "title": "Meet program directors", "target": 2,
        "keywords": ["surgical oncology"], "institutions": ["Lakeshore University Medical Center"],
        "roles": ["Program Director"], "deadline": "2026-10-19", "status": "active", "progress": None,
    }
    assert goals[0]["progress"] == {
        "done": 0, "target": 2, "fraction": 0.0, "label": "0 of 2 program directors met", "planned": 0, "counted": [],
    }
    assert (goals[1]["kind"], goals[1]["deadline"]) == ("attend", "2026-10-18")


def test_goals_add_from_a_template(capsys, db: Path) -> None:
    ok(capsys, "--db", db, "profile", "set", "--stage", "MS3",
       "--target-institution", "Prairie Crest University Hospital")

    goal_id = ok(capsys, "--db", db, "goals", "add", "--template", "applicant-program-directors", "--target", "1")
    goal = as_json(capsys, "--db", db, "goals")[0]  # type: ignore[index]

    assert goal_id == "1\n"
    assert (goal["kind"], goal["target"], goal["institutions"]) == (
        "introduce", 1, ["Prairie Crest University Hospital"],
    )
    assert goal["title"] == "Introduce myself to program directors from 2 target programs"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("goals", "add", "", "--kind", "meet", "--target", "2"), "a goal needs a title"),
        (("goals", "add", "Meet people", "--kind", "meet", "--target", "0"), "the target must be at least 1"),
        (("goals", "add", "Meet people", "--kind", "chat", "--target", "1"),
         "unknown goal kind 'chat': use one of meet, introduce, learn, attend, custom"),
        (("goals", "add", "Meet people", "--target", "1"),
         "--kind is required without --template (meet, introduce, learn, attend, custom)"),
        (("goals", "add", "Meet people", "--kind", "meet", "--target", "1", "--institution", "Atlantis General"),
         "unknown institution 'Atlantis General': add it to your target institutions in your profile, "
         "or use a speaker's affiliation from the program"),
        (("goals", "add", "--template", "nope"), "no goal template 'nope'"),
        (("goals", "status", "9", "done"), "no goal with id 9"),
        (("target", "999"), "no speaker with id 999"),
        (("met", "3"), "no person to meet with id 3"),
    ],
)
def test_bad_input_exits_1_with_one_line(capsys, db: Path, args: tuple[str, ...], message: str) -> None:
    assert fails(capsys, "--db", db, *args) == message
    assert as_json(capsys, "--db", db, "goals") == []


def test_templates_follow_the_profile_stage(capsys, db: Path) -> None:
    ok(capsys, "--db", db, "profile", "set", "--stage", "PGY-2")

    templates = as_json(capsys, "--db", db, "goals", "templates")
    for_students = as_json(capsys, "--db", db, "goals", "templates", "--stage", "MS1")
    text = ok(capsys, "--db", db, "goals", "templates")

    assert [t["id"] for t in templates] == [  # type: ignore[index, union-attr]
        "resident-mentor-team", "resident-fellowship-directors", "resident-collaborators", "resident-major-meeting",
        "few-meaningful-conversations",
    ]
    assert templates[0] == {  # type: ignore[index]
        "id": "resident-mentor-team", "group": "resident", "name": "Build a mentor team",
        "why": "Different mentors for clinical skills, research and career choices cover each other's gaps.",
        "kind": "meet", "title": "Meet 3 possible mentors: clinical, research and career", "target": 3,
        "roles": ["Faculty", "Division Chief"],
    }
    assert [t["group"] for t in for_students] == ["preclinical"] * 3 + [None]  # type: ignore[index, union-attr]
    assert text.splitlines()[0].startswith("resident-mentor-team               [meet] Build a mentor team: ")


def test_speakers_target_met_and_progress(capsys, db: Path) -> None:
    ids = speaker_ids(capsys, db)
    goal_id = ok(capsys, "--db", db, "goals", "add", "Meet PDs", "--kind", "meet", "--target", "2",
                 "--role", "Program Director").strip()

    marked = as_json(capsys, "--db", db, "target", ids["Chen Jing"], "--goal", goal_id)
    text = ok(capsys, "--db", db, "target", ids["Amara Okafor"], "--goal", goal_id, "--session", "tsc26:203")
    listed = as_json(capsys, "--db", db, "targets")
    met = as_json(capsys, "--db", db, "met", marked["id"], "--place", "poster hall")  # type: ignore[index]
    goals = as_json(capsys, "--db", db, "goals")
    goals_text = ok(capsys, "--db", db, "goals")

    assert marked == {
        "id": 1, "speaker_id": ids["Chen Jing"], "name": "Chen Jing", "affiliation": "Prairie Crest University Hospital",
        "role": "Program Director", "goal_id": 1, "goal": "Meet PDs",
        "session": {"event_id": marked["session"]["event_id"], "title": "Trauma Systems Panel",  # type: ignore[index]
                    "start": "2026-10-17T11:00:00-05:00", "end": "2026-10-17T12:00:00-05:00", "room": "Hall B"},
        "met": False, "contact_id": None,
    }
    assert text == (
        "  2  meet Amara Okafor (Program Director, Lakeshore University Medical Center) after "
        "'Fellowship Match Q&A' (Sun 10:00, Hall A)  · for: Meet PDs\n"
    )
    assert [t["name"] for t in listed] == ["Chen Jing", "Amara Okafor"]  # type: ignore[index, union-attr]
    assert (met["met"], met["contact_id"]) == (True, 1)  # type: ignore[index]
    assert goals[0]["progress"]["done"] == 1  # type: ignore[index]
    assert goals[0]["progress"]["counted"] == [  # type: ignore[index]
        {"kind": "contact", "id": 1, "name": "Chen Jing", "detail": "Prairie Crest University Hospital"}
    ]
    assert goals_text == (
        "  1  [meet] Meet PDs\n"
        "     [######------] 1 of 2 program directors met · 2 planned · due 2026-10-19\n"
    )


def test_speakers_search_and_no_conference(capsys, db: Path, tmp_path: Path) -> None:
    found = as_json(capsys, "--db", db, "speakers", "--search", "Lakeshore")
    assert [(s["name"], s["role"], s["sessions"]) for s in found] == [  # type: ignore[index, union-attr]
        ("Amara Okafor", "Program Director", 2), ("Bram de Vries", "Fellowship Director", 2),
    ]
    empty = tmp_path / "empty.sqlite"
    assert fails(capsys, "--db", empty, "speakers") == "no conference yet: import a program first"
    assert ok(capsys, "--db", empty, "goals") == "no goals yet\n"


def test_goal_status_and_delete(capsys, db: Path) -> None:
    ok(capsys, "--db", db, "goals", "add", "One", "--kind", "custom", "--target", "1")
    ok(capsys, "--db", db, "goals", "add", "Two", "--kind", "learn", "--target", "2")

    assert ok(capsys, "--db", db, "goals", "status", "1", "dropped") == "goal 1 is dropped: One\n"
    assert ok(capsys, "--db", db, "goals", "delete", "2") == "deleted goal 2: Two\n"
    assert [(g["id"], g["status"]) for g in as_json(capsys, "--db", db, "goals")] == [(1, "dropped")]  # type: ignore
