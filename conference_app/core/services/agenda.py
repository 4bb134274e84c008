"""Service: the user's agenda: picks by priority, personal items, clashes, calendar export."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker


class AgendaService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
