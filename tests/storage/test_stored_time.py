"""Times written by the bulk import read back through the ORM, whatever the year."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy.dialects import sqlite

from conference_app.core.storage.bulk import stored_time
from conference_app.core.workspace import Workspace
from tests.frab_builder import FrabEvent, write_frab


@pytest.mark.parametrize("year", [23, 999, 1970, 2026, 9999])
def test_stored_time_is_what_sqlalchemy_writes_and_reads(year: int) -> None:
    moment = datetime(year, 9, 11, 9, 30, 5, 120, tzinfo=timezone.utc)
    own = sqlite.DATETIME().bind_processor(sqlite.dialect())
    assert own is not None
    assert stored_time(moment) == own(moment.replace(tzinfo=None))
    assert stored_time(moment.astimezone(timezone(timedelta(hours=2)))) == stored_time(moment)


def test_a_program_dated_in_a_three_digit_year_imports_and_imports_again(tmp_path: Path) -> None:
    """A damaged year ("0923") once left times that made every later import of that program fail."""
    path = write_frab(tmp_path, "old.xml", [FrabEvent("1", "Lost in time", "0923-09-11T11:30")])
    workspace = Workspace.open(tmp_path / "app.sqlite")
    try:
        workspace.program.import_program(path)
        report = workspace.program.import_program(path).value
        assert report.updated and report.sessions == 1
    finally:
        workspace.close()
