"""QR codes read from pictures: a photo or screenshot file, pasted image bytes, a camera frame.

Every entry point returns the decoded texts, each code once, in reading order (rows top to
bottom, left to right within a row). Only the QR family is looked for (QR, Micro QR, rMQR): that
is what cards, badges and posters carry, and leaving the linear and stacked symbologies out keeps
a camera frame at a few milliseconds.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import zxingcpp
from PIL import Image, UnidentifiedImageError

from conference_app.core.errors import InputFileError, UserError

if TYPE_CHECKING:  # only for annotations: decoding pixels needs no payload parser
    from conference_app.core.importers.qr_payload import ScannedCode

# A 50-megapixel phone photo is the largest honest picture of a code; past that it is a scan of a
# poster at print resolution or a decompression bomb, and decoding it would stall the app.
MAX_PIXELS = 50_000_000
QR_FORMATS = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode, zxingcpp.BarcodeFormat.RMQRCode)


def decode_image_file(path: str | Path) -> list[str]:
    """The codes in an image file; an InputFileError naming the file when it is not a usable image."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a folder, not an image") from None
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        return _decode_encoded(data)
    except _ImageProblem as problem:
        raise InputFileError(path, str(problem)) from None


def decode_image_bytes(data: bytes, source: str = "the pasted image") -> list[str]:
    """The codes in an encoded image (PNG, JPEG, …) held in memory, e.g. from the clipboard.

    `source` names the picture in the one-line error when it is not a usable image.
    """
    try:
        return _decode_encoded(data)
    except _ImageProblem as problem:
        raise UserError(f"{source}: {problem}") from None


def decode_gray_pixels(width: int, height: int, pixels: bytes | bytearray | memoryview, row_stride: int = 0) -> list[str]:
    """The codes in a raw 8-bit grayscale picture, such as a camera frame.

    `row_stride` is the number of bytes from one row to the next when rows are padded (Qt pads
    them to a multiple of 4); 0 means `width`. Tuned for speed: inverted (light on dark) codes
    are not looked for here, since a camera sees a few frames a second anyway.
    """
    stride = row_stride or width
    if width <= 0 or height <= 0 or stride < width or len(pixels) < stride * (height - 1) + width:
        raise ValueError(f"{len(pixels)} bytes cannot hold a {width}×{height} picture with rows of {stride} bytes")
    # Any buffer will do at run time; zxing-cpp's stubs ask for a NumPy array where NumPy is installed.
    buffer = cast(Any, memoryview(pixels))
    view = zxingcpp.ImageView(buffer, width, height, zxingcpp.ImageFormat.Lum, stride)
    return _texts(zxingcpp.read_barcodes(view, formats=_qr_formats(), try_invert=False))


def _qr_formats() -> zxingcpp.BarcodeFormats:
    # Made per call: a zxingcpp object kept in a module global outlives the extension at exit,
    # and nanobind then reports it as a leak on stderr.
    return zxingcpp.BarcodeFormats(list(QR_FORMATS))


class _ImageProblem(Exception):
    """Why some bytes are not a picture we can read; the caller names the source."""


def _decode_encoded(data: bytes) -> list[str]:
    try:
        # Pillow warns about very large images and refuses still larger ones; both mean "too big" here.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise _ImageProblem("not an image (PNG, JPEG, GIF, BMP, TIFF or WebP)") from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _ImageProblem(f"the image is too large to read (over {MAX_PIXELS // 1_000_000} megapixels)") from None
    except Exception:  # a broken header can make a format plugin raise anything at all
        raise _ImageProblem("the image is damaged and cannot be read") from None
    with image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _ImageProblem(
                f"the image is too large to read ({width}×{height}, over {MAX_PIXELS // 1_000_000} megapixels)"
            )
        try:
            gray = _flatten(image)
        except Exception:  # truncated or corrupt pixel data: the same, whatever the plugin raises
            raise _ImageProblem("the image is damaged or cut short") from None
    return _texts(zxingcpp.read_barcodes(gray, formats=_qr_formats()))


def _flatten(image: Image.Image) -> Image.Image:
    """8-bit grayscale on white: a screenshot with a transparent background would otherwise turn black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return image.convert("L")


def _texts(barcodes: Sequence[zxingcpp.Barcode]) -> list[str]:
    seen: set[str] = set()
    texts: list[str] = []
    for barcode in _reading_order(barcodes):
        text = _text(barcode)
        if text and text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def _text(barcode: zxingcpp.Barcode) -> str:
    """The payload as UTF-8 when it is valid UTF-8 (what every card app writes, usually without an
    ECI marker), else zxing's own reading, which honours an ECI marker or guesses Latin-1/Shift_JIS."""
    try:
        return barcode.bytes.decode("utf-8")
    except UnicodeDecodeError:
        return barcode.text


def _reading_order(barcodes: Sequence[zxingcpp.Barcode]) -> list[zxingcpp.Barcode]:
    """Rows top to bottom, left to right within a row; a code belongs to the row whose first code
    spans its centre vertically, so a slightly tilted neighbour stays in the same row."""
    boxes = []
    for barcode in barcodes:
        corners = _corners(barcode)
        xs = [x for x, _ in corners]
        ys = [y for _, y in corners]
        boxes.append((sum(ys) / 4, sum(xs) / 4, min(ys), max(ys), barcode))
    boxes.sort(key=lambda box: box[0])
    rows: list[list[tuple[float, float, float, float, zxingcpp.Barcode]]] = []
    for box in boxes:
        if rows and rows[-1][0][2] <= box[0] <= rows[-1][0][3]:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [box[4] for row in rows for box in sorted(row, key=lambda box: box[1])]


def _corners(barcode: zxingcpp.Barcode) -> list[tuple[int, int]]:
    p = barcode.position
    return [(p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y),
            (p.bottom_right.x, p.bottom_right.y), (p.bottom_left.x, p.bottom_left.y)]  # fmt: skip


# --- what a decoded code is, in a few words (the scan dialog's list, the CLI's plain output) ---------

KIND_LABELS = {
    "vcard": "Contact card (vCard)",
    "mecard": "Contact card (MECARD)",
    "url": "Web link",
    "email": "Email address",
    "tel": "Phone number",
    "text": "Text",
}
SUMMARY_LENGTH = 80


def code_summary(code: ScannedCode) -> str:
    """One short line: a card's name and institution, the link, the address, the number, the text."""
    details = code.details
    if code.kind in ("vcard", "mecard"):
        who = details.name.strip() or (details.emails[0] if details.emails else "") or "a card with no name"
        summary = ", ".join(part for part in (who, details.institution.strip()) if part)
    elif code.kind == "email":
        summary = details.emails[0] if details.emails else code.text.strip().removeprefix("mailto:")
    elif code.kind == "tel":
        summary = details.phones[0] if details.phones else code.text.strip().removeprefix("tel:")
    else:
        summary = code.text
    return _shorten(" ".join(summary.split()))


def code_label(code: ScannedCode) -> str:
    """What kind of code it is, in words."""
    return KIND_LABELS.get(code.kind, code.kind)


def _shorten(text: str) -> str:
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"
