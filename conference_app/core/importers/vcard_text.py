"""The repair pass that runs before vobject: from a file's bytes to clean, vobject-ready cards.

Real exports break vobject in many small ways, and one bad line would lose a whole file. So this
pass, in one linear walk over the lines:

- splits the file into cards itself (BEGIN:VCARD … END:VCARD in any case, spaces tolerated), so a
  broken card is reported by its number while the others import;
- undoes line folding and quoted-printable soft breaks (a QP continuation line is content even when
  it starts with '#' or a space), skips '#' comment lines, blank lines and stray non-property lines;
- decodes every value from its declared CHARSET, or UTF-8, or a guessed Windows code page;
- keeps only the properties the app reads, so vobject never sees an address label, a certificate
  or an Outlook design blob, and never a photo: photos are set aside as raw bytes, and one over
  MAX_VALUE_BYTES is dropped while it is read, without ever being held whole.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Values larger than this (a photo of ~7 MB, as base64) are dropped with a warning.
MAX_VALUE_BYTES = 10 * 1024 * 1024

# Properties the app reads (names without a group); PHOTO is kept apart, as raw bytes.
TEXT_PROPERTIES = frozenset(
    {
        *(b"FN", b"N", b"ORG", b"TITLE", b"ROLE", b"EMAIL", b"TEL", b"URL", b"NOTE", b"ADR", b"LABEL"),
        *(b"X-SOCIALPROFILE", b"X-SPECIALTY"),
    }
)
_STRUCTURED = frozenset({b"N", b"ADR"})  # where a bare comma separates values
PHOTO = b"PHOTO"

# Windows code pages tried for text that is neither declared nor UTF-8, Western first: on a tie the
# Western reading wins, and Central European only when it makes more of the bytes into letters.
_GUESSED_CODEPAGES = (("cp1252", "Western European (Windows-1252)"), ("cp1250", "Central European (Windows-1250)"))
_CHARSET_ALIASES = {"SHIFT_JIS": "cp932", "SHIFT-JIS": "cp932", "SJIS": "cp932", "X-SJIS": "cp932"}
_ASCII_CHARSETS = frozenset({"UTF-8", "UTF8", "US-ASCII", "ASCII"})

_NEWLINE = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# An escape pair (a written-out CR LF first) or a comma, walked left to right so pairs stay aligned.
_ESCAPE_OR_COMMA = re.compile(r"\\r\\n|\\.|,", re.DOTALL)
# Escapes vobject would keep as written: Apple's "\:", and CR escapes, which are line breaks.
_RESPELLED = {"\\:": ":", "\\r\\n": "\\n", "\\r": "\\n"}
_SAFE_PARAM = re.compile(r'[A-Za-z0-9-]+(=("[^"]*"|[^";:]*))?')
_SAFE_NAME = re.compile(rb"[A-Za-z0-9_-]+")  # what vobject reads as a group or property name
_BOM_UTF8 = b"\xef\xbb\xbf"


@dataclass
class RawCard:
    """One card after the repair pass.

    `lines` are content lines ready for vobject (BEGIN/END/VERSION left out); `warnings` are
    one-line notes for a card that still imports; `problem` says why it cannot be read at all.
    """

    number: int
    lines: list[str] = field(default_factory=list)
    photos: list[bytearray] = field(default_factory=list)  # PHOTO values as written: base64, data: URI or URL
    warnings: list[str] = field(default_factory=list)
    problem: str = ""


def iter_raw_cards(data: bytes, *, unicode_input: bool = False) -> Iterator[RawCard]:
    """Every card of `data` in file order, numbered from 1; lazily, so memory stays per card.

    With `unicode_input` the bytes are UTF-8 made from text that was already decoded (a QR code),
    so a declared CHARSET applies only inside quoted-printable values.
    """
    start = len(_BOM_UTF8) if data.startswith(_BOM_UTF8) else 0
    card: _CardBuilder | None = None
    number = 0
    for line, length in _lines(data, start):
        edge = _card_edge(line)
        if edge == b"BEGIN":
            if card is not None:
                yield card.cut_short()
            number += 1
            card = _CardBuilder(number, unicode_input)
        elif card is None:
            continue  # text between cards
        elif edge == b"END":
            yield card.finish()
            card = None
        else:
            card.add_line(line, length)
    if card is not None:
        yield card.cut_short()


def _lines(data: bytes, start: int) -> Iterator[tuple[bytes, int]]:
    """Each physical line and its full length; a line longer than MAX_VALUE_BYTES comes as its start only.

    Lines end at LF, CRLF or CR CR LF; a lone CR is content (it cannot split a value), except in
    a file with no LF at all, which is an old Mac file. `bytes.find` keeps a 50 MB line fast.
    """
    newline = b"\n" if b"\n" in data else b"\r"
    end = len(data)
    position = start
    while position < end:
        stop = data.find(newline, position)
        if stop < 0:
            stop = end
        line_end = stop
        while line_end > position and data[line_end - 1] == 0x0D:
            line_end -= 1
        yield _line_at(data, position, line_end)
        position = stop + 1


def _line_at(data: bytes, start: int, stop: int) -> tuple[bytes, int]:
    length = stop - start
    if length > MAX_VALUE_BYTES:
        return data[start : start + 256], length  # enough to see the property name; never the blob
    return data[start:stop], length


def _card_edge(line: bytes) -> bytes:
    """b"BEGIN" or b"END" for a BEGIN:VCARD / END:VCARD line (any case, spaces around), else b""."""
    if len(line) > 40 or b":" not in line:
        return b""
    key, _, value = line.partition(b":")
    if value.strip().upper() != b"VCARD":
        return b""
    key = key.strip().upper()
    return key if key in (b"BEGIN", b"END") else b""


class _Property:
    """One logical property while its lines are being read."""

    __slots__ = ("head", "name", "keep", "quoted_printable", "base64", "soft_break", "value", "size")

    def __init__(self, line: bytes, colon: int, length: int) -> None:
        self.head = line[:colon]
        upper_head = self.head.upper()
        self.name = upper_head.split(b";", 1)[0].rsplit(b".", 1)[-1].strip()
        self.keep = self.name in TEXT_PROPERTIES or self.name == PHOTO or _is_orcid_property(self.name)
        self.quoted_printable = b"QUOTED-PRINTABLE" in upper_head
        self.base64 = b"BASE64" in upper_head or b"ENCODING=B" in upper_head
        first = line[colon + 1 :]
        self.value: bytearray | None = bytearray(first) if self.keep else None
        self.size = length - colon - 1
        self.soft_break = self.quoted_printable and first.endswith(b"=")
        if self.size > MAX_VALUE_BYTES:
            self.value = None

    @property
    def oversized(self) -> bool:
        return self.size > MAX_VALUE_BYTES

    def extend(self, piece: bytes, length: int) -> None:
        """Append a continuation; past MAX_VALUE_BYTES the value is let go and only counted."""
        self.size += length
        if self.value is None:
            return
        if self.size > MAX_VALUE_BYTES:
            self.value = None
        else:
            self.value += piece

    def continue_soft_break(self, line: bytes, length: int) -> None:
        if self.value is not None and self.value.endswith(b"="):
            del self.value[-1]
        self.extend(line, length)
        self.soft_break = line.endswith(b"=")


class _CardBuilder:
    """Collects one card's properties, line by line."""

    def __init__(self, number: int, unicode_input: bool) -> None:
        self.card = RawCard(number)
        self.unicode_input = unicode_input
        self.current: _Property | None = None
        self.card_charset = ""  # the first non-UTF-8 CHARSET the card declares, for undeclared values
        self.guessed: set[str] = set()

    def add_line(self, line: bytes, length: int) -> None:
        current = self.current
        blank = not line or line.isspace()
        if current is not None and current.soft_break and not blank:
            current.continue_soft_break(line, length)  # content, even when it starts with '#' or a space
            return
        if blank:
            self._close()  # a blank line ends a 2.1 base64 block, and a value that closed on a soft break
            return
        first = line[0]
        if first == 0x20 or first == 0x09:
            if current is not None:
                current.extend(line[1:], length - 1)
            return
        if first == ord("#"):
            return  # a comment line
        colon = _colon(line)
        if colon < 0:
            if current is not None and current.base64:
                current.extend(line, length)  # base64 continued without indentation
            return  # any other line that is not a property cannot be read
        self._close()
        self.current = _Property(line, colon, length)

    def finish(self) -> RawCard:
        self._close()
        for label in sorted(self.guessed):
            self.card.warnings.append(f"text is not UTF-8; it was read as {label}, so check accented letters")
        return self.card

    def cut_short(self) -> RawCard:
        self.current = None
        return RawCard(self.card.number, problem="the card is cut short (no END:VCARD)")

    def _close(self) -> None:
        prop, self.current = self.current, None
        if prop is None or not prop.keep:
            return
        name = prop.name.decode("ascii", "replace")
        if prop.oversized or prop.value is None:
            what = "photo" if prop.name == PHOTO else name
            self.card.warnings.append(f"{what} dropped: larger than {MAX_VALUE_BYTES // (1024 * 1024)} MB")
            return
        if prop.name == PHOTO:
            self.card.photos.append(prop.value)
            return
        params = _params(prop.head)
        text = self._decode(bytes(prop.value), params, prop.quoted_printable)
        self.card.lines.append(_content_line(prop.head, prop.name, params, text))

    def _decode(self, raw: bytes, params: list[str], quoted_printable: bool) -> str:
        if quoted_printable:
            raw = binascii.a2b_qp(raw)
        declared = _charset(params)
        if declared and declared not in _ASCII_CHARSETS and not self.card_charset:
            self.card_charset = declared
        if self.unicode_input and not quoted_printable:
            declared = "UTF-8"  # the text was decoded already, whatever the card declares
        for charset in (declared, "UTF-8", self.card_charset):
            text = _decode_strict(raw, charset)
            if text is not None:
                return text
        if declared not in ("US-ASCII", "ASCII") and _codec(declared):
            # A declared charset is trusted: a stray byte is one replaced character, not a guess.
            return raw.decode(_codec(declared), "replace")
        text, label = _guess_codepage(raw)
        self.guessed.add(label)
        return text


def _is_orcid_property(name: bytes) -> bool:
    """X-ORCID, X-ORCID-ID and the like, when vobject can read the name."""
    return b"ORCID" in name and _SAFE_NAME.fullmatch(name) is not None


def _colon(line: bytes) -> int:
    """Where the value starts: the first ':' outside a quoted parameter value (-1 if none)."""
    colon = line.find(b":")
    if colon < 0 or b'"' not in line[:colon]:
        return colon
    quoted = False
    for index, byte in enumerate(line):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return index
    return -1


def _params(head: bytes) -> list[str]:
    """The parameters as written, less ENCODING (undone here) and any vobject cannot read.

    CHARSET stays in the list for `_charset`; `_content_line` leaves it out.
    """
    kept: list[str] = []
    for raw in head.split(b";")[1:]:
        param = raw.decode("latin-1").strip()
        key = param.split("=", 1)[0].upper()
        if key in ("ENCODING", "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"):
            continue
        if _SAFE_PARAM.fullmatch(param):
            kept.append(param)
    return kept


def _charset(params: list[str]) -> str:
    for param in params:
        key, _, value = param.partition("=")
        if key.upper() == "CHARSET":
            return value.strip('"').upper()
    return ""


def _codec(charset: str) -> str:
    """Python's codec for a declared CHARSET, or "" when there is none or Python does not know it."""
    if not charset:
        return ""
    codec = _CHARSET_ALIASES.get(charset, charset)
    try:
        codecs.lookup(codec)
    except (LookupError, ValueError):  # unknown, or not even a name (a NUL in a damaged card)
        return ""
    return codec


def _decode_strict(raw: bytes, charset: str) -> str | None:
    codec = _codec(charset)
    if not codec:
        return None
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _guess_codepage(raw: bytes) -> tuple[str, str]:
    """Text that is neither declared nor UTF-8, read in the code page that makes the most letters."""
    best: tuple[int, str, str] | None = None
    for codec, label in _GUESSED_CODEPAGES:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = sum(1 for char in text if char.isalpha() and ord(char) > 127)
        if best is None or letters > best[0]:
            best = (letters, text, label)
    if best is None:
        return raw.decode("latin-1"), "Latin-1"
    return best[1], best[2]


def _content_line(head: bytes, name: bytes, params: list[str], text: str) -> str:
    """A vobject line for a decoded value: line breaks escaped, and bare commas but in N and ADR.

    vobject reads an unescaped comma as the end of a single value (it keeps only the first part),
    and many writers, all of vCard 2.1 among them, leave commas unescaped.
    """
    if _NEWLINE.search(text):
        text = _NEWLINE.sub(r"\\n", text)
    escape_commas = "," in text and name not in _STRUCTURED
    if escape_commas or "\\:" in text or "\\r" in text:
        text = _respell(text, escape_commas)
    kept = [p for p in params if not p.upper().startswith("CHARSET=")]
    return ";".join([_group_and_name(head, name), *kept]) + ":" + text


def _respell(text: str, escape_commas: bool) -> str:
    def respelled(match: re.Match[str]) -> str:
        found = match.group()
        if found == ",":
            return "\\," if escape_commas else found
        return _RESPELLED.get(found, found)

    return _ESCAPE_OR_COMMA.sub(respelled, text)


def _group_and_name(head: bytes, name: bytes) -> str:
    """The property name with its group (item2.URL), the group only when vobject can read it."""
    group = head.split(b";", 1)[0].rsplit(b".", 1)
    if len(group) == 2 and _SAFE_NAME.fullmatch(group[0].strip()):
        return (group[0].strip() + b"." + name).decode("ascii")
    return name.decode("ascii", "replace")
