"""`conference-app followups`: the etiquette's clock walked with --as-of, and the files it writes."""

from __future__ import annotations

import json
import mailbox
from datetime import datetime, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar

from conference_app.core.workspace import Workspace
from tests.core.test_planning import write_test_congress
from tests.cli_calls import run

TASK_KEYS = {"id", "kind", "person", "name", "due", "status", "conference"}
CONGRESS = "Test Surgical Congress 2026"  # America/Chicago, 17–19 Oct 2026



def as_json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    assert run(capsys, "--db", path, "import", write_test_congress(tmp_path))[0] == 0
    assert run(capsys, "--db", path, "profile", "set", "--name", "Sam Rivera", "--stage", "PGY-2",
               "--institution", "Riverside University", "--email", "sam@riverside.example")[0] == 0
    return path


def add(capsys, db: Path, name: str, email: str, *more: object) -> str:
    added = as_json(capsys, "--db", db, "contacts", "add", name, "--email", email, *more)
    assert isinstance(added, dict)
    return str(added["id"])


def tasks(capsys, db: Path, as_of: str, *more: str) -> list[dict]:
    found = as_json(capsys, "--db", db, "followups", "--as-of", as_of, *more)
    assert isinstance(found, list) and all(set(t) == TASK_KEYS for t in found)
    return found


def brief(found: list[dict]) -> list[tuple[str, str, str]]:
    return [(t["id"], t["due"], t["status"]) for t in found]


def follow_up_state(capsys, db: Path, person: str, as_of: str) -> str:
    shown = as_json(capsys, "--db", db, "contacts", "show", person, "--as-of", as_of)
    assert isinstance(shown, dict)
    return str(shown["follow_up"])


def draft_and_send(capsys, db: Path, out: Path, as_of: str, kind: str, sent_at: str) -> dict:
    """Write the drafts of that day, then mark the one of `kind` sent through the service (SMTP is elsewhere)."""
    drafts = as_json(capsys, "--db", db, "followups", "draft", "--out", out, "--as-of", as_of, "--kind", kind)
    assert isinstance(drafts, list) and len(drafts) == 1
    (draft,) = drafts
    assert set(draft) == {"task", "file", "to", "subject", "warnings"}
    message = message_from_bytes(Path(draft["file"]).read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and message["To"].addresses[0].addr_spec == draft["to"]
    workspace = Workspace.open(db)
    try:
        workspace.follow_ups.mark_sent(message["Message-ID"], datetime.fromisoformat(sent_at))
    finally:
        workspace.close()
    return draft


def test_the_clock_from_the_conference_to_moved_on(capsys, db: Path, tmp_path: Path) -> None:
    jonas = add(capsys, db, "Jonas Berg", "jonas@nordic.example", "--place", "poster hall",
                "--point", "peer mentoring programme", "--on", "2026-10-18T16:00")

    assert brief(tasks(capsys, db, "2026-10-19")) == [("follow_up:1", "2026-10-22", "open")]
    assert tasks(capsys, db, "2026-10-19")[0] == {
        "id": "follow_up:1", "kind": "follow_up", "person": jonas, "name": "Jonas Berg", "due": "2026-10-22",
        "status": "open", "conference": CONGRESS,
    }
    assert brief(tasks(capsys, db, "2026-10-26")) == [("follow_up:1", "2026-10-22", "open")]  # day 7
    assert brief(tasks(capsys, db, "2026-10-27")) == [("follow_up:1", "2026-10-22", "overdue")]  # after day 7
    assert follow_up_state(capsys, db, jonas, "2026-10-27") == "due"

    draft = draft_and_send(capsys, db, tmp_path / "first", "2026-10-27", "follow_up", "2026-10-27T09:00:00+00:00")
    assert draft["subject"] == f"PGY-2 from Riverside University – Follow-Up from {CONGRESS}"
    assert draft["warnings"] == []
    # The nudge is upcoming at once, due 14 days after sending.
    assert brief(tasks(capsys, db, "2026-10-27")) == [("nudge:1", "2026-11-10", "open")]
    assert follow_up_state(capsys, db, jonas, "2026-10-27") == "waiting"
    assert brief(tasks(capsys, db, "2026-11-10")) == [("nudge:1", "2026-11-10", "open")]  # day 14 after sending

    draft_and_send(capsys, db, tmp_path / "nudge", "2026-11-10", "nudge", "2026-11-10T09:00:00+00:00")
    assert follow_up_state(capsys, db, jonas, "2026-11-30") == "nudged"
    assert tasks(capsys, db, "2026-11-30") == []
    assert follow_up_state(capsys, db, jonas, "2026-12-01") == "moved_on"  # day 35 after the follow-up
    assert tasks(capsys, db, "2026-12-01") == [] and tasks(capsys, db, "2027-06-01") == []  # nothing more
    assert brief(tasks(capsys, db, "2027-06-01", "--all")) == [
        ("follow_up:1", "2026-10-22", "done"), ("nudge:1", "2026-11-10", "done"),
    ]


def test_they_replied_cancels_the_nudge_and_a_question_needs_an_answer(capsys, db: Path, tmp_path: Path) -> None:
    jonas = add(capsys, db, "Jonas Berg", "jonas@nordic.example", "--place", "poster hall",
                "--point", "peer mentoring programme", "--on", "2026-10-18T16:00")
    draft_and_send(capsys, db, tmp_path / "first", "2026-10-22", "follow_up", "2026-10-22T09:00:00+00:00")

    replied = as_json(capsys, "--db", db, "followups", "replied", jonas, "--on", "2026-10-25", "--asks")

    assert replied == {"person": jonas, "follow_up": "replied"}
    assert brief(tasks(capsys, db, "2026-10-25")) == [("reply:1", "2026-10-27", "open")]
    assert brief(tasks(capsys, db, "2026-10-29")) == [("reply:1", "2026-10-27", "overdue")]
    assert tasks(capsys, db, "2026-11-20", "--all")[-1]["id"] == "reply:1"  # no nudge among them
    assert all(t["kind"] != "nudge" for t in tasks(capsys, db, "2026-11-20", "--all"))
    done = as_json(capsys, "--db", db, "followups", "done", "reply:1", "--as-of", "2026-10-26")
    assert isinstance(done, dict) and done["status"] == "done"
    assert tasks(capsys, db, "2026-10-29") == []


def test_a_mentors_keep_in_touch_at_six_months_and_its_reset(capsys, db: Path) -> None:
    amara = add(capsys, db, "Amara Okafor", "amara@lakeshore.example", "--relationship", "mentor",
                "--point", "HPB fellowship", "--on", "2026-10-18T10:00")
    assert as_json(capsys, "--db", db, "followups", "skip", "follow_up:1", "--as-of", "2026-10-20")["status"] == "skipped"  # type: ignore[index]

    assert brief(tasks(capsys, db, "2027-04-18")) == [("keep_in_touch:1:2027-04-18", "2027-04-18", "open")]

    # Meeting her again (the same email) logs a conversation on her, and the clock starts over.
    assert add(capsys, db, "Dr. A. Okafor", "AMARA@lakeshore.example", "--on", "2027-03-02T12:00") == amara
    assert brief(tasks(capsys, db, "2027-04-18")) == [
        ("follow_up:2", "2027-03-05", "overdue"),  # the new conversation has its own follow-up
        ("keep_in_touch:1:2027-09-02", "2027-09-02", "open"),
    ]


def test_done_skip_snooze_and_bad_input(capsys, db: Path) -> None:
    add(capsys, db, "Jonas Berg", "jonas@nordic.example", "--on", "2026-10-18T16:00", "--promise", "send my CV")
    snoozed = as_json(capsys, "--db", db, "followups", "snooze", "promise:1:1", "--until", "2026-11-01",
                      "--as-of", "2026-10-20")
    assert snoozed == {"id": "promise:1:1", "kind": "promise", "person": "1", "name": "Jonas Berg",
                       "due": "2026-11-01", "status": "snoozed", "conference": CONGRESS}
    assert brief(tasks(capsys, db, "2026-10-25")) == [("follow_up:1", "2026-10-22", "open")]
    assert ("promise:1:1", "2026-11-01", "open") in brief(tasks(capsys, db, "2026-11-01"))

    for args, message in (
        (("done", "follow_up:99", "--as-of", "2026-10-20"), "no task with id 'follow_up:99' on that day"),
        (("skip", "nonsense"), "no task with id 'nonsense'"),
        (("replied", "42"), "no person with id 42"),
        (("draft", "--out", db.parent / "d", "--kind", "letter"), "unknown task kind 'letter'"),
        (("draft", "--out", db.parent / "d", "--template", "nope", "--as-of", "2026-10-25"), "task follow_up:1: no template named 'nope'"),
        (("mbox", db.parent / "missing" / "x.mbox"), "does not exist"),
    ):  # fmt: skip
        code, out, err = run(capsys, "--db", db, "followups", *args)
        assert (code, out) == (1, "") and err.count("\n") == 1 and message in err, err
    code, out, err = run(capsys, "--db", db, "followups", "--as-of", "tomorrow")
    assert (code, out, err) == (2, "", "conference-app: argument --as-of: not a date (e.g. 2026-10-22): 'tomorrow'\n")


def test_mbox_and_ics_files_read_back(capsys, db: Path, tmp_path: Path) -> None:
    add(capsys, db, "Jonas Berg", "jonas@nordic.example", "--on", "2026-10-18T16:00", "--point", "peer mentoring")
    add(capsys, db, "Zoë Müller", "zoe@example.org", "--on", "2026-10-18T17:00", "--relationship", "sponsor")

    code, out, err = run(capsys, "--db", db, "followups", "mbox", tmp_path / "all.mbox", "--as-of", "2026-10-22")
    assert code == 0 and out == f"wrote 2 drafts to {tmp_path / 'all.mbox'}\n"
    assert "warning: follow_up:2: mentions no concrete point" in err
    box = mailbox.mbox(tmp_path / "all.mbox")
    messages = [message_from_bytes(m.as_bytes(), policy=policy.default) for m in box]
    box.close()
    assert sorted(m["To"].addresses[0].display_name for m in messages) == ["Jonas Berg", "Zoë Müller"]
    assert all(m["X-Unsent"] == "1" and m["Message-ID"] for m in messages)

    assert as_json(capsys, "--db", db, "followups", "ics", tmp_path / "tasks.ics", "--as-of", "2026-10-22") == {
        "file": str(tmp_path / "tasks.ics"), "tasks": 3,
    }
    calendar = Calendar.from_ical((tmp_path / "tasks.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Follow up with Jonas Berg", "Follow up with Zoë Müller", "Send an update to Zoë Müller",
    ]
    assert all(e.walk("VALARM") for e in events)
    assert run(capsys, "--db", db, "followups", "ics", tmp_path / "todo.ics", "--todo", "--as-of", "2026-10-22")[0] == 0
    todos = Calendar.from_ical((tmp_path / "todo.ics").read_bytes()).walk("VTODO")
    assert {str(t["DUE"].dt) for t in todos} == {"2026-10-22", "2027-04-18"}


def test_drafting_again_keeps_the_message_id_and_leaves_the_task_open(capsys, db: Path, tmp_path: Path) -> None:
    add(capsys, db, "Jonas Berg", "jonas@nordic.example", "--on", "2026-10-18T16:00")
    ids = []
    for _ in range(2):
        (draft,) = as_json(capsys, "--db", db, "followups", "draft", "--out", tmp_path / "d", "--as-of", "2026-10-22")  # type: ignore[misc]
        ids.append(message_from_bytes(Path(draft["file"]).read_bytes(), policy=policy.default)["Message-ID"])
    assert ids[0] == ids[1] and len(list((tmp_path / "d").iterdir())) == 1
    assert brief(tasks(capsys, db, "2026-10-22")) == [("follow_up:1", "2026-10-22", "open")]
    assert datetime.now(timezone.utc).year >= 2026


def test_the_cadence_can_be_changed_and_the_clock_follows(capsys, db: Path) -> None:
    add(capsys, db, "Jonas Berg", "jonas@nordic.example", "--place", "poster hall", "--on", "2026-10-18T16:00")
    assert brief(tasks(capsys, db, "2026-10-19")) == [("follow_up:1", "2026-10-22", "open")]

    changed = as_json(capsys, "--db", db, "followups", "cadence", "--set", "follow_up_days=5")
    assert isinstance(changed, dict) and changed["follow_up_days"] == 5 and changed["nudge_days"] == 14

    assert brief(tasks(capsys, db, "2026-10-19")) == [("follow_up:1", "2026-10-24", "open")]
    code, _out, err = run(capsys, "--db", db, "followups", "cadence", "--set", "follow_up_days=soon")
    assert code == 1 and err.strip() == "conference-app: 'follow_up_days=soon': write NAME=NUMBER, e.g. follow_up_days=5"


def test_a_uk_consultant_is_mr_and_a_mentor_can_be_updated_once_a_year(capsys, db: Path, tmp_path: Path) -> None:
    smith = add(capsys, db, "John Smith", "john.smith@gstt.example", "--place", "poster hall",
                "--on", "2026-10-18T16:00", "--relationship", "mentor")
    changed = as_json(capsys, "--db", db, "contacts", "address", smith, "--title", "Mr", "--keep-in-touch", "12")
    assert changed == {"id": smith, "title": "Mr", "keep_in_touch_months": 12}

    drafts = as_json(capsys, "--db", db, "followups", "draft", "--out", tmp_path, "--as-of", "2026-10-22")
    assert isinstance(drafts, list)
    message = message_from_bytes(Path(drafts[0]["file"]).read_bytes(), policy=policy.default)
    assert message.get_body(("plain",)).get_content().startswith("Dear Mr. Smith,")
    code, _out, err = run(capsys, "--db", db, "contacts", "address", smith, "--title", "Sir Lord")
    assert code == 1 and "unknown title 'Sir Lord'" in err
