"""Reading the follow-up clock's facts and a message's fields out of the database, in bulk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from conference_app.core.domain import email_templates as templates
from conference_app.core.domain.follow_up_clock import (
    ConversationFact,
    Decision,
    Facts,
    PersonFact,
    ReplyFact,
    SentFact,
    TaskStatus,
)
from conference_app.core.domain.follow_up_templates import MetFields, ThemFields, how_we_met
from conference_app.core.domain.people import one_line, split_lines
from conference_app.core.storage.models import (
    Conference,
    Contact,
    Conversation,
    Event,
    OutgoingMessage,
    Reply,
    TaskDecision,
)

# How the user may ask to address someone; "" lets the name and position decide (Dr., Professor).
ADDRESS_TITLES = {"": "", "dr": "Dr.", "prof": "Professor", "professor": "Professor", "mr": "Mr.", "ms": "Ms.",
                  "miss": "Miss", "mrs": "Mrs.", "mx": "Mx."}  # fmt: skip


def local_day(moment: datetime) -> date:
    """The day a stored (UTC) moment falls on for the user, in this machine's zone."""
    return moment.astimezone().date()


def live_ids(session: Session) -> dict[int, int]:
    """Every person id, merged ones included, mapped to the person they now are."""
    merged_into: dict[int, int | None] = {row.id: row.merged_into_id for row in session.execute(select(Contact.id, Contact.merged_into_id))}

    def live(contact_id: int) -> int:
        seen = set()
        while merged_into.get(contact_id) is not None and contact_id not in seen:
            seen.add(contact_id)
            contact_id = merged_into[contact_id] or contact_id
        return contact_id

    return {contact_id: live(contact_id) for contact_id in merged_into}


def load_facts(session: Session) -> Facts:
    """Everything the clock reads: people, conversations, messages sent, replies, decisions."""
    live = live_ids(session)
    people = {
        row.id: PersonFact(row.id, row.name, row.relationship_role, row.keep_in_touch_months)
        for row in session.execute(
            select(Contact.id, Contact.name, Contact.relationship_role, Contact.keep_in_touch_months).where(
                Contact.merged_into_id.is_(None)
            )
        )
    }
    conversations = []
    rows = session.execute(
        select(Conversation.id, Conversation.contact_id, Conversation.met_at, Conversation.promises,
               Conference.title, Conference.end_date, Conference.time_zone)
        .outerjoin(Conference, Conference.id == Conversation.conference_id)
        .order_by(Conversation.id)
    )  # fmt: skip
    for row in rows:
        zone = ZoneInfo(row.time_zone) if row.time_zone else timezone.utc
        conversations.append(
            ConversationFact(
                id=row.id, person_id=live.get(row.contact_id, row.contact_id), met_on=row.met_at.astimezone(zone).date(),
                conference=row.title or "", conference_end=row.end_date, my_promises=split_lines(row.promises),
            )
        )
    sent = [
        SentFact(row.task_id, live.get(row.contact_id, row.contact_id), local_day(row.sent_at))
        for row in session.execute(
            select(OutgoingMessage.task_id, OutgoingMessage.contact_id, OutgoingMessage.sent_at).where(
                OutgoingMessage.state == "sent",
                OutgoingMessage.task_id.is_not(None),
                OutgoingMessage.contact_id.is_not(None),
                OutgoingMessage.sent_at.is_not(None),
            )
        )
    ]
    replies = [
        ReplyFact(row.id, live.get(row.contact_id, row.contact_id), row.received_on, row.asks)
        for row in session.scalars(select(Reply).order_by(Reply.id))
    ]
    decisions = [
        Decision(row.task_id, TaskStatus(row.status), row.decided_on, row.until)
        for row in session.scalars(select(TaskDecision))
    ]
    return Facts(people, tuple(conversations), tuple(sent), tuple(replies), tuple(decisions))


def them_fields(contact: Contact) -> ThemFields:
    """How to address the person: their chosen title if the user set one, else from name and position."""
    name = templates.person_name(one_line(contact.name), contact.position or "")
    title = ADDRESS_TITLES.get(contact.address_title.casefold().rstrip("."), "") or name.title
    salutation = f"{title} {name.surname}".strip() if title and name.surname else name.salutation
    return ThemFields(title=title, name=name.full or one_line(contact.name), first_name=name.first,
                      salutation=salutation)


@dataclass(frozen=True)
class ConversationText:
    """What a follow-up email may recall of one conversation."""

    met: MetFields
    points: tuple[str, ...]
    my_promises: tuple[str, ...]
    their_promises: tuple[str, ...]
    conference: templates.ConferenceFields


def conversation_text(session: Session, conversation_id: int | None) -> ConversationText:
    """How we met, the points, both sides' promises and the conference of a conversation."""
    conversation = session.get(Conversation, conversation_id) if conversation_id is not None else None
    if conversation is None:
        return ConversationText(MetFields("recently", "", "", "", "", ""), (), (), (), templates.ConferenceFields("", ""))
    conference = session.get(Conference, conversation.conference_id) if conversation.conference_id else None
    event = session.get(Event, conversation.event_id) if conversation.event_id else None
    zone = ZoneInfo(conference.time_zone) if conference and conference.time_zone else timezone.utc
    met_at = conversation.met_at.astimezone(zone)
    when = templates.session_fields("", "", met_at, met_at, "", "")  # the locale-free day and date
    day = f"{when.day}, {when.date}"
    session_title = event.title if event else ""
    conference_title = conference.title if conference else ""
    met = MetFields(
        how=how_we_met(session_title, conversation.poster, conversation.place, day, conference_title),
        session=session_title, poster=conversation.poster, day=day, place=conversation.place,
        conference=conference_title,
    )
    return ConversationText(
        met, split_lines(conversation.points), split_lines(conversation.promises),
        split_lines(conversation.their_promises),
        templates.ConferenceFields(conference_title, (conference.acronym or "") if conference else ""),
    )


def latest_conversation_ids(session: Session) -> dict[int, int]:
    """Each live person's latest conversation id (what a reply or a keep-in-touch email recalls)."""
    live = live_ids(session)
    latest: dict[int, tuple[datetime, int]] = {}
    for contact_id, met_at, conversation_id in session.execute(
        select(Conversation.contact_id, Conversation.met_at, Conversation.id)
    ):
        person = live.get(contact_id, contact_id)
        if person not in latest or (met_at, conversation_id) > latest[person]:
            latest[person] = (met_at, conversation_id)
    return {person: conversation_id for person, (_met, conversation_id) in latest.items()}


def draft_messages_by_task(session: Session) -> dict[str, OutgoingMessage]:
    """The unsent message already written for each task, so writing again keeps its Message-ID."""
    found: dict[str, OutgoingMessage] = {}
    for message in session.scalars(
        select(OutgoingMessage).where(OutgoingMessage.task_id.is_not(None), OutgoingMessage.state == "draft")
        .order_by(OutgoingMessage.id)
    ):
        found.setdefault(str(message.task_id), message)
    return found
