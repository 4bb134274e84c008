"""`python -m bench [--quick] [--only NAME]`: run the benchmarks and write bench/results/latest.{md,json}."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

from bench import (
    confclerk_startup,
    fuzz_importers,
    import_scaling,
    import_speed,
    mail_sending,
    memory,
    ocr_card,
    people_search,
    qr_codes,
    search_latency,
    startup,
    suggestions,
    vcard_import,
)
from bench.context import FULL, QUICK, REPO, BenchContext
from bench.results import Result, markdown_table, write_results

BENCHMARKS: dict[str, ModuleType] = {
    module.NAME: module
    for module in (
        import_speed, import_scaling, startup, confclerk_startup, memory, search_latency, suggestions, people_search, vcard_import,
        qr_codes, mail_sending, fuzz_importers, ocr_card,
    )
}
DEFAULT_OUTPUT = REPO / "bench" / "results"


def environment(quick: bool) -> dict[str, str]:
    try:
        from PySide6 import __version__ as pyside_version
    except ImportError:
        pyside_version = "absent"
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick (tiny sizes)" if quick else "full",
        "cpu": f"{cpu} × {os.cpu_count()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "PySide6": pyside_version,
        "platform": platform.platform(terse=True),
        "load average at start": f"{os.getloadavg()[0]:.1f}",
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def run_benchmarks(names: list[str], context: BenchContext) -> tuple[list[Result], dict[str, str]]:
    """Run the named benchmarks in order; a benchmark that fails becomes a note, not the end of the run."""
    results: list[Result] = []
    failures: dict[str, str] = {}
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            results.extend(BENCHMARKS[name].run(context))
        except Exception as error:  # noqa: BLE001 - reported, and the other benchmarks still run
            failures[name] = f"{type(error).__name__}: {error}"
            print(traceback.format_exc(), file=sys.stderr, flush=True)
        print(f"   {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return results, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run the benchmarks and write a table.")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a few seconds: proves each benchmark runs")
    parser.add_argument("--only", action="append", choices=list(BENCHMARKS), metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT, help="folder for latest.md and latest.json")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder with the generated files")
    args = parser.parse_args(argv)

    names = [name for name in BENCHMARKS if name in (args.only or BENCHMARKS)]  # memory reuses startup's runs
    setting = environment(args.quick)
    workdir = Path(tempfile.mkdtemp(prefix="conference-bench-"))
    context = BenchContext(workdir, QUICK if args.quick else FULL)
    try:
        results, failures = run_benchmarks(names, context)
    finally:
        if args.keep:
            print(f"scratch files kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    markdown, data = write_results(args.out, results, setting, failures)
    print(markdown_table(results, setting, failures))
    print(f"written: {markdown} and {data}")
    if failures:
        print(f"failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
