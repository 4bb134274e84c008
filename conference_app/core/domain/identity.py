"""Stable identities for sessions and conferences, built from what the source says.

A program update matches sessions by these identities, so they must never merge two different
sessions: a repeated or missing source id gets a qualified identity instead.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from conference_app.core.importers.program import ParsedEvent


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "conference"


def conference_identity(acronym: str, title: str) -> str:
    """The key that tells a newer version of the same program from another conference."""
    return slugify(acronym.strip() or title.strip())


def _content_key(event: ParsedEvent) -> str:
    return f"{event.start.isoformat()}|{event.room}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def event_identities(events: Sequence[ParsedEvent]) -> list[str]:
    """One identity per event, unique within the program.

    - a source id seen once is the identity itself;
    - a source id seen several times (e.g. a shared coffee break listed in every room) is
      qualified by start time and room;
    - an event without a source id gets a digest of title, start and room.
    A final counter suffix guarantees uniqueness even for exact duplicates.
    """
    counts = Counter(e.source_id for e in events if e.source_id)
    identities: list[str] = []
    seen: Counter[str] = Counter()
    for event in events:
        if event.source_id and counts[event.source_id] == 1:
            identity = event.source_id
        elif event.source_id:
            identity = f"{event.source_id}@{_digest(_content_key(event))}"
        else:
            identity = "~" + _digest(f"{event.title}|{_content_key(event)}")
        seen[identity] += 1
        if seen[identity] > 1:
            identity = f"{identity}#{seen[identity]}"
        identities.append(identity)
    return identities
