"""Databases as an older version of the app left them, for the migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from conference_app.core.storage.migrate import alembic_config


def database_at(path: Path, revision: str, rows_sql: str) -> None:
    """A database at schema `revision`, holding `rows_sql`."""
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    connection = sqlite3.connect(path)
    try:
        connection.executescript(rows_sql)
        connection.commit()
    finally:
        connection.close()


def query(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()
