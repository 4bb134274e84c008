"""One email being checked before it leaves: to, subject, text, word count and the checks beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain.email_templates import word_count
from conference_app.core.domain.follow_up_templates import MAX_WORDS
from conference_app.core.services.follow_ups import ComposedMessage
from conference_app.ui.pages.follow_up_words import kind_words

NO_ADDRESS = "no address known yet: type theirs here"


class MessageEditor(QWidget):
    edited = Signal(str, str)  # subject, body
    address_given = Signal(str)  # the user typed another address for this person

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = QLabel(wordWrap=True)
        self.to = QLineEdit()
        self.to.setAccessibleName("To")
        self.to.setPlaceholderText(NO_ADDRESS)
        self.to.setToolTip("Their email address; a new one is kept on their People page for later emails too")
        self.to.editingFinished.connect(self._address_finished)
        self._shown_address = ""
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Message")
        self.body.setTabChangesFocus(True)
        self.words = QLabel()
        self.reset_button = QPushButton("Back to the merged text")
        self.reset_button.setToolTip("Throw away your changes to this email")
        self.checks = QLabel(wordWrap=True)
        self.checks.setAccessibleName("Checks")
        self.checks.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.checks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        checks_area = QScrollArea()
        checks_area.setWidgetResizable(True)
        checks_area.setWidget(self.checks)
        checks_area.setMinimumWidth(180)
        self.subject.textEdited.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self._quiet = False

        form = QFormLayout()
        form.addRow("Task:", self.what)
        form.addRow("To:", self.to)
        form.addRow("Subject:", self.subject)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(form)
        left.addWidget(self.body, 1)
        status = QHBoxLayout()
        status.addWidget(self.words, 1)
        status.addWidget(self.reset_button)
        left.addLayout(status)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("<b>Before it leaves</b>"))
        side.addWidget(checks_area, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(side, 1)

    def show_message(self, message: ComposedMessage | None, subject: str, body: str, found: tuple[str, ...],
                     edited: bool = False) -> None:
        self._quiet = True
        self.what.setText(f"{kind_words(message.task)} — {message.task.name}" if message else "")
        self._shown_address = message.to if message else ""
        self.to.setText(self._shown_address)
        self.subject.setText(subject)
        self.body.setPlainText(body)
        self._quiet = False
        for widget in (self.to, self.subject, self.body):
            widget.setEnabled(message is not None)
        self.show_checks(found if message else (), edited, shown=message is not None)

    def show_checks(self, found: tuple[str, ...], edited: bool, shown: bool = True) -> None:
        count = word_count(self.body.toPlainText())
        self.words.setText(f"{count} words" + (f" — aim for {MAX_WORDS} or fewer" if count > MAX_WORDS else "")
                           if shown else "")
        self.reset_button.setEnabled(edited)
        if not shown:
            self.checks.setText("")
        elif found:
            self.checks.setText("\n\n".join(f"⚠ {w}" for w in found))
        else:
            self.checks.setText("✓ Nothing to look at: short, specific and addressed.")

    def check_texts(self) -> list[str]:
        return [line.removeprefix("⚠ ") for line in self.checks.text().split("\n\n") if line.startswith("⚠ ")]

    def _address_finished(self) -> None:
        typed = self.to.text().strip()
        if typed and typed != self._shown_address:
            self._shown_address = typed  # Enter and leaving the field both finish: one change, told once
            self.address_given.emit(typed)

    def restore_address(self, address: str) -> None:
        """Show `address` again (the one typed was refused)."""
        self._shown_address = address
        self.to.setText(address)

    def _changed(self, *_args: object) -> None:
        if not self._quiet:
            self.edited.emit(self.subject.text(), self.body.toPlainText())
