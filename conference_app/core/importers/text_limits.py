"""What a program may store: text without control characters, and no field longer than a person reads.

Every reader's result passes through `limit_program()` before it is stored. A field over its limit is
cut (an abstract at 100,000 characters, a title at 1,000) and a warning names the sessions it
happened to; the readers themselves never hold more than a little over these limits in memory (see
bounded_reading.py and xml_loading.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from conference_app.core.domain.printable import printable
from conference_app.core.importers.program import ParsedProgram

LONG_TEXT = 100_000  # abstracts, descriptions, biographies
SHORT_TEXT = 1_000  # titles and subtitles
LABEL = 300  # tracks, types, rooms, languages, names, affiliations, roles
LINK = 2_000  # link addresses and their titles
# Readers keep this many characters of any one field, so the cut below still sees it was too long.
READER_KEEPS = LONG_TEXT + 1
_NAMED_PER_WARNING = 5

_EVENT_LIMITS = {
    "title": SHORT_TEXT,
    "subtitle": SHORT_TEXT,
    "abstract": LONG_TEXT,
    "description": LONG_TEXT,
    "track": LABEL,
    "type": LABEL,
    "room": LABEL,
    "language": LABEL,
    "source_id": SHORT_TEXT,
}
_SPEAKER_LIMITS = {"name": LABEL, "affiliation": LABEL, "role": LABEL, "biography": LONG_TEXT}
_PROGRAM_LIMITS = {"title": SHORT_TEXT, "acronym": LABEL, "version": LABEL}


@dataclass
class _Findings:
    cut: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (field, limit) -> owners
    controls: int = 0

    def fit(self, text: str, limit: int, what: str, owner: Callable[[], str]) -> str:
        clean = printable(text)
        if clean != text:
            self.controls += 1
        if len(clean) <= limit:
            return clean
        self.cut.setdefault((what, limit), []).append(owner())
        return clean[:limit].rstrip()

    def warnings(self) -> list[str]:
        messages = []
        for (what, limit), owners in self.cut.items():
            named = ", ".join(owners[:_NAMED_PER_WARNING])
            more = len(owners) - _NAMED_PER_WARNING
            named += f" and {more} more" if more > 0 else ""
            messages.append(f"the {what} of {named} was cut to its first {limit:,} characters")
        if self.controls:
            messages.append(
                f"control characters (such as NUL bytes) were removed from {self.controls} "
                f"{'text' if self.controls == 1 else 'texts'}"
            )
        return messages


def limit_program(program: ParsedProgram) -> ParsedProgram:
    """Remove control characters from every text of the program and cut fields over their limits,
    adding a warning for each kind of cut that names the sessions and speakers it happened to."""
    findings = _Findings()
    for name, limit in _PROGRAM_LIMITS.items():
        setattr(program, name, findings.fit(getattr(program, name), limit, f"conference {name}", lambda: "the file"))
    for event in program.events:
        owner = partial(_event_owner, event.title)  # named only in a warning: made only for one
        for name, limit in _EVENT_LIMITS.items():
            text = getattr(event, name)
            if len(text) > limit or not text.isprintable():  # most texts need nothing, decided at C speed
                setattr(event, name, findings.fit(text, limit, name.replace("_", " "), owner))
        if event.links:
            event.links = [
                (findings.fit(title, LINK, "link title", owner), findings.fit(url, LINK, "link address", owner))
                for title, url in event.links
            ]
    for speaker in program.speakers.values():
        owner = partial(_speaker_owner, speaker.name)
        for name, limit in _SPEAKER_LIMITS.items():
            text = getattr(speaker, name)
            if len(text) > limit or not text.isprintable():
                setattr(speaker, name, findings.fit(text, limit, name, owner))
    program.warnings[:] = [printable(warning) for warning in program.warnings]
    program.warnings.extend(findings.warnings())
    return program


def _event_owner(title: str) -> str:
    return f"'{_short(printable(title))}'"


def _speaker_owner(name: str) -> str:
    return f"speaker '{_short(printable(name))}'"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
