"""Program text as the user sees it: HTML made safe, or flattened to plain words."""

from __future__ import annotations

import html
import re

# What a session abstract may keep. No images, styles, scripts or frames: nothing that loads or runs.
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a", "code", "pre", "blockquote",
                "h3", "h4", "h5", "sub", "sup"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
_TAG = re.compile(r"<[^>]+>")
_LOOKS_LIKE_HTML = re.compile(r"<(p|br|a|ul|ol|li|em|strong|b|i|div|span|h\d)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def safe_html(text: str) -> str:
    """Rich text safe to render: sanitised HTML, or plain text escaped with its paragraphs kept."""
    if not text.strip():
        return ""
    if looks_like_html(text):
        import nh3  # for the window's detail panes: a program's import never loads it

        return nh3.clean(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def counted(count: int, noun: str) -> str:
    """'1 session', '2 sessions': for nouns that take an s."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def one_line(text: str) -> str:
    """Collapse every run of white space, line breaks included, to one space."""
    return " ".join(str(text).split())


def plain_text(text: str) -> str:
    """Words only, for search indexes and short previews."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    return " ".join(html.unescape(text).split())  # str.split() knows the same white space as \s, faster


def index_text(text: str) -> str:
    """The words of `text` for a full-text index: tags out and entities read, white space left as it is
    (the index's tokenizer splits on it anyway)."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    return html.unescape(text) if "&" in text else text
