"""The format-neutral shape every program reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ParsedSpeaker:
    """A person named in the program. `key` is the source's identity for the person
    (id, guid, code) or, where the source has none, a key derived from the name."""

    key: str
    name: str
    affiliation: str = ""
    biography: str = ""
    role: str = ""  # e.g. "Program Director"; empty when the source does not say


@dataclass
class ParsedEvent:
    """One session of the program.

    `source_id` is the identity the source gives (guid, then id, then UID), or "" if none.
    `start`/`end` are timezone-aware. `day_index` is the 1-based conference day the session
    belongs to (a session after midnight stays on the day it belongs to), or None when the
    source does not say and it must be derived from the start time.
    """

    source_id: str
    title: str
    start: datetime
    end: datetime
    subtitle: str = ""
    abstract: str = ""  # may hold HTML; sanitised at display time
    description: str = ""
    track: str = ""
    type: str = ""
    room: str = ""
    language: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, url)
    speaker_keys: list[str] = field(default_factory=list)
    day_index: int | None = None


@dataclass
class ParsedProgram:
    """A whole conference program as read from one file."""

    title: str
    time_zone: str  # IANA name, e.g. "Europe/Brussels"
    source_format: str  # "frab", "json", "ical", "csv"
    acronym: str = ""
    version: str = ""
    start_date: date | None = None
    end_date: date | None = None
    events: list[ParsedEvent] = field(default_factory=list)
    speakers: dict[str, ParsedSpeaker] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what was skipped, in plain words


@dataclass
class ReadOptions:
    """What the user told us about a file that the file itself does not say."""

    format: str = "auto"  # "auto", "frab", "json", "ical", "csv"
    column_map: dict[str, str] = field(default_factory=dict)  # CSV: header -> field name
    first_day: date | None = None  # CSV with day names/numbers only
    time_zone: str = ""  # fallback zone where the file has none
