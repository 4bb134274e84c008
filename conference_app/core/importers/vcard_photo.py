"""A card's photo: from base64 or a data: URI to a small JPEG, or a one-line reason it was dropped."""

from __future__ import annotations

import binascii
import io
import warnings
from urllib.parse import unquote_to_bytes

from PIL import Image, ImageOps

PHOTO_EDGE = 256  # the longest side of a stored photo, in pixels
JPEG_QUALITY = 85
# A real portrait is a few megapixels; far more is a poster scan or a decompression bomb.
MAX_PHOTO_PIXELS = 40_000_000
_WHITESPACE = b" \t\r\n"


class PhotoProblem(Exception):
    """Why a photo cannot be used; str() is the reason shown after "photo dropped: "."""


def photo_jpeg(value: bytes | bytearray) -> bytes | None:
    """A PHOTO value (base64 or a data: URI) as a JPEG of at most PHOTO_EDGE pixels a side.

    None when the value is empty or a web address: those are not fetched, the app never goes
    online on its own. Raises PhotoProblem.
    """
    encoded = bytes(value).strip()
    if not encoded:
        return None
    if encoded[:5].lower() == b"data:":
        raw = _data_uri_bytes(encoded)
    elif _is_link(encoded):
        return None
    else:
        raw = _base64_bytes(encoded)
    del encoded
    return scaled_jpeg(raw)


def scaled_jpeg(raw: bytes) -> bytes:
    """Any picture Pillow reads, scaled down to PHOTO_EDGE pixels and re-encoded as JPEG."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as image:
                width, height = image.size
                if width * height > MAX_PHOTO_PIXELS:
                    raise PhotoProblem(f"the picture is too large ({width}×{height} pixels)")
                if _is_small_clean_jpeg(image):
                    return raw  # already what we store: re-encoding would only lose quality
                image.draft("RGB", (PHOTO_EDGE, PHOTO_EDGE))  # JPEG decodes at a reduced scale: much faster
                picture = ImageOps.exif_transpose(image)
                picture.thumbnail((PHOTO_EDGE, PHOTO_EDGE))
                return _jpeg_bytes(picture)
    except PhotoProblem:
        raise
    except Image.DecompressionBombWarning:
        raise PhotoProblem("the picture is too large") from None
    except Exception as error:  # Pillow raises many kinds of errors on corrupt data
        raise PhotoProblem(f"not a readable picture ({type(error).__name__})") from None


def _is_small_clean_jpeg(image: Image.Image) -> bool:
    """A JPEG within PHOTO_EDGE, in plain colours, without EXIF (which may hold a location)."""
    return (
        image.format == "JPEG"
        and max(image.size) <= PHOTO_EDGE
        and image.mode in ("RGB", "L")
        and "exif" not in image.info
    )


def _jpeg_bytes(picture: Image.Image) -> bytes:
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        rgba = picture.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")  # transparent parts on white, as a card would show them
        flat.paste(rgba, mask=rgba.getchannel("A"))
        picture = flat
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def _data_uri_bytes(uri: bytes) -> bytes:
    header, comma, payload = uri.partition(b",")
    if not comma:
        raise PhotoProblem("a data: address without data")
    if header.lower().endswith(b";base64"):
        return _base64_bytes(payload)
    return unquote_to_bytes(payload)


def _base64_bytes(encoded: bytes) -> bytes:
    compact = encoded.translate(None, _WHITESPACE)
    compact += b"=" * (-len(compact) % 4)  # some writers leave the padding out
    try:
        return binascii.a2b_base64(compact, strict_mode=True)
    except binascii.Error:
        raise PhotoProblem("the photo data is not valid base64") from None


def _is_link(value: bytes) -> bool:
    scheme = value.split(b":", 1)[0].lower()
    return scheme in (b"http", b"https", b"ftp", b"file", b"cid") and b":" in value[:8]
