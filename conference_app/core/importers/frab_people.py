"""The people of a frab schedule: the schedule-wide <persons> list and each event's speakers, and
the text of the elements they are read from."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conference_app.core.domain.text import one_line
from conference_app.core.importers.program import ParsedSpeaker
from conference_app.core.importers.text_limits import READER_KEEPS

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

AFFILIATION_TAGS = ("affiliation", "organisation", "organization")
PERSON_FIELDS = frozenset({"name", "biography", "role", *AFFILIATION_TAGS})


@dataclass
class ListedPerson:
    """A person from the schedule-wide <persons> list (newer FOSDEM exports)."""

    name: str = ""
    biography: str = ""
    affiliation: str = ""
    role: str = ""


def read_listed_persons(persons: Element, into: dict[str, ListedPerson]) -> None:
    """One schedule-wide <persons> list (name, biography, affiliation, role), keyed like event
    persons, into `into` (a later entry for a person wins)."""
    for element in persons.iterfind("person"):
        key = _person_key(element, "")
        if key:
            texts = _child_texts(element, PERSON_FIELDS)
            into[key] = ListedPerson(
                name=one_line(texts.get("name", "")),
                biography=texts.get("biography", ""),
                affiliation=next((a for a in (one_line(texts.get(t, "")) for t in AFFILIATION_TAGS) if a), ""),
                role=one_line(texts.get("role", "")),
            )


def speaker_refs(people: list[Element]) -> list[tuple[str, str]]:
    """An event's speakers as (key, name as the event gives it), in order, from its <persons> and
    bare <person> children: what `resolve_speakers` needs once the schedule's people list is read
    (it may come after the days)."""
    refs: list[tuple[str, str]] = []
    for child in people:
        if child.tag == "persons":
            for person in child.iterfind("person"):
                name = one_line(all_text(person))
                refs.append((_person_key(person, name), name))
        elif child.tag == "person":
            text = one_line(all_text(child))
            # A bare <person> without an id holds "Name A, Name B" in some hand-made exports.
            names = [text] if _person_key(child, "") else [n.strip() for n in text.split(",")]
            refs.extend((_person_key(child, name), name) for name in names)
    return refs


def resolve_speakers(refs: list[tuple[str, str]], listed_persons: dict[str, ListedPerson]) -> list[ParsedSpeaker]:
    """An event's speakers, each once, completed from the schedule's people list."""
    unique: dict[str, ParsedSpeaker] = {}
    for key, name in refs:
        if not key or key in unique:
            continue
        listed = listed_persons.get(key, ListedPerson())
        name = name or listed.name
        if name:
            unique[key] = ParsedSpeaker(
                key=key, name=name, affiliation=listed.affiliation, biography=listed.biography, role=listed.role
            )
    return list(unique.values())


def _person_key(person: Element, name: str) -> str:
    person_id = person.get("id", "").strip()
    if person_id:
        return f"id:{person_id}"
    guid = person.get("guid", "").strip()
    if guid:
        return f"guid:{guid}"
    normalised = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return f"name:{normalised}" if normalised else ""


def child_text(parent: Element, tag: str) -> str:
    element = parent.find(tag)
    if element is None:
        return ""
    return all_text(element)


def _child_texts(parent: Element, tags: frozenset[str]) -> dict[str, str]:
    """The text of each of the element's children with one of `tags`, the first where a tag repeats
    (as find() would give): read in one pass, where a find() per field would walk the children each time."""
    texts: dict[str, str] = {}
    for child in parent:
        tag = child.tag
        if tag in tags and tag not in texts:
            texts[tag] = all_text(child)
    return texts


def all_text(element: Element) -> str:
    """The element's text and its children's, trimmed, and kept to what a field can keep."""
    text = (element.text or "") if len(element) == 0 else "".join(element.itertext())
    return text.strip()[:READER_KEEPS]
