"""The user's plan as plain values: profile, goals with their progress, speakers to meet.

Also the pure rules behind them: which stages exist, how a stage is spelled, what a goal's
progress says in words, when a pitch is too long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from conference_app.core.errors import UserError

STAGES: tuple[str, ...] = (
    "MS1", "MS2", "MS3", "MS4",
    "PGY-1", "PGY-2", "PGY-3", "PGY-4", "PGY-5", "PGY-6", "PGY-7",
    "Research year", "Fellow", "Attending",
)  # fmt: skip

# Roles that matter at a surgical conference, most sought-after first.
ROLES: tuple[str, ...] = (
    "Program Director",
    "Associate Program Director",
    "Fellowship Director",
    "Department Chair",
    "Division Chief",
    "Faculty",
    "Researcher",
    "Fellow",
    "Resident",
    "Medical Student",
)

GOAL_STATUSES: tuple[str, ...] = ("active", "done", "dropped")

# A pitch is one or two sentences; past that it stops being something you can say in a hallway.
PITCH_MAX_SENTENCES = 2
PITCH_MAX_CHARACTERS = 300


class GoalKind(str, Enum):
    """What a goal counts. The value is the name used on the command line."""

    MEET = "meet"
    INTRODUCE = "introduce"
    LEARN = "learn"
    ATTEND = "attend"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def counts_sessions(self) -> bool:
        return self is GoalKind.ATTEND


_KIND_LABELS = {
    GoalKind.MEET: "Meet N people in a field",
    GoalKind.INTRODUCE: "Introduce myself to people in a role at N target institutions",
    GoalKind.LEARN: "Learn about N research collaborations",
    GoalKind.ATTEND: "Attend N sessions on a topic",
    GoalKind.CUSTOM: "Something else (counts people linked to it)",
}


class StageGroup(str, Enum):
    """Stages that share a game plan."""

    PRECLINICAL = "preclinical"
    APPLICANT = "applicant"
    RESIDENT = "resident"
    CAREER = "career"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    StageGroup.PRECLINICAL: "Preclinical students (MS1–MS2)",
    StageGroup.APPLICANT: "Students applying to residency (MS3–MS4)",
    StageGroup.RESIDENT: "Residents (PGY-1–PGY-7, research years)",
    StageGroup.CAREER: "Fellows and early-career surgeons",
}


def stage_group(stage: str) -> StageGroup | None:
    """The game plan a stage follows, or None for an empty stage."""
    if not stage:
        return None
    if stage in ("MS1", "MS2"):
        return StageGroup.PRECLINICAL
    if stage in ("MS3", "MS4"):
        return StageGroup.APPLICANT
    if stage.startswith("PGY-") or stage == "Research year":
        return StageGroup.RESIDENT
    return StageGroup.CAREER


def _squash(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text).casefold()


_STAGE_KEYS = {_squash(s): s for s in STAGES}


def normalise_stage(text: str) -> str:
    """The stage as the app spells it ("pgy3" → "PGY-3"); "" stays ""; anything else is a UserError."""
    text = text.strip()
    if not text:
        return ""
    found = _STAGE_KEYS.get(_squash(text))
    if found is None:
        raise UserError(f"unknown stage {text!r}: use one of {', '.join(STAGES)}")
    return found


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def check_email(text: str) -> str:
    """The address stripped, or a UserError when it is not an email address ("" is allowed)."""
    text = text.strip()
    if text and not _EMAIL.match(text):
        raise UserError(f"{text!r} is not an email address")
    return text


def clean_list(values: object) -> tuple[str, ...]:
    """Items stripped, empty ones dropped, repeats (ignoring case) dropped, order kept."""
    seen: set[str] = set()
    result: list[str] = []
    for value in values if isinstance(values, (list, tuple)) else ():
        item = " ".join(str(value).split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            result.append(item)
    return tuple(result)


def split_list(text: str, separators: str = ",;\n") -> tuple[str, ...]:
    """A list typed by the user: split on any of `separators`, then cleaned."""
    return clean_list(re.split("[" + re.escape(separators) + "]", text))


def pitch_warning(pitch: str) -> str:
    """A gentle note when the pitch is longer than 1–2 sentences, else ""."""
    text = pitch.strip()
    if not text:
        return ""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    if len(sentences) > PITCH_MAX_SENTENCES:
        return f"{len(sentences)} sentences: a pitch works best as 1–2 sentences."
    if len(text) > PITCH_MAX_CHARACTERS:
        return f"{len(text)} characters: a pitch works best short enough to say in one breath."
    return ""


# --- values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileData:
    """Who the user is: used to rank suggestions, fill templates and sign emails."""

    name: str = ""
    stage: str = ""
    institution: str = ""
    interests: tuple[str, ...] = ()
    target_institutions: tuple[str, ...] = ()
    target_fellowships: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    x_handle: str = ""
    orcid: str = ""
    pitch: str = ""
    signature: str = ""


def suggested_signature(profile: ProfileData) -> str:
    """A plain signature from the profile: name, stage and institution, then how to reach the user."""
    role = ", ".join(part for part in (profile.stage, profile.institution) if part)
    reach = " · ".join(part for part in (profile.email, profile.phone) if part)
    return "\n".join(line for line in (profile.name, role, reach) if line)


@dataclass(frozen=True)
class GoalFields:
    """What the user types for a goal (or what a template fills in for them to edit)."""

    kind: GoalKind
    title: str
    target_count: int
    keywords: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    deadline: date | None = None  # None: the conference's last day


@dataclass(frozen=True)
class ProgressItem:
    """One thing counted towards a goal: a person met or a session attended."""

    kind: str  # "contact" | "session"
    id: int
    name: str
    detail: str = ""  # institution, or the session's day and time


@dataclass(frozen=True)
class GoalProgress:
    done: int
    target: int
    label: str  # "2 of 3 program directors met"
    items: tuple[ProgressItem, ...] = ()
    planned: int = 0  # speakers marked to meet / sessions lined up for this goal
    planned_label: str = ""  # "4 planned"

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.target) if self.target > 0 else 0.0

    @property
    def reached(self) -> bool:
        return self.done >= self.target


@dataclass(frozen=True)
class GoalView:
    id: int
    conference_id: int | None
    kind: GoalKind
    title: str
    target_count: int
    keywords: tuple[str, ...]
    institutions: tuple[str, ...]
    roles: tuple[str, ...]
    deadline: date | None
    status: str
    created_at: datetime
    progress: GoalProgress

    @property
    def fields(self) -> GoalFields:
        """The editable part, as the goal dialog shows it."""
        return GoalFields(
            self.kind, self.title, self.target_count, self.keywords, self.institutions, self.roles, self.deadline
        )


@dataclass(frozen=True)
class TargetView:
    """A speaker the user means to meet, with the session where they can be found."""

    id: int
    speaker_id: int
    conference_id: int
    name: str
    affiliation: str
    role: str
    goal_id: int | None
    goal_title: str
    event_id: int | None
    event_title: str
    event_start: datetime | None  # in the conference's zone
    event_end: datetime | None
    room: str
    met: bool  # a conversation with this speaker is recorded
    contact_id: int | None

    @property
    def where(self) -> str:
        """Where to find them, e.g. "after 'Liver surgery panel' (Sat 10:30, Hall B)"; "" without a session."""
        if self.event_start is None:
            return ""
        place = f", {self.room}" if self.room else ""
        return f"after {self.event_title!r} ({self.event_start:%a %H:%M}{place})"


# --- progress in words -------------------------------------------------------------------------


def plural(word: str, count: int) -> str:
    """'program director' → 'program directors' when count != 1 (English, good enough for roles)."""
    if count == 1 or not word:
        return word
    head, _, last = word.rpartition(" ")
    if last in ("faculty", "staff", "people"):
        return word
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _or_list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def progress_label(kind: GoalKind, done: int, target: int, roles: tuple[str, ...], keywords: tuple[str, ...]) -> str:
    """The goal's progress in plain words: "2 of 3 program directors met"."""
    count = f"{done} of {target}"
    if kind is GoalKind.MEET:
        if roles:
            who = _or_list([plural(r.casefold(), target) for r in roles[:2]])
            return f"{count} {who} met"
        people = "person" if target == 1 else "people"
        if keywords:
            return f"{count} {people} in {keywords[0]} met"
        return f"{count} {people} met"
    if kind is GoalKind.INTRODUCE:
        where = plural("institution", target)
        if roles:
            return f"{count} {where} reached ({_or_list([plural(r.casefold(), 2) for r in roles[:2]])})"
        return f"{count} {where} reached"
    if kind is GoalKind.LEARN:
        return f"{count} research {plural('collaboration', target)} explored"
    if kind is GoalKind.ATTEND:
        topic = f" on {keywords[0]}" if keywords else ""
        return f"{count} {plural('session', target)}{topic} attended"
    return f"{count} done"


def planned_label(kind: GoalKind, planned: int) -> str:
    if planned == 0:
        return "nothing planned yet"
    if kind is GoalKind.ATTEND:
        return f"{planned} {plural('session', planned)} planned"
    return f"{planned} planned"


def parse_kind(kind: GoalKind | str) -> GoalKind:
    """A goal kind from its command-line name; a UserError for anything else."""
    if isinstance(kind, GoalKind):
        return kind
    try:
        return GoalKind(str(kind).strip().casefold())
    except ValueError:
        names = ", ".join(k.value for k in GoalKind)
        raise UserError(f"unknown goal kind {kind!r}: use one of {names}") from None
