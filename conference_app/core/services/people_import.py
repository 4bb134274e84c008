"""Storing many cards at once (a .vcf file of thousands, a folder of codes) in one transaction.

Every known email, phone, ORCID iD and name is read once up front, so each card is matched in
memory; new people and their details are written in batches at the end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from conference_app.core.domain.contact_matching import institution_key, name_key
from conference_app.core.domain.people import ContactDetails, Obtained
from conference_app.core.storage.models import Base, Contact
from conference_app.core.storage.people_rows import UNMATCHED, detail_values, raw_connection


TABLES = Base.metadata.tables


@dataclass(frozen=True)
class ImportCounts:
    imported: int  # new people
    merged: int  # cards that went to a known person


class _New:
    """A person this import makes: their row and details, written in batches at the end."""

    def __init__(self, details: ContactDetails, obtained: Obtained, now: datetime, vcard: str) -> None:
        self.row: dict[str, object] = {
            "name": details.name, "institution": details.institution, "position": details.position,
            "specialty": details.specialty, "orcid": details.orcid, "note": details.note, "photo": details.photo,
            "obtained": obtained.value, "created_at": now, "vcard": vcard, "relationship_role": "",
            "direction": "",
        }  # fmt: skip
        self.details: list[dict[str, object]] = []


Person: TypeAlias = "int | _New"  # a known person's id, or one this import makes


@dataclass
class _Known:
    """What the database already holds, keyed for matching; new people join it as they are made."""

    by_key: dict[tuple[str, str], Person] = field(default_factory=dict)  # (email|phone, key) → person
    by_orcid: dict[str, Person] = field(default_factory=dict)
    by_name: dict[tuple[str, str], Person] = field(default_factory=dict)  # (name, institution) keys
    owned: dict[Person, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    next_position: dict[Person, int] = field(default_factory=lambda: defaultdict(int))


def _load(session: Session) -> _Known:
    known = _Known()
    raw = raw_connection(session)
    for contact_id, name, institution, orcid in raw.execute(
        "SELECT id, name, institution, orcid FROM contact WHERE merged_into_id IS NULL ORDER BY id"
    ):
        known.by_name.setdefault((name_key(name), institution_key(institution)), contact_id)
        if orcid:
            known.by_orcid.setdefault(orcid, contact_id)
    for contact_id, kind, key, position in raw.execute(
        "SELECT d.contact_id, d.kind, d.match_key, d.position FROM contact_detail d "
        "JOIN contact c ON c.id = d.contact_id WHERE c.merged_into_id IS NULL ORDER BY d.contact_id"
    ):
        known.owned[contact_id].add((kind, key))
        known.next_position[contact_id] = max(known.next_position[contact_id], position + 1)
        if kind in ("email", "phone"):
            known.by_key.setdefault((kind, key), contact_id)
    return known


def _match(known: _Known, details: ContactDetails, keys: list[tuple[str, str, str]]) -> Person | None:
    for kind, _value, key in keys:
        if kind in ("email", "phone") and not key.startswith(UNMATCHED) and (kind, key) in known.by_key:
            return known.by_key[(kind, key)]
    if details.orcid and details.orcid in known.by_orcid:
        return known.by_orcid[details.orcid]
    # The very same name and institution is the same card imported again, unless the emails disagree.
    same = known.by_name.get((name_key(details.name), institution_key(details.institution)))
    if same is not None and name_key(details.name):
        theirs = {key for kind, key in known.owned[same] if kind == "email"}
        mine = {key for kind, _value, key in keys if kind == "email"}
        if not (theirs and mine) or theirs & mine:
            return same
    return None


def import_cards_in(
    session: Session,
    cards: Sequence[tuple[ContactDetails, str]],
    obtained: Obtained,
    now: datetime,
    clean: Callable[[ContactDetails], ContactDetails],
    fill: Callable[[Contact, ContactDetails], None],
) -> ImportCounts:
    """Match each card to a known person or make a new one; `clean` tidies a card, `fill` completes a person."""
    known = _load(session)
    made: list[_New] = []
    merged = 0
    to_fill: dict[int, list[ContactDetails]] = defaultdict(list)  # known people, completed in bulk below
    known_details: list[dict[str, object]] = []
    for raw_details, vcard in cards:
        details = clean(raw_details.with_name_fallback())
        if not details.name:
            continue
        keys = detail_values(details)
        person = _match(known, details, keys)
        if person is None:
            person = _New(details, obtained, now, vcard)
            made.append(person)
        else:
            merged += 1
            if isinstance(person, int):
                to_fill[person].append(details)
        for kind, value, key in keys:
            if (kind, key) in known.owned[person]:
                continue
            known.owned[person].add((kind, key))
            position = known.next_position[person]
            known.next_position[person] = position + 1
            detail = {"kind": kind, "value": value, "match_key": key, "position": position}
            if isinstance(person, _New):
                person.details.append(detail)
            else:
                known_details.append({**detail, "contact_id": person})
            if kind in ("email", "phone"):
                known.by_key.setdefault((kind, key), person)
        if details.orcid:
            known.by_orcid.setdefault(details.orcid, person)
        known.by_name.setdefault((name_key(details.name), institution_key(details.institution)), person)

    ids = list(to_fill)
    for start in range(0, len(ids), 500):
        for contact in session.scalars(select(Contact).where(Contact.id.in_(ids[start : start + 500]))):
            for details in to_fill[contact.id]:
                fill(contact, details)
    session.flush()
    if made:
        new_ids = _insert_people(session, [new.row for new in made])
        known_details.extend({**d, "contact_id": i} for new, i in zip(made, new_ids, strict=True) for d in new.details)
    if known_details:
        session.execute(insert(TABLES["contact_detail"]), known_details)
    return ImportCounts(len(made), merged)


def _insert_people(session: Session, rows: list[dict[str, object]]) -> list[int]:
    """Insert the new people in one executemany and return their ids, in order.

    The first row is inserted alone: from then on this transaction holds the write lock, so no
    other process can take the ids that follow it, and the rest are given those ids explicitly.
    """
    first = session.execute(insert(Contact).returning(Contact.id), rows[:1]).scalar_one()
    ids = list(range(first, first + len(rows)))
    if len(rows) > 1:
        rest = [{**row, "id": person_id} for person_id, row in zip(ids[1:], rows[1:], strict=True)]
        session.execute(insert(TABLES["contact"]), rest)  # Core executemany: no ORM per row
    return ids
