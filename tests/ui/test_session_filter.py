"""The program list's filter: the quick path for a search alone lets through exactly what the full test does."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import product

from conference_app.core.domain.program import SessionRow
from conference_app.ui.models.session_table import SessionFilterState

START = datetime(2026, 6, 11, 9, 0, tzinfo=timezone.utc)


def _rows() -> list[SessionRow]:
    rows = []
    for number, (day, room, track, kind) in enumerate(product((1, 2), ("Hall A", "Hall B"), ("HPB", "Trauma"),
                                                             ("lecture", "panel"))):
        start = START + timedelta(days=day - 1, minutes=30 * number)
        rows.append(SessionRow(number + 1, f"c:{number}", f"Session {number}", start, start + timedelta(minutes=30),
                               day, room, track, kind, "", False, "", False))
    return rows


def test_every_combination_of_filters_selects_what_accepts_lets_through() -> None:
    rows = _rows()
    for day, track, room, kind, ids in product((None, 2), ("", "HPB"), ("", "Hall B"), ("", "panel"),
                                               (None, frozenset({1, 4, 6, 11, 16}), frozenset())):
        state = SessionFilterState(day=day, track=track, room=room, type=kind, matching_ids=ids)
        assert state.select(rows) == [row for row in rows if state.accepts(row)], state


def test_a_search_alone_keeps_the_program_order() -> None:
    rows = _rows()
    assert [row.id for row in SessionFilterState(matching_ids=frozenset({16, 1, 4})).select(rows)] == [1, 4, 16]
    assert SessionFilterState().select(rows) == rows
