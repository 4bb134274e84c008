"""Databases in trouble, for the tests: a broken page, a read-only file or folder, a full disk, a write
lock held by another connection; and the command line run as a process of its own against them."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest
from sqlalchemy import event

from conference_app.core.storage.database import Database
from conference_app.core.workspace import Workspace
from tests.frab_builder import FrabEvent, write_frab

PROJECT = Path(__file__).resolve().parents[1]
NOBODY = 65534
# Root with no capabilities (none kept, none regained at exec): file permissions bind it like any owner.
WITHOUT_CAPABILITIES = ("setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all")
AS_NOBODY = ("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")
_RUN_CLI = (
    "import sys; sys.path.insert(0, {project!r})\n"
    "{patch}\n"
    "from conference_app.__main__ import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def write_program(folder: Path, acronym: str, title: str, sessions: int, *, name: str = "") -> Path:
    events = [
        FrabEvent(
            str(100 + n),
            f"{title}: session {n}",
            f"2026-06-{11 + n % 3:02d}T{9 + n % 8:02d}:00",
            abstract=f"Session {n} of {title}, on surgical training and research. " * 4,
        )
        for n in range(sessions)
    ]
    return write_frab(folder, name or f"{acronym}.xml", events, acronym=acronym, title=title)


def database_with_program(folder: Path, name: str = "app.sqlite", sessions: int = 40) -> tuple[Path, str]:
    """A database holding one small congress, closed; and the public id of one of its sessions."""
    path = folder / name
    workspace = Workspace.open(path)
    try:
        workspace.program.import_program(write_program(folder, "ascs26", "Annual Surgical Congress", sessions))
        first = workspace.program.sessions()[0]
    finally:
        workspace.close()
    return path, f"ascs26:{_identity(path, first.id)}"


def _identity(path: Path, event_id: int) -> str:
    return str(query(path, "SELECT identity FROM event WHERE id = ?", event_id)[0][0])


def query(path: Path, sql: str, *parameters: object) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def connections_made(database: Database) -> list[sqlite3.Connection]:
    """Every SQLite connection the engine opens from now on, to see later whether each was closed."""
    made: list[sqlite3.Connection] = []
    event.listen(database.engine, "connect", lambda dbapi_connection, _record: made.append(dbapi_connection))
    return made


def is_open(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("SELECT 1")
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed database."
        return False
    return True


def picks(path: Path) -> int:
    return int(query(path, "SELECT count(*) FROM pick")[0][0])


def run_cli(
    *args: object, patch: str = "", as_user: tuple[str, ...] | list[str] = ()
) -> subprocess.CompletedProcess[str]:
    """`conference-app ARGS` in a process of its own; `patch` is Python run first (a test's smaller limits);
    `as_user` a command that runs it as another user."""
    return subprocess.run(
        [*as_user, *cli_command(*args, patch=patch)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def cli_command(*args: object, patch: str = "") -> list[str]:
    return [sys.executable, "-c", _RUN_CLI.format(project=str(PROJECT), patch=patch), *[str(a) for a in args]]


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a command that failed with status 1 and printed nothing."""
    assert (result.returncode, result.stdout) == (1, ""), (result.returncode, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("conference-app: "), result.stderr
    return result.stderr.removeprefix("conference-app: ").rstrip("\n")


def as_json(result: subprocess.CompletedProcess[str]) -> object:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def break_page(path: Path, table: str) -> int:
    """Zero a page of `table` in the middle of it (its root page where SQLite has no dbstat table),
    as a failing disk or a torn copy leaves one; the page number."""
    try:
        leaves = [
            p
            for (p,) in query(
                path, "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", table
            )
        ]
    except sqlite3.OperationalError:  # no such table: dbstat
        leaves = []
    if leaves:
        page = leaves[len(leaves) // 2]
    else:
        (page,) = query(path, "SELECT rootpage FROM sqlite_master WHERE name = ?", table)[0]
    (size,) = query(path, "PRAGMA page_size")[0]
    with open(path, "r+b") as file:  # no connection of this process is open on it
        file.seek((page - 1) * size)
        file.write(bytes(size))
    return int(page)


@contextmanager
def write_lock_held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another connection holding the write lock, as a long import does, until the block ends or it rolls back."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


class Unprivileged:
    """A folder whose permissions bind the command line. When the tests run as root, who ignores file
    permissions, the command line runs as root without the capabilities that let it (through setpriv):
    permissions then bind it as they bind any user on their own files, and it still reads the Python
    under /root. Where capabilities cannot be dropped it runs as `nobody`; else as the tester."""

    def __init__(self) -> None:
        self.user: int | None = None  # whom the files handed to the command line must belong to
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("file permissions bind root only without its capabilities or as another user, "
                            "and setpriv(1) is missing")
            if _binds_permissions(tuple(WITHOUT_CAPABILITIES)):
                self.as_user = list(WITHOUT_CAPABILITIES)
            elif _binds_permissions(tuple(AS_NOBODY)):
                self.user, self.as_user = NOBODY, list(AS_NOBODY)
            else:
                pytest.skip(f"root's capabilities cannot be dropped here, and {PROJECT} or its Python cannot be "
                            "run by an unprivileged user, so permissions cannot be tried on root's behalf")
        self.folder = Path(tempfile.mkdtemp(prefix="conference-app-"))
        os.chmod(self.folder, 0o777)

    def own(self, path: Path) -> None:
        if self.user is not None:
            os.chown(path, self.user, self.user)

    def run(self, *args: object) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, as_user=self.as_user)

    def remove(self) -> None:
        for path in [self.folder, *self.folder.rglob("*")]:
            if path.is_dir():
                os.chmod(path, 0o777)
        shutil.rmtree(self.folder, ignore_errors=True)


@lru_cache(maxsize=None)
def _binds_permissions(as_user: tuple[str, ...]) -> bool:
    """Whether the command line run through `as_user` can start, and is refused a file no one may write."""
    folder = Path(tempfile.mkdtemp(prefix="conference-app-probe-"))
    try:
        os.chmod(folder, 0o755)
        read_only = folder / "read-only"
        read_only.touch(0o444)
        probe = subprocess.run(
            [*as_user, sys.executable, "-c", _PROBE, str(read_only)], cwd="/", capture_output=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT)}, timeout=60,
        )  # fmt: skip
        return probe.returncode == 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_PROBE = (
    "import sys\n"
    "import conference_app.cli\n"
    "try:\n"
    "    open(sys.argv[1], 'a').close()\n"
    "except PermissionError:\n"
    "    sys.exit(0)\n"
    "sys.exit('file permissions do not bind this process')\n"
)


@contextmanager
def tiny_disk(size_kib: int) -> Iterator[Path]:
    """A mounted filesystem of `size_kib` KiB, where the tests may mount one (as root); else the test is skipped."""
    folder = Path(tempfile.mkdtemp(prefix="conference-app-disk-"))
    mounted = (
        os.geteuid() == 0
        and shutil.which("mount") is not None
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )
    if not mounted:
        folder.rmdir()
        pytest.skip("a small filesystem can be mounted only as root with mount(8)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path) -> None:
    """Use up every free byte of the filesystem holding `folder`."""
    with open(folder / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(bytes(4096))
        except OSError:
            pass
