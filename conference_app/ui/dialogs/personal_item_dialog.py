"""Asks for a personal agenda item: what, which day, from when to when, where, notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.agenda_view import duration_text

NO_TITLE = "Give it a title."
EVENING = time(18, 0)
EARLY_MORNING = time(6, 0)


@dataclass(frozen=True)
class PersonalItemDraft:
    """What the user typed. Times are naive local conference time; the service attaches the zone."""

    title: str
    start: datetime
    end: datetime
    location: str = ""
    notes: str = ""


class PersonalItemDialog(QDialog):
    def __init__(
        self,
        time_zone: str,
        days: Sequence[date],
        initial: PersonalItemDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit personal item" if initial and initial.title else "Add personal item")
        self.setMinimumWidth(420)
        start = initial.start if initial else datetime.combine(days[0] if days else date.today(), time(12, 0))
        end = initial.end if initial else datetime.combine(start.date(), time(13, 0))

        self.title = QLineEdit(initial.title if initial else "")
        self.title.setPlaceholderText("Coffee with Dr. Rivera, residents' dinner…")
        self.day = QComboBox()
        self.day.setAccessibleName("Day")
        choices = sorted(set(days) | {start.date()})
        for day in choices:
            self.day.addItem(f"{day:%A %d %B %Y}", day)
        self.day.setCurrentIndex(choices.index(start.date()))
        self.start_time = _time_edit(start.time())
        self.end_time = _time_edit(end.time())
        self.start_time.setAccessibleName("From")
        self.end_time.setAccessibleName("To")
        self.length = QLabel()
        theme.style(self.length, theme.hint_sheet)
        times = QHBoxLayout()
        times.addWidget(self.start_time)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end_time)
        times.addWidget(self.length, 1)
        self.location = QLineEdit(initial.location if initial else "")
        self.location.setPlaceholderText("Room, restaurant, booth…")
        self.notes = QPlainTextEdit(initial.notes if initial else "")
        self.notes.setPlaceholderText("What to bring, what to ask")
        self.notes.setFixedHeight(80)
        zone_note = QLabel(f"Times are conference time ({time_zone}).")
        theme.style(zone_note, theme.hint_sheet)
        self.problem = QLabel()
        theme.style(self.problem, theme.problem_sheet)
        self.problem.setAccessibleName("Problem")

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Day", self.day)
        time_label = QLabel("T&ime")
        time_label.setBuddy(self.start_time)
        form.addRow(time_label, times)
        form.addRow("", zone_note)
        form.addRow("&Location", self.location)
        form.addRow("&Notes", self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save" if initial and initial.title else "Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for signal in (self.title.textChanged, self.start_time.timeChanged, self.end_time.timeChanged):
            signal.connect(self._check)
        self._check()

    def draft(self) -> PersonalItemDraft:
        day: date = self.day.currentData()
        start = datetime.combine(day, _py_time(self.start_time.time()))
        end = datetime.combine(day, _py_time(self.end_time.time()))
        if ends_next_day(start, end):
            end += timedelta(days=1)
        return PersonalItemDraft(
            title=" ".join(self.title.text().split()),
            start=start,
            end=end,
            location=self.location.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )

    def problem_text(self) -> str:
        """What stops the item from being saved, in plain words, or ''."""
        draft = self.draft()
        if not draft.title:
            return NO_TITLE
        if draft.end <= draft.start:
            return "The end must be after the start."
        return ""

    def _check(self) -> None:
        problem = self.problem_text()
        # An empty title on a fresh dialog is not an error yet: the disabled button says enough.
        self.problem.setText("" if problem == NO_TITLE and not self.title.isModified() else problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        draft = self.draft()
        length = duration_text(draft.end - draft.start) if draft.end > draft.start else ""
        if length and draft.end.date() > draft.start.date():
            length += " (ends the next day)"
        self.length.setText(length)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        time_zone: str,
        days: Sequence[date],
        initial: PersonalItemDraft | None = None,
    ) -> PersonalItemDraft | None:
        """The item as the user entered it, or None if they cancelled."""
        dialog = cls(time_zone, days, initial, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.draft()


def ends_next_day(start: datetime, end: datetime) -> bool:
    """An evening item whose end is an early-morning hour (a dinner until 00:30) ends after midnight."""
    return end <= start and start.time() >= EVENING and end.time() <= EARLY_MORNING


class TimeField(QTimeEdit):
    """A time box where typing over the whole text (after Ctrl+A or a triple click) enters a new time:
    "14:30", "1430" and "9:05" all mean what they say, rather than changing only the minutes."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        line = self.lineEdit()
        if event.text().isdigit() and line.hasSelectedText() and line.selectedText() == line.text():
            self.setTime(QTime(self.time().hour(), 0))
            self.setCurrentSection(QDateTimeEdit.Section.HourSection)
            self.setSelectedSection(QDateTimeEdit.Section.HourSection)
        super().keyPressEvent(event)


def _time_edit(value: time) -> QTimeEdit:
    edit = TimeField(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    return edit


def _py_time(value: QTime) -> time:
    return time(value.hour(), value.minute())
