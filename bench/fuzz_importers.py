"""Fuzzing every importer: ≥ 10,000 damaged copies of the real files in ../shared/data per format.

Each input goes through the user's own action (a program import, a contacts import) on one
database per format. Passed: nothing but a one-line refusal (UserError) ever comes out, and a
refused file commits nothing (SQLite's data_version, read from a second connection, stays the
same). Any other exception fails the benchmark, naming the seed that reproduces it. The row shows
how many inputs ran and how many of them imported, for information.
"""

from __future__ import annotations

import random
import sqlite3
import time

from bench.context import QUICK, BenchContext
from bench.importer_fuzzing import FORMATS, SHARED_DATA, importer, mutate, seeds
from bench.results import Result, skipped

NAME = "fuzz"
FULL_INPUTS, QUICK_INPUTS = 10_000, 8


def _data_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


def fuzz_format(context: BenchContext, fmt: str, inputs: int) -> Result:
    from conference_app.core.errors import UserError
    from conference_app.core.workspace import Workspace

    files = seeds(fmt)
    texts = [f.read_bytes() for f in files]
    database = context.fresh_database(f"fuzz-{fmt}")
    workspace = Workspace.open(database)
    watcher = sqlite3.connect(database)
    damaged = context.workdir / f"fuzz-input{files[0].suffix}"
    action = importer(fmt, workspace)
    imported = refused = 0
    started = time.perf_counter()
    context.say(f"fuzz: {inputs:,} damaged {fmt} files")
    try:
        for seed in range(inputs):
            rng = random.Random(seed)
            damaged.write_bytes(mutate(rng.choice(texts), rng.choice(texts), rng, steps=rng.randrange(1, 6)))
            before = _data_version(watcher)
            try:
                action(damaged)
            except UserError as error:
                refused += 1
                if "\n" in str(error) or not str(error):
                    raise RuntimeError(f"{fmt} seed {seed}: the refusal is not one line: {str(error)!r}") from None
                if _data_version(watcher) != before:
                    raise RuntimeError(f"{fmt} seed {seed}: a refused file changed the database") from None
            except Exception as error:  # noqa: BLE001 - any other exception is the finding
                raise RuntimeError(f"{fmt} seed {seed}: {type(error).__name__}: {error}") from error
            else:
                imported += 1
    finally:
        watcher.close()
        workspace.close()
    seconds = time.perf_counter() - started
    return Result(
        f"fuzz.{fmt}", f"damaged {fmt} files imported or refused in one line, none crashing", "inputs",
        float(inputs), None, judged="measured",
        note=f"{len(files)} seed files; 0 unhandled exceptions; {refused:,} refused, {imported:,} imported",
        details={"inputs": inputs, "refused": refused, "imported": imported, "seconds": round(seconds, 1)},
    )  # fmt: skip


def run(context: BenchContext) -> list[Result]:
    inputs = QUICK_INPUTS if context.sizes == QUICK else FULL_INPUTS
    if not SHARED_DATA.is_dir():
        return [skipped(f"fuzz.{fmt}", f"damaged {fmt} files", "inputs", None, "measured", f"{SHARED_DATA} is absent")
                for fmt in FORMATS]  # fmt: skip
    return [fuzz_format(context, fmt, inputs) for fmt in FORMATS]
