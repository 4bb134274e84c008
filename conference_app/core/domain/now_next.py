"""At the venue: the pick running now, the next one, whom to meet there and what to say.

Pure values and rules: which pick is "now" and which "next" at a moment, time left in words, and
the conversation openers and graceful exit offered for a session, kept here as data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

# What the moment is, for the user's picks at one conference.
RUNNING = "running"  # a pick is running now
BETWEEN = "between"  # nothing picked is running; a pick is still to come
NO_PICKS = "no_picks"  # nothing is picked at all
PICKS_DONE = "picks_done"  # every pick is over, the conference is not
OVER = "over"  # the conference's last session has ended

MUST = "must"

# Openers ask about the session, about the person's path into the field, or about what comes next;
# each works best when the user adds one concrete detail (a figure, a slide, a question from the floor).
OPENERS: tuple[tuple[str, str], ...] = (
    ("About the session", "I was just in “{session}”. What would you most want a trainee to take away from it?"),
    ("Their path", "How did you come to work in {field}? I am still working out where to focus myself."),
    ("What comes next", "Where does this work go from here? What question are you chasing now?"),
)
MAKE_IT_SPECIFIC = "Make it specific: name a figure, a slide or a question from the floor."
# A graceful exit thanks the person and names the follow-up, so it can be noted and kept.
EXIT = "Thank you for your time, I know the day is full. May I email you next week about {subject}?"
ANY_FIELD = "this field"
TITLE_CHARACTERS = 60


@dataclass(frozen=True)
class PickedSlot:
    """A picked session as the venue view shows it. Times in the conference's zone."""

    event_id: int
    public_id: str  # "<conference identity>:<session identity>", as the other commands print it
    title: str
    room: str
    start: datetime
    end: datetime
    priority: str  # "must" | "nice"
    track: str = ""


@dataclass(frozen=True)
class GoalReason:
    """Why a person matters to one of the user's goals."""

    goal_id: int
    goal_title: str
    reasons: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """For “Meet 3 surgical oncologists”: is a program director; from X, a target institution."""
        head = f"For “{self.goal_title}”"
        return f"{head}: {'; '.join(self.reasons)}" if self.reasons else head


@dataclass(frozen=True)
class PersonToMeet:
    """A speaker the user means to meet, speaking in (or marked to meet after) a picked session."""

    speaker_id: int
    name: str
    position: str
    institution: str
    event_id: int  # the session where to find them
    session_id: str  # its public id
    goals: tuple[GoalReason, ...] = ()

    @property
    def who(self) -> str:
        """Position and institution, whatever is known: "Program Director, Lakeshore University Medical Center"."""
        return ", ".join(part for part in (self.position, self.institution) if part)

    @property
    def why(self) -> str:
        if not self.goals:
            return "On your list of people to meet"
        return " · ".join(goal.text for goal in self.goals)


@dataclass(frozen=True)
class Opener:
    about: str
    text: str


@dataclass(frozen=True)
class NowNext:
    """The venue view at one moment."""

    conference_id: int
    conference_title: str
    time_zone: str
    at: datetime  # the moment, in the conference's zone
    state: str  # RUNNING | BETWEEN | NO_PICKS | PICKS_DONE | OVER
    now: PickedSlot | None
    next: PickedSlot | None
    people: tuple[PersonToMeet, ...]  # those at `now` first, then those at `next`
    pitch: str
    openers: tuple[Opener, ...]  # for `now`, else `next`; empty without either
    exit_line: str

    def people_at(self, slot: PickedSlot | None) -> tuple[PersonToMeet, ...]:
        if slot is None:
            return ()
        return tuple(p for p in self.people if p.event_id == slot.event_id)


# --- the rules ---------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def between(earlier: datetime, later: datetime) -> timedelta:
    """The absolute time between two aware moments (UTC arithmetic, whatever their zones)."""
    return _utc(later) - _utc(earlier)


def is_running(slot: PickedSlot, at: datetime) -> bool:
    return _utc(slot.start) <= _utc(at) < _utc(slot.end)


def choose_now_next(picks: Sequence[PickedSlot], at: datetime) -> tuple[PickedSlot | None, PickedSlot | None]:
    """The pick running at `at` and the next one to start after it.

    When picks overlap, a must-see wins over a nice-to-see, then the one started last (where the
    user most likely went); the next pick is the first to start after `at`, must-see first on a tie.
    """
    running = [p for p in picks if is_running(p, at)]
    now = min(running, key=lambda p: (p.priority != MUST, -_utc(p.start).timestamp(), _utc(p.end)), default=None)
    coming = [p for p in picks if _utc(p.start) > _utc(at) and p is not now]
    following = min(coming, key=lambda p: (_utc(p.start), p.priority != MUST, _utc(p.end)), default=None)
    return now, following


def moment_state(
    now: PickedSlot | None, following: PickedSlot | None, has_picks: bool, at: datetime, last_end: datetime | None
) -> str:
    """What the moment is: a pick running, between picks, none yet, picks over, or the conference over."""
    if now is not None:
        return RUNNING
    if following is not None:
        return BETWEEN
    if last_end is not None and _utc(at) >= _utc(last_end):
        return OVER
    return PICKS_DONE if has_picks else NO_PICKS


def _minutes(span: timedelta) -> int:
    """Whole minutes, rounded up: half a minute left is still a minute to use."""
    return max(0, math.ceil(span.total_seconds() / 60))


def duration_words(minutes: int) -> str:
    """A span in words: "45 min", "1 h", "2 h 5 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


def time_left(slot: PickedSlot, at: datetime) -> str:
    """What is left of a running session: "25 min left"."""
    return f"{duration_words(_minutes(between(at, slot.end)))} left"


def starts_in(slot: PickedSlot, at: datetime) -> str:
    """When a session starts: "at 14:00, in 40 min" the same local day, "on Sun 18 Oct at 08:00" on another."""
    local_at = at.astimezone(slot.start.tzinfo)
    if slot.start.date() == local_at.date():
        return f"at {slot.start:%H:%M}, in {duration_words(_minutes(between(at, slot.start)))}"
    return f"on {slot.start:%a %d %b} at {slot.start:%H:%M}"


def elapsed_share(slot: PickedSlot, at: datetime) -> float:
    """How much of a session has gone, 0..1."""
    length = between(slot.start, slot.end).total_seconds()
    if length <= 0:
        return 1.0
    return min(1.0, max(0.0, between(slot.start, at).total_seconds() / length))


def _short(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= TITLE_CHARACTERS:
        return title
    return title[: TITLE_CHARACTERS - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def openers_for(slot: PickedSlot) -> tuple[Opener, ...]:
    """The conversation openers for the people at a session, filled with its title and field."""
    values = {"session": _short(slot.title), "field": slot.track.strip() or ANY_FIELD}
    return tuple(Opener(about, text.format(**values)) for about, text in OPENERS)


def exit_for(slot: PickedSlot) -> str:
    """A graceful exit that names the follow-up."""
    track = slot.track.strip()
    subject = f"your work in {track}" if track else f"what you shared in “{_short(slot.title)}”"
    return EXIT.format(subject=subject)
