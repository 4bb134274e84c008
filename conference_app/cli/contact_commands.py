"""CLI commands over the people I meet: list, show, add a conversation, import, export, merge.

    conference-app contacts [--search TEXT]             everyone, as a table or a JSON array
    conference-app contacts show ID                     one person with their conversations
    conference-app contacts add NAME [--email E]...     log a conversation; prints the person's id
    conference-app contacts import FILE...              .vcf files and pictures of QR codes
    conference-app contacts export OUT.vcf|OUT.csv      everyone as contact cards or a spreadsheet
    conference-app contacts merge KEEP OTHER            one person from two records
    conference-app contacts unmerge MERGE_ID            undo a merge
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from conference_app.cli.followup_commands import parse_day
from conference_app.cli.output import CommandContext
from conference_app.core.domain.people import (
    CaptureData,
    ContactDetails,
    ConversationNote,
    ConversationView,
    Direction,
    MergeView,
    Obtained,
    PersonSummary,
    PersonView,
    Relationship,
    parse_enum,
)
from conference_app.core.errors import NotFoundError, UserError

if TYPE_CHECKING:
    from conference_app.core.workspace import Workspace

NAMES = ("contacts",)
TYPED_WAYS = (Obtained.TYPED, Obtained.QR, Obtained.CARD, Obtained.BADGE)
RELATIONSHIPS = ", ".join(r.value for r in Relationship if r.value)
COLUMN_CAPS = {"name": 28, "institution": 34, "position": 22, "relationship": 12, "email": 32}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add `contacts` and its actions to the parser."""
    p = commands.add_parser("contacts", parents=[common], help="the people I met: list, add, import, export, merge")
    p.add_argument("--search", default="", help="words in name, institution, position, email or phone")
    p.set_defaults(handler=list_contacts)
    sub = p.add_subparsers(dest="contacts_command", parser_class=type(p))

    s = sub.add_parser("show", parents=[common], help="one person with their conversations")
    s.add_argument("id", metavar="ID", help="a person id as printed by `contacts`")
    s.add_argument("--as-of", type=parse_day, metavar="DATE", help="where the follow-up clock stands on this day")
    s.set_defaults(handler=show_contact)

    _register_add(sub, common)

    i = sub.add_parser("import", parents=[common], help="add people from .vcf files and pictures of QR codes")
    i.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a .vcf file, a picture, or a folder of them")
    i.set_defaults(handler=import_contacts)

    e = sub.add_parser("export", parents=[common], help="write people to a .vcf (vCard 3.0) or .csv file")
    e.add_argument("out", type=Path, metavar="OUT", help="OUT.vcf or OUT.csv (a folder with --one-per-person)")
    e.add_argument("--one-per-person", action="store_true", help="one .vcf file per person in the folder OUT")
    e.add_argument("--id", action="append", dest="ids", metavar="ID", help="only this person (repeatable)")
    e.set_defaults(handler=export_contacts)

    m = sub.add_parser("merge", parents=[common], help="make OTHER part of KEEP: one person with everything")
    m.add_argument("keep", metavar="KEEP")
    m.add_argument("other", metavar="OTHER")
    m.set_defaults(handler=merge_contacts)

    u = sub.add_parser("unmerge", parents=[common], help="undo a merge by its id")
    u.add_argument("merge", metavar="MERGE_ID")
    u.set_defaults(handler=unmerge_contacts)

    d = sub.add_parser("distinct", parents=[common], help="two people are not the same: stop offering the merge")
    d.add_argument("first", metavar="ID")
    d.add_argument("second", metavar="ID")
    d.set_defaults(handler=mark_distinct)

    t = sub.add_parser("address", parents=[common], help="how emails address a person, and how often to keep in touch")
    t.add_argument("person", metavar="ID")
    t.add_argument("--title", help="Dr, Prof, Mr, Ms, Miss, Mrs or Mx (Mr/Ms for UK and Irish consultant "
                                   "surgeons); an empty value decides by name and role")
    t.add_argument("--keep-in-touch", type=int, metavar="MONTHS",
                   help="months between updates (6: twice a year, 12: once a year, 0: never)")
    t.set_defaults(handler=address_person)


def _register_add(sub: Any, common: argparse.ArgumentParser) -> None:
    a = sub.add_parser("add", parents=[common], help="log a conversation with someone; prints their id")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--email", action="append", dest="emails", default=[], metavar="E")
    a.add_argument("--phone", action="append", dest="phones", default=[], metavar="P")
    a.add_argument("--institution", default="")
    a.add_argument("--position", default="", help='e.g. "Program Director"')
    a.add_argument("--specialty", default="")
    a.add_argument("--relationship", default="", help=f"one of: {RELATIONSHIPS}")
    a.add_argument("--direction", default="", help="vertical (senior) or horizontal (peer)")
    a.add_argument("--obtained", default="typed", help="how I got the details: typed, qr, card or badge")
    where = a.add_mutually_exclusive_group()
    where.add_argument("--met-at", metavar="SESSION_ID", help="the session where we met (dates the conversation)")
    where.add_argument("--place", default="", metavar="TEXT", help="where we met")
    a.add_argument("--on", metavar="DATETIME", help="when (ISO, e.g. 2026-10-17T15:30; naive = conference time)")
    a.add_argument("--poster", default="", help="a poster or abstract number")
    a.add_argument("--point", action="append", dest="points", default=[], metavar="TEXT", help="what we talked about")
    a.add_argument("--promise", action="append", dest="promises", default=[], metavar="TEXT", help="what I promised")
    a.add_argument(
        "--their-promise", action="append", dest="their_promises", default=[], metavar="TEXT", help="what they promised"
    )
    a.add_argument("--goal", action="append", dest="goals", default=[], metavar="GOAL_ID", help="a goal they count for")
    a.set_defaults(handler=add_contact)


# --- ids, times and how things print -------------------------------------------------------------


def _id(text: str, what: str) -> int:
    """A numeric id the user typed; anything else is an id that does not exist."""
    try:
        value = int(str(text).strip())
    except ValueError:
        raise NotFoundError(f"no {what} with id {text!r}") from None
    if value < 1:
        raise NotFoundError(f"no {what} with id {value}")
    return value


def _session(workspace: Workspace, text: str) -> tuple[int, str]:
    """A session's row id and time zone, from our numeric id or the program's public id ("tsc26:203")."""
    program = workspace.program
    text = text.strip()
    event_id = int(text) if text.isdigit() else program.resolve_session(text)
    return event_id, program.session_detail(event_id).time_zone  # NotFoundError for an unknown row id


def _conference_zone(workspace: Workspace, conference_id: int | None) -> str:
    if conference_id is None:
        return ""
    return next((c.time_zone for c in workspace.program.conferences() if c.id == conference_id), "")


def parse_when(text: str, zone_name: str) -> datetime:
    """An ISO date and time; a naive one is read in `zone_name` (UTC when empty)."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"not a date and time (e.g. 2026-10-17T15:30): {text!r}") from None
    if when.tzinfo is None:
        try:
            zone = ZoneInfo(zone_name) if zone_name else timezone.utc
        except (ZoneInfoNotFoundError, ValueError, OSError):
            zone = timezone.utc
        when = when.replace(tzinfo=zone)
    return when


def person_json(summary: PersonSummary) -> dict[str, object]:
    return {
        "id": str(summary.id),
        "name": summary.name,
        "emails": list(summary.emails),
        "phones": list(summary.phones),
        "institution": summary.institution,
        "position": summary.position,
        "relationship": summary.relationship.value,
        "conversations": summary.conversations,
        "goals": list(summary.goal_ids),
        "speaker_ids": list(summary.speaker_ids),
    }


def duplicate_json(summary: PersonSummary) -> dict[str, object]:
    return {"id": str(summary.id), "name": summary.name, "institution": summary.institution}


def conversation_json(conversation: ConversationView) -> dict[str, object]:
    return {
        "id": str(conversation.id),
        "conference": conversation.conference_title or None,
        "session": conversation.event_title or None,
        "met_at": conversation.met_at.isoformat(),
        "place": conversation.place,
        "poster": conversation.poster,
        "points": list(conversation.points),
        "my_promises": list(conversation.my_promises),
        "their_promises": list(conversation.their_promises),
    }


def merge_json(merge: MergeView) -> dict[str, object]:
    return {
        "id": str(merge.id),
        "kept_id": str(merge.kept_id),
        "merged_id": str(merge.merged_id),
        "merged_name": merge.merged_name,
        "merged_at": merge.merged_at.isoformat(),
    }


def person_view_json(view: PersonView) -> dict[str, object]:
    return person_json(view.summary) | {
        "conversations": [conversation_json(c) for c in view.conversations],
        "last_met": view.conversations[0].met_at.isoformat() if view.conversations else None,
        "possible_duplicates": [duplicate_json(d) for d in view.possible_duplicates],
        "merges": [merge_json(m) for m in view.merges],
    }


def _who(summary: PersonSummary) -> str:
    return f"{summary.id} {summary.name}" + (f" ({summary.institution})" if summary.institution else "")


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def people_table(people: list[PersonSummary]) -> str:
    """An aligned table: id, name, institution, position, relationship, conversations, first email."""
    rows = [
        (
            str(p.id), p.name, p.institution, p.position, p.relationship.value,
            str(p.conversations), p.emails[0] if p.emails else (p.phones[0] if p.phones else ""),
        )
        for p in people
    ]  # fmt: skip
    header = ("ID", "NAME", "INSTITUTION", "POSITION", "RELATIONSHIP", "MET", "EMAIL/PHONE")
    caps = (8, COLUMN_CAPS["name"], COLUMN_CAPS["institution"], COLUMN_CAPS["position"], COLUMN_CAPS["relationship"], 4,
            COLUMN_CAPS["email"])  # fmt: skip
    widths = [min(cap, max(len(" ".join(row[i].split())) for row in (header, *rows))) for i, cap in enumerate(caps)]
    lines = []
    for row in (header, *rows):
        cells = [_cell(value, width) for value, width in zip(row, widths, strict=True)]
        cells[0] = cells[0].strip().rjust(widths[0])
        cells[5] = cells[5].strip().rjust(widths[5])
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def person_text(view: PersonView) -> str:
    s = view.summary
    lines = [f"{s.name}  (id {s.id})"]
    about = " · ".join(part for part in (s.position, s.institution, s.specialty) if part)
    if about:
        lines.append(f"  {about}")
    for label, value in (
        ("Relationship", s.relationship.label if s.relationship is not Relationship.NONE else ""),
        ("Direction", s.direction.label if s.direction is not Direction.NONE else ""),
        ("Email", "; ".join(s.emails)),
        ("Phone", "; ".join(s.phones)),
        ("Web", "; ".join(s.urls)),
        ("ORCID", s.orcid),
        ("Found via", s.obtained.label),
        ("Goals", ", ".join(str(g) for g in s.goal_ids)),
        ("Note", " / ".join(view.note.splitlines())),
    ):
        if value:
            lines.append(f"  {label + ':':<14}{value}")
    if view.last_met:
        lines.append(f"  {view.last_met}")
    if view.conversations:
        lines.append("Conversations:")
    for c in view.conversations:
        where = " · ".join(part for part in (c.conference_title, c.where) if part)
        lines.append(f"  {c.id:>3}  {c.met_at:%a %d %b %Y %H:%M}" + (f"  {where}" if where else ""))
        lines.extend(f"       - {point}" for point in c.points)
        lines.extend(f"       I promised: {promise}" for promise in c.my_promises)
        lines.extend(f"       They promised: {promise}" for promise in c.their_promises)
    for d in view.possible_duplicates:
        lines.append(f"May be the same person as {_who(d)}: conference-app contacts merge {s.id} {d.id}")
    for m in view.merges:
        lines.append(f"Merged in {m.merged_name} ({m.merged_id}): undo with conference-app contacts unmerge {m.id}")
    return "\n".join(lines)


# --- handlers -------------------------------------------------------------------------------------


def list_contacts(args: argparse.Namespace, ctx: CommandContext) -> int:
    people = ctx.workspace.people.people(args.search)
    if people:
        text = people_table(people)
    elif args.search.strip():
        text = f"nobody matches {args.search!r}"
    else:
        text = "nobody yet: add someone with `conference-app contacts add NAME` or import a .vcf file"
    ctx.emit([person_json(p) for p in people], text)
    return 0


def show_contact(args: argparse.Namespace, ctx: CommandContext) -> int:
    view = ctx.workspace.people.person(_id(args.id, "person"))
    follow_up = ctx.workspace.follow_ups.person_state(view.summary.id, args.as_of).value
    ctx.emit(person_view_json(view) | {"follow_up": follow_up}, f"{person_text(view)}\n  Follow-up: {follow_up}")
    return 0


def add_contact(args: argparse.Namespace, ctx: CommandContext) -> int:
    workspace = ctx.workspace
    relationship = (
        parse_enum(Relationship, args.relationship, "relationship") if args.relationship else Relationship.NONE
    )
    direction = parse_enum(Direction, args.direction, "direction") if args.direction else Direction.NONE
    obtained = parse_enum(Obtained, args.obtained, "way of getting the details")
    if obtained not in TYPED_WAYS:
        raise UserError(f"unknown --obtained {args.obtained!r}: use one of {', '.join(o.value for o in TYPED_WAYS)}")
    goal_ids = tuple(dict.fromkeys(_id(goal, "goal") for goal in args.goals))
    event_id: int | None = None
    conference_id: int | None = None
    if args.met_at:
        event_id, zone = _session(workspace, args.met_at)  # the service takes the conference from the session
    else:
        conference_id = workspace.program.current_conference_id()
        zone = _conference_zone(workspace, conference_id)
    met_at = parse_when(args.on, zone) if args.on else None  # None: the session's end, else now
    note = ConversationNote(
        conference_id=conference_id,
        event_id=event_id,
        met_at=met_at,
        place=args.place,
        poster=args.poster,
        points=tuple(args.points),
        my_promises=tuple(args.promises),
        their_promises=tuple(args.their_promises),
    )
    details = ContactDetails(
        name=args.name,
        institution=args.institution,
        position=args.position,
        specialty=args.specialty,
        emails=tuple(args.emails),
        phones=tuple(args.phones),
    )
    data = CaptureData(
        details=details,
        relationship=relationship,
        direction=direction,
        obtained=obtained,
        conversation=note,
        goal_ids=goal_ids,
    )
    result = workspace.people.capture(data, clear_draft=False).value
    ctx.emit(
        {
            "id": str(result.person_id),
            "merged_into": None if result.merged_into is None else str(result.merged_into),
            "possible_duplicates": [duplicate_json(d) for d in result.possible_duplicates],
            "warnings": list(result.warnings),
        },
        str(result.person_id),
    )
    if not ctx.as_json:
        if result.merged_into is not None:
            sys.stderr.write(f"added to person {result.merged_into}, who has the same email or phone\n")
        for duplicate in result.possible_duplicates:
            sys.stderr.write(
                f"may be the same person as {_who(duplicate)}: "
                f"conference-app contacts merge {result.person_id} {duplicate.id}\n"
            )
        for warning in result.warnings:
            sys.stderr.write(f"warning: {warning}: patient information does not belong in notes\n")
    return 0


def import_contacts(args: argparse.Namespace, ctx: CommandContext) -> int:
    from conference_app.core.services.people_exchange import import_contact_files

    report = import_contact_files(ctx.workspace.people, args.files)
    errors = [{"file": e.file, "card": e.card, "reason": e.reason} for e in report.errors]
    summary = f"imported {report.imported} new {'person' if report.imported == 1 else 'people'}, " + (
        f"{report.merged} {'card' if report.merged == 1 else 'cards'} added to people already known"
    )
    if report.errors:
        summary += f"; {len(report.errors)} not imported:"
    lines = [summary] + [f"{e.file}: " + (f"card {e.card}: " if e.card else "") + e.reason for e in report.errors]
    ctx.emit({"imported": report.imported, "merged": report.merged, "errors": errors}, "\n".join(lines))
    for w in report.warnings:
        sys.stderr.write(f"warning: {w.file}: card {w.card}: {w.reason}\n")
    return 0 if report.stored else 1


def export_contacts(args: argparse.Namespace, ctx: CommandContext) -> int:
    from conference_app.core.services.people_exchange import export_people, export_people_per_file

    ids = [_id(i, "person") for i in args.ids] if args.ids else None
    people = ctx.workspace.people
    if args.one_per_person:
        paths = export_people_per_file(people, args.out, ids)
        ctx.emit(
            {"path": str(args.out), "people": len(paths), "files": [str(p) for p in paths]},
            f"wrote {len(paths)} contact {'file' if len(paths) == 1 else 'files'} to {args.out}",
        )
        return 0
    count = export_people(people, args.out, ids)
    ctx.emit(
        {"path": str(args.out), "people": count},
        f"wrote {count} {'person' if count == 1 else 'people'} to {args.out}",
    )
    return 0


def merge_contacts(args: argparse.Namespace, ctx: CommandContext) -> int:
    people = ctx.workspace.people
    keep_id, other_id = _id(args.keep, "person"), _id(args.other, "person")
    merge = people.merge(keep_id, other_id).value
    kept = people.person(merge.kept_id).summary
    ctx.emit(
        merge_json(merge),
        f"merged {merge.merged_name} ({merge.merged_id}) into {_who(kept)}; merge id {merge.id} "
        f"(undo with: conference-app contacts unmerge {merge.id})",
    )
    return 0


def unmerge_contacts(args: argparse.Namespace, ctx: CommandContext) -> int:
    merge = ctx.workspace.people.undo_merge(_id(args.merge, "merge")).value
    ctx.emit(
        merge_json(merge),
        f"undid merge {merge.id}: {merge.merged_name} ({merge.merged_id}) is a person of their own again",
    )
    return 0


def address_person(args: argparse.Namespace, ctx: CommandContext) -> int:
    person = _id(args.person, "person")
    follow_ups = ctx.workspace.follow_ups
    if args.title is None and args.keep_in_touch is None:
        raise UserError("say --title TITLE, --keep-in-touch MONTHS, or both")
    if args.title is not None:
        follow_ups.set_address_title(person, args.title)
    if args.keep_in_touch is not None:
        follow_ups.set_keep_in_touch(person, args.keep_in_touch)
    changed = {"id": str(person), "title": args.title, "keep_in_touch_months": args.keep_in_touch}
    ctx.emit({k: v for k, v in changed.items() if v is not None}, f"person {person} updated")
    return 0


def mark_distinct(args: argparse.Namespace, ctx: CommandContext) -> int:
    first, second = _id(args.first, "person"), _id(args.second, "person")
    ctx.workspace.people.mark_distinct(first, second)
    ctx.emit({"distinct": [str(first), str(second)]}, f"{first} and {second} are different people")
    return 0
