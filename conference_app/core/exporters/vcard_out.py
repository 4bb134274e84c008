"""People written as vCard 3.0 (for files and other apps) and as MECARD (for compact QR codes).

Every value is escaped, and every kind of line break in it becomes the two characters "\\n", so no
value, whatever it holds, can start a property of its own (a name ending in "\\r\\nBCC:…" stays
part of the name).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

from nameparser import HumanName

from conference_app.core.domain.people import ContactDetails, one_line

FOLD_OCTETS = 75  # RFC 2426: lines longer than this are folded
ORCID_URL = "https://orcid.org/{}"

# Everything a reader might take for the end of a line, str.splitlines() included.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Other control characters have no place in a card.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_VCARD_SPECIAL = re.compile(r"([\\,;])")
_MECARD_SPECIAL = re.compile(r"([\\;:,])")


def vcard_text(details: ContactDetails) -> str:
    """One vCard 3.0: CRLF line ends, folded at 75 octets, ready to encode as UTF-8."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:" + _text(details.name), "N:" + _structured_name(details.name)]
    lines += _property("ORG", details.institution)
    lines += _property("TITLE", details.position)
    lines += _property("X-SPECIALTY", details.specialty)
    lines += [f"EMAIL;TYPE=INTERNET:{_text(email)}" for email in details.emails if one_line(email)]
    lines += [f"TEL:{_text(phone)}" for phone in details.phones if one_line(phone)]
    lines += [f"URL:{_text(url)}" for url in _urls(details)]
    if details.note.strip():
        lines.append("NOTE:" + _escape(details.note.strip()))
    if details.photo:
        lines.append("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(details.photo).decode("ascii"))
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def vcards_text(people: Iterable[ContactDetails]) -> str:
    """Several people as one .vcf text, one card after the other."""
    return "".join(vcard_text(details) for details in people)


def mecard_text(details: ContactDetails) -> str:
    """A compact MECARD (name, phones, emails, web addresses, organisation, title, note) for a QR code.

    The name is written "Last,First" as the format asks; the photo is left out.
    """
    fields: list[str] = []
    if one_line(details.name):
        fields.append("N:" + _mecard_name(details.name))
    fields += [f"TEL:{_mecard(phone)}" for phone in details.phones if one_line(phone)]
    fields += [f"EMAIL:{_mecard(email)}" for email in details.emails if one_line(email)]
    fields += [f"URL:{_mecard(url)}" for url in _urls(details)]
    fields += [
        f"{key}:{_mecard(value)}"
        for key, value in (("ORG", details.institution), ("TITLE", details.position))
        if one_line(value)
    ]
    if details.note.strip():
        fields.append(
            "NOTE:" + _mecard(_LINE_BREAKS.sub("\n", _CONTROL.sub("", details.note.strip())), keep_lines=True)
        )
    return "MECARD:" + "".join(field + ";" for field in fields) + ";"


def _property(name: str, value: str) -> list[str]:
    text = _text(value)
    return [f"{name}:{text}"] if text else []


def _text(value: str) -> str:
    """A one-line field, escaped."""
    return _escape(one_line(value))


def _escape(value: str) -> str:
    """RFC 2426 escaping: backslash, comma and semicolon; any line break becomes "\\n"."""
    escaped = _VCARD_SPECIAL.sub(r"\\\1", _CONTROL.sub("", value))
    return _LINE_BREAKS.sub(r"\\n", escaped)


def _structured_name(name: str) -> str:
    """N (family;given;additional;prefix;suffix) as `nameparser` splits the full name."""
    text = one_line(name)
    if not text:
        return ";;;;"
    parsed = HumanName(text)
    parts = (parsed.last, parsed.first, parsed.middle, parsed.title, parsed.suffix)
    return ";".join(_escape(one_line(part)) for part in parts)


def _urls(details: ContactDetails) -> list[str]:
    """The web addresses, each once, with the ORCID iD as its orcid.org address."""
    urls = [one_line(url) for url in details.urls if one_line(url)]
    if details.orcid and not any(details.orcid.upper() in url.upper() for url in urls):
        urls.append(ORCID_URL.format(details.orcid.upper()))
    return list(dict.fromkeys(urls))


def _fold(line: str) -> str:
    """The line folded so no physical line exceeds 75 octets, never inside a UTF-8 sequence."""
    raw = line.encode("utf-8")
    if len(raw) <= FOLD_OCTETS:
        return line
    pieces: list[bytes] = []
    start, room = 0, FOLD_OCTETS
    while len(raw) - start > room:
        cut = start + room
        while raw[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        pieces.append(raw[start:cut])
        start, room = cut, FOLD_OCTETS - 1  # the leading space of a continuation counts
    pieces.append(raw[start:])
    return "\r\n ".join(piece.decode("utf-8") for piece in pieces)


def _mecard(value: str, keep_lines: bool = False) -> str:
    text = value if keep_lines else one_line(_CONTROL.sub("", value))
    return _MECARD_SPECIAL.sub(r"\\\1", text)


def _mecard_name(name: str) -> str:
    """ "Last,First": family name and suffix before the comma, title and given names after it.

    A one-word name is written alone.
    """
    text = one_line(name)
    parsed = HumanName(text)
    last = one_line(f"{parsed.last} {parsed.suffix}")
    given = one_line(f"{parsed.title} {parsed.first} {parsed.middle}")
    if not (parsed.last and given):
        return _mecard(text)
    return f"{_mecard(last)},{_mecard(given)}"
