"""The import floor, as its own process: `python -m bench.plain_program_import PROGRAM.xml DATABASE`.

lxml parses the frab file; its events, persons and event–person links become tuples; sqlite3
executemany writes them in one transaction into the database (created when new, WAL and
synchronous=NORMAL as the app's), and a simple FTS5 index (default tokenizer, no prefix entries)
is filled with each event's texts and speakers' names. A database that already holds a program
keeps it: new rows take the ids after the last. Prints the number of events written.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime, timedelta

from lxml import etree

_SCHEMA = """
CREATE TABLE IF NOT EXISTS event (id INTEGER PRIMARY KEY, guid TEXT, source_id TEXT, title TEXT, subtitle TEXT,
                    abstract TEXT, description TEXT, track TEXT, type TEXT, room TEXT, language TEXT, links TEXT,
                    start TEXT, "end" TEXT, day_index INTEGER);
CREATE TABLE IF NOT EXISTS person (id INTEGER PRIMARY KEY, identity TEXT, name TEXT, affiliation TEXT,
                     biography TEXT, role TEXT);
CREATE TABLE IF NOT EXISTS event_person (event_id INTEGER, person_id INTEGER, position INTEGER,
                           PRIMARY KEY (event_id, person_id));
CREATE VIRTUAL TABLE IF NOT EXISTS event_fts USING fts5(title, subtitle, abstract, description, track, speakers);
"""


def _text(element: etree._Element, tag: str) -> str:
    found = element.find(tag)
    return "".join(found.itertext()).strip() if found is not None else ""


def _minutes(duration: str) -> int:
    hours, _, minutes = duration.partition(":")
    try:
        return int(hours) * 60 + int(minutes.split(":")[0])
    except ValueError:
        return 0


def plain_import(program: str, database: str) -> int:
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(_SCHEMA)
        first_event = connection.execute("SELECT coalesce(max(id), 0) FROM event").fetchone()[0]
        first_person = connection.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0]
        root = etree.parse(program).getroot()
        persons: dict[str, tuple[int, str, str, str, str, str]] = {}
        for element in root.iterfind("persons/person"):
            key = element.get("id", "")
            persons[key] = (first_person + len(persons) + 1, key, _text(element, "name"),
                            _text(element, "affiliation"), _text(element, "biography"), _text(element, "role"))
        events, links, texts = [], [], []
        for day_index, day in enumerate(root.iterfind("day"), start=1):
            for element in day.iter("event"):
                event_id = first_event + len(events) + 1
                start = datetime.fromisoformat(_text(element, "date"))
                end = start + timedelta(minutes=_minutes(_text(element, "duration")))
                urls = [[link.text or "", link.get("href", "")] for link in element.iterfind("links/link")]
                row = (
                    event_id, element.get("guid", ""), element.get("id", ""), _text(element, "title"),
                    _text(element, "subtitle"), _text(element, "abstract"), _text(element, "description"),
                    _text(element, "track"), _text(element, "type"), _text(element, "room"),
                    _text(element, "language"), json.dumps(urls), start.isoformat(), end.isoformat(), day_index,
                )
                events.append(row)
                names = []
                for position, person in enumerate(element.iterfind("persons/person")):
                    key = person.get("id", "")
                    if key not in persons:
                        persons[key] = (first_person + len(persons) + 1, key, (person.text or "").strip(), "", "", "")
                    links.append((event_id, persons[key][0], position))
                    names.append(persons[key][2])
                texts.append((event_id, row[3], row[4], row[5], row[6], row[7], ", ".join(names)))
        with connection:  # one transaction
            connection.executemany(f"INSERT INTO event VALUES ({', '.join('?' * 15)})", events)
            connection.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?)", persons.values())
            connection.executemany("INSERT OR IGNORE INTO event_person VALUES (?, ?, ?)", links)
            connection.executemany("INSERT INTO event_fts (rowid, title, subtitle, abstract, description, track, "
                                   "speakers) VALUES (?, ?, ?, ?, ?, ?, ?)", texts)
    finally:
        connection.close()
    return len(events)


if __name__ == "__main__":
    print(plain_import(sys.argv[1], sys.argv[2]))
