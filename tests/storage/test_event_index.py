"""The sessions' search index keeps no text of its own, and never keeps a word a session lost."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from conference_app.core.services.program import ProgramService
from conference_app.core.services.outcome import Topic
from conference_app.core.storage.event_index import PENDING, rebuild_index
from conference_app.core.workspace import Workspace

from tests.frab_builder import CONGRESS, FrabEvent, write_congress, write_frab


def _index_entries(path: Path) -> list[tuple[str, int, str, int]]:
    """Every (word, session, column, position) the index holds: two equal lists are two equal indexes."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, event_fts, 'instance')")
        return connection.execute("SELECT term, doc, col, offset FROM temp.words ORDER BY 1, 2, 3, 4").fetchall()
    finally:
        connection.close()


def test_made_anew_from_the_stored_sessions_it_holds_exactly_what_the_import_left_to_add(
    workspace: Workspace, program: ProgramService, tmp_path: Path
) -> None:
    program.import_program(write_congress(tmp_path))
    assert _index_entries(workspace.database.path) == []  # finished after the import returns
    assert program.finish_search_index().value == len(CONGRESS)
    written = _index_entries(workspace.database.path)
    assert ("whipple", 2, "abstract", 5) in written  # "Learning curve of the robotic Whipple."

    connection = sqlite3.connect(workspace.database.path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        rebuild_index(connection)
        connection.execute("COMMIT")
    finally:
        connection.close()

    assert _index_entries(workspace.database.path) == written


def test_a_session_that_lost_a_word_is_no_longer_found_by_it(program: ProgramService, tmp_path: Path) -> None:
    program.import_program(write_congress(tmp_path))
    conference = program.current_conference_id()
    whipple = program.search_ids(conference, "whipple")
    assert len(whipple) == 1

    changed = [replace(e, abstract="Learning curve of robotic pancreatic surgery.") if e.id == "102" else e
               for e in CONGRESS if e.id != "103"]
    program.import_program(write_congress(tmp_path, events=changed))

    assert program.search_ids(conference, "whipple") == set()
    assert program.search_ids(conference, "pancreatic surgery") == whipple
    # A cancelled session is still in the program, and still found, as before the update.
    assert len(program.search_ids(conference, "laparotomy")) == 1


def test_a_deleted_conference_leaves_no_words_and_takes_no_others(program: ProgramService, tmp_path: Path) -> None:
    program.import_program(write_congress(tmp_path))
    congress = program.current_conference_id()
    other = write_frab(tmp_path, "other.xml", [
        FrabEvent("1", "Whipple in the elderly", "2026-09-01T10:00", abstract="Frailty and the Whipple procedure"),
    ], acronym="other26", title="Other Meeting 2026")
    program.import_program(other)
    kept = program.current_conference_id()
    assert len(program.search_ids(None, "whipple")) == 2

    program.delete_conference(congress)

    assert len(program.search_ids(None, "whipple")) == 1
    assert program.search_ids(kept, "frailty") == program.search_ids(None, "whipple")
    assert program.search_ids(None, "laparotomy") == set()


# --- finished after the import returns ------------------------------------------------------


def _pending(path: Path) -> object:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute('SELECT value FROM setting WHERE "key" = ?', (PENDING,)).fetchone()
    finally:
        connection.close()
    return None if row is None else json.loads(row[0])


def _other_meeting(tmp_path: Path) -> Path:
    return write_frab(tmp_path, "other.xml", [
        FrabEvent("1", "Whipple in the elderly", "2026-09-01T10:00", abstract="Frailty and the Whipple procedure"),
    ], acronym="other26", title="Other Meeting 2026")


def _import_two_conferences(program: ProgramService, tmp_path: Path) -> tuple[int | None, int | None]:
    program.import_program(write_congress(tmp_path))
    congress = program.current_conference_id()
    program.import_program(_other_meeting(tmp_path))
    return congress, program.current_conference_id()


def test_an_import_leaves_its_sessions_to_index_and_a_search_finishes_that_first(
    workspace: Workspace, program: ProgramService, tmp_path: Path
) -> None:
    program.import_program(write_congress(tmp_path))
    conference = program.current_conference_id()
    assert program.search_pending()
    assert _pending(workspace.database.path) == {"rebuild": False, "conferences": [conference]}

    assert len(program.search_ids(conference, "whipple")) == 1
    assert not program.search_pending()
    assert _pending(workspace.database.path) is None
    # Once whole, finishing again has nothing to do and tells no page to reload.
    again = program.finish_search_index()
    assert (again.value, again.changed) == (0, frozenset())


def test_new_conferences_are_added_to_the_index_and_an_update_makes_it_anew(
    workspace: Workspace, program: ProgramService, tmp_path: Path
) -> None:
    congress, other = _import_two_conferences(program, tmp_path)
    assert _pending(workspace.database.path) == {"rebuild": False, "conferences": [congress, other]}

    finished = program.finish_search_index()
    assert (finished.value, finished.changed) == (len(CONGRESS) + 1, frozenset({Topic.SEARCH}))
    assert len(program.search_ids(None, "whipple")) == 2

    changed = [replace(e, abstract="Learning curve of robotic pancreatic surgery.") if e.id == "102" else e
               for e in CONGRESS]
    program.import_program(write_congress(tmp_path, events=changed))
    assert _pending(workspace.database.path) == {"rebuild": True, "conferences": []}
    program.import_program(_other_meeting(tmp_path))  # unchanged, and the index is still to be made anew
    assert _pending(workspace.database.path) == {"rebuild": True, "conferences": []}

    assert program.search_ids(None, "whipple") == program.search_ids(other, "whipple")
    assert len(program.search_ids(congress, "pancreatic surgery")) == 1


def test_deleting_a_conference_while_the_index_waits_leaves_the_others_found(
    workspace: Workspace, program: ProgramService, tmp_path: Path
) -> None:
    congress, other = _import_two_conferences(program, tmp_path)

    program.delete_conference(congress)

    assert not program.search_pending()
    assert program.search_ids(None, "whipple") == program.search_ids(other, "frailty")
    assert len(program.search_ids(None, "whipple")) == 1
