"""Asks which column of a CSV agenda holds what, and the first day when the file has only day names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from conference_app.core.errors import InputFileError
from conference_app.core.importers.csv_agenda import FIELDS, CsvLayout, inspect

IGNORE = "ignore"


def field_label(name: str) -> str:
    """A field as the column boxes offer it: "Start: a date and time, or …", "Room"."""
    description = FIELDS[name]
    return description[:1].upper() + description[1:]


def intro_text(name: str, layout: CsvLayout) -> str:
    """What the file leaves open, in plain words (the command line's wording names its flags instead)."""
    missing = {
        ("title",): "which column holds the session titles",
        ("start",): "which column holds the start times",
        ("title", "start"): "which columns hold the session titles and the start times",
    }.get(tuple(layout.missing))
    if missing:
        return f"Conference Companion cannot tell {missing} in {name}. Choose what each column holds."
    if layout.needs_first_day:
        what = {"names": "day names (like “Friday”)", "numbers": "day numbers"}.get(layout.day_kind, "times")
        return f"{name} has {what} but no dates. Choose the conference's first day below."
    return f"Check what each column of {name} holds."


class CsvMappingDialog(QDialog):
    def __init__(self, path: Path, layout: CsvLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Columns of {path.name}")
        self._path = path
        self._layout = layout
        intro = QLabel(intro_text(path.name, layout))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for index, header in enumerate(layout.headers):
            combo = QComboBox()
            combo.addItem("(ignore)", IGNORE)
            for name in FIELDS:
                combo.addItem(field_label(name), name)
            current = layout.columns.get(index)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            form.addRow(header.strip() or f"(column {index + 1})", combo)
            self.combos[header] = combo
            combo.currentIndexChanged.connect(self._mapping_changed)
        self.first_day = QDateEdit(QDate.currentDate())
        self.first_day.setCalendarPopup(True)
        self.first_day.setDisplayFormat("ddd d MMM yyyy")
        self.first_day.setAccessibleName("First day")
        self._first_day_row = QLabel("First day of the conference (the file has only day names or numbers):")
        self._first_day_row.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(intro)
        outer.addLayout(form)
        outer.addWidget(self._first_day_row)
        outer.addWidget(self.first_day)
        outer.addWidget(buttons)
        self._show_first_day(layout.needs_first_day)

    def _show_first_day(self, needed: bool) -> None:
        self._first_day_row.setVisible(needed)
        self.first_day.setVisible(needed)

    def _mapping_changed(self) -> None:
        """Whether a first day is needed depends on which columns hold dates: ask the reader again."""
        try:
            self._layout = inspect(self._path, self.column_map())
        except InputFileError:
            return
        self._show_first_day(self._layout.needs_first_day)

    def column_map(self) -> dict[str, str]:
        return {header: combo.currentData() for header, combo in self.combos.items()}

    def chosen_first_day(self) -> date | None:
        if not self._layout.needs_first_day:
            return None
        value = self.first_day.date()
        return date(value.year(), value.month(), value.day())

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path, layout: CsvLayout) -> tuple[dict[str, str], date | None] | None:
        """The user's mapping and first day, or None if they cancelled."""
        dialog = cls(path, layout, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.column_map(), dialog.chosen_first_day()
