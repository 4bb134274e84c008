"""Startup: `conference-app --db DB --exit-after-startup` on the filled database against a bare window.

Measured: the app's own {"startup_ms": N} (process start to a filled program list) on a database
holding the main generated program. Floor: bench/bare_table_window.py, a PySide6 window with a
table of as many rows, timed the same way. Medians of `process_repeats` runs each; target ≤ 2×.
"""

from __future__ import annotations

from bench.context import BenchContext, reported
from bench.results import Result
from bench.timing import ProcessRun, median

NAME = "startup"
TARGET_RATIO = 2.0
TICK_MS = 10  # the kernel notes a process's start to the clock tick


def _median_of(runs: list[ProcessRun], key: str) -> float:
    values = [v for v in (reported(run, key) for run in runs) if v is not None]
    return median(values)


def run(context: BenchContext) -> list[Result]:
    app_runs = context.startup_runs("app")
    floor_runs = context.startup_runs("floor")
    for run_ in app_runs + floor_runs:
        figure = reported(run_, "startup_ms") or 0.0
        if not 0 < figure <= run_.wall_ms + TICK_MS:
            raise RuntimeError(f"a reported start-up of {figure:.0f} ms against {run_.wall_ms:.0f} ms timed outside")
    return [
        Result(
            "startup", f"startup with {context.sizes.sessions:,} sessions", "ms",
            _median_of(app_runs, "startup_ms"), _median_of(floor_runs, "startup_ms"),
            f"bare window, {context.sizes.sessions:,}-row table", TARGET_RATIO, "ratio",
            details={
                "runs": len(app_runs),
                "app_all_ms": ", ".join(f"{reported(r, 'startup_ms'):.0f}" for r in app_runs),
                "floor_all_ms": ", ".join(f"{reported(r, 'startup_ms'):.0f}" for r in floor_runs),
                # the same runs timed from outside, fork to exit (so including the window's teardown):
                # each figure the app reports must lie below its own
                "app_wall_ms": ", ".join(f"{r.wall_ms:.0f}" for r in app_runs),
                "floor_wall_ms": ", ".join(f"{r.wall_ms:.0f}" for r in floor_runs),
            },
        )
    ]
