"""The batch composer: one merged email per selected task, each checked and editable, then saved or sent.

Edits are kept per task while the dialog is open and are what gets written. The checks are the
core's own (domain.follow_up_templates), run again on the edited text as the user types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain import follow_up_templates as checks
from conference_app.core.domain.follow_up_clock import TaskKind
from conference_app.core.errors import UserError
from conference_app.core.exporters.email_output import Mailbox, mailto_url
from conference_app.core.services.follow_ups import ComposedMessage, with_edits
from conference_app.core.services.mail_sending import SendReport
from conference_app.core.services.mail_settings import load_smtp_settings
from conference_app.core.services.outcome import Topic
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus, run_action
from conference_app.ui.dialogs import messages
from conference_app.ui.dialogs.mail_settings_dialog import MailSettingsDialog
from conference_app.ui.dialogs.send_runner import SendRunner, report_text
from conference_app.ui.pages.follow_up_words import KIND_WORDS, kind_words
from conference_app.ui.pages.outreach_page import open_in_mail_app as _open_url
from conference_app.ui.widgets.message_editor import MessageEditor

DEFAULT_TEMPLATE = "__default__"
TASK_ID = Qt.ItemDataRole.UserRole


def open_in_mail_app(url: str) -> bool:
    """Hand a mailto: link to the desktop's mail program (tests replace this entry point)."""
    return _open_url(url)


class BatchComposer(QDialog):
    def __init__(self, workspace: Workspace, bus: DataBus, task_ids: list[str], as_of: date,
                 parent: QWidget | None = None, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Write follow-up emails")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._ws = workspace
        self._bus = bus
        self._task_ids = list(task_ids)
        self._as_of = as_of
        self._messages: list[ComposedMessage] = []
        self._edits: dict[str, tuple[str, str]] = {}  # task id -> (subject, body) as the user left them
        self._warnings: dict[str, tuple[str, ...]] = {}
        self._showing = False

        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Template")
        self.template_box.addItem("The usual email for each kind of task", DEFAULT_TEMPLATE)
        for kind in TaskKind:
            self.template_box.addItem(f"{KIND_WORDS[kind]} (for every task)", kind.value)
        for name in workspace.follow_ups.template_names():
            self.template_box.addItem(f"Saved: {name}", name)
        self.template_box.activated.connect(lambda _i: self._template_chosen())
        top = QHBoxLayout()
        top.addWidget(QLabel("Template:"))
        top.addWidget(self.template_box, 1)

        self.list = QListWidget()
        self.list.setAccessibleName("Messages")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda _c, _p: self._show_current())
        self.editor = MessageEditor()
        self.editor.edited.connect(self._edited)
        self.editor.address_given.connect(self.set_address)
        self.editor.reset_button.clicked.connect(self.reset_current)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 2)
        middle.addWidget(self.editor, 5)

        self.drafts_button = QPushButton("Save as drafts…")
        self.drafts_button.setToolTip("One .eml file per email, which your mail program opens as a draft to send")
        self.drafts_button.clicked.connect(self.save_drafts)
        self.mbox_button = QPushButton("Save as mbox…")
        self.mbox_button.setToolTip("Every email in one mailbox file that mail programs can import")
        self.mbox_button.clicked.connect(self.save_mbox)
        self.mail_button = QPushButton("Open in mail app")
        self.mail_button.setToolTip("Start this one email in your default mail program")
        self.mail_button.clicked.connect(self.open_current_in_mail_app)
        self.send_button = QPushButton("Send…")
        self.send_button.setToolTip("Send every email here through your mail server, one at a time")
        self.send_button.clicked.connect(self.send)
        self.server_button = QPushButton("Mail server…")
        self.server_button.setToolTip("The server your emails go out through")
        self.server_button.clicked.connect(self.edit_mail_server)
        self.sender = SendRunner(workspace, self, clock)
        self.sender.finished.connect(self._sent)
        self.last_report: SendReport | None = None
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        self.status = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        for button in (self.drafts_button, self.mbox_button, self.mail_button, self.send_button, self.server_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._fit_to_screen()
        self.compose()

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1000, 640
        if screen is not None:
            width, height = min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9))
        self.resize(width, height)

    # --- composing ----------------------------------------------------------------------

    def template(self) -> str | None:
        chosen = self.template_box.currentData()
        return None if chosen == DEFAULT_TEMPLATE else str(chosen)

    def compose(self) -> None:
        """Merge every selected task's email with the chosen template; edits made here stay on top."""
        self._configured = load_smtp_settings(self._ws.database.sessions) is not None
        try:
            self._messages = self._ws.follow_ups.compose(self._as_of, template=self.template(),
                                                         task_ids=self._task_ids)
        except UserError as error:
            self._messages = []
            self.status.setText(f"⚠ {error}")
        else:
            self.status.setText("")
        self._edits = {t: e for t, e in self._edits.items() if any(m.task.id == t for m in self._messages)}
        self.list.clear()
        for message in self._messages:
            item = QListWidgetItem()
            item.setData(TASK_ID, message.task.id)
            self.list.addItem(item)
        self.recheck()
        if self._messages:
            self.list.setCurrentRow(0)
        self._show_current()

    def _template_chosen(self) -> None:
        if self._edits and not messages.confirm(
            self, "Use this template for every email? Your changes to the emails here will be replaced."
        ):
            return
        self._edits.clear()
        self.compose()

    def message_count(self) -> int:
        return len(self._messages)

    def current(self) -> ComposedMessage | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return next((m for m in self._messages if m.task.id == item.data(TASK_ID)), None)

    def text_of(self, message: ComposedMessage) -> tuple[str, str]:
        return self._edits.get(message.task.id, (message.subject, message.body))

    def warnings_of(self, task_id: str) -> tuple[str, ...]:
        return self._warnings.get(task_id, ())

    def recheck(self) -> None:
        """Run the core's checks on every email as it now reads (same-text counts span the batch)."""
        texts = [self.text_of(m) for m in self._messages]
        counts = checks.same_body_counts([(m.task.person_id, body) for m, (_s, body) in zip(self._messages, texts)])
        for row, (message, (subject, body), count) in enumerate(zip(self._messages, texts, counts, strict=True)):
            if message.check is None:
                found = message.warnings
            else:
                found = checks.message_warnings(
                    checks.MessageToCheck(message.check.kind, message.to, subject, body, message.check.met,
                                          message.check.points), count)
            self._warnings[message.task.id] = found
            self._label(self.list.item(row), message, subject, found)
        self._update_buttons()

    def _label(self, item: QListWidgetItem | None, message: ComposedMessage, subject: str,
               found: tuple[str, ...]) -> None:
        if item is None:
            return
        marks = [f"⚠ {len(found)} to check" if found else "✓ ready"]
        if message.task.id in self._edits:
            marks.append("edited")
        to = message.to or "no address"
        item.setText(f"{message.task.name} <{to}>\n{kind_words(message.task)}\n{subject}\n{' · '.join(marks)}")
        item.setToolTip("\n".join(found))

    def _show_current(self) -> None:
        message = self.current()
        self._showing = True
        if message is None:
            self.editor.show_message(None, "", "", ())
        else:
            subject, body = self.text_of(message)
            self.editor.show_message(message, subject, body, self.warnings_of(message.task.id),
                                     edited=message.task.id in self._edits)
        self._showing = False
        self._update_buttons()

    def _edited(self, subject: str, body: str) -> None:
        message = self.current()
        if self._showing or message is None:
            return
        if " ".join(subject.split()) == message.subject and body == message.body:
            self._edits.pop(message.task.id, None)
        else:
            self._edits[message.task.id] = (subject, body)
        self.recheck()
        self.editor.show_checks(self.warnings_of(message.task.id), edited=message.task.id in self._edits)

    def set_address(self, typed: str) -> None:
        """A new address for the person of the email shown: kept on the person, used by their emails here."""
        message = self.current()
        if message is None:
            return
        person = message.task.person_id
        address = run_action(self, self._bus, lambda: self._ws.follow_ups.set_email_address(person, typed))
        if address is None:
            self.editor.restore_address(message.to)
            return
        self._messages = [readdressed(m, address) if m.task.person_id == person else m for m in self._messages]
        self.editor.restore_address(address)
        self.recheck()
        self.editor.show_checks(self.warnings_of(message.task.id), edited=message.task.id in self._edits)

    def reset_current(self) -> None:
        message = self.current()
        if message is not None:
            self._edits.pop(message.task.id, None)
            self.recheck()
            self._show_current()

    def edits(self) -> dict[str, tuple[str, str]]:
        return dict(self._edits)

    def _update_buttons(self) -> None:
        has = bool(self._messages)
        for button in (self.drafts_button, self.mbox_button):
            button.setEnabled(has)
        self.drafts_button.setText(f"Save {len(self._messages)} as drafts…" if len(self._messages) > 1
                                   else "Save as drafts…")
        self.mail_button.setEnabled(self.current() is not None)
        configured = self._configured
        self.send_button.setEnabled(has and configured and not self.sender.busy)
        self.send_button.setText(f"Send {len(self._messages)}…" if len(self._messages) > 1 else "Send…")
        if not configured:
            self.send_button.setToolTip("Set up your mail server first (Mail server…)")

    # --- output -------------------------------------------------------------------------

    def choose_folder(self) -> Path | None:
        """Where to save the drafts (tests replace this)."""
        chosen = QFileDialog.getExistingDirectory(self, "Save the email drafts in", str(Path.home()))
        return Path(chosen) if chosen else None

    def choose_mbox_file(self) -> Path | None:
        """Where to save the mailbox file (tests replace this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the emails as one mailbox file", str(Path.home() / "follow-ups.mbox"), "Mailbox (*.mbox)"
        )
        return Path(name) if name else None

    def _ids(self) -> list[str]:
        return [m.task.id for m in self._messages]

    def save_drafts(self) -> list[Path]:
        folder = self.choose_folder()
        if folder is None or not self._messages:
            return []
        ids, edits, template = self._ids(), self.edits(), self.template()
        written = run_action(self, self._bus, lambda: self._ws.follow_ups.write_drafts(
            folder, self._as_of, template=template, task_ids=ids, edits=edits))
        if written is None:
            return []
        noun = "draft" if len(written) == 1 else "drafts"
        self.status.setText(f"Saved {len(written)} {noun} in {folder}.")
        messages.show_info(
            self, f"Saved {len(written)} email {noun} in {folder}. Open each in your mail program, check it and "
            "send it; then mark its task Done on the Follow-ups page.",
            "\n".join(d.file.name for d in written),
        )
        return [d.file for d in written]

    def save_mbox(self) -> Path | None:
        path = self.choose_mbox_file()
        if path is None or not self._messages:
            return None
        ids, edits, template = self._ids(), self.edits(), self.template()
        written = run_action(self, self._bus, lambda: self._ws.follow_ups.write_mbox(
            path, self._as_of, template=template, task_ids=ids, edits=edits))
        if written is None:
            return None
        self.status.setText(f"Saved {len(written)} emails in {path}.")
        messages.show_info(self, f"Saved {len(written)} emails in {path.name}. Import it into your mail program, "
                           "send them from there, then mark the tasks Done on the Follow-ups page.")
        return path

    def open_current_in_mail_app(self) -> None:
        message = self.current()
        if message is None:
            return
        subject, body = self.text_of(message)
        if not open_in_mail_app(mailto_url(message.to, subject, body)):
            messages.show_error(self, "No mail program answered. Save the email as a draft instead.")

    def edit_mail_server(self) -> None:
        MailSettingsDialog.edit(self._ws, self._bus, self)
        self._configured = load_smtp_settings(self._ws.database.sessions) is not None
        self._update_buttons()

    def send(self) -> bool:
        """Send every email here, as edited, on a worker thread; each task is closed as its email goes."""
        settings = load_smtp_settings(self._ws.database.sessions)
        if settings is None or not self._messages or self.sender.busy:
            return False
        count = len(self._messages)
        if not messages.confirm(self, f"Send {count} {'email' if count == 1 else 'emails'} through {settings.host}, "
                                f"{settings.pause_seconds:g} seconds apart?"):
            return False
        batch = with_edits(self._messages, self.edits())
        self.sender.start(batch, settings)
        self._update_buttons()
        return True

    def _sent(self, report: SendReport | None, error: UserError | None) -> None:
        self._bus.publish(frozenset({Topic.FOLLOW_UPS, Topic.MESSAGES}))
        if report is None:
            messages.show_error(self, f"Nothing was sent: {error}")
            self._update_buttons()
            return
        self.last_report = report
        still_open = {t.id for t in self._ws.follow_ups.tasks(self._as_of)}
        self._task_ids = [t for t in self._task_ids if t in still_open]
        self._edits = {t: e for t, e in self._edits.items() if t in still_open}
        self.compose()
        summary, details = report_text(report)
        self.status.setText(summary)
        messages.show_info(self, summary, details)


def readdressed(message: ComposedMessage, address: str) -> ComposedMessage:
    """The same email to another address (what the checks read changes with it)."""
    email = replace(message.email, to=Mailbox(message.email.to.name, address))
    check = replace(message.check, to=address) if message.check is not None else None
    return replace(message, to=address, email=email, check=check)
