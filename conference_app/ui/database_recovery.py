"""Opening the database when the app starts, and what to do when it is damaged: put back the backup
made before the last upgrade, open another file, or quit. Also the last resort for SQLite's errors
that reach the event loop outside any user action (a page reloading): one line, not a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from conference_app.core.errors import UserError
from conference_app.core.storage import database_errors  # DATABASE_ERRORS on use: it imports SQLAlchemy
from conference_app.core.storage.database_errors import DatabaseDamaged, database_error
from conference_app.core.workspace import Workspace
from conference_app.ui.dialogs import messages

RESTORE = "restore"
SALVAGE = "save what can be read"
OPEN_ANOTHER = "open another"
QUIT = "quit"


def damage_question(damaged: DatabaseDamaged) -> tuple[str, str]:
    """The dialog's text and its details: what is wrong, and what each choice does."""
    text = f"{damaged.path.name} is damaged: SQLite cannot read part of it. The app will not write to it."
    if damaged.backup is not None:
        made = datetime.fromtimestamp(damaged.backup.stat().st_mtime).strftime("%d %B %Y at %H:%M")
        details = (
            f"Restore backup puts back {damaged.backup.name}, the copy made on {made} before the last upgrade; "
            "what you changed after that is not in it. The damaged file is kept beside it, renamed."
        )
    else:
        details = "There is no backup beside it."
    details += (
        " Save what can be read copies every row SQLite can still read into a new database and opens that;"
        " the damaged file is left as it is."
    )
    return text, details


def ask_about_damage(damaged: DatabaseDamaged) -> str:
    """RESTORE, OPEN_ANOTHER or QUIT, as the user chooses."""
    text, details = damage_question(damaged)
    box = QMessageBox(QMessageBox.Icon.Critical, messages.TITLE, text)
    box.setInformativeText(details)
    restore = box.addButton("Restore backup", QMessageBox.ButtonRole.AcceptRole) if damaged.backup else None
    save = box.addButton("Save what can be read…", QMessageBox.ButtonRole.ActionRole)
    another = box.addButton("Open another…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or save)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    return SALVAGE if clicked is save else OPEN_ANOTHER if clicked is another else QUIT


def choose_database(parent: QWidget | None, folder: Path) -> Path | None:
    """An existing database, or the name of a new one."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        "Open another database",
        str(folder),
        "Conference Companion databases (*.sqlite);;All files (*)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


def choose_new_database(parent: QWidget | None, suggested: Path) -> Path | None:
    """The name of a database to create (not one that exists)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Save what can be read", str(suggested), "Conference Companion databases (*.sqlite)"
    )
    return Path(name) if name else None


def open_workspace(path: Path, ask: Callable[[DatabaseDamaged], str] = ask_about_damage) -> Workspace | None:
    """The workspace on `path`, or on the file chosen instead of a damaged one; None to quit.
    The file is checked now; its engine is made on first use (Workspace.prepare).

    Other errors (UserError, SQLite's) are the caller's to show."""
    while True:
        try:
            return Workspace.prepare(path)
        except DatabaseDamaged as damaged:
            choice = ask(damaged)
            if choice == RESTORE and damaged.backup is not None:
                from conference_app.core.storage.database_restore import restore_backup

                try:
                    kept = restore_backup(damaged.path, damaged.backup)
                except UserError as error:
                    messages.show_error(None, str(error))
                    continue
                messages.show_info(
                    None,
                    f"{damaged.backup.name} is back in place of {path.name}; the damaged file is kept as {kept.name}.",
                )
            elif choice == SALVAGE:
                target = choose_new_database(None, damaged.path.with_name(f"{damaged.path.stem}-saved.sqlite"))
                if target is None:
                    continue
                from conference_app.core.storage.database_salvage import salvage

                try:
                    saved = salvage(damaged.path, target)
                except UserError as error:
                    messages.show_error(None, str(error))
                    continue
                lost = (
                    f"; rows on broken pages of {', '.join(saved.damaged_tables)} were lost"
                    if saved.damaged_tables
                    else ""
                )
                messages.show_info(None, f"{saved.rows} rows of {damaged.path.name} saved into {target.name}{lost}.")
                path = target
            elif choice == OPEN_ANOTHER:
                path = choose_database(None, damaged.path.parent) or path
            else:
                return None


class DatabaseErrorHook:
    """sys.excepthook for SQLite's errors raised in a slot outside run_action (a page reloading
    after another program's change, say): one line in the window, once per problem, no traceback."""

    def __init__(self, window: QMainWindow, path: Path) -> None:
        self._window = window
        self._path = path
        self._shown: str | None = None
        self._previous = sys.excepthook
        sys.excepthook = self

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not isinstance(error, (UserError, *database_errors.DATABASE_ERRORS)):
            self._previous(kind, error, trace)
            return
        text = str(error) if isinstance(error, UserError) else str(database_error(self._path, error))
        self._window.statusBar().showMessage(text)
        if text != self._shown:  # the same problem from every page at once: said once
            self._shown = text
            messages.show_error(self._window, text)

    def remove(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous
