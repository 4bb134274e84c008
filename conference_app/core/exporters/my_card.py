"""The user's own contact card, built from their profile, to show as a QR code or share as a file.

The card says who the user is and how to reach them: name, stage (as the title), institution,
email, phone, and links to LinkedIn, ORCID and X. Never a photo: it would not fit in a code a
phone can read from across a poster board.
"""

from __future__ import annotations

import re

from conference_app.core.domain.people import ContactDetails, find_orcid, one_line
from conference_app.core.domain.planning import ProfileData
from conference_app.core.errors import UserError
from conference_app.core.exporters.vcard_out import mecard_text, vcard_text

NO_NAME = "fill in your name in your profile first"

_WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)
_X_PROFILE_URL = re.compile(r"(?:^|[/.])(?:x|twitter)\.com/@?([A-Za-z0-9_]+)", re.IGNORECASE)
_X_HANDLE = re.compile(r"^@?([A-Za-z0-9_]+)$")


def my_card_details(profile: ProfileData) -> ContactDetails:
    """The profile as a contact: stage as the title, each web presence as a full https address."""
    orcid = find_orcid(profile.orcid)
    urls = (linkedin_url(profile.linkedin), f"https://orcid.org/{orcid}" if orcid else "", x_url(profile.x_handle))
    return ContactDetails(
        name=one_line(profile.name),
        institution=one_line(profile.institution),
        position=one_line(profile.stage),
        emails=_present(profile.email),
        phones=_present(profile.phone),
        urls=tuple(url for url in urls if url),
        orcid=orcid,
    )


def my_card_text(profile: ProfileData, mecard: bool = False) -> str:
    """The card as vCard 3.0 text, or as a MECARD (shorter, so a smaller code) when `mecard` is set.

    A UserError when the profile has no name: a card without one is useless to whoever scans it.
    """
    details = my_card_details(profile)
    if not details.name:
        raise UserError(NO_NAME)
    return mecard_text(details) if mecard else vcard_text(details)


def linkedin_url(text: str) -> str:
    """A LinkedIn profile as a full address: "linkedin.com/in/ana" and a bare "ana" both work; "" stays ""."""
    text = text.strip()
    if not text or _WEB_ADDRESS.match(text):
        return text
    if "linkedin.com/" in text.casefold():
        return "https://" + text.lstrip("/")
    handle = text.strip("/@ ").removeprefix("in/")
    return f"https://www.linkedin.com/in/{handle}"


def x_url(text: str) -> str:
    """An X (Twitter) account as https://x.com/handle, from "@handle", "handle" or a profile link; else ""."""
    text = text.strip()
    found = _X_PROFILE_URL.search(text) or _X_HANDLE.match(text)
    return f"https://x.com/{found.group(1)}" if found else ""


def _present(text: str) -> tuple[str, ...]:
    text = text.strip()
    return (text,) if text else ()
