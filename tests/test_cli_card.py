"""`conference-app card` (my card as QR picture, SVG, .vcf) and `conference-app qr decode IMAGE`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import vobject
from PIL import Image

from conference_app.core.importers.qr_image import decode_image_file
from conference_app.core.workspace import Workspace
from tests.cli_calls import fails, ok, run
from tests.qr_fixtures import CARD_PROFILE as PROFILE, code_picture






@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database whose profile is filled in, accents, ORCID and all."""
    path = tmp_path / "db.sqlite"
    workspace = Workspace.open(path)
    try:
        workspace.planning.save_profile(PROFILE)
    finally:
        workspace.close()
    return path



# --- card ------------------------------------------------------------------------------------------


def test_card_writes_png_svg_and_vcf_in_one_go_and_says_so(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    png, svg, vcf = tmp_path / "card.png", tmp_path / "card.svg", tmp_path / "card.vcf"

    out = ok(capsys, "--db", db, "card", "--qr", png, "--svg", svg, "--vcf", vcf)

    assert out.splitlines() == [
        f"wrote my card (Zoë Ångström-Nuñez) as a QR code picture (vCard) to {png}",
        f"wrote my card (Zoë Ångström-Nuñez) as a QR code drawing (vCard) to {svg}",
        f"wrote my card (Zoë Ångström-Nuñez) as a contact file (vCard) to {vcf}",
    ]
    [decoded] = decode_image_file(png)
    card = vobject.readOne(decoded)
    assert card.fn.value == "Zoë Ångström-Nuñez"
    assert {url.value for url in card.contents["url"]} == {
        "https://linkedin.com/in/zoe-angstrom", "https://orcid.org/0000-0002-1825-0097", "https://x.com/zoe_an",
    }  # fmt: skip
    assert ET.fromstring(svg.read_bytes()).tag == "{http://www.w3.org/2000/svg}svg"
    assert vobject.readOne(vcf.read_text(encoding="utf-8")).fn.value == "Zoë Ångström-Nuñez"
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


def test_card_mecard_puts_a_mecard_in_the_code_but_the_vcf_stays_a_vcard(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    png, vcf = tmp_path / "small.png", tmp_path / "me.vcf"

    out = ok(capsys, "--db", db, "card", "--qr", png, "--mecard", "--vcf", vcf)

    assert "as a QR code picture (MECARD)" in out
    [decoded] = decode_image_file(png)
    assert decoded.startswith("MECARD:") and "Ångström-Nuñez" in decoded
    assert vcf.read_text(encoding="utf-8").startswith("BEGIN:VCARD")


def test_card_json_lists_what_was_written(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = ok(capsys, "--db", db, "card", "--vcf", tmp_path / "me.vcf", "--json")

    value = json.loads(out)
    assert value["kind"] == "vcard" and value["text"].startswith("BEGIN:VCARD")
    assert value["written"] == [{"path": str(tmp_path / "me.vcf"), "bytes": (tmp_path / "me.vcf").stat().st_size}]


def test_card_without_a_file_prints_the_card(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    out = ok(capsys, "--db", db, "card")

    assert out.startswith("BEGIN:VCARD") and "Zoë Ångström-Nuñez" in out


def test_card_without_a_name_in_the_profile_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    png = tmp_path / "card.png"

    assert fails(capsys, "--db", tmp_path / "empty.sqlite", "card", "--qr", png) == (
        "fill in your name in your profile first"
    )
    assert not png.exists()


def test_card_into_a_missing_folder_is_one_line(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    error = fails(capsys, "--db", db, "card", "--qr", tmp_path / "nowhere" / "card.png")

    assert "does not exist" in error and "nowhere" in error


# --- qr decode -------------------------------------------------------------------------------------


def test_qr_decode_json_gives_kind_text_and_fields_for_each_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström-Nuñez\r\nN:Ångström-Nuñez;Zoë;;;\r\nEND:VCARD\r\n"
    picture = code_picture(tmp_path / "board.png", vcard, "https://example.org/poster/12")

    codes = json.loads(ok(capsys, "qr", "decode", picture, "--json"))

    assert [set(code) for code in codes] == [{"kind", "text", "fields"}] * 2
    assert [(code["kind"], code["text"]) for code in codes] == [
        ("vcard", vcard), ("url", "https://example.org/poster/12"),
    ]  # fmt: skip
    assert isinstance(codes[0]["fields"], dict)


def test_qr_decode_prints_each_code_plainly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    picture = code_picture(tmp_path / "badge.png", "MECARD:N:Nuñez,Zoë;EMAIL:zoe@example.org;;")

    out = ok(capsys, "qr", "decode", picture)

    assert out.splitlines()[0] == "Contact card (MECARD): Zoë Nuñez"
    assert "  MECARD:N:Nuñez,Zoë;EMAIL:zoe@example.org;;" in out.splitlines()


def test_qr_decode_of_a_picture_without_a_code_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blank = tmp_path / "blank.png"
    Image.new("RGB", (300, 200), "white").save(blank)

    assert fails(capsys, "qr", "decode", blank) == "blank.png: no QR code found in this picture"


def test_qr_decode_of_a_file_that_is_not_a_picture_names_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture", encoding="utf-8")

    assert fails(capsys, "qr", "decode", notes, "--json") == (
        "notes.txt: not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP)"
    )
    assert fails(capsys, "qr", "decode", tmp_path / "gone.png") == "gone.png: no such file"


def test_qr_needs_its_action(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "qr")

    assert code == 2 and out == "" and err.count("\n") == 1
