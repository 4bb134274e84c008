"""CLI commands over the outreach service: `outreach --out DIR` writes one .eml draft per person to meet."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conference_app.cli.output import CommandContext
from conference_app.cli.followup_commands import add_server_arguments, server_and_password
from conference_app.core.errors import UserError

if TYPE_CHECKING:
    from conference_app.core.services.mail_sending import SendProgress
    from conference_app.core.services.outreach_mail import OutreachBatch

NAMES = ("outreach",)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    p = commands.add_parser(
        "outreach", parents=[common], help="write an email draft (.eml) to each person I mean to meet"
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="DIR", help="the folder to write the .eml files to")
    where.add_argument("--mbox", type=Path, metavar="OUT.mbox", help="every email with an address in one mbox file")
    where.add_argument("--smtp", metavar="HOST:PORT", help="send every email with an address, each exactly once")
    add_server_arguments(p, with_server=False)
    p.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    p.set_defaults(handler=write_outreach)


def write_outreach(args: argparse.Namespace, ctx: CommandContext) -> int:
    from conference_app.core.services.outreach import NO_ADDRESS
    from conference_app.core.services.outreach_mail import OutreachMail

    workspace = ctx.workspace
    conference_id = args.conference or workspace.program.current_conference_id()
    if conference_id is None:
        raise UserError("no conference yet: import a program first")
    if args.smtp is not None:
        return send_outreach(args, ctx, conference_id)
    if args.mbox is not None:
        batch = OutreachMail(workspace.database.sessions).write_mbox(conference_id, args.mbox).value
        ctx.emit([{"speaker": batch.speakers[m.key], "to": m.to, "subject": m.subject} for m in batch.messages],
                 f"{len(batch.messages)} emails saved to {args.mbox}")  # fmt: skip
        _report_left_out(batch)
        return 0
    outreach = workspace.outreach
    drafts = outreach.drafts(conference_id)
    try:
        args.out.mkdir(parents=True, exist_ok=True)  # on the command line, --out names where to put them
    except OSError as exc:
        raise UserError(f"{args.out}: cannot create the folder ({exc.strerror})") from exc
    paths = outreach.write_eml(conference_id, args.out).value
    if not drafts:
        ctx.emit([], "No people to meet yet: mark speakers with `conference-app target SPEAKER_ID`.")
        return 0
    ctx.emit(
        [{"speaker": d.speaker, "path": str(p), "subject": d.subject} for d, p in zip(drafts, paths, strict=True)],
        "\n".join(str(p) for p in paths),
    )
    missing = outreach.missing_profile_fields()
    if missing:
        sys.stderr.write(f"warning: your profile has no {', '.join(missing)}: the drafts leave gaps\n")
    for draft in drafts:
        for warning in draft.warnings:
            if warning != NO_ADDRESS:
                sys.stderr.write(f"warning: {draft.speaker}: {warning}\n")
    no_address = sum(1 for d in drafts if not d.to)
    if no_address:
        sys.stderr.write(f"{no_address} of {len(drafts)} drafts have no recipient yet: add it in your mail program\n")
    return 0


def send_outreach(args: argparse.Namespace, ctx: CommandContext, conference_id: int) -> int:
    """`outreach --smtp HOST:PORT`: {"sent": N, "failed": [{"speaker", "to", "reason"}],
    "uncertain": [{"speaker", "to", "subject"}]}; exit 1 unless every email went."""
    from conference_app.core.services.mail_sending import send_messages
    from conference_app.core.services.outreach_mail import OutreachMail

    settings, password = server_and_password(args)
    sessions = ctx.workspace.database.sessions
    batch = OutreachMail(sessions).compose(conference_id).value
    names = batch.speakers

    def progress(step: SendProgress) -> None:
        if not ctx.as_json and step.state != "skipped":
            sys.stderr.write(f"{step.done}/{step.total} {step.state}: {names.get(step.task_id, step.task_id)} {step.to}\n")

    report = send_messages(sessions, batch.messages, settings, password, clock=lambda: datetime.now(timezone.utc),
                           on_progress=progress)  # fmt: skip
    by_id = {m.message_id: m for m in batch.messages}
    failed = [{"speaker": names.get(by_id[f.message_id].key, ""), "to": f.to, "reason": f.reason} for f in report.failed]
    uncertain = [{"speaker": names.get(by_id[u.message_id].key, "") if u.message_id in by_id else "", "to": u.to,
                  "subject": u.subject} for u in report.uncertain]  # fmt: skip
    lines = [f"sent {len(report.sent)} of {len(batch.messages)}"]
    lines += [f"failed {f['speaker']} <{f['to']}>: {f['reason']}" for f in failed]
    lines += [f"uncertain {u['speaker']} <{u['to']}> ({u['subject']}): check your Sent folder" for u in uncertain]
    lines += [f"skipped {names[by_id[i].key]}: already sent" for i in report.skipped]
    ctx.emit({"sent": len(report.sent), "failed": failed, "uncertain": uncertain}, "\n".join(lines))
    _report_left_out(batch)
    if report.stopped:
        left = f"; {len(report.not_attempted)} left for the next run" if report.not_attempted else ""
        sys.stderr.write(f"conference-app: {report.stopped}{left}\n")
    return 0 if report.all_went else 1


def _report_left_out(batch: OutreachBatch) -> None:
    for message in batch.messages:
        for warning in batch.warnings.get(message.key, ()):
            sys.stderr.write(f"warning: {batch.speakers[message.key]}: {warning}\n")
    if batch.no_address:
        sys.stderr.write(f"left out, no email address known: {', '.join(batch.no_address)}\n")
