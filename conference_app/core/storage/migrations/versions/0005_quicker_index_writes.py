"""quicker index writes

The full-text tables kept prefix entries for the first one, two and three letters of every word.
Three-letter prefixes cost more to write than they save when searching (SQLite finds the words
that begin with three given letters quickly without them), so one and two are kept. Each table
also gathers up to 64 MB of new entries in memory before writing them out, instead of 1 MB: a
program's index is then written in one piece, or a very large program's in a few, rather than in
many short ones merged again and again (the index of 100,000 sessions took a third longer with 8 MB). The sessions' index, which keeps no copy of its text, is made anew from the stored
sessions; the speakers' index is carried across as it was.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlite3

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
EVENT_COLUMNS = "title, subtitle, abstract, track, type, room, speakers, affiliations, biographies"
SPEAKER_COLUMNS = "name, affiliation, role, biography"
HASH_BYTES = 64 << 20


def _create(table: str, columns: str, options: str, hash_bytes: int | None) -> None:
    op.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, {TOKENIZE}, {options})")
    if hash_bytes is not None:
        op.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {hash_bytes})")


def _speaker_index(prefix: str, hash_bytes: int | None) -> None:
    op.execute("ALTER TABLE speaker_fts RENAME TO speaker_fts_old")
    _create("speaker_fts", SPEAKER_COLUMNS, f"prefix = '{prefix}'", hash_bytes)
    op.execute(f"INSERT INTO speaker_fts (rowid, {SPEAKER_COLUMNS}) SELECT rowid, {SPEAKER_COLUMNS} FROM speaker_fts_old")
    op.execute("DROP TABLE speaker_fts_old")


def _events_index(prefix: str, hash_bytes: int | None) -> None:
    op.execute("DROP TABLE event_fts")
    _create("event_fts", EVENT_COLUMNS, f"content = '', prefix = '{prefix}'", hash_bytes)
    from conference_app.core.storage.event_index import rebuild_index

    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    rebuild_index(driver)


def upgrade() -> None:
    _events_index("1 2", HASH_BYTES)
    _speaker_index("1 2", HASH_BYTES)


def downgrade() -> None:
    _events_index("1 2 3", None)
    _speaker_index("1 2 3", None)
