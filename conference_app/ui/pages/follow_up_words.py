"""How the follow-up screens name a task: its kind in words and its due day relative to today."""

from __future__ import annotations

from datetime import date

from conference_app.core.domain.follow_up_clock import Task, TaskKind, TaskStatus

KIND_WORDS = {
    TaskKind.FOLLOW_UP: "Follow up",
    TaskKind.NUDGE: "Nudge",
    TaskKind.PROMISE: "Keep my promise",
    TaskKind.REPLY: "Reply",
    TaskKind.KEEP_IN_TOUCH: "Keep in touch",
}


def kind_words(task: Task) -> str:
    """"Follow up", or "Keep my promise: send the case series"."""
    words = KIND_WORDS[task.kind]
    return f"{words}: {task.promise}" if task.kind is TaskKind.PROMISE and task.promise else words


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def due_words(task: Task, today: date) -> str:
    """"due in 2 days", "due today", "3 days overdue", "snoozed until Mon 2 Nov", "done"."""
    if task.status is TaskStatus.DONE:
        return "done"
    if task.status is TaskStatus.SKIPPED:
        return "skipped"
    if task.status is TaskStatus.SNOOZED:
        return f"snoozed until {task.due:%a} {task.due.day} {task.due:%b}"
    delta = (task.due - today).days
    if delta == 0:
        return "due today"
    if delta == 1:
        return "due tomorrow"
    if delta > 1:
        return f"due in {_days(delta)}"
    if task.status is TaskStatus.OVERDUE:
        return f"{_days(-delta)} overdue"
    return f"due {_days(-delta)} ago"
