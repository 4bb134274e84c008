"""Finishes the sessions' search index on a worker thread once an import has returned (see
core/storage/event_index.py), so the program can be browsed while it is made."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from conference_app.core.errors import UserError
from conference_app.core.storage import database_errors  # DATABASE_ERRORS on use: it imports SQLAlchemy
from conference_app.core.storage.database_errors import database_error

if TYPE_CHECKING:
    from conference_app.core.services.program import ProgramService


class _Worker(QObject):
    succeeded = Signal(object)  # Outcome[int]
    failed = Signal(object)  # UserError

    def __init__(self, program: ProgramService, database: Path) -> None:
        super().__init__()
        self._program = program
        self._database = database

    def run(self) -> None:
        try:
            outcome = self._program.finish_search_index()
        except UserError as error:
            self.failed.emit(error)
        except database_errors.DATABASE_ERRORS as error:  # rolled back: the index stays pending
            self.failed.emit(database_error(self._database, error))
        else:
            self.succeeded.emit(outcome)


class SearchIndexRunner(QObject):
    """One build at a time; asked again while one runs, it runs once more afterwards (another
    import may have come in). Emits `finished` with the Outcome, or `failed` with a UserError."""

    finished = Signal(object)  # Outcome[int]
    failed = Signal(object)  # UserError

    def __init__(self, program: ProgramService, parent: QWidget, database: Path) -> None:
        super().__init__(parent)
        self._program = program
        self._database = database
        self._thread: QThread | None = None
        self._again = False

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Finish the index if an import left it pending (checked on the worker: a quick read)."""
        if self._thread is not None:
            self._again = True
            return
        thread = QThread(self)
        worker = _Worker(self._program, self._database)
        worker.moveToThread(thread)
        worker.succeeded.connect(self._succeeded)  # queued to the GUI thread: a slot of this object
        worker.failed.connect(self._failed)
        thread.started.connect(worker.run)
        self._thread, self._worker = thread, worker
        thread.start()

    def wait(self) -> None:
        """Let a build under way end (its transaction is short; stopping it would only undo it)."""
        if self._thread is not None:
            self._again = False
            self._thread.quit()
            self._thread.wait()

    @Slot(object)
    def _succeeded(self, outcome: object) -> None:
        self._stop()
        self.finished.emit(outcome)

    @Slot(object)
    def _failed(self, error: UserError) -> None:
        self._again = False  # the same error again would only repeat the message
        self._stop()
        self.failed.emit(error)

    def _stop(self) -> None:
        assert self._thread is not None
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self._thread = None
        if self._again:
            self._again = False
            self.start()
