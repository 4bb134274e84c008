"""A read-only rich-text pane that never loads anything from the network."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from conference_app.core.domain.program import SpeakerRef
from conference_app.ui import theme

SPEAKER_SCHEME = "speaker"  # speaker:ID links inside the pane, handled by the page that shows it


class DetailView(QTextBrowser):
    """Renders sanitised program HTML; links open in the user's browser, nothing is fetched here.

    A speaker's name links to that speaker: `speaker_activated` carries their id.
    """

    speaker_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open)
        self._source = ""
        # Links take the palette's colour when the text is set: set it again when the colours change.
        theme.follow(self, lambda: super(DetailView, self).setHtml(self._source), now=False)

    def setHtml(self, text: str) -> None:  # noqa: N802 - Qt override
        self._source = text
        super().setHtml(text)

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 - Qt override
        return None  # no images, style sheets or anything else from outside

    def _open(self, url: QUrl) -> None:
        from PySide6.QtGui import QDesktopServices

        if url.scheme() == SPEAKER_SCHEME and url.path().isdigit():
            self.speaker_activated.emit(int(url.path()))
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def speakers_html(speakers: Iterable[SpeakerRef], linked: bool = False) -> str:
    """A "Speakers" section: each name in bold (a link to the speaker when `linked`), then role and institution."""
    e = html.escape

    def name(s: SpeakerRef) -> str:
        bold = f"<b>{e(s.name)}</b>"
        return (
            f'<a href="{SPEAKER_SCHEME}:{s.id}" title="Show {e(s.name)} on the Speakers page">{bold}</a>'
            if linked
            else bold
        )

    rows = "".join(
        f"<li>{name(s)}{', ' + e(s.role) if s.role else ''}{' — ' + e(s.affiliation) if s.affiliation else ''}</li>"
        for s in speakers
    )
    return f"<h3>Speakers</h3><ul>{rows}</ul>" if rows else ""
