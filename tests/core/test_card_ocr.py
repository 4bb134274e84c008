"""Reading photos of a business card and a badge on this computer, with the network cut off.

The photos are painted with Pillow, turned a few degrees, blurred and noisy (tests/card_pictures.py).
Reading is slow, so the two photos are read once for the module and the tests look at the results.
"""

from __future__ import annotations

import importlib.util
import socket
import sys
import types
from pathlib import Path

import pytest
from PIL import Image

from conference_app.core.errors import ImportCancelled, InputFileError, UserError
from conference_app.core.importers import card_ocr
from conference_app.core.importers.card_ocr import CardReading, OcrUnavailable
from tests.card_pictures import BUSINESS_CARD, CONFERENCE_BADGE, card_photo, save_card_photo

needs_reader = pytest.mark.skipif(bool(card_ocr.unavailable_reason()), reason=card_ocr.unavailable_reason() or "-")


class Readings:
    def __init__(self) -> None:
        self.card: CardReading | None = None
        self.badge: CardReading | None = None
        self.steps: list[str] = []
        self.network_attempts: list[str] = []


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> Readings:
    """The card (from a file) and the badge (from raw pixels) read by a freshly loaded reader, offline."""
    found = Readings()
    folder = tmp_path_factory.mktemp("cards")
    card = save_card_photo(folder / "okafor.png", BUSINESS_CARD)
    badge = card_photo(CONFERENCE_BADGE, angle=-4, width=700)

    def refuse(*args: object, **kwargs: object) -> None:
        found.network_attempts.append(repr(args[:2]))
        raise OSError("the network is cut off in this test")

    with pytest.MonkeyPatch.context() as patch:
        for name in ("connect", "connect_ex", "sendto"):
            patch.setattr(socket.socket, name, refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        patch.setattr(socket, "create_connection", refuse)
        card_ocr.forget_reader()  # load it here, under the block, even if another test module loaded it before
        found.card = card_ocr.read_card_file(card, progress=found.steps.append)
        found.badge = card_ocr.read_card_pixels(badge.width, badge.height, badge.tobytes(), 3 * badge.width, "badge")
    return found


@needs_reader
def test_a_turned_blurred_noisy_business_card_is_read_and_its_fields_picked(readings: Readings) -> None:
    assert readings.card is not None
    assert readings.card.as_json() == {
        "text": readings.card.text,
        "fields": {
            "name": "Amara Okafor-Lindqvist",
            "institution": "Lakeshore University Medical Center",
            "position": "Associate Professor of Surgery",
            "emails": ["amara.okafor@lakeshore-med.example"],
            "phones": ["+1 312-555-0147"],
            "urls": ["https://www.lakeshore-med.example/okafor"],
        },
    }
    assert readings.card.fields.specialty == "Surgical Oncology"
    assert not readings.card.fields.badge
    assert [line.text.replace(" ", "") for line in readings.card.lines][:4] == [
        "Dr.AmaraOkafor-Lindqvist,MD", "AssociateProfessorofSurgery", "DivisionofSurgicalOncology",
        "LakeshoreUniversityMedicalCenter",
    ]  # fmt: skip


@needs_reader
def test_a_badge_in_capitals_over_two_lines_is_read_as_one_name(readings: Readings) -> None:
    assert readings.badge is not None
    fields = readings.badge.fields
    assert (fields.name, fields.position, fields.institution) == (
        "Jonas Weber", "Chief Resident", "Riverside General Hospital",
    )  # fmt: skip
    assert fields.badge
    assert (fields.emails, fields.phones, fields.urls) == ((), (), ())


@needs_reader
def test_reading_never_touches_the_network_and_says_each_step(readings: Readings) -> None:
    assert readings.network_attempts == []
    assert readings.steps == ["Starting the text reader…", "Reading the text…"]


@needs_reader
def test_a_cancelled_reading_stops_before_it_reads(readings: Readings) -> None:
    picture = Image.new("RGB", (40, 20), "white")
    steps: list[str] = []

    with pytest.raises(ImportCancelled):
        card_ocr.read_card_picture(picture, "card.png", progress=steps.append, cancelled=lambda: True)

    assert "Reading the text…" not in steps


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "okafor.jpg: no such file"),
        (b"not a picture at all", "okafor.jpg: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "okafor.jpg: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"),
    ],
)
def test_a_file_that_is_not_a_usable_picture_is_named_in_one_line(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "okafor.jpg"
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(InputFileError) as raised:
        card_ocr.read_card_file(path)

    assert str(raised.value) == problem


def test_a_photo_cut_short_is_named(tmp_path: Path) -> None:
    whole = save_card_photo(tmp_path / "whole.jpg", BUSINESS_CARD)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[:3000])

    with pytest.raises(InputFileError, match=r"^cut\.jpg: the picture is damaged or cut short$"):
        card_ocr.read_card_file(cut)


def test_raw_pixels_that_do_not_fill_the_picture_are_refused() -> None:
    with pytest.raises(UserError, match="^the camera picture: the picture is empty or cut short$"):
        card_ocr.read_card_pixels(100, 50, b"\x00" * 100, 300, "the camera picture")


def test_without_the_reader_installed_reading_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    monkeypatch.setattr(card_ocr, "_reader", None)

    reason = card_ocr.unavailable_reason()
    with pytest.raises(OcrUnavailable) as raised:
        card_ocr.read_card_picture(Image.new("RGB", (40, 20), "white"), "card.png")

    assert reason == "reading cards needs the on-device text reader, and RapidOCR is not installed"
    assert str(raised.value) == reason


@needs_reader
def test_a_reader_that_fails_to_load_is_reported_and_stays_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = types.ModuleType("rapidocr")  # installed, but its import gives nothing usable (a wrong-platform wheel)
    broken.__spec__ = importlib.util.find_spec("rapidocr")
    monkeypatch.setitem(sys.modules, "rapidocr", broken)
    monkeypatch.setattr(card_ocr, "_reader", None)
    monkeypatch.setattr(card_ocr, "_failure", [])

    with pytest.raises(OcrUnavailable, match="^the on-device text reader could not start on this computer"):
        card_ocr.text_reader()

    assert card_ocr.unavailable_reason().startswith("the on-device text reader could not start on this computer")


@needs_reader
def test_the_models_ship_inside_the_reader_package() -> None:
    folder = Path(importlib.util.find_spec("rapidocr").submodule_search_locations[0]) / "models"  # type: ignore[union-attr]

    assert all((folder / name).stat().st_size > 100_000 for name in card_ocr.MODEL_FILES.values())
