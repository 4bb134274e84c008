"""The agenda as an iCalendar file that calendar apps import, and update on a second import.

Each event's UID is derived from the conference and the session (or personal item) identity, never
from row ids or export time, so importing a newer export replaces the events of an older one.

Times are written in the conference's zone (TZID, with its VTIMEZONE), except for an event that starts
or ends in the hour repeated when the clocks go back: a local time there names two moments and
calendars take the first (RFC 5545, 3.3.5), so such an event is written in UTC. Control characters
are left out of every text.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from conference_app import __version__
from conference_app.core.domain.agenda_view import MUST, PERSONAL, AgendaItem, AgendaView
from conference_app.core.domain.printable import printable

PRODID = f"-//Conference Companion//Agenda {__version__}//EN"
REMINDER_BEFORE = timedelta(minutes=15)
UID_DOMAIN = "conference-companion"
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "agenda.conference-companion")
# VTIMEZONE rules are written for this much time around the agenda: plenty for any calendar app.
_ZONE_MARGIN = timedelta(days=366)


def item_uid(view: AgendaView, item: AgendaItem) -> str:
    """A UID that stays the same across exports and program updates of the same conference."""
    if item.kind == PERSONAL:
        key = f"{view.conference_identity}/personal/{item.id}"
    else:
        key = f"session/{item.ref}"  # the public id already starts with the conference identity
    return f"{uuid.uuid5(_UID_NAMESPACE, key)}@{UID_DOMAIN}"


def description(item: AgendaItem) -> str:
    """Plain text: what, who, the start of the abstract, and whom to meet."""
    lines: list[str] = []
    facts = []
    if item.priority:
        facts.append("Must-see" if item.priority == MUST else "Nice to see")
    facts.extend(x for x in (item.track, item.type) if x)
    if facts:
        lines.append(" · ".join(facts))
    if item.cancelled:
        lines.append("Cancelled: no longer in the latest program.")
    if item.speakers:
        names = [s.name + (f" ({s.affiliation})" if s.affiliation else "") for s in item.speakers]
        lines.append("Speakers: " + "; ".join(names))
    if item.summary:
        lines.extend(["", item.summary])
    if item.notes:
        lines.extend(["", item.notes])
    if item.meet:
        lines.extend(["", "Meet after this session: " + "; ".join(note.who for note in item.meet)])
    return "\n".join(lines).strip()


def content_fingerprint(item: AgendaItem) -> str:
    """A digest of what an event says, to tell a changed event (bump SEQUENCE) from an unchanged one."""
    text = "\x1f".join(
        [item.title, item.start.isoformat(), item.end.isoformat(), item.place, description(item), str(item.cancelled)]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def agenda_calendar(view: AgendaView, stamp: datetime, sequences: Mapping[str, int]) -> Calendar:
    """One VEVENT per picked session and personal item, with the conference's VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{view.conference_title} — my agenda")
    calendar.add("x-wr-timezone", view.time_zone)
    for item in view.items:
        uid = item_uid(view, item)
        calendar.add_component(_event(item, uid, stamp, sequences.get(uid, 0)))
    if view.days:
        calendar.add_missing_timezones(
            first_date=view.days[0].date - _ZONE_MARGIN, last_date=view.days[-1].date + _ZONE_MARGIN
        )
    return calendar


def _event(item: AgendaItem, uid: str, stamp: datetime, sequence: int) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("summary", printable(item.title))
    start, end = item.start, item.end
    if _ambiguous(start) or _ambiguous(end):
        start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    event.add("dtstart", start)
    event.add("dtend", end)
    if item.place:
        event.add("location", printable(item.place))
    text = printable(description(item))
    if text:
        event.add("description", text)
    category = printable(item.track) or ("Personal" if item.kind == PERSONAL else "Session")
    event.add("categories", [category])
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if item.priority == MUST and not item.cancelled:
        event.add("priority", 1)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add(
            "description", printable(f"{item.title} starts in 15 minutes" + (f" ({item.place})" if item.place else ""))
        )
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
    return event


def _ambiguous(moment: datetime) -> bool:
    """Whether the moment's local wall time occurs twice in its zone (the hour repeated in autumn)."""
    return moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset()
