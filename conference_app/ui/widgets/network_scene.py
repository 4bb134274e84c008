"""Drawing the network map on a QGraphicsScene: bands by level, the user in the middle, people as dots.

The layout (who stands where) comes from the core; this only turns grid units into pixels, goals
into colours, and paints. A filled dot is someone met; an outlined one someone still to meet.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from conference_app.core.domain.network_map import PERSON, NetworkGoal, NetworkMap, PlacedPerson
from conference_app.ui import theme

Role = QPalette.ColorRole

# Colours told apart with the common colour-vision deficiencies (Okabe and Ito), then a few more.
GOAL_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31", "#7F3C8D")
NO_GOAL = "#8A8A8A"
KEY = 0  # item data: the person's key ("person:12", "speaker:40")
RADIUS = 17.0


def goal_colour(network: NetworkMap, goal_id: int | None) -> QColor:
    """The goal's colour, lightened or deepened just enough to stand out (3:1) on the current background."""
    ids = [goal.id for goal in network.goals]
    if goal_id is None or goal_id not in ids:
        colour = QColor(NO_GOAL)
    else:
        colour = QColor(GOAL_COLOURS[ids.index(goal_id) % len(GOAL_COLOURS)])
    colours = theme.palette()
    return theme.readable(colour, colours.color(Role.Base), colours.color(Role.Window), ratio=3.0)


def initials(name: str) -> str:
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha() and w.casefold() not in ("dr", "prof")]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


class Grid:
    """Pixel sizes for the current font: a column, a line, the band labels' width."""

    def __init__(self, font: QFont, labels: list[str]) -> None:
        metrics = QFontMetricsF(font)
        self.font = font
        self.metrics = metrics
        self.column = max(118.0, metrics.horizontalAdvance("M") * 10.5)
        self.line = 2 * RADIUS + metrics.height() + 30.0
        self.label_width = max((metrics.horizontalAdvance(text) for text in labels), default=0.0) + 28.0

    def point(self, x: float, y: float) -> QPointF:
        """The centre of a dot at grid column x on grid line y."""
        return QPointF(x * self.column, y * self.line + RADIUS + 10.0)


def build_scene(scene: QGraphicsScene, network: NetworkMap, font: QFont, me_label: str) -> Grid:
    """Draw the whole map into `scene` (cleared first); returns the grid used."""
    scene.clear()
    scene.setFont(font)
    grid = Grid(font, [row.label for row in network.rows])
    left, right = network.extent
    x0 = left * grid.column - grid.column / 2 - grid.label_width
    x1 = right * grid.column + grid.column / 2
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
    colours = theme.palette()
    base, text = colours.color(Role.Base), colours.color(Role.Text)
    scene.setBackgroundBrush(base)
    for number, row in enumerate(network.rows):
        band = QRectF(x0, row.top * grid.line, x1 - x0, (row.bottom - row.top) * grid.line)
        fill = theme.tint(theme.accent(colours), colours, 0.12) if row.middle else theme.mix(base, text, 0.05 if number % 2 == 0 else 0.025)
        scene.addRect(band, QPen(Qt.PenStyle.NoPen), QBrush(fill)).setZValue(-3)
        label = scene.addSimpleText(row.label, small)
        label.setBrush(theme.readable(theme.muted(colours), fill))
        label.setPos(x0 + 10, band.top() + 6)
        label.setZValue(-2)
    me = grid.point(0, network.me_y)
    for placed in network.people:
        _edge(scene, grid, me, placed)
    for placed in network.people:
        _person(scene, grid, network, placed)
    dot = scene.addEllipse(
        QRectF(me.x() - RADIUS - 4, me.y() - RADIUS - 4, 2 * RADIUS + 8, 2 * RADIUS + 8),
        QPen(base, 2),
        QBrush(text),
    )
    dot.setToolTip("You")
    _centred_text(scene, "Me", QFont(font), base, me, bold=True)
    _centred_text(scene, me_label, QFont(font), text, QPointF(me.x(), me.y() + RADIUS + 6), top=True, bold=True)
    return grid


def _edge(scene: QGraphicsScene, grid: Grid, me: QPointF, placed: PlacedPerson) -> None:
    colours = theme.palette()
    pen = QPen(theme.mix(colours.color(Role.Base), colours.color(Role.Text), 0.35), 1.2)
    if not placed.person.met:
        pen.setStyle(Qt.PenStyle.DashLine)
    line = scene.addLine(me.x(), me.y(), *_xy(grid.point(placed.x, placed.y)), pen)
    line.setZValue(-1)


def _xy(point: QPointF) -> tuple[float, float]:
    return point.x(), point.y()


def _person(scene: QGraphicsScene, grid: Grid, network: NetworkMap, placed: PlacedPerson) -> None:
    person = placed.person
    centre = grid.point(placed.x, placed.y)
    colour = goal_colour(network, placed.goal_id)
    box = QRectF(centre.x() - RADIUS, centre.y() - RADIUS, 2 * RADIUS, 2 * RADIUS)
    colours = theme.palette()
    base = colours.color(Role.Base)
    if person.met:
        dot = scene.addEllipse(box, QPen(base, 2), QBrush(colour))
        ink = theme.text_on(colour, colours)
    else:
        pen = QPen(colour, 3)
        pen.setStyle(Qt.PenStyle.DashLine)
        dot = scene.addEllipse(box, pen, QBrush(base))
        ink = theme.readable(colour, base, ratio=3.0)  # large bold initials
    text = _centred_text(scene, initials(person.name), QFont(grid.font), ink, centre, bold=True)
    name = grid.metrics.elidedText(person.name, Qt.TextElideMode.ElideRight, grid.column - 8)
    label = _centred_text(
        scene, name, QFont(grid.font), colours.color(Role.Text), QPointF(centre.x(), box.bottom() + 4), top=True
    )
    tip = tooltip(network, placed)
    for item in (dot, text, label):
        item.setData(KEY, person.key)
        item.setToolTip(tip)
        item.setCursor(Qt.CursorShape.PointingHandCursor)
    dot.setAcceptHoverEvents(True)


def _centred_text(
    scene: QGraphicsScene,
    text: str,
    font: QFont,
    colour: QColor,
    at: QPointF,
    *,
    top: bool = False,
    bold: bool = False,
) -> QGraphicsItem:
    font.setBold(bold)
    item = scene.addSimpleText(text, font)
    item.setBrush(colour)
    rect = item.boundingRect()
    item.setPos(at.x() - rect.width() / 2, at.y() if top else at.y() - rect.height() / 2)
    return item


def tooltip(network: NetworkMap, placed: PlacedPerson) -> str:
    person = placed.person
    e = html.escape
    titles = {goal.id: goal.title for goal in network.goals}
    goals = [titles[g] for g in person.goal_ids if g in titles]
    lines = [f"<b>{e(person.name)}</b>"]
    who = ", ".join(part for part in (person.position, person.institution) if part)
    if who:
        lines.append(e(who))
    lines.append("Met" if person.met else "To meet")
    if goals:
        lines.append("For: " + "; ".join(e(g) for g in goals))
    where = "People" if person.kind == PERSON else "Speakers"
    lines.append(f"<i>Click to open on the {where} page</i>")
    return "<br>".join(lines)


def legend_lines(network: NetworkMap) -> list[tuple[QColor, str, bool]]:
    """Each goal's colour, its line of text, and whether nobody counts for it yet."""
    lines = []
    for goal in network.goals:
        lines.append((goal_colour(network, goal.id), goal_text(goal), goal.empty))
    return lines


def goal_text(goal: NetworkGoal) -> str:
    if goal.empty:
        return f"{goal.title} — nobody yet"
    people = f"{goal.people} {'person' if goal.people == 1 else 'people'}"
    return f"{goal.title} — {people}, {goal.met} met"


def paint_legend(painter: QPainter, network: NetworkMap, font: QFont, left: float, top: float) -> None:
    """The goals under the picture in an exported image: a dot of each colour and what it stands for."""
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    y = top
    colours = theme.palette()
    painter.setPen(colours.color(Role.Text))
    painter.drawText(QPointF(left, y + metrics.ascent()), "Filled: met · outlined: to meet · colour: goal")
    y += metrics.height() * 1.4
    for colour, text, empty in legend_lines(network):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(left + 7, y + metrics.height() / 2), 6, 6)
        painter.setPen(theme.warning(colours) if empty else colours.color(Role.Text))
        painter.drawText(QPointF(left + 20, y + metrics.ascent()), ("⚠ " if empty else "") + text)
        y += metrics.height() * 1.3


def legend_height(network: NetworkMap, font: QFont) -> float:
    metrics = QFontMetricsF(font)
    return metrics.height() * (1.4 + 1.3 * len(network.goals)) + 16
