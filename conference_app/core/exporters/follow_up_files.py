"""Follow-up files: many drafts in one mbox, and tasks as an iCalendar file (events or to-dos).

Both are written to a temporary file beside the target and moved into place, so a reader never
sees half a file and a failure leaves the old one.
"""

from __future__ import annotations

import mailbox
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING

from conference_app import __version__
from conference_app.core.domain.follow_up_clock import Task, TaskKind
from conference_app.core.exporters.atomic_file import write_through_temporary

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = f"-//Conference Companion//Follow-ups {__version__}//EN"
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "follow-ups.conference-companion")
REMINDER_AT = timedelta(hours=9)  # on the due day, at 9 in the morning
TASK_LABELS = {
    TaskKind.FOLLOW_UP: "Follow up with",
    TaskKind.NUDGE: "One polite nudge to",
    TaskKind.PROMISE: "Keep a promise to",
    TaskKind.REPLY: "Reply to",
    TaskKind.KEEP_IN_TOUCH: "Send an update to",
}


def task_title(task: Task) -> str:
    """"Follow up with Dr. Amara Okafor" — what the task asks, in words."""
    return f"{TASK_LABELS[task.kind]} {task.name}"


def write_mbox(messages: Sequence[Message], path: Path) -> Path:
    """All `messages` in one mbox file (mail programs import it as a folder of drafts)."""

    def write(temporary: Path) -> None:
        box = mailbox.mbox(temporary, create=True)
        try:
            box.lock()
            for message in messages:
                box.add(mailbox.mboxMessage(message))
            box.flush()
        finally:
            box.unlock()
            box.close()

    return write_through_temporary(path, write)


def task_uid(task: Task) -> str:
    """Stable across exports, so importing again updates the same entries."""
    return f"{uuid.uuid5(_UID_NAMESPACE, task.id)}@conference-companion"


def tasks_calendar(tasks: Sequence[Task], as_todo: bool, now: datetime | None = None) -> Calendar:
    """Each task as an all-day event with a reminder on its due day, or as a to-do due that day."""
    from icalendar import Alarm, Calendar, Event, Todo  # only calendar exports pay for loading it

    stamp = now or datetime.now(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for task in tasks:
        entry = Todo() if as_todo else Event()
        entry.add("uid", task_uid(task))
        entry.add("dtstamp", stamp)
        entry.add("summary", task_title(task))
        details = [f"Task {task.id}"]
        if task.conference:
            details.append(f"Met at {task.conference}")
        if task.promise:
            details.append(f"I promised: {task.promise}")
        entry.add("description", "\n".join(details))
        if as_todo:
            entry.add("due", task.due)
            entry.add("status", "NEEDS-ACTION")
        else:
            entry.add("dtstart", task.due)
            entry.add("dtend", task.due + timedelta(days=1))
            entry.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", task_title(task))
        alarm.add("trigger", REMINDER_AT, parameters={"RELATED": "END" if as_todo else "START"})
        entry.add_component(alarm)
        calendar.add_component(entry)
    return calendar


def write_ics(tasks: Sequence[Task], path: Path, as_todo: bool = False) -> Path:
    data = tasks_calendar(tasks, as_todo).to_ical()

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    return write_through_temporary(path, write)
