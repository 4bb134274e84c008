"""Importing a program from the window: File ▸ Import program…, a file dropped on the window or
named on the command line; one at a time, off the GUI thread, with the questions a file may raise."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMainWindow

from conference_app.core.domain.import_report import ImportReport
from conference_app.core.domain.text import counted
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Outcome
from conference_app.ui.dialogs import messages

if TYPE_CHECKING:
    from conference_app.core.importers.program import ReadOptions
    from conference_app.ui.data_bus import DataBus
    from conference_app.ui.import_runner import ImportRunner
    from conference_app.ui.pages.program_page import ProgramPage

PROGRAM_FILES = "Conference programs (*.xml *.json *.ics *.ical *.csv *.tsv *.txt);;All files (*)"


class ProgramImports(QMainWindow):
    """The window's part in an import (MainWindow makes `importer`, `bus`, `program_page` and `_pending`)."""

    importer: ImportRunner
    bus: DataBus
    program_page: ProgramPage
    _pending: tuple[Path, ReadOptions] | None

    def choose_import_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Import a conference program", "", PROGRAM_FILES)
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path, options: ReadOptions | None = None) -> None:
        if self.importer.busy:
            messages.show_error(self, "An import is already running; wait for it or cancel it first.")
            return
        from conference_app.core.importers.program import ReadOptions

        self.finish_startup()  # the engine and services made here, on the window's thread, not by the worker
        self._pending = (Path(path), options or ReadOptions())
        self.statusBar().showMessage(f"Importing {Path(path).name}…")
        self.importer.start(*self._pending)

    def finish_startup(self) -> None:
        raise NotImplementedError  # MainWindow's

    def _import_finished(self, outcome: Outcome[ImportReport] | None, error: UserError | None) -> None:
        from conference_app.core.importers.csv_agenda import NO_TIME_ZONE, CsvMappingNeeded, FirstDayNeeded

        pending, self._pending = self._pending, None
        if outcome is not None:
            self.bus.publish(outcome.changed)
            report = outcome.value
            self.statusBar().showMessage(import_summary(report), 15000)
            warnings = [w for w in report.warnings if w != NO_TIME_ZONE]  # asked for below, not hidden in details
            if report.updated or warnings:
                details = "\n".join(
                    [f"{'★ ' if c.picked else ''}{', '.join(c.what)}: {c.title}" for c in report.changes]
                    + [f"warning: {w}" for w in warnings]
                )
                messages.show_info(self, import_summary(report), details)
            if NO_TIME_ZONE in report.warnings and pending is not None:
                self.program_page.edit_conference_settings(
                    f"{pending[0].name} does not say which time zone its times are in, so they were taken as UTC. "
                    "Choose where the conference is held.",
                    report.conference_id,
                )
        elif isinstance(error, (CsvMappingNeeded, FirstDayNeeded)) and pending is not None:
            from conference_app.ui.dialogs.csv_mapping_dialog import CsvMappingDialog

            self.statusBar().clearMessage()
            answer = CsvMappingDialog.ask(self, pending[0], error.layout)
            if answer is not None:
                column_map, first_day = answer
                self.import_file(pending[0], replace(pending[1], column_map=column_map, first_day=first_day))
        elif error is not None:
            self.statusBar().showMessage(f"Not imported: {error}", 15000)
            messages.show_error(self, str(error))
        else:
            self.statusBar().showMessage("Import cancelled; nothing was changed.", 10000)


def import_summary(report: ImportReport) -> str:
    verb = "Updated" if report.updated else "Imported"
    text = f"{verb} {report.conference}: {counted(report.sessions, 'session')}, {counted(report.speakers, 'speaker')}"
    if report.updated:
        text += f" — {report.added} added, {report.changed} changed, {report.removed} cancelled"
    return text
