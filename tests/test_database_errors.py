"""SQLite's own errors reach the user as one line naming the database, in the CLI and the window,
and nothing stored changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from conference_app.__main__ import main
from conference_app.core.services.people import PeopleService
from conference_app.core.storage.database_errors import database_error
from conference_app.core.workspace import Workspace


def names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [name for (name,) in connection.execute("SELECT name FROM contact ORDER BY id")]
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("sqlite_says", "user_reads"),
    [
        ("database is locked", "app.sqlite is busy: another program"),
        ("attempt to write a readonly database", "app.sqlite is read-only: check the permissions"),
        ("database or disk is full", "app.sqlite cannot grow: the disk is full"),
        ("database disk image is malformed", "app.sqlite is damaged; restore the backup copy"),
        ("something new", "app.sqlite: the database reported an error (something new)"),
    ],
)
def test_each_sqlite_error_has_words_a_user_can_act_on(sqlite_says: str, user_reads: str) -> None:
    wrapped = OperationalError("INSERT …", {}, sqlite3.OperationalError(sqlite_says))
    assert str(database_error(Path("/data/app.sqlite"), wrapped)).startswith(user_reads)
    assert str(database_error(Path("/data/app.sqlite"), sqlite3.OperationalError(sqlite_says))).startswith(user_reads)


def test_a_locked_database_is_one_line_in_the_cli_and_nothing_changes(tmp_path: Path, capsys, monkeypatch) -> None:
    db = tmp_path / "app.sqlite"
    assert main(["--db", str(db), "contacts", "add", "Amara Osei"]) == 0
    capsys.readouterr()
    # Another program holds the write lock for longer than the app waits.
    monkeypatch.setattr(
        "conference_app.core.storage.database._set_sqlite_pragmas",
        _with_short_busy_timeout,
    )
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["--db", str(db), "contacts", "add", "Jonas Berg"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "conference-app: app.sqlite is busy: another program (or another window) is writing to it; "
        "try again in a moment; nothing was changed"
    ]
    assert names(db) == ["Amara Osei"]


def _with_short_busy_timeout(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=100")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def test_a_database_error_in_the_window_is_a_message_not_a_traceback(qtbot, tmp_path, monkeypatch) -> None:
    from conference_app.ui.data_bus import DataBus, run_action
    from conference_app.ui.dialogs import messages

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text: shown.append(text))
    workspace = Workspace.open(tmp_path / "app.sqlite")
    bus = DataBus()
    bus.database_path = workspace.database.path

    def full_disk(self, person_id):  # type: ignore[no-untyped-def]
        raise OperationalError("DELETE …", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(PeopleService, "delete_person", full_disk)
    assert run_action(None, bus, lambda: workspace.people.delete_person(1)) is None  # type: ignore[arg-type]
    assert shown == ["app.sqlite cannot grow: the disk is full; free some space and try again; nothing was changed"]
    workspace.close()
