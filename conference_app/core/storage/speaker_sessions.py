"""Which session to meet a speaker at."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from conference_app.core.storage.models import Event, EventSpeaker


def next_session_of(session: Session, speaker_id: int, now: datetime) -> int | None:
    """The speaker's next session still to come, else their first one (for a conference in the past)."""
    rows = session.execute(
        select(Event.id, Event.end)
        .join(EventSpeaker, EventSpeaker.event_id == Event.id)
        .where(EventSpeaker.speaker_id == speaker_id, ~Event.cancelled)
        .order_by(Event.start, Event.id)
    ).all()
    for row in rows:
        if row.end > now:
            return int(row.id)
    return int(rows[0].id) if rows else None
