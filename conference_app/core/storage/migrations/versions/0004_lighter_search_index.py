"""lighter search index

The full-text tables kept prefix entries for the first one to four letters of every word, and the
sessions' table kept a second copy of all the text it indexes: together most of the file and the
largest single cost of an import. Now prefixes of one to three letters are kept (the searches that
would otherwise read a great many words; from four letters on SQLite finds the words that begin
so quickly without them), and the sessions' index keeps no copy of its text (contentless: it is
made anew from the stored sessions whenever they change, see storage/event_index.py). Every
indexed row is carried across as it was.

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
EVENT_COLUMNS = "title, subtitle, abstract, track, type, room, speakers, affiliations, biographies"
SPEAKER_COLUMNS = "name, affiliation, role, biography"


def _rebuild(table: str, columns: str, options: str, copy_from: str) -> None:
    op.execute(f"CREATE VIRTUAL TABLE {table}_rebuilt USING fts5({columns}, {TOKENIZE}, {options})")
    op.execute(f"INSERT INTO {table}_rebuilt (rowid, {columns}) SELECT rowid, {columns} FROM {copy_from}")
    op.execute(f"DROP TABLE {table}")
    op.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")


def upgrade() -> None:
    _rebuild("event_fts", EVENT_COLUMNS, "content = '', prefix = '1 2 3'", "event_fts")
    _rebuild("speaker_fts", SPEAKER_COLUMNS, "prefix = '1 2 3'", "speaker_fts")


def downgrade() -> None:
    # The contentless index cannot give its text back: the old index is made from the stored rows.
    op.execute("DROP TABLE event_fts")
    op.execute(f"CREATE VIRTUAL TABLE event_fts USING fts5({EVENT_COLUMNS}, {TOKENIZE}, prefix = '1 2 3 4')")
    op.execute(
        f"INSERT INTO event_fts (rowid, {EVENT_COLUMNS}) SELECT event.id, event.title, event.subtitle, "
        "event.abstract || ' ' || event.description, event.track, event.type, event.room, "
        "coalesce((SELECT group_concat(speaker.name, ', ') FROM event_speaker JOIN speaker "
        "ON speaker.id = event_speaker.speaker_id WHERE event_speaker.event_id = event.id), ''), '', '' FROM event"
    )
    _rebuild("speaker_fts", SPEAKER_COLUMNS, "prefix = '1 2 3 4'", "speaker_fts")
