"""Import scaling: importing ten times the sessions should take at most ten times as long.

Measured: a whole `conference-app import` process of the large generated program (100,000
sessions / 80,000 speakers); floor: the same of the main one (10,000 / 8,000), each into a fresh
database. The two run interleaved, `big_import_repeats` times each, each first every other time,
so both meet the machine as it is then; medians are compared. Target ≤ 10×.

Also the large import's peak memory (the process's resident high-water mark), against the size of
its file: a 200 MB program must import in under 1 GB.
"""

from __future__ import annotations

import os

from bench.context import BenchContext
from bench.import_speed import lone_import
from bench.results import Result
from bench.timing import median

NAME = "import-scaling"
TARGET_RATIO = 10.0
MEMORY_LIMIT_MB = 1024.0


def run(context: BenchContext) -> list[Result]:
    sizes = context.sizes
    small = context.program(sizes.sessions, sizes.speakers)
    big = context.program(sizes.big_sessions, sizes.big_speakers)
    small_runs, big_runs, big_peaks = [], [], []
    for number in range(sizes.big_import_repeats):
        for program in (small, big) if number % 2 == 0 else (big, small):
            count = sizes.sessions if program == small else sizes.big_sessions
            context.say(f"import scaling: {count:,} sessions ({number + 1})")
            os.sync()  # each starts once the last one's writes are on the disk
            run = lone_import(context, program, f"scaling-{count}")
            if program == small:
                small_runs.append(run.wall_ms)
            else:
                big_runs.append(run.wall_ms)
                big_peaks.append(run.peak_rss_mb)
    return [
        Result(
            "import.scaling", f"import {sizes.big_sessions:,} vs {sizes.sessions:,} sessions", "ms",
            median(big_runs), median(small_runs), f"{sizes.sessions:,} sessions", TARGET_RATIO, "ratio",
            details={"runs": len(big_runs), "floor_runs": len(small_runs), "sessions": sizes.big_sessions,
                     "floor_sessions": sizes.sessions},
        ),
        Result(
            "import.scaling.memory", f"peak memory importing {sizes.big_sessions:,} sessions", "MB", max(big_peaks),
            big.stat().st_size / 1e6, "the size of the program file", MEMORY_LIMIT_MB, "measured",
            details={"runs": len(big_peaks), "sessions": sizes.big_sessions},
        ),
    ]
