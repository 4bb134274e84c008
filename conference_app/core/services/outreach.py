"""Service: short emails to speakers the user means to meet, written as .eml drafts or mailto: links.

One draft per person (a speaker marked to meet for several goals still gets one email). The text
comes from the user's outreach template; a draft the user edited by hand keeps its edits (stored
with its OutgoingMessage) until they reset it, while untouched drafts follow template changes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain import email_templates as templates
from conference_app.core.domain.email_templates import OUTREACH, OutreachFields
from conference_app.core.domain.text import plain_text
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.exporters import email_output
from conference_app.core.exporters.email_output import Mailbox, PlainEmail
from conference_app.core.services.outcome import Outcome, Topic
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
from conference_app.core.storage.settings import get_setting, put_setting

MAX_WORDS = 150  # busy surgeons read short emails; longer drafts get a warning
CUSTOMIZED = "outreach.customized"  # speaker ids whose saved draft the user edited by hand
LAST_FOLDER = "outreach.last_folder"
TEMPLATE_NAME = "Outreach before the conference"
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


@dataclass(frozen=True)
class TemplateText:
    subject: str
    body: str
    is_default: bool


class OutreachService:
    """Every public method is one user action in one transaction, returning plain values."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- drafts ---------------------------------------------------------------------------

    def drafts(self, conference_id: int) -> list[OutreachDraft]:
        """One draft per person to meet in the conference, by name."""
        with self._sessions() as session:
            return _Drafting(session, conference_id).drafts()

    def conference_ended(self, conference_id: int, now: datetime) -> date | None:
        """The conference's last day if it is over at `now` (a day in its own zone), else None.

        Past that day an introduction asking for five minutes after a session no longer fits:
        the people met are followed up instead.
        """
        with self._sessions() as session:
            conference = get_or_raise(session, Conference, conference_id, "conference")
            last_day = conference.end_date
            if last_day is None:
                last = session.scalar(select(func.max(Event.end)).where(Event.conference_id == conference_id))
                last_day = last.astimezone(ZoneInfo(conference.time_zone)).date() if last is not None else None
            today = now.astimezone(ZoneInfo(conference.time_zone)).date()
        return last_day if last_day is not None and today > last_day else None

    def missing_profile_fields(self) -> tuple[str, ...]:
        """The profile fields an outreach email needs that are still empty."""
        with self._sessions() as session:
            profile = session.get(Profile, 1)
            values = {
                "name": profile.name if profile else "",
                "stage": profile.stage if profile else "",
                "institution": profile.institution if profile else "",
                "email": profile.email if profile else "",
            }
        return tuple(field for field, value in values.items() if not (value or "").strip())

    def mailto_url(self, target_id: int, edit: DraftEdit | None = None) -> str:
        """A mailto: link for the person's draft (or for `edit`, the text as the user changed it)."""
        with self._sessions() as session:
            target = session.get(Target, target_id)
            speaker = session.get(Speaker, target.speaker_id) if target else None
            if speaker is None:
                raise NotFoundError(f"no person to meet with id {target_id}")
            draft = _Drafting(session, speaker.conference_id).draft_for(target_id)
        subject, body, to = _text_for(draft, edit)
        recipient = email_output.parse_address(to, f"the address for {draft.speaker}")
        return email_output.mailto_url(recipient, subject, body)

    def write_eml(
        self,
        conference_id: int,
        out_dir: Path,
        only_target_ids: Collection[int] | None = None,
        edits: Mapping[int, DraftEdit | tuple[str, str]] | None = None,
    ) -> Outcome[list[Path]]:
        """Write one .eml draft (X-Unsent: 1) per person to meet into `out_dir`, in the order of drafts().

        Writing again for the same person rewrites the same file and updates the same stored
        message (same Message-ID); nothing is duplicated.
        """
        folder = email_output.check_output_dir(Path(out_dir)).resolve()
        with self._sessions.begin() as session:
            drafting = _Drafting(session, conference_id)
            ready = chosen_drafts(session, drafting, only_target_ids, edits)
            sender = drafting.sender()
            written: list[Path] = []
            for chosen in ready:
                path = self._write_one(session, folder, chosen.draft, sender, chosen.to, chosen.subject, chosen.body,
                                       written)  # fmt: skip
                written.append(path)
            remember_edits(session, ready)
            put_setting(session, LAST_FOLDER, str(folder))
        return Outcome(written, frozenset({Topic.MESSAGES}))

    def _write_one(
        self,
        session: Session,
        folder: Path,
        draft: OutreachDraft,
        sender: Mailbox,
        recipient: str,
        subject: str,
        body: str,
        taken: list[Path],
    ) -> Path:
        stored = stored_message(session, draft.speaker_id)
        now = datetime.now(timezone.utc)
        if stored is None:
            stored = OutgoingMessage(
                message_id=email_output.new_message_id(sender.address), speaker_id=draft.speaker_id, kind=OUTREACH,
                created_at=now, subject="", body="",
            )
            session.add(stored)
        earlier = Path(stored.eml_path) if stored.eml_path else None
        if earlier is not None and earlier.parent == folder and earlier not in taken:
            path = earlier
        else:
            name = email_output.eml_file_name(draft.session_date, draft.speaker, _file_topic(session, draft))
            path = email_output.unique_path(folder, name, taken, keep=earlier)
        message = email_output.build_message(
            PlainEmail(sender, Mailbox(draft.speaker, recipient), subject, body, stored.message_id, now)
        )
        email_output.write_eml(message, path)
        if stored.state in FINAL_STATES:
            return path  # it went (or may have): the record keeps what was sent; the file is a copy to read
        stored.recipient = recipient
        stored.subject = subject
        stored.body = body
        stored.state = "draft"
        stored.eml_path = str(path)
        session.flush()
        return path

    def last_folder(self) -> Path | None:
        """The folder drafts were last written to, to offer it again."""
        with self._sessions() as session:
            value = get_setting(session, LAST_FOLDER)
        return Path(value) if isinstance(value, str) and value else None

    # --- the template ---------------------------------------------------------------------

    def template(self) -> TemplateText:
        """The outreach template in use: the user's own, or the default."""
        with self._sessions() as session:
            row = _template_row(session)
            if row is None:
                return TemplateText(templates.OUTREACH_SUBJECT, templates.OUTREACH_BODY, True)
            return TemplateText(row.subject, row.body, False)

    def default_template(self) -> TemplateText:
        return TemplateText(templates.OUTREACH_SUBJECT, templates.OUTREACH_BODY, True)

    def template_fields(self) -> tuple[tuple[str, str], ...]:
        """The fields a template may use, each with what it holds."""
        return templates.FIELDS

    def preview_template(
        self, subject: str, body: str, conference_id: int | None = None, target_id: int | None = None
    ) -> tuple[str, str]:
        """The subject and body `subject`/`body` give for a person to meet (or for a sample person)."""
        compiled = templates.compile_template(subject, body)
        with self._sessions() as session:
            fields = None
            if conference_id is not None:
                drafting = _Drafting(session, conference_id)
                fields = drafting.fields_for(target_id) if target_id is not None else drafting.first_fields()
            if fields is None:
                fields = _sample_fields(session)
        return templates.render(compiled, fields.as_context())

    def save_template(self, subject: str, body: str) -> Outcome[TemplateText]:
        """Store the user's own template, once it renders for a sample person without error.

        Saving the default text again is the same as resetting to the default.
        """
        if not subject.strip() or not body.strip():
            raise UserError("the template needs a subject and a body")
        if (subject, body) == (templates.OUTREACH_SUBJECT, templates.OUTREACH_BODY):
            return self.reset_template()
        compiled = templates.compile_template(subject, body)
        with self._sessions.begin() as session:
            templates.render(compiled, _sample_fields(session).as_context())
            row = _template_row(session)
            if row is None:
                session.add(EmailTemplate(kind=OUTREACH, name=TEMPLATE_NAME, subject=subject, body=body))
            else:
                row.subject, row.body = subject, body
        return Outcome(TemplateText(subject, body, False), frozenset({Topic.MESSAGES}))

    def reset_template(self) -> Outcome[TemplateText]:
        """Go back to the default template."""
        with self._sessions.begin() as session:
            row = _template_row(session)
            if row is not None:
                session.delete(row)
        return Outcome(self.default_template(), frozenset({Topic.MESSAGES}))


class ChosenDraft(NamedTuple):
    """A draft picked to leave, with the text and address it leaves with (the user's edit, if any)."""

    draft: OutreachDraft
    edit: DraftEdit | None
    subject: str
    body: str
    to: str  # the bare address; "" when none is known


def chosen_drafts(
    session: Session,
    drafting: _Drafting,
    only_target_ids: Collection[int] | None,
    edits: Mapping[int, DraftEdit | tuple[str, str]] | None,
    need_address: bool = False,
) -> list[ChosenDraft]:
    """The drafts picked (all when `only_target_ids` is None), each checked before any is written or
    sent, so a mistake leaves no half-done batch behind. Without `need_address`, a draft with no
    address is kept (the user's mail program asks for one); with it, it is left out."""
    wanted = None if only_target_ids is None else set(only_target_ids)
    given = {target_id: DraftEdit(*edit) for target_id, edit in (edits or {}).items()}
    drafts = drafting.drafts()
    known = {t for d in drafts for t in d.target_ids}
    unknown = sorted((wanted or set()) - known) + sorted(set(given) - known)
    if unknown:
        raise NotFoundError(f"no person to meet with id {unknown[0]} in this conference")
    ready: list[ChosenDraft] = []
    for draft in drafts:
        if wanted is not None and not wanted & set(draft.target_ids):
            continue
        edit = next((given[t] for t in draft.target_ids if t in given), None)
        subject, body, to = _text_for(draft, edit)
        if not subject.strip() and not body.strip():
            problem = next((w for w in draft.warnings if w.startswith("template:")), "the email is empty")
            raise UserError(f"{draft.speaker}: {problem}")
        recipient = email_output.parse_address(to, f"the address for {draft.speaker}")
        if recipient or not need_address:
            ready.append(ChosenDraft(draft, edit, subject, body, recipient))
    return ready


def remember_edits(session: Session, ready: list[ChosenDraft]) -> None:
    """Drafts the user edited keep their text over template changes; an edit back to the template's text ends that."""
    customized = _speaker_ids(get_setting(session, CUSTOMIZED, []))
    for chosen in ready:
        if chosen.edit is None:
            continue
        if (chosen.subject, chosen.body) == (chosen.draft.template_subject, chosen.draft.template_body):
            customized.discard(chosen.draft.speaker_id)
        else:
            customized.add(chosen.draft.speaker_id)
    put_setting(session, CUSTOMIZED, sorted(customized))


def _file_topic(session: Session, draft: OutreachDraft) -> str:
    """A few words for the file name; the subject itself is too long to read in a file list."""
    event = session.get(Event, draft.session_id) if draft.session_id else None
    return f"Visiting your {templates.session_kind(event.type)}" if event else "Meeting at the conference"


def _text_for(draft: OutreachDraft, edit: DraftEdit | None) -> tuple[str, str, str]:
    if edit is None:
        return draft.subject, draft.body, draft.to
    to = draft.to if edit.to is None else edit.to
    return " ".join(edit.subject.split()), templates.tidy_body(edit.body), to


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
