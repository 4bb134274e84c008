"""The mail server the app sends through. The password goes to the system's password store, never the database."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.errors import UserError
from conference_app.core.services.mail_settings import (
    DEFAULT_PAUSE_SECONDS,
    MAX_PAUSE_SECONDS,
    SmtpSettings,
    load_smtp_settings,
    save_smtp_settings,
    store_password,
)
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus

SECURITY_CHOICES = (("STARTTLS (usually port 587)", "starttls"), ("SSL/TLS (usually port 465)", "ssl"),
                    ("None — only for a server on this computer", "none"))


class MailSettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mail server")
        self._ws = workspace
        self._bus = bus
        current = load_smtp_settings(workspace.database.sessions)
        self.host = QLineEdit(current.host if current else "", placeholderText="smtp.example.org")
        self.port = QSpinBox(minimum=1, maximum=65535, value=current.port if current else 587)
        self.security = QComboBox()
        for label, value in SECURITY_CHOICES:
            self.security.addItem(label, value)
        self.security.setCurrentIndex(max(self.security.findData(current.security if current else "starttls"), 0))
        self.user = QLineEdit(current.user if current else "", placeholderText="empty: no login")
        self.password = QLineEdit(placeholderText="kept in your system's password store, not in the app's data")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender = QLineEdit(current.sender if current else "", placeholderText="empty: your profile's email")
        self.pause = QDoubleSpinBox(minimum=0, maximum=MAX_PAUSE_SECONDS, decimals=1, suffix=" s",
                                    value=current.pause_seconds if current else DEFAULT_PAUSE_SECONDS)
        self.error = QLabel(wordWrap=True)
        theme.style(self.error, theme.problem_sheet)
        form = QFormLayout(self)
        form.addRow(QLabel("The server your emails go out through, as your mail provider gives it.", wordWrap=True))
        for label, widget, name in (("Server:", self.host, "Mail server"), ("Port:", self.port, "Port"),
                                    ("Security:", self.security, "Security"), ("User name:", self.user, "User name"),
                                    ("Password:", self.password, "Password"), ("Send as:", self.sender, "Send as"),
                                    ("Pause between emails:", self.pause, "Pause between emails")):
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> SmtpSettings:
        return SmtpSettings(self.host.text(), self.port.value(), self.security.currentData(), self.user.text(),
                            self.sender.text(), self.pause.value())

    def save(self) -> bool:
        """Store the settings, and the password in the system's store; a refusal is shown here."""
        try:
            outcome = save_smtp_settings(self._ws.database.sessions, self.settings())
        except UserError as error:
            self._show_error(str(error))
            return False
        self._bus.publish(outcome.changed)
        try:
            if self.password.text():
                store_password(outcome.value, self.password.text())
        except UserError as error:
            self._show_error(f"The server was saved, but not the password: {error}".replace(
                "(--user)", "(fill in the user name)"))
            return False
        finally:
            self.password.clear()
        self.accept()
        return True

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.adjustSize()  # the message wraps over several lines: grow to show all of it

    @classmethod
    def edit(cls, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> bool:
        """Open the dialog and wait for it (tests replace this entry point)."""
        return cls(workspace, bus, parent).exec() == QDialog.DialogCode.Accepted
