"""Colours that follow the system's light or dark palette, and the look shared by every page.

Nothing in the views names a fixed colour: text, backgrounds and lines come from the current
QPalette's roles, and the few colours with a meaning (the accent, a warning, a problem, success,
muted hints, a note's background, a clash) are derived here from that palette, nudged until text
keeps a WCAG contrast of at least 4.5:1 against the background it sits on. `follow` re-runs a
widget's styling whenever the palette changes (the system switching to dark, a new theme).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

Role = QPalette.ColorRole
BODY_TEXT_CONTRAST = 4.5  # WCAG AA for body text

# The hues the meanings start from, for a light and for a dark background; `readable` adjusts them.
WARNING_HUES = ("#b45309", "#fbbf24")
PROBLEM_HUES = ("#b91c1c", "#f87171")
SUCCESS_HUES = ("#15803d", "#4ade80")


def palette() -> QPalette:
    return QGuiApplication.palette()


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2): 0 for black, 1 for white."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of the way from a to b (0 gives a, 1 gives b), opaque."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def flatten(colour: QColor, background: QColor) -> QColor:
    """A colour with transparency as it shows over an opaque background."""
    return mix(background, QColor(colour.red(), colour.green(), colour.blue()), colour.alphaF())


def is_dark(colours: QPalette | None = None) -> bool:
    colours = colours or palette()
    return luminance(colours.color(Role.Window)) < luminance(colours.color(Role.WindowText))


def readable(colour: QColor, *backgrounds: QColor, ratio: float = BODY_TEXT_CONTRAST) -> QColor:
    """`colour`, moved towards black or white just enough to read on every background given."""
    if not backgrounds:
        return QColor(colour)
    darkest = min(luminance(b) for b in backgrounds)
    target = QColor("white") if darkest < 0.18 else QColor("black")
    for step in range(21):
        candidate = mix(colour, target, step / 20)
        if min(contrast(candidate, b) for b in backgrounds) >= ratio:
            return candidate
    return target


def _hue(hues: tuple[str, str], colours: QPalette) -> QColor:
    return QColor(hues[1] if is_dark(colours) else hues[0])


def _on_page(colours: QPalette, colour: QColor) -> QColor:
    return readable(colour, colours.color(Role.Window), colours.color(Role.Base))


def accent(colours: QPalette | None = None) -> QColor:
    """The one accent colour: the system's selection colour, as used for fills and bars."""
    return (colours or palette()).color(Role.Highlight)


def accent_text(colours: QPalette | None = None) -> QColor:
    """The accent as text or a thin line on a page or a list."""
    colours = colours or palette()
    return _on_page(colours, accent(colours))


def warning(colours: QPalette | None = None) -> QColor:
    colours = colours or palette()
    return _on_page(colours, _hue(WARNING_HUES, colours))


def problem(colours: QPalette | None = None) -> QColor:
    colours = colours or palette()
    return _on_page(colours, _hue(PROBLEM_HUES, colours))


def success(colours: QPalette | None = None) -> QColor:
    colours = colours or palette()
    return _on_page(colours, _hue(SUCCESS_HUES, colours))


def muted(colours: QPalette | None = None) -> QColor:
    """Secondary text (hints, labels beside values): softer than the text, still readable."""
    colours = colours or palette()
    return _on_page(colours, mix(colours.color(Role.Text), colours.color(Role.Base), 0.45))


def note_background(colours: QPalette | None = None) -> QColor:
    """A note that asks for attention: the window tinted with the warning hue."""
    colours = colours or palette()
    return mix(colours.color(Role.Window), _hue(WARNING_HUES, colours), 0.16)


def tint(colour: QColor, colours: QPalette | None = None, amount: float = 0.18) -> QColor:
    """A light wash of `colour` over the list background, for fills that carry dark text."""
    colours = colours or palette()
    return mix(colours.color(Role.Base), colour, amount)


def text_on(background: QColor, colours: QPalette | None = None) -> QColor:
    """The palette's text or its opposite, whichever reads on `background`."""
    colours = colours or palette()
    options = (colours.color(Role.Text), colours.color(Role.Base), QColor("black"), QColor("white"))
    return max(options, key=lambda option: contrast(option, background))


def css(colour: QColor) -> str:
    return colour.name()


# --- the shared look --------------------------------------------------------------------------------


def page_title(text: str) -> QLabel:
    """A page's title: the same size and weight on every page."""
    label = _heading(text, "pageTitle", 1.45)
    label.setAccessibleName(text)
    return label


def section_header(text: str) -> QLabel:
    """A heading inside a page or a dialog."""
    return _heading(text, "sectionHeader", 1.1)


def _heading(text: str, name: str, scale: float) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def muted_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A hint in muted text that stays readable on light and dark."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    style(label, hint_sheet)
    return label


# --- following the palette ----------------------------------------------------------------------------


def _signature(colours: QPalette) -> tuple[int, ...]:
    roles = (Role.Window, Role.WindowText, Role.Base, Role.Text, Role.Highlight, Role.Button, Role.PlaceholderText)
    return tuple(colours.color(role).rgba() for role in roles)


class _Follower(QObject):
    """Calls `restyle` when the application's colours change, once per actual change.

    Qt tells widgets through palette-change events only while its event loop runs, and tells the
    application's `paletteChanged` signal always; both are listened to."""

    def __init__(self, widget: QWidget, restyle: Callable[[], None]) -> None:
        super().__init__(widget)
        self._restyle = restyle
        self._seen = _signature(palette())
        widget.installEventFilter(self)
        _FOLLOWERS.add(self)
        self.destroyed.connect(lambda: _FOLLOWERS.discard(self))
        _listen_to_the_application()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange, QEvent.Type.ThemeChange):
            self.refresh()
        return False

    def refresh(self) -> None:
        now = _signature(palette())
        if now != self._seen:
            self._seen = now
            self._restyle()


_FOLLOWERS: set[_Follower] = set()


def _listen_to_the_application() -> None:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and not app.property("themeFollowers"):
        app.setProperty("themeFollowers", True)
        app.paletteChanged.connect(_palette_changed)


def _palette_changed(_colours: QPalette) -> None:
    for follower in list(_FOLLOWERS):
        try:
            follower.refresh()
        except RuntimeError:  # its widget is gone
            _FOLLOWERS.discard(follower)


def follow(widget: QWidget, restyle: Callable[[], None], *, now: bool = True) -> None:
    """Run `restyle` (now, unless told otherwise) and again whenever the application's colours change."""
    if now:
        restyle()
    _Follower(widget, restyle)


def style(widget: QWidget, sheet: Callable[[QPalette], str]) -> None:
    """Give `widget` the style sheet `sheet(palette)` makes, rebuilt when the palette changes.
    Called again on the same widget, the new sheet replaces the old one."""
    follower = widget.findChild(_Follower, STYLE_FOLLOWER, Qt.FindChildOption.FindDirectChildrenOnly)
    if follower is None:
        follower = _Follower(widget, lambda: None)
        follower.setObjectName(STYLE_FOLLOWER)
    follower._restyle = lambda: widget.setStyleSheet(sheet(palette()))  # noqa: SLF001 - its own helper
    follower._restyle()  # noqa: SLF001


STYLE_FOLLOWER = "themeStyle"


def hint_sheet(colours: QPalette) -> str:
    return f"color: {css(muted(colours))};"


def warning_sheet(colours: QPalette) -> str:
    return f"color: {css(warning(colours))};"


def problem_sheet(colours: QPalette) -> str:
    return f"color: {css(problem(colours))};"


def note_sheet(colours: QPalette) -> str:
    """A label that asks for attention: a tinted box with text that reads on it."""
    fill = note_background(colours)
    return (
        f"QLabel {{ background: {css(fill)}; color: {css(text_on(fill, colours))}; padding: 6px; "
        f"border: 1px solid {css(mix(fill, warning(colours), 0.45))}; border-radius: 4px; }}"
    )


def banner_sheet(colours: QPalette) -> str:
    """Good news in a strong box: the success hue with text that reads on it."""
    fill = mix(_hue(SUCCESS_HUES, colours), QColor("black"), 0.55 if is_dark(colours) else 0.0)
    return f"background: {css(fill)}; color: {css(text_on(fill, colours))}; font-weight: 600; padding: 8px 12px; border-radius: 6px;"


# --- the system's colour scheme ------------------------------------------------------------------------


def dark_palette() -> QPalette:
    """A complete dark palette, for a system that asks for dark but whose style paints light."""
    window, base, text = QColor("#2b2d31"), QColor("#1f2023"), QColor("#e8e8ea")
    colours = QPalette()
    for role, colour in (
        (Role.Window, window), (Role.WindowText, text), (Role.Base, base), (Role.AlternateBase, QColor("#27292d")),
        (Role.Text, text), (Role.Button, QColor("#35373c")), (Role.ButtonText, text), (Role.BrightText, QColor("#ff8a80")),
        (Role.ToolTipBase, QColor("#3a3c42")), (Role.ToolTipText, text), (Role.Highlight, QColor("#2563eb")),
        (Role.HighlightedText, QColor("#ffffff")), (Role.Link, QColor("#8ab4f8")), (Role.LinkVisited, QColor("#c58af9")),
        (Role.PlaceholderText, QColor("#a0a2a8")), (Role.Light, QColor("#4a4c52")), (Role.Midlight, QColor("#404248")),
        (Role.Mid, QColor("#5a5d63")), (Role.Dark, QColor("#18191b")), (Role.Shadow, QColor("#000000")),
    ):  # fmt: skip
        colours.setColor(role, colour)
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        colours.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8087"))
    return colours


def follow_system_scheme() -> None:
    """Keep the application's palette in step with the system's light or dark choice (Qt 6.5+).

    Where the platform theme already switches the palette nothing is done; where the style keeps
    painting light under a dark system (Fusion without a desktop theme), the dark palette is set,
    and the style's own palette comes back when the system turns light again."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.property("followsColourScheme"):
        return
    app.setProperty("followsColourScheme", True)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(_scheme_changed)
    _scheme_changed(hints.colorScheme())


def _scheme_changed(scheme: Qt.ColorScheme) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication) or scheme == Qt.ColorScheme.Unknown:
        return
    wants_dark = scheme == Qt.ColorScheme.Dark
    if wants_dark and not is_dark():
        app.setPalette(dark_palette())
        app.setProperty("setDarkPalette", True)
    elif not wants_dark and app.property("setDarkPalette"):
        app.setPalette(app.style().standardPalette())
        app.setProperty("setDarkPalette", False)
