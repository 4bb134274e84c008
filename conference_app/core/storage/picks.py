"""Putting a session in the user's agenda."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from conference_app.core.storage.models import Pick


def pick_session(session: Session, event_id: int, priority: str, now: datetime) -> None:
    """Pick the session with this priority, or change the priority of the pick it already has."""
    pick = session.get(Pick, event_id)
    if pick is None:
        session.add(Pick(event_id=event_id, priority=priority, picked_at=now))
    else:
        pick.priority = priority
