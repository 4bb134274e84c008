"""What both schedule JSON versions gather while reading a file: the program's header, its speakers,
the links of each session, titles for sessions that have none, and the warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from conference_app.core.importers.program import ParsedProgram, ParsedSpeaker
from conference_app.core.importers.schedule_json_times import Day, calendar_date
from conference_app.core.importers.schedule_json_values import (
    SkippedEvent,
    humanized,
    list_of,
    text_of,
    web_address,
)

_EXAMPLES_PER_WARNING = 5


@dataclass
class Reading:
    """What is gathered while one file is read."""

    zone: ZoneInfo
    warnings: list[str]
    base_url: str = ""  # for links given as server paths
    speakers: dict[str, ParsedSpeaker] = field(default_factory=dict)
    oddities: list[str] = field(default_factory=list)
    dropped_links: int = 0

    def add_speaker(self, key: str, name: str, biography: str, role: str = "") -> None:
        known = self.speakers.get(key)
        if known is None:
            self.speakers[key] = ParsedSpeaker(key=key, name=name, biography=biography, role=role)
            return
        if not known.biography:
            known.biography = biography
        if role and role not in known.role.split(", "):
            known.role = f"{known.role}, {role}" if known.role else role

    def finish_warnings(self) -> list[str]:
        if self.oddities:
            shown = "; ".join(self.oddities[:_EXAMPLES_PER_WARNING])
            more = len(self.oddities) - _EXAMPLES_PER_WARNING
            suffix = f" (and {more} more)" if more > 0 else ""
            self.warnings.append(f"Non-standard values accepted as they are: {shown}{suffix}.")
        if self.dropped_links:
            self.warnings.append(f"Left out {self.dropped_links} link(s) that are not web addresses.")
        return self.warnings


def program_header(
    path: Path, schedule: dict[str, Any], conference: dict[str, Any], zone_name: str, reading: Reading
) -> ParsedProgram:
    acronym = text_of(conference.get("acronym")).strip()
    title = text_of(conference.get("title")).strip()
    if not title:
        title = acronym or path.stem
        reading.warnings.append(f"The conference has no title; using '{title}'.")
    return ParsedProgram(
        title=title,
        time_zone=zone_name,
        source_format="json",
        acronym=acronym,
        version=text_of(schedule.get("version")).strip(),
        start_date=calendar_date(conference.get("start"), reading.zone),
        end_date=calendar_date(conference.get("end"), reading.zone),
    )


def finish(program: ParsedProgram, days: list[Day], reading: Reading) -> ParsedProgram:
    day_dates = [day.date for day in days if day.date is not None]
    if program.start_date is None and day_dates:
        program.start_date = min(day_dates)
    if program.end_date is None and day_dates:
        program.end_date = max(day_dates)
    program.speakers = reading.speakers
    program.warnings = reading.finish_warnings()
    return program


def stand_in_title(track: str, kind: str, has_people: bool, label: str, reading: Reading) -> str:
    """A title for a session that has none but does name its track, type or people; a slot with
    nothing but a time is skipped."""
    if not (track or kind or has_people):
        raise SkippedEvent("it has no title")
    title = track or kind or "(untitled)"
    reading.warnings.append(f"Session {label} has no title; it is shown as '{title}'.")
    return title


def links_of(raw: dict[str, Any], reading: Reading) -> list[tuple[str, str]]:
    """The session's own page, then its links and attachments, as (title, url), web addresses only."""
    candidates: list[tuple[str, str]] = []
    if page := text_of(raw.get("url")).strip():
        candidates.append(("Session page", page))
    for entry in list_of(raw.get("links")) + list_of(raw.get("attachments")):
        if isinstance(entry, str):
            candidates.append((entry, entry))
        elif isinstance(entry, dict) and (url := text_of(entry.get("url")).strip()):
            title = text_of(entry.get("title")).strip() or humanized(text_of(entry.get("type"))) or url
            candidates.append((title, url))
    links: list[tuple[str, str]] = []
    for title, url in candidates:
        address = web_address(url, reading.base_url)
        if address is None:
            reading.dropped_links += 1
        elif all(address != known for _, known in links):
            links.append((title.strip(), address))
    return links
