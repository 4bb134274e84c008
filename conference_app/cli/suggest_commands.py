"""CLI commands over the suggestions service: `suggest GOAL_ID` ranks sessions and speakers for a goal."""

from __future__ import annotations

import argparse
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.domain.ranking import SessionRef, Suggestion

NAMES: tuple[str, ...] = ("suggest",)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    p = commands.add_parser(
        "suggest", parents=[common], help="rank sessions and speakers for a goal, with the reasons why"
    )
    p.add_argument("goal", type=int, metavar="GOAL_ID", help="a goal id as printed by `goals`")
    p.add_argument("--limit", type=int, default=20, help="how many suggestions (default 20)")
    p.set_defaults(handler=suggest)


def suggest(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.prepare_search()  # the program is ranked through it
    suggestions = ctx.workspace.suggestions.suggest(args.goal, args.limit)
    if suggestions:
        text = suggestions_text(suggestions)
    else:
        text = f"No suggestions for goal {args.goal}: give it keywords, institutions or roles the program matches."
    ctx.emit([suggestion_json(s) for s in suggestions], text)
    return 0


def suggestion_json(suggestion: Suggestion) -> dict[str, object]:
    """One suggestion as JSON: kind, id, title (sessions) or name (speakers), score, reasons, then details."""
    s = suggestion
    if s.kind == "session":
        return {
            "kind": "session",
            "id": s.id,
            "title": s.title,
            "score": s.score,
            "reasons": list(s.reasons),
            "start": s.start.isoformat() if s.start else None,
            "end": s.end.isoformat() if s.end else None,
            "day": s.day_index,
            "room": s.room,
            "track": s.track,
            "type": s.type,
            "speakers": list(s.speakers),
            "picked": s.picked,
            "priority": s.priority or None,
        }
    return {
        "kind": "speaker",
        "id": s.id,
        "name": s.title,
        "score": s.score,
        "reasons": list(s.reasons),
        "affiliation": s.affiliation,
        "role": s.role,
        "sessions": [_session_ref_json(r) for r in s.sessions],
        "targeted": s.targeted,
    }


def _session_ref_json(ref: SessionRef) -> dict[str, object]:
    return {"id": ref.public_id, "title": ref.title, "start": ref.start.isoformat(), "room": ref.room}


def suggestions_text(suggestions: list[Suggestion]) -> str:
    """A numbered list, best first: what it is, when and where, and why."""
    lines = []
    width = len(str(len(suggestions)))
    indent = " " * (width + 2)
    for number, s in enumerate(suggestions, 1):
        if s.kind == "session":
            mark = "★ " if s.picked else ""
            lines.append(f"{number:>{width}}. {mark}{s.title}  [{s.id}]  score {s.score:.1f}")
            assert s.start is not None and s.end is not None
            where = " · ".join(part for part in (s.room, s.track, s.type) if part)
            lines.append(f"{indent}{s.start:%a %d %b %H:%M}–{s.end:%H:%M}  {where}")
        else:
            mark = "✓ " if s.targeted else ""
            who = ", ".join(part for part in (s.role, s.affiliation) if part)
            lines.append(f"{number:>{width}}. {mark}{s.title}{f' ({who})' if who else ''}  [speaker {s.id}]"
                         f"  score {s.score:.1f}")
            if s.meet_at is not None:
                at = s.meet_at
                room = f" in {at.room}" if at.room else ""
                lines.append(f"{indent}speaks {at.start:%a %d %b %H:%M}{room}: {at.title}")
        if s.reasons:
            lines.append(f"{indent}why: {'; '.join(s.reasons)}")
    return "\n".join(lines)
