"""The command line loads what a command needs: no database layer for commands that use none."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def _loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, check=True)
    return set(done.stdout.split())


def test_the_command_line_starts_without_sqlalchemy_or_the_services() -> None:
    loaded = _loaded_after("import conference_app.cli")
    assert "sqlalchemy" not in loaded
    assert not {name for name in loaded if name.startswith("conference_app.core.services")}


def test_reading_a_card_needs_no_database(tmp_path: Path) -> None:
    picture = tmp_path / "card.png"
    picture.write_bytes(b"not a picture")
    loaded = _loaded_after(
        "from conference_app.cli import run\n"
        f"status = run(['ocr', {str(picture)!r}, '--db', {str(tmp_path / 'app.sqlite')!r}])\n"
        "assert status == 1, status"
    )
    assert "sqlalchemy" not in loaded
    assert not (tmp_path / "app.sqlite").exists()


def test_database_errors_are_told_apart_raw_or_wrapped() -> None:
    from sqlalchemy.exc import OperationalError

    from conference_app.core.storage.database_errors import DATABASE_ERRORS, is_database_error

    raw = sqlite3.OperationalError("database is locked")
    wrapped = OperationalError("INSERT INTO pick", {}, raw)
    assert is_database_error(raw) and is_database_error(wrapped)
    assert not is_database_error(ValueError("database is locked"))
    assert isinstance(wrapped, DATABASE_ERRORS) and isinstance(raw, DATABASE_ERRORS)


def test_importing_a_program_loads_no_sqlalchemy(tmp_path: Path) -> None:
    from tests.frab_builder import write_congress

    program = write_congress(tmp_path)
    database = tmp_path / "app.sqlite"
    loaded = _loaded_after(
        "from conference_app.cli import run\n"
        f"assert run(['import', {str(program)!r}, '--db', {str(database)!r}]) == 0\n"
        f"assert run(['import', {str(program)!r}, '--db', {str(database)!r}]) == 0"
    )
    assert "sqlalchemy" not in loaded and "alembic" not in loaded
    # libxml2 parses a well-formed file: the standard library's parser is loaded only for what it refuses,
    # and the HTML sanitiser only by the window.
    assert "xml.etree.ElementTree" not in loaded and "nh3" not in loaded
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("SELECT count(*) FROM event").fetchone() == (7,)
        assert connection.execute("SELECT value FROM setting WHERE key = 'current_conference'").fetchone() == (1,)
    finally:
        connection.close()


def test_run_as_the_program_a_command_ends_with_its_whole_output_and_status(tmp_path: Path) -> None:
    from tests.frab_builder import write_congress

    database = str(tmp_path / "app.sqlite")
    command = [sys.executable, "-m", "conference_app"]
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a user's shell has it
    imported = subprocess.run([*command, "import", str(write_congress(tmp_path)), "--db", database, "--json"],
                              capture_output=True, text=True, cwd=PROJECT, env=buffered)
    assert imported.returncode == 0 and json.loads(imported.stdout)["sessions"] == 7
    listed = subprocess.run([*command, "sessions", "--db", database, "--json"], capture_output=True, text=True,
                            cwd=PROJECT, env=buffered)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.sqlite", "congress.xml"]  # closed: no log files
    refused = subprocess.run([*command, "pick", "nosuch:1", "--db", database], capture_output=True, text=True,
                             cwd=PROJECT, env=buffered)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    head = subprocess.run(f"{sys.executable} -m conference_app sessions --db {database} | head -c 10",
                          shell=True, capture_output=True, text=True, cwd=PROJECT, env=buffered)
    assert head.returncode == 0 and len(head.stdout) == 10 and "Traceback" not in head.stderr
