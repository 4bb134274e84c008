"""The window on a database other programs share: it reloads what another program (the command
line, another window) changed, and says so while one of its own changes waits for another
program's write to finish."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from conference_app.core.services.outcome import Topic
from conference_app.core.storage.change_watch import ChangeWatch
from conference_app.core.storage.database import Database
from conference_app.core.storage.database_errors import DATABASE_ERRORS, SQLITE_BUSY, database_error, sqlite_code
from conference_app.core.storage.write_lock import report_waits_here
from conference_app.ui.data_bus import DataBus

CHECK_INTERVAL_MS = 2000
EVERY_TOPIC = frozenset(Topic)


class WriteWaitIndicator:
    """While a change on the window's thread waits for another writer: a line in the status bar
    and a small dialog that can stop the wait (the change is then not made)."""

    def __init__(self, window: QMainWindow, path: Path, importing: Callable[[], bool]) -> None:
        self._window = window
        self._path = path
        self._importing = importing
        self.dialog: QProgressDialog | None = None
        self.texts: list[str] = []  # each distinct line shown, oldest first

    def text(self) -> str:
        if self._importing():
            return "Waiting for the import to finish…"
        return f"Waiting for another program to finish writing to {self._path.name}…"

    def waiting(self, _seconds: float) -> bool:
        text = self.text()
        if self.dialog is None:
            self.dialog = QProgressDialog(text, "Stop waiting", 0, 0, self._window)
            self.dialog.setWindowTitle("Conference Companion")
            self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # the wait is a pause, not a second task
            self.dialog.setMinimumDuration(0)
            self.dialog.show()
        if not self.texts or self.texts[-1] != text:
            self.texts.append(text)
            self.dialog.setLabelText(text)
            self._window.statusBar().showMessage(text)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return self.dialog is not None and not self.dialog.wasCanceled()

    def done(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
        if self.texts and self._window.statusBar().currentMessage() == self.texts[-1]:
            self._window.statusBar().clearMessage()


class DatabaseWatch(QObject):
    """Looks for changes by other programs every CHECK_INTERVAL_MS and whenever the window becomes
    active; on one, publishes every topic on the bus so each page reloads all it shows."""

    reloaded = Signal()

    def __init__(self, window: QMainWindow, database: Database, bus: DataBus, importing: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._bus = bus
        self._path = database.path
        self._watch: ChangeWatch | None = ChangeWatch(database)
        self.waits = WriteWaitIndicator(window, database.path, importing)
        report_waits_here(self.waits)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._window:
            if event.type() == QEvent.Type.WindowActivate:
                QTimer.singleShot(0, self.check)
            elif event.type() == QEvent.Type.Close:
                self.stop()
        return False

    def check(self) -> bool:
        """Reload every page if another program changed the database since the last look."""
        if self._watch is None:
            return False
        try:
            changed = self._watch.changed_elsewhere()
        except DATABASE_ERRORS as error:
            if sqlite_code(error) == SQLITE_BUSY:  # busy for a moment: look again next time
                return False
            self.stop()
            self._window.statusBar().showMessage(str(database_error(self._path, error)))
            return False
        if changed:
            self._bus.publish(EVERY_TOPIC)
            self._window.statusBar().showMessage("Updated with changes made by another program", 5000)
            self.reloaded.emit()
        return changed

    def stop(self) -> None:
        self.timer.stop()
        report_waits_here(None)
        if self._watch is not None:
            self._watch.close()
            self._watch = None
