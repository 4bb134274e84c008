"""Emails the app writes: RFC 5322 messages, .eml draft files and mailto: links.

Every kind of email (outreach before the conference, follow-ups after it) goes through here, so
headers, encodings and file handling are right in one place. Messages are built with the standard
`email` package, never by pasting strings together.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.message import Message
from email.utils import format_datetime, formataddr, make_msgid
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from conference_app.core.errors import UserError
from conference_app.core.exporters import atomic_file

# .eml files carry CRLF line ends like mail on the wire; every mail program opens them.
EML_POLICY = policy.compat32.clone(linesep="\r\n")
_PLAIN_LINE = 76  # longer lines, or any non-ASCII, make the body quoted-printable
_PLAIN_BODY, _QUOTED_BODY = Charset("utf-8"), Charset("utf-8")
_PLAIN_BODY.body_encoding = None  # type: ignore[assignment]  # "7bit": charset.py's documented None, not in typeshed
_QUOTED_BODY.body_encoding = QP
_HEADER_WORDS = Charset("utf-8")
_HEADER_WORDS.header_encoding = BASE64  # measuring "Q" words costs time quadratic in the text; "B" words are as valid
MESSAGE_ID_DOMAIN = "conference-companion.invalid"  # used when the sender has no address of their own
MAX_NAME_LENGTH = 120  # characters before ".eml"; well under every file system's limit
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
# RFC 5322 dot-atom local part @ a host name: a subset of valid addresses, each of them valid.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOT_ATOM_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+", re.ASCII)
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@dataclass(frozen=True)
class Mailbox:
    """A person's display name and address; the address may be empty (not known yet)."""

    name: str
    address: str = ""


@dataclass(frozen=True)
class PlainEmail:
    """What a message says, before it becomes headers and bytes."""

    sender: Mailbox
    to: Mailbox
    subject: str
    body: str
    message_id: str
    written_at: datetime
    unsent: bool = True  # a draft the user opens, checks and sends from their own mail program


def parse_address(text: str, what: str) -> str:
    """The bare address in `text` ("a@b.org" or "Name <a@b.org>"), or a UserError naming `what`."""
    text = text.strip()
    if not text:
        return ""
    try:
        address = _address(Mailbox("", _bare(text)))
    except UserError:
        raise UserError(f"{what} {text!r} is not an email address") from None
    return address.addr_spec


def _bare(text: str) -> str:
    match = re.fullmatch(r"[^<>]*<([^<>]+)>\s*", text)
    return (match.group(1) if match else text).strip()


def _address(mailbox: Mailbox) -> Address:
    if mailbox.address.count("@") != 1 or any(c.isspace() for c in mailbox.address):
        raise UserError(f"{mailbox.address!r} is not an email address")
    try:
        return Address(display_name=mailbox.name.strip(), addr_spec=mailbox.address)
    except (HeaderParseError, ValueError, IndexError):
        raise UserError(f"{mailbox.address!r} is not an email address") from None


def new_message_id(sender_address: str = "") -> str:
    """A fresh, globally unique Message-ID; stored with the message so rewriting it keeps the same id."""
    domain = sender_address.rpartition("@")[2].strip().lower() if "@" in sender_address else ""
    if not re.fullmatch(r"[a-z0-9.-]+", domain or "-"):
        domain = MESSAGE_ID_DOMAIN
    return make_msgid(domain=domain or MESSAGE_ID_DOMAIN)


def build_message(mail: PlainEmail) -> Message:
    """An RFC 5322 message with a plain-text UTF-8 body, 7-bit clean.

    Built with the email package's compat32 classes: headers are given already encoded
    (RFC 2047 for non-ASCII names and subjects), so nothing is parsed back, which makes a
    batch of a thousand several times faster than through the header registry. A body that
    is not plain short-lined ASCII is quoted-printable, which every server and mail program
    reads. Headers without an address (a speaker whose email is unknown) are left out rather
    than written empty, so the user's mail program asks for them.
    """
    body = _normalise_newlines(mail.body).rstrip("\n") + "\n"
    plain = body.isascii() and all(len(line) <= _PLAIN_LINE for line in body.split("\n"))
    message: Message[str, str | Header] = Message()
    message["MIME-Version"] = "1.0"
    message.set_payload(body, _PLAIN_BODY if plain else _QUOTED_BODY)  # sets Content-Type and its encoding
    if mail.sender.address:
        message["From"] = _mailbox_header("From", mail.sender)
    if mail.to.address:
        message["To"] = _mailbox_header("To", mail.to)
    subject = _one_line(mail.subject)
    message["Subject"] = subject if subject.isascii() else Header(subject, _HEADER_WORDS, header_name="Subject")
    message["Date"] = format_datetime(_aware(mail.written_at))
    message["Message-ID"] = _one_line(mail.message_id)
    if mail.unsent:
        message["X-Unsent"] = "1"  # mail programs open the file as a draft to edit and send
    return message


def _mailbox_header(field: str, mailbox: Mailbox) -> str | Header:
    """`Name <address>`: the address checked, the name quoted or RFC 2047-encoded (in words short
    enough to fold) as it needs."""
    address, name = _checked_address(mailbox.address), _one_line(mailbox.name)
    if name.isascii():
        return formataddr((name, address))
    header = Header(name, _HEADER_WORDS, header_name=field)
    header.append(f"<{address}>", "us-ascii")
    return header


@lru_cache(maxsize=4096)
def _checked_address(address: str) -> str:
    """The address as it goes in a header, or a UserError. Plain dot-atom addresses (nearly all)
    are recognised at once; anything else goes through the email package's full parser."""
    if _DOT_ATOM_ADDRESS.fullmatch(address):
        return address
    return _address(Mailbox("", address)).addr_spec


def message_bytes(message: Message) -> bytes:
    """The message as it is stored in an .eml file."""
    return message.as_bytes(policy=EML_POLICY)


def check_output_dir(folder: Path) -> Path:
    """The folder to write into, or a UserError naming it when it is missing or not writable."""
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise UserError(f"folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise UserError(f"{str(folder)!r} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"folder {str(folder)!r} is not writable")
    return folder


def eml_file_name(day: date | None, person: str, subject: str) -> str:
    """A readable file name: "2026-10-17 Dr Zinnia Umberger - Visiting your panel.eml".

    Only characters every common file system accepts; no path separators; never hidden.
    """
    parts = [day.isoformat()] if day else []
    parts.append(_clean_name_part(person) or "Unnamed")
    stem = " ".join(parts)
    topic = _clean_name_part(subject)
    if topic:
        stem = f"{stem} - {topic}"
    stem = stem[:MAX_NAME_LENGTH].rstrip(" .-")
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem}.eml"


def _clean_name_part(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE_IN_NAME.sub(" ", text.replace(".", " ").replace(",", " "))
    return _SPACES.sub(" ", text).strip(" .-")


def unique_path(folder: Path, file_name: str, taken: Collection[Path] = (), keep: Path | None = None) -> Path:
    """`folder/file_name`, or with " (2)", " (3)"... when that name is used by another file.

    `keep` is this message's own earlier file: reusing it is not a clash. `taken` are paths
    already chosen in this batch (pass a set: a batch of a thousand stays linear).
    """
    taken_set = taken if isinstance(taken, (set, frozenset)) else {Path(p) for p in taken}
    candidate = folder / file_name
    stem, suffix = Path(file_name).stem, Path(file_name).suffix
    number = 1
    while candidate in taken_set or (candidate.exists() and candidate != keep):
        number += 1
        candidate = folder / f"{stem} ({number}){suffix}"
    return candidate


def write_eml(message: Message, path: Path) -> Path:
    """Write the message atomically: a reader never sees half a file, a failure leaves the old one."""
    atomic_file.write_atomically(path, message_bytes(message))
    return path


def write_emls(messages: list[tuple[Message, Path]]) -> None:
    """Write a batch of messages, each file whole or not at all, flushed to the disk together."""
    atomic_file.write_all_atomically([(path, message_bytes(message)) for message, path in messages])


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068) that opens a new message in the user's mail program."""
    recipient = quote(to.strip(), safe="@")
    fields = [("subject", _one_line(subject)), ("body", _normalise_newlines(body).replace("\n", "\r\n"))]
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in fields if value)
    return f"mailto:{recipient}" + (f"?{query}" if query else "")


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
