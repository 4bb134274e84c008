"""CLI commands over the follow-up clock; scripts depend on these exact shapes.

    conference-app followups [--as-of DATE] [--all] [--json]        open tasks (every one with --all)
    conference-app followups draft --out DIR [--as-of DATE] [--kind K] [--template NAME] [--json]
    conference-app followups mbox OUT.mbox [--as-of DATE] [--kind K]
    conference-app followups done|skip TASK_ID [--as-of DATE]
    conference-app followups snooze TASK_ID --until DATE [--as-of DATE]
    conference-app followups replied PERSON_ID [--on DATE] [--asks]
    conference-app followups ics OUT.ics [--as-of DATE] [--todo]

`--as-of` evaluates the clock on another day (and dates a decision taken on the command line).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.domain.follow_up_clock import Task
from conference_app.core.errors import NotFoundError, UserError

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


def write_ics(args: argparse.Namespace, ctx: CommandContext) -> int:
    tasks = ctx.workspace.follow_ups.write_ics(args.out, args.as_of, args.todo).value
    ctx.emit(
        {"file": str(args.out), "tasks": len(tasks)},
        f"wrote {len(tasks)} {'task' if len(tasks) == 1 else 'tasks'} to {args.out}",
    )
    return 0
