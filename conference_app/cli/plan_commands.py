"""CLI commands over the planning service: profile, goals, speakers, people to meet, meetings."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.domain.goal_templates import GoalTemplate
from conference_app.core.domain.planning import (
    STAGES,
    GoalFields,
    GoalKind,
    GoalView,
    ProfileData,
    TargetView,
    parse_kind,
)
from conference_app.core.errors import UserError

NAMES = ("profile", "goals", "speakers", "target", "targets", "met")
KINDS = ", ".join(k.value for k in GoalKind)
BAR_WIDTH = 12


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    _register_profile(commands, common)
    _register_goals(commands, common)

    p = commands.add_parser("speakers", parents=[common], help="list a conference's speakers with their ids")
    p.add_argument("--search", default="", help="words in name, affiliation or biography")
    p.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    p.set_defaults(handler=list_speakers)

    p = commands.add_parser("target", parents=[common], help="mark a speaker to meet")
    p.add_argument("speaker", type=int, metavar="SPEAKER_ID", help="a speaker id as printed by `speakers`")
    p.add_argument("--goal", type=int, metavar="GOAL_ID", help="the goal this person counts towards")
    p.add_argument("--session", metavar="SESSION_ID", help="where to meet them (default: their next session)")
    p.set_defaults(handler=add_target)

    p = commands.add_parser("targets", parents=[common], help="list the speakers I mean to meet")
    p.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    p.set_defaults(handler=list_targets)

    p = commands.add_parser("met", parents=[common], help="record that I met a speaker marked to meet")
    p.add_argument("target", type=int, metavar="TARGET_ID", help="an id as printed by `targets`")
    p.add_argument("--place", default="", help="where we met (default: the session's room)")
    p.add_argument("--points", default="", help="what we talked about")
    p.set_defaults(handler=mark_met)


# --- profile -----------------------------------------------------------------------------------


def _register_profile(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("profile", parents=[common], help="show or set my profile")
    p.set_defaults(handler=show_profile)
    sub = p.add_subparsers(dest="profile_command", parser_class=type(p))
    s = sub.add_parser("set", parents=[common], help="change profile fields (lists given replace the stored ones)")
    s.add_argument("--name")
    s.add_argument("--stage", help=f"one of: {', '.join(STAGES)}")
    s.add_argument("--institution")
    s.add_argument("--interest", action="append", dest="interests", metavar="FIELD")
    s.add_argument("--target-institution", action="append", dest="target_institutions", metavar="NAME")
    s.add_argument("--target-fellowship", action="append", dest="target_fellowships", metavar="NAME")
    s.add_argument("--email")
    s.add_argument("--phone")
    s.add_argument("--linkedin")
    s.add_argument("--x", dest="x_handle", metavar="HANDLE")
    s.add_argument("--pitch", help="1–2 sentences about me and my work")
    s.add_argument("--signature")
    s.set_defaults(handler=set_profile)


_PROFILE_OPTIONS = (
    "name", "stage", "institution", "interests", "target_institutions", "target_fellowships",
    "email", "phone", "linkedin", "x_handle", "pitch", "signature",
)  # fmt: skip


def profile_json(profile: ProfileData) -> dict[str, object]:
    return {
        "name": profile.name,
        "stage": profile.stage,
        "institution": profile.institution,
        "interests": list(profile.interests),
        "target_institutions": list(profile.target_institutions),
        "target_fellowships": list(profile.target_fellowships),
        "email": profile.email,
        "phone": profile.phone,
        "linkedin": profile.linkedin,
        "x_handle": profile.x_handle,
        "pitch": profile.pitch,
        "signature": profile.signature,
    }


def profile_text(profile: ProfileData) -> str:
    lines = [
        ("Name", profile.name),
        ("Stage", profile.stage),
        ("Institution", profile.institution),
        ("Interests", "; ".join(profile.interests)),
        ("Target institutions", "; ".join(profile.target_institutions)),
        ("Target fellowships", "; ".join(profile.target_fellowships)),
        ("Email", profile.email),
        ("Phone", profile.phone),
        ("LinkedIn", profile.linkedin),
        ("X", profile.x_handle),
        ("Pitch", profile.pitch),
        ("Signature", profile.signature.replace("\n", " / ")),
    ]
    return "\n".join(f"{label + ':':<21}{value or '—'}" for label, value in lines)


def show_profile(args: argparse.Namespace, ctx: CommandContext) -> int:
    profile = ctx.workspace.planning.profile()
    ctx.emit(profile_json(profile), profile_text(profile))
    return 0


def set_profile(args: argparse.Namespace, ctx: CommandContext) -> int:
    planning = ctx.workspace.planning
    changes = {name: getattr(args, name) for name in _PROFILE_OPTIONS if getattr(args, name) is not None}
    if not changes:
        raise UserError("nothing to set: give at least one option, e.g. --name or --stage")
    for name in ("interests", "target_institutions", "target_fellowships"):
        if name in changes:
            changes[name] = tuple(changes[name])
    saved = planning.save_profile(replace(planning.profile(), **changes)).value
    ctx.emit(profile_json(saved), profile_text(saved))
    return 0


# --- goals -------------------------------------------------------------------------------------


def _register_goals(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("goals", parents=[common], help="list my goals with progress, or add one")
    p.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    p.set_defaults(handler=list_goals)
    sub = p.add_subparsers(dest="goals_command", parser_class=type(p))

    a = sub.add_parser("add", parents=[common], help="add a goal; prints its id")
    a.add_argument("title", nargs="?", default=None, help="what I want to achieve (a template fills one in)")
    a.add_argument("--kind", help=f"one of: {KINDS}")
    a.add_argument("--target", type=int, dest="target_count", metavar="N", help="how many (at least 1)")
    a.add_argument("--keyword", action="append", dest="keywords", metavar="K", help="a field or topic")
    a.add_argument("--institution", action="append", dest="institutions", metavar="I")
    a.add_argument("--role", action="append", dest="roles", metavar="R", help='e.g. "Program Director"')
    a.add_argument("--deadline", type=_date, help="YYYY-MM-DD (default: the conference's last day)")
    a.add_argument("--template", metavar="TEMPLATE_ID", help="start from a template (see `goals templates`)")
    a.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    a.set_defaults(handler=add_goal)

    t = sub.add_parser("templates", parents=[common], help="list goal templates for a stage")
    t.add_argument("--stage", help="default: the stage in my profile")
    t.set_defaults(handler=list_templates)

    s = sub.add_parser("status", parents=[common], help="mark a goal active, done or dropped")
    s.add_argument("goal", type=int, metavar="GOAL_ID")
    s.add_argument("status", metavar="STATUS", help="active, done or dropped")
    s.set_defaults(handler=set_goal_status)

    d = sub.add_parser("delete", parents=[common], help="delete a goal")
    d.add_argument("goal", type=int, metavar="GOAL_ID")
    d.set_defaults(handler=delete_goal)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _conference(ctx: CommandContext, given: int | None) -> int | None:
    return given if given is not None else ctx.workspace.program.current_conference_id()


def _required_conference(ctx: CommandContext, given: int | None) -> int:
    conference_id = _conference(ctx, given)
    if conference_id is None:
        raise UserError("no conference yet: import a program first")
    return conference_id


def goal_json(goal: GoalView) -> dict[str, object]:
    progress = goal.progress
    return {
        "id": goal.id,
        "conference_id": goal.conference_id,
        "kind": goal.kind.value,
        "title": goal.title,
        "target": goal.target_count,
        "keywords": list(goal.keywords),
        "institutions": list(goal.institutions),
        "roles": list(goal.roles),
        "deadline": goal.deadline,
        "status": goal.status,
        "progress": {
            "done": progress.done,
            "target": progress.target,
            "fraction": round(progress.fraction, 4),
            "label": progress.label,
            "planned": progress.planned,
            "counted": [
                {"kind": item.kind, "id": item.id, "name": item.name, "detail": item.detail} for item in progress.items
            ],
        },
    }


def _bar(fraction: float) -> str:
    filled = round(fraction * BAR_WIDTH)
    return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]"


def goal_text(goal: GoalView) -> str:
    status = "" if goal.status == "active" else f" ({goal.status})"
    due = f" · due {goal.deadline:%Y-%m-%d}" if goal.deadline else ""
    return (
        f"{goal.id:>3}  [{goal.kind.value}] {goal.title}{status}\n"
        f"     {_bar(goal.progress.fraction)} {goal.progress.label} · {goal.progress.planned_label}{due}"
    )


def list_goals(args: argparse.Namespace, ctx: CommandContext) -> int:
    goals = ctx.workspace.planning.goals(_conference(ctx, args.conference))
    ctx.emit([goal_json(g) for g in goals], "\n".join(goal_text(g) for g in goals) or "no goals yet")
    return 0


def add_goal(args: argparse.Namespace, ctx: CommandContext) -> int:
    planning = ctx.workspace.planning
    conference_id = _conference(ctx, args.conference)
    if args.template:
        fields = planning.goal_from_template(args.template, conference_id)
    else:
        if args.kind is None:
            raise UserError(f"--kind is required without --template ({KINDS})")
        if args.target_count is None:
            raise UserError("--target is required without --template")
        fields = GoalFields(parse_kind(args.kind), args.title or "", args.target_count)
    changes: dict[str, object] = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.kind is not None:
        changes["kind"] = parse_kind(args.kind)
    if args.target_count is not None:
        changes["target_count"] = args.target_count
    for name in ("keywords", "institutions", "roles"):
        if getattr(args, name) is not None:
            changes[name] = tuple(getattr(args, name))
    if args.deadline is not None:
        changes["deadline"] = args.deadline
    goal = planning.add_goal(conference_id, replace(fields, **changes)).value  # type: ignore[arg-type]
    ctx.emit(goal_json(goal), str(goal.id))
    return 0


def template_json(template: GoalTemplate) -> dict[str, object]:
    return {
        "id": template.id,
        "group": template.group.value if template.group else None,
        "name": template.name,
        "why": template.why,
        "kind": template.kind.value,
        "title": template.title,
        "target": template.target_count,
        "roles": list(template.roles),
    }


def list_templates(args: argparse.Namespace, ctx: CommandContext) -> int:
    planning = ctx.workspace.planning
    stage = args.stage if args.stage is not None else planning.profile().stage
    templates = planning.templates_for(stage)
    ctx.emit(
        [template_json(t) for t in templates],
        "\n".join(f"{t.id:<34} [{t.kind.value}] {t.name}: {t.why}" for t in templates),
    )
    return 0


def set_goal_status(args: argparse.Namespace, ctx: CommandContext) -> int:
    goal = ctx.workspace.planning.set_goal_status(args.goal, args.status).value
    ctx.emit(goal_json(goal), f"goal {goal.id} is {goal.status}: {goal.title}")
    return 0


def delete_goal(args: argparse.Namespace, ctx: CommandContext) -> int:
    planning = ctx.workspace.planning
    title = planning.goal(args.goal).title
    planning.delete_goal(args.goal)
    ctx.emit({"deleted": args.goal}, f"deleted goal {args.goal}: {title}")
    return 0


# --- speakers and people to meet ---------------------------------------------------------------


def list_speakers(args: argparse.Namespace, ctx: CommandContext) -> int:
    speakers = ctx.workspace.program.speakers(_required_conference(ctx, args.conference), args.search)
    ctx.emit(
        [
            {"id": s.id, "name": s.name, "affiliation": s.affiliation, "role": s.role, "sessions": s.sessions}
            for s in speakers
        ],
        "\n".join(f"{s.id:>5}  {s.name:<28.28}  {s.role:<22.22}  {s.affiliation}".rstrip() for s in speakers),
    )
    return 0


def target_json(target: TargetView) -> dict[str, object]:
    return {
        "id": target.id,
        "speaker_id": target.speaker_id,
        "name": target.name,
        "affiliation": target.affiliation,
        "role": target.role,
        "goal_id": target.goal_id,
        "goal": target.goal_title or None,
        "session": None
        if target.event_id is None
        else {
            "event_id": target.event_id,
            "title": target.event_title,
            "start": target.event_start,
            "end": target.event_end,
            "room": target.room,
        },
        "met": target.met,
        "contact_id": target.contact_id,
    }


def target_text(target: TargetView) -> str:
    who = ", ".join(part for part in (target.role, target.affiliation) if part)
    where = f" {target.where}" if target.where else ""
    goal = f"  · for: {target.goal_title}" if target.goal_title else ""
    met = "✓ met " if target.met else "meet "
    return f"{target.id:>3}  {met}{target.name}" + (f" ({who})" if who else "") + where + goal


def add_target(args: argparse.Namespace, ctx: CommandContext) -> int:
    workspace = ctx.workspace
    event_id = workspace.program.resolve_session(args.session) if args.session else None
    target = workspace.planning.add_target(args.speaker, args.goal, event_id).value
    ctx.emit(target_json(target), target_text(target))
    return 0


def list_targets(args: argparse.Namespace, ctx: CommandContext) -> int:
    targets = ctx.workspace.planning.targets(_required_conference(ctx, args.conference))
    ctx.emit([target_json(t) for t in targets], "\n".join(target_text(t) for t in targets) or "nobody to meet yet")
    return 0


def mark_met(args: argparse.Namespace, ctx: CommandContext) -> int:
    target = ctx.workspace.planning.mark_met(args.target, args.place, args.points).value
    ctx.emit(target_json(target), target_text(target))
    return 0
