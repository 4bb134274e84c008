"""Which people a list shows: words typed in the search box and the filters beside it.

Pure and in memory: the People page loads everyone once and filters as the user types, so a
keystroke over 10,000 people costs a few milliseconds, not a query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from conference_app.core.domain.people import PersonSummary, search_key

RECENT_WEEK = timedelta(days=7)
RECENT_MONTH = timedelta(days=31)
STALE = timedelta(days=183)  # about six months: time for a mentor's keep-in-touch


@dataclass(frozen=True)
class PeopleFilter:
    """What to keep; every field left at its default keeps everyone."""

    words: tuple[str, ...] = ()
    position: str = ""
    relationship: str | None = None  # a Relationship value; None for any
    goal_id: int | None = None
    conference_id: int | None = None
    met: bool | None = None
    contact: str = ""  # "" | "week" | "month" | "stale" (over 6 months or never)

    def keeps(self, row: PersonSummary, search_text: str, now: datetime) -> bool:
        if any(word not in search_text for word in self.words):
            return False
        if self.position and self.position.casefold() not in row.position.casefold():
            return False
        if self.relationship is not None and row.relationship.value != self.relationship:
            return False
        if self.goal_id is not None and self.goal_id not in row.goal_ids:
            return False
        if self.conference_id is not None and self.conference_id not in row.conference_ids:
            return False
        if self.met is not None and row.met != self.met:
            return False
        if self.contact:
            age = now - row.last_met if row.last_met else None
            if self.contact == "week" and (age is None or age > RECENT_WEEK):
                return False
            if self.contact == "month" and (age is None or age > RECENT_MONTH):
                return False
            if self.contact == "stale" and age is not None and age <= STALE:
                return False
        return True

    @classmethod
    def typed(cls, text: str) -> PeopleFilter:
        return cls(words=tuple(search_key(text).split()))


def filter_people(rows: Iterable[PersonSummary], people_filter: PeopleFilter, now: datetime) -> list[PersonSummary]:
    """The rows the filter keeps, in their order."""
    if people_filter == PeopleFilter(words=people_filter.words):
        # Typing in the search box: only words to look for, the hot path of every keystroke.
        kept = list(rows)
        for word in people_filter.words:  # each word narrows what the next one scans
            kept = [row for row in kept if word in (row.search or row.search_text())]
        return kept
    return [row for row in rows if people_filter.keeps(row, row.search_text(), now)]
