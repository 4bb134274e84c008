"""The agenda in the hour that repeats when the clocks go back: ordered, spanned and measured in real time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conference_app.core.errors import UserError
from conference_app.core.workspace import Workspace
from tests.frab_builder import FrabEvent, write_frab

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(hour: int, minute: int) -> datetime:
    """A moment on 25 October 2026 given in UTC, as the conference's clock shows it (fold set)."""
    return datetime(2026, 10, 25, hour, minute, tzinfo=timezone.utc).astimezone(BERLIN)


@pytest.fixture
def workspace(tmp_path: Path):
    ws = Workspace.open(tmp_path / "app.sqlite")
    ws.program.import_program(write_frab(tmp_path, "berlin.xml", [FrabEvent("1", "Morning talk", "2026-10-25T09:00")]))
    yield ws
    ws.close()


def test_items_in_the_repeated_hour_keep_their_real_order_and_gap(workspace: Workspace) -> None:
    conference = workspace.program.current_conference_id()
    assert conference is not None
    # 02:40–02:50 summer time, then 02:25–02:40 winter time: the second is later, though its clock reads earlier.
    workspace.agenda.add_personal_item(conference, "Coffee with Dr Berg", berlin(0, 40), berlin(0, 50))
    workspace.agenda.add_personal_item(conference, "Call home", berlin(1, 25), berlin(1, 40))
    (day,) = [d for d in workspace.agenda.agenda(conference).days if d.date.isoformat() == "2026-10-25"]
    assert [i.title for i in day.items][:2] == ["Coffee with Dr Berg", "Call home"]
    assert day.span_start == berlin(0, 40) and day.span_start.fold == 0
    first_gap = day.gaps[0]
    assert (first_gap.start, first_gap.end) == (berlin(0, 50), berlin(1, 25))
    assert first_gap.length == timedelta(minutes=35)
    assert "(35 min)" in first_gap.text


def test_a_personal_item_across_the_repeated_hour_is_measured_in_real_time(workspace: Workspace) -> None:
    conference = workspace.program.current_conference_id()
    assert conference is not None
    # 02:50 summer time to 02:10 winter time: 20 minutes later, though the clock went back.
    item = workspace.agenda.add_personal_item(conference, "Night shift swap", berlin(0, 50), berlin(1, 10)).value
    assert (item.start, item.end) == (berlin(0, 50), berlin(1, 10))
    with pytest.raises(UserError, match="must be after the start"):
        workspace.agenda.add_personal_item(conference, "Backwards", berlin(1, 10), berlin(0, 50))
