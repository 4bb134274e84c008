"""The outreach email template: its text, the details it may use (inserted from a list), a live preview,
and a way back to the default. The text underneath is a sandboxed Jinja template; the user need not
type its markup: a detail goes in where the cursor is, and the preview shows the email as it will read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.errors import UserError
from conference_app.core.services.outreach import OutreachService
from conference_app.ui.data_bus import DataBus

FIELD = Qt.ItemDataRole.UserRole


class TemplateDialog(QDialog):
    """Edit the outreach template: its text, the fields it may use, a preview, and a way back to the default."""

    def __init__(
        self,
        outreach: OutreachService,
        bus: DataBus,
        conference_id: int | None,
        target_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Outreach email template")
        self.resize(980, 640)
        self._outreach = outreach
        self._bus = bus
        self._conference_id = conference_id
        self._target_id = target_id
        template = outreach.template()

        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.subject = QPlainTextEdit(template.subject)  # a subject template is one long line: let it wrap
        self.subject.setFont(fixed)
        self.subject.setFixedHeight(self.subject.fontMetrics().lineSpacing() * 3 + 12)
        self.subject.setTabChangesFocus(True)
        self.subject.setAccessibleName("Subject template")
        self.body = QPlainTextEdit(template.body)
        self.body.setFont(fixed)
        self.body.setAccessibleName("Body template")
        self.fields = QListWidget()
        self.fields.setAccessibleName("Details you can insert")
        for name, text in outreach.template_fields():
            item = QListWidgetItem(text[0].upper() + text[1:])
            item.setData(FIELD, name)
            item.setToolTip(f"Goes in as {{{{ {name} }}}}")
            self.fields.addItem(item)
        self.fields.itemActivated.connect(self.insert_field)  # double-click or Enter
        self.insert_button = QPushButton("Insert")
        self.insert_button.setToolTip("Put the chosen detail where the cursor is in the subject or the text")
        self.insert_button.clicked.connect(lambda: self.insert_field(self.fields.currentItem()))
        self._last_editor: QPlainTextEdit = self.body
        for editor_widget in (self.subject, self.body):
            editor_widget.installEventFilter(self)
            editor_widget.textChanged.connect(self._preview_soon)
        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self.show_preview)
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setAccessibleName("Preview")
        self.error = QLabel(wordWrap=True)
        theme.style(self.error, theme.problem_sheet)

        preview_button = QPushButton("Preview")
        preview_button.clicked.connect(self.show_preview)
        reset_button = QPushButton("Reset to default")
        reset_button.clicked.connect(self.reset_to_default)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        editor = QWidget()
        editor_layout = QFormLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addRow("Subject:", self.subject)
        editor_layout.addRow("Body:", self.body)
        self.preview_title = QLabel("<b>Preview</b>")
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_title)
        preview_layout.addWidget(self.preview, 1)
        fields_box = QWidget()
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(QLabel("<b>Details you can insert</b>"))
        fields_layout.addWidget(self.fields, 1)
        fields_layout.addWidget(self.insert_button, 0, Qt.AlignmentFlag.AlignLeft)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(fields_box)
        side.addWidget(preview_box)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(editor)
        splitter.addWidget(side)
        splitter.setSizes([560, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Put the cursor where a detail should go, then double-click the detail in the list. "
                "The preview shows the email as the first person to meet will read it, as you type.",
                wordWrap=True,
            )
        )
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.show_preview()

    @classmethod
    def edit(
        cls,
        parent: QWidget | None,
        outreach: OutreachService,
        bus: DataBus,
        conference_id: int | None,
        target_id: int | None,
    ) -> bool:
        """Show the dialog; True when the user saved a template."""
        return cls(outreach, bus, conference_id, target_id, parent).exec() == QDialog.DialogCode.Accepted

    def show_preview(self) -> bool:
        try:
            subject, body = self._outreach.preview_template(
                self.subject.toPlainText(), self.body.toPlainText(), self._conference_id, self._target_id
            )
        except UserError as error:
            self.error.setText(str(error))
            self.preview.setPlainText("")
            return False
        self.error.setText("")
        self.preview.setPlainText(f"Subject: {subject}\n\n{body}")
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject, self.body):
            self._last_editor = watched  # type: ignore[assignment]  # a detail goes where the user was typing
        return super().eventFilter(watched, event)

    def insert_field(self, item: QListWidgetItem | None) -> None:
        """The detail, as the template writes it, at the cursor of the subject or text last typed in."""
        if item is None:
            return
        self._last_editor.insertPlainText(f"{{{{ {item.data(FIELD)} }}}}")
        self._last_editor.setFocus()

    def _preview_soon(self) -> None:
        self._preview_timer.start()  # restarted by each keystroke: the preview follows a pause in typing

    def reset_to_default(self) -> None:
        default = self._outreach.default_template()
        self.subject.setPlainText(default.subject)
        self.body.setPlainText(default.body)
        self.show_preview()

    def save(self) -> None:
        try:
            outcome = self._outreach.save_template(self.subject.toPlainText(), self.body.toPlainText())
        except UserError as error:
            self.error.setText(str(error))
            return
        self._bus.publish(outcome.changed)
        self.accept()
