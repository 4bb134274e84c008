"""Peak memory with the main generated program open in the main window.

Measured: the peak resident set (VmHWM) of `conference-app --exit-after-startup` on the filled
database, sampled from /proc while the child runs; not ru_maxrss, which on Linux also counts the
parent's memory that the fork carried over. Floor: the bare table window's peak up to its shown
window (VmHWM, which it prints itself, before it loads the app module only to read the clock).
Medians of the startup benchmark's runs; target ≤ 300 MB (the ratio is shown for information).
"""

from __future__ import annotations

from bench.context import BenchContext, reported
from bench.results import Result
from bench.timing import median

NAME = "memory"
LIMIT_MB = 300.0


def run(context: BenchContext) -> list[Result]:
    app = median([run.peak_rss_mb for run in context.startup_runs("app")])
    floor_runs = context.startup_runs("floor")
    floor = median([reported(run, "peak_rss_mb") or run.peak_rss_mb for run in floor_runs])
    return [
        Result(
            "memory.peak", f"peak memory with {context.sizes.sessions:,} sessions open", "MB", app, floor,
            f"bare window, {context.sizes.sessions:,}-row table", LIMIT_MB, "measured",
            details={"runs": len(floor_runs)},
        )
    ]
