"""A read-only rich-text pane that never loads anything from the network."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from conference_app.core.domain.program import SpeakerRef


class DetailView(QTextBrowser):
    """Renders sanitised program HTML; links open in the user's browser, nothing is fetched here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open)

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 - Qt override
        return None  # no images, style sheets or anything else from outside

    def _open(self, url: QUrl) -> None:
        from PySide6.QtGui import QDesktopServices

        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def speakers_html(speakers: Iterable[SpeakerRef]) -> str:
    """A "Speakers" section: each name in bold, then role and institution where known."""
    e = html.escape
    rows = "".join(
        f"<li><b>{e(s.name)}</b>{', ' + e(s.role) if s.role else ''}"
        f"{' — ' + e(s.affiliation) if s.affiliation else ''}</li>"
        for s in speakers
    )
    return f"<h3>Speakers</h3><ul>{rows}</ul>" if rows else ""
