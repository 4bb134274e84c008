"""What each outreach draft says: the person, the session to name, the template's text or the user's edit.

`_Drafting` reads everything the drafts of one conference need within one session; `stored_message`
is the one message to a speaker (drafted, sending or sent) that a draft keeps its edits and state in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from conference_app.core.domain import email_templates as templates
from conference_app.core.domain.email_templates import OUTREACH, OutreachFields
from conference_app.core.domain.text import plain_text
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.exporters import email_output
from conference_app.core.exporters.email_output import Mailbox
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import (
    Conference,
    EmailTemplate,
    Event,
    EventSpeaker,
    Goal,
    OutgoingMessage,
    Profile,
    Speaker,
    Target,
)
from conference_app.core.storage.people_rows import first_email, met_speaker_ids, speaker_person
from conference_app.core.storage.settings import get_setting

MAX_WORDS = 150  # busy surgeons read short emails; longer drafts get a warning
CUSTOMIZED = "outreach.customized"  # speaker ids whose saved draft the user edited by hand
NO_ADDRESS = "no email address known: fill in To"
FINAL_STATES = frozenset({"sent", "sending", "uncertain"})  # a message that went, or may have: never redrafted


class DraftEdit(NamedTuple):
    """The user's own text for one draft; `to` None keeps the address already known."""

    subject: str
    body: str
    to: str | None = None


@dataclass(frozen=True)
class OutreachDraft:
    """The email to one person to meet, ready to show, edit and write."""

    target_id: int  # the person's first Target row; any of `target_ids` selects this draft
    target_ids: tuple[int, ...]
    speaker_id: int
    speaker: str  # "Dr. Zinnia Umberger"
    affiliation: str
    role: str
    to: str  # "" when no address is known: the user fills it in
    subject: str
    body: str
    template_subject: str  # the template's text for this person, to go back to after editing
    template_body: str
    customized: bool  # subject/body were edited by hand and differ from the template's text
    session_id: int | None
    session: str  # "Saturday, October 17, 9:30 AM · Hall C · <title>", or ""
    session_date: date | None
    eml_path: str  # the .eml written last time, or ""
    warnings: tuple[str, ...]
    state: str = ""  # "sent"; "sending" or "uncertain" when it may have gone; "" before it went


class _Drafting:
    """Reads what the drafts of one conference need, within one session."""

    def __init__(self, session: Session, conference_id: int) -> None:
        self._session = session
        self._conference = get_or_raise(session, Conference, conference_id, "conference")
        self._zone = ZoneInfo(self._conference.time_zone or "UTC")
        self._profile = session.get(Profile, 1)

    # who and what ------------------------------------------------------------------------

    def _people(self) -> list[tuple[Speaker, list[Target]]]:
        rows = self._session.execute(
            select(Speaker, Target)
            .join(Target, Target.speaker_id == Speaker.id)
            .where(Speaker.conference_id == self._conference.id)
            .order_by(Target.id)
        ).all()
        # Someone already met gets a follow-up, never a cold introduction.
        met = met_speaker_ids(self._session, {speaker.id for speaker, _target in rows})
        people: dict[int, tuple[Speaker, list[Target]]] = {}
        for speaker, target in rows:
            if speaker.id not in met:
                people.setdefault(speaker.id, (speaker, []))[1].append(target)
        return sorted(people.values(), key=lambda p: (templates.person_name(p[0].name).surname.casefold(), p[0].id))

    def drafts(self) -> list[OutreachDraft]:
        compiled = self._compiled()
        customized = _speaker_ids(get_setting(self._session, CUSTOMIZED, []))
        return [self._draft(speaker, targets, compiled, customized) for speaker, targets in self._people()]

    def draft_for(self, target_id: int) -> OutreachDraft:
        for draft in self.drafts():
            if target_id in draft.target_ids:
                return draft
        raise NotFoundError(f"no person to meet with id {target_id}")

    def fields_for(self, target_id: int) -> OutreachFields:
        for speaker, targets in self._people():
            if any(t.id == target_id for t in targets):
                return self._fields(speaker, targets)[0]
        raise NotFoundError(f"no person to meet with id {target_id}")

    def first_fields(self) -> OutreachFields | None:
        people = self._people()
        return self._fields(*people[0])[0] if people else None

    def sender(self) -> Mailbox:
        profile = self._profile
        name = (profile.name if profile else "") or ""
        address = email_output.parse_address((profile.email if profile else "") or "", "your profile's email")
        return Mailbox(name, address)

    def _compiled(self) -> templates.CompiledTemplate | UserError:
        row = _template_row(self._session)
        subject, body = (row.subject, row.body) if row else (templates.OUTREACH_SUBJECT, templates.OUTREACH_BODY)
        try:
            return templates.compile_template(subject, body)
        except UserError as error:
            return error

    def _draft(
        self,
        speaker: Speaker,
        targets: list[Target],
        compiled: templates.CompiledTemplate | UserError,
        customized: set[int],
    ) -> OutreachDraft:
        fields, event, warnings = self._fields(speaker, targets)
        name = templates.person_name(speaker.name, speaker.role or "")
        rendered = ("", "")
        try:
            if isinstance(compiled, UserError):
                raise compiled
            rendered = templates.render(compiled, fields.as_context())
        except UserError as error:
            warnings.append(str(error))
        stored = stored_message(self._session, speaker.id)
        subject, body = rendered
        is_customized = stored is not None and speaker.id in customized and (stored.subject, stored.body) != rendered
        if is_customized and stored is not None:
            subject, body = stored.subject, stored.body
        to = (stored.recipient if stored and stored.recipient else "") or self._contact_address(speaker.id)
        if not to:
            warnings.append(NO_ADDRESS)
        words = templates.word_count(body)
        if words > MAX_WORDS:
            warnings.append(f"{words} words: busy surgeons read short emails, aim for {MAX_WORDS} or fewer")
        return OutreachDraft(
            target_id=targets[0].id,
            target_ids=tuple(t.id for t in targets),
            speaker_id=speaker.id,
            speaker=name.label,
            affiliation=speaker.affiliation or "",
            role=speaker.role or "",
            to=to,
            subject=subject,
            body=body,
            template_subject=rendered[0],
            template_body=rendered[1],
            customized=is_customized,
            session_id=event.id if event else None,
            session=self._describe(event),
            session_date=self._local(event.start).date() if event else self._conference.start_date,
            eml_path=stored.eml_path if stored else "",
            warnings=tuple(warnings),
            state=stored.state if stored is not None and stored.state in FINAL_STATES else "",
        )

    def _fields(self, speaker: Speaker, targets: list[Target]) -> tuple[OutreachFields, Event | None, list[str]]:
        warnings: list[str] = []
        event = self._session_to_name(speaker, targets, warnings)
        name = templates.person_name(speaker.name, speaker.role or "")
        session_fields = None
        about = speaker.biography or ""
        if event is not None:
            session_fields = templates.session_fields(
                event.title, event.type, self._local(event.start), self._local(event.end), event.room, event.track
            )
            about = f"{plain_text(event.abstract or '')} {plain_text(about)}"
        interest = templates.interest(
            self._my_topics(targets), event.title if event else "", event.track if event else "", about
        )
        fields = OutreachFields(
            me=_me(self._profile),
            speaker=templates.SpeakerFields(
                name=speaker.name, first_name=name.first, salutation=name.salutation,
                affiliation=speaker.affiliation or "", role=speaker.role or "",
                roles=templates.split_roles(speaker.role or ""),
            ),
            session=session_fields,
            conference=templates.ConferenceFields(self._conference.title, self._conference.acronym or ""),
            topic=interest.topic,
            interest_line=interest.line,
        )
        return fields, event, warnings

    def _session_to_name(self, speaker: Speaker, targets: list[Target], warnings: list[str]) -> Event | None:
        """The session chosen when the person was marked to meet, else their first one still on."""
        for target in targets:
            if target.event_id is None:
                continue
            event = self._session.get(Event, target.event_id)
            if event is not None and not event.cancelled:
                return event
            if event is not None:
                warnings.append(f"the session \"{event.title}\" was cancelled")
        event = self._session.scalars(
            select(Event)
            .join(EventSpeaker, EventSpeaker.event_id == Event.id)
            .where(EventSpeaker.speaker_id == speaker.id, ~Event.cancelled)
            .order_by(Event.start, Event.id)
            .limit(1)
        ).first()
        if event is None:
            warnings.append("no session found: the email cannot say where you will hear them")
        return event

    def _my_topics(self, targets: list[Target]) -> list[str]:
        topics: list[str] = []
        goal_ids = [t.goal_id for t in targets if t.goal_id is not None]
        for goal in self._session.scalars(select(Goal).where(Goal.id.in_(goal_ids)).order_by(Goal.id)):
            topics.extend(str(k) for k in goal.keywords or [])
        if self._profile is not None:
            topics.extend(str(i) for i in self._profile.interests or [])
            topics.extend(str(f) for f in self._profile.target_fellowships or [])
        return [t for t in topics if t.strip()]

    def _contact_address(self, speaker_id: int) -> str:
        return first_email(self._session, speaker_person(self._session, speaker_id))

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._zone)

    def _describe(self, event: Event | None) -> str:
        if event is None:
            return ""
        start = self._local(event.start)
        when = templates.session_fields(event.title, event.type, start, self._local(event.end), event.room, "")
        return " · ".join(p for p in (f"{when.day}, {when.date}, {when.time}", event.room, event.title) if p)


def _me(profile: Profile | None) -> templates.MeFields:
    def value(text: str | None) -> str:
        return (text or "").strip()

    profile = profile or Profile()
    name, stage, institution = value(profile.name), value(profile.stage), value(profile.institution)
    email, phone, signature = value(profile.email), value(profile.phone), value(profile.signature)
    return templates.MeFields(
        name=name,
        stage=stage,
        stage_phrase=templates.stage_phrase(stage),
        institution=institution,
        pitch=value(profile.pitch),
        signature=signature or templates.default_signature(name, stage, institution, email, phone),
        email=email,
        phone=phone,
    )


def _sample_fields(session: Session) -> OutreachFields:
    """A made-up person and session, to check and preview a template before any target exists."""
    start = datetime(2026, 10, 17, 9, 30)
    return OutreachFields(
        me=_me(session.get(Profile, 1)),
        speaker=templates.SpeakerFields(
            name="Alex Morgan", first_name="Alex", salutation="Dr. Morgan", affiliation="Example University Hospital",
            role="Program Director", roles=("Program Director",),
        ),
        session=templates.session_fields(
            "Advances in surgical oncology", "panel", start, start.replace(hour=10, minute=45), "Hall C",
            "Surgical Oncology",
        ),
        conference=templates.ConferenceFields("Example Surgical Congress", "ESC"),
        topic="surgical oncology",
        interest_line=templates.interest(["surgical oncology"], "Advances in surgical oncology", "", "").line,
    )


def _template_row(session: Session) -> EmailTemplate | None:
    query = select(EmailTemplate).where(EmailTemplate.kind == OUTREACH).order_by(EmailTemplate.id)
    return session.scalars(query).first()


def stored_message(session: Session, speaker_id: int) -> OutgoingMessage | None:
    """The one message to this speaker before the conference (drafted, sending or sent), if any."""
    return session.scalars(
        select(OutgoingMessage)
        .where(OutgoingMessage.kind == OUTREACH, OutgoingMessage.speaker_id == speaker_id)
        .order_by(OutgoingMessage.id)
    ).first()


def _speaker_ids(value: object) -> set[int]:
    return {int(v) for v in value if isinstance(v, int)} if isinstance(value, list) else set()
