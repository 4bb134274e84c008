"""Service: profile, goals and the speakers the user means to meet."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker


class PlanningService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
