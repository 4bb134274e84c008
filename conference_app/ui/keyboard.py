"""Keyboard use everywhere: Tab always moves on to the next control and never gets caught inside one.

Lists and tables move their selection with the arrow keys, so Tab leaves them instead of walking
cell by cell; text boxes pass Tab on too (a tab character is never wanted in a note); read-only
text panes are reached and left like any other control.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit, QWidget

NOW_SHORTCUT = "F6"  # the "Now & next" page from anywhere (View menu)


def tab_moves_on(root: QWidget) -> None:
    """Make Tab leave every list, table and text box under `root`."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
    for text in [*root.findChildren(QTextEdit), *root.findChildren(QPlainTextEdit)]:
        text.setTabChangesFocus(True)
        if text.isReadOnly():
            text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            text.setTextInteractionFlags(text.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard)


class _OnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            tab_moves_on(watched)
        return False


def install() -> None:
    """Apply `tab_moves_on` to every window and dialog as it is shown, once per application."""
    app = QApplication.instance()
    if app is not None and not app.property("tabMovesOn"):
        app.setProperty("tabMovesOn", True)
        app.installEventFilter(_OnShow(app))
