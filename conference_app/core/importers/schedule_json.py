"""Reader for schedule JSON: the frab-compatible v1 format (frab, pretalx) and the draft v2 format.

v1 nests sessions as conference → days → rooms → sessions, each with a full ISO `date` and an
"HH:MM" duration. v2 (the c3voc "schedule2" draft) has flat top-level `events` and `persons`
lists, room and track references resolved through the conference's `rooms` and `tracks`, and
ISO-8601 `start`/`end` (or a "PT1H30M" `duration`).

Leniency: a file that breaks the published schema only in ways real exporters also do (ids given
as text, person codes with non-ASCII characters, extra fields) is imported; the non-standard values
are listed in one warning, and unknown extra fields are ignored. A session without a title or a
start time is skipped with a warning naming it. A file is refused only when it is not JSON, not
UTF-8, has no `schedule` or `conference` object, or has neither a `days` nor an `events` list.

The parts: schedule_json_v1.py and schedule_json_v2.py read the two layouts, from what
schedule_json_reading.py (the program, its speakers, links and warnings), schedule_json_times.py
(time zones, dates, times and lengths) and schedule_json_values.py (text, ids and keys) share.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conference_app.core.errors import InputFileError
from conference_app.core.importers.bounded_reading import shorten_json_strings
from conference_app.core.importers.program import ParsedProgram, ReadOptions
from conference_app.core.importers.schedule_json_v1 import read_v1
from conference_app.core.importers.schedule_json_v2 import read_v2
from conference_app.core.importers.text_file import unicode_encoding


def read(path: Path, options: ReadOptions) -> ParsedProgram:
    """Read a v1 (frab/pretalx) or v2 schedule JSON file into a ParsedProgram.

    Raises InputFileError when the file is not UTF-8 JSON or is not a schedule at all.
    """
    document = _load_json(path)
    if not isinstance(document, dict) or "schedule" not in document:
        raise InputFileError(path, "not a schedule JSON: expected an object with a 'schedule' key")
    schedule = document["schedule"]
    if not isinstance(schedule, dict):
        raise InputFileError(path, "not a schedule JSON: 'schedule' is not an object")
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        raise InputFileError(path, "the schedule has no 'conference' object")
    if isinstance(schedule.get("events"), list):
        return read_v2(path, schedule, conference, options)
    return read_v1(path, schedule, conference, options)


def _load_json(path: Path) -> Any:
    """The parsed document. Strings longer than any field keeps are cut while the file is read, so a
    huge abstract costs no more memory than a small one."""
    try:
        with path.open("rb") as stream:
            wide = unicode_encoding(stream.read(4096))
            stream.seek(0)
            # The filter works on UTF-8 bytes; a UTF-16 or UTF-32 file is read as it is.
            data = stream.read() if wide and wide.startswith(("utf-16", "utf-32")) else shorten_json_strings(stream)
    except OSError as error:
        raise InputFileError(path, f"cannot read the file ({error.strerror or error})") from None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode(wide or "utf-8")
    except UnicodeDecodeError as error:
        raise InputFileError(
            path, f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})"
        ) from None
    if not text.strip():
        raise InputFileError(path, "the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputFileError(
            path, f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except (ValueError, RecursionError) as error:
        # Numbers too long to convert, or nesting deeper than the parser allows.
        raise InputFileError(path, f"malformed JSON: {error}") from None
