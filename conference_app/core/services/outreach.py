"""Service: short emails to speakers the user means to meet."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker


class OutreachService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
