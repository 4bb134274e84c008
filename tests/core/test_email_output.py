"""The email-output code: messages, .eml files and mailto: links, checked by parsing them back."""

from __future__ import annotations

from datetime import date, datetime, timezone
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conference_app.core.errors import UserError
from conference_app.core.exporters import email_output
from conference_app.core.exporters.email_output import (
    Mailbox,
    PlainEmail,
    build_message,
    check_output_dir,
    eml_file_name,
    mailto_url,
    new_message_id,
    parse_address,
    unique_path,
    write_eml,
)

WRITTEN_AT = datetime(2026, 10, 10, 14, 5, tzinfo=timezone.utc)
BODY = "Dear Dr. Løvaas,\n\nI will be at your panel on Tuesday at 9:30 AM in Hall C.\n\nZoë Ångström\nPGY-3\n"


def mail(**changes: object) -> PlainEmail:
    values: dict[str, object] = {
        "sender": Mailbox("Zoë Ångström", "zoe@riverside.example"),
        "to": Mailbox("Dr. Björn Løvaas", "bjorn@fjord.example"),
        "subject": "PGY-3 at Riverside, interested in colorectal surgery: five minutes after your panel?",
        "body": BODY,
        "message_id": "<1234.5678@riverside.example>",
        "written_at": WRITTEN_AT,
    }
    values.update(changes)
    return PlainEmail(**values)  # type: ignore[arg-type]


def read_back(path: Path):
    with path.open("rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)


def test_eml_round_trip_keeps_headers_and_non_ascii_names(tmp_path: Path) -> None:
    path = write_eml(build_message(mail()), tmp_path / "draft.eml")
    parsed = read_back(path)
    assert parsed["X-Unsent"] == "1"
    assert parsed["From"].addresses[0].display_name == "Zoë Ångström"
    assert parsed["From"].addresses[0].addr_spec == "zoe@riverside.example"
    assert parsed["To"].addresses[0].display_name == "Dr. Björn Løvaas"
    assert parsed["Subject"] == mail().subject
    assert parsed["Message-ID"] == "<1234.5678@riverside.example>"
    assert parsed["Date"].datetime == WRITTEN_AT
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == BODY
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF line ends throughout
    assert "Ångström".encode() not in raw.split(b"\r\n\r\n")[0]  # headers are encoded, never raw UTF-8


def test_a_draft_without_recipient_has_no_to_header_and_a_sent_message_no_unsent_flag() -> None:
    draft = build_message(mail(to=Mailbox("Dr. Chen Wu", "")))
    assert draft["To"] is None
    assert draft["X-Unsent"] == "1"
    sent = build_message(mail(unsent=False))
    assert sent["X-Unsent"] is None


def test_a_subject_with_newlines_becomes_one_line() -> None:
    message = build_message(mail(subject="Hello\r\nBcc: everyone@example.org"))
    assert message["Subject"] == "Hello Bcc: everyone@example.org"
    assert message["Bcc"] is None


@pytest.mark.parametrize("bad", ["zoe at riverside", "zoe@@riverside.example", "zoe @riverside.example", "<>"])
def test_bad_addresses_are_a_user_error(bad: str) -> None:
    with pytest.raises(UserError, match="is not an email address"):
        parse_address(bad, "your profile's email")
    with pytest.raises(UserError, match="is not an email address"):
        build_message(mail(sender=Mailbox("Zoë", bad)))


def test_parse_address_accepts_a_bare_or_named_address() -> None:
    assert parse_address("  wu@harbor.example ", "x") == "wu@harbor.example"
    assert parse_address("Chen Wu <wu@harbor.example>", "x") == "wu@harbor.example"
    assert parse_address("", "x") == ""


def test_message_ids_are_unique_and_use_the_sender_domain() -> None:
    first, second = new_message_id("zoe@Riverside.example"), new_message_id("zoe@riverside.example")
    assert first != second
    assert first.startswith("<") and first.endswith("@riverside.example>")
    assert new_message_id("").endswith("@conference-companion.invalid>")


def test_file_names_are_readable_and_safe() -> None:
    name = eml_file_name(date(2026, 10, 17), "Dr. Zinnia Umberger", "Visiting your panel")
    assert name == "2026-10-17 Dr Zinnia Umberger - Visiting your panel.eml"
    hostile = eml_file_name(None, "../../etc/passwd", 'a/b\\c:d*e?f"g<h>i|j\x00k')
    assert "/" not in hostile and "\\" not in hostile and "\x00" not in hostile and ":" not in hostile
    assert not hostile.startswith(".")
    assert hostile == "etc passwd - a b c d e f g h i j k.eml"
    long_name = eml_file_name(date(2026, 1, 1), "Zoë Ångström " * 30, "x")
    assert len(long_name) <= 124 and long_name.endswith(".eml")
    assert eml_file_name(None, "CON", "") == "_CON.eml"


def test_unique_path_skips_names_taken_by_other_files(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_text("someone else's")
    assert unique_path(tmp_path, "a.eml") == tmp_path / "a (2).eml"
    assert unique_path(tmp_path, "a.eml", taken=[tmp_path / "a (2).eml"]) == tmp_path / "a (3).eml"
    assert unique_path(tmp_path, "a.eml", keep=tmp_path / "a.eml") == tmp_path / "a.eml"
    assert unique_path(tmp_path, "b.eml") == tmp_path / "b.eml"


def test_write_eml_replaces_atomically_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "draft.eml"
    path.write_bytes(b"old")
    write_eml(build_message(mail(subject="Second version")), path)
    assert read_back(path)["Subject"] == "Second version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.eml"]


def test_check_output_dir_names_a_missing_or_unwritable_folder(tmp_path: Path, monkeypatch) -> None:
    assert check_output_dir(tmp_path) == tmp_path
    with pytest.raises(UserError, match="missing-folder.*does not exist"):
        check_output_dir(tmp_path / "missing-folder")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(UserError, match="file.txt.*is not a folder"):
        check_output_dir(tmp_path / "file.txt")
    # permission bits do not stop root, so ask the check itself what it does without write access
    (tmp_path / "locked").mkdir()
    monkeypatch.setattr(email_output.os, "access", lambda path, mode: False)
    with pytest.raises(UserError, match="locked.*is not writable"):
        check_output_dir(tmp_path / "locked")


def test_mailto_url_round_trips_through_urllib() -> None:
    body = "Dear Dr. Løvaas,\n\n50% of us & more: a+b=c?\nZoë"
    url = mailto_url("bjorn@fjord.example", "Hello & welcome, Dr. Løvaas?", body)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "bjorn@fjord.example"
    fields = parse_qs(parts.query, strict_parsing=True)
    assert fields["subject"] == ["Hello & welcome, Dr. Løvaas?"]
    assert fields["body"] == [body.replace("\n", "\r\n")]
    assert " " not in url and "\n" not in url


def test_mailto_without_recipient_still_opens_a_message() -> None:
    url = mailto_url("", "Hi", "")
    assert url == "mailto:?subject=Hi"


def test_long_non_ascii_names_and_subjects_fold_and_read_back_exactly(tmp_path: Path) -> None:
    name = "Prof. Zoë Ångström-Nuñez de la Peña y Łukasiewicz-Øverland, MD, PhD, FACS, FRCS (Glasg)"
    subject = "PGY-2 from Universitätsklinikum Schleswig-Holstein – Follow-Up from Congrès Français de Chirurgie 2026"
    path = write_eml(build_message(mail(to=Mailbox(name, "zoe@fjord.example"), subject=subject)), tmp_path / "a.eml")
    raw = BytesParser(policy=policy.compat32).parsebytes(path.read_bytes())
    # decoded as RFC 2047 says: the space between two encoded words is not part of the text
    assert str(make_header(decode_header(raw["To"]))) == f"{name} <zoe@fjord.example>"
    assert str(make_header(decode_header(raw["Subject"]))) == subject
    header_lines = path.read_bytes().split(b"\r\n\r\n")[0].split(b"\r\n")
    assert max(len(line) for line in header_lines) <= 78
    assert all(line.isascii() for line in header_lines)


def test_a_name_with_a_line_break_or_quotes_cannot_add_a_header(tmp_path: Path) -> None:
    path = write_eml(build_message(mail(to=Mailbox('Eve "the boss"\r\nBcc: all@example.org', "eve@example.org"))),
                     tmp_path / "a.eml")
    parsed = read_back(path)
    assert parsed["Bcc"] is None
    assert parsed["To"].addresses[0].display_name == 'Eve "the boss" Bcc: all@example.org'
    assert parsed["To"].addresses[0].addr_spec == "eve@example.org"


@pytest.mark.parametrize(
    ("body", "encoding"),
    [
        ("Short ASCII lines.\nThank you.\n", "7bit"),
        ("A long ASCII paragraph " * 60 + "\n", "quoted-printable"),
        (BODY, "quoted-printable"),
    ],
)
def test_bodies_are_seven_bit_clean_and_read_back_exactly(tmp_path: Path, body: str, encoding: str) -> None:
    path = write_eml(build_message(mail(body=body)), tmp_path / "a.eml")
    raw = path.read_bytes()
    assert raw.isascii() and max(len(line) for line in raw.split(b"\r\n")) <= 78
    parsed = read_back(path)
    assert parsed["Content-Transfer-Encoding"] == encoding
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == body


@settings(max_examples=300, deadline=None)
@given(st.from_regex(email_output._DOT_ATOM_ADDRESS, fullmatch=True))
def test_every_address_the_quick_check_accepts_the_full_parser_accepts_unchanged(address: str) -> None:
    assert email_output._address(Mailbox("", address)).addr_spec == address


@pytest.mark.parametrize("address", ["postmaster@localhost", "x@[192.0.2.1]"])
def test_addresses_outside_the_quick_check_still_go_through_the_full_parser(address: str, tmp_path: Path) -> None:
    path = write_eml(build_message(mail(to=Mailbox("Someone", address))), tmp_path / "a.eml")
    raw = BytesParser(policy=policy.compat32).parsebytes(path.read_bytes())
    assert raw["To"] == f"Someone <{address}>"
