"""What an import of a program did: the counts, and each session added, changed or gone."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SessionChange:
    public_id: str
    title: str
    what: tuple[str, ...]  # "time", "room", "title", "speakers", "added", "cancelled"
    picked: bool


@dataclass(frozen=True)
class ImportReport:
    conference_id: int
    conference: str
    sessions: int
    speakers: int
    rooms: int
    days: int
    added: int
    changed: int
    removed: int
    elapsed_ms: float
    updated: bool  # True when this was a newer version of a conference already stored
    changes: tuple[SessionChange, ...] = ()  # picks first, then by title
    warnings: tuple[str, ...] = field(default_factory=tuple)
