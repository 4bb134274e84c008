"""vCard import from small cards written here: repairs, charsets, photos, broken cards, size and speed."""

from __future__ import annotations

import base64
import io
import os
import tracemalloc
from pathlib import Path

import pytest
import vobject
from PIL import Image

from conference_app.core.errors import InputFileError, UserError
from conference_app.core.importers import vcard as vcard_module
from conference_app.core.importers.vcard import CardProblem, parse_vcard_text, read_vcard_file, read_vcards


def card(*lines: str, version: str = "3.0", end: str = "\r\n") -> str:
    return end.join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + end


def read_one(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = read_vcards(data)
    assert len(result.cards) == 1, result.problems
    return result.cards[0]


def jpeg_bytes(width: int, height: int, color: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG")
    return out.getvalue()


def folded_base64(raw: bytes) -> str:
    encoded = base64.b64encode(raw).decode("ascii")
    return "\r\n ".join(encoded[i : i + 72] for i in range(0, len(encoded), 72))


# --- line breaks inside values never reach one-line fields ----------------------------------------


def test_crlf_escaped_or_quoted_printable_inside_a_name_becomes_a_space() -> None:
    escaped = read_one(card("FN:Jane\\r\\nDoe", "ORG:Mayo\\nClinic;Department\\rof Surgery", "TITLE:Chief\\nResident"))
    assert (escaped.name, escaped.institution, escaped.position) == (
        "Jane Doe",
        "Mayo Clinic, Department of Surgery",
        "Chief Resident",
    )
    note = read_one(card("FN:Ana", "NOTE:one\\r\\ntwo\\rthree\\\\r"))
    assert note.note == "one\ntwo\nthree\\r"  # an escaped backslash before "r" stays a backslash
    quoted = read_one(card("FN;ENCODING=QUOTED-PRINTABLE:Jane=0D=0ADoe", "EMAIL:j@x.org", version="2.1"))
    assert quoted.name == "Jane Doe"


def test_a_lone_cr_inside_a_line_is_content_not_a_new_property() -> None:
    details = read_one(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane\rDoe\r\nEMAIL:jane@x.org\rBCC:evil@x.org\r\nEND:VCARD\r\n"
    )
    assert details.name == "Jane Doe"
    assert details.emails == ()  # "jane@x.org BCC:evil@x.org" is no single address


def test_a_raw_line_break_splits_a_name_but_never_adds_a_property() -> None:
    details = read_one("BEGIN:VCARD\nVERSION:3.0\nFN:Jane\nDoe\nEMAIL:jane@x.org\nEND:VCARD\n")
    assert details.name == "Jane"  # "Doe" is a line without a property name: skipped
    assert details.emails == ("jane@x.org",)


# --- one broken card never costs the others -----------------------------------------------------------


def test_broken_cards_are_reported_by_number_while_the_good_ones_import() -> None:
    data = (
        card("FN:Ana Lima", "EMAIL:ana@x.org")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n"  # no END:VCARD before the next card
        + card("ORG:Nobody Inc.")  # no name, email or phone
        + card("FN:Bo Chen", "TEL:+1 555 0100")
    )
    result = read_vcards(data.encode())
    assert [c.name for c in result.cards] == ["Ana Lima", "Bo Chen"]
    assert result.numbers == [1, 4]
    assert result.problems == [
        CardProblem(2, "the card is cut short (no END:VCARD)"),
        CardProblem(3, "no name, email or phone"),
    ]


def test_a_card_vobject_rejects_is_reported_and_the_rest_import(monkeypatch: pytest.MonkeyPatch) -> None:
    real_read_one = vobject.readOne

    def picky_read_one(text: str, *args: object, **kwargs: object) -> object:
        if "Broken" in text:
            raise vobject.base.ParseError("Failed to parse line: FN:Broken", 3)
        return real_read_one(text, *args, **kwargs)

    monkeypatch.setattr(vcard_module.vobject, "readOne", picky_read_one)
    result = read_vcards((card("FN:Broken") + card("FN:Fine")).encode())
    assert [c.name for c in result.cards] == ["Fine"]
    assert result.numbers == [2]
    assert len(result.problems) == 1 and result.problems[0].card == 1
    assert result.problems[0].reason.startswith("not valid vCard: ")


def test_no_vcard_at_all_is_a_user_error() -> None:
    with pytest.raises(UserError, match="no BEGIN:VCARD line"):
        read_vcards(b"Name,Email\nAna,ana@x.org\n")
    with pytest.raises(UserError):
        read_vcards(b"")


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    not_vcard = tmp_path / "contacts.csv"
    not_vcard.write_text("Name,Email\n")
    with pytest.raises(InputFileError, match=r"^contacts\.csv: is not a vCard file \(no BEGIN:VCARD line\)$"):
        read_vcard_file(not_vcard)
    with pytest.raises(InputFileError, match=r"^missing\.vcf: no such file"):
        read_vcard_file(tmp_path / "missing.vcf")
    with pytest.raises(InputFileError, match="is a folder"):
        read_vcard_file(tmp_path)
    huge = tmp_path / "huge.vcf"
    with huge.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: no disk space used
    with pytest.raises(InputFileError, match=r"^huge\.vcf: is too large"):
        read_vcard_file(huge)


def test_reading_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    path.write_bytes(card("FN:Ana Lima", "EMAIL:ana@x.org").encode())
    assert [c.name for c in read_vcard_file(path).cards] == ["Ana Lima"]


# --- lenient reading ----------------------------------------------------------------------------------------


def test_case_spaces_comments_and_mixed_line_ends() -> None:
    data = (
        b"\xef\xbb\xbfbegin:vCard  \r\n"
        b"VERSION:2.1\n"
        b"# a comment line\r\n"
        b"fn:Ana Lima\r\r\n"
        b"Note:Met at the poster session\n"
        b"Email;Internet:ana@X.ORG\r\n"
        b"End:VCard \t\r\n"
    )
    details = read_one(data)
    assert (details.name, details.emails, details.note) == ("Ana Lima", ("ana@x.org",), "Met at the poster session")


def test_old_mac_files_with_cr_only_line_ends() -> None:
    assert read_one(b"BEGIN:VCARD\rVERSION:3.0\rFN:Ana Lima\rEND:VCARD\r").name == "Ana Lima"


def test_utf16_file_with_byte_order_mark() -> None:
    assert read_one(card("FN:Zoë Ñúñez").encode("utf-16")).name == "Zoë Ñúñez"


def test_folded_lines_and_unescaped_commas() -> None:
    details = read_one(
        card("FN:Maria Jose", "NOTE:Interested in trials, outcomes, and", "  registries", "TITLE:Chief, Surgery")
    )
    assert details.note == "Interested in trials, outcomes, and registries"
    assert details.position == "Chief, Surgery"


def test_apple_groups_labels_and_social_profiles() -> None:
    details = read_one(
        card(
            "FN:Ana Lima",
            "item1.EMAIL;type=INTERNET;type=pref:ana@x.org",
            "item1.X-ABLabel:_$!<Other>!$_",
            "item2.URL;type=pref:https://lab.example.org",
            "item2.X-ABLabel:_$!<HomePage>!$_",
            "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/ana-lima",
        )
    )
    assert details.emails == ("ana@x.org",)
    assert details.urls == ("https://lab.example.org", "https://www.linkedin.com/in/ana-lima")


def test_orcid_from_a_url_or_an_x_property() -> None:
    from_url = read_one(card("FN:Ana", "URL:https://orcid.org/0000-0002-1825-009x", "URL:https://ana.example.org"))
    assert (from_url.orcid, from_url.urls) == ("0000-0002-1825-009X", ("https://ana.example.org",))
    from_property = read_one(card("FN:Ana", "X-ORCID:0000-0001-5109-3700"))
    assert from_property.orcid == "0000-0001-5109-3700"


def test_role_fills_the_position_only_without_a_title() -> None:
    assert read_one(card("FN:Ana", "ROLE:Program Director")).position == "Program Director"
    assert read_one(card("FN:Ana", "ROLE:Program Director", "TITLE:Professor")).position == "Professor"


def test_emails_phones_and_urls_are_deduplicated() -> None:
    details = read_one(
        card(
            "FN:Ana",
            "EMAIL:Ana.Lima@Hospital.ORG",
            "EMAIL;TYPE=work:ana.lima@hospital.org",
            "EMAIL:mailto:second@x.org",
            "EMAIL:not an address",
            "TEL:+1 (555) 010-0100",
            "TEL;TYPE=cell:+1 (555) 010-0100",
            "TEL;VALUE=uri:tel:+1-555-010-0199",
            "URL:https://a.example.org",
            "URL:https://a.example.org",
        )
    )
    assert details.emails == ("Ana.Lima@hospital.org", "second@x.org")
    assert details.phones == ("+1 (555) 010-0100", "+1-555-010-0199")
    assert details.urls == ("https://a.example.org",)


def test_version_4_altid_alternatives_count_once() -> None:
    details = read_one(
        card(
            "FN;ALTID=1;LANGUAGE=ja:山田太郎",
            "FN;ALTID=1;LANGUAGE=en:Taro Yamada",
            "TITLE;ALTID=2;LANGUAGE=ja:教授",
            "TITLE;ALTID=2;LANGUAGE=en:Professor",
            "EMAIL:taro@x.jp",
            version="4.0",
        )
    )
    assert (details.name, details.position) == ("山田太郎", "教授")


def test_name_from_n_when_there_is_no_fn() -> None:
    assert read_one(card("N:Lima;Ana;Maria;Dr.;PhD")).name == "Dr. Ana Maria Lima PhD"
    assert read_one(card("N:山田;太郎;;;")).name == "山田太郎"  # family name first, no space


def test_email_only_card_is_named_after_the_email() -> None:
    details = read_one(card("EMAIL:ana@x.org"))
    assert (details.name, details.emails) == ("ana@x.org", ("ana@x.org",))


# --- charsets ------------------------------------------------------------------------------------------------


def test_quoted_printable_with_declared_charsets() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=93=63;=91=BE=98=59\r\n"
        b"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Universit=C3=A4tsklinikum =\r\n"
        b"M=C3=BCnchen\r\n"
        b"NOTE;CHARSET=ISO-8859-2;QUOTED-PRINTABLE:=A3=F3d=BC\r\n"
        b"TEL:+81 3 1234 5678\r\n"
        b"END:VCARD\r\n"
    )
    details = read_one(data)
    assert details.name == "山田太郎"
    assert details.institution == "Universitätsklinikum München"
    assert details.note == "Łódź"


def test_undeclared_bytes_are_read_in_the_likeliest_windows_code_page() -> None:
    western = read_vcards(card("FN:Jürgen Müller", "EMAIL:j@x.de").encode("cp1252"))
    assert western.cards[0].name == "Jürgen Müller"
    assert "Western European (Windows-1252)" in western.problems[0].reason
    central = read_vcards(card("FN:Łukasz Żółć", "EMAIL:l@x.pl").encode("cp1250"))
    assert central.cards[0].name == "Łukasz Żółć"
    assert "Central European (Windows-1250)" in central.problems[0].reason


def test_a_stray_byte_in_declared_utf8_is_replaced_not_guessed() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8:Zo\xc3\xab \x80Lima\r\nEND:VCARD\r\n"
    result = read_vcards(data)
    assert result.cards[0].name == "Zoë \ufffdLima"
    assert result.problems == []


# --- photos ---------------------------------------------------------------------------------------------------


def photo_size(photo: bytes | None) -> tuple[int, int]:
    assert photo is not None
    with Image.open(io.BytesIO(photo)) as image:
        assert image.format == "JPEG"
        return image.size


def test_a_large_photo_is_scaled_to_256_pixels() -> None:
    details = read_one(card("FN:Ana", "PHOTO;ENCODING=b;TYPE=JPEG:" + folded_base64(jpeg_bytes(2000, 1500))))
    assert photo_size(details.photo) == (256, 192)


def test_a_small_clean_jpeg_is_kept_byte_for_byte() -> None:
    photo = jpeg_bytes(120, 90)
    assert read_one(card("FN:Ana", "PHOTO;ENCODING=b;TYPE=JPEG:" + folded_base64(photo))).photo == photo


def test_a_transparent_png_in_a_data_uri_becomes_a_jpeg_on_white() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (255, 0, 0, 0)).save(out, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
    details = read_one(card("FN:Ana", "PHOTO:" + uri, version="4.0"))
    with Image.open(io.BytesIO(details.photo or b"")) as image:
        red, green, blue = image.convert("RGB").getpixel((5, 5))
    assert min(red, green, blue) > 240  # transparent became white, not black


def test_unindented_base64_after_a_v21_photo_ends_at_the_blank_line() -> None:
    encoded = base64.b64encode(jpeg_bytes(64, 48)).decode()
    lines = [encoded[i : i + 76] for i in range(0, len(encoded), 76)]
    details = read_one(card("FN:Ana", "PHOTO;ENCODING=BASE64;TYPE=JPEG:", *lines, "", "EMAIL:ana@x.org", version="2.1"))
    assert photo_size(details.photo) == (64, 48)
    assert details.emails == ("ana@x.org",)


def test_a_photo_that_is_not_a_picture_is_dropped_with_a_warning() -> None:
    result = read_vcards(card("FN:Ana", "PHOTO;ENCODING=b:" + base64.b64encode(b"not a picture").decode()).encode())
    assert result.cards[0].photo is None
    assert result.problems == [CardProblem(1, "photo dropped: not a readable picture (UnidentifiedImageError)")]


def test_a_photo_of_too_many_pixels_is_dropped() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 megapixels, a few kilobytes
    result = read_vcards(card("FN:Ana", "PHOTO;ENCODING=b:" + base64.b64encode(out.getvalue()).decode()).encode())
    assert result.cards[0].photo is None
    assert result.problems == [CardProblem(1, "photo dropped: the picture is too large (8000×6000 pixels)")]


def test_a_photo_given_as_a_web_address_is_not_fetched() -> None:
    result = read_vcards(card("FN:Ana", "PHOTO;VALUE=uri:https://example.org/ana.jpg").encode())
    assert result.cards[0].photo is None and result.problems == []


@pytest.mark.parametrize("folded", [True, False], ids=["folded base64", "one data URI line"])
def test_a_50_mb_photo_is_dropped_without_holding_it(folded: bool) -> None:
    blob = base64.b64encode(os.urandom(37_500_000))  # 50 MB of base64
    if folded:
        # Folded in long lines: the same path as 76-column folding, with fewer lines for tracemalloc to trace.
        value = b"\r\n ".join(blob[i : i + 4096] for i in range(0, len(blob), 4096))
        data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + value
    else:
        data = b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana\r\nPHOTO:data:image/jpeg;base64," + blob
    data += b"\r\nEMAIL:ana@x.org\r\nEND:VCARD\r\n"
    del blob
    tracemalloc.start()
    try:
        result = read_vcards(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.cards[0].name, result.cards[0].emails, result.cards[0].photo) == ("Ana", ("ana@x.org",), None)
    assert result.problems == [CardProblem(1, "photo dropped: larger than 10 MB")]
    assert peak < 12 * 1024 * 1024  # at most the 10 MB kept while the value could still be a photo


# --- QR texts ----------------------------------------------------------------------------------------------


def test_parse_vcard_text_from_a_qr_code() -> None:
    details = parse_vcard_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:Lima;Ana\nFN:Ana Lima\nORG:Hospital Sírio-Libanês\nEMAIL:ana@x.org\nEND:VCARD"
    )
    assert (details.name, details.institution, details.emails) == ("Ana Lima", "Hospital Sírio-Libanês", ("ana@x.org",))


def test_parse_vcard_text_tolerates_a_missing_end_line() -> None:
    assert parse_vcard_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nTEL:+1 555 0100").phones == ("+1 555 0100",)


def test_parse_vcard_text_ignores_a_declared_charset_on_text_already_decoded() -> None:
    details = parse_vcard_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:山田;太郎\r\nTEL:03-1234-5678\r\nEND:VCARD"
    )
    assert details.name == "山田太郎"


def test_parse_vcard_text_refuses_a_card_with_nobody_in_it() -> None:
    with pytest.raises(UserError, match="no name, email or phone"):
        parse_vcard_text("BEGIN:VCARD\nVERSION:3.0\nORG:Nobody Inc.\nEND:VCARD")
    with pytest.raises(UserError):
        parse_vcard_text("hello")


# --- size and speed ------------------------------------------------------------------------------------------


def generated_cards(count: int) -> bytes:
    return "".join(
        card(
            f"N:Surname{i};Given{i};;Dr.;",
            f"FN:Dr. Given{i} Surname{i}",
            f"ORG:University Hospital {i % 50};Department of Surgery",
            "TITLE:Attending Surgeon",
            f"EMAIL;TYPE=INTERNET:given{i}@hospital{i % 50}.org",
            f"TEL;TYPE=WORK:+1 555 {i:07d}",
            f"ADR;TYPE=WORK:;;{i} Main Street;Springfield;IL;62701;USA",
            f"URL:https://www.linkedin.com/in/given{i}",
            "NOTE:Met at the poster session\\, talked about trials.",
            "BDAY:1980-01-01",
            f"UID:uid-{i}",
        )
        for i in range(count)
    ).encode()


def minimal_cards(count: int) -> bytes:
    return "".join(card(f"FN:Person {i}", f"EMAIL:p{i}@x.org") for i in range(count)).encode()


def test_ten_thousand_cards() -> None:
    result = read_vcards(minimal_cards(10_000))
    assert len(result.cards) == 10_000 and result.numbers[-1] == 10_000 and result.problems == []
    assert (result.cards[9_999].name, result.cards[9_999].emails) == ("Person 9999", ("p9999@x.org",))


def test_cards_are_read_one_at_a_time() -> None:
    data = minimal_cards(1_000)
    tracemalloc.start()  # slows vobject down several times, hence fewer cards than above
    try:
        result = read_vcards(data)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result.cards) == 1_000
    # Beyond the results, working memory is one card's: holding every parsed card would take megabytes.
    assert peak - kept < 1024 * 1024


def test_a_card_with_only_a_web_address_names_no_one() -> None:
    result = read_vcards(card("URL:https://www.linkedin.com/in/someone", "ORG:Somewhere").encode())
    assert (result.cards, result.problems) == ([], [CardProblem(1, "no name, email or phone")])


def test_a_charset_holding_a_nul_is_read_as_no_charset() -> None:
    """Found by fuzzing: a NUL inside CHARSET= made the codec lookup raise ValueError."""
    found = read_one(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF\x00-8:Osei;Amara\r\nFN;CHARSET=UTF\x00-8:Amara Osei\r\n"
                     b"EMAIL:amara@accra.example\r\nEND:VCARD\r\n")
    assert found.name == "Amara Osei" and found.emails == ("amara@accra.example",)
