"""Program text is shown as safe rich text: nothing runs and nothing is fetched."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from conference_app.core.domain.text import safe_html
from conference_app.ui.widgets.detail_view import DetailView

HOSTILE = (
    '<p>Hello <img src="https://tracker.example/pixel.png"> <script>alert(1)</script>'
    '<a href="javascript:alert(2)">click</a> <a href="https://example.org/talk">talk page</a></p>'
)


def test_remote_resources_are_never_loaded(qtbot):
    view = DetailView()
    qtbot.addWidget(view)
    url = QUrl("https://tracker.example/pixel.png")
    assert view.loadResource(int(QTextDocument.ResourceType.ImageResource), url) is None


def test_hostile_abstract_renders_as_text_and_safe_links(qtbot):
    view = DetailView()
    qtbot.addWidget(view)
    view.setHtml(safe_html(HOSTILE))
    html = view.toHtml()
    assert "tracker.example" not in html and "javascript:" not in html and "alert(1)" not in html
    assert "https://example.org/talk" in html
    assert view.toPlainText().startswith("Hello")
