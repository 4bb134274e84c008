"""A check of the database file when it is opened, cheap enough for every start of the app.

`PRAGMA quick_check` reads and verifies every page of the file: with 40,000 sessions (a 280 MB
file) it takes 3.7 s with a cold disk cache and 0.45 s with a warm one, too slow for each
command. So the check is split by what is at stake:

- the user's own rows (picks, goals, people, conversations, follow-ups, settings…) are small and
  cannot be had again: `PRAGMA quick_check` on each of those tables and their indexes;
- the program tables (sessions, speakers and their links) are large and come from a file that
  can be imported again: every page of each table and index is visited (a count over it) with
  `cell_size_check` on, which finds any page SQLite cannot read as a table or index page — a
  zeroed page, a page of other data, cells running off their page, a file cut short — in
  0.06 s warm, 0.15 s cold for 40,000 sessions;
- the full-text index is left out: it is rebuilt from the sessions, and a search that meets a
  broken page there is reported like any other damage.

Reading the schema first also finds a broken header or schema page.
"""

from __future__ import annotations

import sqlite3

from conference_app.core.storage.fts import is_index_table

PROGRAM_TABLES = frozenset({"event", "speaker", "event_speaker"})


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def first_problem(connection: sqlite3.Connection) -> str | None:
    """SQLite's words for the first broken part of the database, or None when the check passes.

    Raises sqlite3.Error when the file cannot be read at all (not SQLite, unreadable)."""
    connection.execute("PRAGMA cell_size_check = ON")
    rows = connection.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index') AND rootpage > 0"
    ).fetchall()
    tables = [name for kind, name, _table in rows if kind == "table" and not _skipped(name)]
    indexes = [(name, table) for kind, name, table in rows if kind == "index" and not _skipped(table)]
    try:
        for table in tables:
            if table in PROGRAM_TABLES:
                connection.execute(f"SELECT count(*) FROM {_quoted(table)} NOT INDEXED").fetchone()
            else:
                found = [line for (line,) in connection.execute(f"PRAGMA quick_check({_quoted(table)})")]
                if found != ["ok"]:
                    return found[0].splitlines()[-1]
        for index, table in indexes:
            if table in PROGRAM_TABLES:
                connection.execute(f"SELECT count(*) FROM {_quoted(table)} INDEXED BY {_quoted(index)}").fetchone()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
            return str(error)
        raise
    return None


def _skipped(table: str) -> bool:
    return table.startswith("sqlite_") or is_index_table(table)
