"""Photos of business cards and badges for the card-reading tests, painted with Pillow (no Qt).

Each picture is the card's lines in Pillow's own scalable font, turned a few degrees as a hand
holds a card, softened as a phone camera blurs it and speckled with sensor noise.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# (text, letter size in pixels)
BUSINESS_CARD = (
    ("Dr. Amara Okafor-Lindqvist, MD", 50),
    ("Associate Professor of Surgery", 30),
    ("Division of Surgical Oncology", 28),
    ("Lakeshore University Medical Center", 30),
    ("amara.okafor@lakeshore-med.example", 28),
    ("Tel +1 (312) 555-0147", 28),
    ("www.lakeshore-med.example/okafor", 28),
)
CONFERENCE_BADGE = (
    ("Clinical Congress 2026", 28),
    ("JONAS", 72),
    ("WEBER", 72),
    ("Chief Resident", 34),
    ("Riverside General Hospital", 34),
    ("SPEAKER", 40),
)
SMALL_CARD = (
    ("Priya Raman", 40),
    ("Fellow, Colorectal Surgery", 26),
    ("Northgate Health Institute", 26),
    ("priya.raman@northgate.example", 24),
    ("+44 20 7946 0321", 24),
)


def card_photo(
    lines: tuple[tuple[str, int], ...], *, angle: float = 3.0, seed: int = 5, width: int = 1000
) -> Image.Image:
    """The card's lines on white, turned `angle` degrees, blurred and noisy; RGB."""
    height = 60 + sum(size + 26 for _text, size in lines)
    card = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(card)
    y = 40
    for text, size in lines:
        draw.text((50, y), text, fill=(25, 25, 35), font=ImageFont.load_default(size=size))
        y += size + 26
    turned = card.rotate(angle, expand=True, fillcolor=(238, 236, 230), resample=Image.Resampling.BICUBIC)
    soft = turned.filter(ImageFilter.GaussianBlur(1.1))
    rng = random.Random(seed)
    noise = bytes(rng.randrange(0, 256) for _ in range(soft.width * soft.height))
    speckle = Image.frombytes("L", soft.size, noise).point(lambda v: 128 + (v - 128) // 3)
    return Image.merge("RGB", [Image.blend(band, speckle, 0.25).point(lambda v: min(255, v * 4 // 3 - 40))
                               for band in soft.split()])  # fmt: skip


def save_card_photo(path: Path, lines: tuple[tuple[str, int], ...], **options: object) -> Path:
    card_photo(lines, **options).save(path)  # type: ignore[arg-type]
    return path
