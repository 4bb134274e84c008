"""The outreach email template: its text, the fields it may use, a preview, and a way back to the default."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.errors import UserError
from conference_app.core.services.outreach import OutreachService
from conference_app.ui.data_bus import DataBus


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
        self.fields = QTextBrowser()
        self.fields.setHtml(fields_html(outreach.template_fields()))
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setAccessibleName("Preview")
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("QLabel { color: #b00020; }")

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
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.fields)
        side.addWidget(preview_box)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(editor)
        splitter.addWidget(side)
        splitter.setSizes([560, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Write <code>{{ field }}</code> where a value goes, and "
                "<code>{% if session %}…{% else %}…{% endif %}</code> for text that depends on it."
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


def fields_html(fields: tuple[tuple[str, str], ...]) -> str:
    rows = "".join(
        f"<tr><td><code>{{{{&nbsp;{html.escape(name)}&nbsp;}}}}</code></td><td>{html.escape(text)}</td></tr>"
        for name, text in fields
    )
    return f"<b>Fields you can use</b><table cellspacing='3'>{rows}</table>"
