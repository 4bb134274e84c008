"""Session and conference identities: unique within a program and stable across re-reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from conference_app.core.domain.identity import conference_identity, event_identities, slugify
from conference_app.core.importers.program import ParsedEvent

BERLIN = ZoneInfo("Europe/Berlin")


def _event(source_id: str, title: str, hour: int, room: str) -> ParsedEvent:
    start = datetime(2026, 6, 11, hour, 0, tzinfo=BERLIN)
    return ParsedEvent(source_id=source_id, title=title, start=start, end=start.replace(minute=30), room=room)


PROGRAM = [
    _event("guid-keynote", "Keynote", 9, "Hall A"),
    _event("997", "Coffee Break", 10, "Hall A"),
    _event("997", "Coffee Break", 10, "Hall B"),
    _event("", "Industry Symposium", 12, "Hall A"),
    _event("", "Meet the Professors", 12, "Hall B"),
]


def test_a_source_id_seen_once_is_the_identity() -> None:
    assert event_identities(PROGRAM)[0] == "guid-keynote"


def test_identities_are_unique_and_repeated_ids_are_qualified() -> None:
    identities = event_identities(PROGRAM)

    assert len(set(identities)) == len(PROGRAM)
    assert identities[1].startswith("997@") and identities[2].startswith("997@")
    assert identities[1] != identities[2]
    assert identities[3].startswith("~") and identities[4].startswith("~")
    assert identities[3] != identities[4]


def test_identities_are_stable_across_reads_and_order() -> None:
    assert event_identities(PROGRAM) == event_identities([replace(e) for e in PROGRAM])
    reordered = list(reversed(PROGRAM))
    assert event_identities(reordered) == list(reversed(event_identities(PROGRAM)))


def test_a_qualified_identity_ignores_the_title_but_not_time_or_room() -> None:
    """Renaming one of the duplicated breaks keeps it the same session; moving it makes it another."""
    before = event_identities(PROGRAM)
    renamed = event_identities([*PROGRAM[:2], replace(PROGRAM[2], title="Coffee & Posters"), *PROGRAM[3:]])
    moved = event_identities([*PROGRAM[:2], replace(PROGRAM[2], room="Foyer"), *PROGRAM[3:]])

    assert renamed == before
    assert moved[2] != before[2] and moved[1] == before[1]


def test_an_event_without_id_is_keyed_by_title_time_and_room() -> None:
    before = event_identities(PROGRAM)
    assert event_identities([*PROGRAM[:3], replace(PROGRAM[3], abstract="new text"), PROGRAM[4]]) == before
    assert event_identities([*PROGRAM[:3], replace(PROGRAM[3], title="Industry Lunch"), PROGRAM[4]])[3] != before[3]


def test_exact_duplicates_still_get_distinct_identities() -> None:
    twins = [_event("", "Poster Session", 15, "Foyer"), _event("", "Poster Session", 15, "Foyer"),
             _event("5", "Break", 16, "Foyer"), _event("5", "Break", 16, "Foyer")]

    identities = event_identities(twins)

    assert identities[1] == f"{identities[0]}#2"
    assert identities[3] == f"{identities[2]}#2"
    assert len(set(identities)) == 4


def test_conference_identity_prefers_the_acronym() -> None:
    assert conference_identity("ASCS26", "Annual Surgical Congress 2026") == "ascs26"
    assert conference_identity("  ", "Annual Surgical Congress 2026") == "annual-surgical-congress-2026"
    assert conference_identity("", "Jahrestagung der Deutschen Gesellschaft für Chirurgie") == (
        "jahrestagung-der-deutschen-gesellschaft-fur-chirurgie"
    )


def test_slugify_keeps_something() -> None:
    assert slugify("Congrès Français de Chirurgie — 2026!") == "congres-francais-de-chirurgie-2026"
    assert slugify("外科学会") == "conference"
    assert slugify("") == "conference"
