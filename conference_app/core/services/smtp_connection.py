"""One SMTP connection as mail_sending needs it: opened securely, and honest about where it broke.

smtplib's `sendmail` does MAIL, RCPT and DATA in one call; here they are done one by one so a
dropped connection can be told apart: lost before DATA, the message surely did not go (retry it);
lost during or after DATA, the server may have it (never resend it blind).
"""

from __future__ import annotations

import smtplib
import ssl

from conference_app.core.errors import UserError
from conference_app.core.services.mail_settings import SmtpSettings, is_loopback

TIMEOUT_SECONDS = 60.0


class ConnectionDropped(Exception):
    """The connection broke while a message was being handed over; `during_data` says whether it may have gone."""

    def __init__(self, reason: str, during_data: bool) -> None:
        super().__init__(reason)
        self.during_data = during_data


class SmtpConnection:
    """Opens on demand (TLS as the settings say, login only with a user); `deliver` hands over one message."""

    def __init__(self, settings: SmtpSettings, password: str | None, ssl_context: ssl.SSLContext | None = None,
                 timeout: float = TIMEOUT_SECONDS) -> None:
        if settings.user and password is None:
            raise UserError(f"no password given for {settings.user} on {settings.server}")
        if settings.user and settings.security == "none" and not is_loopback(settings.host):
            raise UserError(f"logging in to {settings.server} without STARTTLS or SSL would send the password "
                            "unencrypted; use STARTTLS or SSL")
        self.settings, self._password, self._timeout = settings, password, timeout
        self._context = ssl_context
        self._smtp: smtplib.SMTP | None = None

    def ensure_open(self) -> None:
        """Connect, secure and log in unless already connected; a UserError of one line when that fails."""
        if self._smtp is not None:
            return
        settings = self.settings
        context = self._context or ssl.create_default_context()
        smtp: smtplib.SMTP | None = None
        try:
            if settings.security == "ssl":
                smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=self._timeout, context=context)
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=self._timeout)
            smtp.ehlo()
            if settings.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()  # the capabilities said before TLS no longer count
            if settings.user:
                smtp.login(settings.user, self._password or "")
        except smtplib.SMTPAuthenticationError as error:
            self._abandon(smtp)
            raise UserError(f"{settings.server} refused the login for {settings.user} ({_answer(error)})") from None
        except smtplib.SMTPNotSupportedError:
            self._abandon(smtp)
            wanted = "STARTTLS" if settings.security == "starttls" else "logging in"
            raise UserError(f"{settings.server} does not offer {wanted}") from None
        except ssl.SSLError as error:
            self._abandon(smtp)
            raise UserError(f"cannot make a secure connection to {settings.server} ({error.reason or error})") from None
        except (smtplib.SMTPException, OSError) as error:
            self._abandon(smtp)
            raise UserError(f"cannot connect to {settings.server} ({_answer(error)})") from None
        self._smtp = smtp

    def deliver(self, sender: str, recipient: str, data: bytes) -> None:
        """MAIL, RCPT, DATA for one recipient; smtplib's refusals are raised as they are, a broken line as
        ConnectionDropped."""
        smtp = self._smtp
        during_data = False
        try:
            if smtp is None:
                raise smtplib.SMTPServerDisconnected("not connected")
            code, text = smtp.mail(sender)
            if code != 250:
                self._reset()
                raise smtplib.SMTPSenderRefused(code, text, sender)
            code, text = smtp.rcpt(recipient)
            if code not in (250, 251):
                self._reset()
                raise smtplib.SMTPRecipientsRefused({recipient: (code, text)})
            during_data = True
            code, text = smtp.data(data)
            if code != 250:  # a refusal is an answer: the message surely was not taken
                self._reset()
                raise smtplib.SMTPDataError(code, text)
        except smtplib.SMTPServerDisconnected as error:
            self._abandon(smtp)
            raise ConnectionDropped(str(error) or "the server closed the connection", during_data) from None
        except smtplib.SMTPException:
            raise
        except OSError as error:  # timeouts, resets: SMTPException is an OSError too, so it is caught above
            self._abandon(smtp)
            raise ConnectionDropped(str(error) or type(error).__name__, during_data) from None

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def _reset(self) -> None:
        try:
            if self._smtp is not None:
                self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            pass  # the next message finds out whether the connection still works

    def _abandon(self, smtp: smtplib.SMTP | None) -> None:
        self._smtp = None
        if smtp is not None:
            try:
                smtp.close()
            except OSError:
                pass


def _answer(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
        return " ".join(f"{error.smtp_code} {text}".split())
    return " ".join(str(error).split()) or type(error).__name__
