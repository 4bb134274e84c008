"""The first-run path: profile → two or three goals for the stage → the suggestions → picked sessions.

Each step is done when the data says so (nothing is ticked by hand), so the path is the same
whether the user followed it, skipped it or did the steps elsewhere. Hiding it is remembered in
the database; it can be shown again from the Help menu.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.services.program_reads import setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

HIDDEN_KEY = "getting_started.hidden"
GOALS_WANTED = 2  # "set two or three goals": two make the step done
PROFILE_FIELDS = ("name", "stage", "institution")  # what suggestions and emails cannot do without


@dataclass(frozen=True)
class StartProgress:
    profile_missing: tuple[str, ...]  # the profile fields still empty
    stage: str
    goals: int  # active goals for the conference shown (or for any conference)
    picks: int  # sessions picked in the conference shown
    hidden: bool

    @property
    def profile_done(self) -> bool:
        return not self.profile_missing

    @property
    def goals_done(self) -> bool:
        return self.goals >= GOALS_WANTED

    @property
    def picks_done(self) -> bool:
        return self.picks > 0

    @property
    def all_done(self) -> bool:
        return self.profile_done and self.goals_done and self.picks_done


class GettingStarted:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def progress(self, conference_id: int | None) -> StartProgress:
        with self._sessions() as session:
            return read_progress(session.connection().connection.driver_connection, conference_id)  # type: ignore[arg-type]

    def set_hidden(self, hidden: bool) -> Outcome[bool]:
        """Hide the path (the user knows their way) or show it again."""
        from conference_app.core.storage.settings import put_setting

        with self._sessions.begin() as session:
            put_setting(session, HIDDEN_KEY, hidden)
        return Outcome(hidden, frozenset({Topic.PROFILE}))


def read_progress(connection: sqlite3.Connection, conference_id: int | None) -> StartProgress:
    """The four steps as the data has them, in plain SQL: the window's first screen reads this
    before SQLAlchemy is loaded (ui/first_screen.py), and `GettingStarted.progress` through it."""
    profile = connection.execute(f"SELECT {', '.join(PROFILE_FIELDS)} FROM profile WHERE id = 1").fetchone()
    values = dict(zip(PROFILE_FIELDS, profile)) if profile is not None else {}
    missing = tuple(f for f in PROFILE_FIELDS if not (values.get(f) or "").strip())
    goals_sql = "SELECT count(*) FROM goal WHERE status = 'active'"
    goals_params: tuple[int, ...] = ()
    picks = 0
    if conference_id is not None:
        goals_sql += " AND (conference_id = ? OR conference_id IS NULL)"
        goals_params = (conference_id,)
        (picks,) = connection.execute(
            "SELECT count(*) FROM pick p JOIN event e ON e.id = p.event_id WHERE e.conference_id = ?", (conference_id,)
        ).fetchone()
    (goals,) = connection.execute(goals_sql, goals_params).fetchone()
    hidden = setting(connection, HIDDEN_KEY)
    return StartProgress(missing, values.get("stage") or "", goals or 0, picks or 0, bool(hidden or False))
