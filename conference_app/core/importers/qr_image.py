"""QR codes read from pictures: a photo or screenshot file, pasted image bytes, a camera frame.

Every entry point returns the decoded texts, each code once, in reading order (rows top to
bottom, left to right within a row). Only the QR family is looked for (QR, Micro QR, rMQR): that
is what cards, badges and posters carry, and leaving the linear and stacked symbologies out keeps
a camera frame at a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import zxingcpp

from conference_app.core.errors import InputFileError, UserError
from conference_app.core.importers.pictures import PictureProblem, converted, on_white, opened_picture, read_picture_file

if TYPE_CHECKING:  # only for annotations: decoding pixels needs no payload parser
    from conference_app.core.importers.qr_payload import ScannedCode

QR_FORMATS = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode, zxingcpp.BarcodeFormat.RMQRCode)


def decode_image_file(path: str | Path) -> list[str]:
    """The codes in an image file; an InputFileError naming the file when it is not a usable image."""
    path = Path(path)
    data = read_picture_file(path)
    try:
        return _decode_encoded(data)
    except PictureProblem as problem:
        raise InputFileError(path, str(problem)) from None


def decode_image_bytes(data: bytes, source: str = "the pasted image") -> list[str]:
    """The codes in an encoded image (PNG, JPEG, …) held in memory, e.g. from the clipboard.

    `source` names the picture in the one-line error when it is not a usable image.
    """
    try:
        return _decode_encoded(data)
    except PictureProblem as problem:
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


def _decode_encoded(data: bytes) -> list[str]:
    with opened_picture(data) as image:
        gray = converted(image, lambda picture: on_white(picture, "L"))  # 8-bit grayscale on white
    return _texts(zxingcpp.read_barcodes(gray, formats=_qr_formats()))


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
