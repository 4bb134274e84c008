"""`conference-app ocr IMAGE [--json]`: a card photo's text and fields, and one line when it cannot be read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conference_app.core.importers import card_ocr
from tests.card_pictures import SMALL_CARD, save_card_photo
from tests.cli_calls import fails, ok

needs_reader = pytest.mark.skipif(bool(card_ocr.unavailable_reason()), reason=card_ocr.unavailable_reason() or "-")
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_card_photo(tmp_path_factory.mktemp("ocr") / "raman.jpg", SMALL_CARD, angle=2, width=640)


@needs_reader
def test_json_has_the_text_and_exactly_the_six_fields(card: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "conference_app", "ocr", str(card), "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    out = run.stdout

    assert (run.returncode, run.stderr) == (0, ""), "a whole process prints the JSON line and nothing on stderr"
    assert out.count("\n") == 1
    data = json.loads(out)

    assert list(data) == ["text", "fields"]
    assert data["fields"] == {
        "name": "Priya Raman",
        "institution": "Northgate Health Institute",
        "position": "Fellow, Colorectal Surgery",
        "emails": ["priya.raman@northgate.example"],
        "phones": ["+44 20 7946 0321"],
        "urls": [],
    }
    # The raw text as read: the reader may drop a space between large letters ("PriyaRaman"); the fields do not.
    assert [line.replace(" ", "") for line in data["text"].splitlines()[:3]] == [
        "PriyaRaman", "Fellow,ColorectalSurgery", "NorthgateHealthInstitute",
    ]  # fmt: skip


@needs_reader
def test_plain_output_lists_the_fields_then_the_text(capsys: pytest.CaptureFixture[str], card: Path) -> None:
    out = ok(capsys, "ocr", card)
    fields, _blank, text = out.partition("\n\n")

    assert fields.splitlines() == [
        "name: Priya Raman",
        "institution: Northgate Health Institute",
        "position: Fellow, Colorectal Surgery",
        "emails: priya.raman@northgate.example",
        "phones: +44 20 7946 0321",
    ]
    assert text.splitlines()[0].replace(" ", "") == "PriyaRaman"


@needs_reader
def test_a_picture_without_text_fails_naming_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("RGB", (120, 80), "white").save(blank)

    assert fails(capsys, "ocr", blank) == "blank.png: no text found in this picture"


@pytest.mark.parametrize("name", ["missing.png", "notes.txt"])
def test_a_bad_image_is_one_line_naming_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    if name == "notes.txt":
        (tmp_path / name).write_text("Dr Amara Okafor", encoding="utf-8")

    problem = fails(capsys, "ocr", tmp_path / name, "--json")

    assert problem == {"missing.png": "missing.png: no such file",
                       "notes.txt": "notes.txt: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"}[name]  # fmt: skip


def test_without_the_reader_the_command_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    monkeypatch.setattr(card_ocr, "_reader", None)
    picture = tmp_path / "card.png"
    Image.new("RGB", (120, 80), "white").save(picture)

    assert (
        fails(capsys, "ocr", picture) == "reading cards needs the on-device text reader, and RapidOCR is not installed"
    )


def test_help_names_the_command_without_loading_the_reader() -> None:
    run = subprocess.run(
        [sys.executable, "-c",
         "import sys\n"
         "from conference_app.__main__ import main\n"
         "try:\n    main(['ocr', '--help'])\nexcept SystemExit:\n    pass\n"
         "print(sorted(m for m in ('rapidocr', 'onnxruntime', 'cv2', 'numpy') if m in sys.modules))"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip

    assert run.returncode == 0, run.stderr
    assert "IMAGE" in run.stdout
    assert run.stdout.splitlines()[-1] == "[]"


def test_the_command_is_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert "read a photo of a business card or badge" in ok(capsys, "--help")
