"""After the conference: follow-up emails sent through SMTP, and written as .eml drafts.

Send: 500 due follow-ups (one poster-hall conversation per generated person) sent by
`send_messages` (pause 0) to an aiosmtpd server on 127.0.0.1 — each with its "sending" commit, the
SMTP exchange, and its "sent" commit closing the task. Floor: a plain smtplib loop sending the
same 500 prebuilt messages over one connection (no database). Shown for information: the gap is
the price of exactly-once (two committed transactions per message).

Drafts: 1,000 follow-ups merged, checked, recorded and written as .eml files by a whole
`conference-app followups draft` process. Floor: a process running a plain stdlib `email` loop
(bench/plain_email_drafts.py) writing the same texts (EmailMessage, the same headers and body, one
file each). Interleaved runs, medians. Target ≤ 1.5×.
"""

from __future__ import annotations

import json
import shutil
import smtplib
import socket
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

from bench.context import QUICK, REPO, BenchContext
from bench.people_cards import as_cards, generate_people
from bench.results import Result
from bench.timing import median, run_process, timed_ms

NAME = "mail"
DRAFTS_LIMIT = 1.5
FULL_SENDS, QUICK_SENDS = 500, 6
FULL_DRAFTS, QUICK_DRAFTS = 1_000, 10
DRAFT_REPEATS = 3  # interleaved app and floor processes; the medians are compared
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
    """Whole processes, as a user runs them: `conference-app followups draft` against the floor script."""
    from conference_app.core.workspace import Workspace

    database = due_database(context, "mail-drafts", count)
    workspace = Workspace.open(database)
    try:
        messages = workspace.follow_ups.compose(AS_OF)  # the same texts, for the floor
    finally:
        workspace.close()
    prepared = context.workdir / "drafts-floor.json"
    prepared.write_text(json.dumps([
        {"from": f"Sam Rivera <{SENDER}>", "to": f"{m.task.name} <{m.to}>", "subject": m.subject, "body": m.body,
         "message_id": m.message_id}
        for m in messages
    ]), encoding="utf-8")  # fmt: skip
    app_command = [sys.executable, "-m", "conference_app", "followups", "draft", "--db", str(database),
                   "--as-of", AS_OF.isoformat(), "--out"]  # fmt: skip
    floor_command = [sys.executable, "-m", "bench.plain_email_drafts", str(prepared)]
    app_times, floor_times = [], []
    for number in range(DRAFT_REPEATS if count >= FULL_DRAFTS else 1):
        for side, command, times in (("app", app_command, app_times), ("floor", floor_command, floor_times)):
            folder = context.workdir / f"drafts-{side}-{number}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            context.say(f"mail: {count:,} drafts, {'followups draft' if side == 'app' else 'plain email loop'} ({number + 1})")
            started = time.perf_counter()
            run = run_process([*command, str(folder)], context.child_env(), REPO)
            times.append((time.perf_counter() - started) * 1000)
            written = len(list(folder.glob("*.eml")))
            if run.returncode != 0 or written != count:
                last_line = (run.stderr.strip().splitlines() or ["no output"])[-1]
                raise RuntimeError(f"{side}: {written} of {count} drafts, exit {run.returncode}: {last_line}")
    app_ms, floor_ms = median(app_times), median(floor_times)
    return Result(
        "mail.drafts", f"{count:,} follow-up drafts merged, checked and written as .eml", "ms", app_ms, floor_ms,
        floor_label="plain stdlib email loop writing the same messages", limit=DRAFTS_LIMIT,
        note="whole processes: `conference-app followups draft` against a script writing the prepared texts",
        details={"drafts": count, "runs": len(app_times), "per_draft_ms": round(app_ms / count, 3)},
    )  # fmt: skip


def run(context: BenchContext) -> list[Result]:
    quick = context.sizes == QUICK
    return [
        bench_sends(context, QUICK_SENDS if quick else FULL_SENDS),
        bench_drafts(context, QUICK_DRAFTS if quick else FULL_DRAFTS),
    ]
