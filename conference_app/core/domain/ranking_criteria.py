"""What a goal is ranked by: words and phrases folded as the full-text index sees them, and the criteria.

Pure values. `Phrase` and `Text` match the user's keywords against a field (as a phrase or as all of
its words), `WantedRole` knows a role's spellings, and `Criteria` holds everything one goal asks for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property, lru_cache

GOAL_KINDS = ("meet", "introduce", "learn", "attend", "custom")
# Goals counted in people: their suggestions include speakers, who rank ahead of sessions.
PEOPLE_KINDS = frozenset({"meet", "introduce"})

ROLE_ALIASES = {
    "pd": "program director",
    "apd": "associate program director",
    "fd": "fellowship director",
}
_PLURAL_AS_IS = frozenset({"faculty", "staff"})  # "2 faculty", "is faculty"
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_MAX_PHRASE_WORDS = 8


# --- words and phrases -------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, as the full-text index compares words."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def words(text: str) -> tuple[str, ...]:
    """Lower-case words without accents, split like the full-text index splits them."""
    return tuple(_WORD.findall(fold(text)))


class Match(IntEnum):
    NONE = 0
    WORDS = 1  # every word, not necessarily together
    PHRASE = 2  # the words in order, side by side


@dataclass(frozen=True)
class Phrase:
    """A keyword, institution or interest as the user wrote it, and its words."""

    label: str
    words: tuple[str, ...]

    @classmethod
    def of(cls, text: object) -> Phrase | None:
        label = " ".join(str(text or "").split())
        found = words(label)[:_MAX_PHRASE_WORDS]
        return cls(label, found) if found else None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The words side by side, whatever separates them, never inside longer words."""
        return _whole(r"[\W_]+".join(map(re.escape, self.words)))

    @cached_property
    def word_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_whole(re.escape(w)) for w in self.words)


def _whole(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


@dataclass(frozen=True)
class Text:
    """One field, folded once, ready for matching phrases (regular expressions run at C speed)."""

    folded: str

    @classmethod
    def of(cls, text: str) -> Text:
        return _text(text)

    def match(self, phrase: Phrase) -> Match:
        known = self._matches.get(phrase.words)
        if known is None:
            known = self._matches[phrase.words] = self._match(phrase)
        return known

    def _match(self, phrase: Phrase) -> Match:
        folded = self.folded
        # Plain substring tests first: most fields miss, and `in` is far cheaper than a pattern.
        if not all(w in folded for w in phrase.words):
            return Match.NONE
        if phrase.pattern.search(folded):
            return Match.PHRASE
        if len(phrase.words) > 1 and all(p.search(folded) for p in phrase.word_patterns):
            return Match.WORDS
        return Match.NONE

    @cached_property
    def _matches(self) -> dict[tuple[str, ...], Match]:
        # The same texts (roles, affiliations, tracks) come back for many sessions and speakers.
        return {}

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(_WORD.findall(self.folded))


@lru_cache(maxsize=8192)
def _text(text: str) -> Text:
    return Text(fold(text))


@dataclass(frozen=True)
class WantedRole:
    """A role the goal asks for ("Program Director", "PD"): its spellings and how reasons name it."""

    label: str  # lower case, singular, abbreviations spelled out: "program director"
    variants: tuple[Phrase, ...]

    @classmethod
    def of(cls, text: object) -> WantedRole | None:
        typed = Phrase.of(text)
        if typed is None:
            return None
        spelled = ROLE_ALIASES.get(" ".join(typed.words))
        phrases = [typed] if spelled is None else [typed, Phrase(spelled, words(spelled))]
        last = phrases[-1].words
        if len(last[-1]) > 3 and last[-1].endswith("s") and not last[-1].endswith("ss"):
            singular = last[:-1] + (last[-1][:-1],)
            phrases.append(Phrase(" ".join(singular), singular))
        label = " ".join(phrases[-1].words)
        return cls(label, tuple(dict.fromkeys(phrases)))

    def matches(self, role: Text) -> bool:
        return any(role.match(v) is Match.PHRASE for v in self.variants)

    @property
    def plural(self) -> str:
        if self.label in _PLURAL_AS_IS or self.label.endswith("s"):
            return self.label
        return f"{self.label}s"


# --- what a goal asks for ----------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    """Everything a goal is ranked by: its keywords, institutions and roles, and the user's interests."""

    kind: str
    keywords: tuple[Phrase, ...] = ()
    institutions: tuple[Phrase, ...] = ()
    roles: tuple[WantedRole, ...] = ()
    interests: tuple[Phrase, ...] = ()

    @classmethod
    def build(
        cls,
        kind: str,
        keywords: Iterable[object] = (),
        institutions: Iterable[object] = (),
        roles: Iterable[object] = (),
        interests: Iterable[object] = (),
    ) -> Criteria:
        """Clean what the user typed: blanks dropped, repeats merged, interests that repeat a keyword left out."""
        wanted_keywords = _unique(Phrase.of(k) for k in keywords)
        known = {k.words for k in wanted_keywords}
        return cls(
            kind=kind if kind in GOAL_KINDS else "custom",
            keywords=wanted_keywords,
            institutions=_unique(Phrase.of(i) for i in institutions),
            roles=tuple({r.label: r for r in (WantedRole.of(r) for r in roles) if r is not None}.values()),
            interests=tuple(i for i in _unique(Phrase.of(i) for i in interests) if i.words not in known),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.keywords or self.institutions or self.roles or self.interests)

    @property
    def suggests_speakers(self) -> bool:
        """Meet and introduce goals are about people; a learn goal looks for researchers to work with."""
        return self.kind in PEOPLE_KINDS or (self.kind == "learn" and bool(self.keywords))

    @property
    def people_find_candidates(self) -> bool:
        """Whether institutions and roles bring in candidates, or only lift those the keywords found."""
        return self.kind == "introduce" or not self.keywords

    @property
    def interests_find_candidates(self) -> bool:
        return not self.keywords


def _unique(phrases: Iterable[Phrase | None]) -> tuple[Phrase, ...]:
    """The phrases in the order given, each set of words once."""
    first: dict[tuple[str, ...], Phrase] = {}
    for phrase in phrases:
        if phrase is not None:
            first.setdefault(phrase.words, phrase)
    return tuple(first.values())
