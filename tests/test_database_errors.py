"""SQLite's own errors reach the user as one line naming the database and what to do, and nothing stored
changes: each case for real, through `conference-app … --db X` run as a process of its own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from conference_app.core.storage.database_errors import database_error
from tests.database_cases import (
    Unprivileged,
    break_page,
    cli_command,
    database_with_program,
    fill,
    one_line,
    picks,
    query,
    run_cli,
    tiny_disk,
    write_lock_held,
    write_program,
)
from tests.frab_builder import dump

SMALL_LIMITS = (
    "from conference_app.core.storage import write_lock\n"
    "write_lock.WRITE_WAIT_SILENT_S = 0.2\n"
    "write_lock.WRITE_WAIT_LIMIT_S = 1.0\n"
)


@pytest.mark.parametrize(
    ("sqlite_says", "user_reads"),
    [
        ("database is locked", "app.sqlite is busy: another program"),
        ("attempt to write a readonly database", "app.sqlite is read-only: check the permissions"),
        ("database or disk is full", "app.sqlite cannot grow: the disk is full"),
        ("database disk image is malformed", "app.sqlite is damaged (SQLite found a broken page); there is no backup"),
        ("something new", "app.sqlite: the database reported an error (something new)"),
    ],
)
def test_each_sqlite_error_has_words_a_user_can_act_on(sqlite_says: str, user_reads: str, tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    wrapped = OperationalError("INSERT …", {}, sqlite3.OperationalError(sqlite_says))
    assert str(database_error(path, wrapped)).startswith(user_reads)
    assert str(database_error(path, sqlite3.OperationalError(sqlite_says))).startswith(user_reads)


@pytest.fixture
def congress(tmp_path: Path) -> tuple[Path, str]:
    return database_with_program(tmp_path)


def test_a_folder_as_the_database_is_named_as_a_folder(tmp_path: Path) -> None:
    assert one_line(run_cli("sessions", "--db", tmp_path)) == (
        f"{tmp_path} is a folder, not a database file; choose a database file instead"
    )


def test_an_empty_database_name_is_refused(tmp_path: Path) -> None:
    assert one_line(run_cli("sessions", "--db", "")) == "--db names no file; give the path of the database file"
    assert list(tmp_path.iterdir()) == []


def test_a_device_as_the_database_is_refused_without_writing_beside_it() -> None:
    journal = Path("/dev/null-journal")
    existed = journal.exists()
    assert one_line(run_cli("sessions", "--db", "/dev/null")) == (
        "/dev/null is not a regular file (a device, pipe or socket), not a database file; choose a database file instead"
    )
    assert journal.exists() == existed  # SQLite would have made /dev/null-journal as it tried to write


@pytest.fixture
def unprivileged():
    place = Unprivileged()
    yield place
    place.remove()


def test_a_read_only_database_file_is_read_but_not_written(unprivileged: Unprivileged, tmp_path: Path) -> None:
    path, session = database_with_program(unprivileged.folder)
    unprivileged.own(path)
    os.chmod(path, 0o444)
    before = dump(path)

    assert one_line(unprivileged.run("pick", session, "--db", path)) == (
        "app.sqlite is read-only: check the permissions of the file and of its folder; nothing was changed"
    )
    listed = unprivileged.run("sessions", "--db", path)
    assert listed.returncode == 0 and "session 0" in listed.stdout
    assert dump(path) == before


def test_a_healthy_database_in_a_read_only_folder_is_not_called_foreign(unprivileged: Unprivileged) -> None:
    path, _session = database_with_program(unprivileged.folder)
    unprivileged.own(path)
    os.chmod(path, 0o666)
    os.chmod(unprivileged.folder, 0o555)

    message = one_line(unprivileged.run("sessions", "--db", path))

    assert message == (
        f"app.sqlite cannot be opened: its folder {unprivileged.folder} is read-only, and SQLite needs to create "
        "app.sqlite-wal and app.sqlite-shm beside it; make the folder writable, or copy the file to one that is"
    )
    assert "not a Conference Companion database" not in message


def test_log_files_left_read_only_by_a_read_only_open_do_not_block_writes_later(unprivileged: Unprivileged) -> None:
    path, session = database_with_program(unprivileged.folder)
    unprivileged.own(path)
    unprivileged.own(unprivileged.folder)
    os.chmod(unprivileged.folder, 0o755)
    os.chmod(path, 0o444)
    assert unprivileged.run("sessions", "--db", path).returncode == 0  # SQLite makes the -shm file as read-only
    assert os.stat(f"{path}-shm").st_mode & 0o222 == 0
    os.chmod(path, 0o644)  # the user makes the database writable again

    picked = unprivileged.run("pick", session, "--db", path)

    assert (picked.returncode, picked.stderr) == (0, "")
    assert picks(path) == 1


def test_a_full_disk_during_an_import_leaves_the_database_as_it_was(congress, tmp_path: Path) -> None:
    path, _session = congress
    before = dump(path)
    pages = query(path, "PRAGMA page_count")[0][0]
    # SQLite's own limit on the file's size: the disk is full after 20 more pages.
    full_after = f"{SMALL_LIMITS}from conference_app.core.storage import database_file\n" + _limit_pages(pages + 20)
    bigger = write_program(tmp_path, "big26", "Big Congress", 400)

    assert one_line(run_cli("import", bigger, "--db", path, patch=full_after)) == (
        "app.sqlite cannot grow: the disk is full; free some space and try again; nothing was changed"
    )
    assert dump(path) == before


def _limit_pages(pages: int) -> str:
    return (
        "pragmas = database_file.set_pragmas\n"
        "def limited(connection, record):\n"
        "    pragmas(connection, record)\n"
        f"    connection.execute('PRAGMA max_page_count = {pages}')\n"
        "database_file.set_pragmas = limited\n"
    )


def test_a_full_filesystem_during_an_import_leaves_the_database_as_it_was(congress, tmp_path: Path) -> None:
    path, _session = congress
    size_kib = path.stat().st_size // 1024 + 160
    with tiny_disk(size_kib) as disk:
        on_disk = disk / "app.sqlite"
        on_disk.write_bytes(path.read_bytes())
        before = dump(on_disk)
        bigger = write_program(tmp_path, "big26", "Big Congress", 400)

        message = one_line(run_cli("import", bigger, "--db", on_disk))

        assert message == "app.sqlite cannot grow: the disk is full; free some space and try again; nothing was changed"
        assert dump(on_disk) == before


def test_a_healthy_database_on_a_full_disk_is_not_called_foreign(congress) -> None:
    path, _session = congress
    with tiny_disk(path.stat().st_size // 1024 + 64) as disk:
        on_disk = disk / "app.sqlite"
        on_disk.write_bytes(path.read_bytes())
        fill(disk)

        assert one_line(run_cli("conferences", "--db", on_disk)) == (
            "app.sqlite cannot be opened: the disk holding it is full; free some space and try again"
        )


def test_a_broken_page_in_the_event_table_is_refused_naming_the_backup(congress, tmp_path: Path) -> None:
    path, session = congress
    backup = tmp_path / "app.sqlite.0002.20261001-090000.bak"
    backup.write_bytes(path.read_bytes())
    os.utime(backup, (1790000000, 1790000000))
    break_page(path, "event")
    damaged = path.read_bytes()

    # A change far from the broken page (a new contact) is refused too, before anything is written.
    for command in (("contacts", "add", "Amara Osei"), ("pick", session), ("conferences",)):
        message = one_line(run_cli(*command, "--db", path))
        assert message.startswith("app.sqlite is damaged (")
        assert message.endswith(
            f"); restore the backup app.sqlite.0002.20261001-090000.bak beside it (made {_local_time(1790000000)}); "
            "nothing was changed"
        )
    assert path.read_bytes() == damaged


def _local_time(stamp: int) -> str:
    return datetime.fromtimestamp(stamp).strftime("%d %b %Y %H:%M")


def test_a_write_lock_held_longer_than_the_app_waits_is_one_line_and_nothing_changes(congress) -> None:
    path, session = congress
    with write_lock_held(path):
        result = run_cli("pick", session, "--db", path, patch=SMALL_LIMITS)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "conference-app: waiting for another program to finish writing to app.sqlite…",
        "conference-app: app.sqlite is busy: another program (or another window) is writing to it; "
        "try again in a moment; nothing was changed",
    ]
    assert picks(path) == 0


def test_a_pick_during_another_programs_write_waits_says_so_and_then_succeeds(congress) -> None:
    path, session = congress
    with write_lock_held(path) as holder:
        pick = subprocess.Popen(
            cli_command("pick", session, "--db", path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert pick.stderr is not None
        waiting = pick.stderr.readline()  # blocks until the command says it waits
        holder.execute("ROLLBACK")  # the other program finishes
    out, err = pick.communicate(timeout=60)

    assert waiting == "conference-app: waiting for another program to finish writing to app.sqlite…\n"
    assert (pick.returncode, err) == (0, "")
    assert out.startswith("picked (must): Annual Surgical Congress: session")
    assert picks(path) == 1


@pytest.mark.parametrize("database", ["folder", "/dev/null"])
def test_the_window_refuses_a_folder_or_a_device_in_one_line(database: str, tmp_path: Path) -> None:
    given = tmp_path if database == "folder" else Path(database)
    started = run_cli("--db", given, "--exit-after-startup", "--no-demo")
    assert one_line(started).startswith(f"{given} is ")
    assert one_line(started).endswith(", not a database file; choose a database file instead")
