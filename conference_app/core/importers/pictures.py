"""Opening a picture the user gave (a file, a paste, a drop) safely, for the QR decoder and the card reader.

Both read untrusted bytes: a picture too large to be an honest photo, a decompression bomb, a file
that is no picture or is cut short each become one PictureProblem, worded for the user; the caller
names the file or the source in front of it.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from conference_app.core.errors import InputFileError

# A 50-megapixel phone photo is the largest honest picture of a card or a code; past that it is a
# scan of a poster at print resolution or a decompression bomb, and reading it would stall the app.
MAX_PIXELS = 50_000_000
FORMATS = "PNG, JPEG, GIF, BMP, TIFF or WebP"


class PictureProblem(Exception):
    """Why some bytes are not a picture that can be read; the caller names the source."""


def read_picture_file(path: Path) -> bytes:
    """The file's bytes, or an InputFileError naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a folder, not a picture") from None
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror or error})") from None


@contextmanager
def opened_picture(data: bytes) -> Iterator[Image.Image]:
    """The picture, its header read and its size checked; its pixels are read by `converted`."""
    try:
        # Pillow warns about very large pictures and refuses still larger ones; both mean "too big" here.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise PictureProblem(f"not a picture ({FORMATS})") from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PictureProblem(f"the picture is too large to read (over {MAX_PIXELS // 1_000_000} megapixels)") from None
    except Exception:  # a broken header can make a format plugin raise anything at all
        raise PictureProblem("the picture is damaged and cannot be read") from None
    with image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise PictureProblem(
                f"the picture is too large to read ({width}×{height}, over {MAX_PIXELS // 1_000_000} megapixels)"
            )
        yield image


def converted(image: Image.Image, convert: Callable[[Image.Image], Image.Image]) -> Image.Image:
    """`convert(image)`, which reads the pixels: truncated or corrupt data is a PictureProblem."""
    try:
        return convert(image)
    except Exception:  # whatever the plugin raises on truncated or corrupt pixel data
        raise PictureProblem("the picture is damaged or cut short") from None


def on_white(image: Image.Image, mode: str) -> Image.Image:
    """The picture in `mode` ("L", "RGB"), transparent parts white: a screenshot's transparent
    background would otherwise turn black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert(mode)
    return image.convert(mode)
