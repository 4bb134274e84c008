"""Service: sessions and speakers ranked against a goal, with reasons."""

from __future__ import annotations

import heapq
import html
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from conference_app.core.domain.ranking import (
    PEOPLE_KINDS,
    Candidate,
    Criteria,
    PersonFacts,
    Phrase,
    Ranked,
    SessionFacts,
    SessionRef,
    Suggestion,
    best_first,
    fts_any_keyword,
    fts_keyword,
    fts_people,
    fts_people_on_topic,
    score_session,
    score_speaker,
)
from conference_app.core.errors import UserError
from conference_app.core.services.program import CURRENT_CONFERENCE
from conference_app.core.services.search_index import finish_search_index
from conference_app.core.storage.database import Database
from conference_app.core.storage.lookup import get_or_raise
from conference_app.core.storage.models import Conference, Event, Goal, Pick, Profile, Target
from conference_app.core.storage.settings import get_setting

# How many candidates the full-text index hands to the scoring: enough to fill any list a person
# reads, few enough to score in Python within milliseconds on a 10,000-session program.
SESSIONS_PER_KEYWORD = 200  # shared out between several keywords, at least MIN_SESSIONS_PER_KEYWORD each
MIN_SESSIONS_PER_KEYWORD = 100
SESSIONS_PER_INTEREST = 100
SPEAKERS_PER_KEYWORD = 60
PEOPLE_PER_QUERY = 100  # speakers from a target institution, or in a wanted role
SESSIONS_FROM_PEOPLE = 100  # the sessions with the most of those speakers
SESSIONS_FOR_SPEAKERS = 40  # meet and introduce goals also weigh the speakers of their best sessions
SPARE = 10  # read beyond the limit: a speaker whose sessions all turn out cancelled is dropped

# BM25 column weights, title and track highest. event_fts: title, subtitle, abstract, track, type,
# room, speakers, affiliations (with roles), biographies. speaker_fts: name, affiliation, role, biography.
_EVENT_BM25 = "bm25(event_fts, 10.0, 4.0, 2.0, 10.0, 1.0, 0.5, 1.0, 3.0, 1.0)"
_SPEAKER_BM25 = "bm25(speaker_fts, 2.0, 4.0, 4.0, 2.0)"
_HITS = {
    "event": (
        f"SELECT event_fts.rowid, {_EVENT_BM25} AS relevance FROM event_fts JOIN event ON event.id = event_fts.rowid "
        "WHERE event_fts MATCH ? AND event.conference_id = ? ORDER BY relevance LIMIT ?"
    ),
    "speaker": (
        f"SELECT speaker_fts.rowid, {_SPEAKER_BM25} AS relevance FROM speaker_fts "
        "JOIN speaker ON speaker.id = speaker_fts.rowid "
        "WHERE speaker_fts MATCH ? AND speaker.conference_id = ? ORDER BY relevance LIMIT ?"
    ),
}
# With one conference stored, the index holds nothing else: checking each hit's row would cost
# more than the ranking itself.
_HITS_ONLY_CONFERENCE = {
    "event": f"SELECT rowid, {_EVENT_BM25} AS relevance FROM event_fts WHERE event_fts MATCH ? "
    "ORDER BY relevance LIMIT ?",
    "speaker": f"SELECT rowid, {_SPEAKER_BM25} AS relevance FROM speaker_fts WHERE speaker_fts MATCH ? "
    "ORDER BY relevance LIMIT ?",
}
# Id lists travel as one JSON parameter: one statement for any number of ids. Cancelled sessions
# are dropped here, when the rows are read.
_SESSION_FACTS = (
    "SELECT id, title, subtitle, abstract, description, track, type, start FROM event "
    "WHERE id IN (SELECT value FROM json_each(?)) AND conference_id = ? AND NOT cancelled"
)
_SESSION_SPEAKERS = (
    "SELECT es.event_id, s.id, s.name, s.affiliation, s.role, s.biography "
    "FROM event_speaker es JOIN speaker s ON s.id = es.speaker_id "
    "WHERE es.event_id IN (SELECT value FROM json_each(?)) ORDER BY es.event_id, es.position"
)
_SPEAKERS = "SELECT id, name, affiliation, role, biography FROM speaker WHERE id IN (SELECT value FROM json_each(?))"
_SPEAKER_SESSIONS = (
    "SELECT speaker_id, event_id FROM event_speaker WHERE speaker_id IN (SELECT value FROM json_each(?))"
)
_TAG = re.compile(r"<[^>]+>")


class SuggestionService:
    """Ranks a goal's conference program: which sessions to attend and which speakers to meet, and why."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._sessions = database.sessions

    def suggest(self, goal_id: int, limit: int = 20) -> list[Suggestion]:
        """Sessions, and for meet, introduce and learn goals speakers, ranked for a goal, best first.

        Ranked by the goal's keywords (full text over titles, tracks, abstracts and speakers), target
        institutions (the goal's, else the profile's), wanted roles and the user's interests. Meet and
        introduce goals list the relevant speakers; a learn goal lists speakers whose own affiliation,
        role or biography matches a keyword (people to work with). Cancelled sessions never appear.
        A goal with nothing to rank by gets an empty list.
        """
        if limit < 1:
            raise UserError(f"the number of suggestions must be at least 1, not {limit}")
        finish_search_index(self._database)  # the program's sessions are ranked through it
        with self._sessions() as session:
            goal = get_or_raise(session, Goal, goal_id, "goal")
            criteria = goal_criteria(goal, session.get(Profile, 1))
            conference = _conference_of(session, goal)
            if criteria.is_empty or conference is None:
                return []
            return _Ranking(session, conference, goal.id, criteria).run(limit)


def goal_criteria(goal: Goal, profile: Profile | None) -> Criteria:
    """What a goal is ranked by, with the profile's target institutions when the goal names none."""
    institutions = list(goal.institutions or [])
    if not institutions and profile is not None:
        institutions = list(profile.target_institutions or [])
    return Criteria.build(
        goal.kind,
        keywords=goal.keywords or [],
        institutions=institutions,
        roles=goal.roles or [],
        interests=(profile.interests or []) if profile is not None else [],
    )


def _conference_of(session: Session, goal: Goal) -> Conference | None:
    """The goal's conference, else the one the user is looking at, else the newest."""
    if goal.conference_id is not None:
        return session.get(Conference, goal.conference_id)
    current = get_setting(session, CURRENT_CONFERENCE)
    if isinstance(current, int):
        found = session.get(Conference, current)
        if found is not None:
            return found
    return session.scalar(select(Conference).order_by(Conference.imported_at.desc()).limit(1))


def _ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted(ids))


def _plain(text: str) -> str:
    """Words to match: tags dropped and entities decoded, only where there are any."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    return html.unescape(text) if "&" in text else text


class _Ranking:
    """One ranking inside one read transaction: a handful of batched queries, then pure scoring.

    Only the few suggestions shown get their times, picks and session lists loaded.
    """

    def __init__(self, session: Session, conference: Conference, goal_id: int, criteria: Criteria) -> None:
        self.session = session
        # Bulk reads go straight to the driver, inside the session's transaction: building thousands
        # of result rows through SQLAlchemy would cost more than the whole ranking.
        driver = session.connection().connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        self.driver = driver
        self.conference = conference
        self.goal_id = goal_id
        self.criteria = criteria
        self.only_conference = self._rows("SELECT count(*) FROM conference")[0][0] == 1
        self.people: dict[int, PersonFacts] = {}
        self.all_sessions_of: dict[int, list[int]] = {}

    def run(self, limit: int) -> list[Suggestion]:
        criteria = self.criteria
        people_goal = criteria.kind in PEOPLE_KINDS
        per_keyword = max(MIN_SESSIONS_PER_KEYWORD, SESSIONS_PER_KEYWORD // max(1, len(criteria.keywords)))
        relevance = self._hits(criteria.keywords, per_keyword)
        candidates = set(relevance)
        speaker_relevance: dict[int, float] = {}
        if criteria.people_find_candidates:
            people = self._people()
            candidates |= self._sessions_with_most(people)
            if people_goal:
                speaker_relevance = dict.fromkeys(people, 0.0)
        elif people_goal and (query := fts_people_on_topic(criteria)):
            # The people the goal names whose own text matches a keyword, however many others the
            # keywords find (the rest come in as speakers of the best sessions).
            speaker_relevance = self._speaker_hits(query, PEOPLE_PER_QUERY)
        elif criteria.suggests_speakers and criteria.keywords:
            speaker_relevance = self._speaker_hits(
                fts_any_keyword(criteria.keywords), SPEAKERS_PER_KEYWORD * len(criteria.keywords)
            )
        found = set(speaker_relevance)
        if criteria.interests_find_candidates:
            candidates.update(self._hits(criteria.interests, SESSIONS_PER_INTEREST))

        facts, starts = self._session_facts(candidates)
        scores = {i: score_session(f, criteria, relevance.get(i)) for i, f in facts.items()}
        ranked = [Candidate("session", i, f.title, scores[i], starts[i]) for i, f in facts.items()]
        sessions_of: dict[int, list[int]] = {}
        if criteria.suggests_speakers:
            if people_goal:
                best = heapq.nlargest(SESSIONS_FOR_SPEAKERS, scores, key=lambda i: scores[i].score)
                found |= {p.id for i in best for p in facts[i].speakers}
            speakers, sessions_of = self._rank_speakers(found, facts, scores, speaker_relevance)
            ranked += speakers
        # A few spare: a speaker whose sessions all turn out cancelled is dropped when shown.
        shown = self._suggestions(best_first(ranked, limit + SPARE), facts, sessions_of)
        return shown[:limit]

    # --- candidates ---------------------------------------------------------------------------

    def _rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        return self.driver.execute(sql, params).fetchall()

    def _search(self, table: str, match: str, limit: int) -> list[tuple[Any, ...]]:
        """(row id, BM25) of the best matches in event_fts or speaker_fts, within the conference."""
        if self.only_conference:
            return self._rows(_HITS_ONLY_CONFERENCE[table], match, limit)
        return self._rows(_HITS[table], match, self.conference.id, limit)

    def _hits(self, phrases: Sequence[Phrase], limit: int) -> dict[int, dict[str, float]]:
        """Sessions matching each phrase, with BM25 normalised so each phrase's best session scores 1."""
        relevance: dict[int, dict[str, float]] = {}
        for phrase in phrases:
            found = self._search("event", fts_keyword(phrase), limit)
            best = min((bm25 for _, bm25 in found), default=0.0)  # BM25 is negative: lower is better
            for event_id, bm25 in found:
                relevance.setdefault(event_id, {})[phrase.label] = bm25 / best if best < 0 else 0.0
        return relevance

    def _speaker_hits(self, match: str, limit: int) -> dict[int, float]:
        """Speakers matching, with BM25 normalised so the best scores 1."""
        found = self._search("speaker", match, limit)
        best = min((bm25 for _, bm25 in found), default=0.0)
        return {speaker_id: bm25 / best if best < 0 else 0.0 for speaker_id, bm25 in found}

    def _people(self) -> dict[int, int]:
        """The people the goal names, each with how many of its queries found them (the best count twice)."""
        found: dict[int, int] = {}
        for query in fts_people(self.criteria):
            for speaker_id in self._speaker_hits(query, PEOPLE_PER_QUERY):
                found[speaker_id] = found.get(speaker_id, 0) + 1
        return found

    def _sessions_with_most(self, people: dict[int, int]) -> set[int]:
        """The sessions with the most of these people on stage, the best of them counting double."""
        weight: dict[int, int] = {}
        for speaker_id, events in self._sessions_of_speakers(set(people)).items():
            for event_id in events:
                weight[event_id] = weight.get(event_id, 0) + people[speaker_id]
        return set(heapq.nlargest(SESSIONS_FROM_PEOPLE, weight, key=lambda e: (weight[e], -e)))

    def _sessions_of_speakers(self, speaker_ids: set[int]) -> dict[int, list[int]]:
        """Each speaker's sessions, cancelled ones included (they are dropped when read)."""
        sessions: dict[int, list[int]] = {}
        if speaker_ids:
            for speaker_id, event_id in self._rows(_SPEAKER_SESSIONS, _ids(speaker_ids)):
                sessions.setdefault(speaker_id, []).append(event_id)
        return sessions

    # --- reading and scoring ------------------------------------------------------------------

    def _person(self, speaker_id: int, name: str, affiliation: str, role: str, biography: str) -> PersonFacts:
        if speaker_id not in self.people:
            self.people[speaker_id] = PersonFacts(speaker_id, name, affiliation, role, _plain(biography))
        return self.people[speaker_id]

    def _session_facts(self, ids: set[int]) -> tuple[dict[int, SessionFacts], dict[int, str]]:
        """What the scoring reads about each live session, and its start as stored (for ordering)."""
        if not ids:
            return {}, {}
        people: dict[int, list[PersonFacts]] = {}
        for event_id, *person in self._rows(_SESSION_SPEAKERS, _ids(ids)):
            people.setdefault(event_id, []).append(self._person(*person))
        facts: dict[int, SessionFacts] = {}
        starts: dict[int, str] = {}
        for event_id, title, subtitle, abstract, description, track, type_, start in self._rows(
            _SESSION_FACTS, _ids(ids), self.conference.id
        ):
            body = _plain(f"{abstract} {description}" if description else abstract)
            on_stage = tuple(people.get(event_id, ()))
            facts[event_id] = SessionFacts(event_id, title, subtitle, body, track, type_, on_stage)
            starts[event_id] = str(start)
        return facts, starts

    def _rank_speakers(
        self,
        speaker_ids: set[int],
        facts: dict[int, SessionFacts],
        scores: dict[int, Ranked],
        relevance: dict[int, float],
    ) -> tuple[list[Candidate], dict[int, list[int]]]:
        """Score speakers; returns them and each one's sessions, the most relevant first.

        A speaker is judged by their own affiliation, role and biography and by their sessions among
        the candidates (the sessions best on the subject).
        """
        sessions = self._sessions_of_speakers(speaker_ids)
        missing = set(sessions) - set(self.people)
        if missing:
            for row in self._rows(_SPEAKERS, _ids(missing)):
                self._person(*row)
        candidates = []
        ordered: dict[int, list[int]] = {}
        self.all_sessions_of = sessions
        for speaker_id, events in sessions.items():
            # The sessions on the subject, the most relevant first (the rest follow by time when shown).
            ordered[speaker_id] = sorted(
                (e for e in events if e in scores and scores[e].topical > 0), key=lambda e: (-scores[e].topical, e)
            )
            person = self.people[speaker_id]
            read = [(facts[e], scores[e]) for e in events if e in facts]
            read.sort(key=lambda pair: -pair[1].topical)
            ranked = score_speaker(person, self.criteria, read, relevance.get(speaker_id, 0.0))
            candidates.append(Candidate("speaker", speaker_id, person.name, ranked))
        return candidates, ordered

    # --- what is shown ------------------------------------------------------------------------

    def _suggestions(
        self, shown: list[Candidate], facts: dict[int, SessionFacts], sessions_of: dict[int, list[int]]
    ) -> list[Suggestion]:
        session_ids = [c.row_id for c in shown if c.kind == "session"]
        speaker_ids = [c.row_id for c in shown if c.kind == "speaker"]
        refs = self._session_refs({e for s in speaker_ids for e in self.all_sessions_of[s]} | set(session_ids))
        priorities = dict(
            self.session.execute(select(Pick.event_id, Pick.priority).where(Pick.event_id.in_(session_ids))).all()
        )
        targeted = set(
            self.session.scalars(
                select(Target.speaker_id).where(Target.goal_id == self.goal_id, Target.speaker_id.in_(speaker_ids))
            )
        )
        result = []
        for candidate in shown:
            score, reasons = round(candidate.ranked.score, 2), candidate.ranked.reasons
            if candidate.kind == "session":
                ref, about = refs[candidate.row_id], facts[candidate.row_id]
                result.append(
                    Suggestion(
                        kind="session", id=ref.public_id, row_id=ref.id, title=ref.title, score=score,
                        reasons=reasons, start=ref.start, end=ref.end, day_index=ref.day_index, room=ref.room,
                        track=about.track, type=about.type, speakers=tuple(p.name for p in about.speakers),
                        picked=ref.id in priorities, priority=priorities.get(ref.id, ""),
                    )
                )
            elif live := self._speaker_sessions(candidate.row_id, sessions_of[candidate.row_id], refs):
                person = self.people[candidate.row_id]
                result.append(
                    Suggestion(
                        kind="speaker", id=str(person.id), row_id=person.id, title=person.name, score=score,
                        reasons=reasons, affiliation=person.affiliation, role=person.role, sessions=live,
                        targeted=person.id in targeted,
                    )
                )
        return result

    def _speaker_sessions(
        self, speaker_id: int, on_topic: list[int], refs: dict[int, SessionRef]
    ) -> tuple[SessionRef, ...]:
        """A speaker's live sessions: those on the subject first, the most relevant first, then by time."""
        first = [refs[e] for e in on_topic if e in refs]
        rest = sorted((refs[e] for e in self.all_sessions_of[speaker_id] if e in refs and e not in on_topic),
                      key=lambda r: (r.start, r.id))
        return tuple(first + rest)

    def _session_refs(self, event_ids: set[int]) -> dict[int, SessionRef]:
        """Public id, title, times (in the conference's zone) and room of the sessions shown."""
        if not event_ids:
            return {}
        zone = ZoneInfo(self.conference.time_zone)
        prefix = self.conference.identity
        return {
            r.id: SessionRef(
                r.id, f"{prefix}:{r.identity}", r.title, r.start.astimezone(zone), r.end.astimezone(zone),
                r.day_index, r.room,
            )
            for r in self.session.execute(
                select(Event.id, Event.identity, Event.title, Event.start, Event.end, Event.day_index, Event.room)
                .where(Event.id.in_(event_ids), Event.conference_id == self.conference.id, ~Event.cancelled)
            )
        }
