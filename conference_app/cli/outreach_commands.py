"""CLI commands over the outreach service: `outreach --out DIR` writes one .eml draft per person to meet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.errors import UserError
from conference_app.core.services.outreach import NO_ADDRESS

NAMES = ("outreach",)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    p = commands.add_parser(
        "outreach", parents=[common], help="write an email draft (.eml) to each person I mean to meet"
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the .eml files to")
    p.add_argument("--conference", type=int, help="a conference id (default: the current one)")
    p.set_defaults(handler=write_outreach)


def write_outreach(args: argparse.Namespace, ctx: CommandContext) -> int:
    workspace = ctx.workspace
    conference_id = args.conference or workspace.program.current_conference_id()
    if conference_id is None:
        raise UserError("no conference yet: import a program first")
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
