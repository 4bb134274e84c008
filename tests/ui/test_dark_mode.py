"""Dark mode follows the system: under a dark palette every text colour a page or dialog sets reads on
its background (WCAG contrast ≥ 4.5 for body text), and styles are rebuilt when the palette changes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QTextEdit,
    QWidget,
)

from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote
from conference_app.ui import theme
from conference_app.ui.widgets.agenda_grid import colours_for, lines_for
from tests.ui.test_window_fits import plan_a_busy_conference, settle

Role = QPalette.ColorRole
BLOCK = re.compile(r"([^{}]*)\{([^}]*)\}")
COLOR = re.compile(r"(?<![-\w])color\s*:\s*([^;'\"}]+)")
BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*([^;'\"}]+)")
SWATCH = re.compile(r"<span class='swatch' style='color: ([^;']+)[^>]*>")  # a coloured dot, not words: 3:1
STYLE_ATTRIBUTE = re.compile(r"style\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
ROLES = {
    "window": Role.Window, "window-text": Role.WindowText, "base": Role.Base, "alternate-base": Role.AlternateBase,
    "text": Role.Text, "button": Role.Button, "button-text": Role.ButtonText, "highlight": Role.Highlight,
    "highlighted-text": Role.HighlightedText, "placeholder-text": Role.PlaceholderText, "mid": Role.Mid,
    "dark": Role.Dark, "light": Role.Light, "link": Role.Link,
}  # fmt: skip


def resolve(value: str, colours: QPalette) -> QColor | None:
    value = value.strip()
    found = re.fullmatch(r"palette\(([\w-]+)\)", value)
    if found:
        return colours.color(ROLES[found.group(1)])
    if value in ("transparent", "none", "") or value.startswith(("qlineargradient", "rgba")):
        return None
    colour = QColor(value)
    return colour if colour.isValid() else None


def declarations(text: str) -> Iterator[tuple[str, str | None]]:
    """(colour, background or None) for each rule of a style sheet or style attribute that sets a colour."""
    blocks = [body for _selector, body in BLOCK.findall(text)] or [text]
    for body in blocks:
        background = BACKGROUND.search(body)
        for colour in COLOR.findall(body):
            yield colour, background.group(1) if background else None


def inherited_background(widget: QWidget, colours: QPalette) -> list[QColor]:
    """What a widget's text sits on: a background a style sheet above it sets, else the window or the list."""
    parent = widget.parentWidget()
    while parent is not None:
        found = BACKGROUND.search(parent.styleSheet() or "")
        if found and resolve(found.group(1), colours) is not None:
            return [resolve(found.group(1), colours)]
        parent = parent.parentWidget()
    return [colours.color(Role.Base)] if isinstance(widget, QTextEdit) else [colours.color(Role.Window)]


def text_colour_problems(root: QWidget, colours: QPalette) -> list[str]:
    """Every text colour set on a widget under `root` that reads worse than 4.5:1 on its background."""
    problems = []

    def check(where: str, colour_text: str, background_text: str | None, fallback: list[QColor]) -> None:
        colour = resolve(colour_text, colours)
        if colour is None:
            return
        backgrounds = [b for b in [resolve(background_text or "", colours)] if b is not None] or fallback
        for background in backgrounds:
            ratio = theme.contrast(colour, theme.flatten(background, colours.color(Role.Window)))
            if ratio < theme.BODY_TEXT_CONTRAST:
                problems.append(f"{where}: {colour.name()} on {background.name()} is {ratio:.1f}:1")

    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"
        fallback = inherited_background(widget, colours)
        for colour, background in declarations(widget.styleSheet() or ""):
            check(f"{name} style", colour, background, fallback)
        html = widget.text() if isinstance(widget, QLabel) else widget.toHtml() if isinstance(widget, QTextEdit) else ""
        for swatch in SWATCH.findall(html):
            if theme.contrast(QColor(swatch), fallback[0]) < 3.0:
                problems.append(f"{name}: the swatch {swatch} on {fallback[0].name()}")
        for double, single in STYLE_ATTRIBUTE.findall(SWATCH.sub("", html)):
            for colour, background in declarations(double or single):
                check(f"{name} text", colour, background, fallback)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for index in _indexes(widget.model(), QModelIndex(), 60):
                brush = index.data(Qt.ItemDataRole.ForegroundRole)
                if brush is not None:
                    colour = brush.color() if isinstance(brush, QBrush) else QColor(brush)
                    check(f"{name} row {index.data()!r}", colour.name(), None, [colours.color(Role.Base)])
    return problems


def _indexes(model, parent: QModelIndex, limit: int) -> Iterator[QModelIndex]:  # type: ignore[no-untyped-def]
    for row in range(min(model.rowCount(parent), limit)):
        columns = model.columnCount(parent) if isinstance(model, QAbstractTableModel | QAbstractItemModel) and not isinstance(model, QAbstractListModel) else 1
        for column in range(columns):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and not isinstance(model, QAbstractListModel | QAbstractTableModel) and model.hasChildren(index):
                yield from _indexes(model, index, limit)


def scene_text_problems(view: QGraphicsView, colours: QPalette) -> list[str]:
    """Labels drawn on the network picture (not the initials inside the dots) against the page behind them."""
    problems = []
    for item in view.scene().items():
        if isinstance(item, QGraphicsSimpleTextItem) and not (item.text().isupper() and len(item.text()) <= 2):
            if item.text() == "Me":
                continue
            under = [i for i in view.scene().items(item.sceneBoundingRect().center()) if i.zValue() == -3]
            background = under[0].brush().color() if under else view.scene().backgroundBrush().color()
            ratio = theme.contrast(item.brush().color(), background)
            if ratio < theme.BODY_TEXT_CONTRAST:
                problems.append(f"network label {item.text()!r}: {ratio:.1f}:1")
    return problems


@pytest.fixture
def palettes(qtbot) -> Iterator[dict[str, QPalette]]:
    app = QApplication.instance()
    before = QPalette(app.palette())
    yield {"light": before, "dark": theme.dark_palette()}
    app.setPalette(before)


def meet_someone(workspace) -> None:  # type: ignore[no-untyped-def]
    conference = workspace.program.current_conference_id()
    workspace.people.capture(
        CaptureData(
            details=ContactDetails(name="Dr. Lena Okafor", institution="Prairie Crest", emails=("lena@example.org",)),
            conversation=ConversationNote(conference_id=conference, points=("Her research curriculum",)),
        )
    )


def test_contrast_is_measured_as_wcag_says() -> None:
    assert theme.contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert theme.contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_meaningful_colours_read_on_light_and_dark(qtbot, palettes, scheme: str) -> None:
    colours = palettes[scheme]
    for name in ("accent_text", "warning", "problem", "success", "muted"):
        colour = getattr(theme, name)(colours)
        for role in (Role.Window, Role.Base):
            assert theme.contrast(colour, colours.color(role)) >= 4.5, (scheme, name, role)
    assert theme.is_dark(colours) == (scheme == "dark")


def test_every_page_reads_after_the_system_turns_dark(qtbot, workspace, shown_messages, palettes) -> None:
    from conference_app.ui.main_window import MainWindow

    plan_a_busy_conference(workspace)
    meet_someone(workspace)
    window = MainWindow(workspace)  # built light: turning dark must rebuild every style
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    QApplication.instance().setPalette(palettes["dark"])
    settle()
    dark = palettes["dark"]
    problems = {}
    for row, (name, page) in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        settle()
        found = text_colour_problems(page, dark)
        if isinstance(getattr(page, "view", None), QGraphicsView):
            found += scene_text_problems(page.view, dark)
        if found:
            problems[name] = found
    assert problems == {}
    assert text_colour_problems(window.centralWidget(), dark) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_agenda_calendar_paints_in_the_palettes_colours(qtbot, workspace, shown_messages, palettes, scheme) -> None:
    from conference_app.ui.main_window import MainWindow

    plan_a_busy_conference(workspace)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    QApplication.instance().setPalette(palettes[scheme])
    window.show_page(window.agenda_page)
    settle()
    colours = palettes[scheme]
    grid = window.agenda_page.calendar.grid
    picture = grid.grab().toImage()
    empty_corner = QColor(picture.pixel(3, 3))  # left of the hour labels: the calendar's own background
    assert theme.contrast(empty_corner, colours.color(Role.Text)) >= 4.5
    assert theme.contrast(empty_corner, colours.color(Role.Base)) < 1.2
    lines = lines_for(colours)
    assert theme.contrast(lines.axis_text, lines.off_hours) >= 4.5
    assert theme.contrast(lines.gap_text, lines.gap_fill) >= 4.5
    assert theme.contrast(lines.header_text, lines.header_fill) >= 4.5
    for placed in grid.placed:
        block = colours_for(placed.item, colours)
        assert theme.contrast(block.text, block.fill) >= 4.5, placed.item.title
        corners = [placed.rect.bottomRight() - QPointF(dx, 5) for dx in (5, 12, 20)]
        inside = [QColor(picture.pixel(point.toPoint())) for point in corners]
        assert min(theme.contrast(pixel, block.fill) for pixel in inside) < 1.2  # painted with this palette's fill


def test_the_everyday_dialogs_read_in_dark(qtbot, workspace, bus, shown_messages, palettes) -> None:
    from conference_app.ui.dialogs.capture_dialog import CaptureDialog
    from conference_app.ui.dialogs.conference_settings_dialog import ConferenceSettingsDialog
    from conference_app.ui.dialogs.goal_dialog import GoalDialog
    from conference_app.ui.dialogs.mail_settings_dialog import MailSettingsDialog
    from conference_app.ui.dialogs.profile_dialog import ProfileDialog

    plan_a_busy_conference(workspace)
    conference = workspace.program.current_conference_id()
    QApplication.instance().setPalette(palettes["dark"])
    dialogs = {
        "profile": ProfileDialog(workspace.planning, bus),
        "goal": GoalDialog(workspace.planning, bus, conference),
        "capture": CaptureDialog(workspace, bus, conference),
        "mail server": MailSettingsDialog(workspace, bus),
        "conference settings": ConferenceSettingsDialog(workspace.program, bus, conference, "Say where it is held."),
    }
    problems = {}
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        found = text_colour_problems(dialog, palettes["dark"])
        if found:
            problems[name] = found
        dialog.close()
    assert problems == {}
