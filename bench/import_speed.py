"""Import speed, as a user runs it: whole processes, interpreter start included.

Measured: `python -m conference_app import PROGRAM --db DB --json`, from fork to exit. Floor:
`python -m bench.plain_program_import PROGRAM DB` (lxml parse, sqlite3 executemany in one
transaction, a simple FTS5 index; see that module). Each is timed into a fresh database and into
one that already holds another program (the bundled demo congress, put there first by the same
side, untimed). The two sides run interleaved, each first in every other run, `import_repeats`
times each (FOSDEM 2026: `real_file_import_repeats`), each starting once the disk has taken what
the last run wrote; medians are compared.

The app's import returns once the program is stored and browsable; the sessions' search index is
finished after it (by the window in the background, or by the first search: see
core/storage/event_index.py), while the floor fills its simpler index inside. What that leaves to
do is its own figure: the first search after importing FOSDEM, against the same search again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

from bench.context import FOSDEM_2026, REPO, BenchContext
from bench.results import Result, skipped
from bench.timing import ProcessRun, median, run_process

NAME = "import"
TARGET_RATIO = 1.5
SIZE_TARGET_RATIO = 1.5
FIRST_SEARCH = "import.fosdem-2026.first-search"
FLOOR_LABEL = "a process: lxml parse + sqlite3 executemany + a simple FTS5 index"
DEMO = REPO / "conference_app" / "resources" / "demo" / "congress.xml"


def _run(context: BenchContext, command: list[str]) -> ProcessRun:
    run = run_process(command, context.child_env(), REPO, timeout=3600)
    if run.returncode != 0:
        last_line = (run.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{' '.join(command[1:4])} exited with {run.returncode}: {last_line}")
    return run


def app_import(context: BenchContext, program: Path, database: Path) -> tuple[float, int]:
    """One `conference-app import` process: (wall ms, sessions)."""
    run = app_import_run(context, program, database)
    return run.wall_ms, int(json.loads(run.stdout)["sessions"])


def app_import_run(context: BenchContext, program: Path, database: Path) -> ProcessRun:
    return _run(context, [sys.executable, "-m", "conference_app", "import", str(program), "--db", str(database),
                          "--json"])


def floor_import(context: BenchContext, program: Path, database: Path) -> float:
    return _run(context, [sys.executable, "-m", "bench.plain_program_import", str(program), str(database)]).wall_ms


def lone_import(context: BenchContext, program: Path, name: str) -> ProcessRun:
    """One app import into a database of its own, removed after: large runs would fill the disk."""
    run = app_import_run(context, program, context.fresh_database(name))
    context.fresh_database(name)
    return run


def finish_search_index(context: BenchContext, database: Path) -> None:
    """What the first search after an import does (untimed): finish the index the import left to finish."""
    _run(context, [sys.executable, "-m", "conference_app", "sessions", "--search", "surgery", "--json", "--db",
                   str(database)])


def database_bytes(database: Path) -> int:
    """The file's size once its write-ahead log is folded in, as it sits on the disk between uses."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return database.stat().st_size


def compare(
    context: BenchContext, key: str, label: str, program: Path, holding_a_program: bool, repeats: int
) -> Result:
    app_runs, floors = [], []
    sizes = (0, 0)
    sessions = 0
    where = "a database already holding a program" if holding_a_program else "a fresh database"
    for number in range(repeats):
        app_db, floor_db = context.fresh_database(f"{key}-app"), context.fresh_database(f"{key}-floor")
        if holding_a_program:
            app_import(context, DEMO, app_db)
            floor_import(context, DEMO, floor_db)
        # Each side goes first every other run, and starts once what the last run wrote is on the
        # disk, so neither is timed while the other's writes are still being flushed.
        for side in ("app", "floor") if number % 2 == 0 else ("floor", "app"):
            os.sync()
            context.say(f"{label} into {where}: {side} ({number + 1})")
            if side == "floor":
                floors.append(floor_import(context, program, floor_db))
                continue
            wall_ms, sessions = app_import(context, program, app_db)
            app_runs.append(wall_ms)
        finish_search_index(context, app_db)  # the size of the file as it is used: with its index whole
        sizes = (database_bytes(app_db), database_bytes(floor_db))
        context.fresh_database(f"{key}-app")
        context.fresh_database(f"{key}-floor")
    return Result(
        key, f"{label} ({sessions:,} sessions) into {where}", "ms", median(app_runs), median(floors), FLOOR_LABEL,
        TARGET_RATIO, "ratio", details={"runs": len(app_runs), "sessions": sessions, "app_bytes": sizes[0],
                                      "floor_bytes": sizes[1]},
    )


def first_search(context: BenchContext, program: Path, label: str, repeats: int) -> Result:
    """What the import leaves to finish after it returns: the first `sessions --search` process after
    an import (it finishes the search index first) against the same command once the index is whole."""
    firsts, agains = [], []
    command = [sys.executable, "-m", "conference_app", "sessions", "--search", "surgery", "--json", "--db"]
    for number in range(repeats):
        database = context.fresh_database("first-search")
        app_import(context, program, database)
        os.sync()
        context.say(f"first search after {label} ({number + 1})")
        firsts.append(_run(context, [*command, str(database)]).wall_ms)
        os.sync()
        agains.append(_run(context, [*command, str(database)]).wall_ms)
    context.fresh_database("first-search")
    return Result(FIRST_SEARCH, f"first search after {label}, which finishes the search index", "ms",
                  median(firsts), median(agains), "the same search once the index is finished", None, "ratio",
                  details={"runs": len(firsts)})


def size_result(key: str, label: str, compared: Result) -> Result:
    """The database file the import left, against the floor's, both with their logs folded in."""
    app_bytes, floor_bytes = float(compared.details["app_bytes"]), float(compared.details["floor_bytes"])
    return Result(key, label, "MB", app_bytes / 1e6, floor_bytes / 1e6, "the floor's database (same program)",
                  SIZE_TARGET_RATIO, "ratio", details={"sessions": compared.details["sessions"]})


def run(context: BenchContext) -> list[Result]:
    results = []
    for holding, suffix in ((False, ""), (True, ".existing")):
        key = f"import.fosdem-2026{suffix}"
        reason = ""
        if not context.sizes.real_files:
            reason = "not run in this mode"
        elif not FOSDEM_2026.is_file():
            reason = f"{FOSDEM_2026} is not here (it sits beside the project's CI clone)"
        if reason:
            results.append(skipped(key, "import FOSDEM 2026", "ms", TARGET_RATIO, "ratio", reason))
            if not holding:
                results.append(skipped(FIRST_SEARCH, "first search after importing FOSDEM 2026", "ms", None, "ratio",
                                       reason))
            continue
        results.append(compare(context, key, "import FOSDEM 2026", FOSDEM_2026, holding,
                               context.sizes.real_file_import_repeats))
        if not holding:
            results.append(first_search(context, FOSDEM_2026, "importing FOSDEM 2026", context.sizes.import_repeats))
    sizes = context.sizes
    program = context.program(sizes.sessions, sizes.speakers)
    label = f"import generated, {sizes.speakers:,} speakers"
    generated = compare(context, "import.generated", label, program, False, sizes.import_repeats)
    results.append(generated)
    results.append(size_result("import.database-size", f"database size after importing {sizes.sessions:,} sessions",
                               generated))
    results.append(compare(context, "import.generated.existing", label, program, True, sizes.import_repeats))
    return results
