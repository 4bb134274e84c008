"""Save as mbox and Send on the Outreach page: introductions through the follow-ups' pipeline, each sent once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QPushButton

from conference_app.core.errors import UserError
from conference_app.core.services.mail_sending import SendReport
from conference_app.core.services.mail_settings import load_smtp_settings
from conference_app.core.services.outcome import Topic
from conference_app.core.services.outreach_mail import OutreachBatch, OutreachMail
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.mail_settings_dialog import MailSettingsDialog
from conference_app.ui.dialogs.send_runner import SendRunner, report_text

if TYPE_CHECKING:
    from conference_app.ui.pages.outreach_page import OutreachPage


class OutreachSending(QObject):
    def __init__(self, page: OutreachPage, workspace: Workspace, bus: DataBus) -> None:
        super().__init__(page)
        self._page = page
        self._ws = workspace
        self._bus = bus
        self._mail = OutreachMail(workspace.database.sessions)
        self.mbox_button = QPushButton("Save as mbox…")
        self.mbox_button.setToolTip("The selected emails (or all) with an address, in one file mail programs import")
        self.mbox_button.clicked.connect(self.save_mbox)
        self.send_button = QPushButton("Send…")
        self.send_button.setToolTip("Send the selected emails (or all) with an address through your mail server, "
                                    "each only once")  # fmt: skip
        self.send_button.clicked.connect(self.send)
        self.sender = SendRunner(workspace, page)
        self.sender.finished.connect(self._sent)
        self.last_report: SendReport | None = None

    def enable(self, has_drafts: bool) -> None:
        self.mbox_button.setEnabled(has_drafts)
        self.send_button.setEnabled(has_drafts and not self.sender.busy)

    def choose_mbox_file(self) -> Path | None:
        """Ask where to save the mailbox file (tests replace this)."""
        start = (self._page.last_folder() or Path.home()) / "introductions.mbox"
        name, _filter = QFileDialog.getSaveFileName(self._page, "Save the emails as one mailbox file", str(start),
                                                    "Mailbox (*.mbox)")  # fmt: skip
        return Path(name) if name else None

    def save_mbox(self) -> OutreachBatch | None:
        chosen = self._page.chosen_batch()
        if chosen is None:
            return None
        path = self.choose_mbox_file()
        if path is None:
            return None
        conference_id, only, edits = chosen
        batch = run_action(self._page, self._bus, lambda: self._mail.write_mbox(conference_id, path, only, edits))
        if batch is None:
            return None
        left_out = f" Left out, no address known: {', '.join(batch.no_address)}." if batch.no_address else ""
        messages.show_info(self._page, f"Saved {len(batch.messages)} emails in {path.name}.{left_out}")
        return batch

    def send(self) -> bool:
        """Send the chosen emails that have an address through the mail server, each exactly once."""
        chosen = self._page.chosen_batch()
        if chosen is None or self.sender.busy:
            return False
        sessions = self._ws.database.sessions
        settings = load_smtp_settings(sessions)
        if settings is None:
            MailSettingsDialog.edit(self._ws, self._bus, self._page)
            settings = load_smtp_settings(sessions)
            if settings is None:
                return False
        conference_id, only, edits = chosen
        batch = run_action(self._page, self._bus, lambda: self._mail.compose(conference_id, only, edits))
        if batch is None:
            return False
        if not batch.messages:
            messages.show_error(self._page, "No email has an address yet: fill in To, or add it on their People page.")
            return False
        count = len(batch.messages)
        left_out = f"\n\nLeft out, no address known: {', '.join(batch.no_address)}." if batch.no_address else ""
        question = (f"Send {count} {'email' if count == 1 else 'emails'} through {settings.host}, "
                    f"{settings.pause_seconds:g} seconds apart?{left_out}")  # fmt: skip
        if not messages.confirm(self._page, question):
            return False
        self._page.forget_edits()  # what was typed is now the stored text of each email
        self.sender.start(batch.messages, settings)
        self.enable(True)
        return True

    def _sent(self, report: SendReport | None, error: UserError | None) -> None:
        self._bus.publish(frozenset({Topic.MESSAGES}))
        self.enable(True)
        if report is None:
            messages.show_error(self._page, f"Nothing was sent: {error}")
            return
        self.last_report = report
        summary, details = report_text(report)
        messages.show_info(self._page, summary, details)
