"""Emails whose fate is unknown (the app stopped while the server had them): check the Sent folder,
then say it went, or send it again with one click. Never resent without the user's word."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from conference_app.core.errors import UserError
from conference_app.core.services.mail_sending import SendReport, mark_uncertain_sent, uncertain_messages
from conference_app.core.services.mail_settings import load_smtp_settings
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.send_runner import SendRunner, report_text

MESSAGE_ID = Qt.ItemDataRole.UserRole


class UncertainMessages(QFrame):
    def __init__(self, workspace: Workspace, bus: DataBus) -> None:
        super().__init__()
        self._ws = workspace
        self._bus = bus
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.note = QLabel(
            "The app stopped while these emails were with your mail server: they may have gone out. "
            "Look in your Sent folder, then say what you found.",
            wordWrap=True,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Emails to check in the Sent folder")
        self.list.setMaximumHeight(90)
        self.went_button = QPushButton("It was sent")
        self.went_button.clicked.connect(self.mark_sent)
        self.resend_button = QPushButton("Send it again")
        self.resend_button.clicked.connect(self.resend)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.went_button)
        buttons.addWidget(self.resend_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.runner = SendRunner(workspace, self)
        self.runner.finished.connect(self._sent)

    def reload(self) -> None:
        self.list.clear()
        for message in uncertain_messages(self._ws.database.sessions):
            item = QListWidgetItem(f"{message.to} — {message.subject}")
            item.setData(MESSAGE_ID, message.message_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.setVisible(self.list.count() > 0)

    def _chosen(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(MESSAGE_ID))

    def mark_sent(self) -> None:
        message_id = self._chosen()
        if message_id is not None:
            run_action(self, self._bus, lambda: mark_uncertain_sent(
                self._ws.database.sessions, message_id, clock=lambda: datetime.now(timezone.utc)
            ))

    def resend(self) -> None:
        message_id = self._chosen()
        settings = load_smtp_settings(self._ws.database.sessions)
        if message_id is None or self.runner.busy:
            return
        if settings is None:
            messages.show_error(self, "Set up your mail server first (People ▸ Mail server…).")
            return
        self.runner.start([], settings, resend_id=message_id)

    def _sent(self, report: SendReport | None, error: UserError | None) -> None:
        if error is not None:
            messages.show_error(self, str(error))
        elif report is not None:
            summary, details = report_text(report)
            messages.show_info(self, summary, details)
        self._bus.publish(frozenset({Topic.FOLLOW_UPS, Topic.MESSAGES}))
