"""The people migration (0002) keeps every contact, conversation and goal link made by schema 0001."""

from __future__ import annotations

from pathlib import Path


from conference_app.core.storage.database import open_database
from tests.storage.old_schema import database_at, query

ROWS_AT_0001 = """
INSERT INTO conference (id, identity, title, acronym, version, time_zone, source_format, source_file, imported_at)
    VALUES (1, 'acs', 'ACS Clinical Congress', 'ACS', '', 'America/Chicago', 'frab', 'acs.xml', '2026-10-01 12:00:00');
INSERT INTO speaker (id, conference_id, identity, name, affiliation, role, biography)
    VALUES (7, 1, 's7', 'Dr. Amara Osei', 'Lakeshore University', 'Program Director', '');
INSERT INTO contact (id, name, email, phone, institution, position, relationship_role, linkedin, x_handle,
                     speaker_id, vcard, created_at)
    VALUES (1, 'Dr. Amara Osei', 'amara.osei@lakeshore.edu', '+1 312 555 0101', 'Lakeshore University',
            'Program Director', 'mentor', 'amaraosei', '@aosei', 7, '', '2026-10-18 15:00:00'),
           (2, 'Jonas Berg', '', '', 'Nordic Surgical', 'Resident', 'peer', '', '', NULL, '', '2026-10-18 16:00:00');
INSERT INTO conversation (id, contact_id, conference_id, event_id, met_at, place, points, promises)
    VALUES (1, 1, 1, NULL, '2026-10-18 15:00:00', 'Room 301', 'Her registry of rib fractures', 'send my case series'),
           (2, 2, 1, NULL, '2026-10-18 16:00:00', 'Poster hall', 'Peer mentoring programme', '');
INSERT INTO goal (id, conference_id, kind, title, target_count, keywords, institutions, roles, status, created_at)
    VALUES (3, 1, 'meet', 'Meet 3 surgical oncologists', 3, '[]', '[]', '[]', 'active', '2026-10-01 12:00:00');
INSERT INTO goal_contact (goal_id, contact_id) VALUES (3, 1), (3, 2);
"""


def test_contacts_conversations_and_goal_links_survive_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    database_at(path, "0001", ROWS_AT_0001)

    database = open_database(path)
    database.engine.dispose()

    assert database.backup is not None
    assert query(path, "SELECT id, name, institution, position, relationship_role, obtained FROM contact ORDER BY id") == [
        (1, "Dr. Amara Osei", "Lakeshore University", "Program Director", "mentor", "program"),
        (2, "Jonas Berg", "Nordic Surgical", "Resident", "peer", "typed"),
    ]
    assert query(path, "SELECT contact_id, kind, value, match_key FROM contact_detail ORDER BY contact_id, position") == [
        (1, "email", "amara.osei@lakeshore.edu", "amara.osei@lakeshore.edu"),
        (1, "phone", "+1 312 555 0101", "13125550101"),
        (1, "url", "https://www.linkedin.com/in/amaraosei", "linkedin.com/in/amaraosei"),
        (1, "url", "https://x.com/aosei", "x.com/aosei"),
    ]
    assert query(path, "SELECT speaker_id, contact_id FROM contact_speaker") == [(7, 1)]
    assert query(path, "SELECT id, contact_id, place, points, promises, their_promises, poster FROM conversation") == [
        (1, 1, "Room 301", "Her registry of rib fractures", "send my case series", "", ""),
        (2, 2, "Poster hall", "Peer mentoring programme", "", "", ""),
    ]
    assert query(path, "SELECT goal_id, contact_id FROM goal_contact ORDER BY contact_id") == [(3, 1), (3, 2)]
    assert query(path, "PRAGMA foreign_key_check") == []
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
