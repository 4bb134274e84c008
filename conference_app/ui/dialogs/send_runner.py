"""Sends a batch of emails on a worker thread, with progress and Stop; the UI thread never waits on the network."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from conference_app.core.errors import UserError
from conference_app.core.services.mail_sending import (
    CHECK_SENT_FOLDER,
    Sendable,
    SendProgress,
    SendReport,
    resend_uncertain,
    send_messages,
)
from conference_app.core.services.mail_settings import SmtpSettings, stored_password
from conference_app.core.storage.database_errors import DATABASE_ERRORS, database_error
from conference_app.core.workspace import Workspace


def _now() -> datetime:
    return datetime.now(timezone.utc)


class SendWorker(QObject):
    progressed = Signal(object)  # SendProgress
    finished = Signal(object, object)  # (SendReport | None, UserError | None)

    def __init__(self, workspace: Workspace, messages: Sequence[Sendable], settings: SmtpSettings,
                 clock: Callable[[], datetime], resend_id: str = "") -> None:
        super().__init__()
        self._clock = clock
        self._ws = workspace
        self._messages = messages
        self._settings = settings
        self._resend_id = resend_id  # one message whose fate was unknown, sent again on the user's word
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            password = stored_password(self._settings) if self._settings.user else None
            if self._resend_id:
                report = resend_uncertain(
                    self._ws.database.sessions, self._resend_id, self._settings, password, clock=self._clock
                )
                self.finished.emit(report, None)
                return
            report = send_messages(
                self._ws.database.sessions, self._messages, self._settings, password, clock=self._clock,
                on_progress=self.progressed.emit, should_stop=self._stop.is_set, sleep=self._stop.wait,
            )
        except UserError as error:
            self.finished.emit(None, error)
        except DATABASE_ERRORS as error:
            self.finished.emit(None, database_error(self._ws.database.path, error))
        else:
            self.finished.emit(report, None)


class SendRunner(QObject):
    """One batch at a time. Emits `finished` once, with the report or the error that stopped it at the start."""

    finished = Signal(object, object)

    def __init__(self, workspace: Workspace, parent: QWidget, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.clock = clock or _now  # when each email counts as sent
        self._ws = workspace
        self._parent = parent
        self._thread: QThread | None = None
        self._worker: SendWorker | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, messages: Sequence[Sendable], settings: SmtpSettings, resend_id: str = "") -> None:
        thread = QThread(self)
        worker = SendWorker(self._ws, messages, settings, self.clock, resend_id)
        worker.moveToThread(thread)
        dialog = QProgressDialog(f"Connecting to {settings.host}…", "Stop", 0, max(len(messages), 1), self._parent)
        dialog.setWindowTitle("Sending")
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.stop)
        worker.progressed.connect(self._progressed)
        worker.finished.connect(self._finished)
        thread.started.connect(worker.run)
        self._thread, self._worker, self.dialog = thread, worker, dialog
        dialog.show()
        thread.start()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            if self.dialog is not None:
                self.dialog.setLabelText("Stopping after this email…")

    @Slot(object)
    def _progressed(self, progress: SendProgress) -> None:
        if self.dialog is not None:
            self.dialog.setValue(progress.done)
            self.dialog.setLabelText(f"Sent {progress.done} of {progress.total}: {progress.to or 'no address'} "
                                     f"({progress.state})")

    @Slot(object, object)
    def _finished(self, report: SendReport | None, error: UserError | None) -> None:
        assert self._thread is not None and self.dialog is not None
        self.dialog.canceled.disconnect(self.stop)
        self.dialog.close()
        self.dialog.deleteLater()
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self._thread = self._worker = self.dialog = None
        self.finished.emit(report, error)


def report_text(report: SendReport) -> tuple[str, str]:
    """A one-line summary and the details: every failure with its reason, every message to check."""
    summary = f"Sent {len(report.sent)} {'email' if len(report.sent) == 1 else 'emails'}."
    if report.failed:
        summary += f" {len(report.failed)} failed: try them again on their own."
    if report.uncertain:
        summary += f" {len(report.uncertain)} may have gone out: check your Sent folder before sending again."
    if report.stopped:
        summary += f" Stopped: {report.stopped}."
    details = [f"failed: {f.to}: {f.reason}" for f in report.failed]
    details += [f"{CHECK_SENT_FOLDER}: {u.to} — {u.subject}" for u in report.uncertain]
    details += [f"skipped (no address, or sent before): {m}" for m in report.skipped]
    return summary, "\n".join(details)
