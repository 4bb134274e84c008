"""The follow-up clock: stored facts + the etiquette's rules + a date → the tasks open on that date.

Nothing here is stored. Conversations, messages sent, replies and the user's decisions are facts;
every task (a follow-up, a nudge, a promise to keep, a reply to write, a keep-in-touch update) is
derived from them each time, so evaluating another day (`--as-of`) costs nothing and any logged
interaction resets a keep-in-touch clock without bookkeeping. Facts dated after the day asked
about are ignored, as if that day were today.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import Enum

from conference_app.core.errors import UserError


class TaskKind(str, Enum):
    FOLLOW_UP = "follow_up"
    NUDGE = "nudge"
    PROMISE = "promise"
    REPLY = "reply"
    KEEP_IN_TOUCH = "keep_in_touch"


class TaskStatus(str, Enum):
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"


class FollowUpState(str, Enum):
    """Where a person stands on the etiquette's clock (their latest conversation)."""

    NONE = "none"
    DUE = "due"
    WAITING = "waiting"
    NUDGED = "nudged"
    REPLIED = "replied"
    MOVED_ON = "moved_on"


OPEN_STATUSES = frozenset({TaskStatus.OPEN, TaskStatus.OVERDUE})
KEEP_IN_TOUCH_ROLES = frozenset({"mentor", "sponsor"})


@dataclass(frozen=True)
class Cadence:
    """The etiquette's numbers; every one can be changed in settings."""

    follow_up_days: int = 3  # after the conference ends (or the conversation, if later)
    follow_up_overdue_days: int = 7
    nudge_days: int = 14  # after the follow-up was sent without reply
    nudge_overdue_days: int = 21
    moved_on_days: int = 21  # after the nudge was sent without reply
    reply_days: int = 2  # 48 hours ...
    reply_overdue_days: int = 3  # ... to 72 hours
    keep_in_touch_months: int = 6  # mentors and sponsors
    keep_in_touch_overdue_days: int = 30

    def with_changes(self, changes: Mapping[str, object]) -> Cadence:
        """These values with `changes` applied; a UserError names an unknown or impossible one."""
        known = {f.name for f in fields(self)}
        clean: dict[str, int] = {}
        for name, value in changes.items():
            if name not in known:
                raise UserError(f"unknown follow-up setting {name!r}: use one of {', '.join(sorted(known))}")
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 3650:
                raise UserError(f"follow-up setting {name} must be a whole number from 1 to 3650, not {value!r}")
            clean[name] = value
        changed = replace(self, **clean)
        if changed.follow_up_overdue_days < changed.follow_up_days or changed.reply_overdue_days < changed.reply_days:
            raise UserError("a task cannot be overdue before it is due")
        return changed


# --- facts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFact:
    id: int
    name: str
    relationship: str  # see domain.people.Relationship
    keep_in_touch_months: int | None = None  # None: the cadence's default for mentors and sponsors; 0: never


@dataclass(frozen=True)
class ConversationFact:
    id: int
    person_id: int
    met_on: date  # in the conference's own zone
    conference: str = ""  # its title; "" when the meeting was not at a conference
    conference_end: date | None = None
    my_promises: tuple[str, ...] = ()


@dataclass(frozen=True)
class SentFact:
    """A message that left (sent by the app, or by the user and marked sent)."""

    task_id: str
    person_id: int
    sent_on: date


@dataclass(frozen=True)
class ReplyFact:
    id: int
    person_id: int
    received_on: date
    asks: bool = False  # the reply asks for something: answer within 48–72 hours


@dataclass(frozen=True)
class Decision:
    task_id: str
    status: TaskStatus  # DONE, SKIPPED or SNOOZED
    decided_on: date
    until: date | None = None  # for SNOOZED


@dataclass(frozen=True)
class Facts:
    people: Mapping[int, PersonFact]
    conversations: tuple[ConversationFact, ...] = ()
    sent: tuple[SentFact, ...] = ()
    replies: tuple[ReplyFact, ...] = ()
    decisions: tuple[Decision, ...] = ()


# --- tasks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    id: str  # stable, derived from the facts: "follow_up:12", "promise:12:1", "keep_in_touch:7:2027-04-18"
    kind: TaskKind
    person_id: int
    name: str
    due: date
    status: TaskStatus
    conference: str
    conversation_id: int | None = None
    promise: str = ""  # the promise itself, for promise tasks

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def follow_up_id(conversation_id: int) -> str:
    return f"follow_up:{conversation_id}"


def nudge_id(conversation_id: int) -> str:
    return f"nudge:{conversation_id}"


def parse_task_id(task_id: str) -> tuple[TaskKind, tuple[str, ...]]:
    """The kind and the parts of a task id; a UserError names a malformed one."""
    kind_text, _, rest = task_id.strip().partition(":")
    parts = tuple(rest.split(":")) if rest else ()
    expected = {"follow_up": 1, "nudge": 1, "promise": 2, "reply": 1, "keep_in_touch": 2}
    if kind_text not in expected or len(parts) != expected[kind_text] or not all(p.isdigit() for p in parts[:1]):
        raise UserError(f"no task with id {task_id!r}")
    return TaskKind(kind_text), parts


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class _Clock:
    """The rules, for one set of facts seen on one day."""

    def __init__(self, facts: Facts, cadence: Cadence, as_of: date) -> None:
        self.facts = facts
        self.cadence = cadence
        self.as_of = as_of
        self.decisions = {d.task_id: d for d in sorted(facts.decisions, key=lambda d: d.decided_on) if d.decided_on <= as_of}
        self.sent: dict[str, date] = {}
        for fact in facts.sent:
            if fact.sent_on <= as_of:
                self.sent[fact.task_id] = min(fact.sent_on, self.sent.get(fact.task_id, fact.sent_on))
        self.replies = [r for r in facts.replies if r.received_on <= as_of]
        self.conversations = [c for c in facts.conversations if c.met_on <= as_of and c.person_id in facts.people]

    def status(self, task_id: str, due: date, overdue_after: date) -> tuple[TaskStatus, date]:
        """A task's status and due date on this day: sent or decided first, else by the calendar."""
        if task_id in self.sent:
            return TaskStatus.DONE, due
        decision = self.decisions.get(task_id)
        if decision is not None and decision.status in (TaskStatus.DONE, TaskStatus.SKIPPED):
            return decision.status, due
        if decision is not None and decision.until is not None:
            if self.as_of < decision.until:
                return TaskStatus.SNOOZED, decision.until
            # Back from a snooze: due on the day chosen, with the same grace as before.
            overdue_after = decision.until + (overdue_after - due)
            due = decision.until
        return (TaskStatus.OVERDUE if self.as_of > overdue_after else TaskStatus.OPEN), due

    def replied_since(self, person_id: int, since: date) -> bool:
        return any(r.person_id == person_id and r.received_on >= since for r in self.replies)

    def task(self, kind: TaskKind, task_id: str, person_id: int, due: date, grace: int, conference: str = "",
             conversation_id: int | None = None, promise: str = "") -> Task:
        status, shown_due = self.status(task_id, due, due + timedelta(days=grace))
        name = self.facts.people[person_id].name
        return Task(task_id, kind, person_id, name, shown_due, status, conference, conversation_id, promise)

    # the rules ------------------------------------------------------------------------------

    def conversation_tasks(self, conversation: ConversationFact) -> list[Task]:
        c, cadence = conversation, self.cadence
        anchor = max(c.met_on, c.conference_end or c.met_on)
        due = anchor + timedelta(days=cadence.follow_up_days)
        grace = cadence.follow_up_overdue_days - cadence.follow_up_days
        tasks = [self.task(TaskKind.FOLLOW_UP, follow_up_id(c.id), c.person_id, due, grace, c.conference, c.id)]
        for number, promise in enumerate(c.my_promises, start=1):
            task_id = f"promise:{c.id}:{number}"
            tasks.append(self.task(TaskKind.PROMISE, task_id, c.person_id, due, grace, c.conference, c.id, promise))
        followed_up = self.sent.get(follow_up_id(c.id))
        # One nudge, only after a follow-up that left, and only while they have not answered.
        if followed_up is not None and not self.replied_since(c.person_id, c.met_on):
            nudge_due = followed_up + timedelta(days=cadence.nudge_days)
            nudge_grace = cadence.nudge_overdue_days - cadence.nudge_days
            tasks.append(self.task(TaskKind.NUDGE, nudge_id(c.id), c.person_id, nudge_due, max(nudge_grace, 0),
                                   c.conference, c.id))
        return tasks

    def reply_tasks(self) -> list[Task]:
        tasks = []
        for reply in self.replies:
            if reply.asks and reply.person_id in self.facts.people:
                due = reply.received_on + timedelta(days=self.cadence.reply_days)
                grace = self.cadence.reply_overdue_days - self.cadence.reply_days
                tasks.append(self.task(TaskKind.REPLY, f"reply:{reply.id}", reply.person_id, due, grace))
        return tasks

    def keep_in_touch_tasks(self) -> list[Task]:
        tasks = []
        for person in self.facts.people.values():
            months = person.keep_in_touch_months
            if months is None:
                months = self.cadence.keep_in_touch_months if person.relationship in KEEP_IN_TOUCH_ROLES else 0
            last = self.last_interaction(person.id)
            if months <= 0 or last is None:
                continue
            due = add_months(last, months)
            task_id = f"keep_in_touch:{person.id}:{due.isoformat()}"
            tasks.append(self.task(TaskKind.KEEP_IN_TOUCH, task_id, person.id, due,
                                   self.cadence.keep_in_touch_overdue_days))
        return tasks

    def last_interaction(self, person_id: int) -> date | None:
        """The last conversation, message sent or reply; a keep-in-touch marked done counts as one too."""
        days = [c.met_on for c in self.conversations if c.person_id == person_id]
        days += [f.sent_on for f in self.facts.sent if f.person_id == person_id and f.sent_on <= self.as_of]
        days += [r.received_on for r in self.replies if r.person_id == person_id]
        prefix = f"keep_in_touch:{person_id}:"
        days += [d.decided_on for d in self.decisions.values() if d.task_id.startswith(prefix) and d.status is TaskStatus.DONE]
        return max(days, default=None)

    def moved_on(self, conversation: ConversationFact) -> bool:
        nudged = self.sent.get(nudge_id(conversation.id))
        return (
            nudged is not None
            and not self.replied_since(conversation.person_id, conversation.met_on)
            and self.as_of >= nudged + timedelta(days=self.cadence.moved_on_days)
        )


def tasks_on(facts: Facts, as_of: date, cadence: Cadence = Cadence(), include_all: bool = False) -> list[Task]:
    """The tasks on `as_of`, soonest first: open and overdue ones (every one with `include_all`).

    A conversation whose nudge went unanswered for `moved_on_days` yields nothing more: its
    follow-up and nudge are history, shown only with `include_all`.
    """
    clock = _Clock(facts, cadence, as_of)
    tasks: list[Task] = []
    for conversation in clock.conversations:
        made = clock.conversation_tasks(conversation)
        if clock.moved_on(conversation):
            made = [t for t in made if not t.is_open]
        tasks.extend(made)
    tasks.extend(clock.reply_tasks())
    tasks.extend(clock.keep_in_touch_tasks())
    if not include_all:
        tasks = [t for t in tasks if t.is_open]
    return sorted(tasks, key=lambda t: (t.due, t.name.casefold(), t.id))


def person_state(facts: Facts, person_id: int, as_of: date, cadence: Cadence = Cadence()) -> FollowUpState:
    """Where the person stands, from their latest conversation up to `as_of`."""
    clock = _Clock(facts, cadence, as_of)
    mine = [c for c in clock.conversations if c.person_id == person_id]
    if not mine:
        return FollowUpState.NONE
    latest = max(mine, key=lambda c: (c.met_on, c.id))
    if clock.replied_since(person_id, latest.met_on):
        return FollowUpState.REPLIED
    if clock.moved_on(latest):
        return FollowUpState.MOVED_ON
    if nudge_id(latest.id) in clock.sent:
        return FollowUpState.NUDGED
    if follow_up_id(latest.id) in clock.sent:
        return FollowUpState.WAITING
    follow_up = next(t for t in clock.conversation_tasks(latest) if t.kind is TaskKind.FOLLOW_UP)
    return FollowUpState.DUE if follow_up.status in (*OPEN_STATUSES, TaskStatus.SNOOZED) else FollowUpState.NONE


def find_task(tasks: Iterable[Task], task_id: str) -> Task:
    """The task with this id among `tasks`, or a UserError naming the id."""
    parse_task_id(task_id)
    for task in tasks:
        if task.id == task_id.strip():
            return task
    raise UserError(f"no task with id {task_id!r} on that day")
