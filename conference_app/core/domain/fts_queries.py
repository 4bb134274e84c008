"""Full-text (FTS5) queries for a goal's candidates, built so user text is only ever searched for as words."""

from __future__ import annotations

from collections.abc import Sequence

from conference_app.core.domain.ranking_criteria import Criteria, Phrase


def fts_string(text: str) -> str:
    """An FTS5 string: whatever it holds is searched for as words, never read as query syntax."""
    return '"' + text.replace('"', '""') + '"'


def fts_phrase(phrase: Phrase) -> str:
    return fts_string(" ".join(phrase.words))


def fts_keyword(phrase: Phrase) -> str:
    """Match a keyword as a phrase or as all of its words; the phrase adds to BM25 where it occurs."""
    if len(phrase.words) == 1:
        return fts_phrase(phrase)
    every_word = " AND ".join(fts_string(w) for w in phrase.words)
    return f"{fts_phrase(phrase)} OR ({every_word})"


def fts_phrases_in(column: str, phrases: Sequence[Phrase]) -> str:
    """Any of the phrases, in one column (the column name is ours, never user text)."""
    return f"{column} : ({' OR '.join(fts_phrase(p) for p in phrases)})"


def fts_any_keyword(keywords: Sequence[Phrase]) -> str:
    return " OR ".join(f"({fts_keyword(k)})" for k in keywords)


def fts_people(criteria: Criteria) -> list[str]:
    """speaker_fts queries for the people a goal names, the best first.

    With both institutions and roles: the wanted roles at target institutions, then anyone at a
    target institution (the wanted roles elsewhere come in through the sessions they speak in).
    """
    at_institution = fts_phrases_in("affiliation", criteria.institutions) if criteria.institutions else ""
    in_role = fts_phrases_in("role", [v for r in criteria.roles for v in r.variants]) if criteria.roles else ""
    if at_institution and in_role:
        return [f"({in_role}) AND ({at_institution})", at_institution]
    return [q for q in (at_institution, in_role) if q]


def fts_people_on_topic(criteria: Criteria) -> str:
    """One speaker_fts query: the goal's people whose own text also matches one of its keywords."""
    people = [
        fts_phrases_in("affiliation", criteria.institutions) if criteria.institutions else "",
        fts_phrases_in("role", [v for r in criteria.roles for v in r.variants]) if criteria.roles else "",
    ]
    wanted = " OR ".join(f"({q})" for q in people if q)
    if not wanted or not criteria.keywords:
        return ""
    return f"({wanted}) AND ({fts_any_keyword(criteria.keywords)})"
