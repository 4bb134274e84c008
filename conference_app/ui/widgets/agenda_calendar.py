"""The agenda calendar as shown: the painted grid in a scroll area, with the day names pinned above it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from conference_app.core.domain.agenda_view import AgendaDay
from conference_app.ui.widgets.agenda_grid import AXIS_WIDTH, HEADER_HEIGHT, HOUR_HEIGHT, AgendaGrid, lines_for


class DayHeader(QWidget):
    """Day names above the columns; stays in view while the hours scroll."""

    def __init__(self, grid: AgendaGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.offset = 0
        self.setFixedHeight(HEADER_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        lines = lines_for()
        painter.fillRect(self.rect(), lines.header_fill)
        painter.setPen(QPen(lines.grid, 1))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        title = QFont(self.font())
        title.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.82)
        for column, day in enumerate(self.grid.days):
            width = self.grid.column_width(column)
            x = self.grid.column_x(column) - self.offset
            if x + width <= AXIS_WIDTH:
                continue
            rect = QRectF(x + 10, 4, width - 14, self.height() - 8)
            painter.setPen(QPen(lines.grid, 1))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
            painter.setFont(title)
            painter.setPen(lines.header_text)
            label = (f"Day {day.day_index} · " if day.day_index else "") + f"{day.date:%a %d %b}"
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), label)
            painter.setFont(small)
            clashes = sum(1 for i in day.items if i.clashes_with)
            facts = f"{len(day.items)} planned" if day.items else "nothing planned"
            painter.setPen(lines.axis_text)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), facts)
            if clashes:
                painter.setPen(lines.clash)
                metrics = QFontMetricsF(small)
                painter.drawText(
                    QRectF(
                        rect.left() + metrics.horizontalAdvance(facts + "  "), rect.top(), rect.width(), rect.height()
                    ),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                    f"⚠ {clashes} clashing",
                )
        # The time axis corner: which clock the hours are on (e.g. CDT), over any scrolled-away column.
        painter.fillRect(QRectF(0, 0, AXIS_WIDTH, self.height() - 1), lines.header_fill)
        if self.grid.days:
            first = self.grid.days[0].span_start
            painter.setFont(small)
            painter.setPen(lines.axis_text)
            painter.drawText(
                QRectF(0, 4, AXIS_WIDTH - 8, self.height() - 8),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                first.tzname() or "",
            )
        painter.end()


class AgendaCalendar(QScrollArea):
    """The grid in a scroll area, with the day header pinned above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = AgendaGrid()
        self.setWidget(self.grid)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setViewportMargins(0, HEADER_HEIGHT, 0, 0)
        self.header = DayHeader(self.grid, self)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

    def set_days(self, days: Sequence[AgendaDay]) -> None:
        self.grid.set_days(days)
        self.header.update()

    def scroll_to_first_item(self) -> None:
        if self.grid.placed:
            top = min(p.rect.top() for p in self.grid.placed)
            self.verticalScrollBar().setValue(int(max(0, top - HOUR_HEIGHT / 3)))

    def ensure_visible(self, key: tuple[str, int]) -> None:
        rect = self.grid.rect_of(key)
        if rect is not None:
            self.ensureVisible(int(rect.center().x()), int(rect.top()), 20, int(min(rect.height(), 120)))

    def _scrolled(self, value: int) -> None:
        self.header.offset = value
        self.header.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        viewport = self.viewport().geometry()
        self.header.setGeometry(viewport.left(), viewport.top() - HEADER_HEIGHT, viewport.width(), HEADER_HEIGHT)

