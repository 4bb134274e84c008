"""The program's plain-SQL reads (the window's first screen, facets, a session's details) give what
the ORM reads gave before them, and read no more than they need."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from conference_app.core.domain.program import Facets, SessionDetail
from conference_app.core.domain.text import safe_html
from conference_app.core.errors import NotFoundError
from conference_app.core.services import program_reads
from conference_app.core.services.getting_started import PROFILE_FIELDS, GettingStarted, StartProgress
from conference_app.core.services.program import ProgramService, SessionFilter
from conference_app.core.services.program_import import CURRENT_CONFERENCE
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import Conference, Event, Goal, Pick, Profile
from conference_app.core.storage.settings import get_setting
from conference_app.core.workspace import Workspace
from conference_app.ui.first_screen import read_first_screen

from tests.frab_builder import FrabEvent, write_congress, write_frab

CHICAGO = [
    FrabEvent("1", "Vascular Access Workshop", "2026-10-05T08:00", "01:30", room="Salon 1", track="Vascular",
              persons=(("7", "Zoe Mueller"), ("8", "Ade Okafor"))),
    FrabEvent("2", "Acute Care Surgery Debate", "2026-10-05T13:00", "01:00", room="salon 2", type="panel"),
    FrabEvent("3", "Late Trauma Rounds", "2026-10-06T23:30", "01:00", room="Salon 1", track="trauma",
              persons=(("8", "Ade Okafor"),)),
]


@pytest.fixture
def two_conferences(program: ProgramService, tmp_path: Path) -> tuple[int, int]:
    berlin = program.import_program(write_congress(tmp_path)).value.conference_id
    chicago = program.import_program(
        write_frab(tmp_path, "chicago.xml", CHICAGO, acronym="acs-cc26", title="Clinical Congress 2026",
                   time_zone="America/Chicago")
    ).value.conference_id
    return berlin, chicago


@pytest.fixture
def plain(workspace: Workspace) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to the workspace's file, closed after the test."""
    connection = sqlite3.connect(workspace.path)
    yield connection
    connection.close()


# The reads as they were (through the ORM), to compare the plain ones with.


def facets_before(workspace: Workspace, conference_id: int) -> Facets:
    with workspace.database.sessions() as session:
        conference = get_or_raise(session, Conference, conference_id, "conference")
        zone = ZoneInfo(conference.time_zone)
        days = {}
        for day, first in session.execute(
            select(Event.day_index, func.min(Event.start)).where(Event.conference_id == conference_id)
            .group_by(Event.day_index)
        ):
            days[day] = first.astimezone(zone).date()

        def distinct(column) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
            values = session.scalars(select(column).where(Event.conference_id == conference_id).distinct())
            return tuple(sorted((v for v in values if v), key=str.casefold))

        return Facets(tuple(sorted(days.items())), distinct(Event.track), distinct(Event.room), distinct(Event.type))


def detail_before(workspace: Workspace, event_id: int) -> SessionDetail:
    with workspace.database.sessions() as session:
        event = get_or_raise(session, Event, event_id, "session")
        with closing(sqlite3.connect(workspace.path)) as connection:
            (row,) = program_reads.session_rows(connection, event_ids=(event_id,))
        body = event.abstract
        if event.description and event.description.strip() != event.abstract.strip():
            body = f"{body}\n\n{event.description}" if body else event.description
        return SessionDetail(row, event.subtitle, safe_html(body), event.language,
                             tuple((str(t), str(u)) for t, u in event.links), event.speaker_refs(),
                             str(row.start.tzinfo))  # fmt: skip


def progress_before(workspace: Workspace, conference_id: int | None) -> StartProgress:
    with workspace.database.sessions() as session:
        profile = session.get(Profile, 1)
        missing = tuple(f for f in PROFILE_FIELDS if not (getattr(profile, f, "") or "").strip())
        goals = select(func.count()).select_from(Goal).where(Goal.status == "active")
        if conference_id is not None:
            goals = goals.where((Goal.conference_id == conference_id) | Goal.conference_id.is_(None))
        picks = 0
        if conference_id is not None:
            picks = session.scalar(select(func.count()).select_from(Pick).join(Event, Event.id == Pick.event_id)
                                   .where(Event.conference_id == conference_id)) or 0  # fmt: skip
        return StartProgress(missing, (profile.stage if profile else "") or "", session.scalar(goals) or 0, picks,
                             bool(get_setting(session, "getting_started.hidden", False)))  # fmt: skip


def test_the_facets_query_returns_what_the_four_scans_did(workspace, program, two_conferences) -> None:
    for conference_id in two_conferences:
        assert program.facets(conference_id) == facets_before(workspace, conference_id)
    chicago = program.facets(two_conferences[1])
    assert chicago.rooms == ("Salon 1", "salon 2") and chicago.tracks == ("trauma", "Vascular")
    assert [day for day, _date in chicago.days] == [1, 2]
    with pytest.raises(NotFoundError):
        program.facets(9999)


def test_the_facets_are_read_in_one_query(workspace, program, two_conferences, plain) -> None:
    statements: list[str] = []
    connection = plain
    connection.set_trace_callback(statements.append)
    program_reads.facets(connection, two_conferences[0])
    assert len([s for s in statements if "FROM event" in s]) == 1


def test_session_details_are_as_before_and_read_only_their_own_speakers(workspace, program, two_conferences, plain) -> None:
    for conference_id in two_conferences:
        for row in program.sessions(SessionFilter(conference_id)):
            assert program.session_detail(row.id) == detail_before(workspace, row.id)
    statements: list[str] = []
    connection = plain
    connection.set_trace_callback(statements.append)
    event_id = program.sessions(SessionFilter(two_conferences[1]))[0].id
    detail = program_reads.session_detail(connection, event_id)
    assert [s.name for s in detail.speakers] == ["Zoe Mueller", "Ade Okafor"]
    links_read = [s for s in statements if "FROM event_speaker" in s]
    assert links_read and all("WHERE" in s for s in links_read)  # never every speaker link of the file
    with pytest.raises(NotFoundError):
        program.session_detail(9999)


def _rows_through_the_orm(session, conference_id, picked_only, event_ids):  # type: ignore[no-untyped-def]
    """What the program list must hold, read through the ORM models: (id, public id, title, local
    start and end, day, room, track, type, speakers, priority, cancelled), by start, room and id."""
    query = select(Event, Conference).join(Conference, Conference.id == Event.conference_id)
    if conference_id is not None:
        query = query.where(Event.conference_id == conference_id)
    if event_ids is not None:
        query = query.where(Event.id.in_(event_ids))
    expected = []
    for event, conference in session.execute(query.order_by(Event.start, Event.room, Event.id)):
        pick = session.get(Pick, event.id)
        if picked_only and pick is None:
            continue
        zone = ZoneInfo(conference.time_zone)
        names = tuple(ref.name for ref in event.speaker_refs())
        expected.append((event.id, f"{conference.identity}:{event.identity}", event.title,
                         event.start.astimezone(zone), event.end.astimezone(zone), event.day_index, event.room,
                         event.track, event.type, names, pick.priority if pick else "", event.cancelled))
    return expected


def test_plain_session_rows_hold_what_the_models_hold(workspace, program, two_conferences, plain) -> None:
    berlin, chicago = two_conferences
    program.pick(program.sessions(SessionFilter(chicago))[0].id, "nice")
    connection = plain
    with workspace.database.sessions() as session:
        for arguments in ((None, False, None), (berlin, False, None), (chicago, True, None),
                          (None, False, [r.id for r in program.sessions(SessionFilter(berlin))[:3]])):  # fmt: skip
            rows = program_reads.session_rows(connection, *arguments)
            assert rows and [
                (r.id, r.public_id, r.title, r.start, r.end, r.day_index, r.room, r.track, r.type, r.speaker_names,
                 r.priority, r.cancelled) for r in rows
            ] == _rows_through_the_orm(session, *arguments)
            assert all(r.speakers == ", ".join(r.speaker_names) and r.picked == bool(r.priority) for r in rows)
            zones = {"ascs26": "Europe/Berlin", "acs-cc26": "America/Chicago"}
            assert all(str(r.start.tzinfo) == zones[r.public_id.split(":")[0]] for r in rows)


def test_conferences_and_the_one_in_view_as_the_service_says(workspace, program, two_conferences, plain) -> None:
    berlin, _chicago = two_conferences
    connection = plain
    assert program_reads.conferences(connection) == program.conferences()
    assert program_reads.current_conference_id(connection) == program.current_conference_id()
    program.switch_conference(berlin)
    assert program_reads.current_conference_id(connection) == program.current_conference_id() == berlin
    assert program_reads.CURRENT_CONFERENCE == CURRENT_CONFERENCE


def test_getting_started_progress_as_before(workspace, program, two_conferences) -> None:
    berlin, chicago = two_conferences
    steps = GettingStarted(workspace.database.sessions)
    assert steps.progress(chicago) == progress_before(workspace, chicago)
    program.pick(program.sessions(SessionFilter(berlin))[0].id)
    steps.set_hidden(True)
    for conference_id in (None, berlin, chicago):
        assert steps.progress(conference_id) == progress_before(workspace, conference_id)
    assert steps.progress(berlin).hidden and steps.progress(berlin).picks == 1


def test_the_first_screen_is_what_the_services_read(workspace, program, two_conferences) -> None:
    first = read_first_screen(workspace.path)
    current = program.current_conference_id()
    assert first.conferences == program.conferences() and first.current_id == current == two_conferences[1]
    assert first.facets == program.facets(current)
    assert first.rows == program.sessions(SessionFilter(current))
    assert first.detail == program.session_detail(first.rows[0].id)
    assert first.progress == GettingStarted(workspace.database.sessions).progress(current)


def test_the_first_screen_of_an_empty_file(workspace) -> None:
    first = read_first_screen(workspace.path)
    assert (first.conferences, first.current_id, first.facets, first.rows, first.detail) == ([], None, None, [], None)
