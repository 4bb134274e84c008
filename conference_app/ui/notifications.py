"""Reminders while the app runs: tasks falling due today, and must-see sessions about to start.

Every minute a timer asks the services what is due; each reminder is shown once (a task once per day,
a session once) through the system tray when there is one, and always in a banner at the top of the
window: desktop notifications vanish silently where no notification service answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.errors import UserError
from conference_app.core.storage import database_errors  # DATABASE_ERRORS on use: it imports SQLAlchemy
from conference_app.core.workspace import Workspace

SESSION_LEAD = timedelta(minutes=15)
FOLLOW_UPS = "follow_ups"
AGENDA = "agenda"


@dataclass(frozen=True)
class Reminder:
    text: str
    page: str  # FOLLOW_UPS or AGENDA: where "Show" goes


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Notifier(QObject):
    """Checks once a minute (and on `check()`); emits each new reminder once."""

    reminded = Signal(object)  # Reminder

    def __init__(self, workspace: Workspace, parent: QObject | None = None,
                 clock: Callable[[], datetime] = _now) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.clock = clock
        self.conference_id: int | None = None
        self._seen: set[tuple[str, date | datetime]] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> list[Reminder]:
        now = self.clock()
        found: list[Reminder] = []
        try:
            found += self._due_tasks(now.astimezone().date())
            found += self._sessions_soon(now)
        except (UserError, *database_errors.DATABASE_ERRORS):
            return []  # a reminder is never worth an error box; the pages say what is wrong
        for reminder in found:
            self.reminded.emit(reminder)
        return found

    def _due_tasks(self, today: date) -> list[Reminder]:
        fresh = [t for t in self._ws.follow_ups.tasks(today)
                 if t.due == today and t.is_open and (t.id, today) not in self._seen]
        if not fresh:
            return []
        self._seen.update((t.id, today) for t in fresh)
        names = list(dict.fromkeys(t.name for t in fresh))
        who = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        noun = "follow-up is" if len(fresh) == 1 else "follow-ups are"
        return [Reminder(f"{len(fresh)} {noun} due today: {who}.", FOLLOW_UPS)]

    def _sessions_soon(self, now: datetime) -> list[Reminder]:
        if self.conference_id is None:
            return []
        reminders = []
        for item in self._ws.agenda.agenda(self.conference_id).items:
            if item.priority != "must" or item.cancelled or not item.is_session:
                continue
            if not now < item.start <= now + SESSION_LEAD or (item.ref, item.start) in self._seen:
                continue
            self._seen.add((item.ref, item.start))
            minutes = max(1, round((item.start - now).total_seconds() / 60))
            where = f" in {item.place}" if item.place else ""
            reminders.append(Reminder(f"Must-see in {minutes} minutes{where}: {item.title} "
                                      f"({item.start:%H:%M}).", AGENDA))
        return reminders


def banner_style(colours: QPalette) -> str:
    fill = theme.note_background(colours)
    border = theme.mix(fill, theme.warning(colours), 0.45)
    text = theme.text_on(fill, colours)
    return (
        f"#reminderBanner {{ background: {fill.name()}; border: 1px solid {border.name()}; border-radius: 4px; }}"
        f"#reminderBanner QLabel {{ color: {text.name()}; }}"
    )


class Banner(QFrame):
    """The in-app reminder line at the top of the window: its text, Show, and a way to dismiss it."""

    show_requested = Signal(str)  # the page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        theme.style(self, banner_style)
        self.setAccessibleName("Reminders")
        self.text = QLabel(wordWrap=True)
        self.show_button = QPushButton("Show")
        self.show_button.setAccessibleName("Show the reminder")
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss the reminders")
        self.show_button.clicked.connect(self._show)
        self.dismiss_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.dismiss_button)
        self._reminders: list[Reminder] = []
        self.hide()

    def add(self, reminder: Reminder) -> None:
        self._reminders = [r for r in self._reminders if r != reminder][-3:] + [reminder]
        self.text.setText("\n".join(f"Reminder: {r.text}" for r in reversed(self._reminders)))
        self.show()

    def reminders(self) -> list[Reminder]:
        return list(self._reminders)

    def dismiss(self) -> None:
        self._reminders.clear()
        self.hide()

    def _show(self) -> None:
        page = self._reminders[-1].page if self._reminders else FOLLOW_UPS
        self.dismiss()
        self.show_requested.emit(page)


class TrayReminders(QObject):
    """The same reminders as desktop notifications, where the desktop has a system tray."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.windowIcon()
            if icon.isNull():
                from PySide6.QtWidgets import QStyle  # a large class to load: only when there is no window icon

                icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Conference Companion")
            self.tray.show()

    def show(self, reminder: Reminder) -> None:
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage("Conference Companion", reminder.text, QSystemTrayIcon.MessageIcon.Information)
