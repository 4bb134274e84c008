"""Icons and other packaged files for the views."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    icon = QIcon()
    icons = resources.files("conference_app.resources").joinpath("icons")
    icon.addFile(str(icons.joinpath("conference-companion.svg")))  # crisp at any size and scale
    for size in (64, 128, 256):
        icon.addFile(str(icons.joinpath(f"conference-companion-{size}.png")))
    return icon
