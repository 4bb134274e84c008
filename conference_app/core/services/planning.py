"""Service: the user's profile, goals with live progress, and the speakers they mean to meet.

Progress is counted from what the user did, never from what they planned: people linked to a goal
(a contact met through `mark_met`, or linked by hand) and sessions marked attended. Speakers marked
to meet and sessions lined up count as "planned", shown beside the progress.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain.goal_templates import GoalTemplate, template_by_id, templates_for_stage
from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote, Obtained
from conference_app.core.domain.planning import (
    GOAL_STATUSES,
    ROLES,
    GoalFields,
    GoalView,
    ProfileData,
    TargetView,
    normalise_stage,
)
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.services.outcome import Outcome, Topic
from conference_app.core.services.people import capture_in

# MAX_TARGET_COUNT is checked with the goal's other fields; the goal dialog imports it from here.
from conference_app.core.services.planning_goals import MAX_TARGET_COUNT as MAX_TARGET_COUNT
from conference_app.core.services.planning_goals import (
    PROFILE_ID,
    _clean_profile,
    _default_deadline,
    _goal_view,
    _goal_with_session,
    _known_institutions,
    _link_session,
    _profile_data,
    _write_fields,
)
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import (
    Conference,
    Contact,
    Event,
    Goal,
    GoalContact,
    GoalEvent,
    Pick,
    Profile,
    Speaker,
    Target,
)
from conference_app.core.storage.people_rows import met_speaker_ids, speaker_person
from conference_app.core.storage.picks import pick_session
from conference_app.core.storage.speaker_sessions import next_session_of

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class PlanningService:
    """Every public method is one user action in one transaction, returning plain values."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = _utc_now) -> None:
        self._sessions = sessions
        self._now = clock

    # --- profile --------------------------------------------------------------------------

    def profile(self) -> ProfileData:
        """The user's profile (empty fields until they fill it in)."""
        with self._sessions() as session:
            row = session.get(Profile, PROFILE_ID)
            return ProfileData() if row is None else _profile_data(row)

    def save_profile(self, data: ProfileData) -> Outcome[ProfileData]:
        """Store the profile. The stage must be one of STAGES and the email an address; both may be empty."""
        clean = _clean_profile(data)
        with self._sessions.begin() as session:
            row = session.get(Profile, PROFILE_ID)
            if row is None:
                row = Profile(id=PROFILE_ID)
                session.add(row)
            row.name = clean.name
            row.stage = clean.stage
            row.institution = clean.institution
            row.interests = list(clean.interests)
            row.target_institutions = list(clean.target_institutions)
            row.target_fellowships = list(clean.target_fellowships)
            row.email = clean.email
            row.phone = clean.phone
            row.linkedin = clean.linkedin
            row.x_handle = clean.x_handle
            row.orcid = clean.orcid
            row.pitch = clean.pitch
            row.signature = clean.signature
        return Outcome(clean, frozenset({Topic.PROFILE}))

    # --- goals ----------------------------------------------------------------------------

    def goals(self, conference_id: int | None) -> list[GoalView]:
        """The goals for a conference (and those tied to none), active ones first, with progress."""
        with self._sessions() as session:
            query = select(Goal)
            if conference_id is not None:
                query = query.where((Goal.conference_id == conference_id) | Goal.conference_id.is_(None))
            rows = session.scalars(query).all()
            order = {status: index for index, status in enumerate(GOAL_STATUSES)}
            rows = sorted(rows, key=lambda g: (order.get(g.status, len(order)), g.id))
            return [_goal_view(session, goal) for goal in rows]

    def goal(self, goal_id: int) -> GoalView:
        with self._sessions() as session:
            return _goal_view(session, get_or_raise(session, Goal, goal_id, "goal"))

    def add_goal(self, conference_id: int | None, fields: GoalFields) -> Outcome[GoalView]:
        """Add a goal; its deadline defaults to the conference's last day."""
        with self._sessions.begin() as session:
            if conference_id is not None:
                get_or_raise(session, Conference, conference_id, "conference")
            goal = Goal(conference_id=conference_id, status="active", created_at=self._now())
            _write_fields(session, goal, fields)
            session.add(goal)
            session.flush()
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS}))

    def update_goal(self, goal_id: int, fields: GoalFields) -> Outcome[GoalView]:
        """Change what a goal asks for; what was already counted towards it stays linked."""
        with self._sessions.begin() as session:
            goal = get_or_raise(session, Goal, goal_id, "goal")
            _write_fields(session, goal, fields)
            session.flush()
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS, Topic.TARGETS}))

    def delete_goal(self, goal_id: int) -> Outcome[None]:
        """Remove a goal and the speakers marked to meet for it; people met stay in the contacts."""
        with self._sessions.begin() as session:
            session.delete(get_or_raise(session, Goal, goal_id, "goal"))
        return Outcome(None, frozenset({Topic.GOALS, Topic.TARGETS, Topic.AGENDA}))

    def set_goal_status(self, goal_id: int, status: str) -> Outcome[GoalView]:
        """Mark a goal active, done or dropped."""
        status = status.strip().casefold()
        if status not in GOAL_STATUSES:
            raise UserError(f"unknown goal status {status!r}: use one of {', '.join(GOAL_STATUSES)}")
        with self._sessions.begin() as session:
            goal = get_or_raise(session, Goal, goal_id, "goal")
            goal.status = status
            session.flush()
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS}))

    def link_session_to_goal(self, goal_id: int, event_id: int) -> Outcome[GoalView]:
        """Count a session towards a goal (an attend goal counts it once it is marked attended)."""
        with self._sessions.begin() as session:
            goal = _goal_with_session(session, goal_id, event_id)
            _link_session(session, goal_id, event_id)
            session.flush()
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS}))

    def accept_session(self, goal_id: int, event_id: int, priority: str = "must") -> Outcome[GoalView]:
        """Accept a suggested session for a goal: pick it (or change its priority) and count it for the goal."""
        if priority not in ("must", "nice"):
            raise UserError(f"priority must be must or nice, not {priority!r}")
        with self._sessions.begin() as session:
            goal = _goal_with_session(session, goal_id, event_id)
            pick_session(session, event_id, priority, self._now())
            _link_session(session, goal_id, event_id)
            session.flush()
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS, Topic.PICKS, Topic.AGENDA}))

    def unlink_session_from_goal(self, goal_id: int, event_id: int) -> Outcome[GoalView]:
        with self._sessions.begin() as session:
            goal = get_or_raise(session, Goal, goal_id, "goal")
            session.execute(delete(GoalEvent).where(GoalEvent.goal_id == goal_id, GoalEvent.event_id == event_id))
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS}))

    def link_contact_to_goal(self, goal_id: int, contact_id: int) -> Outcome[GoalView]:
        """Count a person the user met towards a goal."""
        with self._sessions.begin() as session:
            goal = get_or_raise(session, Goal, goal_id, "goal")
            get_or_raise(session, Contact, contact_id, "contact")
            if session.get(GoalContact, (goal_id, contact_id)) is None:
                session.add(GoalContact(goal_id=goal_id, contact_id=contact_id))
            session.flush()
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS}))

    def unlink_contact_from_goal(self, goal_id: int, contact_id: int) -> Outcome[GoalView]:
        with self._sessions.begin() as session:
            goal = get_or_raise(session, Goal, goal_id, "goal")
            session.execute(
                delete(GoalContact).where(GoalContact.goal_id == goal_id, GoalContact.contact_id == contact_id)
            )
            view = _goal_view(session, goal)
        return Outcome(view, frozenset({Topic.GOALS}))

    def set_attended(self, event_id: int, attended: bool = True) -> Outcome[None]:
        """Mark a session attended (picking it if it was not); attend goals count it."""
        with self._sessions.begin() as session:
            get_or_raise(session, Event, event_id, "session")
            pick = session.get(Pick, event_id)
            if pick is None and attended:
                session.add(Pick(event_id=event_id, priority="nice", attended=True, picked_at=self._now()))
            elif pick is not None:
                pick.attended = attended
        return Outcome(None, frozenset({Topic.PICKS, Topic.AGENDA, Topic.GOALS}))

    # --- templates ------------------------------------------------------------------------

    def templates_for(self, stage: str) -> list[GoalTemplate]:
        """The goal templates for a stage ("" lists them all)."""
        return templates_for_stage(normalise_stage(stage))

    def goal_from_template(self, template_id: str, conference_id: int | None) -> GoalFields:
        """The fields a template suggests for this user, for the goal dialog to show and the user to edit."""
        template = template_by_id(template_id)
        if template is None:
            raise NotFoundError(f"no goal template {template_id!r}")
        with self._sessions() as session:
            row = session.get(Profile, PROFILE_ID)
            profile = ProfileData() if row is None else _profile_data(row)
            return template.fill(profile, _default_deadline(session, conference_id))

    def default_deadline(self, conference_id: int | None) -> date | None:
        """The deadline a new goal gets when none is given: the conference's last day."""
        with self._sessions() as session:
            return _default_deadline(session, conference_id)

    def known_institutions(self, conference_id: int | None) -> list[str]:
        """Institutions a goal may name: the profile's targets first, then the speakers' affiliations."""
        with self._sessions() as session:
            return list(_known_institutions(session, conference_id).values())

    def known_roles(self, conference_id: int | None) -> list[str]:
        """The usual roles, then any other role speakers of the conference have."""
        with self._sessions() as session:
            roles = list(ROLES)
            if conference_id is not None:
                seen = {r.casefold() for r in roles}
                for role in session.scalars(
                    select(Speaker.role).where(Speaker.conference_id == conference_id, Speaker.role != "").distinct()
                ):
                    if role.casefold() not in seen:
                        seen.add(role.casefold())
                        roles.append(role)
            return roles

    # --- speakers to meet -----------------------------------------------------------------

    def targets(self, conference_id: int) -> list[TargetView]:
        """The speakers the user means to meet at a conference, by the time of their session."""
        with self._sessions() as session:
            ids = session.scalars(
                select(Target.id).join(Speaker, Speaker.id == Target.speaker_id).where(
                    Speaker.conference_id == conference_id
                )
            ).all()
            views = [_target_view(session, session.get_one(Target, i)) for i in ids]
        far_future = datetime.max.replace(tzinfo=timezone.utc)
        return sorted(views, key=lambda t: (t.event_start or far_future, t.name.casefold(), t.id))

    def target(self, target_id: int) -> TargetView:
        with self._sessions() as session:
            return _target_view(session, get_or_raise(session, Target, target_id, "person to meet"))

    def add_target(
        self, speaker_id: int, goal_id: int | None = None, event_id: int | None = None
    ) -> Outcome[TargetView]:
        """Mark a speaker to meet, for a goal, at a session (default: their next session)."""
        with self._sessions.begin() as session:
            speaker = get_or_raise(session, Speaker, speaker_id, "speaker")
            if goal_id is not None:
                goal = get_or_raise(session, Goal, goal_id, "goal")
                if goal.conference_id is not None and goal.conference_id != speaker.conference_id:
                    raise UserError(f"{speaker.name} does not speak at the conference of goal {goal_id}")
            if event_id is not None:
                event = get_or_raise(session, Event, event_id, "session")
                if event.conference_id != speaker.conference_id:
                    raise UserError(f"the session {event.title!r} is not in {speaker.name}'s conference")
            else:
                event_id = next_session_of(session, speaker_id, self._now())
            existing = session.scalar(
                select(Target).where(
                    Target.speaker_id == speaker_id,
                    Target.goal_id.is_(None) if goal_id is None else Target.goal_id == goal_id,
                )
            )
            if existing is None:
                existing = Target(speaker_id=speaker_id, goal_id=goal_id, event_id=event_id, created_at=self._now())
                session.add(existing)
            elif event_id is not None:
                existing.event_id = event_id
            session.flush()
            view = _target_view(session, existing)
        return Outcome(view, frozenset({Topic.TARGETS, Topic.GOALS, Topic.AGENDA}))

    def remove_target(self, target_id: int) -> Outcome[None]:
        """The user no longer means to meet this speaker (for this goal)."""
        with self._sessions.begin() as session:
            session.delete(get_or_raise(session, Target, target_id, "person to meet"))
        return Outcome(None, frozenset({Topic.TARGETS, Topic.GOALS, Topic.AGENDA}))

    def mark_met(self, target_id: int, place: str = "", points: str = "") -> Outcome[TargetView]:
        """Record meeting a speaker marked to meet: the person (reused if they are one already), a
        conversation at the target's session, and progress on every goal the speaker was marked for."""
        with self._sessions.begin() as session:
            target = get_or_raise(session, Target, target_id, "person to meet")
            speaker = session.get_one(Speaker, target.speaker_id)
            note = ConversationNote(
                conference_id=speaker.conference_id,
                event_id=target.event_id,
                met_at=self._now(),
                place=place,
                points=tuple(points.splitlines()),
            )
            details = ContactDetails(name=speaker.name, institution=speaker.affiliation, position=speaker.role)
            capture_in(
                session,
                CaptureData(details=details, obtained=Obtained.PROGRAM, conversation=note, speaker_id=speaker.id),
                self._now(),
            )
            session.flush()
            view = _target_view(session, target)
        return Outcome(view, frozenset({Topic.TARGETS, Topic.GOALS, Topic.CONTACTS, Topic.AGENDA}))


# --- target helpers ----------------------------------------------------------------------------


def _target_view(session: Session, target: Target) -> TargetView:
    speaker = session.get_one(Speaker, target.speaker_id)
    conference = session.get_one(Conference, speaker.conference_id)
    zone = ZoneInfo(conference.time_zone)
    goal = session.get(Goal, target.goal_id) if target.goal_id is not None else None
    event = session.get(Event, target.event_id) if target.event_id is not None else None
    contact_id = speaker_person(session, speaker.id)
    met = bool(met_speaker_ids(session, [speaker.id]))
    return TargetView(
        id=target.id,
        speaker_id=speaker.id,
        conference_id=speaker.conference_id,
        name=speaker.name,
        affiliation=speaker.affiliation,
        role=speaker.role,
        goal_id=target.goal_id,
        goal_title=goal.title if goal is not None else "",
        event_id=target.event_id,
        event_title=event.title if event is not None else "",
        event_start=event.start.astimezone(zone) if event is not None else None,
        event_end=event.end.astimezone(zone) if event is not None else None,
        room=event.room if event is not None else "",
        met=met,
        contact_id=contact_id,
    )
