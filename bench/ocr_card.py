"""Reading a business card: the app's whole `conference-app ocr IMAGE --json` process against a bare OCR call.

The card: a 1000-pixel-wide photo of a business card (seven lines, turned 3°, blurred, with sensor
noise) painted with Pillow. App: `conference-app ocr IMAGE --json` as a user runs it — start-up, the
picture opened and checked, the text reader loaded with its bundled models, the text read and the
fields picked out. Floor: a plain Python process importing RapidOCR and calling it once on the same
file (bench/plain_ocr.py). Interleaved runs, medians. Target ≤ 1.2×.

Beside it, for information: what the user waits for in the running app, measured in this process
with the app's `read_card_file` — the first card (the reader is imported and its models loaded) and
each card after it. The app finds text on the picture scaled to at most 1280 pixels
(card_ocr.DETECTION_SIDE) where the bare call scales it up to 736 on its short side, which makes the
app's reading the quicker of the two once loaded.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from bench.context import QUICK, REPO, BenchContext
from bench.results import Result, skipped
from bench.timing import median, run_process

NAME = "ocr"
LIMIT = 1.2
FULL_REPEATS, QUICK_REPEATS = 3, 1
CARD = (
    ("Dr. Amara Okafor-Lindqvist, MD", 50),
    ("Associate Professor of Surgery", 30),
    ("Division of Surgical Oncology", 28),
    ("Lakeshore University Medical Center", 30),
    ("amara.okafor@lakeshore-med.example", 28),
    ("Tel +1 (312) 555-0147", 28),
    ("www.lakeshore-med.example/okafor", 28),
)
EXPECTED_EMAIL = "amara.okafor@lakeshore-med.example"


def card_photo(path: Path) -> Path:
    """The card's lines on white, turned 3°, blurred and speckled, as a phone photographs it."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    card = Image.new("L", (1000, 60 + sum(size + 26 for _text, size in CARD)), 255)
    draw = ImageDraw.Draw(card)
    y = 40
    for text, size in CARD:
        draw.text((50, y), text, fill=25, font=ImageFont.load_default(size=size))
        y += size + 26
    turned = card.rotate(3, expand=True, fillcolor=236, resample=Image.Resampling.BICUBIC)
    photo = turned.filter(ImageFilter.GaussianBlur(1.1))
    rng = random.Random(5)
    noisy = bytes(max(0, min(255, value + rng.randint(-14, 14))) for value in photo.tobytes())
    Image.frombytes("L", photo.size, noisy).convert("RGB").save(path)
    return path


def run(context: BenchContext) -> list[Result]:
    from conference_app.core.importers.card_ocr import unavailable_reason

    label = "business card read from a photo (whole `conference-app ocr` process)"
    reason = unavailable_reason()
    if reason:
        return [skipped("ocr.card", label, "ms", LIMIT, "ratio", reason)]
    picture = card_photo(context.workdir / "card.png")
    app_command = [sys.executable, "-m", "conference_app", "ocr", str(picture), "--json"]
    floor_command = [sys.executable, "-m", "bench.plain_ocr", str(picture)]
    repeats = QUICK_REPEATS if context.sizes == QUICK else FULL_REPEATS
    app_times, floor_times, read_times = [], [], []
    for number in range(repeats):
        for side, command, times in (("app", app_command, app_times), ("floor", floor_command, floor_times)):
            context.say(f"ocr: {'conference-app ocr' if side == 'app' else 'bare RapidOCR call'} ({number + 1})")
            started = time.perf_counter()
            result = run_process(command, context.child_env(), REPO)
            times.append((time.perf_counter() - started) * 1000)
            if result.returncode != 0 or EXPECTED_EMAIL not in result.stdout:
                last_line = (result.stderr.strip().splitlines() or ["no output"])[-1]
                raise RuntimeError(f"{side}: the card was not read (exit {result.returncode}: {last_line})")
            if side == "floor":
                read_times.append(json.loads(result.stdout.splitlines()[-1])["read_ms"])
    app_ms, floor_ms = median(app_times), median(floor_times)
    first_ms, next_ms = _reading_ms(picture, repeats)
    return [
        Result(
            "ocr.card", label, "ms", app_ms, floor_ms, floor_label="plain Python process, one bare RapidOCR call",
            limit=LIMIT,
            note="whole processes, each loading the reader; in the running app the first card takes "
                 f"{first_ms / 1000:.1f} s (the reader loads), each next one {next_ms / 1000:.1f} s",
            details={"runs": len(app_times), "app_first_card_ms": round(first_ms, 1),
                     "app_next_card_ms": round(next_ms, 1), "floor_first_call_ms": round(median(read_times), 1)},
        )
    ]  # fmt: skip


def _reading_ms(picture: Path, repeats: int) -> tuple[float, float]:
    """The app's first reading of the card in this process (loading the reader), and the median of
    `repeats` readings after it."""
    from conference_app.core.importers.card_ocr import read_card_file

    started = time.perf_counter()
    read_card_file(picture)
    first_ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        reading = read_card_file(picture)
        times.append((time.perf_counter() - started) * 1000)
        if EXPECTED_EMAIL not in reading.fields.emails:
            raise RuntimeError(f"the card was read without its email: {reading.fields.emails}")
    return first_ms, median(times)
