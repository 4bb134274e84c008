"""vCard 3.0 and MECARD output: structure, escaping, folding, injection, and round trips."""

from __future__ import annotations

import io
import re

import pytest
import vobject
from PIL import Image

from conference_app.core.domain.people import ContactDetails
from conference_app.core.exporters.vcard_out import mecard_text, vcard_text, vcards_text
from conference_app.core.importers.qr_payload import parse_mecard
from conference_app.core.importers.vcard import read_vcards


def small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, "JPEG")
    return out.getvalue()


EVERYTHING = ContactDetails(
    name="Zoë Łukasiewicz-Müller",
    institution="Hôpital Européen Georges-Pompidou, Chirurgie digestive",
    position="Fellow; Colorectal",
    specialty="Colorectal Surgery",
    emails=("zoe@hegp.fr", "zoe.lm@example.org"),
    phones=("+33 1 23 45 67 89", "(650) 555-1212"),
    urls=("https://www.linkedin.com/in/zoe-lm", "https://x.com/zoe_lm", "https://doi.org/10.1000/182"),
    orcid="0000-0002-1825-0097",
    note="Met at poster 12.\nAsked about a research year; send CV by Friday.\n\nC:\\path, with commas",
    photo=small_jpeg(),
)


def physical_lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only, no bare LF or CR
    return text[:-2].split("\r\n")


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "")[:-2].split("\r\n")


# --- vCard 3.0 ---------------------------------------------------------------------------------------------


def test_every_field_as_its_property() -> None:
    lines = unfolded(vcard_text(EVERYTHING))
    assert lines[:4] == ["BEGIN:VCARD", "VERSION:3.0", "FN:Zoë Łukasiewicz-Müller", "N:Łukasiewicz-Müller;Zoë;;;"]
    assert "ORG:Hôpital Européen Georges-Pompidou\\, Chirurgie digestive" in lines
    assert "TITLE:Fellow\\; Colorectal" in lines
    assert [line for line in lines if line.startswith("EMAIL")] == [
        "EMAIL;TYPE=INTERNET:zoe@hegp.fr",
        "EMAIL;TYPE=INTERNET:zoe.lm@example.org",
    ]
    assert [line for line in lines if line.startswith("TEL")] == ["TEL:+33 1 23 45 67 89", "TEL:(650) 555-1212"]
    assert [line for line in lines if line.startswith("URL")] == [
        "URL:https://www.linkedin.com/in/zoe-lm",
        "URL:https://x.com/zoe_lm",
        "URL:https://doi.org/10.1000/182",
        "URL:https://orcid.org/0000-0002-1825-0097",
    ]
    assert (
        "NOTE:Met at poster 12.\\nAsked about a research year\\; send CV by Friday.\\n\\nC:\\\\path\\, with commas"
        in lines
    )
    assert any(line.startswith("PHOTO;ENCODING=b;TYPE=JPEG:/9j/") for line in lines)
    assert lines[-1] == "END:VCARD"


def test_name_parts_come_from_nameparser() -> None:
    lines = unfolded(vcard_text(ContactDetails(name="Dr. Jane Q. van der Berg Jr.")))
    assert "N:van der Berg;Jane;Q.;Dr.;Jr." in lines


def test_an_empty_card_still_has_fn_and_n() -> None:
    assert vcard_text(ContactDetails()) == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\r\nN:;;;;\r\nEND:VCARD\r\n"


def test_an_orcid_already_among_the_urls_is_written_once() -> None:
    text = vcard_text(
        ContactDetails(name="A", urls=("https://orcid.org/0000-0002-1825-0097",), orcid="0000-0002-1825-0097")
    )
    assert text.count("orcid.org") == 1


@pytest.mark.parametrize(
    "name",
    ["é" * 120, "山田" * 50, " ".join(["👩‍⚕️ Surgeon"] * 12), "a" * 74 + "é" * 5],
    ids=["2-byte", "3-byte", "emoji", "boundary"],
)
def test_folding_keeps_lines_within_75_octets_and_characters_whole(name: str) -> None:
    text = vcard_text(ContactDetails(name=name))
    for line in physical_lines(text):
        assert len(line.encode("utf-8")) <= 75
    assert unfolded(text)[2] == "FN:" + name
    assert text.encode("utf-8").decode("utf-8") == text  # no sequence cut (str cannot even hold one)


@pytest.mark.parametrize(
    "hostile",
    ["\r\nBCC:x@y", "\nBCC:x@y", "\rBCC:x@y", "\u2028BCC:x@y", "\x85BCC:x@y", "\x0bBCC:x@y", "\x0cBCC:x@y"],
)
def test_no_line_break_in_a_value_creates_a_property(hostile: str) -> None:
    details = ContactDetails(
        name="Jane" + hostile,
        institution="Mayo" + hostile,
        emails=("jane@x.org" + hostile,),
        note="Hi" + hostile + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Evil",
    )
    text = vcard_text(details)
    properties = [line.split(":", 1)[0].split(";", 1)[0] for line in unfolded(text)]
    assert "BCC" not in properties and properties.count("BEGIN") == 1
    assert all(len(line.splitlines()) == 1 for line in physical_lines(text))
    card = vobject.readOne(text)
    assert "bcc" not in card.contents
    assert card.fn.value == "Jane BCC:x@y"
    result = read_vcards(text.encode())
    assert len(result.cards) == 1 and result.cards[0].name == "Jane BCC:x@y"


def test_round_trip_gives_back_every_field() -> None:
    result = read_vcards(vcards_text([EVERYTHING]).encode("utf-8"))
    assert result.problems == []
    assert result.cards == [EVERYTHING]  # photo included: a small JPEG comes back byte for byte


def test_round_trip_of_several_people_in_one_file() -> None:
    people = [
        EVERYTHING,
        ContactDetails(name="최유림", emails=("yurim@example.kr",)),
        ContactDetails(name="O'Brien, Siobhán", phones=("+353 1 234 5678",), note="line one\r\nline two"),
    ]
    result = read_vcards(vcards_text(people).encode("utf-8"))
    assert result.numbers == [1, 2, 3]
    assert [card.name for card in result.cards] == ["Zoë Łukasiewicz-Müller", "최유림", "O'Brien, Siobhán"]
    assert result.cards[2].note == "line one\nline two"


def test_vobject_reads_what_we_write() -> None:
    card = vobject.readOne(vcard_text(EVERYTHING))
    assert card.fn.value == EVERYTHING.name
    assert card.org.value == [EVERYTHING.institution]
    assert card.title.value == EVERYTHING.position
    assert card.note.value == EVERYTHING.note
    assert card.photo.value == EVERYTHING.photo
    assert [line.value for line in card.contents["email"]] == list(EVERYTHING.emails)


# --- MECARD ------------------------------------------------------------------------------------------------


def test_mecard_fields_and_escapes() -> None:
    text = mecard_text(EVERYTHING)
    assert text.startswith("MECARD:N:Łukasiewicz-Müller,Zoë;TEL:+33 1 23 45 67 89;TEL:(650) 555-1212;")
    assert "EMAIL:zoe@hegp.fr;EMAIL:zoe.lm@example.org;" in text
    assert "URL:https\\://orcid.org/0000-0002-1825-0097;" in text
    assert "ORG:Hôpital Européen Georges-Pompidou\\, Chirurgie digestive;TITLE:Fellow\\; Colorectal;" in text
    assert text.endswith(";;")
    assert "PHOTO" not in text


def test_mecard_round_trip() -> None:
    details = parse_mecard(mecard_text(EVERYTHING))
    assert details.name == EVERYTHING.name
    assert (details.institution, details.position) == (EVERYTHING.institution, EVERYTHING.position)
    assert (details.emails, details.phones, details.urls) == (EVERYTHING.emails, EVERYTHING.phones, EVERYTHING.urls)
    assert (details.orcid, details.note) == (EVERYTHING.orcid, EVERYTHING.note)


def test_mecard_name_keeps_titles_and_suffixes() -> None:
    text = mecard_text(ContactDetails(name="Dr. Jane Q. Smith Jr."))
    assert text == "MECARD:N:Smith Jr.,Dr. Jane Q.;;"
    assert parse_mecard(text).name == "Dr. Jane Q. Smith Jr."


def test_mecard_of_a_one_word_name_and_no_line_breaks_in_one_line_fields() -> None:
    text = mecard_text(ContactDetails(name="Cher", institution="A\r\nB", phones=("1\n2",)))
    assert text == "MECARD:N:Cher;TEL:1 2;ORG:A B;;"
    assert not re.search(r"[\r\n]", text)
