"""Service: at the venue, the pick running now and the next one, with whom to meet there and what to say."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain.now_next import (
    GoalReason,
    NowNext,
    PersonToMeet,
    PickedSlot,
    choose_now_next,
    exit_for,
    moment_state,
    openers_for,
)
from conference_app.core.domain.people import CaptureData, ConversationNote
from conference_app.core.domain.ranking import PersonFacts, score_speaker
from conference_app.core.domain.text import plain_text
from conference_app.core.errors import UserError
from conference_app.core.services.people import PeopleService
from conference_app.core.services.suggestions import goal_criteria
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import Conference, Event, EventSpeaker, Goal, Pick, Profile, Speaker, Target
from conference_app.core.storage.people_rows import met_speaker_ids

PROFILE_ID = 1

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class NowNextService:
    """Reads only: what the venue view shows at a moment, and what its capture key prefills."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = _utc_now) -> None:
        self._sessions = sessions
        self._now = clock
        self._people = PeopleService(sessions, clock)

    def now_next(self, conference_id: int, at: datetime | None = None) -> NowNext:
        """The user's picks at `at` (default: now): the one running, the next, and the people to meet there.

        A naive `at` is the conference's local time. Cancelled sessions are left out.
        """
        with self._sessions() as session:
            conference = get_or_raise(session, Conference, conference_id, "conference")
            zone = ZoneInfo(conference.time_zone)
            moment = self._now() if at is None else at.replace(tzinfo=zone) if at.tzinfo is None else at
            moment = moment.astimezone(zone)
            picks = _picks(session, conference, zone)
            now, following = choose_now_next(picks, moment)
            last_end = session.scalar(
                select(func.max(Event.end)).where(Event.conference_id == conference_id, ~Event.cancelled)
            )
            profile = session.get(Profile, PROFILE_ID)
            slots = [slot for slot in (now, following) if slot is not None]
            focus = slots[0] if slots else None
            return NowNext(
                conference_id=conference.id,
                conference_title=conference.title,
                time_zone=conference.time_zone,
                at=moment,
                state=moment_state(now, following, bool(picks), moment, last_end),
                now=now,
                next=following,
                people=_people_to_meet(session, conference_id, slots, profile),
                pitch=(profile.pitch if profile is not None else "").strip(),
                openers=openers_for(focus) if focus is not None else (),
                exit_line=exit_for(focus) if focus is not None else "",
            )

    def capture_at(self, speaker_id: int, event_id: int) -> CaptureData:
        """What the capture dialog prefills for a person met at this session: the speaker, the session, its room."""
        prefill = self._people.for_speaker(speaker_id)
        with self._sessions() as session:
            event = get_or_raise(session, Event, event_id, "session")
            if prefill.conversation is not None and event.conference_id != prefill.conversation.conference_id:
                raise UserError(f"the session {event.title!r} is not in this speaker's conference")
            note = prefill.conversation or ConversationNote(conference_id=event.conference_id)
            return replace(prefill, conversation=replace(note, event_id=event.id, place=event.room))


def _picks(session: Session, conference: Conference, zone: ZoneInfo) -> list[PickedSlot]:
    rows = session.execute(
        select(Event.id, Event.identity, Event.title, Event.room, Event.start, Event.end, Event.track, Pick.priority)
        .join(Pick, Pick.event_id == Event.id)
        .where(Event.conference_id == conference.id, ~Event.cancelled)
        .order_by(Event.start, Event.id)
    ).all()
    return [
        PickedSlot(
            event_id=r.id,
            public_id=f"{conference.identity}:{r.identity}",
            title=r.title,
            room=r.room,
            start=r.start.astimezone(zone),
            end=r.end.astimezone(zone),
            priority=r.priority,
            track=r.track,
        )
        for r in rows
    ]


def _people_to_meet(
    session: Session, conference_id: int, slots: Sequence[PickedSlot], profile: Profile | None
) -> tuple[PersonToMeet, ...]:
    """The speakers marked to meet who speak in each slot or were marked to meet after it, not yet met.

    Each comes with every active goal they were marked for and why they matter to it, in the words
    the suggestions use.
    """
    if not slots:
        return ()
    targets = session.execute(
        select(Target.speaker_id, Target.event_id, Target.goal_id)
        .join(Speaker, Speaker.id == Target.speaker_id)
        .where(Speaker.conference_id == conference_id)
        .order_by(Target.created_at, Target.id)
    ).all()
    if not targets:
        return ()
    slot_ids = [slot.event_id for slot in slots]
    on_stage: dict[int, set[int]] = {event_id: set() for event_id in slot_ids}
    for event_id, speaker_id in session.execute(
        select(EventSpeaker.event_id, EventSpeaker.speaker_id).where(EventSpeaker.event_id.in_(slot_ids))
    ):
        on_stage[event_id].add(speaker_id)
    met = met_speaker_ids(session, {t.speaker_id for t in targets})
    goals_of: dict[int, list[int]] = {}
    for target in targets:
        listed = goals_of.setdefault(target.speaker_id, [])
        if target.goal_id is not None and target.goal_id not in listed:
            listed.append(target.goal_id)
    goal_rows = {
        goal.id: goal
        for goal in session.scalars(
            select(Goal).where(Goal.id.in_({g for ids in goals_of.values() for g in ids}), Goal.status == "active")
        )
    }
    people: list[PersonToMeet] = []
    for slot in slots:
        wanted = [
            t.speaker_id for t in targets if t.event_id == slot.event_id or t.speaker_id in on_stage[slot.event_id]
        ]
        for speaker_id in dict.fromkeys(wanted):
            if speaker_id in met:
                continue  # met already: nothing left to do at this session
            speaker = session.get_one(Speaker, speaker_id)
            goals = [goal_rows[g] for g in goals_of[speaker_id] if g in goal_rows]
            people.append(
                PersonToMeet(
                    speaker_id=speaker.id,
                    name=speaker.name,
                    position=speaker.role,
                    institution=speaker.affiliation,
                    event_id=slot.event_id,
                    session_id=slot.public_id,
                    goals=tuple(_why(speaker, goal, profile) for goal in goals),
                )
            )
    return tuple(people)


def _why(speaker: Speaker, goal: Goal, profile: Profile | None) -> GoalReason:
    facts = PersonFacts(speaker.id, speaker.name, speaker.affiliation, speaker.role, plain_text(speaker.biography))
    ranked = score_speaker(facts, goal_criteria(goal, profile))
    return GoalReason(goal.id, goal.title, ranked.reasons)
