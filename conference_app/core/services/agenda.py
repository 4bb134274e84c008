"""Service: the user's agenda: picks by priority, personal items, clashes, free time, calendar export."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from conference_app.core.domain.agenda import absolute, clashes, free_gaps
from conference_app.core.domain.agenda_view import (
    NICE,
    MUST,
    PERSONAL,
    SESSION,
    AgendaDay,
    AgendaItem,
    AgendaView,
    CalendarExport,
    Clash,
    FreeGap,
    MeetNote,
    personal_ref,
)
from conference_app.core.domain.text import plain_text
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import Conference, Event, PersonalItem, Pick, Speaker, Target
from conference_app.core.storage.people_rows import met_speaker_ids
from conference_app.core.storage.picks import pick_session
from conference_app.core.storage.settings import get_setting, put_setting

MIN_GAP = timedelta(minutes=30)
MAX_TITLE = 200
MAX_LENGTH = timedelta(hours=24)
# A personal item belongs to the trip: a dinner the night before, a meeting the day after.
DATE_SLACK = timedelta(days=14)
SUMMARY_CHARS = 300
_SEQUENCES = "ics_sequences:"  # + conference identity: {uid: [content fingerprint, SEQUENCE]}

_CHANGED = frozenset({Topic.AGENDA})
_PICKS_CHANGED = frozenset({Topic.PICKS, Topic.AGENDA})


class AgendaService:
    """Every public method is one user action in one transaction, returning plain values."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- the agenda -----------------------------------------------------------------------

    def agenda(self, conference_id: int) -> AgendaView:
        """Picked sessions and personal items by conference-local day, with clashes and free gaps."""
        with self._sessions() as session:
            conference = get_or_raise(session, Conference, conference_id, "conference")
            zone = ZoneInfo(conference.time_zone)
            items = self._session_items(session, conference_id, zone) + self._personal_items(session, conference_id, zone)
            hours, day_numbers = _program_hours(session, conference_id, zone)
            return _view(conference, items, hours, day_numbers)

    def _session_items(self, session: Session, conference_id: int, zone: ZoneInfo) -> list[AgendaItem]:
        rows = session.execute(
            select(Event, Pick)
            .join(Pick, Pick.event_id == Event.id)
            .where(Event.conference_id == conference_id)
            .options(selectinload(Event.speakers))
        ).all()
        meet = _meet_notes(session, [event.id for event, _pick in rows])
        conference_identity = session.scalar(select(Conference.identity).where(Conference.id == conference_id))
        items = []
        for event, pick in rows:
            items.append(
                AgendaItem(
                    kind=SESSION,
                    id=event.id,
                    ref=f"{conference_identity}:{event.identity}",
                    title=event.title,
                    start=event.start.astimezone(zone),
                    end=event.end.astimezone(zone),
                    place=event.room,
                    priority=pick.priority,
                    attended=pick.attended,
                    cancelled=event.cancelled,
                    track=event.track,
                    type=event.type,
                    speakers=event.speaker_refs(),
                    summary=_summary(event.abstract or event.description),
                    meet=meet.get(event.id, ()),
                )
            )
        return items

    @staticmethod
    def _personal_items(session: Session, conference_id: int, zone: ZoneInfo) -> list[AgendaItem]:
        return [
            AgendaItem(
                kind=PERSONAL,
                id=p.id,
                ref=personal_ref(p.id),
                title=p.title,
                start=p.start.astimezone(zone),
                end=p.end.astimezone(zone),
                place=p.location,
                notes=p.notes,
            )
            for p in session.scalars(select(PersonalItem).where(PersonalItem.conference_id == conference_id))
        ]

    # --- personal items -------------------------------------------------------------------

    def add_personal_item(
        self, conference_id: int, title: str, start: datetime, end: datetime, location: str = "", notes: str = ""
    ) -> Outcome[AgendaItem]:
        """Add a meeting, a meal, anything of the user's own. Naive times are the conference's local time."""
        with self._sessions.begin() as session:
            conference = get_or_raise(session, Conference, conference_id, "conference")
            title, start, end = _checked(session, conference, title, start, end)
            item = PersonalItem(
                conference_id=conference_id, title=title, start=start, end=end,
                location=location.strip(), notes=notes.strip(),
            )
            session.add(item)
            session.flush()
            item_id = item.id
        return Outcome(self._item(conference_id, PERSONAL, item_id), _CHANGED)

    def update_personal_item(
        self, item_id: int, title: str, start: datetime, end: datetime, location: str = "", notes: str = ""
    ) -> Outcome[AgendaItem]:
        with self._sessions.begin() as session:
            item = get_or_raise(session, PersonalItem, item_id, "personal item")
            conference = get_or_raise(session, Conference, item.conference_id, "conference")
            item.title, item.start, item.end = _checked(session, conference, title, start, end)
            item.location = location.strip()
            item.notes = notes.strip()
            conference_id = item.conference_id
        return Outcome(self._item(conference_id, PERSONAL, item_id), _CHANGED)

    def delete_personal_item(self, item_id: int) -> Outcome[int]:
        """Delete a personal item; the value is its id."""
        with self._sessions.begin() as session:
            session.delete(get_or_raise(session, PersonalItem, item_id, "personal item"))
        return Outcome(item_id, _CHANGED)

    def resolve_personal_item(self, ref: str) -> int:
        """The id of a personal item given as "personal:N" (as the agenda prints it) or "N"."""
        number = ref.removeprefix(f"{PERSONAL}:")
        with self._sessions() as session:
            if number.isdigit() and session.get(PersonalItem, int(number)) is not None:
                return int(number)
        raise NotFoundError(f"no personal item {ref!r} (the agenda lists them as personal:N)")

    # --- picks ----------------------------------------------------------------------------

    def set_priority(self, event_id: int, priority: str) -> Outcome[int]:
        """Make a session must-see or nice-to-see (picking it if it was not picked); the value is its id."""
        if priority not in (MUST, NICE):
            raise UserError(f"priority must be {MUST} or {NICE}, not {priority!r}")
        with self._sessions.begin() as session:
            get_or_raise(session, Event, event_id, "session")
            pick_session(session, event_id, priority, datetime.now(timezone.utc))
        return Outcome(event_id, _PICKS_CHANGED)

    def set_attended(self, event_id: int, attended: bool = True) -> Outcome[int]:
        """Record that the user went to a picked session (counts towards 'attend' goals)."""
        with self._sessions.begin() as session:
            event = get_or_raise(session, Event, event_id, "session")
            pick = session.get(Pick, event_id)
            if pick is None:
                raise UserError(f"“{event.title}” is not in the agenda: pick it first")
            pick.attended = attended
        return Outcome(event_id, _PICKS_CHANGED | {Topic.GOALS})

    def remove_pick(self, event_id: int) -> Outcome[int]:
        """Take a session out of the agenda; the value is its id."""
        with self._sessions.begin() as session:
            get_or_raise(session, Event, event_id, "session")
            pick = session.get(Pick, event_id)
            if pick is not None:
                session.delete(pick)
        return Outcome(event_id, _PICKS_CHANGED)

    # --- calendar export ------------------------------------------------------------------

    def export_ics(self, conference_id: int, path: Path) -> Outcome[CalendarExport]:
        """Write the agenda to an .ics file; a later export of the same items updates them in a calendar app.

        SEQUENCE goes up for an event whose content changed since the last export, so calendar apps
        that honour it take the newer version.
        """
        # Loaded on first export: the calendar library costs a tenth of a second at start-up.
        from conference_app.core.exporters.agenda_ics import agenda_calendar, content_fingerprint, item_uid
        from conference_app.core.exporters.atomic_file import write_atomically

        path = Path(path)
        view = self.agenda(conference_id)
        stamp = datetime.now(timezone.utc).replace(microsecond=0)
        with self._sessions.begin() as session:
            key = _SEQUENCES + view.conference_identity
            stored = get_setting(session, key)
            known: dict[str, list[object]] = dict(stored) if isinstance(stored, dict) else {}
            sequences = {}
            for item in view.items:
                uid = item_uid(view, item)
                fingerprint = content_fingerprint(item)
                previous = known.get(uid)
                if previous is None:
                    sequence = 0
                else:
                    old_fingerprint, old_sequence = previous[0], int(str(previous[1]))
                    sequence = old_sequence if old_fingerprint == fingerprint else old_sequence + 1
                sequences[uid] = sequence
                known[uid] = [fingerprint, sequence]
            calendar = agenda_calendar(view, stamp, sequences)
            write_atomically(path, calendar.to_ical())
            # Remembered only once the file is written, so a failed export changes nothing.
            put_setting(session, key, known)
        alarms = sum(1 for i in view.items if i.priority == MUST and not i.cancelled)
        return Outcome(CalendarExport(path, len(view.items), alarms, view.time_zone), frozenset())

    def _item(self, conference_id: int, kind: str, item_id: int) -> AgendaItem:
        found = self.agenda(conference_id).item(kind, item_id)
        assert found is not None
        return found


# --- reading -------------------------------------------------------------------------------------


def _summary(text: str) -> str:
    words = plain_text(text)
    if len(words) <= SUMMARY_CHARS:
        return words
    return words[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _meet_notes(session: Session, event_ids: list[int]) -> dict[int, tuple[MeetNote, ...]]:
    """The speakers to meet at each session: targets linked to it, once per speaker."""
    if not event_ids:
        return {}
    notes: dict[int, dict[int, MeetNote]] = defaultdict(dict)
    rows = session.execute(
        select(Target.event_id, Speaker)
        .join(Speaker, Speaker.id == Target.speaker_id)
        .where(Target.event_id.in_(event_ids))
        .order_by(Target.created_at, Target.id)
    ).all()
    met = met_speaker_ids(session, {speaker.id for _event_id, speaker in rows})
    for event_id, speaker in rows:
        if speaker.id in met:
            continue  # already met: nothing left to do after this session
        assert event_id is not None  # the IN filter above never matches a null event_id
        notes[event_id].setdefault(speaker.id, MeetNote(speaker.id, speaker.name, speaker.role, speaker.affiliation))
    return {event_id: tuple(by_speaker.values()) for event_id, by_speaker in notes.items()}


def _program_hours(
    session: Session, conference_id: int, zone: ZoneInfo
) -> tuple[dict[date, tuple[datetime, datetime]], dict[date, int]]:
    """Each conference-local date's first start and last end, and its program day number."""
    hours: dict[date, tuple[datetime, datetime]] = {}
    numbers: dict[date, Counter[int]] = defaultdict(Counter)
    rows = session.execute(
        select(Event.start, Event.end, Event.day_index).where(Event.conference_id == conference_id, ~Event.cancelled)
    )
    for start_utc, end_utc, day_index in rows:  # compared in UTC, shown in the conference's zone
        day = start_utc.astimezone(zone).date()
        first, last = hours.get(day, (start_utc, end_utc))
        hours[day] = (min(first, start_utc), max(last, end_utc))
        numbers[day][day_index] += 1
    local = {day: (first.astimezone(zone), last.astimezone(zone)) for day, (first, last) in hours.items()}
    return local, {day: counts.most_common(1)[0][0] for day, counts in numbers.items()}


# --- rules ---------------------------------------------------------------------------------------


def _checked(
    session: Session, conference: Conference, title: str, start: datetime, end: datetime
) -> tuple[str, datetime, datetime]:
    """A personal item's title and aware times, or a UserError saying what to fix."""
    title = " ".join(title.split())
    if not title:
        raise UserError("a personal item needs a title")
    if len(title) > MAX_TITLE:
        raise UserError(f"the title is too long ({len(title)} characters; at most {MAX_TITLE})")
    zone = ZoneInfo(conference.time_zone)
    start = start.replace(tzinfo=zone) if start.tzinfo is None else start
    end = end.replace(tzinfo=zone) if end.tzinfo is None else end
    if absolute(end) <= absolute(start):
        raise UserError(
            f"the end ({end.astimezone(zone):%a %d %b %H:%M}) must be after the start "
            f"({start.astimezone(zone):%a %d %b %H:%M})"
        )
    if absolute(end) - absolute(start) > MAX_LENGTH:
        raise UserError("a personal item can last at most 24 hours")
    first, last = _conference_dates(session, conference, zone)
    local_start = start.astimezone(zone)
    if first is not None and last is not None and not (first - DATE_SLACK <= local_start.date() <= last + DATE_SLACK):
        raise UserError(
            f"{local_start:%d %B %Y} is far from the conference ({first:%d %b} – {last:%d %b %Y}); "
            f"personal items must fall within two weeks of it"
        )
    return title, start, end


def _conference_dates(session: Session, conference: Conference, zone: ZoneInfo) -> tuple[date | None, date | None]:
    if conference.start_date and conference.end_date:
        return conference.start_date, conference.end_date
    starts = list(session.scalars(select(Event.start).where(Event.conference_id == conference.id)))
    if not starts:
        return None, None
    return min(starts).astimezone(zone).date(), max(starts).astimezone(zone).date()


def _view(
    conference: Conference,
    items: list[AgendaItem],
    hours: dict[date, tuple[datetime, datetime]],
    day_numbers: dict[date, int],
) -> AgendaView:
    live = [i for i in items if not i.cancelled]
    refs = {i.ref: i.as_ref for i in items}
    overlapping = clashes([(i.ref, i.start, i.end) for i in live])

    def by_start(ref: str) -> tuple[datetime, datetime, str]:
        return absolute(refs[ref].start), absolute(refs[ref].end), refs[ref].title

    items = [
        replace(i, clashes_with=tuple(refs[r] for r in sorted(overlapping.get(i.ref, []), key=by_start)))
        for i in items
    ]
    pairs = sorted(
        {tuple(sorted((a, b), key=by_start)) for a, others in overlapping.items() for b in others},
        key=lambda pair: (by_start(pair[0]), by_start(pair[1])),
    )
    by_day: dict[date, list[AgendaItem]] = defaultdict(list)
    for item in items:
        by_day[item.start.date()].append(item)
    days = [
        _day(day, sorted(by_day.get(day, []), key=lambda i: (absolute(i.start), absolute(i.end), i.title)),
             hours.get(day), day_numbers)  # fmt: skip
        for day in sorted(set(hours) | set(by_day))
    ]
    return AgendaView(
        conference_id=conference.id,
        conference_identity=conference.identity,
        conference_title=conference.title,
        time_zone=conference.time_zone,
        days=tuple(days),
        clashes=tuple(Clash(refs[a], refs[b]) for a, b in pairs),
    )


def _day(
    day: date,
    items: list[AgendaItem],
    program: tuple[datetime, datetime] | None,
    day_numbers: dict[date, int],
) -> AgendaDay:
    live = [i for i in items if not i.cancelled]
    if live:
        span_start, span_end = min((i.start for i in live), key=absolute), max((i.end for i in live), key=absolute)
    elif program is not None:
        span_start, span_end = program
    else:
        span_start, span_end = items[0].start, items[-1].end
    gaps = free_gaps([(i.start, i.end) for i in live], span_start, span_end, MIN_GAP)
    return AgendaDay(
        date=day,
        day_index=day_numbers.get(day),
        items=tuple(items),
        gaps=tuple(FreeGap(start, end) for start, end in gaps),
        span_start=span_start,
        span_end=span_end,
        program_start=program[0] if program else None,
        program_end=program[1] if program else None,
    )

