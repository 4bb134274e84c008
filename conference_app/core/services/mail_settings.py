"""The SMTP server the user sends through, and its password in the OS keyring.

The server's name, port, security, user and pause are ordinary settings (the `setting` table).
The password never touches the database, logs, exceptions or exports: it lives only in the
operating system's password store through `keyring`. keyring quietly falls back to a plain-text
file (or to a backend that cannot store anything) when no Secret Service is running; such a
backend is refused here, so a password is either stored securely or not at all.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Literal, cast

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.storage.settings import get_setting, put_setting

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring is imported where a password is stored or read: loading its backends costs every
# command start a noticeable time, and most commands never touch a password.

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "ssl", "none")
SETTINGS_KEY = "mail.smtp"
KEYRING_SERVICE = "conference-companion-smtp"
DEFAULT_PAUSE_SECONDS = 3.0
MAX_PAUSE_SECONDS = 600.0
# Words in a backend's class or module name that mean "not a secure store": keyrings.alt's
# PlaintextKeyring and its file-based cousins, keyring's own fail and null backends.
_INSECURE_WORDS = ("plaintext", "file", "fail", "null", "uncrypted", "unencrypted")
_HOST = re.compile(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]")
_NO_STORE_ADVICE = "install/unlock GNOME Keyring or KWallet (a Secret Service)"
TOPICS = frozenset({Topic.MESSAGES})


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send; `user` empty means no login, `sender` empty means the profile's email."""

    host: str
    port: int
    security: Security = "starttls"
    user: str = ""
    sender: str = ""
    pause_seconds: float = DEFAULT_PAUSE_SECONDS

    @property
    def keyring_user(self) -> str:
        """The name the password is stored under in the keyring: one entry per user and server."""
        return f"{self.user}@{self.host}:{self.port}"

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def parse_server(text: str) -> tuple[str, int]:
    """HOST:PORT as typed ("smtp.example.org:587", "[::1]:25"), or a UserError saying what is wrong."""
    host, colon, port_text = text.strip().rpartition(":")
    if not colon or not host:
        raise UserError(f"give the SMTP server as HOST:PORT (e.g. smtp.example.org:587), not {text.strip()!r}")
    try:
        port = int(port_text)
    except ValueError:
        raise UserError(f"the SMTP port must be a number, not {port_text!r}") from None
    checked = check_settings(SmtpSettings(host.strip("[]") if ":" in host else host, port, "none"))
    return checked.host, checked.port


def check_settings(settings: SmtpSettings) -> SmtpSettings:
    """The settings with surrounding spaces removed, or a UserError naming the one bad value."""
    host, user, sender = settings.host.strip(), settings.user.strip(), settings.sender.strip()
    shown = f"[{host}]" if ":" in host else host
    if not host or not _HOST.fullmatch(shown):
        raise UserError(f"{settings.host!r} is not a server name")
    if not isinstance(settings.port, int) or not 1 <= settings.port <= 65535:
        raise UserError(f"the SMTP port must be between 1 and 65535, not {settings.port}")
    if settings.security not in SECURITIES:
        raise UserError(f"security must be starttls, ssl or none, not {settings.security!r}")
    if any(c in user or c in sender for c in "\r\n\x00"):
        raise UserError("the user name and sender address must be one line")
    if sender and (sender.count("@") != 1 or any(c.isspace() for c in sender)):
        raise UserError(f"{sender!r} is not an email address")
    pause = float(settings.pause_seconds)
    if not 0 <= pause <= MAX_PAUSE_SECONDS:
        raise UserError(f"the pause between messages must be 0 to {MAX_PAUSE_SECONDS:.0f} seconds, not {pause:g}")
    return SmtpSettings(host, settings.port, settings.security, user, sender, pause)


def is_loopback(host: str) -> bool:
    """This machine itself: a password sent unencrypted to it never crosses a network."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_smtp_settings(sessions: sessionmaker[Session]) -> SmtpSettings | None:
    """The saved server, or None when the user has not set one up (or what is stored is unusable)."""
    with sessions() as session:
        stored = get_setting(session, SETTINGS_KEY)
    if not isinstance(stored, dict):
        return None
    try:
        return check_settings(SmtpSettings(
            host=str(stored["host"]), port=int(stored["port"]), security=cast(Security, stored.get("security", "starttls")),
            user=str(stored.get("user", "")), sender=str(stored.get("sender", "")),
            pause_seconds=float(stored.get("pause_seconds", DEFAULT_PAUSE_SECONDS)),
        ))  # fmt: skip
    except (KeyError, TypeError, ValueError, UserError):
        return None


def save_smtp_settings(sessions: sessionmaker[Session], settings: SmtpSettings) -> Outcome[SmtpSettings]:
    """Check and store the server settings (never a password: see store_password)."""
    checked = check_settings(settings)
    with sessions.begin() as session:
        put_setting(session, SETTINGS_KEY, {
            "host": checked.host, "port": checked.port, "security": checked.security, "user": checked.user,
            "sender": checked.sender, "pause_seconds": checked.pause_seconds,
        })  # fmt: skip
    return Outcome(checked, TOPICS)


# --- the password, in the OS keyring only ---------------------------------------------------------


def backend_name(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__name__}"


def is_secure_backend(backend: KeyringBackend) -> bool:
    """False for keyring's fail and null backends, any plain-text or file backend, and any of low priority."""
    if any(word in backend_name(backend).casefold() for word in _INSECURE_WORDS):
        return False
    try:
        priority = float(backend.priority)
    except Exception:  # noqa: BLE001 - a backend that cannot even say its priority is not viable
        return False
    return priority >= 1


def secure_backend(action: str) -> KeyringBackend:
    """The keyring backend to use, or a UserError saying that `action` did not happen.

    A chainer (several backends tried in turn) falls through to the next one when the first
    fails, so it is never used as such: its best secure member is used directly.
    """
    import keyring

    chosen = keyring.get_keyring()
    members = getattr(chosen, "backends", None)
    if isinstance(members, (list, tuple)):
        secure = sorted((b for b in members if is_secure_backend(b)), key=lambda b: float(b.priority), reverse=True)
        if secure:
            return secure[0]
    elif is_secure_backend(chosen):
        return chosen
    raise UserError(
        f"no secure password store (found {type(chosen).__name__}): {action}; {_NO_STORE_ADVICE}"
    )


def store_password(settings: SmtpSettings, password: str) -> None:
    """Keep the password in the OS keyring; refuse when only an insecure store is available."""
    import keyring.errors

    if not settings.user.strip():
        raise UserError("a password needs a user name (--user)")
    if not password:
        raise UserError("the password is empty: nothing was saved")
    backend = secure_backend("the password was not saved")
    try:
        backend.set_password(KEYRING_SERVICE, settings.keyring_user, password)
    except keyring.errors.KeyringError as error:
        raise UserError(f"the password store refused the password ({_scrub(error, password)}); {_NO_STORE_ADVICE}") from None


def stored_password(settings: SmtpSettings) -> str | None:
    """The stored password for this user and server, or None when there is none."""
    import keyring.errors

    backend = secure_backend("the password cannot be read")
    try:
        return backend.get_password(KEYRING_SERVICE, settings.keyring_user)
    except keyring.errors.KeyringError as error:
        raise UserError(f"the password store cannot be read ({type(error).__name__}); {_NO_STORE_ADVICE}") from None


def forget_password(settings: SmtpSettings) -> None:
    """Remove the stored password; nothing happens when there is none."""
    import keyring.errors

    backend = secure_backend("the password was not removed")
    try:
        backend.delete_password(KEYRING_SERVICE, settings.keyring_user)
    except keyring.errors.PasswordDeleteError:
        pass  # nothing stored: the wish is fulfilled
    except keyring.errors.KeyringError as error:
        raise UserError(f"the password store refused to remove the password ({type(error).__name__})") from None


def _scrub(error: BaseException, password: str) -> str:
    """The error's text without the password, should a backend have put it there."""
    text = str(error) or type(error).__name__
    return text.replace(password, "***") if password else text
