"""QR codes at the poster: decoding a camera frame, and rendering my card.

Decode: a 1280×720 grey frame as a webcam gives it, with a card's code small, tilted and noisy in
it, decoded by `decode_gray_pixels` (what the scan dialog's worker runs on every frame). Floor: one
bare `zxingcpp.read_barcodes` call on the same frame. Target p95 ≤ 30 ms.

Render: my card from a profile to PNG bytes (`my_card_text` + `qr_png`, what the card dialog and
`card --qr` run). Floor: `qrcode.make` of the same text saved as PNG. Target p95 ≤ 50 ms.
"""

from __future__ import annotations

import io
import random
from dataclasses import replace

from bench.context import BenchContext
from bench.results import Result
from bench.timing import percentile, timed_ms

NAME = "qr"
DECODE_LIMIT_MS = 30.0
RENDER_LIMIT_MS = 50.0


def camera_frame(text: str, seed: int = 7) -> tuple[int, int, bytes]:
    """A 1280×720 8-bit grey frame holding the code about 300 px wide, rotated 8°, with sensor noise."""
    import qrcode
    from PIL import Image, ImageFilter

    code = qrcode.make(text.encode("utf-8"), border=4).convert("L").resize((300, 300))
    code = code.rotate(8, expand=True, fillcolor=200)
    frame = Image.new("L", (1280, 720), 170)
    frame.paste(code, (610, 190))
    frame = frame.filter(ImageFilter.GaussianBlur(0.8))
    rng = random.Random(seed)
    noisy = bytes(max(0, min(255, value + rng.randint(-18, 18))) for value in frame.tobytes())
    return 1280, 720, noisy


def _profile():  # type: ignore[no-untyped-def]
    from conference_app.core.domain.planning import ProfileData

    return ProfileData(
        name="Zoë Ångström-Nuñez", stage="PGY-3", institution="Riverside Medical Center",
        email="zoe@riverside.example", phone="+1 312 555 0142", linkedin="zoe-angstrom",
        x_handle="@zoe_md", orcid="0000-0002-1825-0097",
    )  # fmt: skip


def run(context: BenchContext) -> list[Result]:
    import qrcode
    import zxingcpp
    from PIL import Image

    from conference_app.core.exporters.my_card import my_card_text
    from conference_app.core.exporters.qr_image import qr_png
    from conference_app.core.importers.qr_image import QR_FORMATS, decode_gray_pixels

    rounds = max(10, context.sizes.suggestion_rounds)
    text = my_card_text(_profile())
    width, height, pixels = camera_frame(text)
    image = Image.frombytes("L", (width, height), pixels)
    context.say(f"qr: {rounds} frames decoded, {rounds} cards rendered")

    decode_ms, bare_decode_ms, render_ms, bare_render_ms = [], [], [], []
    for round_number in range(rounds + 1):
        app_time, found = timed_ms(decode_gray_pixels, width, height, pixels)
        bare_time, bare = timed_ms(lambda: zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(list(QR_FORMATS)), try_invert=False))
        assert found == [text] and len(bare) == 1, "the frame's code must decode"

        def bare_render() -> bytes:
            buffer = io.BytesIO()
            qrcode.make(my_card_text(profile).encode("utf-8")).save(buffer, format="PNG")
            return buffer.getvalue()

        # A new name each round: the first render of a card is what the user waits for.
        profile = replace(_profile(), name=f"Zoë Ångström-Nuñez {round_number}")
        render_time, _png = timed_ms(lambda: qr_png(my_card_text(profile)))
        bare_render_time, _bare_png = timed_ms(bare_render)
        if round_number:  # the first round warms caches and imports
            decode_ms.append(app_time)
            bare_decode_ms.append(bare_time)
            render_ms.append(render_time)
            bare_render_ms.append(bare_render_time)
    return [
        Result(
            "qr.decode.p95", "QR decode of a 1280×720 camera frame, p95", "ms",
            percentile(decode_ms, 0.95), percentile(bare_decode_ms, 0.95),
            floor_label="bare zxingcpp.read_barcodes (QR formats) on the same frame", limit=DECODE_LIMIT_MS, judged="measured",
        ),
        Result(
            "qr.render.p95", "my card rendered as a QR PNG, p95", "ms",
            percentile(render_ms, 0.95), percentile(bare_render_ms, 0.95),
            floor_label="qrcode.make + PNG of the same text", limit=RENDER_LIMIT_MS, judged="measured",
        ),
    ]  # fmt: skip
