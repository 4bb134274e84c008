"""Clashes and free gaps in a day plan."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from conference_app.core.domain.agenda import clashes, free_gaps

BERLIN = ZoneInfo("Europe/Berlin")


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, 11, hour, minute, tzinfo=BERLIN)


def test_overlapping_items_clash_both_ways() -> None:
    result = clashes([
        ("keynote", at(9), at(10)),
        ("workshop", at(9, 30), at(11)),
        ("lunch", at(12), at(13)),
    ])

    assert result == {"keynote": ["workshop"], "workshop": ["keynote"], "lunch": []}


def test_touching_ends_do_not_clash() -> None:
    assert clashes([("a", at(9), at(10)), ("b", at(10), at(11))]) == {"a": [], "b": []}


def test_one_long_item_clashes_with_each_it_covers() -> None:
    result = clashes([
        ("poster", at(9), at(12)),
        ("talk-1", at(9), at(9, 30)),
        ("talk-2", at(10), at(10, 30)),
        ("talk-3", at(12), at(12, 30)),
    ])

    assert sorted(result["poster"]) == ["talk-1", "talk-2"]
    assert result["talk-1"] == ["poster"]
    assert result["talk-2"] == ["poster"]
    assert result["talk-3"] == []


def test_clashes_compare_instants_across_zones() -> None:
    london = ZoneInfo("Europe/London")
    # 09:30 in London is 10:30 in Berlin: after the Berlin talk ends.
    result = clashes([("berlin", at(9), at(10)), ("london", datetime(2026, 6, 11, 9, 30, tzinfo=london), at(11, 30))])
    assert result == {"berlin": [], "london": []}
    result = clashes([("berlin", at(9), at(10)), ("london", datetime(2026, 6, 11, 8, 45, tzinfo=london), at(11))])
    assert result == {"berlin": ["london"], "london": ["berlin"]}


def test_a_zero_length_item_clashes_with_nothing() -> None:
    assert clashes([("marker", at(9, 30), at(9, 30)), ("talk", at(9), at(10))]) == {"talk": [], "marker": []}


def test_free_gaps_between_busy_items() -> None:
    busy = [(at(9), at(10)), (at(9, 30), at(10, 30)), (at(11), at(12)), (at(14), at(15))]

    gaps = free_gaps(busy, at(8), at(17), timedelta(minutes=45))

    assert gaps == [(at(8), at(9)), (at(12), at(14)), (at(15), at(17))]  # 10:30–11:00 is too short


def test_free_gaps_of_an_empty_day_and_a_full_day() -> None:
    assert free_gaps([], at(8), at(18), timedelta(minutes=30)) == [(at(8), at(18))]
    assert free_gaps([(at(7), at(19))], at(8), at(18), timedelta(minutes=1)) == []


def test_free_gaps_take_unsorted_input_and_items_nested_in_others() -> None:
    busy = [(at(13), at(14)), (at(9), at(12)), (at(10), at(11))]

    assert free_gaps(busy, at(9), at(15), timedelta(minutes=30)) == [(at(12), at(13)), (at(14), at(15))]


def test_no_clash_between_the_two_0215s_of_the_night_the_clocks_go_back() -> None:
    # 25 Oct 2026 in Berlin: 02:10–02:30 CEST, then an hour later 02:15–02:45 CET (fold=1).
    first = (datetime(2026, 10, 25, 2, 10, tzinfo=BERLIN), datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN))
    second = (datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=BERLIN), datetime(2026, 10, 25, 2, 45, fold=1, tzinfo=BERLIN))
    night = (datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN), datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN))

    assert clashes([("first", *first), ("second", *second)]) == {"first": [], "second": []}
    result = clashes([("first", *first), ("second", *second), ("night", *night)])
    assert sorted(result["night"]) == ["first", "second"]


def test_free_gaps_count_the_repeated_hour() -> None:
    # 02:30 CEST to 02:30 CET is a free hour, though the wall clock shows none.
    busy = [(datetime(2026, 10, 25, 1, 0, tzinfo=BERLIN), datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)),
            (datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN), datetime(2026, 10, 25, 3, 0, tzinfo=BERLIN))]

    gaps = free_gaps(busy, busy[0][0], busy[1][1], timedelta(minutes=30))

    assert [(start.utcoffset(), end.utcoffset(), end - start) for start, end in gaps] == [
        (timedelta(hours=2), timedelta(hours=1), timedelta(0))  # same wall clock, an hour apart
    ]
    assert gaps[0][1].astimezone(ZoneInfo("UTC")) - gaps[0][0].astimezone(ZoneInfo("UTC")) == timedelta(hours=1)
