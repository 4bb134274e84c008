"""The sessions' search index, finished after an import returns (see storage/event_index.py).

The window finishes it in the background and, meanwhile, says search is being prepared
(`search_pending`); everything else that searches (the command line, suggestions) finishes it
first, so no search ever answers from an unfinished index.
"""

from __future__ import annotations

import sqlite3

from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.storage.database import Database
from conference_app.core.storage.direct_write import write_transaction
from conference_app.core.storage.event_index import finish_index, is_pending


def search_pending(database: Database) -> bool:
    """True while the last import's sessions are not in the search index yet (a quick read)."""
    with database.sessions() as session:
        driver = session.connection().connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        return is_pending(driver)


def finish_search_index(database: Database) -> Outcome[int]:
    """Index what the imports left pending, in one transaction; the number of sessions indexed
    (0, with nothing written, when nothing was pending or another program finished it first)."""
    if not search_pending(database):
        return Outcome(0, frozenset())
    with write_transaction(database.path, database.guard) as connection:
        indexed = finish_index(connection)
    return Outcome(indexed, frozenset({Topic.SEARCH}) if indexed else frozenset())

