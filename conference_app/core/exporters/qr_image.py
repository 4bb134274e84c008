"""Text as a QR code: a crisp PNG for screens and a vector SVG for print.

Both are black on white with the standard four-module quiet zone and error correction level M
(15 % of the symbol may be damaged: enough for a glare spot on a phone screen, small enough to
keep a full vCard readable). The text goes in as UTF-8 in byte mode, which is what phone
scanners expect for names with accents.
"""

from __future__ import annotations

import io
from functools import lru_cache

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from qrcode.image.svg import SvgPathFillImage
from qrcode.util import MODE_8BIT_BYTE, QRData

from conference_app.core.errors import UserError
from conference_app.core.exporters.qr_masks import QuickMaskQRCode

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
PNG_TARGET_PIXELS = 1000
# A tenth of a millimetre per unit in qrcode's SVG: 10 makes each module 1 mm wide on paper.
SVG_MODULE_UNITS = 10


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules, True for black, quiet zone included."""
    return [list(row) for row in _matrix(text)]


@lru_cache(maxsize=8)
def _matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    # Choosing the best mask is most of the cost (tens of ms in pure Python); the card dialog, its
    # full screen view and the PNG and SVG exports all draw the same text, so it is done once.
    return tuple(tuple(row) for row in _build(text, box_size=1).get_matrix())


def qr_png(text: str, target_pixels: int = PNG_TARGET_PIXELS) -> bytes:
    """A PNG of the code about `target_pixels` wide, every module the same whole number of pixels."""
    matrix = _matrix(text)
    modules = len(matrix)
    box_size = max(1, round(target_pixels / modules))
    # One pixel a module, then scaled up without smoothing: sharp edges, and far faster than
    # drawing each module as a rectangle.
    small = Image.new("1", (modules, modules), 1)
    small.putdata([0 if dark else 1 for row in matrix for dark in row])
    image = small.resize((modules * box_size, modules * box_size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(text: str) -> str:
    """A standalone SVG document of the code: one path on a white background, 1 mm per module."""
    image = _build(text, box_size=SVG_MODULE_UNITS).make_image(image_factory=SvgPathFillImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def _build(text: str, box_size: int) -> qrcode.QRCode:
    if not text:
        raise UserError("nothing to put in the QR code")
    code = QuickMaskQRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=QUIET_ZONE)
    # One byte-mode segment of UTF-8: qrcode's own optimiser would split digits into numeric
    # segments, which some older scanners stitch back together wrongly.
    code.add_data(QRData(text.encode("utf-8"), mode=MODE_8BIT_BYTE))
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError):
        raise UserError(f"too much text for one QR code ({len(text.encode('utf-8'))} bytes)") from None
    return code
