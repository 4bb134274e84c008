"""What the window shows when it opens, read in one snapshot with plain sqlite3 before SQLAlchemy
is loaded: the conference list, the filter boxes, the first screenful of the program list (the rest
follows as soon as the window is drawn), the first session's details and the getting-started steps. SQLAlchemy, the models and the services load after the window is
on screen (MainWindow.finish_startup), or at the first action that needs them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from conference_app.core.domain.program import ConferenceSummary, Facets, SessionDetail, SessionRow
from conference_app.core.services import program_reads
from conference_app.core.services.getting_started import StartProgress, read_progress
from conference_app.core.storage.write_lock import BUSY_TIMEOUT_MS


FIRST_ROWS = 200  # more than any screen shows at once


@dataclass(frozen=True)
class FirstScreen:
    conferences: list[ConferenceSummary]
    current_id: int | None
    facets: Facets | None  # of the current conference
    rows: list[SessionRow]  # its first sessions, as the program list shows them (all, if no more than FIRST_ROWS)
    total: int  # how many sessions it has: the rest are read once the window is drawn (read_session_rows)
    detail: SessionDetail | None  # of the first of them
    progress: StartProgress
    change_number: int  # the file's change number when read (storage/write_lock.py): what the window's watch starts from

    @property
    def complete(self) -> bool:
        return len(self.rows) == self.total


def read_session_rows(path: Path, conference_id: int) -> list[SessionRow]:
    """Every session of a conference, as the program list shows them (the rest of the first screen)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return program_reads.session_rows(connection, conference_id)
    finally:
        connection.close()


def read_first_screen(path: Path) -> FirstScreen:
    """One read transaction on the (already checked) file at `path`."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("BEGIN")
        (change_number,) = connection.execute("PRAGMA user_version").fetchone()
        conferences = program_reads.conferences(connection)
        current = program_reads.current_conference_id(connection)
        facets = program_reads.facets(connection, current) if current is not None else None
        rows = program_reads.session_rows(connection, current, limit=FIRST_ROWS) if current is not None else []
        total = program_reads.session_count(connection, current) if current is not None else 0
        detail = program_reads.session_detail(connection, rows[0].id) if rows else None
        progress = read_progress(connection, current)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return FirstScreen(conferences, current, facets, rows, total, detail, progress, int(change_number))


def change_number(path: Path) -> int:
    """The file's change number now."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        (number,) = connection.execute("PRAGMA user_version").fetchone()
    finally:
        connection.close()
    return int(number)
