"""Read-only views of the user's agenda: picked sessions and personal items by day, clashes, free time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from conference_app.core.domain.agenda import absolute
from conference_app.core.domain.program import SpeakerRef

SESSION = "session"
PERSONAL = "personal"
MUST = "must"
NICE = "nice"


def personal_ref(item_id: int) -> str:
    """The public reference of a personal item, unique beside session ids ("conference:session")."""
    return f"{PERSONAL}:{item_id}"


def duration_text(length: timedelta) -> str:
    """'45 min', '2 h', '1 h 30 min'."""
    minutes = int(length.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


@dataclass(frozen=True)
class ItemRef:
    """Another agenda item, as named in a clash."""

    kind: str  # "session" | "personal"
    ref: str  # session public id, or "personal:<id>"
    title: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class MeetNote:
    """A person to meet at a picked session (a Target linked to it)."""

    speaker_id: int
    name: str
    role: str
    affiliation: str

    @property
    def who(self) -> str:
        about = ", ".join(x for x in (self.role, self.affiliation) if x)
        return f"{self.name} ({about})" if about else self.name

    @property
    def text(self) -> str:
        return f"Meet {self.who} after this session"


@dataclass(frozen=True)
class AgendaItem:
    """One block of the agenda. Times are in the conference's own zone."""

    kind: str  # "session" | "personal"
    id: int  # the session's row id, or the personal item's id
    ref: str  # session public id, or "personal:<id>": what the CLI and the .ics identity use
    title: str
    start: datetime
    end: datetime
    place: str  # the session's room, or the personal item's location
    priority: str = ""  # "must" | "nice" for sessions, "" for personal items
    attended: bool = False
    cancelled: bool = False  # gone from the latest program: shown, but never in clash checks
    track: str = ""
    type: str = ""
    speakers: tuple[SpeakerRef, ...] = ()
    summary: str = ""  # the start of the abstract, plain text
    notes: str = ""  # the personal item's notes
    meet: tuple[MeetNote, ...] = ()
    clashes_with: tuple[ItemRef, ...] = ()

    @property
    def is_session(self) -> bool:
        return self.kind == SESSION

    @property
    def as_ref(self) -> ItemRef:
        return ItemRef(self.kind, self.ref, self.title, self.start, self.end)


@dataclass(frozen=True)
class FreeGap:
    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return absolute(self.end) - absolute(self.start)

    @property
    def text(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M} free ({duration_text(self.length)})"


@dataclass(frozen=True)
class Clash:
    """Two agenda items that overlap in time; `first` starts no later than `second`."""

    first: ItemRef
    second: ItemRef

    @property
    def text(self) -> str:
        return f"{self.first.title} overlaps {self.second.title}"


@dataclass(frozen=True)
class AgendaDay:
    date: date
    day_index: int | None  # the program's day number, None for a date outside the program
    items: tuple[AgendaItem, ...]  # by start
    gaps: tuple[FreeGap, ...]
    span_start: datetime  # first item start, or the program's first start that day
    span_end: datetime
    program_start: datetime | None  # the program's hours that day, None outside the program
    program_end: datetime | None


@dataclass(frozen=True)
class AgendaView:
    conference_id: int
    conference_identity: str
    conference_title: str
    time_zone: str
    days: tuple[AgendaDay, ...]
    clashes: tuple[Clash, ...]  # by start of the first item

    @property
    def items(self) -> tuple[AgendaItem, ...]:
        return tuple(item for day in self.days for item in day.items)

    def item(self, kind: str, item_id: int) -> AgendaItem | None:
        return next((i for i in self.items if i.kind == kind and i.id == item_id), None)

    @property
    def session_count(self) -> int:
        return sum(1 for i in self.items if i.is_session)

    @property
    def personal_count(self) -> int:
        return sum(1 for i in self.items if not i.is_session)


@dataclass(frozen=True)
class CalendarExport:
    """What an .ics export wrote."""

    path: Path
    events: int
    alarms: int
    time_zone: str
