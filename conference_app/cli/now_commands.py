"""CLI command at the venue: the pick running now, the next one, and the people to meet there."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.domain.now_next import (
    BETWEEN,
    NO_PICKS,
    OVER,
    PICKS_DONE,
    MAKE_IT_SPECIFIC,
    NowNext,
    PickedSlot,
    starts_in,
    time_left,
)
from conference_app.core.errors import UserError

NAMES = ("now",)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("now", parents=[common], help="the pick running now, the next one, whom to meet there")
    p.add_argument(
        "--at", type=_when, metavar="DATETIME", help="another moment (ISO; local conference time without offset)"
    )
    p.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    p.set_defaults(handler=show_now)


def _when(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time (e.g. 2026-10-18T10:30): {text!r}") from None


def show_now(args: argparse.Namespace, ctx: CommandContext) -> int:
    conference_id = args.conference if args.conference is not None else ctx.workspace.program.current_conference_id()
    if conference_id is None:
        raise UserError("no conference yet: import a program first")
    view = ctx.workspace.now_next.now_next(conference_id, args.at)
    ctx.emit(now_json(view), now_text(view))
    return 0


def slot_json(slot: PickedSlot | None) -> dict[str, object] | None:
    if slot is None:
        return None
    return {
        "id": slot.public_id,
        "title": slot.title,
        "room": slot.room,
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
    }


def now_json(view: NowNext) -> dict[str, object]:
    """The contract: {"now", "next", "people": [{"id" (a speaker id), "name", "session" (a session id)}]}."""
    return {
        "now": slot_json(view.now),
        "next": slot_json(view.next),
        "people": [{"id": p.speaker_id, "name": p.name, "session": p.session_id} for p in view.people],
    }


_EMPTY = {
    NO_PICKS: "No picks yet: pick the sessions you mean to attend with `pick ID` (ids from `sessions`).",
    PICKS_DONE: "None of your picks is still to come.",
    OVER: "The conference is over: `followups` lists whom to write to, and when.",
    BETWEEN: "Nothing you picked is running now.",
}


def now_text(view: NowNext) -> str:
    lines = [f"{view.conference_title} — {view.at:%a %d %b %H:%M} ({view.time_zone})"]
    if view.state in _EMPTY:
        lines.append(_EMPTY[view.state])
    if view.now is not None:
        lines.extend(_slot_lines("Now: ", view.now, time_left(view.now, view.at), view))
    if view.next is not None:
        lines.extend(_slot_lines("Next:", view.next, starts_in(view.next, view.at), view))
    if view.now is None and view.next is None:
        return "\n".join(lines)
    lines.append("")
    lines.append(f"Pitch: {view.pitch}" if view.pitch else "Pitch: none yet (set one with `profile set --pitch`).")
    lines.append(f"Openers ({MAKE_IT_SPECIFIC.rstrip('.').lower()}):")
    lines.extend(f"  - {opener.text}" for opener in view.openers)
    lines.append(f"Exit: {view.exit_line}")
    return "\n".join(lines)


def _slot_lines(label: str, slot: PickedSlot, when: str, view: NowNext) -> list[str]:
    room = f" @ {slot.room}" if slot.room else ""
    lines = [f"{label} {slot.start:%H:%M}–{slot.end:%H:%M}{room}  {slot.title}  [{slot.public_id}]", f"      {when}"]
    for person in view.people_at(slot):
        who = f" ({person.who})" if person.who else ""
        lines.append(f"      → meet {person.name}{who} [speaker {person.speaker_id}]")
        lines.append(f"        {person.why}")
    return lines
