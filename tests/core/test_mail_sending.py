"""Sending through a real SMTP server (aiosmtpd on 127.0.0.1): what it received, each message exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import smtplib
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from conference_app.core.services import mail_sending
from conference_app.core.services.follow_ups import ComposedMessage
from conference_app.core.services.mail_sending import send_messages
from conference_app.core.services.mail_settings import SmtpSettings
from conference_app.core.storage.models import OutgoingMessage
from conference_app.core.workspace import Workspace
from tests.test_cli_followups import add, run
from tests.core.test_planning import write_test_congress

AS_OF = dt.date(2026, 10, 23)  # the congress ended on 19 Oct: first follow-ups are due on the 22nd
SENT_AT = dt.datetime(2026, 10, 23, 9, 0, tzinfo=dt.timezone.utc)
PEOPLE = [("Jonas Berg", "jonas@nordic.example"), ("Amara Okafor", "amara@lakeshore.example"),
          ("Priya Raman", "priya@gulf.example"), ("Kofi Mensah", "kofi@accra.example"),
          ("Lena Lindqvist", "lena@uppsala.example")]  # fmt: skip


def clock() -> dt.datetime:
    return SENT_AT


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Collector:
    """The server's handler: keeps every accepted message; refuses some recipients; can hold one message."""

    refuse: set[str] = field(default_factory=set)
    hold_on: int = 0  # hold the n-th message (1-based) before answering, until `release` is set
    received: list[Received] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, ANN201
        if address in self.refuse:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        if len(self.received) == self.hold_on:
            self.holding.set()
            for _ in range(600):  # at most 30 s, so a failing test cannot hang
                if self.release.is_set():
                    break
                await asyncio.sleep(0.05)
        return "250 2.0.0 accepted"

    def to(self) -> list[str]:
        return [address for r in self.received for address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    handler: Collector
    port: int

    def settings(self, **changes: object) -> SmtpSettings:
        return replace(SmtpSettings("127.0.0.1", self.port, "none", pause_seconds=0), **changes)  # type: ignore[arg-type]


def start_server(handler: Collector, **kwargs: object) -> Iterator[Server]:
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield Server(handler, port)
    finally:
        handler.release.set()
        controller.stop()


@pytest.fixture
def server() -> Iterator[Server]:
    yield from start_server(Collector())


def make_due_database(capsys: pytest.CaptureFixture[str], folder: Path, people: list[tuple[str, str]]) -> Path:
    """A database with one follow-up due by AS_OF per person (a poster-hall conversation at the congress)."""
    path = folder / "mail.sqlite"
    assert run(capsys, "--db", path, "import", write_test_congress(folder))[0] == 0
    assert run(capsys, "--db", path, "profile", "set", "--name", "Sam Rivera", "--stage", "PGY-2",
               "--institution", "Riverside University", "--email", "sam@riverside.example")[0] == 0
    for name, email in people:
        add(capsys, path, name, email, "--place", "poster hall", "--point", "peer mentoring", "--on", "2026-10-18T16:00")
    return path


@pytest.fixture
def opened(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(make_due_database(capsys, tmp_path, PEOPLE))
    yield workspace
    workspace.close()


def compose(workspace: Workspace) -> list[ComposedMessage]:
    return workspace.follow_ups.compose(AS_OF)


def follow_ups_due(workspace: Workspace) -> list[str]:
    return [t.id for t in workspace.follow_ups.tasks(AS_OF) if t.kind.value == "follow_up"]


def states(workspace: Workspace) -> dict[str, str]:
    with workspace.database.sessions() as session:
        return {str(m.task_id): m.state for m in session.scalars(select(OutgoingMessage))}


def test_every_due_follow_up_arrives_once_with_its_headers(opened: Workspace, server: Server) -> None:
    messages = compose(opened)
    progress: list[str] = []

    report = send_messages(opened.database.sessions, messages, server.settings(), None, clock=clock,
                           on_progress=lambda step: progress.append(f"{step.done}/{step.total} {step.state}"))

    assert report.sent == [m.message_id for m in messages] and report.all_went
    assert progress == [f"{n}/5 sent" for n in range(1, 6)]
    assert sorted(server.handler.to()) == sorted(email for _name, email in PEOPLE)
    first = server.handler.received[0]
    assert first.mail_from == "sam@riverside.example" and first.rcpt_tos == [messages[0].to]
    received = first.message
    assert received["Message-ID"] == messages[0].message_id
    assert received["To"].addresses[0].display_name == messages[0].task.name
    assert received["From"].addresses[0].addr_spec == "sam@riverside.example"
    assert received["Subject"] == messages[0].subject
    assert received["X-Unsent"] is None  # a draft marker has no place in a sent message
    assert received.get_content().replace("\r\n", "\n") == messages[0].body.rstrip("\n") + "\n"
    assert states(opened) == {f"follow_up:{n}": "sent" for n in range(1, 6)}
    assert follow_ups_due(opened) == []  # done; the nudges are due later
    assert [t.kind.value for t in opened.follow_ups.tasks(AS_OF + dt.timedelta(days=14))] == ["nudge"] * 5

    again = send_messages(opened.database.sessions, messages, server.settings(), None, clock=clock)
    assert again.sent == [] and again.skipped == [m.message_id for m in messages]  # the same list, run again
    assert send_messages(opened.database.sessions, compose(opened), server.settings(), None, clock=clock).sent == []
    assert len(server.handler.received) == 5


def test_a_refused_recipient_fails_alone_and_is_retried_on_its_own(opened: Workspace) -> None:
    for running in start_server(Collector(refuse={"priya@gulf.example"})):
        messages = compose(opened)
        report = send_messages(opened.database.sessions, messages, running.settings(), None, clock=clock)
        assert len(report.sent) == 4 and report.uncertain == []
        (failure,) = report.failed
        priya = next(m for m in messages if m.to == "priya@gulf.example")
        assert (failure.task_id, failure.to, failure.message_id) == (priya.task.id, priya.to, priya.message_id)
        assert failure.reason.startswith("550 5.1.1") and "mailbox unavailable" in failure.reason
        assert states(opened)[priya.task.id] == "failed"
        assert not report.all_went
        running.handler.refuse.clear()

        retried = send_messages(opened.database.sessions, compose(opened), running.settings(), None, clock=clock)
        assert retried.sent == [failure.message_id]  # the same message, the same Message-ID
        assert running.handler.to().count("priya@gulf.example") == 1 and len(running.handler.received) == 5


def test_an_interrupted_message_is_uncertain_until_the_user_decides(opened: Workspace, server: Server) -> None:
    messages = compose(opened)
    # The app died after committing "sending" for the second message (and perhaps after the server took it).
    with opened.database.sessions.begin() as session:
        session.add(OutgoingMessage(message_id=messages[1].message_id, task_id=messages[1].task.id, kind="follow_up",
                                    contact_id=messages[1].task.person_id,
                                    recipient=messages[1].to, subject=messages[1].subject, body=messages[1].body,
                                    state="sending", created_at=SENT_AT, state_changed_at=SENT_AT))

    report = send_messages(opened.database.sessions, compose(opened), server.settings(), None, clock=clock)

    assert len(report.sent) == 4 and not report.all_went
    assert [(u.message_id, u.task_id, u.to, u.since) for u in report.uncertain] == [
        (messages[1].message_id, messages[1].task.id, messages[1].to, SENT_AT)]
    assert messages[1].to not in server.handler.to()
    assert [u.message_id for u in mail_sending.uncertain_messages(opened.database.sessions)] == [messages[1].message_id]
    assert send_messages(opened.database.sessions, compose(opened), server.settings(), None, clock=clock).sent == []

    resent = mail_sending.resend_uncertain(opened.database.sessions, messages[1].message_id, server.settings(), None,
                                           clock=clock)
    assert resent.sent == [messages[1].message_id]
    arrived = server.handler.received[-1].message
    assert arrived["Message-ID"] == messages[1].message_id
    assert arrived["To"].addresses[0].display_name == messages[1].task.name
    assert mail_sending.uncertain_messages(opened.database.sessions) == []
    assert follow_ups_due(opened) == []


def test_marking_an_uncertain_message_sent_closes_its_task(opened: Workspace) -> None:
    message = compose(opened)[0]
    with opened.database.sessions.begin() as session:
        session.add(OutgoingMessage(message_id=message.message_id, task_id=message.task.id, kind="follow_up",
                                    contact_id=message.task.person_id,
                                    recipient=message.to, subject=message.subject, body=message.body,
                                    state="uncertain", created_at=SENT_AT, state_changed_at=SENT_AT))
    closed = mail_sending.mark_uncertain_sent(opened.database.sessions, message.message_id, clock=clock).value
    assert closed == message.task.id
    assert len(follow_ups_due(opened)) == 4 and message.task.id not in follow_ups_due(opened)


def test_names_and_subjects_cannot_add_headers_and_are_encoded(opened: Workspace, server: Server) -> None:
    message = compose(opened)[0]
    evil_name = "Zoë Ångström\r\nBcc: victim@evil.example"
    edited = replace(
        message, subject="Réunion à Chicago\r\nBcc: victim@evil.example", body="Grüße aus Köln — 谢谢\n.\nend\n",
        email=replace(message.email, to=replace(message.email.to, name=evil_name)),
    )  # fmt: skip

    report = send_messages(opened.database.sessions, [edited], server.settings(), None, clock=clock)
    assert report.failed == []

    assert report.sent == [message.message_id]
    (got,) = server.handler.received
    assert got.rcpt_tos == [message.to]
    assert b"\nBcc:" not in got.data and b"\r\nBcc:" not in got.data and got.data.isascii()
    parsed = got.message
    assert parsed["Subject"] == "Réunion à Chicago Bcc: victim@evil.example"
    assert parsed["To"].addresses[0].display_name == "Zoë Ångström Bcc: victim@evil.example"
    assert parsed["To"].addresses[0].addr_spec == message.to and len(parsed["To"].addresses) == 1
    assert parsed.get_content().replace("\r\n", "\n") == "Grüße aus Köln — 谢谢\n.\nend\n"  # a lone dot is not the end of DATA
    assert parsed["Bcc"] is None


def test_stop_and_pause_between_messages(opened: Workspace, server: Server) -> None:
    pauses: list[float] = []
    report = send_messages(opened.database.sessions, compose(opened), server.settings(pause_seconds=2.0), None,
                           clock=clock, sleep=pauses.append, should_stop=lambda: len(server.handler.received) >= 2)
    assert len(report.sent) == 2 and len(report.not_attempted) == 3 and "stopped" in report.stopped
    assert pauses == [2.0]  # between the first and the second; the stop came before the third
    resumed = send_messages(opened.database.sessions, compose(opened), server.settings(), None, clock=clock)
    assert len(resumed.sent) == 3 and len(server.handler.received) == 5


def test_a_server_that_cannot_be_reached_changes_nothing(opened: Workspace) -> None:
    closed = SmtpSettings("127.0.0.1", free_port(), "none", pause_seconds=0)
    with pytest.raises(Exception, match=r"cannot connect to 127\.0\.0\.1:\d+"):
        send_messages(opened.database.sessions, compose(opened), closed, None, clock=clock)
    assert states(opened) == {}


def drop_before_mail(monkeypatch: pytest.MonkeyPatch, times: int) -> None:
    """The line goes down when a message is about to be handed over, `times` times."""
    real_mail = smtplib.SMTP.mail
    left = [times]

    def flaky_mail(self: smtplib.SMTP, sender: str, options: tuple[str, ...] = ()) -> tuple[int, bytes]:
        if left[0]:
            left[0] -= 1
            self.close()
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_mail(self, sender, options)

    monkeypatch.setattr(smtplib.SMTP, "mail", flaky_mail)


def test_a_dropped_connection_is_reconnected_once(opened: Workspace, server: Server, monkeypatch) -> None:
    drop_before_mail(monkeypatch, times=1)
    report = send_messages(opened.database.sessions, compose(opened), server.settings(), None, clock=clock)
    assert len(report.sent) == 5 and report.all_went and len(server.handler.received) == 5


def test_a_connection_that_keeps_dropping_stops_the_batch(opened: Workspace, server: Server, monkeypatch) -> None:
    messages = compose(opened)
    drop_before_mail(monkeypatch, times=2)
    report = send_messages(opened.database.sessions, messages, server.settings(), None, clock=clock)
    assert report.sent == [] and [f.message_id for f in report.failed] == [messages[0].message_id]
    assert "lost twice" in report.stopped and report.not_attempted == [m.message_id for m in messages[1:]]
    assert states(opened) == {messages[0].task.id: "failed"}  # surely not sent: the next run sends it
    again = send_messages(opened.database.sessions, compose(opened), server.settings(), None, clock=clock)
    assert len(again.sent) == 5 and len(server.handler.received) == 5


def test_a_line_lost_after_the_data_makes_that_message_uncertain(opened: Workspace, server: Server,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real_data = smtplib.SMTP.data
    calls = [0]

    def data_then_drop(self: smtplib.SMTP, msg: bytes) -> tuple[int, bytes]:
        calls[0] += 1
        answer = real_data(self, msg)
        if calls[0] == 2:  # the server took the second message, its answer never came back
            self.close()
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return answer

    monkeypatch.setattr(smtplib.SMTP, "data", data_then_drop)
    messages = compose(opened)
    report = send_messages(opened.database.sessions, messages, server.settings(), None, clock=clock)
    assert [u.message_id for u in report.uncertain] == [messages[1].message_id] and len(report.sent) == 4
    assert states(opened)[messages[1].task.id] == "uncertain" and len(server.handler.received) == 5
    assert send_messages(opened.database.sessions, compose(opened), server.settings(), None, clock=clock).sent == []
    assert len(server.handler.received) == 5


def self_signed(folder: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a fresh certificate for 127.0.0.1, and a client context that trusts only it."""
    crypto = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = crypto.Name([crypto.NameAttribute(crypto.oid.NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        crypto.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(crypto.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(crypto.SubjectAlternativeName([crypto.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(crypto.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(cert_file, key_file)
    return server_side, ssl.create_default_context(cafile=str(cert_file))


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_starttls_and_ssl(opened: Workspace, tmp_path: Path, security: str) -> None:
    server_side, client_side = self_signed(tmp_path)
    options: dict[str, object] = (
        {"tls_context": server_side, "require_starttls": True} if security == "starttls" else {"ssl_context": server_side}
    )
    for running in start_server(Collector(), **options):
        settings = running.settings(security=security)
        report = send_messages(opened.database.sessions, compose(opened)[:1], settings, None, clock=clock,
                               ssl_context=client_side)
        assert len(report.sent) == 1 and len(running.handler.received) == 1
        with pytest.raises(Exception, match="secure connection|cannot connect"):  # an untrusted certificate
            send_messages(opened.database.sessions, compose(opened)[:1], settings, None, clock=clock)
