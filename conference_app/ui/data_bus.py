"""The one channel through which pages learn that data changed, and the helper that runs user actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from conference_app.core.errors import UserError
from conference_app.core.storage import database_errors  # DATABASE_ERRORS on use: it imports SQLAlchemy
from conference_app.core.storage.database_errors import database_error
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.ui.dialogs import messages

T = TypeVar("T")


class DataBus(QObject):
    """Broadcasts the topics a user action changed; each page reloads only what it shows."""

    changed = Signal(object)  # frozenset[Topic]
    database_path = Path("the database")  # named in messages about SQLite's own errors; the window sets it

    def publish(self, topics: frozenset[Topic]) -> None:
        if topics:
            self.changed.emit(topics)


def run_action(parent: QWidget, bus: DataBus, action: Callable[[], Outcome[T]]) -> T | None:
    """Run one service call; show a user error as one line; broadcast what changed."""
    try:
        outcome = action()
    except UserError as error:
        messages.show_error(parent, str(error))
        return None
    except database_errors.DATABASE_ERRORS as error:  # locked, read-only, full disk, damaged file: the transaction was rolled back
        messages.show_error(parent, str(database_error(bus.database_path, error)))
        return None
    bus.publish(outcome.changed)
    return outcome.value
