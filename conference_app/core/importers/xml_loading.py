"""Loading a frab schedule's XML safely and in bounded memory.

A document type declaration is refused before the document is parsed, so no entity is declared,
expanded or fetched and no DTD is loaded. libxml2 (through lxml) then streams the file, fetching
nothing and keeping no comments: three to four times as fast as the standard library's parser, and
it refuses any run of text over 10 MB rather than hold it. The reader is handed the schedule's
parts as a walk (see WALKED), each as soon as it is complete, and each event is freed once read:
memory follows what is read from the file, not the file's whole tree (six times the file's size).

Whatever libxml2 refuses goes to the standard library's parser, fed a piece at a time, which words
the problem with a malformed file, or reads a file with a run of text longer than any field keeps
(a 200 MB abstract) through a tree builder that keeps only the first part of each text, so the cut
made later (see text_limits.py) is still seen and the rest never sits in memory.

The elements lxml makes have the methods of the standard library's that the frab reader uses (find,
iterfind, findall, iter, itertext, get, tag); they are typed as the standard library's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar, cast
from xml.parsers import expat

from lxml import etree

from conference_app.core.errors import InputFileError
from conference_app.core.importers.bounded_reading import longest_run
from conference_app.core.importers.text_file import open_binary
from conference_app.core.importers.text_limits import READER_KEEPS

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element, ParseError, TreeBuilder

T = TypeVar("T")
Step = tuple[str, "Element"]  # ("start" or "end", element): see read_schedule
# What a walk of a schedule gives: the <conference>s, <version>s and <persons> lists of <schedule>
# ("end" only; a reader keeps the first conference and version), each <day> and each of its <room>s
# ("start" and "end"), and each <event> of a day or of a day's room ("end" only), in the file's
# order; from a whole tree, the first conference (an empty one if there is none) and version first.
WALKED = ("conference", "version", "persons", "day", "room", "event")
_LISTS = ("conference", "version", "persons")  # what <schedule> holds besides its days
_NOT_A_SCHEDULE = "not a frab schedule: <schedule> has neither <conference> nor <day> elements"
_CHUNK = 1 << 20
_BLANK = b" \t\r\n\xef\xbb\xbf"
# expat errors that only happen when the input stops in the middle of the document.
_END_OF_INPUT_ERRORS = {
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
}


class NeedsWholeTree(Exception):
    """Raised by a reader of a streamed schedule that met something out of the usual order (a day
    before the conference it belongs to): it is then given the whole tree, walked in its order."""


def read_schedule(path: Path, read: Callable[[Iterator[Step]], T]) -> T:
    """Walk the schedule's file safely, in bounded memory, with `read` (see the module docstring).

    libxml2 streams the file: each event is handed over as soon as it is complete and freed once
    `read` has taken it, so a program is never held whole. A file libxml2 refuses is parsed whole
    by the standard library's parser and walked from its tree; so is one whose reader needs it."""
    with open_binary(path) as stream:
        _refuse_blank(path, stream)
        stream.seek(0)
        _refuse_document_type(path, stream)
        stream.seek(0)
        try:
            return read(_streamed(path, stream))
        except _Refused:
            root = None
        except NeedsWholeTree:
            stream.seek(0)
            root = _fast_parse(stream)
        if root is None:
            stream.seek(0)
            root = _careful_parse(path, stream)
        return read(_walked(path, root))


class _Refused(Exception):
    """libxml2 would not read the file (malformed, or a run of text over its limit)."""


def _streamed(path: Path, stream: BinaryIO) -> Iterator[Step]:
    """The walk's steps as libxml2 parses the file; each step's element is freed once taken."""
    steps = etree.iterparse(stream, events=("start", "end"), tag=WALKED, resolve_entities=False, no_network=True,
                            load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    root: Any = None
    seen = set()
    try:
        for kind, element in steps:
            if root is None:
                root = element
                while root.getparent() is not None:
                    root = root.getparent()
                _check_root(path, root.tag)
            parent = element.getparent()
            tag = element.tag
            if parent is None:  # a second root element: libxml2 refuses the file once it has read it
                continue
            if parent is root:
                if tag != "day" and (kind == "start" or tag not in _LISTS):
                    continue
            elif tag == "room":
                if parent.tag != "day" or parent.getparent() is not root:
                    continue
            elif tag != "event" or kind == "start" or not _in_a_day(parent, root):
                continue
            seen.add(tag)
            yield kind, cast("Element", element)
            if kind == "end" and tag != "conference" and tag != "version":
                element.clear()  # taken: its text and children go now, not with the whole tree
                while element.getprevious() is not None:
                    del parent[0]
    except (etree.LxmlError, LookupError, ValueError, OSError) as error:  # lxml words bad bytes as a read error
        raise _Refused from error
    if root is None:
        _check_root(path, steps.root.tag)
    if "conference" not in seen and "day" not in seen:
        raise InputFileError(path, _NOT_A_SCHEDULE)


def _in_a_day(parent: Any, root: Any) -> bool:
    """An <event> is read under a day, or under a room of a day."""
    if parent.tag == "room":
        parent = parent.getparent()
    return parent is not None and parent.tag == "day" and parent.getparent() is root


def _walked(path: Path, root: Element) -> Iterator[Step]:
    """The walk's steps from a whole tree, the conference, version and people lists first."""
    _check_root(path, root.tag)
    if root.find("conference") is None and root.find("day") is None:
        raise InputFileError(path, _NOT_A_SCHEDULE)
    # A day is read in its conference's zone: a schedule without one gets an empty one first.
    conference = root.find("conference")
    yield "end", conference if conference is not None else root.makeelement("conference", {})
    version = root.find("version")
    if version is not None:
        yield "end", version
    for persons in root.findall("persons"):
        yield "end", persons
    for day in root.findall("day"):
        yield "start", day
        for child in day:
            if child.tag == "room":
                yield "start", child
                for event in child.findall("event"):
                    yield "end", event
                yield "end", child
            elif child.tag == "event":
                yield "end", child
        yield "end", day


def _check_root(path: Path, tag: str) -> None:
    if local_name(tag) != "schedule":
        raise InputFileError(path, f"not a frab schedule: root element is <{local_name(tag)}>")


def _fast_parse(stream: BinaryIO) -> Element | None:
    """The document's root element, or None where libxml2 refuses the file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.parse(stream, parser).getroot()
    except (etree.LxmlError, LookupError, ValueError, OSError):  # lxml words bad bytes as a read error
        return None
    return cast("Element", root)


def _careful_parse(path: Path, stream: BinaryIO) -> Element:
    """The standard library's parse, a piece at a time: it says what is wrong with a malformed file,
    and keeps only the first part of each text when a run of text is longer than any field keeps."""
    from xml.etree import ElementTree  # only for files libxml2 refuses: an ordinary import never loads it

    longest_text = longest_run(stream, b"<")  # text between tags is never longer
    stream.seek(0)
    builder = ElementTree.TreeBuilder()
    target = _CappedTarget(builder, READER_KEEPS) if longest_text > READER_KEEPS else builder
    parser = ElementTree.XMLParser(target=target)
    try:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
        return parser.close()
    except ElementTree.ParseError as error:
        raise InputFileError(path, _describe_parse_error(error)) from error
    except LookupError as error:  # an encoding named in the XML declaration that Python lacks
        raise InputFileError(path, f"unsupported text encoding ({error})") from error


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _refuse_blank(path: Path, stream: BinaryIO) -> None:
    while chunk := stream.read(_CHUNK):
        if chunk.strip(_BLANK):
            return
    raise InputFileError(path, "empty file")


class _CappedTarget:
    """Passes the parser's calls on to a tree builder, keeping at most `keep` characters of each run of text."""

    def __init__(self, builder: TreeBuilder, keep: int) -> None:
        self._builder = builder
        self._keep = keep
        self._run = 0

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        self._run = 0
        return self._builder.start(tag, attrs)

    def end(self, tag: str) -> Element:
        self._run = 0
        return self._builder.end(tag)

    def data(self, data: str) -> None:
        if self._run < self._keep:
            self._builder.data(data[: self._keep - self._run])
        self._run += len(data)

    def close(self) -> Element:
        return self._builder.close()


class _RootReached(Exception):
    """The prolog is over: no document type declaration can follow."""


def _refuse_document_type(path: Path, stream: BinaryIO) -> None:
    """Refuse a DTD before anything is parsed for real.

    Entities can only be declared in a document type declaration, so without one nothing can be
    expanded (no "billion laughs"), no DTD is loaded and no external entity is fetched. Only the
    prolog is read here; the document itself is then parsed by the fast C parser.
    """
    guard = expat.ParserCreate()
    guard.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    head = stream.read(_CHUNK)

    def document_type(*_args: object) -> None:
        if b"<!ENTITY" in head[:65536]:
            raise InputFileError(path, "XML entities are not allowed")
        raise InputFileError(path, "XML document type declarations (DTDs) are not allowed")

    def root(*_args: object) -> None:
        raise _RootReached

    guard.StartDoctypeDeclHandler = document_type
    guard.StartElementHandler = root
    try:
        chunk = head
        while chunk:
            guard.Parse(chunk, False)
            chunk = stream.read(_CHUNK)
        guard.Parse(b"", True)
    except (_RootReached, expat.ExpatError, LookupError):
        return  # no DTD; errors in the document are reported by the real parse


def _describe_parse_error(error: ParseError) -> str:
    line, column = error.position
    if error.code in _END_OF_INPUT_ERRORS:
        return f"the XML ends too early at line {line} (is the file truncated?)"
    reason = expat.errors.messages.get(error.code, "not well-formed")
    return f"malformed XML at line {line}, column {column + 1} ({reason})"
