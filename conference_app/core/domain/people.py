"""People as plain values: what a card, a scanned code or the capture dialog says about someone.

`ContactDetails` is the common shape every source of a person produces (a vCard, a MECARD, a typed
name, a speaker of the program) and the capture dialog shows for the user to confirm.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import TypeVar

from conference_app.core.domain.text import one_line

E = TypeVar("E", bound=Enum)

# Positions that matter at a surgical conference, the most senior first (a vertical network).
POSITIONS: tuple[str, ...] = (
    "Department Chair",
    "Division Chief",
    "Program Director",
    "Associate Program Director",
    "Fellowship Director",
    "Attending",
    "Faculty",
    "Researcher",
    "Fellow",
    "Resident",
    "Medical Student",
)

class Relationship(str, Enum):
    """What the person is, or may become, to the user."""

    NONE = ""
    MENTOR = "mentor"
    SPONSOR = "sponsor"
    PEER = "peer"
    NEAR_PEER = "near-peer"
    COLLABORATOR = "collaborator"

    @property
    def label(self) -> str:
        return _RELATIONSHIP_LABELS[self]


_RELATIONSHIP_LABELS = {
    Relationship.NONE: "Not set",
    Relationship.MENTOR: "Mentor (or candidate)",
    Relationship.SPONSOR: "Sponsor",
    Relationship.PEER: "Peer",
    Relationship.NEAR_PEER: "Near-peer",
    Relationship.COLLABORATOR: "Collaborator",
}


class Direction(str, Enum):
    """Where the person stands in the user's network."""

    NONE = ""
    VERTICAL = "vertical"  # attendings, program leadership, fellows above the user
    HORIZONTAL = "horizontal"  # peers and near-peers

    @property
    def label(self) -> str:
        return {"": "Not set", "vertical": "Vertical (senior)", "horizontal": "Horizontal (peer)"}[self.value]


class Obtained(str, Enum):
    """How the person's details reached the app."""

    TYPED = "typed"
    QR = "qr"
    CARD = "card"
    BADGE = "badge"
    VCARD = "vcard"  # a .vcf file
    PROGRAM = "program"  # a speaker of an imported program

    @property
    def label(self) -> str:
        return {
            "typed": "Typed",
            "qr": "QR code",
            "card": "Business card",
            "badge": "Badge",
            "vcard": "vCard file",
            "program": "Program",
        }[self.value]


def parse_enum(kind: type[E], text: str, what: str) -> E:
    """An enum member from its value or label, ignoring case and spaces; a UserError names the choices."""
    from conference_app.core.errors import UserError

    key = " ".join(str(text).split()).casefold().replace("_", "-")
    for member in kind:
        if key in (str(member.value).casefold(), getattr(member, "label", "").casefold()):
            return member
    choices = ", ".join(str(m.value) for m in kind if m.value)
    raise UserError(f"unknown {what} {text!r}: use one of {choices}")


@dataclass(frozen=True)
class ContactDetails:
    """Everything known about a person from one source; empty strings and tuples where unknown.

    `urls` holds web addresses as given (LinkedIn, X, a homepage, a DOI); `orcid` is the bare
    identifier (0000-0002-1825-0097) when one was found. `photo` is a small JPEG, already scaled
    down by whoever read it, or None.
    """

    name: str = ""
    institution: str = ""
    position: str = ""
    specialty: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    orcid: str = ""
    note: str = ""
    photo: bytes | None = field(default=None, repr=False)

    def with_name_fallback(self) -> ContactDetails:
        """A card with no name is named after its email (else phone, address, ORCID) until the user edits it."""
        if self.name.strip():
            return self
        fallback = next(iter((*self.emails, *self.phones, *self.urls)), "") or self.orcid
        return replace(self, name=fallback) if fallback else self

    @property
    def is_empty(self) -> bool:
        return not (self.name.strip() or self.emails or self.phones)


ORCID_PATTERN = re.compile(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b", re.IGNORECASE)


def find_orcid(text: str) -> str:
    """The first ORCID iD in a text or URL, upper-cased, or ""."""
    match = ORCID_PATTERN.search(text or "")
    return match.group(1).upper() if match else ""


def search_key(text: str) -> str:
    """Text as search compares it: case and accents folded ("Zoë Müller" → "zoe muller")."""
    if text.isascii():
        return text.casefold()
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


# --- what the user records at a meeting ---------------------------------------------------------


@dataclass(frozen=True)
class ConversationNote:
    """Where and when the user met someone, what was said, and what each side promised."""

    conference_id: int | None = None
    event_id: int | None = None  # the session where they met, if any
    met_at: datetime | None = None  # None: the session's end if one is given, else now
    place: str = ""
    poster: str = ""  # a poster or abstract number
    points: tuple[str, ...] = ()
    my_promises: tuple[str, ...] = ()
    their_promises: tuple[str, ...] = ()

    def texts(self) -> tuple[str, ...]:
        """Everything the user typed about the conversation (what the patient-information guard reads)."""
        return (self.place, self.poster, *self.points, *self.my_promises, *self.their_promises)


@dataclass(frozen=True)
class CaptureData:
    """One capture: the person's details and, usually, the conversation just had."""

    details: ContactDetails
    relationship: Relationship = Relationship.NONE
    direction: Direction = Direction.NONE
    obtained: Obtained = Obtained.TYPED
    conversation: ConversationNote | None = None
    goal_ids: tuple[int, ...] = ()
    speaker_id: int | None = None  # the program's speaker this person is
    person_id: int | None = None  # add to this known person instead of matching
    vcard: str = ""  # the card as received


@dataclass(frozen=True)
class PersonSummary:
    """A person as the people list shows them."""

    id: int
    name: str
    institution: str
    position: str
    specialty: str
    relationship: Relationship
    direction: Direction
    obtained: Obtained
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    urls: tuple[str, ...]
    orcid: str
    conversations: int
    last_met: datetime | None  # aware UTC
    conference_ids: tuple[int, ...]
    goal_ids: tuple[int, ...]
    speaker_ids: tuple[int, ...]
    search: str = field(default="", repr=False, compare=False)  # search_text(), computed once when listed

    @property
    def met(self) -> bool:
        return self.conversations > 0

    def search_text(self) -> str:
        """What search matches: name, institution, position, specialty, emails and phones, folded."""
        return self.search or search_key(
            " ".join((self.name, self.institution, self.position, self.specialty, *self.emails, *self.phones))
        )


@dataclass(frozen=True)
class ConversationView:
    id: int
    conference_id: int | None
    conference_title: str
    event_id: int | None
    event_title: str
    met_at: datetime  # in the conference's own zone (UTC when there is none)
    place: str
    poster: str
    points: tuple[str, ...]
    my_promises: tuple[str, ...]
    their_promises: tuple[str, ...]

    @property
    def where(self) -> str:
        """"Poster 214 · Hall B · Trauma systems panel" — whatever is known, most specific first."""
        poster = f"Poster {self.poster}" if self.poster and not self.poster.lower().startswith(("poster", "abstract")) else self.poster
        return " · ".join(part for part in (poster, self.event_title, self.place) if part)


@dataclass(frozen=True)
class MergeView:
    id: int
    kept_id: int
    merged_id: int
    merged_name: str
    merged_at: datetime


@dataclass(frozen=True)
class PersonView:
    """A person's page: the details, the conversations newest first, merges that can be undone."""

    summary: PersonSummary
    note: str
    photo: bytes | None = field(repr=False)
    conversations: tuple[ConversationView, ...]
    merges: tuple[MergeView, ...]
    possible_duplicates: tuple[PersonSummary, ...]

    @property
    def last_met(self) -> str:
        """"Last met at ACS Clinical Congress 2026, Sat 18 Oct 15:00 (Poster 214 · Hall B)", or ""."""
        if not self.conversations:
            return ""
        latest = self.conversations[0]
        where = f" ({latest.where})" if latest.where else ""
        at = latest.conference_title or "no conference"
        return f"Last met at {at}, {latest.met_at:%a %d %b %Y %H:%M}{where}"


@dataclass(frozen=True)
class CaptureResult:
    """What a capture did: the person it went to and what the user should look at."""

    person_id: int
    created: bool
    merged_into: int | None  # the known person an email, phone or ORCID matched
    conversation_id: int | None
    possible_duplicates: tuple[PersonSummary, ...]
    warnings: tuple[str, ...]


def split_lines(text: str) -> tuple[str, ...]:
    """The non-empty lines of a text, each on one line."""
    return tuple(line for line in (one_line(part) for part in str(text).splitlines()) if line)
