"""Merging two records of one person, and undoing it.

A merge keeps every field and conversation: the kept person takes the other's emails, phones,
addresses, conversations, goal links, speaker links and follow-ups, and fills its empty fields
from the other's. What moved is written down with the merge, so undoing it puts each back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from rapidfuzz import fuzz, process

from conference_app.core.domain.contact_matching import NAME_SIMILARITY, may_be_same_person, name_key
from conference_app.core.domain.people import MergeView, PersonSummary
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import (
    Contact,
    ContactDetail,
    ContactDistinct,
    ContactMerge,
    ContactSpeaker,
    Conversation,
    FollowUp,
    GoalContact,
    OutgoingMessage,
)
from conference_app.core.storage.people_rows import person_summaries, raw_connection

MERGE_TOPICS = frozenset({Topic.CONTACTS, Topic.GOALS, Topic.TARGETS, Topic.AGENDA, Topic.FOLLOW_UPS})
_FILLED_FIELDS = ("name", "institution", "position", "specialty", "orcid", "note", "relationship_role", "direction")


class MergeService:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._now = clock

    def merge(self, keep_id: int, other_id: int) -> Outcome[MergeView]:
        """Make `other_id` part of `keep_id`: one person with everything both had."""
        if keep_id == other_id:
            raise UserError("a person cannot be merged with themselves")
        with self._sessions.begin() as session:
            kept = _live_or_raise(session, keep_id)
            other = _live_or_raise(session, other_id)
            record = _move_everything(session, kept, other)
            other.merged_into_id = kept.id
            row = ContactMerge(kept_id=kept.id, merged_id=other.id, record=record, merged_at=self._now())
            session.add(row)
            session.flush()
            view = MergeView(row.id, kept.id, other.id, other.name, row.merged_at)
        return Outcome(view, MERGE_TOPICS)

    def undo_merge(self, merge_id: int) -> Outcome[MergeView]:
        """Split a merge: the other person comes back with what they brought, the kept one as it was."""
        with self._sessions.begin() as session:
            row = get_or_raise(session, ContactMerge, merge_id, "merge")
            if row.undone_at is not None:
                raise UserError(f"merge {merge_id} was already undone")
            kept = session.get_one(Contact, row.kept_id)
            other = session.get_one(Contact, row.merged_id)
            if kept.merged_into_id is not None:
                raise UserError(f"undo the later merge of {kept.name} first")
            _move_back(session, kept, other, row.record)
            other.merged_into_id = None
            row.undone_at = self._now()
            view = MergeView(row.id, kept.id, other.id, other.name, row.merged_at)
        return Outcome(view, MERGE_TOPICS)

    def mark_distinct(self, first_id: int, second_id: int) -> Outcome[None]:
        """The user says these two are different people: stop offering the merge."""
        with self._sessions.begin() as session:
            get_or_raise(session, Contact, first_id, "person")
            get_or_raise(session, Contact, second_id, "person")
            low, high = sorted((first_id, second_id))
            if session.get(ContactDistinct, (low, high)) is None:
                session.add(ContactDistinct(first_id=low, second_id=high))
        return Outcome(None, frozenset({Topic.CONTACTS}))


def _live_or_raise(session: Session, contact_id: int) -> Contact:
    contact = get_or_raise(session, Contact, contact_id, "person")
    if contact.merged_into_id is not None:
        raise UserError(f"person {contact_id} was merged into person {contact.merged_into_id}")
    return contact


def _move_everything(session: Session, kept: Contact, other: Contact) -> dict:
    record: dict = {"kept_before": {f: getattr(kept, f) for f in _FILLED_FIELDS}, "photo_filled": False}
    for field in _FILLED_FIELDS:
        if not getattr(kept, field) and getattr(other, field):
            setattr(kept, field, getattr(other, field))
    if other.note and kept.note != other.note and other.note not in kept.note:
        kept.note = f"{kept.note}\n{other.note}".strip()
    if kept.photo is None and other.photo is not None:
        kept.photo = other.photo
        record["photo_filled"] = True

    kept_keys = {
        (row.kind, row.match_key)
        for row in session.execute(
            select(ContactDetail.kind, ContactDetail.match_key).where(ContactDetail.contact_id == kept.id)
        )
    }
    position = 1 + max(
        session.scalars(select(ContactDetail.position).where(ContactDetail.contact_id == kept.id)), default=-1
    )
    moved_details = []
    for detail in session.scalars(
        select(ContactDetail).where(ContactDetail.contact_id == other.id).order_by(ContactDetail.position)
    ):
        if (detail.kind, detail.match_key) in kept_keys:
            continue
        moved_details.append([detail.kind, detail.match_key, detail.position])
        detail.contact_id, detail.position = kept.id, position
        position += 1
    record["details"] = moved_details

    kept_goals = set(session.scalars(select(GoalContact.goal_id).where(GoalContact.contact_id == kept.id)))
    other_goals = list(session.scalars(select(GoalContact.goal_id).where(GoalContact.contact_id == other.id)))
    for goal_id in other_goals:
        session.delete(session.get_one(GoalContact, (goal_id, other.id)))
        if goal_id not in kept_goals:
            session.add(GoalContact(goal_id=goal_id, contact_id=kept.id))
    record["goals"] = {"moved": other_goals, "added": [g for g in other_goals if g not in kept_goals]}

    for key, model in (
        ("conversations", Conversation),
        ("speakers", ContactSpeaker),
        ("follow_ups", FollowUp),
        ("messages", OutgoingMessage),
    ):
        record[key] = _reassign(session, model, other.id, kept.id)
    session.flush()
    return record


def _primary_keys(session: Session, model: type, contact_id: int) -> list[int]:
    key = model.speaker_id if model is ContactSpeaker else model.id  # type: ignore[attr-defined]
    return list(session.scalars(select(key).where(model.contact_id == contact_id)))  # type: ignore[attr-defined]


def _reassign(session: Session, model: type, from_id: int, to_id: int, only: list[int] | None = None) -> list[int]:
    ids = _primary_keys(session, model, from_id) if only is None else only
    if ids:
        key = model.speaker_id if model is ContactSpeaker else model.id  # type: ignore[attr-defined]
        session.execute(update(model).where(key.in_(ids)).values(contact_id=to_id))
    return ids


def _move_back(session: Session, kept: Contact, other: Contact, record: dict) -> None:
    for field, value in record.get("kept_before", {}).items():
        setattr(kept, field, value)
    if record.get("photo_filled"):
        kept.photo = None
    # By what they are, not by row id: an edit since the merge may have rewritten the rows.
    kept_details = {
        (d.kind, d.match_key): d
        for d in session.scalars(select(ContactDetail).where(ContactDetail.contact_id == kept.id))
    }
    for kind, key, position in record.get("details", []):
        detail = kept_details.get((kind, key))
        if detail is not None:
            detail.contact_id, detail.position = other.id, position
    goals = record.get("goals", {})
    for goal_id in goals.get("added", []):
        link = session.get(GoalContact, (goal_id, kept.id))
        if link is not None:
            session.delete(link)
    for goal_id in goals.get("moved", []):
        if session.get(GoalContact, (goal_id, other.id)) is None:
            session.add(GoalContact(goal_id=goal_id, contact_id=other.id))
    for key, model in (
        ("conversations", Conversation),
        ("speakers", ContactSpeaker),
        ("follow_ups", FollowUp),
        ("messages", OutgoingMessage),
    ):
        still_there = set(_primary_keys(session, model, kept.id))
        _reassign(session, model, kept.id, other.id, [i for i in record.get(key, []) if i in still_there])
    session.flush()


def duplicates_of(session: Session, contact: Contact) -> list[PersonSummary]:
    """People who may be this one: a close name at the same institution, not already told apart."""
    told_apart = set()
    for first, second in session.execute(
        select(ContactDistinct.first_id, ContactDistinct.second_id).where(
            or_(ContactDistinct.first_id == contact.id, ContactDistinct.second_id == contact.id)
        )
    ):
        told_apart.add(second if first == contact.id else first)
    mine = name_key(contact.name)
    if not mine:
        return []
    rows = raw_connection(session).execute(
        "SELECT id, name, institution FROM contact WHERE merged_into_id IS NULL AND id != ?", (contact.id,)
    ).fetchall()
    # Names first, in C over every name (cheap), then the institution for the few close ones.
    names = {row[0]: name_key(row[1]) for row in rows if row[0] not in told_apart}
    close = process.extract(mine, names, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_SIMILARITY, limit=None)
    institutions = {row[0]: row[2] for row in rows}
    candidates = [
        person_id
        for _name, _score, person_id in close
        if may_be_same_person(contact.name, contact.institution, names[person_id], institutions[person_id])
    ]
    return person_summaries(session, candidates)


def merge_views(session: Session, contact_id: int) -> tuple[MergeView, ...]:
    """The merges into this person that can still be undone, newest first."""
    rows = session.execute(
        select(ContactMerge, Contact.name)
        .join(Contact, Contact.id == ContactMerge.merged_id)
        .where(ContactMerge.kept_id == contact_id, ContactMerge.undone_at.is_(None))
        .order_by(ContactMerge.id.desc())
    ).all()
    return tuple(MergeView(m.id, m.kept_id, m.merged_id, name, m.merged_at) for m, name in rows)
