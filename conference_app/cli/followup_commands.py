"""CLI commands over the follow-up clock; scripts depend on these exact shapes.

    conference-app followups [--as-of DATE] [--all] [--json]        open tasks (every one with --all)
    conference-app followups draft --out DIR [--as-of DATE] [--kind K] [--template NAME] [--json]
    conference-app followups mbox OUT.mbox [--as-of DATE] [--kind K]
    conference-app followups done|skip TASK_ID [--as-of DATE]
    conference-app followups snooze TASK_ID --until DATE [--as-of DATE]
    conference-app followups replied PERSON_ID [--on DATE] [--asks]
    conference-app followups ics OUT.ics [--as-of DATE] [--todo]
    conference-app followups send --smtp HOST:PORT [--starttls|--ssl] [--user U] [--pause SECONDS]
                                  [--as-of DATE] [--kind K] [--json]
    conference-app followups password --smtp HOST:PORT --user U [--forget]   (read from stdin, kept in the keyring)

`--as-of` evaluates the clock on another day (and dates a decision taken on the command line).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conference_app.cli.output import CommandContext
from conference_app.core.errors import NotFoundError, UserError

if TYPE_CHECKING:  # the mail modules load SQLAlchemy: only the commands that send or store a password import them
    from conference_app.core.domain.follow_up_clock import Task
    from conference_app.core.services.mail_sending import SendProgress
    from conference_app.core.services.mail_settings import SmtpSettings

NAMES = ("followups",)
KINDS = "follow_up, nudge, promise, reply or keep_in_touch"


def parse_day(text: str) -> date:
    """An ISO date the user typed; argparse turns the error into one usage line naming the option."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (e.g. 2026-10-22): {text!r}") from None


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add `followups` and its actions to the parser."""
    as_of = argparse.ArgumentParser(add_help=False)
    as_of.add_argument("--as-of", type=parse_day, metavar="DATE", help="evaluate the clock on this day (default today)")
    parents = [common, as_of]
    p = commands.add_parser("followups", parents=parents, help="follow-up tasks after the conference, and their emails")
    p.add_argument("--all", action="store_true", help="done, skipped and snoozed tasks too")
    p.set_defaults(handler=list_tasks)
    sub = p.add_subparsers(dest="followups_command", parser_class=type(p))

    for name, kinds_help in (("draft", "one .eml draft per open task due by that day"), ("mbox", "the same drafts in one mbox file")):
        d = sub.add_parser(name, parents=parents, help=kinds_help)
        if name == "draft":
            d.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the .eml files to")
        else:
            d.add_argument("out", type=Path, metavar="OUT.mbox")
        d.add_argument("--kind", metavar="K", help=f"only tasks of this kind: {KINDS}")
        d.add_argument("--template", metavar="NAME", help="a saved template's name, or a kind's default template")
        d.set_defaults(handler=write_drafts if name == "draft" else write_mbox)

    for name, verb in (("done", "mark a task done"), ("skip", "skip a task")):
        a = sub.add_parser(name, parents=parents, help=verb)
        a.add_argument("task", metavar="TASK_ID")
        a.set_defaults(handler=decide, decision=name)
    s = sub.add_parser("snooze", parents=parents, help="hide a task until a day")
    s.add_argument("task", metavar="TASK_ID")
    s.add_argument("--until", type=parse_day, required=True, metavar="DATE")
    s.set_defaults(handler=decide, decision="snooze")

    r = sub.add_parser("replied", parents=parents, help="they wrote back: no nudge; a reply task if they asked")
    r.add_argument("person", metavar="PERSON_ID")
    r.add_argument("--on", type=parse_day, metavar="DATE", help="the day of their reply (default: --as-of, or today)")
    r.add_argument("--asks", action="store_true", help="the reply asks for something: answer within 48–72 hours")
    r.set_defaults(handler=replied)

    i = sub.add_parser("ics", parents=parents, help="the open tasks as calendar events with a reminder")
    i.add_argument("out", type=Path, metavar="OUT.ics")
    i.add_argument("--todo", action="store_true", help="to-dos (VTODO) instead of events")
    i.set_defaults(handler=write_ics)
    c = sub.add_parser("cadence", parents=parents, help="the etiquette's numbers (days, months), and changing them")
    c.add_argument("--set", dest="changes", action="append", default=[], metavar="NAME=NUMBER",
                   help="e.g. --set follow_up_days=5 --set keep_in_touch_months=12")
    c.set_defaults(handler=cadence)
    _register_sending(sub, common, parents)


def _register_sending(sub: Any, common: argparse.ArgumentParser, parents: list[argparse.ArgumentParser]) -> None:
    m = sub.add_parser("send", parents=parents, help="send the due follow-ups through an SMTP server, each exactly once")
    add_server_arguments(m)
    m.add_argument("--kind", metavar="K", help=f"only tasks of this kind: {KINDS}")
    m.set_defaults(handler=send)

    w = sub.add_parser("password", parents=[common], help="store the SMTP password in the system keyring (from stdin)")
    w.add_argument("--smtp", required=True, metavar="HOST:PORT")
    w.add_argument("--user", required=True, metavar="U")
    w.add_argument("--forget", action="store_true", help="remove the stored password instead")
    w.set_defaults(handler=store_password)


def _seconds(text: str) -> float:
    from conference_app.core.services import mail_settings

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= mail_settings.MAX_PAUSE_SECONDS:
        raise argparse.ArgumentTypeError(f"a pause of 0 to {mail_settings.MAX_PAUSE_SECONDS:.0f} seconds, not {text!r}")
    return value


def task_json(task: Task) -> dict[str, object]:
    return {
        "id": task.id,
        "kind": task.kind.value,
        "person": str(task.person_id),
        "name": task.name,
        "due": task.due.isoformat(),
        "status": task.status.value,
        "conference": task.conference or None,
    }


def task_line(task: Task) -> str:
    where = f"  ({task.conference})" if task.conference else ""
    return f"{task.due.isoformat()}  {task.status.value:<8} {task.id:<30} {task.name}{where}"


def _person_id(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise NotFoundError(f"no person with id {text!r}") from None
    if value < 1:
        raise NotFoundError(f"no person with id {value}")
    return value


# --- handlers -------------------------------------------------------------------------------------


def list_tasks(args: argparse.Namespace, ctx: CommandContext) -> int:
    tasks = ctx.workspace.follow_ups.tasks(args.as_of, include_all=args.all)
    text = "\n".join(task_line(t) for t in tasks) or "nothing to follow up on that day"
    ctx.emit([task_json(t) for t in tasks], text)
    return 0


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)  # on the command line, --out names where to put them
    except OSError as exc:
        raise UserError(f"{folder}: cannot create the folder ({exc.strerror})") from exc


def _warn(task_id: str, warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        sys.stderr.write(f"warning: {task_id}: {warning}\n")


def write_drafts(args: argparse.Namespace, ctx: CommandContext) -> int:
    _make_folder(args.out)
    written = ctx.workspace.follow_ups.write_drafts(args.out, args.as_of, args.kind, args.template).value
    ctx.emit(
        [{"task": d.task_id, "file": str(d.file), "to": d.to, "subject": d.subject, "warnings": list(d.warnings)}
         for d in written],
        "\n".join(str(d.file) for d in written) or "no follow-up due by that day: nothing written",
    )  # fmt: skip
    if not ctx.as_json:
        for draft in written:
            _warn(draft.task_id, draft.warnings)
    return 0


def write_mbox(args: argparse.Namespace, ctx: CommandContext) -> int:
    messages = ctx.workspace.follow_ups.write_mbox(args.out, args.as_of, args.kind, args.template).value
    ctx.emit(
        {"file": str(args.out), "messages": len(messages), "tasks": [m.task.id for m in messages]},
        f"wrote {len(messages)} {'draft' if len(messages) == 1 else 'drafts'} to {args.out}",
    )
    if not ctx.as_json:
        for message in messages:
            _warn(message.task.id, message.warnings)
    return 0


def decide(args: argparse.Namespace, ctx: CommandContext) -> int:
    service = ctx.workspace.follow_ups
    if args.decision == "done":
        task = service.done(args.task, args.as_of).value
    elif args.decision == "skip":
        task = service.skip(args.task, args.as_of).value
    else:
        task = service.snooze(args.task, args.until, args.as_of).value
    ctx.emit(task_json(task), f"{task.id}: {task.status.value}" + (f" until {task.due}" if args.decision == "snooze" else ""))
    return 0


def replied(args: argparse.Namespace, ctx: CommandContext) -> int:
    person = _person_id(args.person)
    state = ctx.workspace.follow_ups.replied(person, args.on or args.as_of, args.asks).value
    ctx.emit({"person": str(person), "follow_up": state.value}, f"{person}: {state.value}")
    return 0


def cadence(args: argparse.Namespace, ctx: CommandContext) -> int:
    service = ctx.workspace.follow_ups
    changes: dict[str, int] = {}
    for change in args.changes:
        name, equals, number = change.partition("=")
        if not equals or not number.strip().lstrip("-").isdigit():
            raise UserError(f"{change!r}: write NAME=NUMBER, e.g. follow_up_days=5")
        changes[name.strip()] = int(number)
    values = service.set_cadence(changes).value if changes else service.cadence()
    numbers = vars(values)
    ctx.emit(numbers, "\n".join(f"{name} = {value}" for name, value in numbers.items()))
    return 0


def write_ics(args: argparse.Namespace, ctx: CommandContext) -> int:
    tasks = ctx.workspace.follow_ups.write_ics(args.out, args.as_of, args.todo).value
    ctx.emit(
        {"file": str(args.out), "tasks": len(tasks)},
        f"wrote {len(tasks)} {'task' if len(tasks) == 1 else 'tasks'} to {args.out}",
    )
    return 0


def _clock(as_of: date | None) -> Callable[[], datetime]:
    """Now, or this time of day on `as_of`: a send with --as-of is dated that day, as a decision is."""
    if as_of is None:
        return lambda: datetime.now(timezone.utc)
    return lambda: datetime.combine(as_of, datetime.now().astimezone().timetz())


def _server_settings(args: argparse.Namespace, security: str = "none") -> SmtpSettings:
    from conference_app.core.services import mail_settings
    from conference_app.core.services.mail_settings import SmtpSettings

    host, port = mail_settings.parse_server(args.smtp)
    pause = args.pause if getattr(args, "pause", None) is not None else mail_settings.DEFAULT_PAUSE_SECONDS
    return mail_settings.check_settings(SmtpSettings(host, port, security, args.user, "", pause))  # type: ignore[arg-type]


def server_and_password(args: argparse.Namespace) -> tuple[SmtpSettings, str | None]:
    """The server named by --smtp/--starttls/--ssl/--user/--pause, and the stored password if a user is given."""
    from conference_app.core.services import mail_settings

    settings = _server_settings(args, args.security)
    password = None
    if settings.user:
        password = mail_settings.stored_password(settings)
        if password is None:
            raise UserError(
                f"no password stored for {settings.user} on {settings.server}: run "
                f"`conference-app followups password --smtp {args.smtp.strip()} --user {settings.user}` first"
            )
    return settings, password


def add_server_arguments(parser: argparse.ArgumentParser, with_server: bool = True) -> None:
    """[--smtp HOST:PORT] [--starttls|--ssl] [--user U] [--pause SECONDS]."""
    if with_server:
        parser.add_argument("--smtp", required=True, metavar="HOST:PORT", help="the outgoing mail server")
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls", help="STARTTLS (port 587)")
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl", help="TLS from the start (port 465)")
    parser.add_argument("--user", default="", metavar="U", help="log in as U (password from the system keyring)")
    parser.add_argument("--pause", type=_seconds, metavar="SECONDS", help="pause between messages (default 3)")
    parser.set_defaults(security="none")


def send(args: argparse.Namespace, ctx: CommandContext) -> int:
    from conference_app.core.services.mail_sending import send_messages

    settings, password = server_and_password(args)
    messages = ctx.workspace.follow_ups.compose(args.as_of, args.kind)
    tasks = {m.message_id: m for m in messages}

    def progress(step: SendProgress) -> None:
        if not ctx.as_json and step.state != "skipped":
            sys.stderr.write(f"{step.done}/{step.total} {step.state}: {step.task_id} {step.to}\n")

    report = send_messages(ctx.workspace.database.sessions, messages, settings, password, clock=_clock(args.as_of),
                           on_progress=progress)
    failed = [{"task": f.task_id, "to": f.to, "reason": f.reason} for f in report.failed]
    uncertain = [{"task": u.task_id, "to": u.to, "subject": u.subject} for u in report.uncertain]
    lines = [f"sent {len(report.sent)} of {len(messages)}"]
    lines += [f"failed {f['task']} to {f['to']}: {f['reason']}" for f in failed]
    lines += [f"uncertain {u['task']} to {u['to']} ({u['subject']}): check your Sent folder" for u in uncertain]
    for message_id in report.skipped:
        message = tasks[message_id]
        lines.append(f"skipped {message.task.id} ({message.task.name}): " + ("no address" if not message.to else "already sent"))
    ctx.emit({"sent": len(report.sent), "failed": failed, "uncertain": uncertain}, "\n".join(lines))
    if report.stopped:
        left = f"; {len(report.not_attempted)} left for the next run" if report.not_attempted else ""
        sys.stderr.write(f"conference-app: {report.stopped}{left}\n")
    return 0 if report.all_went else 1


def _read_password(prompt: str) -> str:
    """Without echo on a terminal; otherwise the first line of stdin (for scripts and pipes)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def store_password(args: argparse.Namespace, ctx: CommandContext) -> int:
    from conference_app.core.services import mail_settings

    settings = _server_settings(args)
    if not settings.user:
        raise UserError("give the user name with --user")
    where = {"user": settings.user, "server": settings.server}
    if args.forget:
        mail_settings.forget_password(settings)
        ctx.emit({**where, "stored": False}, f"password for {settings.user} on {settings.server} removed")
        return 0
    mail_settings.secure_backend("the password was not saved")  # refuse before asking for it
    mail_settings.store_password(settings, _read_password(f"SMTP password for {settings.user} on {settings.server}: "))
    ctx.emit({**where, "stored": True}, f"password for {settings.user} on {settings.server} stored in the system keyring")
    return 0
