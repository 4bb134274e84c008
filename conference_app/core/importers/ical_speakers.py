"""Speakers named in an iCalendar event's text: "Title (talk by Ann Lee, Uni X)" and "Speaker: …" lines."""

from __future__ import annotations

import re

# "Title (talk by Ann Lee & Bo Chen)", as written by PyCon UK's vobject export and others.
_SESSION_KINDS = (
    "talk|lightning talk|workshop|tutorial|demo|panel|keynote|lecture|presentation|session|poster|vortrag|diskussion"
)
_SPEAKER_SUFFIX = re.compile(
    rf"\s*\((?:(?P<kind>{_SESSION_KINDS})\s+)?by\s+(?P<names>[^()]+)\)\s*$",
    re.IGNORECASE,
)
# A first description line naming the speakers: "Speaker: Ann Lee", "von: Jürgen Groß".
_SPEAKER_LINE = re.compile(
    r"^\s*(?:speakers?|presenters?|presented by|sprecher(?:in)?|referent(?:in|en)?|von|by)"
    r"\s*:\s*(?P<names>[^\n]+?)\s*(?:\n|$)",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b)\s*", re.IGNORECASE)


def split_title(summary: str) -> tuple[str, str, list[tuple[str, str]]]:
    """Split 'Title (talk by Ann Lee, Uni X)' into the title, 'talk' and [(name, affiliation)]."""
    match = _SPEAKER_SUFFIX.search(summary)
    if match is None or match.start() == 0:
        return summary, "", []
    title = summary[: match.start()].strip()
    names = match.group("names").strip()
    kind = (match.group("kind") or "").strip().lower()
    if _letters(names) == _letters(title):
        # A generator that fills the speaker with the session's own title names nobody.
        return title, kind, []
    people: list[tuple[str, str]] = []
    for part in re.split(r"\s*(?:&|\band\b)\s*", names):
        # In this form a comma introduces the speaker's affiliation, not another speaker.
        name, _, affiliation = part.partition(",")
        if name.strip():
            people.append((name.strip(), affiliation.strip()))
    return title, kind, people


def split_description(description: str) -> tuple[str, list[tuple[str, str]]]:
    """Take a leading 'Speaker: …' / 'von: …' line out of the text, as the speakers."""
    match = _SPEAKER_LINE.match(description)
    if match is None:
        return description.strip(), []
    names = [name for name in _NAME_SEPARATORS.split(match.group("names")) if name]
    return description[match.end() :].strip(), [(name, "") for name in names]


def _letters(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())
