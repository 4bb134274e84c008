"""CLI commands for the poster session: my card as a QR code or contact file, and reading someone's code.

    conference-app card --qr OUT.png [--mecard]    my card as a QR picture
    conference-app card --vcf OUT.vcf              my card as a contact file (always a vCard)
    conference-app card --svg OUT.svg [--mecard]   my card as a QR drawing for print
    conference-app qr decode IMAGE [--json]        the codes in a photo or screenshot
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.errors import InputFileError

NAMES = ("card", "qr")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add `card` and `qr decode` to the parser."""
    card = commands.add_parser(
        "card", parents=[common], help="my contact card from my profile: QR picture, SVG for print, .vcf"
    )
    card.add_argument("--qr", type=Path, metavar="OUT.png", help="write the card as a QR code picture (PNG)")
    card.add_argument("--svg", type=Path, metavar="OUT.svg", help="write the card as a QR code drawing (SVG)")
    card.add_argument("--vcf", type=Path, metavar="OUT.vcf", help="write the card as a contact file (vCard 3.0)")
    card.add_argument(
        "--mecard", action="store_true", help="put a MECARD in the QR code: shorter than a vCard, so a smaller code"
    )
    card.set_defaults(handler=write_card)

    qr = commands.add_parser("qr", parents=[common], help="read QR codes")
    actions = qr.add_subparsers(dest="qr_action", metavar="{decode}", required=True, parser_class=type(qr))
    decode = actions.add_parser("decode", parents=[common], help="the QR codes in a photo or screenshot")
    decode.add_argument("image", type=Path, metavar="IMAGE")
    decode.set_defaults(handler=decode_codes)


def write_card(args: argparse.Namespace, ctx: CommandContext) -> int:
    """Write each file asked for; with none, print the card's text."""
    # Loaded here: the QR and vCard writers are not needed by any other command.
    from conference_app.core.exporters.atomic_file import write_atomically
    from conference_app.core.exporters.my_card import my_card_text
    from conference_app.core.exporters.qr_image import qr_png, qr_svg

    profile = ctx.workspace.planning.profile()
    code_text = my_card_text(profile, mecard=args.mecard)
    code_kind = "MECARD" if args.mecard else "vCard"
    planned: list[tuple[Path, str, bytes]] = []
    if args.qr is not None:
        planned.append((args.qr, f"a QR code picture ({code_kind})", qr_png(code_text)))
    if args.svg is not None:
        planned.append((args.svg, f"a QR code drawing ({code_kind})", qr_svg(code_text).encode("utf-8")))
    if args.vcf is not None:
        planned.append((args.vcf, "a contact file (vCard)", my_card_text(profile).encode("utf-8")))
    if not planned:
        ctx.emit({"kind": code_kind.casefold(), "text": code_text, "written": []}, code_text)
        return 0
    for path, _what, data in planned:
        write_atomically(path, data)
    ctx.emit(
        {
            "kind": code_kind.casefold(),
            "text": code_text,
            "written": [{"path": str(path), "bytes": len(data)} for path, _what, data in planned],
        },
        "\n".join(f"wrote my card ({profile.name}) as {what} to {path}" for path, what, _data in planned),
    )
    return 0


def decode_codes(args: argparse.Namespace, ctx: CommandContext) -> int:
    """Print each code found in the picture; none found is an error naming the file."""
    from conference_app.core.importers.qr_image import code_label, code_summary, decode_image_file
    from conference_app.core.importers.qr_payload import classify_payload

    texts = decode_image_file(args.image)
    if not texts:
        raise InputFileError(args.image, "no QR code found in this picture")
    codes = [classify_payload(text) for text in texts]
    ctx.emit(
        [{"kind": code.kind, "text": code.text, "fields": code.fields} for code in codes],
        "\n\n".join(_code_text(code_label(code), code_summary(code), code.text) for code in codes),
    )
    return 0


def _code_text(label: str, summary: str, text: str) -> str:
    """The kind and summary on one line, then the whole text indented when it says more."""
    lines = [f"{label}: {summary}"]
    if text.strip() != summary:
        lines.extend("  " + line for line in text.strip().splitlines())
    return "\n".join(lines)
