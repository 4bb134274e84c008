"""CLI commands over the program: import, conferences, sessions, pick, unpick."""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conference_app.cli.output import CommandContext
from conference_app.core.domain.text import counted
from conference_app.core.errors import UserError
from conference_app.core.importers.program import ReadOptions

if TYPE_CHECKING:
    from conference_app.core.domain.import_report import ImportReport
    from conference_app.core.domain.program import SessionRow

NAMES = ("import", "conferences", "sessions", "pick", "unpick")
FORMATS = ("auto", "frab", "json", "ical", "csv")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("import", parents=[common], help="load a conference program file")
    p.add_argument("file", type=Path)
    p.add_argument("--format", choices=FORMATS, default="auto")
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD", help="CSV column mapping")
    p.add_argument("--first-day", type=_date, help="first conference day, for a CSV with day names only")
    p.add_argument("--time-zone", default="", help="IANA zone for files that do not name one")
    p.set_defaults(handler=import_program)

    p = commands.add_parser("conferences", parents=[common], help="list the stored conferences")
    p.set_defaults(handler=list_conferences)

    p = commands.add_parser("sessions", parents=[common], help="list sessions")
    p.add_argument("--search", default="")
    p.add_argument("--picked", action="store_true")
    p.add_argument("--conference", type=int, help="a conference id (default: all)")
    p.set_defaults(handler=list_sessions)

    p = commands.add_parser("pick", parents=[common], help="add a session to my agenda")
    p.add_argument("id", help="a session id as printed by `sessions`")
    p.add_argument("--priority", choices=("must", "nice"), default="must")
    p.set_defaults(handler=pick)

    p = commands.add_parser("unpick", parents=[common], help="remove a session from my agenda")
    p.add_argument("id")
    p.set_defaults(handler=unpick)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _column_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep:
            raise UserError(f"--map takes COLUMN=FIELD, not {pair!r}")
        mapping[column.strip()] = field.strip()
    return mapping


def import_program(args: argparse.Namespace, ctx: CommandContext) -> int:
    options = ReadOptions(
        format=args.format, column_map=_column_map(args.map), first_day=args.first_day, time_zone=args.time_zone
    )
    report = ctx.import_program(args.file, options).value
    ctx.emit(report_json(report), report_text(report))
    return 0


def report_json(report: ImportReport) -> dict[str, object]:
    return {
        "conference": report.conference,
        "conference_id": report.conference_id,
        "sessions": report.sessions,
        "speakers": report.speakers,
        "rooms": report.rooms,
        "days": report.days,
        "added": report.added,
        "changed": report.changed,
        "removed": report.removed,
        "elapsed_ms": report.elapsed_ms,
        "updated": report.updated,
        "changes": [
            {"id": c.public_id, "title": c.title, "what": list(c.what), "picked": c.picked} for c in report.changes
        ],
        "warnings": list(report.warnings),
    }


def report_text(report: ImportReport) -> str:
    verb = "Updated" if report.updated else "Imported"
    lines = [
        f"{verb} {report.conference}: {counted(report.sessions, 'session')}, {counted(report.speakers, 'speaker')}, "
        f"{counted(report.rooms, 'room')}, {counted(report.days, 'day')} ({report.elapsed_ms:.0f} ms)"
    ]
    if report.updated:
        lines.extend(_update_summary(report))
    lines.extend(f"warning: {w}" for w in report.warnings)
    return "\n".join(lines)


_CHANGE_NAMES = {"time": "new time", "room": "new room", "title": "new title", "speakers": "new speakers",
                 "restored": "back in the program"}


def _update_summary(report: ImportReport) -> list[str]:
    """Counts of every kind of change, then each change to the user's picks; --json lists them all."""
    lines = [f"{report.added} added, {report.changed} changed, {report.removed} cancelled"]
    kinds = Counter(what for change in report.changes for what in change.what if what in _CHANGE_NAMES)
    if kinds:
        lines.append("changed: " + ", ".join(f"{kinds[kind]} {name}" for kind, name in _CHANGE_NAMES.items()
                                             if kinds[kind]))
    picked = [change for change in report.changes if change.picked]
    if picked:
        lines.append(f"your picks: {len(picked)} changed")
        lines.extend(f"★ {', '.join(change.what)}: {change.title}" for change in picked)
    elif report.changes:
        lines.append("your picks: none changed")
    others = len(report.changes) - len(picked)
    if others:
        lines.append(f"{others} other {'change is' if others == 1 else 'changes are'} listed with --json")
    return lines


def list_conferences(args: argparse.Namespace, ctx: CommandContext) -> int:
    conferences = ctx.workspace.program.conferences()
    ctx.emit(
        [
            {"id": c.id, "title": c.title, "time_zone": c.time_zone, "start": c.start_date, "end": c.end_date,
             "sessions": c.sessions}
            for c in conferences
        ],
        "\n".join(f"{c.id}\t{c.title}\t{c.start_date} – {c.end_date}\t{c.sessions} sessions" for c in conferences),
    )
    return 0


def session_json(row: SessionRow) -> dict[str, object]:
    return {
        "id": row.public_id,
        "title": row.title,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "day": row.day_index,
        "room": row.room,
        "track": row.track,
        "type": row.type,
        "speakers": list(row.speaker_names),
        "picked": row.picked,
        "priority": row.priority or None,
        "cancelled": row.cancelled,
    }


def list_sessions(args: argparse.Namespace, ctx: CommandContext) -> int:
    from conference_app.core.services.program import SessionFilter

    if args.search.strip():
        ctx.prepare_search()
    rows = ctx.workspace.program.sessions(SessionFilter(args.conference, args.search, args.picked))
    ctx.emit(
        [session_json(r) for r in rows],
        "\n".join(
            f"{'★' if r.picked else ' '} {r.start:%a %H:%M}–{r.end:%H:%M}  {r.room:<20.20}  {r.title}  [{r.public_id}]"
            for r in rows
        ),
    )
    return 0


def pick(args: argparse.Namespace, ctx: CommandContext) -> int:
    program = ctx.workspace.program
    row = program.pick(program.resolve_session(args.id), args.priority).value
    ctx.emit(session_json(row), f"picked ({row.priority}): {row.title}")
    return 0


def unpick(args: argparse.Namespace, ctx: CommandContext) -> int:
    program = ctx.workspace.program
    row = program.unpick(program.resolve_session(args.id)).value
    ctx.emit(session_json(row), f"removed from agenda: {row.title}")
    return 0
