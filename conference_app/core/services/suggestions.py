"""Service: sessions and speakers ranked against a goal, with reasons."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker


class SuggestionService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
