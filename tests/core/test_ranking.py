"""The ranking rules on their own: words, phrases, safe full-text queries, scores and their reasons."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timezone

import pytest

from conference_app.core.domain.ranking import (
    Candidate,
    Criteria,
    Match,
    PersonFacts,
    Phrase,
    Ranked,
    SessionFacts,
    Text,
    WantedRole,
    best_first,
    fts_any_keyword,
    fts_keyword,
    fts_people,
    fts_people_on_topic,
    fts_phrases_in,
    score_session,
    score_speaker,
    words,
)

LAKESHORE = "Lakeshore University Medical Center"


def phrase(text: str) -> Phrase:
    found = Phrase.of(text)
    assert found is not None
    return found


def pd(
    id: int, name: str, affiliation: str = LAKESHORE, role: str = "Program Director", biography: str = ""
) -> PersonFacts:
    return PersonFacts(id, name, affiliation, role, biography)


# --- words and matching ------------------------------------------------------------------------


def test_words_are_folded_like_the_index_folds_them() -> None:
    assert words("Müller's  HPB_surgery: Réseau-Santé 2026") == (
        "muller", "s", "hpb", "surgery", "reseau", "sante", "2026"
    )
    assert words("  ") == ()


@pytest.mark.parametrize(
    ("field", "keyword", "expected"),
    [
        ("Surgical Oncology", "surgical oncology", Match.PHRASE),
        ("Debate: surgical-oncology training", "Surgical Oncology", Match.PHRASE),
        ("Oncology for the surgical trainee", "surgical oncology", Match.WORDS),
        ("Trusting the process", "rust", Match.NONE),  # never inside a longer word
        ("Rust in Mercurial", "rust", Match.PHRASE),
        ("Résection hépatique", "resection hepatique", Match.PHRASE),
        ("Breast surgery", "surgical oncology", Match.NONE),
    ],
)
def test_a_field_matches_a_keyword_as_a_phrase_as_words_or_not(field: str, keyword: str, expected: Match) -> None:
    assert Text.of(field).match(phrase(keyword)) is expected


def test_a_blank_keyword_is_no_phrase() -> None:
    assert Phrase.of("  ") is None
    assert Phrase.of(None) is None
    assert phrase("  Surgical   Oncology ").label == "Surgical Oncology"


# --- full-text queries are built safely --------------------------------------------------------


def test_keywords_match_as_phrase_or_all_words() -> None:
    assert fts_keyword(phrase("surgical oncology")) == '"surgical oncology" OR ("surgical" AND "oncology")'
    assert fts_keyword(phrase("Rust")) == '"rust"'
    assert fts_any_keyword([phrase("HPB"), phrase("liver transplant")]) == (
        '("hpb") OR ("liver transplant" OR ("liver" AND "transplant"))'
    )
    assert fts_phrases_in("role", [phrase("Program Director")]) == 'role : ("program director")'


@pytest.mark.parametrize(
    "typed",
    ['Rust" OR title:*', "NEAR(a b)", "oncology AND NOT trauma", "-hpb", "{title}: x", '"""', "c++ ^ * :"],
)
def test_user_text_never_becomes_query_syntax(typed: str) -> None:
    """Whatever is typed, the query runs and only finds the typed words."""
    keyword = Phrase.of(typed)
    if keyword is None:
        return  # nothing searchable was typed: no query at all
    # closing(), not the connection's own `with`, which only commits: Python 3.13 warns about
    # connections left to the garbage collector.
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute(
            "CREATE VIRTUAL TABLE t USING fts5(title, track, tokenize = 'unicode61 remove_diacritics 2')"
        )
        connection.executemany(
            "INSERT INTO t(rowid, title, track) VALUES (?, ?, ?)",
            [(1, "Rust or title", "Rust"), (2, "Oncology and not trauma", "Surgical Oncology"), (3, "Other", "Misc")],
        )
        found = {r[0] for r in connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts_keyword(keyword),))}
    expected = {row for row, text in [(1, "rust or title rust"), (2, "oncology and not trauma surgical oncology"),
                                      (3, "other misc")] if set(keyword.words) <= set(text.split())}
    assert found == expected


def test_people_queries_put_the_right_role_at_the_right_place_first() -> None:
    criteria = Criteria.build("introduce", institutions=["Lakeshore"], roles=["PD"])
    assert fts_people(criteria) == [
        '(role : ("pd" OR "program director")) AND (affiliation : ("lakeshore"))',
        'affiliation : ("lakeshore")',
    ]
    assert fts_people(Criteria.build("introduce", roles=["Fellowship Director"])) == [
        'role : ("fellowship director")'
    ]
    on_topic = fts_people_on_topic(Criteria.build("meet", keywords=["HPB"], roles=["Program Director"]))
    assert on_topic == '((role : ("program director"))) AND (("hpb"))'
    assert fts_people_on_topic(Criteria.build("meet", keywords=["HPB"])) == ""


# --- what a goal asks for ----------------------------------------------------------------------


def test_roles_accept_abbreviations_and_plurals() -> None:
    pd_role = WantedRole.of("PD")
    assert pd_role is not None and pd_role.label == "program director" and pd_role.plural == "program directors"
    assert pd_role.matches(Text.of("Program Director"))
    assert pd_role.matches(Text.of("PD"))
    assert pd_role.matches(Text.of("Associate Program Director"))
    assert not pd_role.matches(Text.of("Fellowship Director"))
    plural = WantedRole.of("program directors")
    assert plural is not None and plural.matches(Text.of("Program Director")) and plural.label == "program director"
    faculty = WantedRole.of("Faculty")
    assert faculty is not None and faculty.plural == "faculty"


def test_criteria_drop_blanks_merge_repeats_and_skip_interests_already_keywords() -> None:
    criteria = Criteria.build(
        "meet",
        keywords=["Surgical Oncology", " surgical  oncology ", "", "HPB"],
        institutions=["Lakeshore", "lakeshore"],
        roles=["PD", "Program Director", " "],
        interests=["hpb", "Endocrine"],
    )
    assert [k.label for k in criteria.keywords] == ["Surgical Oncology", "HPB"]
    assert [i.label for i in criteria.institutions] == ["Lakeshore"]
    assert [r.label for r in criteria.roles] == ["program director"]
    assert [i.label for i in criteria.interests] == ["Endocrine"]
    assert not criteria.is_empty
    assert Criteria.build("attend", keywords=[" "], roles=[""]).is_empty
    assert Criteria.build("whatever").kind == "custom"


@pytest.mark.parametrize(
    ("kind", "keywords", "speakers"),
    [("meet", [], True), ("introduce", [], True), ("learn", ["x"], True), ("learn", [], False),
     ("attend", ["x"], False), ("custom", ["x"], False)],
)
def test_which_goals_suggest_speakers(kind: str, keywords: list[str], speakers: bool) -> None:
    assert Criteria.build(kind, keywords=keywords, roles=["PD"]).suggests_speakers is speakers


# --- sessions ----------------------------------------------------------------------------------


def test_track_and_title_matches_outrank_an_abstract_mention_with_reasons_in_plain_words() -> None:
    criteria = Criteria.build("attend", keywords=["surgical oncology"])
    in_track = score_session(SessionFacts(1, "Peritoneal metastases", track="Surgical Oncology"), criteria)
    in_title = score_session(SessionFacts(2, "Surgical oncology for residents", track="Education"), criteria)
    in_abstract = score_session(SessionFacts(3, "Tumor boards", abstract="A surgical oncology view"), criteria)
    words_only = score_session(SessionFacts(4, "Oncology for the surgical trainee"), criteria)
    assert in_track.reasons == ("track is Surgical Oncology",)
    assert in_title.reasons == ("title matches 'surgical oncology'",)
    assert in_abstract.reasons == ("abstract mentions 'surgical oncology'",)
    assert words_only.reasons == ("title matches 'surgical oncology'",)
    assert in_track.score == in_title.score > words_only.score > in_abstract.score > 0
    assert in_track.track_matched and not in_title.track_matched
    assert score_session(SessionFacts(5, "Hernia repair", track="Hernia"), criteria).score == 0


def test_bm25_relevance_orders_sessions_that_match_alike() -> None:
    criteria = Criteria.build("attend", keywords=["rust"])
    facts = SessionFacts(1, "Rust in Mercurial", track="Rust")
    assert score_session(facts, criteria, {"rust": 1.0}).score > score_session(facts, criteria, {"rust": 0.2}).score


def test_a_panel_of_wanted_people_from_target_institutions() -> None:
    criteria = Criteria.build("introduce", institutions=[LAKESHORE], roles=["Program Director"])
    panel = SessionFacts(
        1, "Debate: Tumor Boards", track="Surgical Oncology", type="panel",
        speakers=(pd(1, "Zinnia Umberger"), pd(2, "Umar Calloway"), pd(3, "Ann Other", "Elsewhere", "Faculty")),
    )
    talk = SessionFacts(2, "Textbook outcome", type="podium session", speakers=(pd(4, "Ines Maravilla"),))
    elsewhere = SessionFacts(3, "Hernia", type="panel", speakers=(pd(5, "Bea Far", "Prairie Crest", "Fellow"),))
    ranked_panel, ranked_talk = score_session(panel, criteria), score_session(talk, criteria)
    assert ranked_panel.reasons == (
        "panel with 2 program directors",
        "2 speakers from Lakeshore University Medical Center, a target institution",
    )
    assert ranked_talk.reasons == (
        "speaker from Lakeshore University Medical Center, a target institution",
        "with program director Ines Maravilla",
    )
    assert ranked_panel.score > ranked_talk.score > 0
    assert score_session(elsewhere, criteria).score == 0


def test_speakers_from_several_target_institutions_are_named() -> None:
    criteria = Criteria.build("meet", institutions=[LAKESHORE, "Prairie Crest"])
    facts = SessionFacts(1, "Panel", speakers=(pd(1, "A"), pd(2, "B", "Prairie Crest University Hospital")))
    assert score_session(facts, criteria).reasons == (
        "speakers from Lakeshore University Medical Center and Prairie Crest University Hospital, "
        "target institutions",
    )


def test_interests_lift_sessions_and_say_so() -> None:
    criteria = Criteria.build("attend", keywords=["pancreas"], interests=["HPB", "Robotics"])
    facts = SessionFacts(1, "Pancreas resection", track="HPB Surgery", abstract="A robotics approach")
    ranked = score_session(facts, criteria)
    assert ranked.reasons == (
        "title matches 'pancreas'",
        "matches your interest 'HPB'",
        "matches your interest 'Robotics'",
    )
    without = score_session(facts, Criteria.build("attend", keywords=["pancreas"]))
    assert ranked.score == pytest.approx(without.score + 1.5)
    assert ranked.topical == without.topical  # interests are not what the goal is about


def test_reasons_are_deduplicated_and_at_most_five() -> None:
    criteria = Criteria.build("attend", keywords=["surgical", "oncology", "surgical oncology", "tumor", "board"])
    facts = SessionFacts(
        1, "Surgical oncology tumor board", subtitle="Tumor board", track="Surgical Oncology",
        abstract="surgical oncology tumor board",
    )
    reasons = score_session(facts, criteria).reasons
    assert reasons.count("track is Surgical Oncology") == 1
    assert len(reasons) == 5 and len(set(reasons)) == 5


# --- speakers ----------------------------------------------------------------------------------


def test_the_right_role_in_the_field_ranks_first() -> None:
    criteria = Criteria.build("meet", keywords=["surgical oncology"], roles=["Program Director"])
    track_session = SessionFacts(1, "Sarcoma", track="Surgical Oncology")
    session = (track_session, score_session(track_session, criteria))
    director = score_speaker(
        pd(1, "Zinnia Umberger", biography="A program director in Surgical Oncology."), criteria, [session]
    )
    fellow = score_speaker(
        pd(2, "Quinn Zamora", role="Fellow", biography="A fellow in Surgical Oncology."), criteria, [session]
    )
    off_topic = score_speaker(pd(3, "Umar Calloway", biography="Trauma surgeon."), criteria, [])
    # Strongest reason first: the role, then their own words, then where they speak.
    assert director.reasons == (
        "is a program director",
        "biography mentions 'surgical oncology'",
        "speaks in the Surgical Oncology track",
    )
    assert fellow.reasons == ("biography mentions 'surgical oncology'", "speaks in the Surgical Oncology track")
    assert director.score > fellow.score > off_topic.score > 0


def test_a_speaker_says_where_they_speak_when_the_track_is_not_the_match() -> None:
    criteria = Criteria.build("learn", keywords=["gitoxide"])
    talk = SessionFacts(1, "Taming Git complexity with Rust and Gitoxide, a very long title indeed", track="Rust")
    ranked = score_speaker(PersonFacts(1, "Sebastian"), criteria, [(talk, score_session(talk, criteria))])
    assert ranked.reasons == ("speaks at 'Taming Git complexity with Rust and Gitoxide, a…'",)


def test_target_institution_and_leadership_for_an_introduction() -> None:
    criteria = Criteria.build("introduce", institutions=["Lakeshore"])
    chief = score_speaker(pd(1, "Bram Oyelaran", role="Division Chief"), criteria)
    resident = score_speaker(pd(2, "Ansel Jablonski", role="Resident"), criteria)
    faculty_elsewhere = score_speaker(pd(3, "Far Away", "Prairie Crest", "Faculty"), criteria)
    assert chief.reasons == ("from Lakeshore University Medical Center, a target institution", "is a division chief")
    assert resident.reasons == ("from Lakeshore University Medical Center, a target institution",)
    assert chief.score > resident.score
    assert faculty_elsewhere.score == 0
    wanted_faculty = score_speaker(pd(4, "Fay", role="Faculty"), Criteria.build("meet", roles=["faculty"]))
    assert wanted_faculty.reasons == ("is faculty",)


# --- order -------------------------------------------------------------------------------------


def test_best_first_drops_zero_scores_and_breaks_ties_people_then_time() -> None:
    def candidate(kind: str, row_id: int, score: float, start: str = "", title: str = "x") -> Candidate:
        return Candidate(kind, row_id, title, Ranked(score, ()), start)

    ordered = best_first(
        [
            candidate("session", 1, 5.0, "2026-10-18 09:00:00"),
            candidate("session", 2, 5.0, "2026-10-17 09:00:00"),
            candidate("speaker", 3, 5.0),
            candidate("session", 4, 9.0, "2026-10-19 09:00:00"),
            candidate("speaker", 5, 0.0),
        ],
        limit=3,
    )
    assert [c.row_id for c in ordered] == [4, 3, 2]


def test_suggestion_display_helpers() -> None:
    from conference_app.core.domain.ranking import SessionRef, Suggestion

    start = datetime(2026, 10, 19, 14, 30, tzinfo=timezone.utc)
    ref = SessionRef(7, "fasc:7", "Debate", start, start, 3, "Hall C")
    speaker = Suggestion("speaker", "12", 12, "Zinnia Umberger", 9.5, ("is a program director",), sessions=(ref,))
    assert speaker.name == "Zinnia Umberger" and speaker.meet_at == ref
    assert Suggestion("session", "fasc:7", 7, "Debate", 1.0, ()).meet_at is None
