"""What a user action returns: its value and which parts of the app's data it changed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T")


class Topic(str, Enum):
    """A part of the data a screen may show; a page reloads when its topics change."""

    PROGRAM = "program"
    PICKS = "picks"
    AGENDA = "agenda"
    PROFILE = "profile"
    GOALS = "goals"
    TARGETS = "targets"
    CONTACTS = "contacts"
    FOLLOW_UPS = "follow-ups"
    MESSAGES = "messages"
    SEARCH = "search"  # the search index, once finished after an import


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T
    changed: frozenset[Topic]
