"""After the conference: follow-up emails sent through SMTP, and written as .eml drafts.

Send: 500 due follow-ups (one poster-hall conversation per generated person) sent by
`send_messages` (pause 0) to an aiosmtpd server on 127.0.0.1 — each with its "sending" commit, the
SMTP exchange, and its "sent" commit closing the task. Floor: a plain smtplib loop sending the
same 500 prebuilt messages over one connection (no database). Shown for information: the gap is
the price of exactly-once (two committed transactions per message).

Drafts: 1,000 follow-ups composed, recorded and written as .eml files by
`FollowUpService.write_drafts`. Floor: a plain stdlib `email` loop writing the same messages
(EmailMessage, the same headers and body, one file each). Target ≤ 1.5×.
"""

from __future__ import annotations

import smtplib
import socket
from datetime import date, datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from bench.context import QUICK, BenchContext
from bench.people_cards import as_cards, generate_people
from bench.results import Result
from bench.timing import timed_ms

NAME = "mail"
DRAFTS_LIMIT = 1.5
FULL_SENDS, QUICK_SENDS = 500, 6
FULL_DRAFTS, QUICK_DRAFTS = 1_000, 10
AS_OF = date(2027, 11, 1)  # the generated congress runs 16–19 Oct 2027: every follow-up is due
MET_AT = datetime(2027, 10, 17, 20, 0, tzinfo=timezone.utc)
SENDER = "sam@riverside.example"


class _Counting:
    """The server's handler: counts what it accepts, keeps nothing."""

    def __init__(self) -> None:
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN201
        self.accepted += 1
        return "250 OK"


def due_database(context: BenchContext, name: str, people: int) -> Path:
    """A database with the user's profile and one due follow-up per generated person."""
    from conference_app.core.domain.people import CaptureData, ConversationNote
    from conference_app.core.domain.planning import ProfileData
    from conference_app.core.workspace import Workspace

    path = context.fresh_database(name)
    workspace = Workspace.open(path)
    try:
        workspace.program.import_program(context.program(60, 48))
        workspace.planning.save_profile(ProfileData(name="Sam Rivera", stage="PGY-2", institution="Riverside University",
                                                    email=SENDER))
        conference_id = workspace.program.current_conference_id()
        context.say(f"mail: capturing {people:,} people with a conversation each")
        for details, _card in as_cards(generate_people(people)):
            note = ConversationNote(conference_id=conference_id, met_at=MET_AT, place="poster hall",
                                    points=("their peer mentoring programme",))
            workspace.people.capture(CaptureData(details=details, conversation=note), clear_draft=False)
    finally:
        workspace.close()
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bench_sends(context: BenchContext, count: int) -> Result:
    from aiosmtpd.controller import Controller

    from conference_app.core.services.mail_sending import send_messages, wire_bytes
    from conference_app.core.services.mail_settings import SmtpSettings
    from conference_app.core.workspace import Workspace

    handler = _Counting()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    workspace = Workspace.open(due_database(context, "mail-send", count))
    try:
        messages = workspace.follow_ups.compose(AS_OF)
        prebuilt = [(m.to, wire_bytes(m.email)) for m in messages]
        settings = SmtpSettings("127.0.0.1", port, "none", pause_seconds=0)
        context.say(f"mail: sending {len(messages):,} messages, then the same through plain smtplib")

        def now() -> datetime:
            return datetime.now(timezone.utc)

        app_ms, report = timed_ms(lambda: send_messages(workspace.database.sessions, messages, settings, None, clock=now))

        def plain_loop() -> None:
            with smtplib.SMTP("127.0.0.1", port) as smtp:
                for to, data in prebuilt:
                    smtp.sendmail(SENDER, [to], data)

        floor_ms, _ = timed_ms(plain_loop)
    finally:
        workspace.close()
        controller.stop()
    if len(report.sent) != count or handler.accepted != 2 * count:
        raise RuntimeError(f"expected {count} sends on each side, got {len(report.sent)} and {handler.accepted - count}")
    return Result(
        "mail.send", f"{count:,} follow-ups sent exactly once to a loopback SMTP server", "ms", app_ms, floor_ms,
        floor_label="plain smtplib loop, same prebuilt messages, one connection", judged="measured",
        note="for information: each message is two committed transactions (sending, sent) around the SMTP exchange",
        details={"messages": count, "per_message_ms": round(app_ms / count, 3)},
    )  # fmt: skip


def bench_drafts(context: BenchContext, count: int) -> Result:
    from conference_app.core.workspace import Workspace

    workspace = Workspace.open(due_database(context, "mail-drafts", count))
    app_dir, floor_dir = context.workdir / "drafts-app", context.workdir / "drafts-floor"
    app_dir.mkdir(exist_ok=True)
    floor_dir.mkdir(exist_ok=True)
    try:
        context.say(f"mail: writing {count:,} drafts through write_drafts, then a plain email loop")
        app_ms, written = timed_ms(lambda: workspace.follow_ups.write_drafts(app_dir, AS_OF).value)
        messages = workspace.follow_ups.compose(AS_OF)  # the same texts, for the floor
    finally:
        workspace.close()
    written_at = datetime.now(timezone.utc)

    def plain_loop() -> None:
        for number, m in enumerate(messages):
            message = EmailMessage()
            message["From"] = f"Sam Rivera <{SENDER}>"
            message["To"] = f"{m.task.name} <{m.to}>"
            message["Subject"] = m.subject
            message["Date"] = format_datetime(written_at)
            message["Message-ID"] = m.message_id
            message["X-Unsent"] = "1"
            message.set_content(m.body)
            (floor_dir / f"{number:05d}.eml").write_bytes(message.as_bytes())

    floor_ms, _ = timed_ms(plain_loop)
    if len(written) != count or len(list(floor_dir.glob("*.eml"))) != count:
        raise RuntimeError(f"expected {count} drafts on each side")
    return Result(
        "mail.drafts", f"{count:,} follow-up drafts rendered and written as .eml", "ms", app_ms, floor_ms,
        floor_label="plain stdlib email loop writing the same messages", limit=DRAFTS_LIMIT,
        details={"drafts": count, "per_draft_ms": round(app_ms / count, 3)},
    )  # fmt: skip


def run(context: BenchContext) -> list[Result]:
    quick = context.sizes == QUICK
    return [
        bench_sends(context, QUICK_SENDS if quick else FULL_SENDS),
        bench_drafts(context, QUICK_DRAFTS if quick else FULL_DRAFTS),
    ]
