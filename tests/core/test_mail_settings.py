"""SMTP settings in the database, the password only in a secure OS keyring — never a plain-text one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail

from conference_app.core.errors import UserError
from conference_app.core.services import mail_settings
from conference_app.core.services.mail_settings import SmtpSettings
from conference_app.core.workspace import Workspace

SECRET = "correct horse battery staple"


class MemorySecretStore(KeyringBackend):
    """Stands in for a Secret Service: secure, in memory."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not stored")


class PlaintextKeyring(MemorySecretStore):
    """Like keyrings.alt's file backend: what keyring falls back to without a Secret Service."""

    priority = 0.5  # type: ignore[assignment]


class QuietStore(MemorySecretStore):
    """An innocent name, but a priority below 1: keyring itself ranks it as a last resort."""

    priority = 0.9  # type: ignore[assignment]


def use_backend(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def secret_store() -> Iterator[KeyringBackend]:
    yield from use_backend(MemorySecretStore())


SETTINGS = SmtpSettings("smtp.riverside.example", 587, "starttls", "sam", "sam@riverside.example", 2.5)


def test_settings_round_trip_without_a_password_in_the_database(workspace: Workspace, secret_store) -> None:
    sessions = workspace.database.sessions
    assert mail_settings.load_smtp_settings(sessions) is None

    saved = mail_settings.save_smtp_settings(sessions, SmtpSettings(" smtp.riverside.example ", 587, "starttls", " sam ",
                                                                    "sam@riverside.example", 2.5)).value
    mail_settings.store_password(saved, SECRET)

    assert saved == SETTINGS
    assert mail_settings.load_smtp_settings(sessions) == SETTINGS
    assert secret_store.entries == {("conference-companion-smtp", "sam@smtp.riverside.example:587"): SECRET}
    assert mail_settings.stored_password(SETTINGS) == SECRET
    workspace.close()
    database = Path(workspace.database.engine.url.database or "")
    for file in database.parent.glob(database.name + "*"):
        assert SECRET.encode() not in file.read_bytes(), file


def test_forget_password_and_a_missing_one(secret_store) -> None:
    assert mail_settings.stored_password(SETTINGS) is None
    mail_settings.store_password(SETTINGS, SECRET)
    mail_settings.forget_password(SETTINGS)
    mail_settings.forget_password(SETTINGS)  # nothing stored: no error
    assert mail_settings.stored_password(SETTINGS) is None


@pytest.mark.parametrize("backend", [PlaintextKeyring(), QuietStore(), fail.Keyring()], ids=lambda b: type(b).__name__)
def test_an_insecure_password_store_is_refused(backend: KeyringBackend) -> None:
    for _ in use_backend(backend):
        with pytest.raises(UserError, match="no secure password store .*the password was not saved; "
                           r"install/unlock GNOME Keyring or KWallet \(a Secret Service\)") as refused:
            mail_settings.store_password(SETTINGS, SECRET)
        assert SECRET not in str(refused.value)
        with pytest.raises(UserError, match="no secure password store"):
            mail_settings.stored_password(SETTINGS)
        if isinstance(backend, MemorySecretStore):
            assert backend.entries == {}  # nothing was written to it


def chain_of(*members: KeyringBackend) -> chainer.ChainerBackend:
    """A chainer over exactly these backends (the real one lists every installed backend)."""

    class Chain(chainer.ChainerBackend):
        backends = list(members)  # type: ignore[assignment]

    return Chain()


def test_a_chain_never_falls_through_to_a_plaintext_store() -> None:
    secure, plaintext = MemorySecretStore(), PlaintextKeyring()
    for _ in use_backend(chain_of(plaintext, secure)):  # what keyring builds when both are installed
        mail_settings.store_password(SETTINGS, SECRET)
    assert plaintext.entries == {} and list(secure.entries.values()) == [SECRET]
    for _ in use_backend(chain_of(plaintext)):
        with pytest.raises(UserError, match="no secure password store"):
            mail_settings.store_password(SETTINGS, SECRET)


@pytest.mark.parametrize(("text", "expected"), [
    ("smtp.example.org:587", ("smtp.example.org", 587)),
    (" 127.0.0.1:2525 ", ("127.0.0.1", 2525)),
    ("[::1]:25", ("::1", 25)),
])  # fmt: skip
def test_server_names(text: str, expected: tuple[str, int]) -> None:
    assert mail_settings.parse_server(text) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("smtp.example.org", "HOST:PORT"),
    ("smtp.example.org:smtp", "must be a number"),
    ("smtp.example.org:70000", "between 1 and 65535"),
    ("smtp example.org:25", "not a server name"),
    ("evil\r\nRCPT:25", "not a server name"),
])  # fmt: skip
def test_bad_server_names_are_one_line(text: str, problem: str) -> None:
    with pytest.raises(UserError, match=problem) as error:
        mail_settings.parse_server(text)
    assert "\n" not in str(error.value)


def test_bad_settings_are_refused(workspace: Workspace) -> None:
    with pytest.raises(UserError, match="pause"):
        mail_settings.save_smtp_settings(workspace.database.sessions, SmtpSettings("a.example", 25, "none", pause_seconds=-1))
    with pytest.raises(UserError, match="security"):
        mail_settings.save_smtp_settings(workspace.database.sessions, SmtpSettings("a.example", 25, "tls"))  # type: ignore[arg-type]
    with pytest.raises(UserError, match="one line"):
        mail_settings.save_smtp_settings(workspace.database.sessions, SmtpSettings("a.example", 25, "none", "x\r\ny"))
    assert mail_settings.load_smtp_settings(workspace.database.sessions) is None
