"""What the text of a scanned QR code is: a contact card, a web address, an email, a phone, or text.

`classify_payload` never raises: a camera sees all kinds of codes (tickets, posters, Wi-Fi
passwords), and anything not understood becomes plain text the user can keep as a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from conference_app.core.domain.people import ContactDetails, find_orcid, one_line
from conference_app.core.errors import UserError
from conference_app.core.importers.vcard import (
    email_addresses,
    full_name,
    parse_vcard_text,
    phone_number,
    urls_and_orcid,
)

_VCARD_START = re.compile(r"\s*BEGIN\s*:\s*VCARD", re.IGNORECASE)
# A MECARD-style field: everything up to an unescaped ';'.
_FIELD = re.compile(r"(?:\\.|[^\\;])+", re.DOTALL)
_NAME_PART = re.compile(r"(?:\\.|[^\\,])+", re.DOTALL)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+")
_PHONE = re.compile(r"\+?[\d\s().\-/]+")
_WEB_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_BARE_SITE = re.compile(
    r"(?:www\.|(?:[a-z]{2,3}\.)?linkedin\.com/|orcid\.org/|(?:dx\.)?doi\.org/|x\.com/|twitter\.com/)\S+", re.IGNORECASE
)
_DOI = re.compile(r"doi:\s*(10\.\d{4,9}/\S+)", re.IGNORECASE)
_BARE_ORCID = re.compile(r"(?:orcid:?\s*)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
_SITES = (
    ("linkedin", ("linkedin.com", "lnkd.in")),
    ("orcid", ("orcid.org",)),
    ("doi", ("doi.org",)),
    ("x", ("x.com", "twitter.com")),
)


@dataclass(frozen=True)
class ScannedCode:
    """A decoded QR code: its kind, its raw text, its fields (JSON-ready) and the details it prefills."""

    kind: str  # "vcard" | "mecard" | "url" | "email" | "tel" | "text"
    text: str  # the raw decoded text
    fields: dict[str, object]
    details: ContactDetails


def classify_payload(text: str) -> ScannedCode:
    """What a QR code's text is, and the contact details it gives; never raises."""
    cleaned = text.strip().lstrip("\ufeff").strip()
    for reader in (_card, _bookmark, _email, _tel, _url, _bare_email, _bare_phone):
        code = reader(text, cleaned)
        if code is not None:
            return code
    return _plain_text(text)


def parse_mecard(text: str) -> ContactDetails:
    """The contact in a MECARD (MECARD:N:Doe,John;TEL:…;EMAIL:…;;) with its backslash escapes undone.

    N "Last,First" becomes "First Last". Raises UserError when the text is not a MECARD or names
    no one (no name, email or phone).
    """
    body = text.strip().lstrip("\ufeff")
    if body[:7].upper() != "MECARD:":
        raise UserError("not a MECARD (it does not start with MECARD:)")
    raw = _fields(body[7:])
    fields = {key: [_unescape(value) for value in values] for key, values in raw.items()}
    urls, orcid = urls_and_orcid(fields.get("URL", []))
    notes = [note.strip() for note in fields.get("NOTE", []) if note.strip()]
    notes += [f"Address: {one_line(address)}" for address in fields.get("ADR", []) if one_line(address)]
    phones = (phone_number(value) for value in fields.get("TEL", []) + fields.get("TEL-AV", []))
    details = ContactDetails(
        name=next((name for name in map(_mecard_name, raw.get("N", [])) if name), ""),
        institution=_first_line_of(fields.get("ORG", [])),
        position=_first_line_of(fields.get("TITLE", [])),
        emails=email_addresses(fields.get("EMAIL", [])),
        phones=tuple(dict.fromkeys(phone for phone in phones if phone)),
        urls=urls,
        orcid=orcid,
        note=_CONTROL.sub("", "\n".join(notes)),
    )
    if details.is_empty:
        raise UserError("the MECARD has no name, email or phone")
    return details.with_name_fallback()


def _fields(body: str) -> dict[str, list[str]]:
    """KEY → raw values (escapes kept) of a MECARD-style body, keys in upper case."""
    fields: dict[str, list[str]] = {}
    for match in _FIELD.finditer(body):
        key, colon, value = match.group().partition(":")
        if colon and key.strip():
            fields.setdefault(key.strip().upper(), []).append(value)
    return fields


def _unescape(value: str) -> str:
    return _ESCAPED.sub(r"\1", value)


def _first_line_of(values: list[str]) -> str:
    return next((text for text in map(one_line, values) if text), "")


def _mecard_name(value: str) -> str:
    """N:Last,First → "First Last" (family name first in CJK scripts)."""
    parts = [one_line(_unescape(part)) for part in _NAME_PART.findall(value)]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return parts[0] if parts else ""
    return full_name("", " ".join(parts[1:]), "", parts[0], "")


def _card(text: str, cleaned: str) -> ScannedCode | None:
    if _VCARD_START.match(cleaned):
        kind, parse = "vcard", parse_vcard_text
    elif cleaned[:7].upper() == "MECARD:":
        kind, parse = "mecard", parse_mecard
    else:
        return None
    try:
        details = parse(cleaned)
    except UserError:
        return None
    return ScannedCode(kind, text, _card_fields(details), details)


def _card_fields(details: ContactDetails) -> dict[str, object]:
    fields: dict[str, object] = {
        "name": details.name,
        "institution": details.institution,
        "position": details.position,
        "emails": list(details.emails),
        "phones": list(details.phones),
        "urls": list(details.urls),
        "orcid": details.orcid,
        "note": details.note,
    }
    return {key: value for key, value in fields.items() if value}


def _bookmark(text: str, cleaned: str) -> ScannedCode | None:
    """MEBKM:TITLE:…;URL:…;; and URLTO:title:url, the bookmark forms of a web address."""
    upper = cleaned[:6].upper()
    if upper == "MEBKM:":
        url = next((_unescape(u).strip() for u in _fields(cleaned[6:]).get("URL", []) if u.strip()), "")
    elif upper == "URLTO:":
        rest = cleaned[6:].strip()
        _title, colon, after = rest.partition(":")
        url = rest if _web_address(rest) or not colon else after.strip()
    else:
        return None
    address = _web_address(url)
    return _url_code(text, address) if address else None


def _url(text: str, cleaned: str) -> ScannedCode | None:
    address = _web_address(cleaned)
    return _url_code(text, address) if address else None


def _web_address(value: str) -> str:
    """The value as a web address with a scheme, or "" when it is not one on its own."""
    if _WEB_URL.fullmatch(value):
        return value
    doi = _DOI.fullmatch(value)
    if doi:
        return f"https://doi.org/{doi.group(1)}"
    orcid = _BARE_ORCID.fullmatch(value)
    if orcid:
        return f"https://orcid.org/{orcid.group(1).upper()}"
    if _BARE_SITE.fullmatch(value):
        return "https://" + value
    return ""


def _url_code(text: str, url: str) -> ScannedCode:
    site = _site(url)
    orcid = find_orcid(url) if site == "orcid" else ""
    details = ContactDetails(orcid=orcid) if orcid else ContactDetails(urls=(url,))
    return ScannedCode("url", text, {"url": url, "site": site}, details)


def _site(url: str) -> str:
    """linkedin, orcid, doi or x for those sites' addresses, web for any other."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "web"
    for site, domains in _SITES:
        if any(host == domain or host.endswith("." + domain) for domain in domains):
            return site
    return "web"


def _email(text: str, cleaned: str) -> ScannedCode | None:
    """mailto: links and DoCoMo MATMSG:TO:…; messages."""
    lower = cleaned[:7].lower()
    if lower == "mailto:":
        candidates = unquote(cleaned[7:].split("?", 1)[0]).split(",")
    elif lower == "matmsg:":
        candidates = [_unescape(v) for v in _fields(cleaned[7:]).get("TO", [])]
    else:
        return None
    addresses = email_addresses(candidates)
    return _email_code(text, addresses[0]) if addresses else None


def _bare_email(text: str, cleaned: str) -> ScannedCode | None:
    if not _EMAIL.fullmatch(cleaned):
        return None
    addresses = email_addresses([cleaned])
    return _email_code(text, addresses[0]) if addresses else None


def _email_code(text: str, address: str) -> ScannedCode:
    return ScannedCode("email", text, {"email": address}, ContactDetails(emails=(address,)))


def _tel(text: str, cleaned: str) -> ScannedCode | None:
    """tel: links, and the number of sms:/smsto: links."""
    scheme, colon, rest = cleaned.partition(":")
    if not colon or scheme.lower() not in ("tel", "sms", "smsto"):
        return None
    number = unquote(rest).split(":", 1)[0].split("?", 1)[0]
    phone = phone_number("tel:" + number) if scheme.lower() == "tel" else one_line(number)
    return _tel_code(text, phone) if _digit_count(phone) >= 3 else None


def _bare_phone(text: str, cleaned: str) -> ScannedCode | None:
    """A number that looks dialled, not an id: 7 to 15 digits, and a +, a leading 0 or separators.

    Badges often hold a bare registration number, which must stay text.
    """
    if not _PHONE.fullmatch(cleaned) or not 7 <= _digit_count(cleaned) <= 15:
        return None
    if not (cleaned[0] in "+0(" or any(sep in cleaned for sep in " -./()")):
        return None
    return _tel_code(text, one_line(cleaned))


def _tel_code(text: str, phone: str) -> ScannedCode:
    return ScannedCode("tel", text, {"phone": phone}, ContactDetails(phones=(phone,)))


def _digit_count(value: str) -> int:
    return sum(char.isdigit() for char in value)


def _plain_text(text: str) -> ScannedCode:
    """Anything else, kept as a note, without control characters a text field would choke on."""
    note = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return ScannedCode("text", text, {}, ContactDetails(note=note))
