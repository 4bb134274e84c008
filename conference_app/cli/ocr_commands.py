"""`conference-app ocr IMAGE [--json]`: the text of a photo of a business card or badge, and who it is about.

The text is read on this computer; nothing is stored. With --json:
{"text": "…", "fields": {"name", "institution", "position", "emails", "phones", "urls"}}.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from conference_app.cli.output import CommandContext
from conference_app.core.errors import InputFileError

NAMES = ("ocr",)
_LABELS = (("name", "name"), ("institution", "institution"), ("position", "position"), ("emails", "emails"),
           ("phones", "phones"), ("urls", "web"))  # fmt: skip


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add `ocr IMAGE` to the parser."""
    ocr = commands.add_parser(
        "ocr", parents=[common], help="read a photo of a business card or badge: its text, name, email, phone…"
    )
    ocr.add_argument("image", type=Path, metavar="IMAGE", help="a photo or screenshot (PNG, JPEG, WebP…)")
    ocr.set_defaults(handler=read_card)


def read_card(args: argparse.Namespace, ctx: CommandContext) -> int:
    """Print the details picked out of the card, then its text; a picture with no text is an error naming it."""
    # The reader (OpenCV, ONNX Runtime) loads here, and only here.
    from conference_app.core.importers.card_ocr import OcrUnavailable, read_card_file, unavailable_reason

    reason = unavailable_reason()
    if reason:
        raise OcrUnavailable(reason)
    reading = read_card_file(args.image)
    if not reading.lines:
        raise InputFileError(args.image, "no text found in this picture")
    found = reading.fields.as_json()
    rows = []
    for key, label in _LABELS:
        value = found[key]
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        if shown:
            rows.append(f"{label}: {shown}")
    ctx.emit(reading.as_json(), "\n".join(rows) + "\n\n" + reading.text if rows else reading.text)
    return 0
