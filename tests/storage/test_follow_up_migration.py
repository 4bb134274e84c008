"""The follow-up migration (0003) keeps every row made at schema 0002 and adds the clock's facts."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from conference_app.core.storage.database import open_database
from conference_app.core.storage.migrate import alembic_config
from conference_app.core.workspace import Workspace

ROWS_AT_0002 = """
INSERT INTO conference (id, identity, title, acronym, version, time_zone, source_format, source_file, imported_at,
                        end_date)
    VALUES (1, 'acs', 'ACS Clinical Congress', 'ACS', '', 'America/Chicago', 'frab', 'acs.xml', '2026-10-01 12:00:00',
            '2026-10-19');
INSERT INTO contact (id, name, institution, position, specialty, relationship_role, direction, obtained, orcid, note,
                     vcard, created_at, merged_into_id)
    VALUES (1, 'Dr. Amara Osei', 'Lakeshore University', 'Program Director', '', 'mentor', 'vertical', 'typed', '',
            '', '', '2026-10-18 15:00:00', NULL);
INSERT INTO contact_detail (id, contact_id, kind, value, match_key, position)
    VALUES (1, 1, 'email', 'amara.osei@lakeshore.edu', 'amara.osei@lakeshore.edu', 0);
INSERT INTO conversation (id, contact_id, conference_id, event_id, met_at, place, poster, points, promises,
                          their_promises)
    VALUES (4, 1, 1, NULL, '2026-10-18 15:00:00', 'Room 301', 'P-12', 'rib fracture registry', 'send my case series',
            'intro to her fellow');
INSERT INTO outgoing_message (id, message_id, contact_id, speaker_id, follow_up_id, kind, recipient, subject, body,
                              state, eml_path, created_at, sent_at)
    VALUES (1, '<a@b>', 1, NULL, NULL, 'outreach', 'amara.osei@lakeshore.edu', 'Hello', 'Body', 'draft', '',
            '2026-10-01 12:00:00', NULL);
INSERT INTO setting (key, value) VALUES ('outreach.last_folder', '"/tmp/drafts"');
"""


def _database_at_0002(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()
    connection = sqlite3.connect(path)
    try:
        connection.executescript(ROWS_AT_0002)
        connection.commit()
    finally:
        connection.close()


def _query(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_rows_made_at_0002_survive_and_the_clock_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    _database_at_0002(path)

    database = open_database(path)
    database.engine.dispose()

    assert database.backup is not None and database.backup.name.startswith("app.sqlite.0002.")
    assert _query(path, "SELECT id, name, relationship_role, keep_in_touch_months, address_title FROM contact") == [
        (1, "Dr. Amara Osei", "mentor", None, ""),
    ]
    assert _query(path, "SELECT contact_id, value FROM contact_detail") == [(1, "amara.osei@lakeshore.edu")]
    assert _query(path, "SELECT id, contact_id, poster, points, promises, their_promises FROM conversation") == [
        (4, 1, "P-12", "rib fracture registry", "send my case series", "intro to her fellow"),
    ]
    assert _query(path, "SELECT message_id, kind, state, task_id, state_changed_at FROM outgoing_message") == [
        ("<a@b>", "outreach", "draft", None, None),
    ]
    assert _query(path, "SELECT key, value FROM setting") == [("outreach.last_folder", '"/tmp/drafts"')]
    assert _query(path, "SELECT count(*) FROM reply") == [(0,)]
    assert _query(path, "SELECT count(*) FROM task_decision") == [(0,)]
    assert _query(path, "PRAGMA foreign_key_check") == []
    assert _query(path, "PRAGMA integrity_check") == [("ok",)]

    workspace = Workspace.open(path)
    try:
        ids = [t.id for t in workspace.follow_ups.tasks(date(2026, 10, 22))]
    finally:
        workspace.close()
    assert ids == ["follow_up:4", "promise:4:1", "keep_in_touch:1:2027-04-18"]
