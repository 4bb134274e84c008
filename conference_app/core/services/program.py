"""The program as the user browses it: conferences, sessions, speakers, search and picks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from conference_app.core.demo import demo_program_path
from conference_app.core.domain.import_report import ImportReport
from conference_app.core.domain.program import (
    ConferenceSettings,
    ConferenceSummary,
    Facets,
    SessionDetail,
    SessionRow,
    SpeakerDetail,
    SpeakerRef,
    SpeakerRow,
)
from conference_app.core.domain.text import safe_html
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.importers.csv_agenda import SOURCE_FORMAT as CSV_FORMAT
from conference_app.core.importers.program import ReadOptions
from conference_app.core.services import program_reads
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.services.search_index import finish_search_index, search_pending
from conference_app.core.services.program_import import (
    CURRENT_CONFERENCE,
    TITLES_SET_BY_USER,
    Cancelled,
    Progress,
    import_program,
)
from conference_app.core.storage.database import Database
from conference_app.core.storage.event_index import is_pending
from conference_app.core.storage.fts import delete_speaker_index, match_expression, rebuild_event_index
from conference_app.core.storage.session_search import matching_event_ids
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import Conference, Event, EventSpeaker, PersonalItem, Pick, Speaker, Target
from conference_app.core.storage.people_rows import met_speaker_ids
from conference_app.core.storage.picks import pick_session
from conference_app.core.storage.settings import get_setting, put_setting

PRIORITIES = ("must", "nice")


@dataclass(frozen=True)
class SessionFilter:
    conference_id: int | None = None  # None: every conference
    search: str = ""
    picked_only: bool = False


class ProgramService:
    """Every public method is one user action in one transaction, returning plain values."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._sessions = database.sessions

    # --- import ---------------------------------------------------------------------------

    def import_program(
        self,
        path: Path,
        options: ReadOptions | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Outcome[ImportReport]:
        """Read a program file and store it as a new conference or an update of a stored one.

        One transaction: a bad file or a cancel leaves the database exactly as it was.
        """
        database = self._database
        return import_program(database.path, Path(path), options, progress, cancelled, guard=database.guard)

    def load_demo_if_empty(self) -> ImportReport | None:
        """On first run, load the bundled demo congress through the ordinary importer."""
        with self._sessions() as session:
            if session.scalar(select(func.count()).select_from(Conference)):
                return None
        return self.import_program(demo_program_path()).value

    # --- conferences ----------------------------------------------------------------------

    def conferences(self) -> list[ConferenceSummary]:
        with self._sessions() as session:
            counts = dict(
                session.execute(
                    select(Event.conference_id, func.count()).where(~Event.cancelled).group_by(Event.conference_id)
                ).all()
            )
            return [
                ConferenceSummary(
                    c.id, c.identity, c.title, c.time_zone, c.start_date, c.end_date, counts.get(c.id, 0), c.source_file
                )
                for c in session.scalars(select(Conference).order_by(Conference.start_date.desc(), Conference.id))
            ]

    def current_conference_id(self) -> int | None:
        """The conference the user last looked at, or the newest one."""
        with self._sessions() as session:
            chosen = get_setting(session, CURRENT_CONFERENCE)
            # Stored by switch_conference as an int; anything else is not a conference id.
            if isinstance(chosen, int) and session.get(Conference, chosen) is not None:
                return chosen
            return session.scalar(select(Conference.id).order_by(Conference.imported_at.desc()).limit(1))

    def switch_conference(self, conference_id: int) -> Outcome[None]:
        with self._sessions.begin() as session:
            get_or_raise(session, Conference, conference_id, "conference")
            put_setting(session, CURRENT_CONFERENCE, conference_id)
        return Outcome(None, frozenset({Topic.PROGRAM, Topic.PICKS, Topic.AGENDA}))

    def conference_settings(self, conference_id: int) -> ConferenceSettings:
        with self._sessions() as session:
            return _settings(session, get_or_raise(session, Conference, conference_id, "conference"))

    def update_conference(self, conference_id: int, title: str, time_zone: str) -> Outcome[ConferenceSettings]:
        """Rename a conference and say where it is held, in one transaction.

        A program read from a CSV file had times without a zone: they keep the wall-clock time written
        in the file (09:00 stays 09:00, now in the new zone), and so do the user's own agenda items.
        Other formats give exact moments: those stay, and are shown in the new zone.
        """
        title = " ".join(title.split())
        if not title:
            raise UserError("a conference needs a name")
        try:
            zone = ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise UserError(f"unknown time zone {time_zone!r}") from None
        with self._sessions.begin() as session:
            conference = get_or_raise(session, Conference, conference_id, "conference")
            if title != conference.title:
                conference.title = title
                named = get_setting(session, TITLES_SET_BY_USER, [])
                ids = [i for i in named if isinstance(i, int)] if isinstance(named, list) else []
                put_setting(session, TITLES_SET_BY_USER, sorted({*ids, conference_id}))
            if time_zone != conference.time_zone:
                _move_to_zone(session, conference, zone)
            settings = _settings(session, conference)
        return Outcome(settings, frozenset({Topic.PROGRAM, Topic.PICKS, Topic.AGENDA, Topic.FOLLOW_UPS}))

    def delete_conference(self, conference_id: int) -> Outcome[None]:
        with self._sessions.begin() as session:
            conference = get_or_raise(session, Conference, conference_id, "conference")
            delete_speaker_index(session, conference_id)
            session.delete(conference)
            rebuild_event_index(session)  # without the conference's sessions, gone with it
        return Outcome(None, frozenset({Topic.PROGRAM, Topic.PICKS, Topic.AGENDA}))

    # --- sessions -------------------------------------------------------------------------

    def sessions(self, which: SessionFilter = SessionFilter()) -> list[SessionRow]:
        """Program sessions by start time, in each conference's own zone."""
        if which.search.strip():
            finish_search_index(self._database)
        with self._plain_reads() as (session, connection):
            ids = None
            if which.search.strip():
                ids = self._search_ids(session, which.conference_id, which.search)
            return program_reads.session_rows(connection, which.conference_id, which.picked_only, ids)

    @contextmanager
    def _plain_reads(self) -> Iterator[tuple[Session, sqlite3.Connection]]:
        """A session and its own SQLite connection, for the plain-SQL reads of program_reads.py (in
        the session's transaction). Their errors do not pass through the engine, so a broken page
        met there is told to the write guard here: nothing more is written to a damaged file."""
        with self._sessions() as session:
            try:
                yield session, session.connection().connection.driver_connection  # type: ignore[misc]
            except sqlite3.DatabaseError as error:
                self._database.guard.notice(error)
                raise

    def search_ids(self, conference_id: int | None, search: str) -> set[int]:
        """Ids of the sessions whose title, abstract, track, speakers or affiliations match as typed.
        An index an import left pending is finished first."""
        finish_search_index(self._database)
        with self._sessions() as session:
            return set(self._search_ids(session, conference_id, search))

    def search_ids_if_ready(self, conference_id: int | None, search: str) -> set[int] | None:
        """The same, or None while an import's sessions are not in the index yet: for the window, which
        must not wait for the index and has it finished in the background. One read: the answer and
        whether the index is whole come from the same moment of the file."""
        with self._sessions() as session:
            driver = session.connection().connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            if is_pending(driver):
                return None
            return set(self._search_ids(session, conference_id, search))

    def search_pending(self) -> bool:
        """True while sessions an import stored are not in the search index yet."""
        return search_pending(self._database)

    def finish_search_index(self) -> Outcome[int]:
        """Put what the imports left pending into the search index (one transaction)."""
        return finish_search_index(self._database)

    @staticmethod
    def _search_ids(session: Session, conference_id: int | None, search: str) -> list[int]:
        expression = match_expression(search)
        return matching_event_ids(session, conference_id, expression) if expression else []

    def session_detail(self, event_id: int) -> SessionDetail:
        with self._plain_reads() as (_session, connection):
            return program_reads.session_detail(connection, event_id)

    def resolve_session(self, public_id: str) -> int:
        """The row id of a session given its public id ("conference:session")."""
        conference_identity, _, identity = public_id.partition(":")
        with self._sessions() as session:
            found = session.scalar(
                select(Event.id)
                .join(Conference, Conference.id == Event.conference_id)
                .where(Conference.identity == conference_identity, Event.identity == identity)
            )
        if found is None:
            raise NotFoundError(f"no session with id {public_id!r}")
        return found

    def facets(self, conference_id: int) -> Facets:
        with self._plain_reads() as (_session, connection):
            return program_reads.facets(connection, conference_id)

    # --- picks ----------------------------------------------------------------------------

    def pick(self, event_id: int, priority: str = "must") -> Outcome[SessionRow]:
        """Star a session (or change its priority)."""
        if priority not in PRIORITIES:
            raise UserError(f"priority must be one of {', '.join(PRIORITIES)}, not {priority!r}")
        with self._sessions.begin() as session:
            get_or_raise(session, Event, event_id, "session")
            pick_session(session, event_id, priority, datetime.now(timezone.utc))
        return Outcome(self._one_row(event_id), frozenset({Topic.PICKS, Topic.AGENDA}))

    def unpick(self, event_id: int) -> Outcome[SessionRow]:
        with self._sessions.begin() as session:
            get_or_raise(session, Event, event_id, "session")
            session.execute(delete(Pick).where(Pick.event_id == event_id))
        return Outcome(self._one_row(event_id), frozenset({Topic.PICKS, Topic.AGENDA}))

    def toggle_pick(self, event_id: int) -> Outcome[SessionRow]:
        with self._sessions() as session:
            picked = session.get(Pick, event_id) is not None
        return self.unpick(event_id) if picked else self.pick(event_id)

    def _one_row(self, event_id: int) -> SessionRow:
        return self.session_detail(event_id).row

    # --- speakers -------------------------------------------------------------------------

    def speakers(self, conference_id: int, search: str = "") -> list[SpeakerRow]:
        with self._sessions() as session:
            query = (
                select(Speaker.id, Speaker.name, Speaker.affiliation, Speaker.role, func.count(EventSpeaker.event_id))
                .outerjoin(EventSpeaker, EventSpeaker.speaker_id == Speaker.id)
                .where(Speaker.conference_id == conference_id)
                .group_by(Speaker.id)
                .order_by(func.lower(Speaker.name))
            )
            expression = match_expression(search)
            if expression:
                matching = text("SELECT rowid FROM speaker_fts WHERE speaker_fts MATCH :q").bindparams(q=expression)
                query = query.where(Speaker.id.in_(matching))
            rows = [SpeakerRow(*r) for r in session.execute(query)]
            planned = set(
                session.scalars(
                    select(Target.speaker_id)
                    .join(Speaker, Speaker.id == Target.speaker_id)
                    .where(Speaker.conference_id == conference_id)
                )
            )
            met = met_speaker_ids(session, [r.id for r in rows])
        return [replace(r, planned=r.id in planned, met=r.id in met) for r in rows]

    def speaker_detail(self, speaker_id: int) -> SpeakerDetail:
        with self._plain_reads() as (session, connection):
            speaker = get_or_raise(session, Speaker, speaker_id, "speaker")
            conference = session.get(Conference, speaker.conference_id)
            assert conference is not None
            event_ids = list(session.scalars(select(EventSpeaker.event_id).where(EventSpeaker.speaker_id == speaker_id)))
            ref = SpeakerRef(speaker.id, speaker.name, speaker.affiliation, speaker.role)
            biography = safe_html(speaker.biography)
            rows = program_reads.session_rows(connection, conference.id, event_ids=event_ids)
        return SpeakerDetail(ref, biography, tuple(rows))


def _settings(session: Session, conference: Conference) -> ConferenceSettings:
    first = session.scalar(select(func.min(Event.start)).where(Event.conference_id == conference.id))
    zone = ZoneInfo(conference.time_zone)
    return ConferenceSettings(
        conference.id,
        conference.title,
        conference.time_zone,
        conference.source_format == CSV_FORMAT,
        first.astimezone(zone) if first is not None else None,
    )


def _move_to_zone(session: Session, conference: Conference, zone: ZoneInfo) -> None:
    """Hold the conference in `zone`: times written without a zone keep their wall-clock time."""
    old = ZoneInfo(conference.time_zone)
    conference.time_zone = zone.key
    if conference.source_format == CSV_FORMAT:
        rows: list[Event | PersonalItem] = [
            *session.scalars(select(Event).where(Event.conference_id == conference.id)),
            *session.scalars(select(PersonalItem).where(PersonalItem.conference_id == conference.id)),
        ]
        for row in rows:
            row.start = _same_wall_clock(row.start, old, zone)
            row.end = _same_wall_clock(row.end, old, zone)
        return
    # Exact moments stay; the local calendar days they fall on may not.
    days = [
        moment.astimezone(zone).date()
        for moment in session.scalars(select(Event.start).where(Event.conference_id == conference.id, ~Event.cancelled))
    ]
    if days:
        conference.start_date, conference.end_date = min(days), max(days)


def _same_wall_clock(moment: datetime, old: ZoneInfo, new: ZoneInfo) -> datetime:
    return moment.astimezone(old).replace(tzinfo=new)
