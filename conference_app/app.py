"""Composition root of the GUI: paths, the workspace (engine, migrations, services), Qt, the window."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from conference_app.core.errors import UserError
from conference_app.core.workspace import Workspace
from conference_app.startup_clock import milliseconds_since_process_start


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="conference-app", description="Conference Companion")
    parser.add_argument("--db", type=Path, default=None, help="the SQLite file to use")
    parser.add_argument(
        "--exit-after-startup", action="store_true", help="print {'startup_ms': N} once the program list is shown"
    )
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo congress into an empty database")
    parser.add_argument("files", nargs="*", type=Path, help="program files to import")
    return parser.parse_args(argv)


def main(argv: list[str], end_promptly: bool = False) -> int:
    """The window over the database; `end_promptly`: the process ends as soon as the window is
    closed and the database with it (end_process), instead of returning the exit status."""
    args = parse_arguments(argv)
    # The modules without Qt first: once PySide6 is loaded it looks into the source of every module imported.
    from conference_app.core.storage import database_errors  # its DATABASE_ERRORS imports SQLAlchemy: on an error only
    from conference_app.core.storage import database_file  # noqa: F401 - what Workspace.prepare checks the file with
    from conference_app.ui.first_screen import read_first_screen

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from conference_app.ui.database_recovery import DatabaseErrorHook, open_workspace
    from conference_app.ui.main_window import MainWindow
    from conference_app.ui.resources import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Conference Companion")
    app.setOrganizationName("conference-companion")
    app.setDesktopFileName("conference-companion")
    icon: QIcon = app_icon()
    app.setWindowIcon(icon)
    workspace = None
    path = args.db
    if path is None:
        from conference_app.paths import default_database  # platformdirs: only when no file is named

        path = default_database()
    try:
        # A damaged file: Restore backup / Open another / Quit (unless timing a start-up, which only reports it).
        # The file is checked now; SQLAlchemy and the services load once the first screen is shown.
        workspace = Workspace.prepare(path) if args.exit_after_startup else open_workspace(path)
        if workspace is None:
            return 1
        path = workspace.path
        first = read_first_screen(path)
        if not first.conferences and not args.no_demo:
            workspace.program.load_demo_if_empty()
            first = read_first_screen(path)
    except (UserError, *_database_errors()) as error:
        if workspace is not None:  # opened, but the demo could not be loaded
            workspace.close()
        message = str(error) if isinstance(error, UserError) else str(database_errors.database_error(path, error))
        if args.exit_after_startup:
            sys.stderr.write(f"conference-app: {message}\n")
        else:
            QMessageBox.critical(None, "Conference Companion", message)
        return 1
    window = MainWindow(workspace, first)
    DatabaseErrorHook(window, workspace.path)
    window.show()
    if args.exit_after_startup:
        window.program_page.wait_until_filled()
        app.processEvents()
        startup_ms = round(milliseconds_since_process_start())
        print(json.dumps({"startup_ms": startup_ms}), flush=True)
        window.close()
        workspace.close()
        return end_process(0) if end_promptly else 0
    for path in args.files:
        window.import_file(path)
    code = app.exec()
    busy = window.importer.busy  # an import asked to stop still winding down: let it, as before
    workspace.close()
    return end_process(code) if end_promptly and not busy else code


def end_process(code: int) -> NoReturn:
    """End the process now: the window is closed, its settings are written below and the database
    is closed. What an ordinary exit would still do (a full garbage collection, taking down every
    Qt object and module, SQLAlchemy's among them) saves nothing and takes about half a second."""
    from PySide6.QtCore import QSettings

    QSettings().sync()  # the window's geometry, set as it closed
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _database_errors() -> tuple[type[BaseException], ...]:
    """SQLite's errors, raw or wrapped by SQLAlchemy (which this imports: called on an error only)."""
    from conference_app.core.storage import database_errors

    return database_errors.DATABASE_ERRORS
