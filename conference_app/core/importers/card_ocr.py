"""Reading the text of a business card or badge from a photo, on this computer, and picking out who it is.

The text reader is RapidOCR on ONNX Runtime with the detection, orientation and recognition models
that ship inside the `rapidocr` package: the models are given to it by path, so it never looks for
them elsewhere and never downloads anything, and the picture never leaves the machine. The reader
is heavy (OpenCV, ONNX Runtime, about 30 MB of models), so it is imported and loaded only when a
card is first read, once per process; `unavailable_reason` says without loading it whether it can run.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from conference_app.core.domain.card_fields import CardFields, CardLine, lines_from_boxes, pick_fields
from conference_app.core.errors import ImportCancelled, InputFileError, UserError
from conference_app.core.importers.pictures import (
    MAX_PIXELS,
    PictureProblem,
    converted,
    on_white,
    opened_picture,
    read_picture_file,
)

# The reader scales every picture to at most this many pixels on its long side; doing it first saves
# converting a 12-megapixel phone photo at full size.
LONG_SIDE = 2000
# Text is found on the picture scaled to at most this many pixels on its long side (the reader's own
# default scales a small picture up to 736 on its short side instead). A card's print is large for its
# size, so this finds the same lines on a card in about half the time; the words are then read from
# the picture at full size.
DETECTION_SIDE = 1280
MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
}
_REQUIRED_MODULES = (("rapidocr", "RapidOCR"), ("onnxruntime", "ONNX Runtime"), ("cv2", "OpenCV"))

Progress = Callable[[str], None]
Cancelled = Callable[[], bool]


class OcrUnavailable(UserError):
    """The text reader cannot run on this computer; the message says why."""


@dataclass(frozen=True)
class CardReading:
    """The text read from a card, line by line, and the details picked out of it."""

    lines: tuple[CardLine, ...]
    fields: CardFields

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "fields": self.fields.as_json()}


def unavailable_reason() -> str:
    """Why cards cannot be read here ("" when they can), found without importing the reader."""
    if _failure:
        return _failure[0]
    for module, label in _REQUIRED_MODULES:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # a module entry set to None, or a broken parent package
            found = False
        if not found:
            return f"reading cards needs the on-device text reader, and {label} is not installed"
    missing = [name for name in MODEL_FILES.values() if not (_models_folder() / name).is_file()]
    if missing:
        return f"reading cards needs the text reader's models, and {', '.join(missing)} is missing from its package"
    return ""


def read_card_file(
    path: str | Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> CardReading:
    """Read a card from a picture file; an InputFileError names the file when it is not a usable picture."""
    path = Path(path)
    data = read_picture_file(path)
    try:
        picture = _open_picture(data)
    except PictureProblem as problem:
        raise InputFileError(path, str(problem)) from None
    return read_card_picture(picture, path.name, progress, cancelled)


def read_card_bytes(
    data: bytes, source: str, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> CardReading:
    """Read a card from an encoded picture (PNG, JPEG…) in memory; `source` names it in an error."""
    try:
        picture = _open_picture(data)
    except PictureProblem as problem:
        raise UserError(f"{source}: {problem}") from None
    return read_card_picture(picture, source, progress, cancelled)


def read_card_pixels(
    width: int, height: int, rgb: bytes, row_stride: int, source: str,
    progress: Progress | None = None, cancelled: Cancelled | None = None,
) -> CardReading:  # fmt: skip
    """Read a card from raw 8-bit RGB pixels (a camera frame, a pasted picture), rows `row_stride` bytes apart."""
    if width <= 0 or height <= 0 or row_stride < 3 * width or len(rgb) < row_stride * (height - 1) + 3 * width:
        raise UserError(f"{source}: the picture is empty or cut short")
    if width * height > MAX_PIXELS:
        raise UserError(f"{source}: the picture is too large to read (over {MAX_PIXELS // 1_000_000} megapixels)")
    picture = Image.frombuffer("RGB", (width, height), rgb, "raw", "RGB", row_stride, 1)
    return read_card_picture(_scaled(picture.copy()), source, progress, cancelled)


def read_card_picture(
    picture: Image.Image, source: str, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> CardReading:
    """Read the text on an RGB picture and pick out the details; `source` names the picture in an error.

    `progress` hears each step as a short sentence; when `cancelled()` turns true between steps
    the reading stops with ImportCancelled. Raises OcrUnavailable when the reader cannot run here.
    """
    say = progress or (lambda _step: None)
    stop = cancelled or (lambda: False)
    if _reader is None:
        say("Starting the text reader…")
    reader = text_reader()
    if stop():
        raise ImportCancelled()
    say("Reading the text…")
    with _reading:
        try:
            result = reader(picture)
        except Exception as error:  # the reader's own failure on an odd picture: one line, not a traceback
            raise UserError(f"{source}: the text could not be read ({type(error).__name__})") from None
    if stop():
        raise ImportCancelled()
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    if boxes is None or texts is None:
        return CardReading((), pick_fields(()))
    lines = lines_from_boxes(
        ([(float(x), float(y)) for x, y in corners], str(text)) for corners, text in zip(boxes, texts, strict=True)
    )
    return CardReading(tuple(lines), pick_fields(lines))


def text_reader() -> Any:
    """The reader, loaded on first use with the models in its own package; OcrUnavailable when it cannot load."""
    global _reader
    with _loading:
        if _reader is not None:
            return _reader
        reason = unavailable_reason()
        if reason:
            raise OcrUnavailable(reason)
        try:
            from rapidocr import RapidOCR

            models = _models_folder()
            params: dict[str, Any] = {
                "Global.log_level": "critical", "Global.model_root_dir": str(models),
                "Det.limit_type": "max", "Det.limit_side_len": DETECTION_SIDE,
            }  # fmt: skip
            for task, file_name in MODEL_FILES.items():
                params[f"{task}.model_path"] = str(models / file_name)
            _reader = RapidOCR(params=params)
        except Exception as error:  # a wheel built for another platform fails here in many ways
            _failure[:] = [
                f"the on-device text reader could not start on this computer ({type(error).__name__}: {error})"
            ]
            raise OcrUnavailable(_failure[0]) from None
        return _reader


def forget_reader() -> None:
    """Drop the loaded reader and any failure to load it, so the next reading loads it afresh."""
    global _reader
    with _loading:
        _reader = None
        _failure.clear()


_reader: Any = None
_failure: list[str] = []  # why loading the reader failed in this process, once it has
_loading = threading.Lock()
_reading = threading.Lock()  # one picture at a time: the reader already uses every core


def _models_folder() -> Path:
    spec = importlib.util.find_spec("rapidocr")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(folders[0]) / "models" if folders else Path("rapidocr-not-installed")


def _open_picture(data: bytes) -> Image.Image:
    """The picture upright (as the camera's orientation tag says), in RGB on white, at most LONG_SIDE wide."""
    with opened_picture(data) as image:
        return converted(image, lambda picture: _scaled(on_white(ImageOps.exif_transpose(picture), "RGB")))


def _scaled(image: Image.Image) -> Image.Image:
    if max(image.size) > LONG_SIDE:
        image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    return image
