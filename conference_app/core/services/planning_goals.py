"""The profile and goals as stored: reading them, checking what the user typed, and counting progress.

Helpers for `PlanningService`, each working inside the caller's session and transaction.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conference_app.core.domain.people import find_orcid
from conference_app.core.domain.text import one_line
from conference_app.core.domain.planning import (
    ROLES,
    GoalFields,
    GoalKind,
    GoalProgress,
    GoalView,
    ProfileData,
    ProgressItem,
    check_email,
    clean_list,
    normalise_stage,
    parse_kind,
    planned_label,
    progress_label,
)
from conference_app.core.errors import UserError
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

PROFILE_ID = 1
MAX_TARGET_COUNT = 999

# --- profile helpers ---------------------------------------------------------------------------


def _profile_data(row: Profile) -> ProfileData:
    return ProfileData(
        name=row.name,
        stage=row.stage,
        institution=row.institution,
        interests=clean_list(row.interests),
        target_institutions=clean_list(row.target_institutions),
        target_fellowships=clean_list(row.target_fellowships),
        email=row.email,
        phone=row.phone,
        linkedin=row.linkedin,
        x_handle=row.x_handle,
        orcid=row.orcid,
        pitch=row.pitch,
        signature=row.signature,
    )


def _clean_orcid(text: str) -> str:
    """The bare ORCID iD from an iD or an orcid.org link; a UserError for anything else."""
    if not text.strip():
        return ""
    orcid = find_orcid(text)
    if not orcid:
        raise UserError(f"{text.strip()!r} is not an ORCID iD (it looks like 0000-0002-1825-0097)")
    return orcid


def _clean_profile(data: ProfileData) -> ProfileData:
    return ProfileData(
        name=one_line(data.name),
        stage=normalise_stage(data.stage),
        institution=one_line(data.institution),
        interests=clean_list(data.interests),
        target_institutions=clean_list(data.target_institutions),
        target_fellowships=clean_list(data.target_fellowships),
        email=check_email(data.email),
        phone=data.phone.strip(),
        linkedin=data.linkedin.strip(),
        x_handle=data.x_handle.strip(),
        orcid=_clean_orcid(data.orcid),
        pitch=data.pitch.strip(),
        signature=data.signature.strip("\n").rstrip(),
    )


# --- goal helpers ------------------------------------------------------------------------------


def _goal_with_session(session: Session, goal_id: int, event_id: int) -> Goal:
    """The goal, once the session is known to exist and to be in the goal's conference."""
    goal = get_or_raise(session, Goal, goal_id, "goal")
    event = get_or_raise(session, Event, event_id, "session")
    if goal.conference_id is not None and event.conference_id != goal.conference_id:
        raise UserError(f"the session {event.title!r} is not in this goal's conference")
    return goal


def _link_session(session: Session, goal_id: int, event_id: int) -> None:
    if session.get(GoalEvent, (goal_id, event_id)) is None:
        session.add(GoalEvent(goal_id=goal_id, event_id=event_id))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _known_institutions(session: Session, conference_id: int | None) -> dict[str, str]:
    """Matching key → spelling, the profile's targets first, then affiliations in name order."""
    known: dict[str, str] = {}
    profile = session.get(Profile, PROFILE_ID)
    for name in clean_list(profile.target_institutions if profile else []):
        known.setdefault(_key(name), name)
    if conference_id is not None:
        affiliations = session.scalars(
            select(Speaker.affiliation)
            .where(Speaker.conference_id == conference_id, Speaker.affiliation != "")
            .distinct()
            .order_by(Speaker.affiliation)
        )
        for name in affiliations:
            known.setdefault(_key(name), " ".join(name.split()))
    return known


def _check_institutions(session: Session, conference_id: int | None, names: Iterable[str]) -> tuple[str, ...]:
    """The institutions as the profile or the program spells them; an unknown one is a UserError."""
    wanted = clean_list(list(names))
    if not wanted:
        return ()
    known = _known_institutions(session, conference_id)
    result = []
    for name in wanted:
        spelled = known.get(_key(name))
        if spelled is None:
            close = difflib.get_close_matches(_key(name), list(known), n=1, cutoff=0.6)
            hint = f" (did you mean {known[close[0]]!r}?)" if close else ""
            raise UserError(
                f"unknown institution {name!r}: add it to your target institutions in your profile, "
                f"or use a speaker's affiliation from the program{hint}"
            )
        result.append(spelled)
    return tuple(dict.fromkeys(result))


def _canonical_roles(roles: Iterable[str]) -> tuple[str, ...]:
    usual = {r.casefold(): r for r in ROLES}
    return clean_list([usual.get(" ".join(r.split()).casefold(), r) for r in roles])


def _clean_goal_fields(session: Session, conference_id: int | None, fields: GoalFields) -> GoalFields:
    kind = parse_kind(fields.kind)
    title = one_line(fields.title)
    if not title:
        raise UserError("a goal needs a title")
    if fields.target_count < 1:
        raise UserError("the target must be at least 1")
    if fields.target_count > MAX_TARGET_COUNT:
        raise UserError(f"the target must be at most {MAX_TARGET_COUNT}")
    return replace(
        fields,
        kind=kind,
        title=title,
        keywords=clean_list(list(fields.keywords)),
        institutions=_check_institutions(session, conference_id, fields.institutions),
        roles=_canonical_roles(fields.roles),
    )


def _default_deadline(session: Session, conference_id: int | None) -> date | None:
    """The conference's last day: its stated end date, else the day of its last session."""
    if conference_id is None:
        return None
    conference = session.get(Conference, conference_id)
    if conference is None:
        return None
    if conference.end_date is not None:
        return conference.end_date
    last = session.scalar(select(func.max(Event.start)).where(Event.conference_id == conference_id))
    return None if last is None else last.astimezone(ZoneInfo(conference.time_zone)).date()


def _write_fields(session: Session, goal: Goal, fields: GoalFields) -> None:
    """Check what the user asked for (a UserError says what to fix) and store it on the goal."""
    clean = _clean_goal_fields(session, goal.conference_id, fields)
    goal.kind = GoalKind(clean.kind).value
    goal.title = clean.title
    goal.target_count = clean.target_count
    goal.keywords = list(clean.keywords)
    goal.institutions = list(clean.institutions)
    goal.roles = list(clean.roles)
    goal.deadline = clean.deadline or _default_deadline(session, goal.conference_id)


def _goal_view(session: Session, goal: Goal) -> GoalView:
    kind = parse_kind(goal.kind)
    keywords = clean_list(goal.keywords)
    roles = clean_list(goal.roles)
    return GoalView(
        id=goal.id,
        conference_id=goal.conference_id,
        kind=kind,
        title=goal.title,
        target_count=goal.target_count,
        keywords=keywords,
        institutions=clean_list(goal.institutions),
        roles=roles,
        deadline=goal.deadline,
        status=goal.status,
        created_at=goal.created_at,
        progress=_progress(session, goal.id, kind, goal.target_count, roles, keywords),
    )


def _progress(
    session: Session, goal_id: int, kind: GoalKind, target: int, roles: tuple[str, ...], keywords: tuple[str, ...]
) -> GoalProgress:
    if kind.counts_sessions:
        items = _attended_sessions(session, goal_id)
        done = len(items)
        planned = session.scalar(select(func.count()).select_from(GoalEvent).where(GoalEvent.goal_id == goal_id))
    else:
        contacts = session.execute(
            select(Contact.id, Contact.name, Contact.institution)
            .join(GoalContact, GoalContact.contact_id == Contact.id)
            .where(GoalContact.goal_id == goal_id)
            .order_by(Contact.id)
        ).all()
        items = tuple(ProgressItem("contact", c.id, c.name, c.institution) for c in contacts)
        if kind is GoalKind.INTRODUCE:
            # An introduce goal counts institutions reached; a person with no institution counts alone.
            done = len({_key(c.institution) or f"#{c.id}" for c in contacts})
        else:
            done = len(items)
        planned = session.scalar(select(func.count()).select_from(Target).where(Target.goal_id == goal_id))
    planned = int(planned or 0)
    return GoalProgress(
        done=done,
        target=target,
        label=progress_label(kind, done, target, roles, keywords),
        items=items,
        planned=planned,
        planned_label=planned_label(kind, planned),
    )


def _attended_sessions(session: Session, goal_id: int) -> tuple[ProgressItem, ...]:
    rows = session.execute(
        select(Event.id, Event.title, Event.start, Conference.time_zone)
        .join(GoalEvent, GoalEvent.event_id == Event.id)
        .join(Pick, Pick.event_id == Event.id)
        .join(Conference, Conference.id == Event.conference_id)
        .where(GoalEvent.goal_id == goal_id, Pick.attended.is_(True))
        .order_by(Event.start, Event.id)
    ).all()
    return tuple(
        ProgressItem("session", r.id, r.title, f"{r.start.astimezone(ZoneInfo(r.time_zone)):%a %H:%M}") for r in rows
    )
