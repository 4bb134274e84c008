"""Small questions the follow-up page asks: snooze until when, and what a reply said.

Each is one function, so tests answer it without a modal loop.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget


def _date_edit(value: date, earliest: date | None, latest: date | None, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setAccessibleName(name)
    if earliest is not None:
        edit.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    return edit


def _as_date(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _dialog(parent: QWidget | None, title: str, intro: str) -> tuple[QDialog, QFormLayout]:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    form = QFormLayout(dialog)
    note = QLabel(intro, wordWrap=True)
    form.addRow(note)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    dialog.setProperty("buttons", buttons)
    return dialog, form


def ask_snooze_until(parent: QWidget | None, today: date, count: int = 1) -> date | None:
    """The day the tasks should come back, or None when the user cancels."""
    what = "this task" if count == 1 else f"these {count} tasks"
    dialog, form = _dialog(parent, "Snooze", f"Hide {what} until a later day; it will be due again then.")
    until = _date_edit(today + timedelta(days=7), today + timedelta(days=1), None, "Snooze until")
    form.addRow("Until:", until)
    form.addRow(dialog.property("buttons"))
    return _as_date(until) if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_replied(parent: QWidget | None, name: str, today: date) -> tuple[date, bool] | None:
    """When the reply came and whether it asks for something, or None when the user cancels."""
    dialog, form = _dialog(
        parent, "They replied",
        f"{name} wrote back: no nudge will be suggested. If the reply asks you for something, "
        "a task to answer within 2–3 days appears.",
    )
    received = _date_edit(today, None, today, "Reply received on")
    asks = QCheckBox("Their reply asks me for something")
    asks.setAccessibleName("The reply asks me for something")
    form.addRow("Received on:", received)
    form.addRow(asks)
    form.addRow(dialog.property("buttons"))
    return (_as_date(received), asks.isChecked()) if dialog.exec() == QDialog.DialogCode.Accepted else None
