"""What a scanned QR code's text is: cards, web addresses, emails, phone numbers and plain text."""

from __future__ import annotations

import json
import random

import pytest

from conference_app.core.domain.people import ContactDetails
from conference_app.core.errors import UserError
from conference_app.core.importers.qr_payload import ScannedCode, classify_payload, parse_mecard

# --- contact cards ------------------------------------------------------------------------------------------


def test_vcard_30_text() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Chidi;;Dr.;\r\nFN:Dr. Chidi Okafor\r\n"
        "ORG:Lagos University Teaching Hospital;Department of Surgery\r\nTITLE:Program Director\r\n"
        "EMAIL:chidi@LUTH.ng\r\nTEL;TYPE=CELL:+234 803 555 0100\r\nURL:https://orcid.org/0000-0002-1825-0097\r\n"
        "URL:https://www.linkedin.com/in/chidi\r\nNOTE:Trauma\\, global surgery\r\nEND:VCARD\r\n"
    )
    code = classify_payload(text)
    assert (code.kind, code.text) == ("vcard", text)
    assert code.fields == {
        "name": "Dr. Chidi Okafor",
        "institution": "Lagos University Teaching Hospital, Department of Surgery",
        "position": "Program Director",
        "emails": ["chidi@luth.ng"],
        "phones": ["+234 803 555 0100"],
        "urls": ["https://www.linkedin.com/in/chidi"],
        "orcid": "0000-0002-1825-0097",
        "note": "Trauma, global surgery",
    }
    assert code.details.name == "Dr. Chidi Okafor" and code.details.orcid == "0000-0002-1825-0097"


def test_vcard_21_text_with_quoted_printable() -> None:
    code = classify_payload(
        "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\n"
        "TEL;WORK;VOICE:+49 89 1234\nEND:VCARD"
    )
    assert code.kind == "vcard"
    assert code.fields == {"name": "Jürgen Müller", "phones": ["+49 89 1234"]}


def test_vcard_40_text_without_end_line() -> None:
    code = classify_payload("BEGIN:VCARD\nVERSION:4.0\nFN:Ana Lima\nTEL;VALUE=uri:tel:+55-11-5555-0100\n")
    assert code.kind == "vcard"
    assert code.fields == {"name": "Ana Lima", "phones": ["+55-11-5555-0100"]}


def test_a_vcard_with_nobody_in_it_is_kept_as_text() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nORG:Nobody Inc.\nEND:VCARD"
    code = classify_payload(text)
    assert (code.kind, code.fields, code.details.note) == ("text", {}, text)


def test_mecard_with_escapes_and_non_ascii() -> None:
    text = (
        "MECARD:N:García\\, MD,José;ORG:Hospital Clínic\\; Barcelona;TITLE:Resident;"
        "TEL:+34 93 227 54 00;EMAIL:jose@Clinic.CAT;URL:https\\://x.com/jgarcia;"
        "NOTE:Likes\\: robotics\\\\HPB;;"
    )
    code = classify_payload(text)
    assert code.kind == "mecard"
    assert code.fields == {
        "name": "José García, MD",
        "institution": "Hospital Clínic; Barcelona",
        "position": "Resident",
        "emails": ["jose@clinic.cat"],
        "phones": ["+34 93 227 54 00"],
        "urls": ["https://x.com/jgarcia"],
        "note": "Likes: robotics\\HPB",
    }


def test_mecard_japanese_name_keeps_family_name_first() -> None:
    assert parse_mecard("MECARD:N:山田,太郎;SOUND:ﾔﾏﾀﾞ,ﾀﾛｳ;TEL:03-1234-5678;;").name == "山田太郎"


def test_mecard_with_only_an_email_is_named_after_it() -> None:
    details = parse_mecard("mecard:EMAIL:ana@x.org;;")
    assert (details.name, details.emails) == ("ana@x.org", ("ana@x.org",))


def test_mecard_orcid_url_becomes_the_orcid() -> None:
    details = parse_mecard("MECARD:N:Lima,Ana;URL:https://orcid.org/0000-0001-5109-3700;;")
    assert (details.orcid, details.urls) == ("0000-0001-5109-3700", ())


def test_parse_mecard_refuses_other_texts_and_empty_cards() -> None:
    with pytest.raises(UserError, match="not a MECARD"):
        parse_mecard("BEGIN:VCARD")
    with pytest.raises(UserError, match="no name, email or phone"):
        parse_mecard("MECARD:ORG:Nobody;;")


# --- web addresses ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "url", "site"),
    [
        ("https://www.linkedin.com/in/jane-doe-md", "https://www.linkedin.com/in/jane-doe-md", "linkedin"),
        ("linkedin.com/in/jane-doe-md", "https://linkedin.com/in/jane-doe-md", "linkedin"),
        ("https://x.com/janedoe_md", "https://x.com/janedoe_md", "x"),
        ("https://twitter.com/janedoe_md", "https://twitter.com/janedoe_md", "x"),
        (
            "https://doi.org/10.1016/j.jamcollsurg.2024.01.001",
            "https://doi.org/10.1016/j.jamcollsurg.2024.01.001",
            "doi",
        ),
        ("doi:10.1000/182", "https://doi.org/10.1000/182", "doi"),
        ("HTTPS://WWW.EXAMPLE.ORG/POSTER12", "HTTPS://WWW.EXAMPLE.ORG/POSTER12", "web"),
        ("www.facs.org", "https://www.facs.org", "web"),
        ("URLTO:My lab:https://lab.example.org", "https://lab.example.org", "web"),
        ("urlto::https://lab.example.org", "https://lab.example.org", "web"),
        ("urlto:https://lab.example.org", "https://lab.example.org", "web"),
        (
            "MEBKM:TITLE:Jane's profile;URL:https\\://www.linkedin.com/in/jane;;",
            "https://www.linkedin.com/in/jane",
            "linkedin",
        ),
    ],
)
def test_web_addresses(text: str, url: str, site: str) -> None:
    code = classify_payload(text)
    assert (code.kind, code.fields) == ("url", {"url": url, "site": site})
    assert code.details == ContactDetails(urls=(url,))


@pytest.mark.parametrize(
    "text",
    [
        "https://orcid.org/0000-0002-1825-0097",
        "orcid.org/0000-0002-1825-0097",
        "0000-0002-1825-0097",
        "ORCID: 0000-0002-1825-0097",
    ],
)
def test_orcid_addresses_fill_the_orcid(text: str) -> None:
    code = classify_payload(text)
    assert code.kind == "url"
    assert code.fields["site"] == "orcid"
    assert code.details == ContactDetails(orcid="0000-0002-1825-0097")


# --- emails and phones --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("mailto:Jane.Doe@Hospital.ORG", "Jane.Doe@hospital.org"),
        ("MAILTO:jane@x.org?subject=Hello%20from%20ACS&body=Hi", "jane@x.org"),
        ("mailto:jane%2Bacs@x.org", "jane+acs@x.org"),
        ("MATMSG:TO:jane@x.org;SUB:Poster;BODY:Nice to meet you;;", "jane@x.org"),
        ("  jane.doe@example.com \n", "jane.doe@example.com"),
    ],
)
def test_emails(text: str, email: str) -> None:
    code = classify_payload(text)
    assert (code.kind, code.fields, code.details) == ("email", {"email": email}, ContactDetails(emails=(email,)))


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("tel:+1-312-555-0100", "+1-312-555-0100"),
        ("TEL:+44%2020%207946%200000", "+44 20 7946 0000"),
        ("tel:+1-418-656-9254;ext=102", "+1-418-656-9254 ext. 102"),
        ("SMSTO:+15555550100:Hi from the congress", "+15555550100"),
        ("+1 (312) 555-0100", "+1 (312) 555-0100"),
        ("0311111111", "0311111111"),
        ("030 1234 5678", "030 1234 5678"),
    ],
)
def test_phone_numbers(text: str, phone: str) -> None:
    code = classify_payload(text)
    assert (code.kind, code.fields, code.details) == ("tel", {"phone": phone}, ContactDetails(phones=(phone,)))


@pytest.mark.parametrize("text", ["1234567", "20240915", "123", "12-34"])
def test_bare_ids_are_not_phone_numbers(text: str) -> None:
    assert classify_payload(text).kind == "text"


# --- everything else ----------------------------------------------------------------------------------------


def test_plain_text_becomes_a_note() -> None:
    code = classify_payload("Poster 42: Outcomes of robotic Whipple\r\nBooth B7")
    assert (code.kind, code.fields) == ("text", {})
    assert code.details == ContactDetails(note="Poster 42: Outcomes of robotic Whipple\nBooth B7")


def test_garbage_bytes_decoded_as_text() -> None:
    raw = bytes(range(256)) + b"\xff\xfe\x00BEGIN:VCARD\x00"
    for text in (raw.decode("latin-1"), raw.decode("utf-8", "replace")):
        code = classify_payload(text)
        assert code.kind == "text" and code.text == text
        assert "\x00" not in code.details.note and "\x1b" not in code.details.note
        assert "BEGIN:VCARD" in code.details.note


def test_wifi_and_other_codes_are_text() -> None:
    assert classify_payload("WIFI:T:WPA;S:Congress;P:secret;;").kind == "text"
    assert classify_payload("").details == ContactDetails()


def test_fields_are_json_ready_and_nothing_raises() -> None:
    prefixes = [
        "",
        "BEGIN:VCARD\n",
        "MECARD:",
        "MEBKM:",
        "URLTO:",
        "mailto:",
        "tel:",
        "smsto:",
        "MATMSG:",
        "https://",
        "doi:",
    ]
    alphabet = "abc@.:;,\\/\n\r\t +0123456789=-_%?&\x00é山\ufffd"
    rng = random.Random(20240915)
    kinds = set()
    for _ in range(2000):
        text = rng.choice(prefixes) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        code = classify_payload(text)
        assert isinstance(code, ScannedCode) and code.text == text
        json.dumps(code.fields)
        kinds.add(code.kind)
    assert kinds <= {"vcard", "mecard", "url", "email", "tel", "text"}
    assert {"text", "url", "email", "tel"} <= kinds
