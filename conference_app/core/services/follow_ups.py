"""Service: after the conference — the follow-up tasks on the etiquette's clock, and their emails.

Only facts and decisions are stored (conversations, messages with their Message-ID and state,
replies, done/skip/snooze, per-person intervals); tasks are derived on every call by
domain.follow_up_clock for the day asked about. Writing drafts records each message (a stable
Message-ID per task) but leaves the task open: only `mark_sent` (the SMTP path, or "I sent it
myself") closes it and starts the nudge clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from email.message import Message
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain import email_templates as templates
from conference_app.core.domain import follow_up_clock as clock
from conference_app.core.domain import follow_up_templates as texts
from conference_app.core.domain.follow_up_clock import Cadence, FollowUpState, Task, TaskKind, TaskStatus
from conference_app.core.domain.people import one_line
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.exporters import email_output, follow_up_files
from conference_app.core.exporters.email_output import Mailbox, PlainEmail
from conference_app.core.services.outcome import Outcome, Topic

# The sender's fields are built exactly as outreach builds them: one profile, one signature.
from conference_app.core.services.outreach import _me as me_fields
from conference_app.core.storage import follow_up_rows as rows
from conference_app.core.storage.models import (
    Conference,
    Contact,
    ContactDetail,
    Conversation,
    EmailTemplate,
    Event,
    OutgoingMessage,
    Profile,
    Reply,
    TaskDecision,
)
from conference_app.core.domain.contact_matching import email_key
from conference_app.core.storage.people_rows import first_emails
from conference_app.core.storage.settings import get_setting, put_setting

Clock = Callable[[], datetime]
CADENCE_KEY = "follow_up.cadence"
TOPICS = frozenset({Topic.FOLLOW_UPS})
MESSAGE_TOPICS = frozenset({Topic.FOLLOW_UPS, Topic.MESSAGES})


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class ComposedMessage:
    """One merged email for one task, with what to look at before it leaves."""

    task: Task
    message_id: str
    to: str
    subject: str
    body: str
    warnings: tuple[str, ...]
    email: PlainEmail
    check: texts.MessageToCheck | None = None  # what the checks read, so an edited text can be checked again


Edits = dict[str, tuple[str, str]]  # task id -> the subject and body the user wrote instead


@dataclass(frozen=True)
class WrittenDraft:
    task_id: str
    file: Path
    message_id: str
    to: str
    subject: str
    warnings: tuple[str, ...]


class FollowUpService:
    """Every public method is one user action in one transaction, returning plain values."""

    def __init__(self, sessions: sessionmaker[Session], clock_: Clock = _utc_now) -> None:
        self._sessions = sessions
        self._now = clock_

    def _today(self, as_of: date | None) -> date:
        return as_of or self._now().astimezone().date()

    # --- the clock ------------------------------------------------------------------------

    def cadence(self) -> Cadence:
        with self._sessions() as session:
            return _cadence(session)

    def set_cadence(self, changes: dict[str, int]) -> Outcome[Cadence]:
        """Change some of the etiquette's numbers; only the values that differ from the default are kept."""
        with self._sessions.begin() as session:
            changed = _cadence(session).with_changes(changes)
            default = Cadence()
            put_setting(session, CADENCE_KEY, {
                name: value for name, value in vars(changed).items() if getattr(default, name) != value
            } or None)  # fmt: skip
        return Outcome(changed, TOPICS)

    def tasks(self, as_of: date | None = None, include_all: bool = False) -> list[Task]:
        """The open and overdue tasks on `as_of` (default today), soonest first; every one with `include_all`."""
        with self._sessions() as session:
            return clock.tasks_on(rows.load_facts(session), self._today(as_of), _cadence(session), include_all)

    def person_state(self, person_id: int, as_of: date | None = None) -> FollowUpState:
        with self._sessions() as session:
            person = rows.live_ids(session).get(person_id)
            if person is None:
                raise NotFoundError(f"no person with id {person_id}")
            return clock.person_state(rows.load_facts(session), person, self._today(as_of), _cadence(session))

    def done(self, task_id: str, as_of: date | None = None) -> Outcome[Task]:
        return self._decide(task_id, TaskStatus.DONE, None, as_of)

    def skip(self, task_id: str, as_of: date | None = None) -> Outcome[Task]:
        return self._decide(task_id, TaskStatus.SKIPPED, None, as_of)

    def snooze(self, task_id: str, until: date, as_of: date | None = None) -> Outcome[Task]:
        """Hide the task until `until`, when it is due again."""
        if until <= self._today(as_of):
            raise UserError(f"snooze {task_id} until a later day than {self._today(as_of).isoformat()}")
        return self._decide(task_id, TaskStatus.SNOOZED, until, as_of)

    def _decide(self, task_id: str, status: TaskStatus, until: date | None, as_of: date | None) -> Outcome[Task]:
        day = self._today(as_of)
        task_id = task_id.strip()
        with self._sessions.begin() as session:
            facts = rows.load_facts(session)
            cadence = _cadence(session)
            clock.find_task(clock.tasks_on(facts, day, cadence, include_all=True), task_id)  # it must exist that day
            row = session.get(TaskDecision, task_id) or TaskDecision(task_id=task_id)
            row.status, row.until, row.decided_on, row.decided_at = status.value, until, day, self._now()
            session.add(row)
            session.flush()
            after = clock.tasks_on(rows.load_facts(session), day, cadence, include_all=True)
        return Outcome(next(t for t in after if t.id == task_id), TOPICS)

    def replied(self, person_id: int, on: date | None = None, asks: bool = False) -> Outcome[FollowUpState]:
        """They wrote back: no nudge for them; a reply task within 48–72 hours when they asked for something."""
        day = self._today(on)
        with self._sessions.begin() as session:
            contact = _live_contact(session, person_id)
            session.add(Reply(contact_id=contact.id, received_on=day, asks=asks, created_at=self._now()))
            session.flush()
            state = clock.person_state(rows.load_facts(session), contact.id, day, _cadence(session))
        return Outcome(state, TOPICS)

    def set_keep_in_touch(self, person_id: int, months: int | None) -> Outcome[None]:
        """Months between updates to this person (6: twice a year, 12: once); 0 never; None the default."""
        if months is not None and not 0 <= months <= 24:
            raise UserError(f"keep in touch every 1 to 24 months (0 for never), not {months}")
        with self._sessions.begin() as session:
            _live_contact(session, person_id).keep_in_touch_months = months
        return Outcome(None, frozenset({Topic.FOLLOW_UPS, Topic.CONTACTS}))

    def set_address_title(self, person_id: int, title: str) -> Outcome[None]:
        """How to address the person in emails: Dr, Prof, Mr, Ms, Miss, Mrs, Mx, or "" to decide by name and role."""
        key = one_line(title).casefold().rstrip(".")
        if key not in rows.ADDRESS_TITLES:
            raise UserError(f"unknown title {title!r}: use Dr, Prof, Mr, Ms, Miss, Mrs or Mx")
        with self._sessions.begin() as session:
            _live_contact(session, person_id).address_title = key
        return Outcome(None, frozenset({Topic.FOLLOW_UPS, Topic.CONTACTS}))

    def set_email_address(self, person_id: int, address: str) -> Outcome[str]:
        """The address this person's emails go to from now on: made their first email (added if new,
        the others kept). Returns the bare address."""
        bare = email_output.parse_address(address, "the address")
        if not bare:
            raise UserError("the address is empty")
        with self._sessions.begin() as session:
            contact = _live_contact(session, person_id)
            emails = list(session.scalars(
                select(ContactDetail).where(ContactDetail.contact_id == contact.id, ContactDetail.kind == "email")
            ))  # fmt: skip
            chosen = next((e for e in emails if e.match_key == email_key(bare)), None)
            others = [e.position for e in emails if e is not chosen]
            first = min(others, default=1) - 1
            if chosen is None:
                session.add(ContactDetail(contact_id=contact.id, kind="email", value=bare, match_key=email_key(bare),
                                          position=first))  # fmt: skip
            elif others and chosen.position > first:
                chosen.position = first
        return Outcome(bare, frozenset({Topic.FOLLOW_UPS, Topic.CONTACTS, Topic.MESSAGES}))

    # --- composing and writing ------------------------------------------------------------

    def compose(
        self, as_of: date | None = None, kind: str | None = None, template: str | None = None,
        task_ids: list[str] | None = None,
    ) -> list[ComposedMessage]:
        """The merged email of every open task due on or before `as_of` (or of `task_ids`), checked."""
        with self._sessions() as session:
            return _Composer(session, self._today(as_of), self._now()).compose(kind, template, task_ids)

    def template_names(self) -> list[str]:
        """The names of the saved follow-up templates (not outreach ones), for choosing one by name."""
        with self._sessions() as session:
            names = session.scalars(
                select(EmailTemplate.name).where(EmailTemplate.kind != "outreach").order_by(EmailTemplate.id)
            )
            return list(dict.fromkeys(name for name in names if name))

    def write_drafts(
        self, out_dir: Path, as_of: date | None = None, kind: str | None = None, template: str | None = None,
        task_ids: list[str] | None = None, edits: Edits | None = None,
    ) -> Outcome[list[WrittenDraft]]:
        """One .eml draft (X-Unsent: 1) per task into `out_dir`; each message is recorded, tasks stay open.

        `edits` replace the merged subject and body of their tasks: the edited text is recorded and written.
        """
        folder = email_output.check_output_dir(Path(out_dir)).resolve()
        with self._sessions.begin() as session:
            composer = _Composer(session, self._today(as_of), self._now())
            messages = with_edits(composer.compose(kind, template, task_ids), edits)
            written: list[WrittenDraft] = []
            taken: set[Path] = set()
            stored_by_id = _records(session, messages, self._now())
            files: list[tuple[Message, Path]] = []
            for message in messages:
                stored = stored_by_id[message.message_id]
                earlier = Path(stored.eml_path) if stored.eml_path else None
                label = f"{follow_up_files.TASK_LABELS[message.task.kind]} {message.task.name}"
                name = email_output.eml_file_name(message.task.due, label, "")
                path = email_output.unique_path(folder, name, taken, keep=earlier)
                files.append((email_output.build_message(message.email), path))
                taken.add(path)
                stored.eml_path = str(path)
                written.append(WrittenDraft(message.task.id, path, message.message_id, message.to, message.subject,
                                            message.warnings))
            email_output.write_emls(files)
        return Outcome(written, MESSAGE_TOPICS)

    def write_mbox(
        self, path: Path, as_of: date | None = None, kind: str | None = None, template: str | None = None,
        task_ids: list[str] | None = None, edits: Edits | None = None,
    ) -> Outcome[list[ComposedMessage]]:
        """Every draft in one mbox file; each message is recorded, tasks stay open. `edits` as for drafts."""
        with self._sessions.begin() as session:
            composer = _Composer(session, self._today(as_of), self._now())
            messages = with_edits(composer.compose(kind, template, task_ids), edits)
            _records(session, messages, self._now())
            follow_up_files.write_mbox([email_output.build_message(m.email) for m in messages], Path(path))
        return Outcome(messages, MESSAGE_TOPICS)

    def write_ics(self, path: Path, as_of: date | None = None, as_todo: bool = False) -> Outcome[list[Task]]:
        """The open tasks as calendar events with a reminder on the due day (or as to-dos)."""
        tasks = self.tasks(as_of)
        follow_up_files.write_ics(tasks, Path(path), as_todo)
        return Outcome(tasks, frozenset())

    def mark_sent(self, message_id: str, at: datetime | None = None) -> Outcome[str]:
        """The message left (the server accepted it, or the user sent it themselves): its task is done
        and, for a follow-up, the nudge clock starts. Marking it again keeps the first time."""
        when = at or self._now()
        if when.tzinfo is None:
            raise UserError("the time a message was sent needs a time zone")
        with self._sessions.begin() as session:
            message = session.scalars(
                select(OutgoingMessage).where(OutgoingMessage.message_id == message_id.strip())
            ).first()
            if message is None:
                raise NotFoundError(f"no message with Message-ID {message_id.strip()!r}")
            if message.state != "sent":
                message.state, message.sent_at, message.state_changed_at = "sent", when, self._now()
            task_id = message.task_id or ""
        return Outcome(task_id, MESSAGE_TOPICS)


def with_edits(messages: list[ComposedMessage], edits: Edits | None) -> list[ComposedMessage]:
    """The messages with the user's subjects and bodies in place of the merged ones, checked again."""
    if not edits:
        return messages
    changed = []
    for message in messages:
        subject, body = edits.get(message.task.id, (message.subject, message.body))
        subject = one_line(subject)
        email = replace(message.email, subject=subject, body=body)
        check = replace(message.check, subject=subject, body=body) if message.check is not None else None
        changed.append(replace(message, subject=subject, body=body, email=email, check=check))
    counts = texts.same_body_counts([(m.task.person_id, m.body) for m in changed])
    return [
        replace(m, warnings=texts.message_warnings(m.check, count)) if m.check is not None else m
        for m, count in zip(changed, counts, strict=True)
    ]


def _cadence(session: Session) -> Cadence:
    stored = get_setting(session, CADENCE_KEY, {})
    return Cadence().with_changes(stored if isinstance(stored, dict) else {})


def _task_kind(text: str) -> TaskKind:
    key = text.strip().casefold().replace("-", "_").replace(" ", "_")
    for kind in TaskKind:
        if key == kind.value:
            return kind
    raise UserError(f"unknown task kind {text!r}: use one of {', '.join(k.value for k in TaskKind)}")


def _live_contact(session: Session, person_id: int) -> Contact:
    live = rows.live_ids(session).get(person_id)
    if live is None:
        raise NotFoundError(f"no person with id {person_id}")
    return session.get_one(Contact, live)


def _records(session: Session, messages: list[ComposedMessage], now: datetime) -> dict[str, OutgoingMessage]:
    """The stored drafts of a batch, by Message-ID: read in one query, new ones added, flushed once."""
    ids = [m.message_id for m in messages]
    known: dict[str, OutgoingMessage] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        known.update(
            (row.message_id, row)
            for row in session.scalars(select(OutgoingMessage).where(OutgoingMessage.message_id.in_(chunk)))
        )
    for message in messages:
        stored = known.get(message.message_id)
        if stored is None:
            stored = known[message.message_id] = OutgoingMessage(
                message_id=message.message_id, created_at=now, task_id=message.task.id
            )
            session.add(stored)
        _fill_record(stored, message, now)
    session.flush()
    return known


def _fill_record(stored: OutgoingMessage, message: ComposedMessage, now: datetime) -> None:
    stored.contact_id = message.task.person_id
    stored.kind = message.task.kind.value
    stored.recipient, stored.subject, stored.body = message.to, message.subject, message.body
    stored.state, stored.state_changed_at = "draft", now


class _Composer:
    """Merges templates for the tasks of one day, within one session."""

    def __init__(self, session: Session, day: date, now: datetime) -> None:
        self.session, self.day, self.now = session, day, now
        self._compiled: dict[tuple[TaskKind, str | None], templates.CompiledTemplate] = {}
        self._loaded: list[object] = []
        self._emails: dict[int, str] = {}
        self.profile = session.get(Profile, 1)
        self.me = me_fields(self.profile)
        address = (self.profile.email if self.profile else "") or ""
        self.sender = Mailbox(one_line(self.me.name), email_output.parse_address(address, "your profile's email"))

    def compose(self, kind: str | None, template: str | None, task_ids: list[str] | None) -> list[ComposedMessage]:
        wanted = _task_kind(kind) if kind else None
        tasks = clock.tasks_on(rows.load_facts(self.session), self.day, _cadence(self.session))
        if task_ids is not None:
            tasks = [clock.find_task(tasks, task_id) for task_id in task_ids]
        else:
            tasks = [t for t in tasks if t.due <= self.day and (wanted is None or t.kind is wanted)]
        # What the merges read, loaded in three queries: each merge then finds it in the session (the
        # list keeps the rows alive, as the session only holds them weakly).
        self._loaded = [
            *self.session.scalars(select(Conversation)),
            *self.session.scalars(select(Conference)),
            *self.session.scalars(select(Event).where(Event.id.in_(select(Conversation.event_id)))),
            *self.session.scalars(select(Contact).where(Contact.id.in_({t.person_id for t in tasks}))),
        ]
        self._emails = first_emails(self.session)
        latest = rows.latest_conversation_ids(self.session)
        drafts = rows.draft_messages_by_task(self.session)
        merged = [self._merge(task, template, latest, drafts) for task in tasks]
        counts = texts.same_body_counts([(m.task.person_id, m.body) for m, _check in merged])
        return [
            ComposedMessage(m.task, m.message_id, m.to, m.subject, m.body, texts.message_warnings(check, count), m.email,
                            check)
            for (m, check), count in zip(merged, counts, strict=True)
        ]

    def _template(self, kind: TaskKind, name: str | None) -> templates.CompiledTemplate:
        """The template for a kind of task, compiled once per batch (compiling is most of a merge's cost)."""
        key = (kind, name)
        if key not in self._compiled:
            self._compiled[key] = self._compile(kind, name)
        return self._compiled[key]

    def _compile(self, kind: TaskKind, name: str | None) -> templates.CompiledTemplate:
        query = select(EmailTemplate).order_by(EmailTemplate.id)
        row = self.session.scalars(
            query.where(EmailTemplate.name == name) if name else query.where(EmailTemplate.kind == kind.value)
        ).first()
        if row is not None:
            return templates.compile_template(row.subject, row.body)
        chosen = kind
        if name:
            known = {k.value: k for k in TaskKind}
            if name not in known:
                raise UserError(f"no template named {name!r}: use one of {', '.join(known)} or a saved template")
            chosen = known[name]
        return templates.compile_template(texts.DEFAULT_SUBJECTS[chosen], texts.DEFAULT_BODIES[chosen])

    def _merge(
        self, task: Task, template: str | None, latest: dict[int, int], drafts: dict[str, OutgoingMessage]
    ) -> tuple[ComposedMessage, texts.MessageToCheck]:
        contact = self.session.get_one(Contact, task.person_id)
        conversation_id = task.conversation_id if task.conversation_id is not None else latest.get(task.person_id)
        recalled = rows.conversation_text(self.session, conversation_id)
        my_promises: tuple[str, ...]
        if task.promise:
            my_promises = (task.promise,)
        elif task.kind in (TaskKind.FOLLOW_UP, TaskKind.NUDGE):
            my_promises = recalled.my_promises
        else:
            my_promises = ()
        fields = texts.FollowUpFields(
            me=self.me, them=rows.them_fields(contact), met=recalled.met, conference=recalled.conference,
            points=recalled.points, my_promises=my_promises, their_promises=recalled.their_promises,
        )
        try:
            subject, body = templates.render(self._template(task.kind, template), fields.as_context())
        except UserError as error:
            raise UserError(f"task {task.id}: {error}") from None
        to = self._emails.get(contact.id, "")
        stored = drafts.get(task.id)
        message_id = stored.message_id if stored is not None else email_output.new_message_id(self.sender.address)
        email = PlainEmail(self.sender, Mailbox(one_line(contact.name), to), subject, body, message_id, self.now)
        check = texts.MessageToCheck(task.kind.value, to, subject, body, recalled.met, recalled.points)
        return ComposedMessage(task, message_id, to, subject, body, (), email), check
