"""Every page and everyday dialog works without a mouse: Tab reaches every enabled control and comes
back round (never caught inside a list or a text box), Escape closes a dialog, Enter saves it, and the
main actions have keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QScrollBar,
    QWidget,
)

from tests.ui.test_window_fits import plan_a_busy_conference, settle

MOST_PRESSES = 400


def tab_reachable(root: QWidget) -> set[QWidget]:
    """The controls under `root` a user can see, use, and is meant to reach with Tab."""
    found = set()
    for widget in root.findChildren(QWidget):
        if not (widget.isVisibleTo(root.window()) and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or isinstance(widget, QScrollBar):
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the text field inside a spin box or combo box: focus goes to the box
        if widget.focusProxy() is not None:
            continue
        found.add(widget)
    return found


def walk_with_tab(start: QWidget, qtbot) -> tuple[list[QWidget], bool]:  # type: ignore[no-untyped-def]
    """Press Tab from `start` until focus comes back to it; the widgets visited, and whether it came back."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    visited: list[QWidget] = []
    for _ in range(MOST_PRESSES):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            return visited, True
        visited.append(focused)
    return visited, False


def describe(widget: QWidget) -> str:
    label = getattr(widget, "text", lambda: "")() if not isinstance(widget, QAbstractScrollArea) else ""
    return f"{type(widget).__name__} {widget.accessibleName() or widget.objectName() or label}".strip()


@pytest.fixture
def busy_window(qtbot, workspace, shown_messages):  # type: ignore[no-untyped-def]
    from conference_app.ui.main_window import MainWindow

    plan_a_busy_conference(workspace)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_tab_reaches_every_control_on_every_page_and_comes_back_round(qtbot, busy_window) -> None:
    window = busy_window
    missed, stuck = {}, []
    for row, (name, page) in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        settle()
        visited, came_back = walk_with_tab(window.nav, qtbot)
        if not came_back:
            stuck.append(f"{name}: caught at {describe(visited[-1])}")
        gaps = sorted(describe(w) for w in tab_reachable(page) - set(visited))
        if gaps:
            missed[name] = gaps
    assert stuck == []
    assert missed == {}


def test_tab_reaches_every_control_in_the_everyday_dialogs(qtbot, busy_window, workspace) -> None:
    from conference_app.ui.dialogs.capture_dialog import CaptureDialog
    from conference_app.ui.dialogs.goal_dialog import GoalDialog
    from conference_app.ui.dialogs.profile_dialog import ProfileDialog

    bus = busy_window.bus
    conference = workspace.program.current_conference_id()
    missed, stuck = {}, []
    for name, dialog in {
        "profile": ProfileDialog(workspace.planning, bus, busy_window),
        "goal": GoalDialog(workspace.planning, bus, conference, parent=busy_window),
        "capture": CaptureDialog(workspace, bus, conference, parent=busy_window),
    }.items():
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)
        first = dialog.focusWidget() or dialog.nextInFocusChain()
        visited, came_back = walk_with_tab(first, qtbot)
        if not came_back:
            stuck.append(f"{name}: caught at {describe(visited[-1])}")
        gaps = sorted(describe(w) for w in tab_reachable(dialog) - set(visited) - {first})
        if gaps:
            missed[name] = gaps
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert not dialog.isVisible(), f"Escape leaves the {name} dialog open"
    assert stuck == []
    assert missed == {}


def test_enter_saves_the_capture_dialog(qtbot, busy_window, workspace) -> None:
    busy_window.people.capture()
    dialog = busy_window.people.capture_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.name, "Ada Lovelace")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [p.name for p in workspace.people.people()] == ["Ada Lovelace"]


@pytest.mark.parametrize(
    ("keys", "page"),
    [("Ctrl+1", "Program"), ("Ctrl+3", "Goals"), ("Ctrl+6", "People"), ("Ctrl+9", "My network"),
     ("Ctrl+Shift+U", "Follow-ups"), ("F6", "Now & next")],
)  # fmt: skip
def test_keys_bring_each_page_forward(qtbot, busy_window, keys: str, page: str) -> None:
    from PySide6.QtGui import QKeySequence

    busy_window.nav.setCurrentRow(4)
    combination = QKeySequence(keys)[0]
    qtbot.keyClick(busy_window, combination.key(), combination.keyboardModifiers())
    assert busy_window.pages[busy_window.nav.currentRow()][0] == page


def test_the_focused_control_is_visible(qtbot, busy_window) -> None:
    """A focused page name shows a frame in the accent colour, beyond the selection's own fill."""
    assert "::item:focus" in busy_window.nav.styleSheet()


def test_escape_closes_a_dialog_without_saving(qtbot, busy_window, workspace) -> None:
    busy_window.people.capture()
    dialog = busy_window.people.capture_dialog
    assert isinstance(dialog, QDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and workspace.people.people() == []
