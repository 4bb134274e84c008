"""People search as you type: what the people page runs per keystroke, over 10,000 people.

Measured, per prefix: what the People page runs for a keystroke in its search box: the people it
loaded once (`workspace.people.people()`, timed apart as the list's load) filtered in memory by
`filter_people` with the typed words, for the 1–6 letter prefixes of surnames, first names, an institution
and an email domain. The people are generated (bench/people_cards.py: unique emails and phones,
so no card matches another) and stored once through `people.import_cards`, the way a .vcf import
stores them. Floor: a plain sqlite3 LIKE query for the same prefix over the same names on the same
file (`SELECT id, name FROM contact WHERE name LIKE '%' || ? || '%' ORDER BY name`). p50 and p95 over
every keystroke of `search_rounds` passes (after one warm-up pass, as time allows); target p95 ≤ 16 ms.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone

from bench.context import QUICK, BenchContext
from bench.people_cards import as_cards, generate_people
from bench.results import Result
from bench.timing import percentile, timed_ms

NAME = "people-search"
LIMIT_MS = 16.0
FULL_PEOPLE = 10_000
QUICK_PEOPLE = 60
WORDS = ("okafor", "mensah", "lindqvist", "priya", "lakeshore", "gmail")
PREFIXES = tuple(word[:length] for word in WORDS for length in range(1, 7))
FLOOR_QUERY = "SELECT id, name FROM contact WHERE name LIKE '%' || ? || '%' ORDER BY name COLLATE NOCASE"
FLOOR_LABEL = "plain sqlite3 LIKE on names"
BUDGET_S = 60.0  # more passes while under this; the first pass always completes


def people_count(context: BenchContext) -> int:
    """10,000 people in the full run, a handful in --quick (a `people` size, once Sizes has one, wins)."""
    return int(getattr(context.sizes, "people", QUICK_PEOPLE if context.sizes == QUICK else FULL_PEOPLE))


def run(context: BenchContext) -> list[Result]:
    from conference_app.core.domain.people import Obtained
    from conference_app.core.domain.people_filter import PeopleFilter, filter_people
    from conference_app.core.workspace import Workspace

    count = people_count(context)
    database = context.fresh_database("people-search")
    workspace = Workspace.open(database)
    try:
        context.say(f"people search: storing {count:,} generated people through import_cards")
        build_ms, outcome = timed_ms(workspace.people.import_cards, as_cards(generate_people(count)), Obtained.VCARD)
        if outcome.value.imported != count:
            raise RuntimeError(f"expected {count} new people, import_cards made {outcome.value.imported}")
    finally:
        workspace.close()

    workspace = Workspace.open(database)
    bare = sqlite3.connect(database)
    try:
        load_ms, everyone = timed_ms(workspace.people.people)
        now = datetime.now(timezone.utc)

        def keystroke(prefix: str) -> int:
            return len(filter_people(everyone, PeopleFilter.typed(prefix), now))

        def bare_like(prefix: str) -> int:
            return len(bare.execute(FLOOR_QUERY, (prefix,)).fetchall())

        listed = len(everyone)
        list_floor_ms, _names = timed_ms(lambda: bare.execute("SELECT id, name FROM contact ORDER BY name").fetchall())
        app_ms: list[float] = []
        floor_ms: list[float] = []
        found: dict[str, int] = {}
        note = ""
        context.say(f"people search: {len(PREFIXES)} prefixes × {context.sizes.search_rounds} rounds")
        started = time.perf_counter()
        for round_number in range(context.sizes.search_rounds + 1):
            pass_app, pass_floor = [], []
            for prefix in PREFIXES:
                elapsed, found[prefix] = timed_ms(keystroke, prefix)
                pass_app.append(elapsed)
                pass_floor.append(timed_ms(bare_like, prefix)[0])
            spent = time.perf_counter() - started
            if round_number == 0 and spent < BUDGET_S:
                continue  # the first pass warms the caches
            app_ms += pass_app
            floor_ms += pass_floor
            if spent >= BUDGET_S and round_number < context.sizes.search_rounds:
                passes = len(app_ms) // len(PREFIXES)
                note = (f"stopped after {passes} timed pass{'es' if passes > 1 else ''} of {len(PREFIXES)} keystrokes "
                        f"({spent:.0f} s; the budget is {BUDGET_S:.0f} s){'' if round_number else ', without a warm-up pass'}")
                break
    finally:
        bare.close()
        workspace.close()
    if listed != count:
        raise RuntimeError(f"the people page lists {listed} people, {count} were imported")
    size = f"{count:,} people"
    slowest = max(range(len(app_ms)), key=app_ms.__getitem__)
    details: dict[str, float | int | str] = {
        "people": count, "keystrokes": len(app_ms), "words": ", ".join(WORDS), "max_ms": app_ms[slowest],
        "slowest_prefix": PREFIXES[slowest % len(PREFIXES)], "build_ms": round(build_ms), "load_ms": round(load_ms),
        "matches_for_" + WORDS[0]: found.get(WORDS[0], 0),
    }
    return [
        Result("people_search.p50", f"people search as you type, p50 ({size})", "ms", percentile(app_ms, 0.5),
               percentile(floor_ms, 0.5), FLOOR_LABEL, details=details),
        Result("people_search.p95", f"people search as you type, p95 ({size})", "ms", percentile(app_ms, 0.95),
               percentile(floor_ms, 0.95), FLOOR_LABEL, LIMIT_MS, "measured", note=note, details=details),
        Result("people_search.load", f"people list loaded ({size})", "ms", load_ms, list_floor_ms,
               "plain sqlite3 SELECT of every name",
               note="once when the page opens and after a change to people; search then filters in memory"),
    ]
