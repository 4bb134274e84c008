"""Service: the people the user meets, captured in seconds, one person per human across conferences.

A capture adds to a known person when an email, a phone number or the ORCID iD matches (or when
it names the program's speaker already linked to someone); otherwise it creates a person. A close
name at the same institution is only offered as a merge (see people_merge.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain.contact_matching import is_same_card, orcid_key
from conference_app.core.domain.patient_info import patient_info_warnings
from conference_app.core.domain.people_filter import PeopleFilter, filter_people
from conference_app.core.domain.people import (
    CaptureData,
    CaptureResult,
    ContactDetails,
    ConversationNote,
    ConversationView,
    Direction,
    Obtained,
    PersonSummary,
    PersonView,
    Relationship,
    one_line,
    split_lines,
)
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.services.people_import import ImportCounts, import_cards_in
from conference_app.core.services.people_merge import MergeService, duplicates_of, merge_views
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import (
    Conference,
    Contact,
    ContactDetail,
    ContactSpeaker,
    Conversation,
    Event,
    Goal,
    GoalContact,
    Pick,
    Speaker,
    Target,
)
from conference_app.core.storage.people_rows import (
    add_details,
    detail_values,
    contact_details,
    enum_or,
    find_by_keys,
    person_summaries,
)
from conference_app.core.storage.settings import get_setting, put_setting
from conference_app.core.storage.speaker_sessions import next_session_of

Clock = Callable[[], datetime]
DRAFT_KEY = "capture-draft"
JUST_ENDED = timedelta(minutes=90)  # a session that ended this recently is still "where we met"
CAPTURE_TOPICS = frozenset({Topic.CONTACTS, Topic.GOALS, Topic.TARGETS, Topic.AGENDA})


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class PeopleService(MergeService):
    """Every public method is one user action in one transaction, returning plain values."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = _utc_now) -> None:
        super().__init__(sessions, clock)

    # --- capture ---------------------------------------------------------------------------

    def capture(self, data: CaptureData, clear_draft: bool = True) -> Outcome[CaptureResult]:
        """Record a person and (usually) the conversation just had; goal progress follows at once."""
        with self._sessions.begin() as session:
            result = capture_in(session, data, self._now())
            if clear_draft:
                put_setting(session, DRAFT_KEY, None)
        return Outcome(result, CAPTURE_TOPICS)

    def import_cards(self, cards: Sequence[tuple[ContactDetails, str]], obtained: Obtained) -> Outcome[ImportCounts]:
        """Add people from cards (a .vcf file, scanned codes) in one transaction, without a conversation.

        A card matching a known person by email, phone or ORCID, or the very same name and
        institution with no email that disagrees (the same card imported again), goes to that person.
        """
        with self._sessions.begin() as session:
            counts = import_cards_in(
                session, cards, obtained, self._now(), _clean_details, lambda contact, d: _fill(contact, d, None)
            )
        return Outcome(counts, frozenset({Topic.CONTACTS}))

    # --- reading ---------------------------------------------------------------------------

    def people(self, search: str = "") -> list[PersonSummary]:
        """Everyone, by name; `search` keeps those whose name, institution, position or details contain it."""
        with self._sessions() as session:
            rows = person_summaries(session)
        if not search.strip():
            return rows
        return filter_people(rows, PeopleFilter.typed(search), self._now())

    def person(self, person_id: int) -> PersonView:
        with self._sessions() as session:
            contact = _live(session, get_or_raise(session, Contact, person_id, "person"))
            return _person_view(session, contact)

    def details_of(self, person_id: int) -> CaptureData:
        """A known person's card, relationship and how they were found, for editing or a new conversation."""
        with self._sessions() as session:
            contact = _live(session, get_or_raise(session, Contact, person_id, "person"))
            return CaptureData(
                details=contact_details(session, contact),
                relationship=enum_or(Relationship, contact.relationship_role, Relationship.NONE),
                direction=enum_or(Direction, contact.direction, Direction.NONE),
                obtained=enum_or(Obtained, contact.obtained, Obtained.TYPED),
                person_id=contact.id,
            )

    def for_speaker(self, speaker_id: int) -> CaptureData:
        """What "I met them…" prefills: the speaker (or the person they already are) at their session."""
        with self._sessions() as session:
            speaker = get_or_raise(session, Speaker, speaker_id, "speaker")
            link = session.get(ContactSpeaker, speaker_id)
            if link is not None:
                contact = session.get_one(Contact, link.contact_id)
                details = contact_details(session, contact)
                details = replace(
                    details,
                    institution=details.institution or speaker.affiliation,
                    position=details.position or speaker.role,
                )
            else:
                details = ContactDetails(name=speaker.name, institution=speaker.affiliation, position=speaker.role)
            target = session.scalars(
                select(Target).where(Target.speaker_id == speaker_id, Target.event_id.is_not(None)).order_by(Target.id)
            ).first()
            event_id = target.event_id if target is not None else next_session_of(session, speaker_id, self._now())
            event = session.get(Event, event_id) if event_id is not None else None
            goal_ids = tuple(
                g for g in session.scalars(select(Target.goal_id).where(Target.speaker_id == speaker_id)) if g
            )
            suggested = set(goal_ids) | set(self._suggest(session, details, speaker.conference_id))
            note = ConversationNote(
                conference_id=speaker.conference_id,
                event_id=event.id if event is not None else None,
                place=event.room if event is not None else "",
            )
            return CaptureData(
                details=details,
                obtained=Obtained.PROGRAM,
                conversation=note,
                goal_ids=tuple(sorted(suggested)),
                speaker_id=speaker_id,
            )

    def suggested_goals(self, details: ContactDetails, conference_id: int | None) -> tuple[int, ...]:
        """The active goals this person would count for, from their field, institution and position."""
        with self._sessions() as session:
            return self._suggest(session, details, conference_id)

    @staticmethod
    def _suggest(session: Session, details: ContactDetails, conference_id: int | None) -> tuple[int, ...]:
        query = select(Goal).where(Goal.status == "active", Goal.kind != "attend")
        if conference_id is not None:
            query = query.where((Goal.conference_id == conference_id) | Goal.conference_id.is_(None))
        about = " ".join((details.specialty, details.institution, details.position, details.note)).casefold()
        chosen = []
        for goal in session.scalars(query.order_by(Goal.id)):
            keywords = [str(k).casefold() for k in goal.keywords or [] if str(k).strip()]
            roles = [str(r).casefold() for r in goal.roles or []]
            institutions = [str(i).casefold() for i in goal.institutions or []]
            if not (keywords or roles or institutions):
                chosen.append(goal.id)  # "2–3 meaningful conversations": anyone counts
            elif (
                any(k in about for k in keywords)
                or (details.position and any(role in details.position.casefold() for role in roles if role))
                or (details.institution and details.institution.casefold() in institutions)
            ):
                chosen.append(goal.id)
        return tuple(chosen)

    def where_we_are(self, conference_id: int | None, now: datetime | None = None) -> ConversationNote:
        """Where a meeting now most likely happens: the picked session running now, or one just ended."""
        now = now or self._now()
        if conference_id is None:
            return ConversationNote(met_at=now)
        with self._sessions() as session:
            rows = session.execute(
                select(Event.id, Event.room, Event.start, Event.end)
                .join(Pick, Pick.event_id == Event.id)
                .where(
                    Event.conference_id == conference_id,
                    ~Event.cancelled,
                    Event.start <= now,
                    Event.end >= now - JUST_ENDED,
                )
                .order_by(Event.end.desc())
            ).all()
        running = [r for r in rows if r.end >= now]
        chosen = running[0] if running else (rows[0] if rows else None)
        if chosen is None:
            return ConversationNote(conference_id=conference_id, met_at=now)
        return ConversationNote(conference_id=conference_id, event_id=chosen.id, place=chosen.room, met_at=now)

    # --- editing ---------------------------------------------------------------------------

    def update_person(self, data: CaptureData) -> Outcome[PersonView]:
        """Change a known person's details; emails, phones and addresses not given any more are removed."""
        if data.person_id is None:
            raise UserError("no person given to update")
        details = _clean_details(data.details)
        if not (details.name or details.emails):
            raise UserError("a person needs at least a name or an email address")
        with self._sessions.begin() as session:
            contact = _live(session, get_or_raise(session, Contact, data.person_id, "person"))
            contact.name = details.name or details.emails[0]
            contact.institution = details.institution
            contact.position = details.position
            contact.specialty = details.specialty
            contact.orcid = orcid_key(details.orcid)
            contact.note = details.note
            contact.relationship_role = data.relationship.value
            contact.direction = data.direction.value
            _replace_details(session, contact.id, details)
            session.flush()
            view = _person_view(session, contact)
        return Outcome(view, frozenset({Topic.CONTACTS, Topic.GOALS}))

    def delete_person(self, person_id: int) -> Outcome[None]:
        """Forget a person, their conversations and goal links."""
        with self._sessions.begin() as session:
            contact = get_or_raise(session, Contact, person_id, "person")
            # Records merged into this person are the same human: they go too, or they would reappear.
            doomed = [contact.id]
            while True:
                more = session.scalars(
                    select(Contact.id).where(Contact.merged_into_id.in_(doomed), Contact.id.not_in(doomed))
                ).all()
                if not more:
                    break
                doomed.extend(more)
            session.execute(delete(Contact).where(Contact.id.in_(doomed)))
        return Outcome(None, CAPTURE_TOPICS)

    def delete_conversation(self, conversation_id: int) -> Outcome[None]:
        with self._sessions.begin() as session:
            session.delete(get_or_raise(session, Conversation, conversation_id, "conversation"))
        return Outcome(None, CAPTURE_TOPICS)

    # --- the draft of a capture in progress -------------------------------------------------

    def save_draft(self, draft: dict[str, object]) -> None:
        """Keep what the capture dialog holds, so a crash or a closed lid loses no keystroke."""
        try:
            with self._sessions.begin() as session:
                put_setting(session, DRAFT_KEY, dict(draft))
        except OperationalError as error:  # busy (an import holds the lock) or read-only: try again later
            raise UserError(f"the note could not be kept yet ({error.orig})") from error

    def draft(self) -> dict[str, object] | None:
        with self._sessions() as session:
            value = get_setting(session, DRAFT_KEY)
        return value if isinstance(value, dict) and value else None

    def discard_draft(self) -> None:
        with self._sessions.begin() as session:
            put_setting(session, DRAFT_KEY, None)


# --- helpers -------------------------------------------------------------------------------------


def capture_in(session: Session, data: CaptureData, now: datetime) -> CaptureResult:
    """A capture inside the caller's transaction (see PeopleService.capture)."""
    details = _clean_details(data.details)
    if not (details.name or details.emails):
        raise UserError("a person needs at least a name or an email address")
    details = details.with_name_fallback()
    warnings = tuple(
        str(w)
        for text in (*(data.conversation.texts() if data.conversation else ()), details.note)
        for w in patient_info_warnings(text)
    )
    contact, matched = _person_for(session, data, details)
    created = contact is None
    if contact is None:
        contact = Contact(name=details.name, obtained=data.obtained.value, created_at=now)
        session.add(contact)
        session.flush()
    _fill(contact, details, data)
    add_details(session, contact.id, details)
    goal_ids = set(data.goal_ids)
    if data.speaker_id is not None:
        goal_ids |= _link_speaker(session, contact.id, data.speaker_id)
    conversation_id = None
    if data.conversation is not None:
        conversation_id = _add_conversation(session, contact.id, data.conversation, data.speaker_id, now)
    for goal_id in sorted(goal_ids):
        get_or_raise(session, Goal, goal_id, "goal")
        if session.get(GoalContact, (goal_id, contact.id)) is None:
            session.add(GoalContact(goal_id=goal_id, contact_id=contact.id))
    session.flush()
    return CaptureResult(
        person_id=contact.id,
        created=created,
        merged_into=matched,
        conversation_id=conversation_id,
        possible_duplicates=tuple(duplicates_of(session, contact)),
        warnings=warnings,
    )


def _same_speaker_elsewhere(session: Session, speaker: Speaker) -> Contact | None:
    """The person already linked to this speaker in another conference's program: the very same
    name and affiliation in two programs is one human (a close name is only offered as a merge)."""
    if not speaker.affiliation.strip():
        return None
    rows = session.execute(
        select(ContactSpeaker.contact_id, Speaker.name, Speaker.affiliation)
        .join(Speaker, Speaker.id == ContactSpeaker.speaker_id)
        .where(Speaker.conference_id != speaker.conference_id)
    ).all()
    for contact_id, name, affiliation in rows:
        if is_same_card(name, affiliation, speaker.name, speaker.affiliation):
            return _live(session, session.get_one(Contact, contact_id))
    return None


def _person_for(session: Session, data: CaptureData, details: ContactDetails) -> tuple[Contact | None, int | None]:
    """The known person this capture adds to, and their id when a detail matched it."""
    if data.person_id is not None:
        return _live(session, get_or_raise(session, Contact, data.person_id, "person")), None
    if data.speaker_id is not None:
        get_or_raise(session, Speaker, data.speaker_id, "speaker")
        link = session.get(ContactSpeaker, data.speaker_id)
        if link is not None:
            return _live(session, session.get_one(Contact, link.contact_id)), None
        same = _same_speaker_elsewhere(session, session.get_one(Speaker, data.speaker_id))
        if same is not None:
            return same, None
    found = find_by_keys(session, details)
    return (found, found.id) if found is not None else (None, None)


def _live(session: Session, contact: Contact) -> Contact:
    """The person itself, or the one it was merged into."""
    seen = set()
    while contact.merged_into_id is not None and contact.id not in seen:
        seen.add(contact.id)
        contact = session.get_one(Contact, contact.merged_into_id)
    return contact


def _clean_details(details: ContactDetails) -> ContactDetails:
    return replace(
        details,
        name=one_line(details.name),
        institution=one_line(details.institution),
        position=one_line(details.position),
        specialty=one_line(details.specialty),
        emails=tuple(dict.fromkeys(one_line(e) for e in details.emails if one_line(e))),
        phones=tuple(dict.fromkeys(one_line(p) for p in details.phones if one_line(p))),
        urls=tuple(dict.fromkeys(one_line(u) for u in details.urls if one_line(u))),
        orcid=orcid_key(details.orcid) or next((orcid_key(u) for u in details.urls if orcid_key(u)), ""),
        note=details.note.strip(),
    )


def _replace_details(session: Session, contact_id: int, details: ContactDetails) -> None:
    """The person's emails, phones and addresses become the card's, keeping the rows that stay (a
    merge is undone by what it moved, so a kept row must stay the same row)."""
    wanted = {(kind, key): (value, position) for position, (kind, value, key) in enumerate(detail_values(details))}
    for row in session.scalars(select(ContactDetail).where(ContactDetail.contact_id == contact_id)):
        if (row.kind, row.match_key) in wanted:
            row.value, row.position = wanted.pop((row.kind, row.match_key))
        else:
            session.delete(row)
    for (kind, key), (value, position) in wanted.items():
        session.add(ContactDetail(contact_id=contact_id, kind=kind, value=value, match_key=key, position=position))


def _fill(contact: Contact, details: ContactDetails, data: CaptureData | None) -> None:
    """Fill what the person lacks; what the user chose in this capture (relationship) wins."""
    emails = {e.casefold() for e in details.emails}
    named_after_email = contact.name.casefold() in emails or ("@" in contact.name and " " not in contact.name)
    if not contact.name or (named_after_email and details.name.casefold() not in emails and "@" not in details.name):
        contact.name = details.name or contact.name
    contact.institution = contact.institution or details.institution
    contact.position = contact.position or details.position
    contact.specialty = contact.specialty or details.specialty
    contact.orcid = contact.orcid or details.orcid
    if details.note and details.note not in contact.note:
        contact.note = "\n".join(part for part in (contact.note, details.note) if part)
    if contact.photo is None and details.photo is not None:
        contact.photo = details.photo
    if data is not None:
        if data.relationship is not Relationship.NONE:
            contact.relationship_role = data.relationship.value
        if data.direction is not Direction.NONE:
            contact.direction = data.direction.value
        if data.vcard and not contact.vcard:
            contact.vcard = data.vcard


def _link_speaker(session: Session, contact_id: int, speaker_id: int) -> set[int]:
    """Link the speaker to the person; the goals the speaker was marked to meet for."""
    if session.get(ContactSpeaker, speaker_id) is None:
        session.add(ContactSpeaker(speaker_id=speaker_id, contact_id=contact_id))
    return {g for g in session.scalars(select(Target.goal_id).where(Target.speaker_id == speaker_id)) if g}


def _add_conversation(
    session: Session, contact_id: int, note: ConversationNote, speaker_id: int | None, now: datetime
) -> int:
    event = get_or_raise(session, Event, note.event_id, "session") if note.event_id is not None else None
    conference_id = note.conference_id
    if conference_id is None and event is not None:
        conference_id = event.conference_id
    if conference_id is None and speaker_id is not None:
        conference_id = session.get_one(Speaker, speaker_id).conference_id
    if conference_id is not None:
        get_or_raise(session, Conference, conference_id, "conference")
    met_at = note.met_at or (event.end if event is not None else now)
    if met_at.tzinfo is None:
        raise UserError("the time of the meeting needs a time zone")
    conversation = Conversation(
        contact_id=contact_id,
        conference_id=conference_id,
        event_id=event.id if event is not None else None,
        met_at=met_at,
        place=one_line(note.place) or (event.room if event is not None else ""),
        poster=one_line(note.poster),
        points="\n".join(split_lines("\n".join(note.points))),
        promises="\n".join(split_lines("\n".join(note.my_promises))),
        their_promises="\n".join(split_lines("\n".join(note.their_promises))),
    )
    session.add(conversation)
    session.flush()
    return conversation.id


def _person_view(session: Session, contact: Contact) -> PersonView:
    summary = person_summaries(session, [contact.id])[0]
    rows = session.execute(
        select(Conversation, Conference.title, Conference.time_zone, Event.title)
        .outerjoin(Conference, Conference.id == Conversation.conference_id)
        .outerjoin(Event, Event.id == Conversation.event_id)
        .where(Conversation.contact_id == contact.id)
        .order_by(Conversation.met_at.desc(), Conversation.id.desc())
    ).all()
    conversations = tuple(
        ConversationView(
            id=c.id,
            conference_id=c.conference_id,
            conference_title=title or "",
            event_id=c.event_id,
            event_title=event_title or "",
            met_at=c.met_at.astimezone(ZoneInfo(zone) if zone else timezone.utc),
            place=c.place,
            poster=c.poster,
            points=split_lines(c.points),
            my_promises=split_lines(c.promises),
            their_promises=split_lines(c.their_promises),
        )
        for c, title, zone, event_title in rows
    )
    return PersonView(
        summary=summary,
        note=contact.note,
        photo=contact.photo,
        conversations=conversations,
        merges=merge_views(session, contact.id),
        possible_duplicates=tuple(duplicates_of(session, contact)),
    )
