"""CLI commands over the agenda: show it (with clashes and free time), export it to .ics, add personal items."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.domain.agenda_view import MUST, AgendaItem, AgendaView
from conference_app.core.errors import UserError

NAMES = ("agenda",)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add `agenda`, `agenda add` and `agenda remove` to the parser."""
    agenda = commands.add_parser("agenda", parents=[common], help="my agenda: picks, personal items, clashes")
    agenda.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    agenda.add_argument("--ics", type=Path, metavar="OUT", help="write the agenda to an iCalendar file")
    agenda.set_defaults(handler=show_agenda)
    actions = agenda.add_subparsers(dest="agenda_action", metavar="{add,remove}")

    add = actions.add_parser("add", parents=[common], help="add a personal item (a meeting, a dinner)")
    add.add_argument("title")
    add.add_argument("--start", required=True, type=_when, help="ISO time; local conference time without offset")
    add.add_argument("--end", required=True, type=_when, help="ISO time; local conference time without offset")
    add.add_argument("--location", default="")
    add.add_argument("--notes", default="")
    # SUPPRESS keeps a --conference given before `add` from being reset by this parser's default.
    add.add_argument("--conference", type=int, default=argparse.SUPPRESS, help="a conference id")
    add.set_defaults(handler=add_item)

    remove = actions.add_parser("remove", parents=[common], help="delete a personal item")
    remove.add_argument("id", help="personal:N as printed by `agenda`")
    remove.set_defaults(handler=remove_item)


def _when(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time (e.g. 2026-10-18T19:30): {text!r}") from None


def _conference_id(ctx: CommandContext, given: int | None) -> int:
    if given is not None:
        return given
    current = ctx.workspace.program.current_conference_id()
    if current is None:
        raise UserError("no conference yet: import a program first")
    return current


def show_agenda(args: argparse.Namespace, ctx: CommandContext) -> int:
    conference_id = _conference_id(ctx, args.conference)
    if args.ics is not None:
        export = ctx.workspace.agenda.export_ics(conference_id, args.ics).value
        ctx.emit(
            {"path": str(export.path), "events": export.events, "alarms": export.alarms, "time_zone": export.time_zone},
            f"wrote {export.events} event{'' if export.events == 1 else 's'} "
            f"({export.alarms} with a reminder) to {export.path}",
        )
        return 0
    view = ctx.workspace.agenda.agenda(conference_id)
    ctx.emit(agenda_json(view), agenda_text(view))
    return 0


def item_json(item: AgendaItem) -> dict[str, object]:
    value: dict[str, object] = {
        "kind": item.kind,
        "id": item.ref,
        "title": item.title,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "priority": item.priority or None,
        "clashes_with": [other.ref for other in item.clashes_with],
        "clashes_with_titles": [other.title for other in item.clashes_with],
    }
    if item.is_session:
        value.update(
            room=item.place,
            track=item.track,
            speakers=[s.name for s in item.speakers],
            attended=item.attended,
            cancelled=item.cancelled,
            meet=[note.name for note in item.meet],
        )
    else:
        value.update(location=item.place, notes=item.notes)
    return value


def agenda_json(view: AgendaView) -> dict[str, object]:
    return {
        "conference_id": view.conference_id,
        "conference": view.conference_title,
        "time_zone": view.time_zone,
        "items": [item_json(item) for item in view.items],
        "days": [
            {
                "date": day.date.isoformat(),
                "day": day.day_index,
                "items": [item.ref for item in day.items],
                "free": [{"start": g.start.isoformat(), "end": g.end.isoformat()} for g in day.gaps],
            }
            for day in view.days
        ],
        "clashes": [[c.first.ref, c.second.ref] for c in view.clashes],
    }


def agenda_text(view: AgendaView) -> str:
    lines = [f"{view.conference_title}: my agenda (times in {view.time_zone})"]
    if not view.items:
        lines.append("Nothing planned yet: pick sessions with `pick ID` or add your own with `agenda add`.")
    for day in view.days:
        if not day.items:
            continue
        label = f"Day {day.day_index} · " if day.day_index else ""
        lines.extend(["", f"{label}{day.date:%A %d %B}"])
        moments = [(item.start, 1, item) for item in day.items] + [(gap.start, 0, gap) for gap in day.gaps]
        for _start, _order, entry in sorted(moments, key=lambda m: (m[0], m[1])):
            if isinstance(entry, AgendaItem):
                lines.extend(_item_lines(entry))
            else:
                lines.append(f"  ·  {entry.text}")
    if view.clashes:
        lines.extend(["", f"{len(view.clashes)} clash{'es' if len(view.clashes) != 1 else ''}:"])
        lines.extend(f"  ⚠ {c.first.start:%a %H:%M}  {c.text}" for c in view.clashes)
    return "\n".join(lines)


def _item_lines(item: AgendaItem) -> list[str]:
    if item.is_session:
        mark = "★" if item.priority == MUST else "☆"
        what = f"{item.priority:<4}"
    else:
        mark, what = "•", "own "
    status = " (cancelled)" if item.cancelled else " (attended)" if item.attended else ""
    where = f"  @ {item.place}" if item.place else ""
    lines = [f"  {mark} {item.start:%H:%M}–{item.end:%H:%M}  {what}  {item.title}{status}{where}  [{item.ref}]"]
    lines.extend(f"      → {note.text}" for note in item.meet)
    if item.clashes_with:
        lines.append("      ⚠ overlaps " + "; ".join(other.title for other in item.clashes_with))
    return lines


def add_item(args: argparse.Namespace, ctx: CommandContext) -> int:
    conference_id = _conference_id(ctx, getattr(args, "conference", None))
    item = ctx.workspace.agenda.add_personal_item(
        conference_id, args.title, args.start, args.end, args.location, args.notes
    ).value
    text = f"added {item.ref}: {item.title}, {item.start:%a %d %b %H:%M}–{item.end:%H:%M}"
    if item.clashes_with:
        text += "\n⚠ overlaps " + "; ".join(other.title for other in item.clashes_with)
    ctx.emit(item_json(item), text)
    return 0


def remove_item(args: argparse.Namespace, ctx: CommandContext) -> int:
    agenda = ctx.workspace.agenda
    agenda.delete_personal_item(agenda.resolve_personal_item(args.id))
    ctx.emit({"removed": args.id}, f"removed {args.id}")
    return 0
