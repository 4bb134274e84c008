"""Composition root of the GUI: paths, the workspace (engine, migrations, services), Qt, the window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from conference_app.core.errors import UserError
from conference_app.core.workspace import Workspace
from conference_app.paths import default_database
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


def main(argv: list[str]) -> int:
    args = parse_arguments(argv)
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from conference_app.core.storage.database_errors import DATABASE_ERRORS, database_error
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
    path = args.db or default_database()
    try:
        # A damaged file: Restore backup / Open another / Quit (unless timing a start-up, which only reports it).
        workspace = Workspace.open(path) if args.exit_after_startup else open_workspace(path)
        if workspace is None:
            return 1
        path = workspace.database.path
        if not args.no_demo:
            workspace.program.load_demo_if_empty()
    except (UserError, *DATABASE_ERRORS) as error:
        if workspace is not None:  # opened, but the demo could not be loaded
            workspace.close()
        message = str(error) if isinstance(error, UserError) else str(database_error(path, error))
        if args.exit_after_startup:
            sys.stderr.write(f"conference-app: {message}\n")
        else:
            QMessageBox.critical(None, "Conference Companion", message)
        return 1
    window = MainWindow(workspace)
    DatabaseErrorHook(window, workspace.database.path)
    window.show()
    if args.exit_after_startup:
        window.program_page.wait_until_filled()
        app.processEvents()
        startup_ms = round(milliseconds_since_process_start())
        print(json.dumps({"startup_ms": startup_ms}), flush=True)
        window.close()
        workspace.close()
        return 0
    for path in args.files:
        window.import_file(path)
    code = app.exec()
    workspace.close()
    return code
