"""A new database made in one step from the schema the migrations build, without loading alembic.

The migrations stay the one source of the schema: schema.sql beside this file is what they leave
in an empty database (its tables, indexes, full-text tables and their settings, and rows,
alembic's revision among them), written out by `python -m conference_app.core.storage.fresh_schema`.
A test migrates an empty file with alembic and checks that it reads exactly as schema.sql, so the
two cannot drift.
Creating a database this way takes a few milliseconds; loading alembic alone takes a third of a
second.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from conference_app.core.storage.fts import is_index_table

SNAPSHOT = Path(__file__).with_name("schema.sql")
HEADER = "-- The schema the migrations build in an empty database; see fresh_schema.py.\n"


def schema_script(connection: sqlite3.Connection) -> str:
    """The statements that rebuild the schema and rows of `connection`'s database, in creation order.

    The full-text tables' shadow tables and SQLite's own objects are left out: creating the
    full-text table makes its shadow tables, and SQLite makes its automatic indexes itself. A
    full-text table's settings (its _config rows but the format version) are set after it is made."""
    statements = []
    tables = []
    index_tables = []
    for kind, name, sql in connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ):
        if name.startswith("sqlite_") or (is_index_table(name) and name.endswith(("_data", "_idx", "_content",
                                                                                  "_docsize", "_config"))):
            continue
        statements.append(f"{sql};")
        if kind == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE"):
            index_tables.append(name)
        elif kind == "table":
            tables.append(name)
    for table in index_tables:
        for key, value in connection.execute(f'SELECT quote(k), quote(v) FROM "{table}_config" WHERE k != \'version\''):
            statements.append(f'INSERT INTO "{table}" ("{table}", rank) VALUES ({key}, {value});')
    for table in tables:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        names = ", ".join(f'"{column}"' for column in columns)
        values = " || ', ' || ".join(f'quote("{column}")' for column in columns)
        for (row,) in connection.execute(f'SELECT {values} FROM "{table}" ORDER BY rowid'):
            statements.append(f'INSERT INTO "{table}" ({names}) VALUES ({row});')
    return HEADER + "\n".join(statements) + "\n"


def create_schema(connection: sqlite3.Connection) -> None:
    """Build the whole schema in the empty database of `connection`, inside the caller's transaction
    (executescript would commit on its own)."""
    statement = ""
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines(keepends=True):
        if not statement and line.startswith("--"):
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            connection.execute(statement)
            statement = ""


def _write_snapshot(database: Path) -> None:
    connection = sqlite3.connect(database)
    try:
        SNAPSHOT.write_text(schema_script(connection), encoding="utf-8")
    finally:
        connection.close()


if __name__ == "__main__":  # python -m conference_app.core.storage.fresh_schema: rewrite schema.sql from the migrations
    import tempfile

    from sqlalchemy import create_engine

    from conference_app.core.storage.migrate import upgrade_to_head

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "migrated.sqlite"
        engine = create_engine(f"sqlite:///{path}")
        upgrade_to_head(engine)
        engine.dispose()
        _write_snapshot(path)
    sys.stdout.write(f"wrote {SNAPSHOT}\n")
