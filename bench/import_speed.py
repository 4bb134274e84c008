"""Import speed: the app's import of a program file against a plain parse plus a bare sqlite3 load.

Measured: `Workspace.open(fresh db).program.import_program(path)`, the import call only (the database
is created and migrated before the clock starts). Floor: xml.etree.ElementTree parses the same file,
its events, persons and event–person links become tuples, and sqlite3 executemany writes them into
a fresh file database in one transaction (WAL and synchronous=NORMAL, as the app's database).
Each side runs `import_repeats` times on a fresh database; the medians are compared.
"""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

from bench.context import FOSDEM_2026, BenchContext
from bench.results import Result, skipped
from bench.timing import median, timed_ms

NAME = "import"
TARGET_RATIO = 1.5
FLOOR_LABEL = "ElementTree + sqlite3 executemany"

_SCHEMA = """
CREATE TABLE event (id INTEGER PRIMARY KEY, guid TEXT, source_id TEXT, title TEXT, subtitle TEXT, abstract TEXT,
                    description TEXT, track TEXT, type TEXT, room TEXT, language TEXT, links TEXT,
                    start TEXT, "end" TEXT, day_index INTEGER);
CREATE TABLE person (id INTEGER PRIMARY KEY, identity TEXT UNIQUE, name TEXT, affiliation TEXT, biography TEXT,
                     role TEXT);
CREATE TABLE event_person (event_id INTEGER, person_id INTEGER, position INTEGER,
                           PRIMARY KEY (event_id, person_id));
"""


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return "".join(found.itertext()).strip() if found is not None else ""


def _minutes(duration: str) -> int:
    hours, _, minutes = duration.partition(":")
    try:
        return int(hours) * 60 + int(minutes.split(":")[0])
    except ValueError:
        return 0


def plain_import(program: Path, database: Path) -> int:
    """The floor: parse with ElementTree and load the rows with sqlite3 in one transaction.

    Returns the number of events written.
    """
    root = ET.parse(program).getroot()
    persons: dict[str, tuple[int, str, str, str, str, str]] = {}
    for element in root.iterfind("persons/person"):
        key = element.get("id", "")
        persons[key] = (len(persons) + 1, key, _text(element, "name"), _text(element, "affiliation"),
                        _text(element, "biography"), _text(element, "role"))
    events, links = [], []
    for day_index, day in enumerate(root.iterfind("day"), start=1):
        for element in day.iter("event"):
            event_id = len(events) + 1
            start = datetime.fromisoformat(_text(element, "date"))
            end = start + timedelta(minutes=_minutes(_text(element, "duration")))
            urls = [[link.text or "", link.get("href", "")] for link in element.iterfind("links/link")]
            events.append((
                event_id, element.get("guid", ""), element.get("id", ""), _text(element, "title"),
                _text(element, "subtitle"), _text(element, "abstract"), _text(element, "description"),
                _text(element, "track"), _text(element, "type"), _text(element, "room"), _text(element, "language"),
                json.dumps(urls), start.isoformat(), end.isoformat(), day_index,
            ))
            for position, person in enumerate(element.iterfind("persons/person")):
                key = person.get("id", "")
                if key not in persons:
                    persons[key] = (len(persons) + 1, key, (person.text or "").strip(), "", "", "")
                links.append((event_id, persons[key][0], position))
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(_SCHEMA)
        with connection:  # one transaction
            connection.executemany(f"INSERT INTO event VALUES ({', '.join('?' * 15)})", events)
            connection.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?)", persons.values())
            connection.executemany("INSERT OR IGNORE INTO event_person VALUES (?, ?, ?)", links)
    finally:
        connection.close()
    return len(events)


def app_import_ms(context: BenchContext, program: Path, name: str) -> tuple[float, float, int]:
    """One import through the app into a fresh database: (wall ms, the report's elapsed_ms, sessions)."""
    from conference_app.core.workspace import Workspace

    workspace = Workspace.open(context.fresh_database(name))
    try:
        elapsed, outcome = timed_ms(workspace.program.import_program, program)
    finally:
        workspace.close()
    context.fresh_database(name)  # remove the file again: large runs would fill the disk
    context.app_imports.setdefault(program, []).append(elapsed)
    return elapsed, float(outcome.value.elapsed_ms), outcome.value.sessions


def floor_import_ms(context: BenchContext, program: Path, name: str) -> float:
    database = context.fresh_database(name)
    elapsed, _ = timed_ms(plain_import, program, database)
    context.fresh_database(name)
    return elapsed


def compare(context: BenchContext, key: str, label: str, program: Path) -> Result:
    app_runs, reported, floors = [], [], []
    sessions = 0
    for number in range(context.sizes.import_repeats):
        context.say(f"{label}: app import ({number + 1})")
        elapsed, elapsed_ms, sessions = app_import_ms(context, program, f"{key}-app")
        app_runs.append(elapsed)
        reported.append(elapsed_ms)
        context.say(f"{label}: floor import ({number + 1})")
        floors.append(floor_import_ms(context, program, f"{key}-floor"))
    return Result(
        key, f"{label} ({sessions:,} sessions)", "ms", median(app_runs), median(floors), FLOOR_LABEL, TARGET_RATIO,
        "ratio", details={"runs": len(app_runs), "report_elapsed_ms": median(reported), "sessions": sessions},
    )


def run(context: BenchContext) -> list[Result]:
    results = []
    if not context.sizes.real_files:
        results.append(skipped("import.fosdem-2026", "import FOSDEM 2026", "ms", TARGET_RATIO, "ratio",
                               "not run in this mode"))
    elif not FOSDEM_2026.is_file():
        results.append(skipped("import.fosdem-2026", "import FOSDEM 2026", "ms", TARGET_RATIO, "ratio",
                               f"{FOSDEM_2026} is not here (it sits beside the project's CI clone)"))
    else:
        results.append(compare(context, "import.fosdem-2026", "import FOSDEM 2026", FOSDEM_2026))
    sizes = context.sizes
    program = context.program(sizes.sessions, sizes.speakers)
    results.append(compare(context, "import.generated", f"import generated, {sizes.speakers:,} speakers", program))
    return results
