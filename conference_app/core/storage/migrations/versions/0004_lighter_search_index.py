"""lighter search index

The full-text tables kept prefix entries for the first one to four letters of every word, which
made the index the largest single cost of an import and most of the file. Prefixes of one and two
letters are kept: those are the searches that would otherwise read a great many words; from three
letters on, SQLite finds the words that begin so quickly without them. Every indexed row is copied
across unchanged.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
COLUMNS = {
    "event_fts": "title, subtitle, abstract, track, type, room, speakers, affiliations, biographies",
    "speaker_fts": "name, affiliation, role, biography",
}


def _rebuild(prefixes: str) -> None:
    for table, columns in COLUMNS.items():
        op.execute(f"CREATE VIRTUAL TABLE {table}_rebuilt USING fts5({columns}, {TOKENIZE}, prefix = '{prefixes}')")
        op.execute(f"INSERT INTO {table}_rebuilt (rowid, {columns}) SELECT rowid, {columns} FROM {table}")
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")


def upgrade() -> None:
    _rebuild("1 2")


def downgrade() -> None:
    _rebuild("1 2 3 4")
