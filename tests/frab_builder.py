"""Small hand-written frab XML programs for tests, and a way to compare a database before and after."""

from __future__ import annotations

import shutil
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from conference_app.core.services.program import ProgramService, SessionFilter

@dataclass(frozen=True)
class FrabEvent:
    """One <event> of a hand-written frab schedule. `start` is local wall time in the conference zone."""

    id: str | None
    title: str
    start: str  # "2026-06-11T09:00"
    duration: str = "00:30"
    room: str = "Hall A"
    track: str = ""
    type: str = "lecture"
    abstract: str = ""
    persons: tuple[tuple[str, str], ...] = ()  # (person id, name), in the program's order


@dataclass(frozen=True)
class FrabPerson:
    """An entry of the schedule-wide <persons> list (where frab carries affiliations)."""

    id: str
    name: str
    organisation: str = ""


def frab_schedule(
    events: list[FrabEvent],
    *,
    acronym: str = "ascs26",
    title: str = "Annual Surgical Congress 2026",
    time_zone: str = "Europe/Berlin",
    persons: tuple[FrabPerson, ...] = (),
) -> str:
    """A frab schedule: days by start date, rooms in first-seen order, times with the zone's offset."""
    zone = ZoneInfo(time_zone)
    by_day: dict[str, dict[str, list[FrabEvent]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        by_day[event.start[:10]][event.room].append(event)
    days = []
    for index, day in enumerate(sorted(by_day), start=1):
        rooms = []
        for room, room_events in by_day[day].items():
            rooms.append(f"<room name={quoteattr(room)}>{''.join(_event_xml(e, zone) for e in room_events)}</room>")
        day_start = datetime.fromisoformat(f"{day}T07:00").replace(tzinfo=zone).isoformat()
        days.append(f'<day index="{index}" date="{day}" start="{day_start}">{"".join(rooms)}</day>')
    listed = "".join(
        f'<person id="{p.id}"><name>{escape(p.name)}</name>'
        f"<organisation>{escape(p.organisation)}</organisation></person>"
        for p in persons
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<schedule><version>1</version>'
        f"<conference><acronym>{escape(acronym)}</acronym><title>{escape(title)}</title>"
        f"<time_zone_name>{time_zone}</time_zone_name></conference>"
        f"{''.join(days)}"
        f"{f'<persons>{listed}</persons>' if listed else ''}"
        "</schedule>\n"
    )


def _event_xml(event: FrabEvent, zone: ZoneInfo) -> str:
    start = datetime.fromisoformat(event.start).replace(tzinfo=zone)
    id_attr = f' id="{event.id}"' if event.id is not None else ""
    persons = "".join(f'<person id="{pid}">{escape(name)}</person>' for pid, name in event.persons)
    return (
        f"<event{id_attr}><date>{start.isoformat()}</date><start>{start:%H:%M}</start>"
        f"<duration>{event.duration}</duration><room>{escape(event.room)}</room>"
        f"<title>{escape(event.title)}</title><track>{escape(event.track)}</track><type>{event.type}</type>"
        f"<abstract>{escape(event.abstract)}</abstract><persons>{persons}</persons></event>"
    )


def write_frab(folder: Path, name: str, events: list[FrabEvent], **kwargs: object) -> Path:
    path = folder / name
    path.write_text(frab_schedule(events, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path


MULLER = ("1", "Zoë Müller")
MENSAH = ("2", "Kwame Mensah")
RUIZ = ("3", "Ana Ruiz")
LI = ("4", "Li Wei")

CONGRESS_PERSONS = (
    FrabPerson("1", "Zoë Müller", "Charité – Universitätsmedizin Berlin"),
    FrabPerson("2", "Kwame Mensah", "Korle Bu Teaching Hospital"),
    FrabPerson("3", "Ana Ruiz", ""),
    FrabPerson("4", "Li Wei", "Peking Union Medical College"),
)

CONGRESS = [
    FrabEvent("101", "Opening Ceremony", "2026-06-11T08:30", type="ceremony"),
    FrabEvent(
        "102", "Robotic Pancreaticoduodenectomy: Early Outcomes", "2026-06-11T09:00", "00:45",
        track="HPB Surgery", abstract="<p>Learning curve of the <b>robotic</b> Whipple.</p>", persons=(MULLER, MENSAH),
    ),
    FrabEvent("103", "Trauma Laparotomy Techniques", "2026-06-11T09:00", "00:45", room="Hall B", track="Trauma",
              persons=(RUIZ,)),
    FrabEvent("104", "Endocrine Surgery Update", "2026-06-11T10:00", room="Hall B", track="Endocrine", persons=(LI,)),
    FrabEvent("105", "Surgical Education Roundtable", "2026-06-11T10:00", "01:00", track="Education", type="panel",
              persons=(MENSAH, MULLER)),
    FrabEvent("106", "Poster Walk", "2026-06-12T09:00", "01:00", room="Foyer", type="poster"),
    FrabEvent("107", "Closing Remarks", "2026-06-12T12:00", "00:15"),
]


def write_congress(folder: Path, name: str = "congress.xml", events: list[FrabEvent] | None = None) -> Path:
    return write_frab(folder, name, CONGRESS if events is None else events, persons=CONGRESS_PERSONS)


def dump(db_path: Path) -> list[str]:
    """Every table's content as SQL, to compare a database before and after."""
    connection = sqlite3.connect(db_path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()



def fresh_database(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target


def by_title(program: ProgramService, conference_id: int | None = None) -> dict[str, object]:
    return {row.title: row for row in program.sessions(SessionFilter(conference_id))}
