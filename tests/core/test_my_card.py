"""My card from my profile: the details it carries, and a QR code that a phone reads back whole."""

from __future__ import annotations

import io

import pytest
import vobject
import zxingcpp
from PIL import Image

from conference_app.core.domain.people import ContactDetails
from conference_app.core.domain.planning import ProfileData
from conference_app.core.errors import UserError
from conference_app.core.exporters.my_card import linkedin_url, my_card_details, my_card_text, x_url
from conference_app.core.exporters.qr_image import qr_png
from conference_app.core.importers.qr_payload import classify_payload

PROFILE = ProfileData(
    name="Zoë Ångström-Nuñez",
    stage="PGY-3",
    institution="Universitätsspital Zürich",
    interests=("HPB",),
    email="zoe@example.org",
    phone="+41 44 555 12 34",
    linkedin="https://www.linkedin.com/in/zoe-angstrom",
    x_handle="@zoe_an",
    orcid="0000-0002-1825-0097",
    pitch="Not on the card.",
)
URLS = (
    "https://www.linkedin.com/in/zoe-angstrom",
    "https://orcid.org/0000-0002-1825-0097",
    "https://x.com/zoe_an",
)


def read_code(png: bytes) -> str:
    """What a scanner reads from the picture: the one QR code's payload, as UTF-8."""
    [barcode] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.ec_level == "M"
    return barcode.bytes.decode("utf-8")


def test_details_carry_who_i_am_and_how_to_reach_me_and_nothing_else() -> None:
    assert my_card_details(PROFILE) == ContactDetails(
        name="Zoë Ångström-Nuñez",
        institution="Universitätsspital Zürich",
        position="PGY-3",
        emails=("zoe@example.org",),
        phones=("+41 44 555 12 34",),
        urls=URLS,
        orcid="0000-0002-1825-0097",
    )


def test_a_name_only_profile_makes_a_name_only_card() -> None:
    assert my_card_details(ProfileData(name="  Ana   Ruiz ")) == ContactDetails(name="Ana Ruiz")


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("", ""),
        ("https://www.linkedin.com/in/ana", "https://www.linkedin.com/in/ana"),
        ("linkedin.com/in/ana", "https://linkedin.com/in/ana"),
        ("www.linkedin.com/in/ana/", "https://www.linkedin.com/in/ana/"),
        ("ana-ruiz", "https://www.linkedin.com/in/ana-ruiz"),
        ("in/ana-ruiz", "https://www.linkedin.com/in/ana-ruiz"),
    ],
)
def test_linkedin_becomes_a_full_address(typed: str, url: str) -> None:
    assert linkedin_url(typed) == url


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("", ""),
        ("@ana_ruiz", "https://x.com/ana_ruiz"),
        ("ana_ruiz", "https://x.com/ana_ruiz"),
        ("https://twitter.com/ana_ruiz", "https://x.com/ana_ruiz"),
        ("x.com/@ana_ruiz", "https://x.com/ana_ruiz"),
        ("not a handle", ""),
    ],
)
def test_x_becomes_an_x_com_address(typed: str, url: str) -> None:
    assert x_url(typed) == url


def test_orcid_link_in_the_profile_becomes_the_bare_id_and_its_link() -> None:
    details = my_card_details(ProfileData(name="Ana", orcid="https://orcid.org/0000-0001-5109-371x"))

    assert details.orcid == "0000-0001-5109-371X"
    assert details.urls == ("https://orcid.org/0000-0001-5109-371X",)


@pytest.mark.parametrize("name", ["", "   "])
def test_no_card_without_a_name(name: str) -> None:
    with pytest.raises(UserError) as refused:
        my_card_text(ProfileData(name=name, email="someone@example.org"))
    assert str(refused.value) == "fill in your name in your profile first"


def test_my_card_png_reads_back_as_a_vcard_with_every_field() -> None:
    """The acceptance test: what a phone scans from the picture is my whole card, accents and all."""
    text = read_code(qr_png(my_card_text(PROFILE)))

    card = vobject.readOne(text)
    assert card.version.value == "3.0"
    assert card.fn.value == "Zoë Ångström-Nuñez"
    assert card.n.value.family == "Ångström-Nuñez" and card.n.value.given == "Zoë"
    org = card.org.value
    assert (org[0] if isinstance(org, list) else org) == "Universitätsspital Zürich"
    assert card.title.value == "PGY-3"
    assert card.email.value == "zoe@example.org"
    assert card.tel.value == "+41 44 555 12 34"
    assert sorted(url.value for url in card.contents["url"]) == sorted(URLS)
    assert "photo" not in card.contents
    assert "Not on the card" not in text


def test_my_card_as_mecard_reads_back_too() -> None:
    text = read_code(qr_png(my_card_text(PROFILE, mecard=True)))

    assert text.startswith("MECARD:")
    scanned = classify_payload(text)
    assert scanned.kind == "mecard"
    assert scanned.details.name == "Zoë Ångström-Nuñez"
    assert scanned.details.emails == ("zoe@example.org",)
    assert scanned.details.phones == ("+41 44 555 12 34",)


def test_the_vcard_is_recognised_as_a_vcard_by_the_scanner_side() -> None:
    scanned = classify_payload(read_code(qr_png(my_card_text(PROFILE))))

    assert scanned.kind == "vcard"
    assert scanned.details.name == "Zoë Ångström-Nuñez"
    assert scanned.details.institution == "Universitätsspital Zürich"
    assert scanned.details.orcid == "0000-0002-1825-0097"
