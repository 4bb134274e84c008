"""vCard files (2.1, 3.0, 4.0) and vCard texts from QR codes, read into `ContactDetails`.

The bytes go through a repair pass first (vcard_text.py: cards split by hand, folding and
quoted-printable undone, charsets decoded, only the properties we read kept), then vobject parses
each card on its own, so one broken card is reported by number while the rest import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import vobject
from vobject.base import Component, ContentLine

from conference_app.core.domain.people import ContactDetails, find_orcid, one_line
from conference_app.core.errors import InputFileError, UserError
from conference_app.core.importers.vcard_photo import PhotoProblem, photo_jpeg
from conference_app.core.importers.vcard_text import RawCard, iter_raw_cards

MAX_FILE_BYTES = 200 * 1024 * 1024
NO_CONTACT = "no name, email or phone"
NO_VCARD = "no BEGIN:VCARD line"

_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NEWLINES = re.compile(r"\r\n|\r")
_EMAIL = re.compile(r"[^@\s<>(),;:\"\\]+@[^@\s<>(),;:\"\\]+")
_TEL_EXTENSION = re.compile(r";ext=", re.IGNORECASE)


@dataclass(frozen=True)
class CardProblem:
    """A card that was skipped, or a warning about one that was kept."""

    card: int  # 1-based number of the card in the file
    reason: str  # one plain line


@dataclass(frozen=True)
class VcardReadResult:
    """The good cards of a file in file order, and what went wrong with the others."""

    cards: list[ContactDetails]
    problems: list[CardProblem]
    numbers: list[int]  # the 1-based card number of each entry of `cards`


def read_vcards(data: bytes) -> VcardReadResult:
    """Every readable card in `data`; broken cards become problems, never exceptions.

    Raises UserError only when the data holds no vCard at all.
    """
    return _read(_as_utf8_if_utf16(data), unicode_input=False)


def read_vcard_file(path: Path) -> VcardReadResult:
    """The cards of a .vcf file; an InputFileError naming the file when it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputFileError(path, "is a folder, not a vCard file")
        if size > MAX_FILE_BYTES:
            raise InputFileError(path, f"is too large for a vCard file ({size // (1024 * 1024)} MB; at most 200 MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        return read_vcards(data)
    except UserError:
        raise InputFileError(path, f"is not a vCard file ({NO_VCARD})") from None


def parse_vcard_text(text: str) -> ContactDetails:
    """The first card of a vCard text, such as a QR code holds; UserError if it cannot be used."""
    if not re.search(r"END\s*:\s*VCARD\s*$", text, re.IGNORECASE):
        text += "\r\nEND:VCARD\r\n"  # some QR generators leave the last line out
    result = _read(text.encode("utf-8"), unicode_input=True)
    if result.cards:
        return result.cards[0]
    reason = result.problems[0].reason if result.problems else NO_CONTACT
    raise UserError(f"the vCard cannot be used: {reason}")


def _read(data: bytes, *, unicode_input: bool) -> VcardReadResult:
    cards: list[ContactDetails] = []
    problems: list[CardProblem] = []
    numbers: list[int] = []
    found = False
    for raw in iter_raw_cards(data, unicode_input=unicode_input):
        found = True
        if raw.problem:
            problems.append(CardProblem(raw.number, raw.problem))
            continue
        try:
            details, warnings = _card_details(raw)
        except _UnreadableCard as error:
            problems.append(CardProblem(raw.number, str(error)))
            continue
        problems.extend(CardProblem(raw.number, warning) for warning in warnings)
        if details.is_empty:  # checked before the name fallback: a web address alone names no one
            problems.append(CardProblem(raw.number, NO_CONTACT))
            continue
        cards.append(details.with_name_fallback())
        numbers.append(raw.number)
    if not found:
        raise UserError(NO_VCARD)
    return VcardReadResult(cards, problems, numbers)


def _as_utf8_if_utf16(data: bytes) -> bytes:
    """Some Windows tools save vCards as UTF-16; everything after this works on ASCII-based bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace").encode("utf-8")
    return data


class _UnreadableCard(Exception):
    """vobject refused a card; str() is the reason."""


def _card_details(raw: RawCard) -> tuple[ContactDetails, list[str]]:
    """What a repaired card says, and warnings about it; _UnreadableCard when vobject refuses it."""
    warnings = list(raw.warnings)
    try:
        component = vobject.readOne(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{line}\r\n" for line in raw.lines) + "END:VCARD\r\n"
        )
    except Exception as error:  # vobject raises assorted errors on odd input; the card is reported, not the file
        raise _UnreadableCard(f"not valid vCard: {_first_line(error)}") from None
    properties = _Properties(component)
    emails = email_addresses(properties.values("EMAIL"))
    urls, orcid = urls_and_orcid(
        properties.values("URL") + properties.values("X-SOCIALPROFILE"), properties.orcid_values()
    )
    photo, photo_warning = _photo(raw)
    if photo_warning:
        warnings.append(photo_warning)
    details = ContactDetails(
        name=_name(properties),
        institution=_institution(properties.lines("ORG")),
        position=properties.first_text("TITLE") or properties.first_text("ROLE"),
        specialty=properties.first_text("X-SPECIALTY"),
        emails=emails,
        phones=_unique(phone_number(value) for value in properties.values("TEL")),
        urls=urls,
        orcid=orcid,
        note=_note(properties.values("NOTE"), _addresses(properties)),
        photo=photo,
    )
    return details, warnings


class _Properties:
    """A parsed card's properties by name, with 4.0 ALTID alternatives reduced to the first."""

    def __init__(self, component: Component) -> None:
        self._by_name: dict[str, list[ContentLine]] = {}
        seen_altids: set[tuple[str, str]] = set()
        for line in component.getChildren():
            name = line.name.upper()
            altid = line.params.get("ALTID", [""])[0]
            if altid:
                if (name, altid) in seen_altids:
                    continue  # the same value in another language or form
                seen_altids.add((name, altid))
            self._by_name.setdefault(name, []).append(line)

    def lines(self, name: str) -> list[ContentLine]:
        return self._by_name.get(name, [])

    def values(self, name: str) -> list[str]:
        return [line.value for line in self.lines(name) if isinstance(line.value, str)]

    def first_text(self, name: str) -> str:
        """The first non-empty value, on one line."""
        return next((text for text in map(one_line, self.values(name)) if text), "")

    def orcid_values(self) -> list[str]:
        return [value for name, lines in self._by_name.items() if "ORCID" in name for value in self.values(name)]


def _name(properties: _Properties) -> str:
    """FN, else the name put together from N."""
    full = properties.first_text("FN")
    if full:
        return full
    for line in properties.lines("N"):
        parts = [
            _joined(getattr(line.value, part, "")) for part in ("prefix", "given", "additional", "family", "suffix")
        ]
        composed = full_name(*parts)
        if composed:
            return composed
    return ""


def full_name(prefix: str, given: str, additional: str, family: str, suffix: str) -> str:
    """A name from its parts, in the order its script uses: "Dr. Jane Q. Smith", but "山田太郎"."""
    if family and _CJK.search(family + given):
        return family + given
    return " ".join(part for part in (prefix, given, additional, family, suffix) if part)


def _joined(part: object) -> str:
    """A structured-name part, which vobject gives as a string or a list of strings."""
    pieces = part if isinstance(part, list) else [part]
    return " ".join(text for text in (one_line(str(piece)) for piece in pieces) if text)


def _institution(lines: list[ContentLine]) -> str:
    """The organisation and its units from the first non-empty ORG, outermost first: "IBM, Accounting"."""
    for line in lines:
        components = line.value if isinstance(line.value, list) else [line.value]
        units = _unique(_joined(component) for component in components)
        if units:
            return ", ".join(units)
    return ""


def email_addresses(values: Iterable[str]) -> tuple[str, ...]:
    """Addresses with the domain in lower case, each once; a value that is not one address is left out."""
    found: list[str] = []
    for value in values:
        address = one_line(value)
        if address.lower().startswith("mailto:"):
            address = address[len("mailto:") :]
        if not _EMAIL.fullmatch(address):
            continue
        local, _, domain = address.partition("@")
        address = f"{local}@{domain.lower()}"
        if address.lower() not in (known.lower() for known in found):
            found.append(address)
    return tuple(found)


def phone_number(value: str) -> str:
    """A number as written; a 4.0 tel: URI as a person would write it."""
    text = one_line(value)
    if text.lower().startswith("tel:"):
        text = _TEL_EXTENSION.sub(" ext. ", text[len("tel:") :])
    return text


def urls_and_orcid(url_values: Iterable[str], orcid_values: Iterable[str] = ()) -> tuple[tuple[str, ...], str]:
    """The card's web addresses, and its ORCID iD: an orcid.org address becomes the iD, not a URL."""
    orcid = next((found for found in map(find_orcid, orcid_values) if found), "")
    urls: list[str] = []
    for value in url_values:
        url = one_line(value)
        in_url = find_orcid(url) if "orcid.org" in url.lower() else ""
        if in_url and (not orcid or in_url == orcid):
            orcid = in_url
            continue
        urls.append(url)
    return _unique(urls), orcid


def _note(values: list[str], addresses: Iterable[str]) -> str:
    """The card's notes, then its postal addresses, which have no field of their own."""
    notes = [_NEWLINES.sub("\n", value).strip() for value in values]
    return "\n".join([note for note in notes if note] + list(addresses))


def _addresses(properties: _Properties) -> tuple[str, ...]:
    """Each postal address on one line, as "Work address: …": the printed LABELs, else the ADRs.

    Outlook writes both for one address, and its LABEL keeps accents its ADR has lost.
    """
    labels = properties.lines("LABEL")
    lines = labels or properties.lines("ADR")
    found: list[str] = []
    for line in lines:
        text = ", ".join(_unique(_address_pieces(line.value)))
        if text:
            found.append(f"{_address_kind(line)}: {text}")
    return _unique(found)


def _address_pieces(value: object) -> Iterable[str]:
    """The lines of a LABEL, or the fields of an ADR (a street may span lines), without stray commas."""
    if isinstance(value, str):
        fields: list[object] = [value]
    else:
        fields = [
            getattr(value, part, "") for part in ("box", "extended", "street", "city", "region", "code", "country")
        ]
    for field in fields:
        for text in field if isinstance(field, list) else [field]:
            for piece in str(text).splitlines():
                yield one_line(piece).strip(" ,;")


def _address_kind(line: ContentLine) -> str:
    types = {t.upper() for value in line.params.get("TYPE", []) for t in value.split(",")}
    types |= {t.upper() for t in line.singletonparams}
    if "WORK" in types:
        return "Work address"
    if "HOME" in types:
        return "Home address"
    return "Address"


def _photo(raw: RawCard) -> tuple[bytes | None, str]:
    """The first usable photo of the card, and a warning when there were photos but none was usable."""
    problem = ""
    while raw.photos:
        photo = raw.photos.pop(0)  # let each blob go as soon as it has been tried
        try:
            jpeg = photo_jpeg(photo)
        except PhotoProblem as error:
            problem = problem or f"photo dropped: {error}"
            continue
        if jpeg is not None:
            raw.photos.clear()
            return jpeg, ""
    return None, problem


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """The non-empty values, each once, in order."""
    return tuple(dict.fromkeys(value for value in values if value))


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
