"""My network: the people I met and mean to meet, placed by level around me and coloured by goal."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conference_app.ui import theme
from conference_app.core.domain.network_map import PERSON, SPEAKER, NetworkMap
from conference_app.core.errors import UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.storage.database_errors import DATABASE_ERRORS, database_error
from conference_app.core.workspace import Workspace
from conference_app.ui.data_bus import DataBus
from conference_app.ui.dialogs import messages
from conference_app.ui.pages.deferred_reload import DeferredReload
from conference_app.ui.widgets.network_scene import (
    KEY,
    build_scene,
    goal_colour,
    goal_text,
    legend_height,
    paint_legend,
)

TOPICS = {Topic.PROGRAM, Topic.CONTACTS, Topic.TARGETS, Topic.GOALS, Topic.PROFILE}
MIN_SCALE = 0.7  # below this names are hard to read: scroll instead
MARGIN = 16.0
PICTURES = "PNG pictures (*.png)"
NOBODY_TEXT = (
    "Nobody here yet. People you note with Ctrl+N, and speakers you plan to meet on the Speakers or Goals page, "
    "appear here by level: seniors above you, peers beside you, juniors below."
)
HINT = "Filled dot: met · outlined: still to meet · colour: the goal they count for · click a person to open them"


class NetworkView(QGraphicsView):
    """The picture: fits the page while names stay readable, then scrolls; a click on a person opens them."""

    person_clicked = Signal(str)  # the person's key

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName("My network")
        self.focus = QPointF()  # the user's own dot: kept in sight when the picture scrolls

    def fit(self) -> None:
        rect = self.sceneRect()
        viewport = self.viewport().size()
        if rect.isEmpty() or viewport.isEmpty():
            return
        scale = min(1.0, viewport.width() / rect.width(), viewport.height() / rect.height())
        self.resetTransform()
        self.scale(max(MIN_SCALE, scale), max(MIN_SCALE, scale))
        self.centerOn(self.focus)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        item = self.itemAt(event.position().toPoint())
        key = item.data(KEY) if item is not None else None
        if isinstance(key, str):
            self.person_clicked.emit(key)


class NetworkPage(QWidget):
    person_requested = Signal(int)  # one of the user's people: the window shows them on the People page
    speaker_requested = Signal(int)  # a speaker to meet: the window shows them on the Speakers page

    def __init__(self, workspace: Workspace, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._bus = bus
        self._conference_id: int | None = None
        self.network: NetworkMap | None = None

        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("Goals")
        self.export_button = QPushButton("Save as picture…")
        self.export_button.setToolTip("Save this picture as a PNG file")
        self.export_button.clicked.connect(self.choose_export)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.scene = QGraphicsScene(self)
        self.view = NetworkView(self.scene)
        self.view.person_clicked.connect(self.open_person)
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        theme.style(self.hint, theme.hint_sheet)
        top = QHBoxLayout()
        top.addWidget(theme.page_title("My network"), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.legend, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

        self._loader = DeferredReload(self)
        bus.changed.connect(lambda topics: self._loader.request(self.reload) if topics & TOPICS else None)
        theme.follow(self, lambda: self._loader.request(self.reload), now=False)

    def show_conference(self, conference_id: int | None) -> None:
        self._conference_id = conference_id
        self._loader.request(self.reload)

    def reload(self) -> None:
        try:
            network = self._ws.network.network(self._conference_id)
        except UserError as error:
            self._show_problem(str(error))
            return
        except DATABASE_ERRORS as error:
            self._show_problem(str(database_error(self._bus.database_path, error)))
            return
        self.network = network
        grid = build_scene(self.scene, network, self.font(), f"You ({network.stage})" if network.stage else "You")
        self.view.focus = grid.point(0, network.me_y)
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        self.view.fit()
        self.legend.setText(legend_html(network))
        self.message.setText(NOBODY_TEXT if not network.people else "")
        self.message.setVisible(not network.people)
        self.export_button.setEnabled(True)

    def _show_problem(self, text: str) -> None:
        self.network = None
        self.scene.clear()
        self.legend.setText("")
        self.message.setText(text)
        self.message.setVisible(True)
        self.export_button.setEnabled(False)

    # --- actions -----------------------------------------------------------------------

    def open_person(self, key: str) -> None:
        """A click on someone: people open on the People page, speakers to meet on the Speakers page."""
        kind, _, number = key.partition(":")
        if not number.isdigit():
            return
        if kind == PERSON:
            self.person_requested.emit(int(number))
        elif kind == SPEAKER:
            self.speaker_requested.emit(int(number))

    def choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, "Save my network as a picture", "my-network.png", PICTURES)
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> Path | None:
        """Save the picture with its legend as PNG; a problem is shown as one line."""
        try:
            return self.export_png(path)
        except UserError as error:
            messages.show_error(self, str(error))
            return None

    def export_png(self, path: Path) -> Path:
        """Write the picture and its legend to a PNG file (".png" added when missing); the file's path."""
        path = Path(path)
        if path.suffix.casefold() != ".png":
            path = path.with_name(path.name + ".png")
        if self.network is None:
            raise UserError("there is no picture to save yet")
        source = self.scene.sceneRect()
        below = legend_height(self.network, self.font())
        image = QImage(int(source.width()), int(source.height() + below), QImage.Format.Format_ARGB32)
        image.fill(theme.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
        paint_legend(painter, self.network, self.font(), MARGIN, source.height() + 4)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise UserError(f"{path.name}: could not be written (is the folder there and writable?)")
        return path


def legend_html(network: NetworkMap) -> str:
    """The goals as coloured dots; a goal nobody counts for yet stands out with a badge."""
    if not network.goals:
        return "<i>No goals that count people yet: add one on the Goals page to colour people by goal.</i>"
    parts = []
    for goal in network.goals:
        colour = goal_colour(network, goal.id).name()
        dot = f"<span class='swatch' style='color: {colour}; font-size: 14pt;'>●</span>"
        if goal.empty:
            fill = theme.warning()
            badge = (
                f"<span style='background-color: {fill.name()}; color: {theme.text_on(fill).name()}; font-weight: 600;'>"
                "&nbsp;nobody yet&nbsp;</span>"
            )
            parts.append(f"{dot}&nbsp;<b>{html.escape(goal.title)}</b>&nbsp;{badge}")
        else:
            parts.append(f"{dot}&nbsp;{html.escape(goal_text(goal))}")
    return "<b>Goals:</b>&nbsp; " + "&nbsp;&nbsp;&nbsp; ".join(parts)
