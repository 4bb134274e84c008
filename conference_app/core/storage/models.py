"""The ORM: one SQLite file holds programs, the user's plan, the people met and follow-ups.

Program rows (conference, event, speaker) are replaced by program updates; the user's own rows
(picks, notes, targets, contacts, follow-ups) point at them by id and are never touched by an update.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from conference_app.core.domain.program import SpeakerRef

from .types import AwareDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- the program -------------------------------------------------------------------------------


class Conference(Base):
    __tablename__ = "conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String, unique=True)  # matches a newer version of the same program
    title: Mapped[str] = mapped_column(String)
    acronym: Mapped[str] = mapped_column(String, default="")
    version: Mapped[str] = mapped_column(String, default="")
    time_zone: Mapped[str] = mapped_column(String, default="UTC")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    source_format: Mapped[str] = mapped_column(String, default="")
    source_file: Mapped[str] = mapped_column(String, default="")
    imported_at: Mapped[datetime] = mapped_column(AwareDateTime)


class Event(Base):
    """A session of the program (talk, panel, poster session, reception...)."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("conference_id", "identity"),
        Index("ix_event_conference_start", "conference_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"))
    identity: Mapped[str] = mapped_column(String)  # from the source's guid/id/UID, unique per conference
    source_id: Mapped[str] = mapped_column(String, default="")
    title: Mapped[str] = mapped_column(String)
    subtitle: Mapped[str] = mapped_column(String, default="")
    track: Mapped[str] = mapped_column(String, default="")
    type: Mapped[str] = mapped_column(String, default="")
    room: Mapped[str] = mapped_column(String, default="")
    language: Mapped[str] = mapped_column(String, default="")
    start: Mapped[datetime] = mapped_column(AwareDateTime)
    end: Mapped[datetime] = mapped_column(AwareDateTime)
    day_index: Mapped[int] = mapped_column(Integer, default=1)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)  # gone from the latest program version
    # Long text last (see the migration): listing sessions never reads past it.
    links: Mapped[list] = mapped_column(JSON, default=list)
    abstract: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")

    speakers: Mapped[list[EventSpeaker]] = relationship(
        order_by="EventSpeaker.position", cascade="all, delete-orphan", passive_deletes=True
    )

    def speaker_refs(self) -> tuple[SpeakerRef, ...]:
        """The session's speakers in the program's order, as plain values."""
        return tuple(
            SpeakerRef(link.speaker.id, link.speaker.name, link.speaker.affiliation, link.speaker.role)
            for link in self.speakers
        )


class Speaker(Base):
    __tablename__ = "speaker"
    __table_args__ = (UniqueConstraint("conference_id", "identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"))
    identity: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    affiliation: Mapped[str] = mapped_column(String, default="")
    role: Mapped[str] = mapped_column(String, default="")
    biography: Mapped[str] = mapped_column(Text, default="")


class EventSpeaker(Base):
    __tablename__ = "event_speaker"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speaker.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    speaker: Mapped[Speaker] = relationship(lazy="joined")


# --- the user's plan ---------------------------------------------------------------------------


class Pick(Base):
    """A session the user wants to attend."""

    __tablename__ = "pick"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    priority: Mapped[str] = mapped_column(String, default="must")  # "must" | "nice"
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    picked_at: Mapped[datetime] = mapped_column(AwareDateTime)


class EventNote(Base):
    __tablename__ = "event_note"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime)


class PersonalItem(Base):
    """Something of the user's own in the agenda (a meeting with a mentor, a dinner)."""

    __tablename__ = "personal_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String)
    start: Mapped[datetime] = mapped_column(AwareDateTime)
    end: Mapped[datetime] = mapped_column(AwareDateTime)
    location: Mapped[str] = mapped_column(String, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Profile(Base):
    """The user. A single row (id 1)."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, default="")
    stage: Mapped[str] = mapped_column(String, default="")
    institution: Mapped[str] = mapped_column(String, default="")
    interests: Mapped[list] = mapped_column(JSON, default=list)
    target_institutions: Mapped[list] = mapped_column(JSON, default=list)
    target_fellowships: Mapped[list] = mapped_column(JSON, default=list)
    email: Mapped[str] = mapped_column(String, default="")
    phone: Mapped[str] = mapped_column(String, default="")
    linkedin: Mapped[str] = mapped_column(String, default="")
    x_handle: Mapped[str] = mapped_column(String, default="")
    orcid: Mapped[str] = mapped_column(String, default="")
    pitch: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(Text, default="")


class Goal(Base):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String)  # meet | introduce | learn | attend | custom
    title: Mapped[str] = mapped_column(String)
    target_count: Mapped[int] = mapped_column(Integer)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    institutions: Mapped[list] = mapped_column(JSON, default=list)
    roles: Mapped[list] = mapped_column(JSON, default=list)
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String, default="active")  # active | done | dropped
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)


class Target(Base):
    """A speaker the user means to meet, optionally for a goal and at a session."""

    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("speaker_id", "goal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)


class GoalEvent(Base):
    """A session counted towards a goal (an 'attend' goal counts attended ones)."""

    __tablename__ = "goal_event"

    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)


# --- people met and what follows -------------------------------------------------------------


class Contact(Base):
    """A person the user met or means to keep in touch with: one row per human, across conferences.

    Emails, phones and web addresses live in `ContactDetail`; the speakers this person is in the
    programs of several conferences live in `ContactSpeaker`. A person merged into another keeps
    its row with `merged_into_id` set, so the merge can be undone.
    """

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    institution: Mapped[str] = mapped_column(String, default="")
    position: Mapped[str] = mapped_column(String, default="")  # program director, fellow, ...
    specialty: Mapped[str] = mapped_column(String, default="")
    relationship_role: Mapped[str] = mapped_column(String, default="")  # see domain.people.Relationship
    direction: Mapped[str] = mapped_column(String, default="")  # vertical | horizontal
    obtained: Mapped[str] = mapped_column(String, default="typed")  # see domain.people.Obtained
    orcid: Mapped[str] = mapped_column(String, default="", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    vcard: Mapped[str] = mapped_column(Text, default="")  # the card as received, if any
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"), index=True)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)  # a small JPEG, scaled down on import
    # The follow-up clock's per-person choices: months between keep-in-touch updates (None: the
    # default for mentors and sponsors, 0: never) and the title to address them by ("Mr" for a UK
    # consultant surgeon; "" lets the name and role decide).
    keep_in_touch_months: Mapped[int | None] = mapped_column(Integer)
    address_title: Mapped[str] = mapped_column(String, default="")

    details: Mapped[list[ContactDetail]] = relationship(
        order_by="ContactDetail.position", cascade="all, delete-orphan", passive_deletes=True
    )


class ContactDetail(Base):
    """One email, phone or web address of a person; `match_key` is the normalised form duplicates share."""

    __tablename__ = "contact_detail"
    __table_args__ = (Index("ix_contact_detail_kind_match_key", "kind", "match_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String)  # email | phone | url
    value: Mapped[str] = mapped_column(String)
    match_key: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ContactSpeaker(Base):
    """A speaker of some conference's program who is this person."""

    __tablename__ = "contact_speaker"

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id", ondelete="CASCADE"), primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)


class ContactMerge(Base):
    """A merge of `merged_id` into `kept_id`, with what it moved and changed, so it can be undone."""

    __tablename__ = "contact_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    merged_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    record: Mapped[dict] = mapped_column(JSON, default=dict)
    merged_at: Mapped[datetime] = mapped_column(AwareDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(AwareDateTime)


class ContactDistinct(Base):
    """Two people the user said are not the same: never offered as a merge again."""

    __tablename__ = "contact_distinct"

    first_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)


class Conversation(Base):
    """One meeting with a person: where, what was said, what each side promised."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conference.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    met_at: Mapped[datetime] = mapped_column(AwareDateTime)
    place: Mapped[str] = mapped_column(String, default="")
    poster: Mapped[str] = mapped_column(String, default="")  # a poster or abstract number
    points: Mapped[str] = mapped_column(Text, default="")  # one concrete point a line
    promises: Mapped[str] = mapped_column(Text, default="")  # what the user promised, one a line
    their_promises: Mapped[str] = mapped_column(Text, default="")  # what the other person promised


class GoalContact(Base):
    """A contact counted towards a goal."""

    __tablename__ = "goal_contact"

    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)


class FollowUp(Base):
    """A due step of the follow-up etiquette for a contact."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversation.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String)  # first | nudge | keep-in-touch | reply
    due: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String, default="open")  # open | sent | replied | skipped
    done_at: Mapped[datetime | None] = mapped_column(AwareDateTime)


class EmailTemplate(Base):
    __tablename__ = "email_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String)  # outreach | first | nudge | keep-in-touch
    name: Mapped[str] = mapped_column(String)
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)


class OutgoingMessage(Base):
    """An email written by the app. `message_id` makes sending exactly-once."""

    __tablename__ = "outgoing_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String, unique=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"), index=True)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speaker.id", ondelete="SET NULL"))
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String)
    recipient: Mapped[str] = mapped_column(String, default="")
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    # draft | sending | sent | failed | uncertain; "sending" is committed before a message goes out.
    state: Mapped[str] = mapped_column(String, default="draft")
    eml_path: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    task_id: Mapped[str | None] = mapped_column(String, index=True)  # the follow-up task it answers
    state_changed_at: Mapped[datetime | None] = mapped_column(AwareDateTime)


class Reply(Base):
    """A person wrote back (a fact of the follow-up clock: it cancels a pending nudge)."""

    __tablename__ = "reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    asks: Mapped[bool] = mapped_column(Boolean, default=False)  # it asks for something: answer in 48–72 h
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)


class TaskDecision(Base):
    """What the user decided about a derived follow-up task: done, skipped or snoozed until a day."""

    __tablename__ = "task_decision"

    task_id: Mapped[str] = mapped_column(String, primary_key=True)  # e.g. "follow_up:12"
    status: Mapped[str] = mapped_column(String)  # done | skipped | snoozed
    until: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date] = mapped_column(Date)  # the day as the user saw it (--as-of)
    decided_at: Mapped[datetime] = mapped_column(AwareDateTime)


class Setting(Base):
    """Small app-wide preferences that belong with the data (the conference in view, mail settings)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[dict | list | str | int | None] = mapped_column(JSON)
