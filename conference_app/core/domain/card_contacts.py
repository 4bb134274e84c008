"""Emails, phone numbers and web addresses in one line of a card's text, and what is left of the line.

A card prints its contact details with labels ("Tel", "E:", "Fax") and separators ("|", "•"), and
a photo's reading adds stray spaces (`amara @lakeshore.edu`). `contacts_in_line` finds each
address or number, validates it (email-validator, phonenumbers) and returns the words that are
not contact details, so that the name, position and institution can be picked from those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from conference_app.core.domain.contact_matching import DEFAULT_PHONE_REGION
from conference_app.core.domain.people import ORCID_PATTERN

# Parts of a line set apart by a printed separator, a slash between spaces, or a wide gap.
SEPARATORS = re.compile(r"\s+[|•·/]\s+|\s*[|•·]\s*|\s{3,}")
_EMAIL = re.compile(r"[\w.+'-]+ ?@ ?[\w-]+(?:\.[\w-]+)+")
_WEB = re.compile(
    r"(?:https?://|www\.)[^\s,;]+"
    r"|(?:[a-z]{2,3}\.)?linkedin\.com/[^\s,;]+|orcid\.org/[^\s,;]+|(?:x|twitter)\.com/[^\s,;]+|doi\.org/[^\s,;]+",
    re.IGNORECASE,
)
# A bare domain (lakeshore.edu, ucl.ac.uk, lakeshore-med.example/okafor): lower case as printed, so that
# "M.Sc" or "Ph.D" is never taken for one.
_BARE_DOMAIN = re.compile(r"(?<![\w@.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.([a-z]{2,12})\b(/[^\s,;]*)?")
_COMMON_TLDS = frozenset("com org net edu gov info health hospital io med example".split())
_LINKEDIN_HANDLE = re.compile(r"\blinked ?in\s*[:/-]?\s*(?:in/)?([\w-]{3,100})", re.IGNORECASE)
_X_HANDLE = re.compile(r"(?:(?<![\w@.])@|\b(?:x|twitter)\s*[:-]\s*@?)([A-Za-z0-9_]{1,15})\b", re.IGNORECASE)
# The label before a number or address, and "Fax", whose numbers are not for calling.
_LABELS = (
    r"e-?mail|mail|e|tel(?:ephone)?|phone|ph|t|mobile|mob|cell(?:ular)?|m|office|off|o|direct|dir|d|work|w|"
    r"pager|p|fax|f|web(?:site)?|url|internet|x|twitter|linked ?in|orcid(?: ?id| ?i[dD])?|in|and|or"
)
_ONLY_LABELS = re.compile(rf"(?:(?:{_LABELS})\b\.?\s*[:.#-]?\s*)*", re.IGNORECASE)
_FAX = re.compile(r"\b(?:fax|f)\b\s*[:.]?\s*[+(\d]", re.IGNORECASE)


@dataclass(frozen=True)
class LineContacts:
    """What one line holds: contact details found in it, and its other words in order."""

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    rest: tuple[str, ...] = ()  # the parts of the line that are not contact details or their labels


def contacts_in_line(line: str, region: str = DEFAULT_PHONE_REGION) -> LineContacts:
    """The emails, phone numbers and web addresses in a line, and the parts of it that are none of these."""
    emails: list[str] = []
    phones: list[str] = []
    urls: list[str] = []
    rest: list[str] = []
    for part in SEPARATORS.split(line):
        part = part.strip()
        if not part:
            continue
        part = _take(_EMAIL, part, lambda m: _email(m.group(0)), emails)
        part = _take(_WEB, part, lambda m: _web_address(m.group(0)), urls)
        part = _take(ORCID_PATTERN, part, lambda m: f"https://orcid.org/{m.group(1).upper()}", urls)
        part = _take(_LINKEDIN_HANDLE, part, lambda m: f"https://www.linkedin.com/in/{m.group(1)}", urls)
        part = _take(_X_HANDLE, part, lambda m: f"https://x.com/{m.group(1)}", urls)
        part = _take(_BARE_DOMAIN, part, _bare_domain, urls)
        part = _take_phones(part, region, phones)
        left = " ".join(part.split()).strip(" ,;:-")
        if left and not _ONLY_LABELS.fullmatch(left):
            rest.append(left)
    return LineContacts(tuple(emails), tuple(phones), tuple(urls), tuple(rest))


def _take(pattern: re.Pattern[str], text: str, accept: Callable[[re.Match[str]], str], found: list[str]) -> str:
    """Move every match `accept` turns into a value (not "") from `text` to `found`; return the text left."""
    kept: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        value = accept(match)
        if not value:
            continue
        kept.append(text[position : match.start()])
        position = match.end()
        if value not in found:
            found.append(value)
    kept.append(text[position:])
    return " ".join(kept)


def _email(candidate: str) -> str:
    """The address as email-validator normalises it, or "" when it is not a valid address."""
    from email_validator import EmailNotValidError, validate_email

    text = candidate.replace(" ", "").rstrip(".")
    try:
        # Syntax only: deliverability would look the domain up on the network.
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return ""


def _web_address(text: str) -> str:
    text = text.rstrip(".,;:)")
    return text if re.match(r"https?://", text, re.IGNORECASE) else "https://" + text


def _bare_domain(match: re.Match[str]) -> str:
    top_level, path = match.group(1), match.group(2)
    if path or top_level in _COMMON_TLDS or len(top_level) == 2:
        return _web_address(match.group(0))
    return ""


def _take_phones(text: str, region: str, found: list[str]) -> str:
    """Move the phone numbers in `text` to `found`, written the international way; a fax number is dropped."""
    if sum(ch.isdigit() for ch in text) < 6:
        return text
    import phonenumbers

    kept: list[str] = []
    position = 0
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
        before = text[position : match.start]
        kept.append(before)
        position = match.end
        if _FAX.search(before[-12:] + match.raw_string):
            continue
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if number not in found:
            found.append(number)
    kept.append(text[position:])
    return " ".join(kept)
