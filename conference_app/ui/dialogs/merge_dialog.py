"""Two records that may be one person, side by side: merge them, or say they are different people."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.domain.people import PersonSummary

KEEP_FIRST, KEEP_SECOND, DIFFERENT = "first", "second", "different"


def _rows(person: PersonSummary) -> list[str]:
    return [
        person.name,
        person.institution,
        person.position,
        person.specialty,
        "\n".join(person.emails),
        "\n".join(person.phones),
        "\n".join(person.urls),
        str(person.conversations),
        person.obtained.label,
    ]


LABELS = ["Name", "Institution", "Position", "Specialty", "Emails", "Phones", "Web", "Conversations", "Details from"]


class MergeDialog(QDialog):
    """Answers KEEP_FIRST / KEEP_SECOND (merge, keeping that record's fields first) or DIFFERENT."""

    def __init__(self, first: PersonSummary, second: PersonSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The same person?")
        self.answer: str | None = None
        table = QTableWidget(len(LABELS), 2)
        table.setAccessibleName("Both records side by side")
        table.setHorizontalHeaderLabels([f"#{first.id}", f"#{second.id}"])
        table.setVerticalHeaderLabels(LABELS)
        for column, person in enumerate((first, second)):
            for row, value in enumerate(_rows(person)):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeRowsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 260)
        self.keep_first = QRadioButton(f"Keep “{first.name}” as written, add what the other record has")
        self.keep_second = QRadioButton(f"Keep “{second.name}” as written, add what the other record has")
        self.keep_first.setChecked(True)
        note = QLabel("Nothing is lost: every email, phone and conversation is kept, and the merge can be undone.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        merge = QPushButton("Merge")
        merge.setDefault(True)
        different = QPushButton("Different people")
        buttons.addButton(merge, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(different, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        merge.clicked.connect(lambda: self._answer(KEEP_FIRST if self.keep_first.isChecked() else KEEP_SECOND))
        different.clicked.connect(lambda: self._answer(DIFFERENT))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(self.keep_first)
        layout.addWidget(self.keep_second)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _answer(self, answer: str) -> None:
        self.answer = answer
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, first: PersonSummary, second: PersonSummary) -> str | None:
        """The user's answer; None when they cancelled. Tests replace this entry point."""
        dialog = cls(first, second, parent)
        dialog.exec()
        return dialog.answer
