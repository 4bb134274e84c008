"""Fixtures for view tests: a workspace on a fresh database and a main window over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus
from conference_app.ui.dialogs import messages


@pytest.fixture
def workspace(tmp_path: Path):
    ws = Workspace.open(tmp_path / "app.sqlite")
    yield ws
    # qtbot has closed this test's windows and scheduled their deletion; delete them now, with their
    # timers (a capture's goal suggestions, its draft save). Left to a later event loop, such a timer
    # fires in another test against this closed workspace and opens a connection nobody closes.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ws.close()


@pytest.fixture
def shown_messages(monkeypatch) -> list[tuple[str, str]]:
    """Every message box the views would show, answered without a modal loop."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text: shown.append(("error", text)))
    monkeypatch.setattr(messages, "show_info", lambda parent, text, details="": shown.append(("info", text)))
    monkeypatch.setattr(messages, "confirm", lambda parent, question: shown.append(("confirm", question)) or True)
    return shown


@pytest.fixture
def main_window(qtbot, workspace, shown_messages):
    from conference_app.ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    # Keyboard shortcuts (Space to pick, Ctrl+F, Ctrl+N) reach only the active window; on the offscreen
    # platform it becomes active a moment after show().
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def bus(qtbot) -> DataBus:  # type: ignore[no-untyped-def]
    """The channel pages and dialogs publish changes on; qtbot first, so a QApplication exists."""
    return DataBus()


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    """The one-line error messages the views would show, answered without a modal loop."""
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, message: shown.append(message))
    return shown
