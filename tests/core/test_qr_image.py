"""QR codes to pictures and back: the PNG and SVG we write, and what we read from files, bytes and frames."""

from __future__ import annotations

import io
import random
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import qrcode
from PIL import Image, ImageDraw, ImageFilter

from conference_app.core.errors import InputFileError, UserError
from conference_app.core.exporters.qr_image import QUIET_ZONE, qr_matrix, qr_png, qr_svg
from conference_app.core.importers.qr_image import decode_gray_pixels, decode_image_bytes, decode_image_file

NON_ASCII = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström-Nuñez\r\nORG:Universitätsklinikum Zürich\r\nEND:VCARD\r\n"


def code_image(text: str, box_size: int = 8) -> Image.Image:
    """A QR code made by the qrcode package itself, as an 8-bit grayscale picture."""
    maker = qrcode.QRCode(box_size=box_size, border=4)
    maker.add_data(text.encode("utf-8"))
    return maker.make_image(fill_color="black", back_color="white").get_image().convert("L")


def camera_frame(text: str, seed: int = 7) -> Image.Image:
    """Like a webcam pointed at a poster: 1280×720, the code small, tilted, on a shaded background, with noise."""
    rng = random.Random(seed)
    frame = Image.linear_gradient("L").resize((1280, 720)).point(lambda v: 90 + v // 3)
    draw = ImageDraw.Draw(frame)
    for _ in range(40):  # poster text and figures around the code
        x, y = rng.randrange(1280), rng.randrange(720)
        draw.rectangle((x, y, x + rng.randrange(20, 160), y + rng.randrange(4, 14)), fill=rng.randrange(0, 80))
    code = code_image(text, box_size=4).rotate(7, expand=True, fillcolor=255, resample=Image.Resampling.BILINEAR)
    frame.paste(code, (700, 260))
    frame = frame.filter(ImageFilter.GaussianBlur(0.8))
    return Image.blend(frame, Image.effect_noise((1280, 720), 60), 0.15)


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# --- writing ---------------------------------------------------------------------------------------


def test_png_is_a_crisp_black_on_white_code_about_1000_pixels_wide() -> None:
    png = qr_png(NON_ASCII)

    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert 900 <= image.width == image.height <= 1100
    modules = len(qr_matrix(NON_ASCII))
    assert image.width % modules == 0, "every module is the same whole number of pixels"
    gray = image.convert("L")
    assert {value for _count, value in gray.getcolors()} == {0, 255}
    box = image.width // modules
    quiet = gray.crop((0, 0, image.width, QUIET_ZONE * box))
    assert quiet.getcolors() == [(quiet.width * quiet.height, 255)], "four modules of white above the code"


def test_png_decodes_to_the_same_text_with_accents() -> None:
    assert decode_image_bytes(qr_png(NON_ASCII)) == [NON_ASCII]


def test_matrix_has_the_quiet_zone_and_medium_error_correction() -> None:
    matrix = qr_matrix("https://orcid.org/0000-0002-1825-0097")
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    assert not any(matrix[0]) and not any(matrix[QUIET_ZONE - 1]) and any(matrix[QUIET_ZONE])
    # Version 3 at level M holds 42 bytes but at level Q only 32: this 37-byte address proves M.
    assert size == 29 + 2 * QUIET_ZONE


def test_svg_is_well_formed_xml_on_a_white_background() -> None:
    svg = qr_svg(NON_ASCII)

    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    rect = root.find("{http://www.w3.org/2000/svg}rect")
    assert rect is not None and rect.get("fill") == "white"
    path = root.find("{http://www.w3.org/2000/svg}path")
    assert path is not None and path.get("fill") == "#000000" and path.get("d")
    size = len(qr_matrix(NON_ASCII))
    assert root.get("viewBox") == f"0 0 {size} {size}"


def test_empty_and_oversized_text_are_refused_in_one_line() -> None:
    with pytest.raises(UserError, match="nothing to put"):
        qr_png("")
    with pytest.raises(UserError, match=r"too much text for one QR code \(4000 bytes\)"):
        qr_png("x" * 4000)


# --- reading ---------------------------------------------------------------------------------------


def test_a_png_file_made_with_qrcode_decodes_with_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "card.png"
    code_image(NON_ASCII).save(path)

    assert decode_image_file(path) == [NON_ASCII]


def test_a_jpeg_photo_decodes(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    camera_frame("https://example.org/poster/42").convert("RGB").save(path, quality=80)

    assert decode_image_file(path) == ["https://example.org/poster/42"]


def test_a_camera_frame_decodes_from_raw_gray_pixels_in_a_few_milliseconds() -> None:
    frame = camera_frame(NON_ASCII)
    pixels = frame.tobytes()

    assert decode_gray_pixels(1280, 720, pixels) == [NON_ASCII]
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        decode_gray_pixels(1280, 720, pixels)
        timings.append(time.perf_counter() - started)
    # A few ms on a laptop; the bound leaves room for a loaded CI machine.
    assert min(timings) < 0.05


def test_padded_rows_are_read_with_their_stride() -> None:
    frame = camera_frame("MECARD:N:Nuñez,Zoë;;")
    stride = 1280 + 4
    padded = b"".join(row + b"\x00" * 4 for row in (frame.tobytes()[y * 1280 : (y + 1) * 1280] for y in range(720)))

    assert decode_gray_pixels(1280, 720, padded, row_stride=stride) == ["MECARD:N:Nuñez,Zoë;;"]


def test_too_few_pixels_for_the_size_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="cannot hold a 1280×720 picture"):
        decode_gray_pixels(1280, 720, b"\x00" * 1000)


def test_several_codes_come_back_once_each_in_reading_order(tmp_path: Path) -> None:
    sheet = Image.new("L", (1000, 700), 255)
    sheet.paste(code_image("top right"), (560, 40))
    sheet.paste(code_image("top left"), (60, 70))  # a little lower, still the same row
    sheet.paste(code_image("bottom left"), (60, 400))
    sheet.paste(code_image("top right"), (560, 400))  # the same card twice on one board
    path = tmp_path / "board.png"
    sheet.save(path)

    assert decode_image_file(path) == ["top left", "top right", "bottom left"]


def test_a_blank_image_has_no_codes(tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    Image.new("RGB", (640, 480), "white").save(path)

    assert decode_image_file(path) == []


def test_a_screenshot_with_a_transparent_background_decodes() -> None:
    code = code_image("https://x.com/zoe_an")
    transparent = Image.new("RGBA", code.size, (0, 0, 0, 0))
    transparent.putalpha(code.point(lambda v: 255 - v))  # black modules opaque, the rest see-through

    assert decode_image_bytes(png_bytes(transparent)) == ["https://x.com/zoe_an"]


def test_a_light_on_dark_code_in_a_file_decodes() -> None:
    inverted = code_image("tel:+41445551234").point(lambda v: 255 - v)

    assert decode_image_bytes(png_bytes(inverted)) == ["tel:+41445551234"]


def test_a_file_that_is_not_an_image_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("met Dr. Nuñez at poster 12", encoding="utf-8")

    with pytest.raises(InputFileError) as refused:
        decode_image_file(path)
    assert str(refused.value) == "notes.txt: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"


def test_a_missing_file_and_a_folder_are_refused_naming_them(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"^gone\.png: no such file$"):
        decode_image_file(tmp_path / "gone.png")
    with pytest.raises(InputFileError, match=r"is a folder"):
        decode_image_file(tmp_path)


def test_a_cut_short_image_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    path.write_bytes(png_bytes(code_image("hello"))[:300])

    with pytest.raises(InputFileError, match=r"^cut\.png: the picture is damaged"):
        decode_image_file(path)


def test_an_image_over_50_megapixels_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "poster-scan.png"
    Image.new("1", (8000, 7000), 1).save(path)

    started = time.perf_counter()
    with pytest.raises(InputFileError) as refused:
        decode_image_file(path)
    assert str(refused.value) == "poster-scan.png: the picture is too large to read (8000×7000, over 50 megapixels)"
    assert time.perf_counter() - started < 1


def test_an_image_pillow_calls_a_decompression_bomb_is_refused_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    Image.new("1", (10000, 10000), 1).save(path)  # 100 MP: Pillow warns above 89 MP

    with pytest.raises(InputFileError, match=r"^bomb\.png: the picture is too large to read"):
        decode_image_file(path)


def test_bytes_that_are_not_an_image_name_their_source() -> None:
    with pytest.raises(UserError) as refused:
        decode_image_bytes(b"plain words", source="the dropped picture")
    assert str(refused.value) == "the dropped picture: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"
