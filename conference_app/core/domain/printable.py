"""Text without the control characters that files sometimes carry and that nothing should store or write.

A NUL byte or an escape character in a program's description is never meant as text: calendar apps
and mail clients choke on it, and SQLite stores it faithfully. Tabs and line breaks are kept (a
carriage return becomes a line break); so is every printable character of every script.
"""

from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL, and lone UTF-16 surrogates (which JSON "\ud83d" escapes
# and lenient decoders produce, and which cannot be written as UTF-8).
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?")


def printable(text: str) -> str:
    """`text` with CR LF and CR as LF, and without other control characters or lone surrogates."""
    if text.isprintable():  # the common case, decided at C speed
        return text
    return _UNWANTED.sub("", _LINE_BREAKS.sub("\n", text))
