"""Pages that are not on screen reload when they are next shown, not on every change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class DeferredReload(QObject):
    """Runs a page's loading steps now if the user can see the page, else on its next show.

    A page on its own (tests, a dialog) always loads at once; a page inside a window that is hidden
    behind another page only remembers what it must do.
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self._pending: list[Callable[[], None]] = []
        page.installEventFilter(self)

    def request(self, *steps: Callable[[], None]) -> None:
        if self._page.isVisible() or self._page.window() is self._page:
            self._pending.clear()
            for step in steps:
                step()
            return
        for step in steps:
            if step not in self._pending:
                self._pending.append(step)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._page and event.type() == QEvent.Type.Show and self._pending:
            steps, self._pending = self._pending, []
            for step in steps:
                step()
        return False
