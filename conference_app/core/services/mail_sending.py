"""Sending follow-up emails through SMTP, each exactly once.

Every message goes through the same steps, each committed in its own transaction:

1. its record (Message-ID, task, recipient, subject, body) is stored in state "sending" — before
   a single byte of it reaches the server;
2. it is handed to the server (MAIL, RCPT, DATA with the message's bytes);
3. on the server's acceptance it becomes "sent" and its task is closed (FollowUpService.mark_sent,
   which starts the nudge clock); on a refusal it becomes "failed", and the next message goes on.

So after a crash, a kill -9 or a dropped connection the records say what surely did not go (no
record, "draft", "failed": sent by the next run) and what surely went ("sent": never again). A
record still "sending" means the process died while the server had the message: it may have been
delivered. Such a message is never resent on its own; it is listed as uncertain ("check your Sent
folder") until the user resends it (`resend_uncertain`) or says it went (`mark_uncertain_sent`).

Sending blocks (network, pauses); the GUI calls `send_messages` from a worker thread and stops it
with `should_stop` (checked between messages) and an interruptible `sleep`.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain.people import one_line
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.exporters import email_output
from conference_app.core.exporters.email_output import Mailbox, PlainEmail
from conference_app.core.services.follow_ups import ComposedMessage, FollowUpService
from conference_app.core.services.mail_settings import SmtpSettings, check_settings
from conference_app.core.services.outcome import Outcome
from conference_app.core.services.smtp_connection import ConnectionDropped, SmtpConnection
from conference_app.core.storage.database_errors import DATABASE_ERRORS
from conference_app.core.storage.models import Contact, OutgoingMessage, Profile

Clock = Callable[[], datetime]
UNSENT_STATES = frozenset({"draft", "failed"})  # surely did not go: the next run sends them
UNKNOWN_STATES = frozenset({"sending", "uncertain"})  # may have gone: only the user decides
CHECK_SENT_FOLDER = "check your Sent folder: it may have gone out when the app stopped"


@dataclass(frozen=True)
class SendFailure:
    """A message the server refused (or that could not be handed over); it can be sent again on its own."""

    message_id: str
    task_id: str
    to: str
    reason: str


@dataclass(frozen=True)
class UncertainMessage:
    """A message that may have gone out: "sending" since `since` when the app stopped."""

    message_id: str
    task_id: str
    to: str
    subject: str
    since: datetime | None


@dataclass(frozen=True)
class SendProgress:
    """Reported after each message: `done` of `total`, and what became of this one."""

    done: int
    total: int
    message_id: str
    task_id: str
    to: str
    state: str  # sent | failed | uncertain | skipped


@dataclass
class SendReport:
    """What a batch did. `skipped`: no address, or already sent. `not_attempted`: left for the next run
    because the batch stopped (`stopped` says why: the user asked, the connection or the database failed)."""

    sent: list[str] = field(default_factory=list)
    failed: list[SendFailure] = field(default_factory=list)
    uncertain: list[UncertainMessage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    not_attempted: list[str] = field(default_factory=list)
    stopped: str = ""

    @property
    def all_went(self) -> bool:
        """Nothing failed, nothing is in doubt, nothing was left for later."""
        return not (self.failed or self.uncertain or self.not_attempted or self.stopped)


@dataclass(frozen=True)
class Outbound:
    """A message to send that is not a follow-up task's: an introduction before the conference.

    Its record (kind "outreach") is stored before the batch starts and is found by its Message-ID;
    `key` names it in reports and progress ("outreach:12" for speaker 12).
    """

    message_id: str
    key: str
    to: str
    subject: str
    body: str
    email: PlainEmail


Sendable = ComposedMessage | Outbound


def _key(message: Sendable) -> str:
    return message.key if isinstance(message, Outbound) else message.task.id


@dataclass(frozen=True)
class _Outgoing:
    message_id: str
    task_id: str
    to: str
    subject: str
    email: PlainEmail


class _StopBatch(Exception):
    """The batch cannot go on (the connection or the database failed); the message says why."""


def send_messages(
    sessions: sessionmaker[Session],
    messages: Sequence[Sendable],
    settings: SmtpSettings,
    password: str | None,
    *,
    clock: Clock,
    pause_seconds: float | None = None,
    on_progress: Callable[[SendProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    sleep: Callable[[float], object] = time.sleep,
    ssl_context: ssl.SSLContext | None = None,
) -> SendReport:
    """Send each composed message that surely has not gone, exactly once; see the module docstring.

    Raises UserError (nothing changed) when the server cannot be reached or refuses the login at
    the start; later trouble ends the batch with `stopped` set. The subject and body sent are the
    message's own (so a hand-edited one goes as edited).
    """
    settings = check_settings(settings)
    pause = settings.pause_seconds if pause_seconds is None else max(0.0, pause_seconds)
    batch = _Batch(sessions, settings, SmtpConnection(settings, password, ssl_context), clock)
    report = SendReport()
    try:
        for index, message in enumerate(messages):
            if should_stop is not None and should_stop():
                report.stopped = "stopped on request; run the batch again to send the rest"
                report.not_attempted.extend(m.message_id for m in messages[index:])
                break
            state = batch.send_composed(message, report, pause, sleep, should_stop)
            if state == "not_attempted":
                report.not_attempted.extend(m.message_id for m in messages[index:])
                break
            if on_progress is not None:
                on_progress(SendProgress(index + 1, len(messages), message.message_id, _key(message), message.to, state))
            if report.stopped:
                report.not_attempted.extend(m.message_id for m in messages[index + 1:])
                break
    finally:
        batch.connection.close()
    return report


def uncertain_messages(sessions: sessionmaker[Session]) -> list[UncertainMessage]:
    """Messages that may have gone out (the app stopped while the server had them), oldest first."""
    with sessions() as session:
        found = session.scalars(
            select(OutgoingMessage).where(OutgoingMessage.state.in_(UNKNOWN_STATES)).order_by(OutgoingMessage.id)
        )
        return [_uncertain(record) for record in found]


def resend_uncertain(
    sessions: sessionmaker[Session],
    message_id: str,
    settings: SmtpSettings,
    password: str | None,
    *,
    clock: Clock,
    ssl_context: ssl.SSLContext | None = None,
) -> SendReport:
    """The user checked their Sent folder and wants it sent (again): the same message, same Message-ID
    (so mail programs that got the first copy show one), through the same "sending" → "sent" steps."""
    settings = check_settings(settings)
    batch = _Batch(sessions, settings, SmtpConnection(settings, password, ssl_context), clock)
    report = SendReport()
    try:
        batch.connection.ensure_open()  # a server that cannot be reached: nothing changes
        outgoing = batch.claim_uncertain(message_id.strip())
        batch.deliver(outgoing, report)
    finally:
        batch.connection.close()
    return report


def mark_uncertain_sent(
    sessions: sessionmaker[Session], message_id: str, *, clock: Clock, at: datetime | None = None
) -> Outcome[str]:
    """The user found it in their Sent folder: it counts as sent at `at` (default now); its task is done."""
    with sessions() as session:
        record = _by_message_id(session, message_id.strip())
        if record is None:
            raise NotFoundError(f"no message with Message-ID {message_id.strip()!r}")
        if record.state not in UNKNOWN_STATES | {"sent"}:
            raise UserError(f"message {record.message_id} is {record.state}, not waiting for a check")
    return FollowUpService(sessions, clock).mark_sent(message_id.strip(), at or clock())


def wire_bytes(mail: PlainEmail) -> bytes:
    """The message as it goes to the server: CRLF lines, 7-bit clean (a UTF-8 body in quoted-printable,
    which goes through every server, 8BITMIME or not; headers RFC 2047-encoded), no X-Unsent header."""
    return email_output.message_bytes(email_output.build_message(replace(mail, unsent=False)))


class _Batch:
    """One run's connection and the commits around each message."""

    def __init__(self, sessions: sessionmaker[Session], settings: SmtpSettings, connection: SmtpConnection,
                 clock: Clock) -> None:
        self.sessions, self.settings, self.connection, self.now = sessions, settings, connection, clock
        self.talked = False  # a message went to the server in this run: pause before the next one

    def send_composed(self, message: Sendable, report: SendReport, pause: float,
                      sleep: Callable[[float], object], should_stop: Callable[[], bool] | None) -> str:
        if not message.to:
            report.skipped.append(message.message_id)
            return "skipped"
        if self.talked and pause > 0:
            sleep(pause)  # so a batch does not look like spam
            if should_stop is not None and should_stop():
                report.stopped = "stopped on request; run the batch again to send the rest"
                return "not_attempted"
        try:
            if not self.talked:
                self.connection.ensure_open()  # trouble here raises: nothing was claimed yet
            outgoing = self.claim(message, report)
        except _StopBatch as stop:
            report.stopped = str(stop)
            return "not_attempted"
        if isinstance(outgoing, str):
            return outgoing
        self.talked = True
        return self.deliver(outgoing, report)

    # --- the commits ----------------------------------------------------------------------------

    def claim(self, message: Sendable, report: SendReport) -> _Outgoing | str:
        """Commit "sending" for the message; "skipped" when it went already, "uncertain" when it may have."""
        now = self.now()
        try:
            with self.sessions.begin() as session:
                own = _by_message_id(session, message.message_id)
                for_task = [] if isinstance(message, Outbound) else list(session.scalars(
                    select(OutgoingMessage).where(OutgoingMessage.task_id == message.task.id).order_by(OutgoingMessage.id)
                ))  # fmt: skip
                records = ([own] if own is not None else []) + [r for r in for_task if r is not own]
                if any(r.state == "sent" for r in records):
                    report.skipped.append(message.message_id)
                    return "skipped"
                unknown = next((r for r in records if r.state in UNKNOWN_STATES), None)
                if unknown is not None:
                    unknown.state = "uncertain"  # `state_changed_at` keeps the moment it began sending
                    report.uncertain.append(_uncertain(unknown))
                    return "uncertain"
                record = own or next((r for r in reversed(for_task) if r.state in UNSENT_STATES), None)
                if isinstance(message, Outbound):
                    if record is None:
                        raise _StopBatch(f"{message.key}: its stored draft is gone; compose the emails again")
                else:
                    if record is None:
                        record = OutgoingMessage(message_id=message.message_id, created_at=now, task_id=message.task.id)
                        session.add(record)
                    record.contact_id, record.kind = message.task.person_id, message.task.kind.value
                record.recipient, record.subject, record.body = message.to, message.subject, message.body
                record.state, record.state_changed_at = "sending", now
                message_id = record.message_id
        except DATABASE_ERRORS as error:
            raise _StopBatch(f"the database could not be written ({error}); run the batch again later") from None
        email = replace(message.email, subject=message.subject, body=message.body, message_id=message_id,
                        written_at=now)
        return _Outgoing(message_id, _key(message), message.to, message.subject, email)

    def claim_uncertain(self, message_id: str) -> _Outgoing:
        """Commit "sending" again for a message the user chose to resend, rebuilt from its record."""
        now = self.now()
        with self.sessions.begin() as session:
            record = _by_message_id(session, message_id)
            if record is None:
                raise NotFoundError(f"no message with Message-ID {message_id!r}")
            if record.state not in UNKNOWN_STATES:
                raise UserError(f"message {message_id} is {record.state}, not waiting for a check")
            profile = session.get(Profile, 1) or Profile()
            contact = session.get(Contact, record.contact_id) if record.contact_id is not None else None
            email = PlainEmail(
                Mailbox(one_line(profile.name or ""), (profile.email or "").strip()),
                Mailbox(one_line(contact.name) if contact is not None else "", record.recipient),
                record.subject, record.body, record.message_id, now,
            )  # fmt: skip
            record.state, record.state_changed_at = "sending", now
            return _Outgoing(record.message_id, record.task_id or "", record.recipient, record.subject, email)

    def _commit_failed(self, outgoing: _Outgoing) -> None:
        try:
            with self.sessions.begin() as session:
                record = _by_message_id(session, outgoing.message_id)
                if record is not None and record.state == "sending":
                    record.state, record.state_changed_at = "failed", self.now()
        except DATABASE_ERRORS:
            # Still "sending": the next run lists it as uncertain rather than sending it blind.
            raise _StopBatch("the database could not be written; run the batch again later") from None

    # --- one message on the wire ------------------------------------------------------------------

    def deliver(self, outgoing: _Outgoing, report: SendReport) -> str:
        """Hand one claimed message to the server and commit what became of it."""
        email = outgoing.email
        # Names arrive hand-edited from the GUI too: one line each, so none can start a header of its own.
        email = replace(email, sender=Mailbox(one_line(email.sender.name), self.settings.sender or email.sender.address),
                        to=Mailbox(one_line(email.to.name), email.to.address))
        try:
            if not email.sender.address:
                raise UserError("no sender address: set your email in your profile or the sender in the mail settings")
            data = wire_bytes(email)
        except UserError as error:
            return self._failed(outgoing, str(error), report)
        for attempt in (1, 2):
            try:
                self.connection.ensure_open()
                self.connection.deliver(email.sender.address, outgoing.to, data)
            except ConnectionDropped as drop:
                if drop.during_data:
                    # The server had the whole message when the line went: it may have been delivered.
                    return self._uncertain_now(outgoing, report)
                if attempt == 1:
                    continue  # reconnect once; the message surely did not go
                report.stopped = f"the connection to {self.settings.server} was lost twice ({drop}); run the batch again later"
                return self._failed(outgoing, f"connection lost: {drop}", report)
            except UserError as error:  # the reconnect itself was refused
                report.stopped = str(error)
                return self._failed(outgoing, str(error), report)
            except smtplib.SMTPRecipientsRefused as refused:
                return self._failed(outgoing, _reply(*refused.recipients.get(outgoing.to, (0, b"refused"))), report)
            except smtplib.SMTPResponseException as error:
                return self._failed(outgoing, _reply(error.smtp_code, error.smtp_error), report)
            except (smtplib.SMTPException, UnicodeError, ValueError) as error:
                return self._failed(outgoing, str(error) or type(error).__name__, report)
            break
        try:
            FollowUpService(self.sessions, self.now).mark_sent(outgoing.message_id, self.now())
        except DATABASE_ERRORS as error:
            # Accepted but not recorded: "sending" stays, so it is never resent blind.
            report.uncertain.append(UncertainMessage(outgoing.message_id, outgoing.task_id, outgoing.to,
                                                     outgoing.subject, self.now()))
            report.stopped = f"the database could not be written ({error}); run the batch again later"
            return "uncertain"
        report.sent.append(outgoing.message_id)
        return "sent"

    def _uncertain_now(self, outgoing: _Outgoing, report: SendReport) -> str:
        since = self.now()
        try:
            with self.sessions.begin() as session:
                record = _by_message_id(session, outgoing.message_id)
                if record is not None and record.state == "sending":
                    record.state = "uncertain"
                    since = record.state_changed_at or since
        except DATABASE_ERRORS:
            pass  # "sending" says the same to the next run
        report.uncertain.append(UncertainMessage(outgoing.message_id, outgoing.task_id, outgoing.to,
                                                 outgoing.subject, since))
        return "uncertain"

    def _failed(self, outgoing: _Outgoing, reason: str, report: SendReport) -> str:
        report.failed.append(SendFailure(outgoing.message_id, outgoing.task_id, outgoing.to, reason))
        try:
            self._commit_failed(outgoing)
        except _StopBatch as stop:
            report.stopped = str(stop)
        return "failed"


def _by_message_id(session: Session, message_id: str) -> OutgoingMessage | None:
    return session.scalars(select(OutgoingMessage).where(OutgoingMessage.message_id == message_id)).first()


def _uncertain(record: OutgoingMessage) -> UncertainMessage:
    return UncertainMessage(record.message_id, record.task_id or "", record.recipient, record.subject,
                            record.state_changed_at)


def _reply(code: int, text: bytes | str) -> str:
    """The server's answer as one line: "550 5.1.1 mailbox unavailable"."""
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return " ".join(f"{code} {words}".split()) if code else " ".join(words.split())
