"""What the benchmarks share in one run: sizes, a scratch folder, generated programs and a filled database."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import generate_program
from bench.timing import ProcessRun, run_process

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
FOSDEM_2026 = SHARED_DATA / "frab" / "mttcrsp-fosdem-2026-schedule.xml"


@dataclass(frozen=True)
class Sizes:
    """How big and how often: the full run, or tiny numbers for a smoke test."""

    sessions: int = 10_000
    speakers: int = 8_000
    big_sessions: int = 100_000
    big_speakers: int = 80_000
    import_repeats: int = 5  # imports per side for the import ratios (median)
    real_file_import_repeats: int = 9  # the same for FOSDEM 2026, under a second each: more runs, a steadier median
    big_import_repeats: int = 3  # each beside an import of the main program, for the scaling ratio
    process_repeats: int = 5  # app and floor processes for startup and memory (median)
    search_rounds: int = 5  # passes over every prefix
    suggestion_rounds: int = 40
    real_files: bool = True  # also import the FOSDEM 2026 file


FULL = Sizes()
QUICK = Sizes(
    sessions=60, speakers=48, big_sessions=300, big_speakers=240, import_repeats=1, real_file_import_repeats=1,
    big_import_repeats=1, process_repeats=1, search_rounds=1, suggestion_rounds=3,
)


@dataclass
class BenchContext:
    """Builds each input once per run and hands it to every benchmark that needs it."""

    workdir: Path
    sizes: Sizes = FULL
    log: bool = True
    _programs: dict[tuple[int, int], Path] = field(default_factory=dict)
    _filled: Path | None = None
    _runs: dict[str, list[ProcessRun]] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.log:
            print(f"  {message}", file=sys.stderr, flush=True)

    def program(self, sessions: int, speakers: int) -> Path:
        """A generated frab program of this size (written once per run)."""
        key = (sessions, speakers)
        if key not in self._programs:
            path = self.workdir / f"program-{sessions}-{speakers}.xml"
            self.say(f"generating {sessions:,} sessions / {speakers:,} speakers")
            generate_program(path, sessions, speakers)
            self._programs[key] = path
        return self._programs[key]

    def fresh_database(self, name: str) -> Path:
        """A path for a new database file in the scratch folder (any old one removed)."""
        path = self.workdir / f"{name}.sqlite"
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        return path

    def filled_database(self) -> Path:
        """A database holding the main generated program, imported through the app (built once), its
        search index finished as the window finishes it after an import."""
        if self._filled is None:
            from conference_app.core.workspace import Workspace

            program = self.program(self.sizes.sessions, self.sizes.speakers)
            path = self.fresh_database("filled")
            self.say(f"importing {self.sizes.sessions:,} sessions into the shared database")
            workspace = Workspace.open(path)
            try:
                workspace.program.import_program(program)
                workspace.program.finish_search_index()
            finally:
                workspace.close()
            _checkpoint(path)
            self._filled = path
        return self._filled

    def copy_of_filled_database(self, name: str) -> Path:
        """A private copy of the filled database, for a benchmark that writes to it."""
        source = self.filled_database()
        target = self.fresh_database(name)
        origin, copy = sqlite3.connect(source), sqlite3.connect(target)
        try:
            origin.backup(copy)
        finally:
            origin.close()
            copy.close()
        return target

    def child_env(self) -> dict[str, str]:
        """The environment of app and floor processes: headless, with every user folder in the scratch folder."""
        home = self.workdir / "home"
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from compiled bytecode
        env["CONFERENCE_APP_DATA_DIR"] = str(home / "data")
        for variable, folder in (("XDG_DATA_HOME", "xdg-data"), ("XDG_CONFIG_HOME", "xdg-config"),
                                 ("XDG_CACHE_HOME", "xdg-cache")):
            env[variable] = str(home / folder)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
        return env

    def startup_runs(self, side: str) -> list[ProcessRun]:
        """`process_repeats` runs of the app ("app") or of the bare table window ("floor"), shared by
        the startup and memory benchmarks."""
        if side not in self._runs:
            if side == "app":
                command = [sys.executable, "-m", "conference_app", "--db", str(self.filled_database()),
                           "--exit-after-startup"]
            else:
                command = [sys.executable, "-m", "bench.bare_table_window", str(self.sizes.sessions)]
            runs = []
            for number in range(self.sizes.process_repeats):
                self.say(f"starting the {'app' if side == 'app' else 'bare table window'} ({number + 1})")
                run = run_process(command, self.child_env(), REPO)
                if run.returncode != 0 or reported(run, "startup_ms") is None:
                    last_line = (run.stderr.strip().splitlines() or ["no output"])[-1]
                    raise RuntimeError(f"{' '.join(command[1:3])} exited with {run.returncode}: {last_line}")
                runs.append(run)
            self._runs[side] = runs
        return self._runs[side]


def reported(run: ProcessRun, key: str) -> float | None:
    """A figure the child printed as one JSON line ({"startup_ms": N, ...}), or None."""
    for line in reversed(run.stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line).get(key)
            except (ValueError, AttributeError):
                continue
            if isinstance(value, int | float):
                return float(value)
    return None


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file so copies and readers see one file."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def conference_id(path: Path) -> int:
    """The id of the (only) conference in a benchmark database."""
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT id FROM conference ORDER BY id LIMIT 1").fetchone()
    finally:
        connection.close()
    if row is None:
        raise RuntimeError(f"{path}: no conference")
    return int(row[0])
