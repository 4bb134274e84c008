"""Copy the app icon's SVG source into the package and render its PNG sizes.

The source is resources/conference-companion.svg; the package gets the same SVG plus PNGs at
64, 128 and 256 pixels in conference_app/resources/icons/.

Usage: python scripts/render_icons.py
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "resources" / "conference-companion.svg"
ICONS = REPO / "conference_app" / "resources" / "icons"
SIZES = (64, 128, 256)


def render(svg: Path, size: int, output: Path) -> None:
    """Render the SVG to a square transparent PNG of the given size."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg.name}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(output), "PNG"):
        raise SystemExit(f"could not write {output}")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    packaged_svg = ICONS / SOURCE.name
    shutil.copyfile(SOURCE, packaged_svg)
    for size in SIZES:
        output = ICONS / f"{SOURCE.stem}-{size}.png"
        render(SOURCE, size, output)
        print(f"wrote {output.relative_to(REPO)}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
