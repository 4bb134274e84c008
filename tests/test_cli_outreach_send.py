"""`conference-app outreach --smtp` and `--mbox`: introductions through the follow-ups' pipeline, each sent once."""

from __future__ import annotations

import json
import mailbox
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from conference_app.cli import run
from conference_app.core.storage.models import Contact, ContactDetail, ContactSpeaker, OutgoingMessage
from conference_app.core.workspace import Workspace
from tests.core.test_mail_sending import Collector, Server, start_server
from tests.core.test_outreach import demo_database, open_demo_copy, plan_outreach, speaker_id  # noqa: F401 - a fixture

ADDRESSES = {"Dr. Zinnia Umberger": "zumberger@lakeshore.example", "Dr. Umar Calloway": "ucalloway@prairie.example"}
SPEAKERS = {"Dr. Zinnia Umberger": "Zinnia Umberger", "Dr. Umar Calloway": "Umar Calloway"}


@pytest.fixture
def database(demo_database: Path, tmp_path: Path) -> Path:  # noqa: F811
    """Three people to meet; two of them have an address known (a person linked to the speaker)."""
    workspace = open_demo_copy(demo_database, tmp_path)
    plan_outreach(workspace)
    for name, address in ADDRESSES.items():
        speaker = speaker_id(workspace, SPEAKERS[name])
        with workspace.database.sessions.begin() as session:
            contact = Contact(name=name, created_at=datetime(2026, 9, 1, tzinfo=timezone.utc))
            session.add(contact)
            session.flush()
            session.add(ContactDetail(contact_id=contact.id, kind="email", value=address, match_key=address))
            session.add(ContactSpeaker(speaker_id=speaker, contact_id=contact.id))
    path = workspace.database.path
    workspace.close()
    return path


@pytest.fixture
def server() -> Iterator[Server]:
    yield from start_server(Collector())


def outreach(capsys: pytest.CaptureFixture[str], database: Path, *more: str) -> tuple[int, object, str]:
    code = run(["outreach", "--db", str(database), "--json", *more])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def states(database: Path) -> dict[str, str]:
    workspace = Workspace.open(database)
    try:
        with workspace.database.sessions() as session:
            return {r: s for r, s in session.execute(select(OutgoingMessage.recipient, OutgoingMessage.state))}
    finally:
        workspace.close()


def test_each_introduction_with_an_address_is_sent_once(capsys, database: Path, server: Server, tmp_path: Path) -> None:
    send = ("--smtp", f"127.0.0.1:{server.port}", "--pause", "0")
    code, report, err = outreach(capsys, database, *send)

    assert (code, report) == (0, {"sent": 2, "failed": [], "uncertain": []}), err
    assert sorted(server.handler.to()) == sorted(ADDRESSES.values())
    assert "left out, no email address known: Yara Holloway" in err
    received = {r.rcpt_tos[0]: r.message for r in server.handler.received}
    zinnia = received["zumberger@lakeshore.example"]
    assert zinnia["From"].addresses[0].addr_spec == "zoe@riverside.example"
    assert zinnia["Subject"].startswith("PGY-3 at Riverside Medical Center")
    assert zinnia["X-Unsent"] is None
    assert "Monday, October 19 at 9:30 AM in Grand Ballroom A" in zinnia.get_content()
    assert states(database) == {address: "sent" for address in ADDRESSES.values()}

    # Saving the drafts again afterwards does not make a sent introduction sendable again.
    assert run(["outreach", "--db", str(database), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert outreach(capsys, database, *send)[:2] == (0, {"sent": 0, "failed": [], "uncertain": []})
    assert len(server.handler.received) == 2


def test_a_refused_recipient_fails_alone_and_goes_on_the_next_run(capsys, database: Path) -> None:
    for running in start_server(Collector(refuse={"ucalloway@prairie.example"})):
        send = ("--smtp", f"127.0.0.1:{running.port}", "--pause", "0")
        code, report, _err = outreach(capsys, database, *send)
        assert code == 1 and isinstance(report, dict) and report["sent"] == 1
        (failed,) = report["failed"]
        assert failed["speaker"] == "Dr. Umar Calloway" and failed["to"] == "ucalloway@prairie.example"
        assert failed["reason"].startswith("550")
        running.handler.refuse.clear()
        assert outreach(capsys, database, *send)[:2] == (0, {"sent": 1, "failed": [], "uncertain": []})
        assert sorted(running.handler.to()) == sorted(ADDRESSES.values())


def test_mbox_holds_every_introduction_with_the_message_ids_that_are_later_sent(
    capsys, database: Path, server: Server, tmp_path: Path
) -> None:
    out = tmp_path / "outreach.mbox"
    code, listed, err = outreach(capsys, database, "--mbox", str(out))
    assert code == 0, err
    assert {item["speaker"] for item in listed} == set(ADDRESSES)
    box = mailbox.mbox(out)
    try:
        written = {m["To"].split("<")[-1].rstrip(">"): m["Message-ID"] for m in box}
    finally:
        box.close()
    assert set(written) == set(ADDRESSES.values())
    assert states(database) == {address: "draft" for address in ADDRESSES.values()}
    assert outreach(capsys, database, "--smtp", f"127.0.0.1:{server.port}", "--pause", "0")[0] == 0
    sent = {r.rcpt_tos[0]: r.message["Message-ID"] for r in server.handler.received}
    assert sent == written
