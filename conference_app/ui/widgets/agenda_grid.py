"""The painted body of the agenda calendar: one column per day, an hour axis, blocks for sessions and own items.

It only paints AgendaDay values it is given; every change goes through the page and its service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from conference_app.core.domain.agenda_view import MUST, AgendaDay, AgendaItem, duration_text
from conference_app.ui import theme
from conference_app.ui.widgets.agenda_layout import (
    DEFAULT_HOURS,
    LANE_CHARACTERS,
    column_minimum,
    column_widths,
    hour_range,
    item_key,
    lanes,
    most_lanes,
    wrap_title,
)

AXIS_WIDTH = 58
HEADER_HEIGHT = 48
HOUR_HEIGHT = 84
Role = QPalette.ColorRole


@dataclass(frozen=True)
class Palette:
    fill: QColor
    accent: QColor
    text: QColor


def colours_for(item: AgendaItem, colours: QPalette | None = None) -> Palette:
    """A block's fill, side bar and text, from the current palette: must-see in the accent colour,
    nice-to-see a wash of it, own items a wash of the warning hue, cancelled ones greyed."""
    colours = colours or theme.palette()
    if item.cancelled:
        fill = theme.mix(colours.color(Role.Base), colours.color(Role.Mid), 0.25)
        return Palette(fill, colours.color(Role.Mid), theme.readable(theme.muted(colours), fill))
    if not item.is_session:
        fill = theme.tint(theme.warning(colours), colours, 0.2)
        return Palette(fill, theme.warning(colours), theme.readable(colours.color(Role.Text), fill))
    if item.priority == MUST:
        on_fill = colours.color(Role.HighlightedText)
        fill = theme.readable(theme.accent(colours), on_fill)  # the accent, deepened until its text reads
        bar = theme.mix(fill, QColor("black"), 0.35)
        return Palette(fill, bar, theme.readable(on_fill, fill))
    fill = theme.tint(theme.accent(colours), colours, 0.16)
    return Palette(fill, theme.accent_text(colours), theme.readable(colours.color(Role.Text), fill))


@dataclass(frozen=True)
class Lines:
    """The calendar's background, rules and labels, from the current palette."""

    background: QColor
    grid: QColor
    half_hour: QColor
    off_hours: QColor
    axis_text: QColor
    header_fill: QColor
    header_text: QColor
    selection: QColor
    clash: QColor
    gap_fill: QColor
    gap_line: QColor
    gap_text: QColor


def lines_for(colours: QPalette | None = None) -> Lines:
    colours = colours or theme.palette()
    base, text = colours.color(Role.Base), colours.color(Role.Text)
    off_hours = theme.mix(base, text, 0.035)
    gap_fill = theme.tint(theme.success(colours), colours, 0.1)
    header_fill = colours.color(Role.Window)
    return Lines(
        background=base,
        grid=theme.mix(base, text, 0.16),
        half_hour=theme.mix(base, text, 0.08),
        off_hours=off_hours,
        axis_text=theme.readable(theme.muted(colours), off_hours, header_fill),
        header_fill=header_fill,
        header_text=colours.color(Role.WindowText),
        selection=text,
        clash=theme.readable(theme.problem(colours), base, off_hours, header_fill),
        gap_fill=gap_fill,
        gap_line=theme.success(colours),
        gap_text=theme.readable(theme.success(colours), gap_fill),
    )


@dataclass(frozen=True)
class Placed:
    item: AgendaItem
    rect: QRectF


class AgendaGrid(QWidget):
    """The painted body: hour lines, free gaps and item blocks, one column per day.

    It reports clicks through plain callbacks rather than Qt signals: on Python 3.11, PySide6 6.12's
    SignalInstance.emit() drops a reference to True on every call from Python.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_selected: Callable[[AgendaItem | None], None] = _ignore
        self.on_activated: Callable[[AgendaItem], None] = _ignore
        self.on_empty_activated: Callable[[datetime], None] = _ignore  # naive local time of a double click
        self.days: tuple[AgendaDay, ...] = ()
        self.first_hour, self.last_hour = DEFAULT_HOURS
        self.selected: tuple[str, int] | None = None
        self.placed: list[Placed] = []
        self._minimums: list[float] = []  # each day's narrowest width, from its widest clash
        self._widths: list[float] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Agenda calendar")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.lines = lines_for()

    # --- content ------------------------------------------------------------------------

    def set_days(self, days: Sequence[AgendaDay]) -> None:
        self.days = tuple(days)
        self.first_hour, self.last_hour = hour_range(self.days)
        self._minimums = [column_minimum(most_lanes(day.items), self.lane_width()) for day in self.days]
        self._widths = column_widths(self._minimums, self.width() - AXIS_WIDTH)
        self.setMinimumSize(self.sizeHint())
        self.updateGeometry()
        self._place()
        if self.selected is not None and self.item(self.selected) is None:
            self.selected = None
        self.update()

    def item(self, key: tuple[str, int]) -> AgendaItem | None:
        return next((p.item for p in self.placed if item_key(p.item) == key), None)

    def select(self, key: tuple[str, int] | None, notify: bool = True) -> None:
        if key is not None and self.item(key) is None:
            key = None
        self.selected = key
        self.update()
        if notify:
            self.on_selected(self.item(key) if key else None)

    def rect_of(self, key: tuple[str, int]) -> QRectF | None:
        return next((p.rect for p in self.placed if item_key(p.item) == key), None)

    # --- geometry -----------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = sum(self._minimums) if self._minimums else column_minimum(1, self.lane_width())
        return QSize(AXIS_WIDTH + int(width), (self.last_hour - self.first_hour) * HOUR_HEIGHT + 16)

    def lane_width(self) -> float:
        """The narrowest a block may get beside others: a time and the first words of a title stay legible."""
        return QFontMetricsF(self.font()).averageCharWidth() * LANE_CHARACTERS

    def column_width(self, index: int = 0) -> float:
        """A day's width: wider for a day whose clashes put several blocks side by side."""
        if 0 <= index < len(self._widths):
            return self._widths[index]
        return self.width() - AXIS_WIDTH

    def column_x(self, index: int) -> float:
        return AXIS_WIDTH + sum(self._widths[:index])

    def y_of(self, moment: datetime, day: date) -> float:
        """Vertical position of a local time on a given day's column (a later date runs past the bottom)."""
        minutes = (moment.date() - day).days * 24 * 60 + moment.hour * 60 + moment.minute
        return 8 + (minutes - self.first_hour * 60) * HOUR_HEIGHT / 60

    def time_at(self, y: float) -> time:
        minutes = self.first_hour * 60 + (y - 8) * 60 / HOUR_HEIGHT
        minutes = max(0, min(24 * 60 - 15, int(minutes // 15) * 15))
        return time(minutes // 60, minutes % 60)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._widths = column_widths(self._minimums, self.width() - AXIS_WIDTH)
        self._place()

    def _place(self) -> None:
        self.placed = []
        bottom = 8 + (self.last_hour - self.first_hour) * HOUR_HEIGHT
        for column, day in enumerate(self.days):
            positions = lanes(day.items)
            left = self.column_x(column) + 4
            usable = self.column_width(column) - 10
            for item in day.items:
                lane, count = positions[item_key(item)]
                top = self.y_of(item.start, day.date)
                end = min(self.y_of(item.end, day.date), bottom)
                rect = QRectF(left + lane * usable / count, top + 1, usable / count - 2, max(end - top - 2, 14))
                self.placed.append(Placed(item, rect))

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.lines = lines_for()
        painter.fillRect(event.rect(), self.lines.background)
        self._paint_hours(painter)
        for column, day in enumerate(self.days):
            self._paint_day_background(painter, column, day)
        for column, day in enumerate(self.days):
            for gap in day.gaps:
                self._paint_gap(painter, column, day, gap.start, gap.end)
        for placed in self.placed:
            self._paint_item(painter, placed)
        painter.end()

    def _paint_hours(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        for hour in range(self.first_hour, self.last_hour + 1):
            y = 8 + (hour - self.first_hour) * HOUR_HEIGHT
            painter.setPen(QPen(self.lines.grid, 1))
            painter.drawLine(QPointF(AXIS_WIDTH - 6, y), QPointF(self.width(), y))
            if hour < self.last_hour:
                painter.setPen(QPen(self.lines.half_hour, 1, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(AXIS_WIDTH, y + HOUR_HEIGHT / 2), QPointF(self.width(), y + HOUR_HEIGHT / 2))
            painter.setPen(self.lines.axis_text)
            painter.drawText(
                QRectF(0, y - 9, AXIS_WIDTH - 10, 18),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{hour % 24:02d}:00",
            )

    def _paint_day_background(self, painter: QPainter, column: int, day: AgendaDay) -> None:
        x = self.column_x(column)
        width = self.column_width(column)
        top, bottom = 8.0, 8 + (self.last_hour - self.first_hour) * HOUR_HEIGHT
        if day.program_start is not None and day.program_end is not None:
            start, end = self.y_of(day.program_start, day.date), self.y_of(day.program_end, day.date)
            for a, b in ((top, start), (end, bottom)):
                if b > a:
                    painter.fillRect(QRectF(x, a, width, b - a), self.lines.off_hours)
        else:
            painter.fillRect(QRectF(x, top, width, bottom - top), self.lines.off_hours)
        painter.setPen(QPen(self.lines.grid, 1))
        painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))

    def _paint_gap(self, painter: QPainter, column: int, day: AgendaDay, start: datetime, end: datetime) -> None:
        if not day.items:
            return  # a whole free day needs no label on every hour
        top, bottom = self.y_of(start, day.date), self.y_of(end, day.date)
        rect = QRectF(self.column_x(column) + 6, top + 3, self.column_width(column) - 14, bottom - top - 6)
        if rect.height() < 10:
            return
        painter.setPen(QPen(self.lines.gap_line, 1, Qt.PenStyle.DashLine))
        painter.setBrush(self.lines.gap_fill)
        painter.drawRoundedRect(rect, 6, 6)
        if rect.height() >= 18:
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 0.85)
            painter.setFont(font)
            painter.setPen(self.lines.gap_text)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"Free · {duration_text(end - start)}")

    def _paint_item(self, painter: QPainter, placed: Placed) -> None:
        item, rect = placed.item, placed.rect
        colours = colours_for(item)
        clashing = bool(item.clashes_with)
        selected = self.selected == item_key(item)
        path = QPainterPath()
        path.addRoundedRect(rect, 5, 5)
        painter.fillPath(path, colours.fill)
        painter.save()
        painter.setClipPath(path)
        painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), colours.accent)
        painter.restore()
        if clashing or selected:
            pen = QPen(self.lines.selection if selected else self.lines.clash, 2.5 if selected else 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 5, 5)
            if selected and clashing:
                painter.setPen(QPen(self.lines.clash, 1.5, Qt.PenStyle.DashLine))
                painter.drawRoundedRect(rect.adjusted(3.5, 3.5, -3.5, -3.5), 4, 4)
        elif item.is_session and item.priority != MUST and not item.cancelled:
            painter.setPen(QPen(colours.accent, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        self._paint_item_text(painter, item, rect, colours, clashing)

    def _paint_item_text(
        self, painter: QPainter, item: AgendaItem, rect: QRectF, colours: Palette, clashing: bool
    ) -> None:
        inner = rect.adjusted(9, 3, -6, -3)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.82)
        bold = QFont(self.font())
        bold.setPointSizeF(bold.pointSizeF() * 0.9)
        bold.setBold(True)
        bold.setStrikeOut(item.cancelled)
        small_metrics, bold_metrics = QFontMetricsF(small), QFontMetricsF(bold)
        text_colour = colours.text
        badge = ("⚠ " if clashing else "") + ("✓ " if item.attended else "")
        when = f"{item.start:%H:%M}–{item.end:%H:%M}" + (f" · {item.place}" if item.place else "")
        y = inner.top()
        if inner.height() < small_metrics.height() + bold_metrics.height():
            # A short block: one line, time first.
            painter.setFont(bold)
            painter.setPen(theme.readable(self.lines.clash, colours.fill) if clashing and item.priority != MUST else text_colour)
            # Beside a clashing block the title gets the room: the hour axis and the tooltip give the time.
            when = "" if clashing else f"{item.start:%H:%M} "
            line = bold_metrics.elidedText(f"{badge}{when}{item.title}", Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(QRectF(inner.left(), y, inner.width(), inner.height()), int(Qt.AlignmentFlag.AlignVCenter), line)
            return
        painter.setFont(small)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(inner.left(), y, inner.width(), small_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            small_metrics.elidedText(badge + when, Qt.TextElideMode.ElideRight, inner.width()),
        )
        y += small_metrics.height()
        painter.setFont(bold)
        lines_left = max(1, int((inner.bottom() - y) // bold_metrics.lineSpacing()))
        title_lines = wrap_title(item.title, bold_metrics, inner.width(), lines_left)
        for line in title_lines:
            painter.drawText(QRectF(inner.left(), y, inner.width(), bold_metrics.height()), int(Qt.AlignmentFlag.AlignLeft), line)
            y += bold_metrics.lineSpacing()
        extra = ", ".join(s.name for s in item.speakers) if item.is_session else item.notes
        if item.meet:
            extra = "Meet " + ", ".join(n.name for n in item.meet)
        if extra and y + small_metrics.height() <= inner.bottom() + 1:
            painter.setFont(small)
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), small_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft),
                small_metrics.elidedText(extra, Qt.TextElideMode.ElideRight, inner.width()),
            )

    # --- interaction --------------------------------------------------------------------

    def item_at(self, point: QPointF) -> AgendaItem | None:
        for placed in reversed(self.placed):
            if placed.rect.contains(point):
                return placed.item
        return None

    def day_at(self, x: float) -> AgendaDay | None:
        if x < AXIS_WIDTH or not self.days:
            return None
        index = next((n for n in range(len(self.days)) if x < self.column_x(n) + self.column_width(n)), -1)
        return self.days[index] if 0 <= index < len(self.days) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.item_at(event.position())
            self.select(item_key(item) if item else None)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        item = self.item_at(event.position())
        if item is not None:
            self.on_activated(item)
            return
        day = self.day_at(event.position().x())
        if day is not None:
            self.on_empty_activated(datetime.combine(day.date, self.time_at(event.position().y())))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Up/Down walk through the items in time order; Enter opens the selected one."""
        order = [item_key(p.item) for p in sorted(self.placed, key=lambda p: (p.item.start, p.item.end, p.item.title))]
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and order:
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            position = order.index(self.selected) + step if self.selected in order else 0
            self.select(order[max(0, min(len(order) - 1, position))])
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            found = self.item(self.selected)
            if found is not None:
                self.on_activated(found)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            item = self.item_at(event.pos())  # type: ignore[attr-defined]
            if item is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tooltip_text(item), self)  # type: ignore[attr-defined]
            return True
        return super().event(event)


def _ignore(*_args: object) -> None:
    return None


def tooltip_text(item: AgendaItem) -> str:
    lines = [item.title, f"{item.start:%a %H:%M}–{item.end:%H:%M}" + (f" · {item.place}" if item.place else "")]
    if item.cancelled:
        lines.append("Cancelled: no longer in the program")
    lines.extend(f"⚠ overlaps {other.title}" for other in item.clashes_with)
    lines.extend(note.text for note in item.meet)
    return "\n".join(lines)
