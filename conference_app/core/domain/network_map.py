"""A picture of the user's network: who stands where, by level, and which goals nobody serves yet.

Pure layout on a grid. Rows go from the most senior (chairs and chiefs) at the top, through program
and fellowship directors, attendings and fellows, to the user's own row in the middle with peers and
near-peers beside them (the horizontal network), then those junior to the user below. Levels are
relative to the user's stage: for a student, residents stand above; for a fellow, residents below.
Units: one column between neighbours, one line per row of people; the view scales them to pixels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

PERSON = "person"  # someone in the user's people (met, or known from a card)
SPEAKER = "speaker"  # a speaker of the program the user means to meet

PER_LINE = 9  # people side by side in a row before it wraps to another line
ROW_GAP = 0.5  # space between rows, in lines


class Tier(IntEnum):
    """Seniority in surgery, from medical student to department chair."""

    STUDENT = 0
    RESIDENT = 1
    FELLOW = 2
    ATTENDING = 3
    DIRECTOR = 4
    LEADER = 5


TIER_LABELS = {
    Tier.LEADER: "Chairs and chiefs",
    Tier.DIRECTOR: "Program and fellowship directors",
    Tier.ATTENDING: "Attendings and faculty",
    Tier.FELLOW: "Fellows",
    Tier.RESIDENT: "Residents",
    Tier.STUDENT: "Students",
}
MIDDLE_LABEL = "You, peers and near-peers"
SENIOR_LABEL = "Senior, position not noted"
UNPLACED_LABEL = "Position not noted"

# Checked in this order: "chief resident" is a resident, "fellowship director" a director.
_TIER_WORDS: tuple[tuple[Tier, re.Pattern[str]], ...] = tuple(
    (tier, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for tier, words in (
        (Tier.STUDENT, r"student|ms[1-4]|medical school|undergraduate"),
        (Tier.RESIDENT, r"resident|residency|pgy-?\s?\d|registrar|intern|house officer|research year"),
        (Tier.LEADER, r"chair|chairman|chairwoman|chief|dean|head of|president"),
        (Tier.DIRECTOR, r"director|apd|pd|fd"),
        (Tier.FELLOW, r"fellow"),
        (
            Tier.ATTENDING,
            r"attending|faculty|surgeon|professor|consultant|lecturer|researcher|scientist|"
            r"physician|staff",
        ),
    )
)
_RELATIONSHIP_BESIDE = frozenset({"peer", "near-peer"})
_RELATIONSHIP_ABOVE = frozenset({"mentor", "sponsor"})


def position_tier(position: str) -> Tier | None:
    """The seniority a position names ("Associate Program Director" → DIRECTOR), or None if unknown."""
    text = " ".join(position.split())
    if not text:
        return None
    return next((tier for tier, pattern in _TIER_WORDS if pattern.search(text)), None)


def stage_tier(stage: str) -> Tier:
    """The user's own level from the profile's stage; a trainee's stage unknown counts as a resident."""
    if stage.startswith("MS"):
        return Tier.STUDENT
    if stage == "Fellow":
        return Tier.FELLOW
    if stage == "Attending":
        return Tier.ATTENDING
    return Tier.RESIDENT


@dataclass(frozen=True)
class NetworkPerson:
    """Someone in the picture: a person the user knows, or a speaker they mean to meet."""

    kind: str  # PERSON | SPEAKER
    ref_id: int  # the person's or the speaker's id
    name: str
    position: str = ""
    institution: str = ""
    relationship: str = ""  # see domain.people.Relationship
    direction: str = ""  # "vertical" | "horizontal" | ""
    goal_ids: tuple[int, ...] = ()
    met: bool = False  # a conversation is recorded

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ref_id}"


@dataclass(frozen=True)
class NetworkGoal:
    """A goal in the legend, with how many people in the picture count towards it."""

    id: int
    title: str
    people: int = 0
    met: int = 0

    @property
    def empty(self) -> bool:
        return self.people == 0


@dataclass(frozen=True)
class NetworkRow:
    """A band of the picture: its label and the lines it spans (top inclusive, bottom exclusive)."""

    key: str  # "tier:4", "middle", "senior", "unplaced"
    label: str
    top: float
    bottom: float

    @property
    def middle(self) -> bool:
        return self.key == "middle"


@dataclass(frozen=True)
class PlacedPerson:
    person: NetworkPerson
    x: float  # columns from the user (negative: to the left)
    y: float  # lines from the top
    row: str  # NetworkRow.key
    goal_id: int | None  # the goal its colour shows: the first of the legend's goals it counts for


@dataclass(frozen=True)
class NetworkMap:
    rows: tuple[NetworkRow, ...]
    people: tuple[PlacedPerson, ...]
    goals: tuple[NetworkGoal, ...]
    me_y: float  # the user stands at x = 0 on this line
    stage: str

    @property
    def empty_goals(self) -> tuple[NetworkGoal, ...]:
        return tuple(goal for goal in self.goals if goal.empty)

    @property
    def extent(self) -> tuple[float, float]:
        """The leftmost and rightmost columns used (the user's included)."""
        xs = [p.x for p in self.people] + [0.0]
        return min(xs), max(xs)

    @property
    def height(self) -> float:
        return self.rows[-1].bottom if self.rows else 1.0

    def placed(self, key: str) -> PlacedPerson | None:
        return next((p for p in self.people if p.person.key == key), None)


def row_key(person: NetworkPerson, mine: Tier) -> str:
    """Which band a person stands in, relative to the user's own level."""
    if person.relationship in _RELATIONSHIP_BESIDE or person.direction == "horizontal":
        return "middle"
    tier = position_tier(person.position)
    if tier is not None:
        return "middle" if tier == mine else f"tier:{int(tier)}"
    if person.direction == "vertical" or person.relationship in _RELATIONSHIP_ABOVE:
        return "senior"
    return "unplaced"


def _row_order(mine: Tier) -> list[tuple[str, str]]:
    """Every possible band, top to bottom, with its label."""
    above = [(f"tier:{int(t)}", TIER_LABELS[t]) for t in sorted(Tier, reverse=True) if t > mine]
    below = [(f"tier:{int(t)}", TIER_LABELS[t]) for t in sorted(Tier, reverse=True) if t < mine]
    return [*above, ("senior", SENIOR_LABEL), ("middle", MIDDLE_LABEL), *below, ("unplaced", UNPLACED_LABEL)]


def _centred(count: int, side: float) -> list[float]:
    """Columns for a line of people centred on the user, never straight above or below them (a line
    from the user to someone further away would cross that person): an odd count moves half a column
    to `side`."""
    shift = side / 2 if count % 2 else 0.0
    return [i - (count - 1) / 2 + shift for i in range(count)]


def _beside_me(count: int) -> list[float]:
    """Columns for the people on the user's own line: the first half to the left, the rest to the right."""
    left = (count + 1) // 2
    return [float(i - left) for i in range(left)] + [float(i + 1) for i in range(count - left)]


def layout_network(
    people: Sequence[NetworkPerson], stage: str, goals: Sequence[NetworkGoal], per_line: int = PER_LINE
) -> NetworkMap:
    """Place everyone by level around the user, grouped by goal within a row, and count each goal's people."""
    if per_line < 2:
        raise ValueError("a line holds at least two people")
    mine = stage_tier(stage)
    order = {goal.id: position for position, goal in enumerate(goals)}

    def colour_goal(person: NetworkPerson) -> int | None:
        known = [g for g in person.goal_ids if g in order]
        return min(known, key=order.__getitem__) if known else None

    def sort_key(person: NetworkPerson) -> tuple[int, bool, str, int]:
        goal = colour_goal(person)
        return (order[goal] if goal is not None else len(order), not person.met, person.name.casefold(), person.ref_id)

    bands: dict[str, list[NetworkPerson]] = {}
    for person in people:
        bands.setdefault(row_key(person, mine), []).append(person)
    rows: list[NetworkRow] = []
    placed: list[PlacedPerson] = []
    top = 0.0
    me_y = 0.0
    for key, label in _row_order(mine):
        members = sorted(bands.get(key, []), key=sort_key)
        if not members and key != "middle":
            continue
        lines: list[list[float]] = []
        if key == "middle":
            me_y = top
            first = members[: per_line - 1]
            lines.append(_beside_me(len(first)))
            rest = members[len(first) :]
        else:
            rest = members
        side = 1.0 if len(rows) % 2 == 0 else -1.0
        lines += [_centred(len(rest[i : i + per_line]), side) for i in range(0, len(rest), per_line)]
        flat_x = [x for line in lines for x in line]
        flat_y = [top + n for n, line in enumerate(lines) for _x in line]
        for person, x, y in zip(members, flat_x, flat_y):
            placed.append(PlacedPerson(person, x, y, key, colour_goal(person)))
        bottom = top + max(1, len(lines))
        rows.append(NetworkRow(key, label, top, bottom))
        top = bottom + ROW_GAP
    counted = [
        NetworkGoal(
            goal.id,
            goal.title,
            people=sum(1 for p in people if goal.id in p.goal_ids),
            met=sum(1 for p in people if goal.id in p.goal_ids and p.met),
        )
        for goal in goals
    ]
    return NetworkMap(tuple(rows), tuple(placed), tuple(counted), me_y, stage)
