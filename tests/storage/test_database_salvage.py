"""Saving what can still be read from a damaged database into a new one."""

from __future__ import annotations

from pathlib import Path

import pytest

from conference_app.core.domain.planning import ProfileData
from conference_app.core.errors import UserError
from conference_app.core.services.program import SessionFilter
from conference_app.core.storage.database_salvage import salvage
from conference_app.core.workspace import Workspace
from tests.database_cases import break_page, database_with_program, query


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """Every session picked, a profile, then a broken page in the middle of the event table."""
    path, _session = database_with_program(tmp_path, sessions=60)
    workspace = Workspace.open(path)
    try:
        for row in workspace.program.sessions():
            workspace.program.pick(row.id)
        workspace.planning.save_profile(ProfileData(name="Amara Osei", stage="PGY-2"))
    finally:
        workspace.close()
    break_page(path, "event")
    return path


def test_every_readable_row_is_saved_and_nothing_points_at_a_lost_one(damaged: Path, tmp_path: Path) -> None:
    before = damaged.read_bytes()
    target = tmp_path / "saved.sqlite"

    saved = salvage(damaged, target)

    assert saved.damaged_tables == ("event",)
    assert damaged.read_bytes() == before
    assert query(target, "PRAGMA integrity_check") == [("ok",)]
    assert query(target, "PRAGMA foreign_key_check") == []
    workspace = Workspace.open(target)
    try:
        sessions = workspace.program.sessions()
        assert 0 < len(sessions) < 60
        assert max(row.id for row in sessions) == 60  # the rows past the broken page are read too
        assert all(row.picked for row in sessions)  # each saved session keeps its pick …
        assert len(workspace.program.sessions(SessionFilter(picked_only=True))) == len(sessions)  # … lost ones' go
        assert workspace.planning.profile().name == "Amara Osei"
        # The search index holds the saved sessions and no others.
        found = workspace.program.search_ids(None, "surgical training")
        assert found == {row.id for row in sessions}
    finally:
        workspace.close()
    assert saved.dropped == 60 - len(sessions)  # their picks (the index is made from the saved sessions)
    assert saved.rows > len(sessions)


def test_saving_into_an_existing_file_is_refused(damaged: Path, tmp_path: Path) -> None:
    existing = tmp_path / "taken.sqlite"
    existing.write_text("mine")
    with pytest.raises(UserError, match=r"^taken\.sqlite already exists; choose a new file to save into$"):
        salvage(damaged, existing)
    assert existing.read_text() == "mine"
