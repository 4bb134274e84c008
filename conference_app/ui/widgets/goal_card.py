"""One goal in the goals list: title, a progress bar and what counted."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from conference_app.ui import theme
from conference_app.core.domain.planning import GoalView


class GoalCard(QWidget):
    def __init__(self, goal: GoalView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        progress = goal.progress
        self.title = QLabel(f"<b>{_escape(goal.title)}</b>")
        self.title.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, max(1, progress.target))
        self.bar.setValue(min(progress.done, progress.target))
        self.bar.setTextVisible(False)  # the line below says it in words, legible on any background
        self.bar.setAccessibleName(f"{progress.done} of {progress.target}")
        self.bar.setMaximumHeight(10)
        status = "✓ reached · " if progress.reached else ""
        if goal.status != "active":
            status = f"{goal.status} · "
        planned = f" · {progress.planned_label}" if progress.planned_label else ""
        self.detail = QLabel(f"{status}{progress.label}{planned}")
        self.detail.setWordWrap(True)
        self._muted = goal.status != "active"
        self.set_selected(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)

    def set_selected(self, selected: bool) -> None:
        """Text in the selection's colours while the card is the chosen one, so it stays legible."""
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText
        for label in (self.title, self.detail):
            label.setForegroundRole(role)
        theme.style(self.detail, theme.hint_sheet if self._muted and not selected else lambda _colours: "")
        theme.style(self.bar, lambda colours: _bar_sheet(colours, selected))


def _bar_sheet(colours: QPalette, selected: bool) -> str:
    """The bar outlined and filled in one colour that stands out on the card's background: the
    accent, or the selection's text colour on the selected card (the accent would vanish there)."""
    ink = theme.css(colours.color(QPalette.ColorRole.HighlightedText) if selected else theme.accent(colours))
    return (
        f"QProgressBar {{ border: 1px solid {ink}; border-radius: 3px; background: transparent; }}"
        f"QProgressBar::chunk {{ background: {ink}; }}"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
