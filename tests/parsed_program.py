"""Looking things up in a reader's output, for the reader tests."""

from __future__ import annotations

from conference_app.core.importers.program import ParsedEvent, ParsedProgram


def event_titled(program: ParsedProgram, title: str) -> ParsedEvent:
    """The one event with this title (fails the test if there are none or several)."""
    matches = [event for event in program.events if event.title == title]
    assert len(matches) == 1, f"{len(matches)} events titled {title!r}"
    return matches[0]


def speaker_names(program: ParsedProgram, event: ParsedEvent) -> list[str]:
    return [program.speakers[key].name for key in event.speaker_keys]
