"""The follow-up migration (0003) keeps every row made at schema 0002 and adds the clock's facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path


from conference_app.core.storage.database import open_database
from tests.storage.old_schema import database_at, query
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


def test_rows_made_at_0002_survive_and_the_clock_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    database_at(path, "0002", ROWS_AT_0002)

    database = open_database(path)
    database.engine.dispose()

    assert database.backup is not None and database.backup.name.startswith("app.sqlite.0002.")
    assert query(path, "SELECT id, name, relationship_role, keep_in_touch_months, address_title FROM contact") == [
        (1, "Dr. Amara Osei", "mentor", None, ""),
    ]
    assert query(path, "SELECT contact_id, value FROM contact_detail") == [(1, "amara.osei@lakeshore.edu")]
    assert query(path, "SELECT id, contact_id, poster, points, promises, their_promises FROM conversation") == [
        (4, 1, "P-12", "rib fracture registry", "send my case series", "intro to her fellow"),
    ]
    assert query(path, "SELECT message_id, kind, state, task_id, state_changed_at FROM outgoing_message") == [
        ("<a@b>", "outreach", "draft", None, None),
    ]
    assert query(path, "SELECT key, value FROM setting") == [("outreach.last_folder", '"/tmp/drafts"')]
    assert query(path, "SELECT count(*) FROM reply") == [(0,)]
    assert query(path, "SELECT count(*) FROM task_decision") == [(0,)]
    assert query(path, "PRAGMA foreign_key_check") == []
    assert query(path, "PRAGMA integrity_check") == [("ok",)]

    workspace = Workspace.open(path)
    try:
        ids = [t.id for t in workspace.follow_ups.tasks(date(2026, 10, 22))]
    finally:
        workspace.close()
    assert ids == ["follow_up:4", "promise:4:1", "keep_in_touch:1:2027-04-18"]
