"""Closing a workspace leaves no SQLite connection open, not even one that was out at that moment or
one opened afterwards; the garbage collector would close it at some later moment (and Python 3.13
reports each as a ResourceWarning)."""

from __future__ import annotations

from pathlib import Path

from conference_app.core.workspace import Workspace
from tests.database_cases import connections_made, is_open


def test_a_connection_out_while_the_workspace_closes_is_closed_when_it_comes_back(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "app.sqlite")
    made = connections_made(workspace.database)
    session = workspace.database.sessions()
    session.connection()  # held, as by an import on a worker thread

    workspace.close()
    assert [is_open(connection) for connection in made] == [True]  # still in use
    session.close()

    assert [is_open(connection) for connection in made] == [False]


def test_a_workspace_used_after_closing_leaves_no_connection_open(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "app.sqlite")
    made = connections_made(workspace.database)
    workspace.close()

    # As a window's timer that fires after its workspace was closed does.
    assert workspace.program.conferences() == []
    assert workspace.people.draft() is None

    assert made and not any(is_open(connection) for connection in made)


def test_closing_twice_is_harmless(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "app.sqlite")
    made = connections_made(workspace.database)
    workspace.close()
    workspace.close()

    assert workspace.program.conferences() == []
    assert made and not any(is_open(connection) for connection in made)
