"""Runs a program import on a worker thread with a progress dialog that can cancel it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from conference_app.core.errors import ImportCancelled, UserError
from conference_app.core.storage import database_errors  # DATABASE_ERRORS on use: it imports SQLAlchemy
from conference_app.core.storage.database_errors import database_error

if TYPE_CHECKING:
    from conference_app.core.importers.program import ReadOptions
    from conference_app.core.services.program import ProgramService


class ImportWorker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)  # Outcome[ImportReport]
    failed = Signal(object)  # UserError
    cancelled = Signal()

    def __init__(self, program: ProgramService, path: Path, options: ReadOptions, database: Path) -> None:
        super().__init__()
        self._program = program
        self._path = path
        self._options = options
        self._database = database
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            outcome = self._program.import_program(
                self._path, self._options, progress=self.progressed.emit, cancelled=self._cancel.is_set
            )
        except ImportCancelled:
            self.cancelled.emit()
        except UserError as error:
            self.failed.emit(error)
        except database_errors.DATABASE_ERRORS as error:  # a full disk, a read-only or damaged file: the import was rolled back
            self.failed.emit(database_error(self._database, error))
        else:
            self.succeeded.emit(outcome)


class ImportRunner(QObject):
    """One import at a time, off the GUI thread. Emits `finished` once with the worker's result."""

    finished = Signal(object, object)  # (Outcome | None, UserError | None); both None when cancelled

    def __init__(self, program: ProgramService, parent: QWidget, database: Path = Path("the database")) -> None:
        super().__init__(parent)
        self._program = program
        self._database = database  # named in messages about SQLite's own errors
        self._parent = parent
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, path: Path, options: ReadOptions) -> None:
        thread = QThread(self)
        worker = ImportWorker(self._program, path, options, self._database)
        worker.moveToThread(thread)
        dialog = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Import program")
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(worker.cancel)
        # Bound methods of this main-thread object: Qt queues the worker's signals to the GUI thread.
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        thread.started.connect(worker.run)
        self._thread, self._worker, self.dialog = thread, worker, dialog
        thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    @Slot(object)
    def _succeeded(self, outcome: object) -> None:
        self._done(outcome, None)

    @Slot(object)
    def _failed(self, error: UserError) -> None:
        self._done(None, error)

    @Slot()
    def _cancelled(self) -> None:
        self._done(None, None)

    def _done(self, outcome: object, error: UserError | None) -> None:
        assert self._thread is not None and self.dialog is not None
        self.dialog.reset()
        self.dialog.deleteLater()
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self._thread = self._worker = self.dialog = None
        self.finished.emit(outcome, error)
