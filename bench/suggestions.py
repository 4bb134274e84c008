"""Suggestions for a goal: `workspace.suggestions.suggest(goal_id)` over the filled database.

The goal is a "meet" goal (sessions and speakers are both ranked) with two keywords, a target
institution and a wanted role, stored as an ORM Goal row in a private copy of the database.
Floor: one plain FTS5 query of the same keywords ranked by bm25 on the same file. p95 over
`suggestion_rounds` calls each (after a warm-up call); target p95 ≤ 100 ms.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from bench.context import BenchContext, conference_id
from bench.results import Result, skipped
from bench.timing import percentile, timed_ms

NAME = "suggestions"
LIMIT_MS = 100.0
KEYWORDS = ["surgical oncology", "pancreatic"]
FLOOR_QUERY = "SELECT rowid, bm25(event_fts) FROM event_fts WHERE event_fts MATCH ? ORDER BY bm25(event_fts) LIMIT 200"
FLOOR_MATCH = " OR ".join(f'"{keyword}"' for keyword in KEYWORDS)


def _add_goal(workspace, conference: int) -> int:  # type: ignore[no-untyped-def]
    from conference_app.core.storage.models import Goal

    with workspace.database.sessions.begin() as session:
        goal = Goal(
            conference_id=conference, kind="meet", title="Meet surgical oncologists", target_count=3,
            keywords=KEYWORDS, institutions=["Lakeshore University Medical Center"], roles=["Program Director"],
            deadline=None, status="active", created_at=datetime.now(timezone.utc),
        )
        session.add(goal)
        session.flush()
        return goal.id


def _floor_query(connection: sqlite3.Connection) -> list[tuple[int, float]]:
    return connection.execute(FLOOR_QUERY, (FLOOR_MATCH,)).fetchall()


def run(context: BenchContext) -> list[Result]:
    from conference_app.core.workspace import Workspace

    label = f"suggestions for a goal, p95 ({context.sizes.sessions:,} sessions)"
    database = context.copy_of_filled_database("suggestions")
    workspace = Workspace.open(database)
    bare = sqlite3.connect(database)
    try:
        suggest = getattr(workspace.suggestions, "suggest", None)
        if suggest is None:
            return [skipped("suggestions.p95", label, "ms", LIMIT_MS, "measured",
                            "not available: SuggestionService has no suggest() yet")]
        goal_id = _add_goal(workspace, conference_id(database))
        app_ms: list[float] = []
        floor_ms: list[float] = []
        found: list[int] = []
        context.say(f"suggestions: {context.sizes.suggestion_rounds} calls")
        for round_number in range(context.sizes.suggestion_rounds + 1):
            app_time, suggestions = timed_ms(suggest, goal_id)
            floor_time, _ = timed_ms(_floor_query, bare)
            if round_number:  # the first call warms the caches
                app_ms.append(app_time)
                floor_ms.append(floor_time)
                found.append(len(suggestions))
    finally:
        bare.close()
        workspace.close()
    return [
        Result("suggestions.p95", label, "ms", percentile(app_ms, 0.95), percentile(floor_ms, 0.95),
               "plain FTS5 bm25 query", LIMIT_MS, "measured",
               details={"calls": len(app_ms), "p50_ms": percentile(app_ms, 0.5), "suggestions": max(found)}),
    ]
