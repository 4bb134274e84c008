"""Service: the picture of the user's network: the people they know and the speakers they mean to meet."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from conference_app.core.domain.network_map import (
    PERSON,
    SPEAKER,
    NetworkGoal,
    NetworkMap,
    NetworkPerson,
    layout_network,
)
from conference_app.core.domain.planning import GoalKind
from conference_app.core.storage.models import Goal, Profile, Speaker, Target
from conference_app.core.storage.people_rows import met_speaker_ids, person_summaries

PROFILE_ID = 1


class NetworkService:
    """Reads only: who stands where in the user's network, coloured by the goals they count for."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def network(self, conference_id: int | None) -> NetworkMap:
        """Everyone in the user's people, plus the speakers of this conference they mean to meet.

        A speaker who is already one of the user's people appears once, as that person, with the
        goals they were marked to meet for. The legend lists the active goals that count people.
        """
        with self._sessions() as session:
            profile = session.get(Profile, PROFILE_ID)
            goals = _people_goals(session, conference_id)
            wanted = {goal.id for goal in goals}
            people: dict[str, NetworkPerson] = {}
            as_person: dict[int, str] = {}
            for summary in person_summaries(session):
                person = NetworkPerson(
                    kind=PERSON,
                    ref_id=summary.id,
                    name=summary.name,
                    position=summary.position,
                    institution=summary.institution,
                    relationship=summary.relationship.value,
                    direction=summary.direction.value,
                    goal_ids=tuple(g for g in summary.goal_ids if g in wanted),
                    met=summary.met,
                )
                people[person.key] = person
                for speaker_id in summary.speaker_ids:
                    as_person[speaker_id] = person.key
            if conference_id is not None:
                _add_targets(session, conference_id, wanted, people, as_person)
            stage = profile.stage if profile is not None else ""
        return layout_network(list(people.values()), stage, goals)


def _people_goals(session: Session, conference_id: int | None) -> list[NetworkGoal]:
    """The active goals of the conference (and those tied to none) that count people, oldest first."""
    query = select(Goal.id, Goal.title).where(Goal.status == "active", Goal.kind != GoalKind.ATTEND.value)
    if conference_id is not None:
        query = query.where((Goal.conference_id == conference_id) | Goal.conference_id.is_(None))
    return [NetworkGoal(row.id, row.title) for row in session.execute(query.order_by(Goal.id))]


def _add_targets(
    session: Session,
    conference_id: int,
    wanted: set[int],
    people: dict[str, NetworkPerson],
    as_person: dict[int, str],
) -> None:
    """The speakers marked to meet: their goals go to the person they are, else they stand as speakers."""
    rows = session.execute(
        select(Speaker.id, Speaker.name, Speaker.role, Speaker.affiliation, Target.goal_id)
        .join(Target, Target.speaker_id == Speaker.id)
        .where(Speaker.conference_id == conference_id)
        .order_by(Target.created_at, Target.id)
    ).all()
    met_elsewhere = met_speaker_ids(session, {r.id for r in rows} - set(as_person))
    for row in rows:
        if row.id in met_elsewhere:
            continue  # met as the same person in another program: they stand once, as that person
        key = as_person.get(row.id, f"{SPEAKER}:{row.id}")
        known = people.get(key) or NetworkPerson(
            kind=SPEAKER, ref_id=row.id, name=row.name, position=row.role, institution=row.affiliation
        )
        goals = known.goal_ids
        if row.goal_id is not None and row.goal_id in wanted and row.goal_id not in goals:
            goals = (*goals, row.goal_id)
        people[key] = replace(
            known,
            position=known.position or row.role,
            institution=known.institution or row.affiliation,
            goal_ids=goals,
        )
