"""Read-only views of the program, handed from services to the GUI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ConferenceSummary:
    id: int
    identity: str
    title: str
    time_zone: str
    start_date: date | None
    end_date: date | None
    sessions: int
    source_file: str


@dataclass(frozen=True)
class SessionRow:
    """One line of the program list. Times are in the conference's own zone."""

    id: int
    public_id: str  # "<conference identity>:<session identity>", stable across program updates
    title: str
    start: datetime
    end: datetime
    day_index: int
    room: str
    track: str
    type: str
    speakers: str  # names, comma-separated, in the program's order
    picked: bool
    priority: str  # "must" | "nice" | ""
    cancelled: bool
    speaker_names: tuple[str, ...] = ()  # the same names one by one (a name may hold a comma: "Doe, MD")


@dataclass(frozen=True)
class SpeakerRef:
    id: int
    name: str
    affiliation: str
    role: str


@dataclass(frozen=True)
class SessionDetail:
    row: SessionRow
    subtitle: str
    abstract_html: str  # sanitised: safe to render as rich text
    language: str
    links: tuple[tuple[str, str], ...]
    speakers: tuple[SpeakerRef, ...]
    time_zone: str


@dataclass(frozen=True)
class SpeakerRow:
    id: int
    name: str
    affiliation: str
    role: str
    sessions: int
    planned: bool = False  # the user means to meet them
    met: bool = False  # a conversation with them is recorded


@dataclass(frozen=True)
class SpeakerDetail:
    speaker: SpeakerRef
    biography_html: str
    sessions: tuple[SessionRow, ...]


@dataclass(frozen=True)
class ConferenceSettings:
    """What the user may change about a conference: its name and the time zone it is held in."""

    id: int
    title: str
    time_zone: str
    times_as_written: bool  # the file's times carry no zone: a new zone keeps them as written (09:00 stays 09:00)
    first_start: datetime | None  # the first session, in the conference's zone


@dataclass(frozen=True)
class Facets:
    """The values the program list can be filtered by."""

    days: tuple[tuple[int, date], ...]
    tracks: tuple[str, ...]
    rooms: tuple[str, ...]
    types: tuple[str, ...]
