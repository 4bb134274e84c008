"""Ranking sessions and speakers against a goal: the scoring rules and the reasons, in plain words.

Pure functions over plain values. The suggestion service finds candidates with the full-text
index (BM25), hands their text and normalised relevance to `score_session` / `score_speaker`, and
sorts by the score. The score is the sum of what each reason is worth, plus BM25's finer ordering
among equally matched candidates, so the reasons shown always account for most of a score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

# The words, phrases and criteria, and the full-text queries, live in their own modules; they are
# imported here under their own names so callers keep importing everything from this module.
from conference_app.core.domain.fts_queries import fts_any_keyword as fts_any_keyword
from conference_app.core.domain.fts_queries import fts_keyword as fts_keyword
from conference_app.core.domain.fts_queries import fts_people as fts_people
from conference_app.core.domain.fts_queries import fts_people_on_topic as fts_people_on_topic
from conference_app.core.domain.fts_queries import fts_phrase as fts_phrase
from conference_app.core.domain.fts_queries import fts_phrases_in as fts_phrases_in
from conference_app.core.domain.fts_queries import fts_string as fts_string
from conference_app.core.domain.ranking_criteria import _PLURAL_AS_IS, _text
from conference_app.core.domain.ranking_criteria import GOAL_KINDS as GOAL_KINDS
from conference_app.core.domain.ranking_criteria import PEOPLE_KINDS as PEOPLE_KINDS
from conference_app.core.domain.ranking_criteria import ROLE_ALIASES as ROLE_ALIASES
from conference_app.core.domain.ranking_criteria import Criteria as Criteria
from conference_app.core.domain.ranking_criteria import Match as Match
from conference_app.core.domain.ranking_criteria import Phrase as Phrase
from conference_app.core.domain.ranking_criteria import Text as Text
from conference_app.core.domain.ranking_criteria import WantedRole as WantedRole
from conference_app.core.domain.ranking_criteria import fold as fold
from conference_app.core.domain.ranking_criteria import words as words

# What one match is worth. A track or title says what a session is about; an abstract or a
# speaker's biography only that it touches the subject.
TITLE, TRACK, SUBTITLE, ABSTRACT, SPEAKER_TEXT = 3.0, 3.0, 1.5, 1.0, 0.6
WORDS_ONLY = 0.6  # all the words of a keyword, but not as the phrase: worth this share of a phrase match
RELEVANCE = 2.0  # BM25, normalised to 0..1 per keyword, orders candidates that match alike
INSTITUTION, EXTRA_INSTITUTION = 2.0, 0.5
ROLE, EXTRA_ROLE = 2.0, 1.0
ROLE_AT_INSTITUTION = 1.0  # the person an 'introduce' goal is about: the right role at the right place
PANEL_OF_ROLES = 1.0  # several wanted people on one stage, answering questions
INTEREST, INTEREST_IN_ABSTRACT, MAX_INTERESTS = 1.0, 0.5, 2
SPEAKER_OWN_TEXT = 2.0
# A target institution weighs a little more than a role: programs to apply to are the harder constraint.
SPEAKER_ROLE, SPEAKER_INSTITUTION = 3.0, 3.5
# A speaker's sessions count up to a cap, so speaking often never outweighs being the right person.
BEST_SESSION_SHARE, MAX_BEST_SESSION, OTHER_SESSION, MAX_OTHER_SESSIONS = 0.5, 4.0, 0.5, 2
PERSON_FOR_PEOPLE_GOAL = 2.0  # a meet or introduce goal counts people: they come before the sessions they speak in
LEADERSHIP = 0.5  # with no wanted role named, program leadership is still who an introduction is for
LEADERSHIP_ROLES = ("program director", "fellowship director", "department chair", "division chief", "chair")
MAX_REASONS = 5

# Session types that suit a kind of goal (matched by a word of the type: "poster session" -> "poster").
TYPE_FIT: Mapping[str, Mapping[str, float]] = {
    "meet": {"panel": 0.75, "mixer": 0.75, "reception": 0.5, "poster": 0.5, "podium": 0.25, "workshop": 0.25},
    "introduce": {"panel": 1.0, "mixer": 0.75, "reception": 0.5, "poster": 0.25},
    "learn": {"podium": 0.5, "poster": 0.5, "plenary": 0.25, "panel": 0.25, "talk": 0.25, "lecture": 0.25},
    "attend": {},
    "custom": {},
}


def _worth(match: Match, weight: float) -> float:
    return weight if match is Match.PHRASE else weight * WORDS_ONLY if match is Match.WORDS else 0.0


_LEADERSHIP_PHRASES = {role: Phrase(role, words(role)) for role in LEADERSHIP_ROLES}


# --- what is scored ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str
    affiliation: str = ""
    role: str = ""
    biography: str = ""  # plain text


@dataclass(frozen=True)
class SessionFacts:
    id: int
    title: str
    subtitle: str = ""
    abstract: str = ""  # plain text
    track: str = ""
    type: str = ""
    speakers: tuple[PersonFacts, ...] = ()


@dataclass(frozen=True)
class Ranked:
    score: float
    reasons: tuple[str, ...]
    topical: float = 0.0  # the part earned by the goal's keywords alone
    track_matched: bool = False  # a keyword matched the track (speakers say "speaks in the X track")


class _Tally:
    """Points with the reason each was given for; the strongest reasons are shown first."""

    __slots__ = ("score", "reasons")

    def __init__(self) -> None:
        self.score = 0.0
        self.reasons: list[tuple[float, str]] = []

    def add(self, points: float, reason: str = "") -> None:
        if points > 0:
            self.score += points
            if reason:
                self.reasons.append((points, reason))

    def ranked(self, topical: float = 0.0, track_matched: bool = False) -> Ranked:
        reasons = self.reasons
        if len(reasons) > 1:
            reasons = sorted(reasons, key=_strongest_first)  # stable: equal points keep their order
        shown = tuple(dict.fromkeys(reason for _, reason in reasons))[:MAX_REASONS]
        return Ranked(round(self.score, 4), shown, round(topical, 4), track_matched)


def _strongest_first(item: tuple[float, str]) -> float:
    return -item[0]


# --- sessions ----------------------------------------------------------------------------------


def score_session(facts: SessionFacts, criteria: Criteria, relevance: Mapping[str, float] | None = None) -> Ranked:
    """Score one session against a goal. `relevance`: BM25 per keyword label, normalised to 0..1."""
    relevance = relevance or {}
    tally = _Tally()
    title, subtitle, track = _text(facts.title), _text(facts.subtitle), _text(facts.track)
    abstract = _text(facts.abstract)
    track_matched = False
    for keyword in criteria.keywords:
        label = keyword.label
        if found := track.match(keyword):
            track_matched = True
            tally.add(_worth(found, TRACK), f"track is {facts.track}")
        if found := title.match(keyword):
            tally.add(_worth(found, TITLE), f"title matches '{label}'")
        if found := subtitle.match(keyword):
            tally.add(_worth(found, SUBTITLE), f"subtitle matches '{label}'")
        if found := abstract.match(keyword):
            tally.add(_worth(found, ABSTRACT), f"abstract mentions '{label}'")
        _score_speaker_texts(tally, facts.speakers, keyword)
        tally.add(RELEVANCE * relevance.get(label, 0.0))
    topical = tally.score
    _score_people(tally, facts, criteria)
    for interest in criteria.interests[:MAX_INTERESTS]:
        if title.match(interest) or subtitle.match(interest) or track.match(interest):
            tally.add(INTEREST, f"matches your interest '{interest.label}'")
        elif abstract.match(interest):
            tally.add(INTEREST_IN_ABSTRACT, f"matches your interest '{interest.label}'")
    if tally.score > 0:
        tally.add(_type_fit(criteria.kind, facts.type))
    return tally.ranked(topical, track_matched)


def _score_speaker_texts(tally: _Tally, people: Sequence[PersonFacts], keyword: Phrase) -> None:
    """The keyword in a speaker's affiliation or biography: counted once per session, the best match."""
    best, reason = Match.NONE, ""
    for person in people:
        if (found := _text(person.affiliation).match(keyword)) > best:
            best, reason = found, f"speaker affiliation matches '{keyword.label}'"
        if (found := _text(person.biography).match(keyword)) > best:
            best, reason = found, f"speaker biography mentions '{keyword.label}'"
        if best is Match.PHRASE:
            break
    if best:
        tally.add(_worth(best, SPEAKER_TEXT), reason)


def _score_people(tally: _Tally, facts: SessionFacts, criteria: Criteria) -> None:
    from_institution = [p for p in facts.speakers if _target_institution(p, criteria)]
    in_role = [p for p in facts.speakers if _wanted_role(p, criteria)]
    if from_institution:
        extra = min(len(from_institution) - 1, 2) * EXTRA_INSTITUTION
        tally.add(INSTITUTION + extra, _institution_reason(from_institution))
    if in_role:
        role = _wanted_role(in_role[0], criteria)
        assert role is not None
        tally.add(ROLE + min(len(in_role) - 1, 2) * EXTRA_ROLE, _role_reason(in_role, role, facts.type))
        if len(in_role) >= 2 and "panel" in _text(facts.type).words and criteria.kind in PEOPLE_KINDS:
            tally.add(PANEL_OF_ROLES)
    if any(p in in_role for p in from_institution):
        tally.add(ROLE_AT_INSTITUTION)


def _institution_reason(people: Sequence[PersonFacts]) -> str:
    places = list(dict.fromkeys(p.affiliation for p in people))
    if len(places) == 1:
        who = "speaker" if len(people) == 1 else f"{len(people)} speakers"
        return f"{who} from {places[0]}, a target institution"
    named = " and ".join(places[:2]) if len(places) == 2 else f"{places[0]}, {places[1]} and others"
    return f"speakers from {named}, target institutions"


def _role_reason(people: Sequence[PersonFacts], role: WantedRole, session_type: str) -> str:
    if len(people) == 1:
        return f"with {people[0].role.casefold()} {people[0].name}"
    what = "panel" if "panel" in _text(session_type).words else "session"
    return f"{what} with {len(people)} {role.plural}"


def _type_fit(kind: str, session_type: str) -> float:
    fit = TYPE_FIT.get(kind, {})
    return max((fit.get(w, 0.0) for w in _text(session_type).words), default=0.0)


def _target_institution(person: PersonFacts, criteria: Criteria) -> Phrase | None:
    if not criteria.institutions or not person.affiliation:
        return None
    affiliation = _text(person.affiliation)
    return next((i for i in criteria.institutions if affiliation.match(i) is Match.PHRASE), None)


def _wanted_role(person: PersonFacts, criteria: Criteria) -> WantedRole | None:
    if not criteria.roles or not person.role:
        return None
    role = _text(person.role)
    return next((r for r in criteria.roles if r.matches(role)), None)


# --- speakers ----------------------------------------------------------------------------------


def score_speaker(
    person: PersonFacts,
    criteria: Criteria,
    sessions: Sequence[tuple[SessionFacts, Ranked]] = (),
    relevance: float = 0.0,
) -> Ranked:
    """Score a speaker: their own affiliation, role and biography, and how relevant their sessions are.

    `sessions` are the speaker's sessions with their scores, most relevant first; `relevance` is the
    BM25 of the speaker's own text against the keywords, normalised to 0..1.
    """
    tally = _Tally()
    affiliation, role, biography = _text(person.affiliation), _text(person.role), _text(person.biography)
    for keyword in criteria.keywords:
        label = keyword.label
        own = max(
            (affiliation.match(keyword), 2, "affiliation matches"),
            (role.match(keyword), 1, "role matches"),
            (biography.match(keyword), 0, "biography mentions"),
        )
        if own[0]:
            tally.add(_worth(own[0], SPEAKER_OWN_TEXT), f"{own[2]} '{label}'")
    tally.add(RELEVANCE / 2 * relevance)
    topical_sessions = [(s, r) for s, r in sessions if r.topical > 0]
    if topical_sessions:
        best, ranked = topical_sessions[0]
        where = f"speaks in the {best.track} track" if ranked.track_matched else f"speaks at '{_short(best.title)}'"
        tally.add(min(BEST_SESSION_SHARE * ranked.topical, MAX_BEST_SESSION), where)
        tally.add(OTHER_SESSION * min(len(topical_sessions) - 1, MAX_OTHER_SESSIONS))
    topical = tally.score
    institution = _target_institution(person, criteria)
    wanted = _wanted_role(person, criteria)
    if institution is not None:
        tally.add(SPEAKER_INSTITUTION, f"from {person.affiliation}, a target institution")
    if wanted is not None:
        tally.add(SPEAKER_ROLE, _is(person.role))
    if institution is not None and wanted is not None:
        tally.add(ROLE_AT_INSTITUTION)
    if not criteria.roles and criteria.kind in PEOPLE_KINDS and _leads(role):
        tally.add(LEADERSHIP, _is(person.role))
    session_texts = [_text(f"{s.title} {s.subtitle} {s.track}") for s, _ in sessions] if criteria.interests else []
    for interest in criteria.interests[:MAX_INTERESTS]:
        if biography.match(interest) or any(t.match(interest) for t in session_texts):
            tally.add(INTEREST, f"matches your interest '{interest.label}'")
    if tally.score > 0 and criteria.kind in PEOPLE_KINDS:
        tally.add(PERSON_FOR_PEOPLE_GOAL)
    return tally.ranked(topical)


def _leads(role: Text) -> bool:
    return any(role.match(_LEADERSHIP_PHRASES[r]) is Match.PHRASE for r in LEADERSHIP_ROLES)


def _short(title: str, limit: int = 48) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _is(role: str) -> str:
    """ "is a program director", "is an associate program director", "is faculty"."""
    noun = role.casefold()
    if noun in _PLURAL_AS_IS:
        return f"is {noun}"
    return f"is {'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


# --- what the user sees ------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRef:
    """One of a suggested speaker's sessions. Times in the conference's zone."""

    id: int
    public_id: str
    title: str
    start: datetime
    end: datetime
    day_index: int
    room: str


@dataclass(frozen=True)
class Suggestion:
    """One ranked session or speaker for a goal, with everything a list row shows.

    `id` is the public id: "conference:session" for a session (as the program commands take it),
    the speaker's id as a string for a speaker. `row_id` is the database id either way.
    """

    kind: str  # "session" | "speaker"
    id: str
    row_id: int
    title: str  # the session's title or the speaker's name
    score: float
    reasons: tuple[str, ...]
    # sessions
    start: datetime | None = None
    end: datetime | None = None
    day_index: int | None = None
    room: str = ""
    track: str = ""
    type: str = ""
    speakers: tuple[str, ...] = ()
    picked: bool = False
    priority: str = ""  # "must" | "nice" | ""
    # speakers
    affiliation: str = ""
    role: str = ""
    sessions: tuple[SessionRef, ...] = field(default_factory=tuple)  # the most relevant first: where to meet them
    targeted: bool = False  # already a person to meet for this goal

    @property
    def name(self) -> str:
        return self.title

    @property
    def meet_at(self) -> SessionRef | None:
        """The session after which to meet a suggested speaker."""
        return self.sessions[0] if self.sessions else None


@dataclass(frozen=True)
class Candidate:
    """A scored session or speaker before its display details are loaded."""

    kind: str  # "session" | "speaker"
    row_id: int
    title: str
    ranked: Ranked
    start: str = ""  # a session's start as stored (UTC text, sorts in time order)


def best_first(candidates: Iterable[Candidate], limit: int) -> list[Candidate]:
    """The `limit` best; ties go to people, then to the earlier session, then by title."""
    return sorted(
        (c for c in candidates if c.ranked.score > 0),
        key=lambda c: (-c.ranked.score, c.kind != "speaker", c.start, c.title.casefold(), c.row_id),
    )[:limit]
