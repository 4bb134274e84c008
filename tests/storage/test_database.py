"""Opening the database file: pragmas, refused files, aware datetimes, foreign keys, search expressions."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError

from conference_app.core.errors import UserError
from conference_app.core.storage.database import Database, open_database
from conference_app.core.storage.database_errors import DatabaseDamaged
from conference_app.core.storage.fts import match_expression
from conference_app.core.storage.models import Conference, Event, Pick
from conference_app.core.workspace import Workspace
from tests.database_cases import database_with_program, query


@pytest.fixture
def database(tmp_path: Path):
    opened = open_database(tmp_path / "app.sqlite")
    yield opened
    opened.engine.dispose()


def _conference(session, identity: str = "ascs26") -> Conference:  # type: ignore[no-untyped-def]
    conference = Conference(
        identity=identity, title="Annual Surgical Congress 2026", imported_at=datetime.now(timezone.utc)
    )
    session.add(conference)
    session.flush()
    return conference


def _event(conference_id: int, start: datetime) -> Event:
    return Event(conference_id=conference_id, identity="101", title="Opening", start=start, end=start)


def test_wal_and_foreign_keys_are_on_for_every_connection(database: Database) -> None:
    for _ in range(2):
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with database.sessions() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "app.sqlite"
    opened = open_database(path)
    opened.engine.dispose()
    assert path.is_file()


def test_an_empty_file_is_set_up_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    path.touch()
    opened = open_database(path)
    opened.engine.dispose()
    assert opened.backup is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.sqlite"]


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Dinner with Dr. Okafor at 19:30\n" * 20, encoding="utf-8")

    with pytest.raises(UserError) as raised:
        open_database(path)

    message = str(raised.value)
    assert message.startswith("notes.sqlite: not a Conference Companion database")
    assert "\n" not in message
    assert path.read_text(encoding="utf-8") == "Dinner with Dr. Okafor at 19:30\n" * 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE event (name TEXT)")
    connection.execute("INSERT INTO event VALUES ('not ours')")
    connection.commit()
    connection.close()
    content = path.read_bytes()

    with pytest.raises(UserError, match=r"^other\.sqlite: not a Conference Companion database"):
        open_database(path)

    assert path.read_bytes() == content  # not switched to WAL, not migrated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_a_folder_that_cannot_be_made_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="cannot create the folder for the database"):
        open_database(blocker / "app.sqlite")


def test_datetimes_come_back_aware_in_utc(database: Database) -> None:
    berlin = datetime(2026, 6, 11, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    with database.sessions.begin() as session:
        conference_id = _conference(session).id
        session.add(_event(conference_id, berlin))

    with database.sessions() as session:
        stored = session.scalars(select(Event)).one()
        raw = session.connection().exec_driver_sql("SELECT start FROM event").scalar()

    assert stored.start == berlin
    assert stored.start.utcoffset() == timezone.utc.utcoffset(None)
    assert stored.start.isoformat() == "2026-06-11T07:00:00+00:00"
    assert raw == "2026-06-11 07:00:00.000000"  # naive UTC text, so it sorts


def test_a_naive_datetime_is_refused(database: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        with database.sessions.begin() as session:
            conference_id = _conference(session).id
            session.add(_event(conference_id, datetime(2026, 6, 11, 9, 0)))
    with database.sessions() as session:
        assert session.scalars(select(Conference)).all() == []


def test_foreign_keys_are_enforced_and_cascade(database: Database) -> None:
    with pytest.raises(IntegrityError):
        with database.sessions.begin() as session:
            session.add(_event(999, datetime.now(timezone.utc)))

    with database.sessions.begin() as session:
        conference_id = _conference(session).id
        event = _event(conference_id, datetime.now(timezone.utc))
        session.add(event)
        session.flush()
        session.add(Pick(event_id=event.id, priority="must", picked_at=datetime.now(timezone.utc)))
    with database.sessions.begin() as session:
        session.delete(session.get(Conference, conference_id))
    with database.sessions() as session:
        assert session.scalars(select(Event)).all() == []
        assert session.scalars(select(Pick)).all() == []


def test_workspace_opens_and_closes(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "app.sqlite")
    try:
        assert workspace.database.path == tmp_path / "app.sqlite"
        assert workspace.program.conferences() == []
    finally:
        workspace.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.sqlite"]  # WAL folded in on close


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("whipple", '"whipple"*'),
        ("robotic whip", '"robotic" "whip"*'),
        ("  Müller,  Zoë ", '"Müller" "Zoë"*'),
        ('"; DROP TABLE event; --', '"DROP" "TABLE" "event"*'),
        ("NOT OR AND", '"NOT" "OR" "AND"*'),
        ("---", ""),
        ("", ""),
    ],
)
def test_match_expression_quotes_every_word(typed: str, expression: str) -> None:
    assert match_expression(typed) == expression


def test_a_page_whose_cells_run_off_it_is_found_when_the_file_is_opened(tmp_path: Path) -> None:
    """Not only a zeroed page: one whose header survives but whose cells are garbled."""
    path, _session = database_with_program(tmp_path, sessions=60)
    leaves = [p for (p,) in query(path, "SELECT pageno FROM dbstat WHERE name = 'event' AND pagetype = 'leaf'")]
    (size,) = query(path, "PRAGMA page_size")[0]
    page = sorted(leaves)[len(leaves) // 2]
    garble = random.Random(2)
    with open(path, "r+b") as file:
        file.seek((page - 1) * size + size // 2)
        file.write(bytes(garble.randrange(256) for _ in range(size // 2)))
    damaged = path.read_bytes()

    with pytest.raises(DatabaseDamaged, match=r"^app\.sqlite is damaged \("):
        open_database(path)

    assert path.read_bytes() == damaged
