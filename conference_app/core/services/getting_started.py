"""The first-run path: profile → two or three goals for the stage → the suggestions → picked sessions.

Each step is done when the data says so (nothing is ticked by hand), so the path is the same
whether the user followed it, skipped it or did the steps elsewhere. Hiding it is remembered in
the database; it can be shown again from the Help menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.storage.models import Event, Goal, Pick, Profile
from conference_app.core.storage.settings import get_setting, put_setting

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
            profile = session.get(Profile, 1)
            missing = tuple(f for f in PROFILE_FIELDS if not (getattr(profile, f, "") or "").strip())
            goals = select(func.count()).select_from(Goal).where(Goal.status == "active")
            if conference_id is not None:
                goals = goals.where((Goal.conference_id == conference_id) | Goal.conference_id.is_(None))
            picks = 0
            if conference_id is not None:
                picks = session.scalar(
                    select(func.count()).select_from(Pick).join(Event, Event.id == Pick.event_id)
                    .where(Event.conference_id == conference_id)
                ) or 0  # fmt: skip
            return StartProgress(missing, (profile.stage if profile else "") or "", session.scalar(goals) or 0, picks,
                                 bool(get_setting(session, HIDDEN_KEY, False)))  # fmt: skip

    def set_hidden(self, hidden: bool) -> Outcome[bool]:
        """Hide the path (the user knows their way) or show it again."""
        with self._sessions.begin() as session:
            put_setting(session, HIDDEN_KEY, hidden)
        return Outcome(hidden, frozenset({Topic.PROFILE}))
