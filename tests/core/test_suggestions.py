"""Suggestions for a goal on real programs: the demo congress and FOSDEM 2026, with hand-made expectations."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, update

from conference_app.core.demo import demo_program_path
from conference_app.core.domain.ranking import Suggestion
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.storage.models import Event, EventSpeaker, Goal, Profile, Speaker, Target
from conference_app.core.workspace import Workspace
from tests.conftest import shared_file

SURGICAL_ONCOLOGY_PDS = {
    "Lakeshore University Medical Center", "Prairie Crest University Hospital",
    "Cedar Valley College of Medicine", "Summit Ridge Medical Center",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo congress, imported once; tests add their own goals and set the profile they need."""
    workspace = Workspace.open(tmp_path_factory.mktemp("demo") / "db.sqlite")
    workspace.program.import_program(demo_program_path())
    yield workspace
    workspace.close()


@pytest.fixture
def fresh_demo(tmp_path: Path) -> Iterator[Workspace]:
    """A demo congress of the test's own, for tests that change the program or the plan."""
    workspace = Workspace.open(tmp_path / "db.sqlite")
    workspace.program.import_program(demo_program_path())
    yield workspace
    workspace.close()


def add_goal(
    workspace: Workspace,
    kind: str,
    *,
    keywords: Sequence[str] = (),
    institutions: Sequence[str] = (),
    roles: Sequence[str] = (),
    conference_id: int | None = None,
) -> int:
    with workspace.database.sessions.begin() as session:
        goal = Goal(
            kind=kind, title=f"{kind} goal", target_count=3, keywords=list(keywords),
            institutions=list(institutions), roles=list(roles), conference_id=conference_id,
            created_at=datetime.now(timezone.utc),
        )
        session.add(goal)
        session.flush()
        return goal.id


def set_profile(workspace: Workspace, interests: Sequence[str] = (), target_institutions: Sequence[str] = ()) -> None:
    with workspace.database.sessions.begin() as session:
        profile = session.get(Profile, 1) or Profile(id=1)
        profile.interests = list(interests)
        profile.target_institutions = list(target_institutions)
        session.add(profile)


def speakers(suggestions: list[Suggestion]) -> list[Suggestion]:
    return [s for s in suggestions if s.kind == "speaker"]


def sessions(suggestions: list[Suggestion]) -> list[Suggestion]:
    return [s for s in suggestions if s.kind == "session"]


def track_of(workspace: Workspace, event_id: int) -> str:
    with workspace.database.sessions() as session:
        return session.get_one(Event, event_id).track


# --- the demo congress -------------------------------------------------------------------------


def test_a_meet_goal_puts_the_surgical_oncology_program_directors_on_top(demo: Workspace) -> None:
    set_profile(demo)
    goal = add_goal(demo, "meet", keywords=["surgical oncology"], roles=["Program Director"])
    found = demo.suggestions.suggest(goal, limit=20)
    top = found[:4]
    assert [s.kind for s in top] == ["speaker"] * 4
    assert {s.role for s in top} == {"Program Director"}
    assert {s.affiliation for s in top} == SURGICAL_ONCOLOGY_PDS
    for suggestion in top:
        assert suggestion.reasons == (
            "is a program director",
            "speaks in the Surgical Oncology track",
            "biography mentions 'surgical oncology'",
        )
        # The session to meet them at is one of theirs, in their field.
        assert suggestion.meet_at is not None and track_of(demo, suggestion.meet_at.id) == "Surgical Oncology"
    panels = sessions(found)[:2]
    assert all(s.type == "panel" and s.track == "Surgical Oncology" for s in panels)
    assert all("panel with 2 program directors" in s.reasons for s in panels)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_an_introduce_goal_ranks_the_target_institutions_people_first(demo: Workspace) -> None:
    set_profile(demo)
    prairie = "Prairie Crest University Hospital"
    goal = add_goal(demo, "introduce", institutions=[prairie], roles=["PD"])
    found = demo.suggestions.suggest(goal, limit=40)
    people = speakers(found)
    assert len(people) >= 10
    from_prairie = [s.affiliation == prairie for s in people]
    assert all(from_prairie[: from_prairie.count(True)]), "every Prairie Crest speaker comes before the others"
    directors = [s for s in people if s.affiliation == prairie and s.role == "Program Director"]
    assert len(directors) >= 2
    assert people[: len(directors)] == directors
    assert directors[0].reasons == (
        "from Prairie Crest University Hospital, a target institution",
        "is a program director",
    )
    for session in sessions(found):
        assert any(prairie in reason or "program director" in reason for reason in session.reasons)


def test_the_profiles_target_institutions_stand_in_for_a_goal_without_any(demo: Workspace) -> None:
    set_profile(demo, target_institutions=["Summit Ridge Medical Center"])
    goal = add_goal(demo, "introduce")
    people = speakers(demo.suggestions.suggest(goal, limit=10))
    assert people and {s.affiliation for s in people} == {"Summit Ridge Medical Center"}
    assert all("from Summit Ridge Medical Center, a target institution" in s.reasons for s in people)
    # Without a wanted role, program leadership goes first.
    assert people[0].role in {"Program Director", "Fellowship Director", "Department Chair", "Division Chief"}


def test_a_goal_with_only_a_role_ranks_the_people_in_that_role(demo: Workspace) -> None:
    set_profile(demo)
    goal = add_goal(demo, "meet", roles=["fellowship directors"])
    found = demo.suggestions.suggest(goal, limit=15)
    people = speakers(found)
    assert len(people) >= 10
    assert {s.role for s in people} == {"Fellowship Director"}
    assert all(s.reasons[0] == "is a fellowship director" for s in people)
    assert all(any("fellowship director" in r for r in s.reasons) for s in sessions(found))


def test_the_users_interests_rank_a_goal_without_keywords(demo: Workspace) -> None:
    set_profile(demo, interests=["HPB"])
    goal = add_goal(demo, "custom")
    found = demo.suggestions.suggest(goal, limit=10)
    assert len(found) == 10
    assert all(s.kind == "session" and s.track == "HPB Surgery" for s in found)
    assert all(s.reasons[0] == "matches your interest 'HPB'" for s in found)


def test_interests_lift_matching_sessions_of_a_keyword_goal(demo: Workspace) -> None:
    set_profile(demo)
    goal = add_goal(demo, "attend", keywords=["hernia"])
    before = {s.id: s.score for s in demo.suggestions.suggest(goal, limit=100)}
    set_profile(demo, interests=["robotic"])
    lifted = demo.suggestions.suggest(goal, limit=100)
    robotic = [s for s in lifted if "robotic" in s.title.casefold()]
    assert len(robotic) >= 3
    for suggestion in robotic:
        assert "matches your interest 'robotic'" in suggestion.reasons
        assert suggestion.score == pytest.approx(before[suggestion.id] + 1.0, abs=0.011)
    assert lifted[0] in robotic


def test_a_goal_with_nothing_to_rank_by_gets_no_suggestions(demo: Workspace) -> None:
    set_profile(demo)
    assert demo.suggestions.suggest(add_goal(demo, "meet", keywords=["  "])) == []
    assert demo.suggestions.suggest(add_goal(demo, "attend", keywords=["xylophone quartet"])) == []


def test_an_attend_goal_suggests_sessions_with_what_a_list_row_shows(demo: Workspace) -> None:
    set_profile(demo)
    goal = add_goal(demo, "attend", keywords=["rectal cancer"])
    found = demo.suggestions.suggest(goal, limit=5)
    assert len(found) == 5 and all(s.kind == "session" for s in found)
    first = found[0]
    assert "title matches 'rectal cancer'" in first.reasons
    assert first.start is not None and first.end is not None and first.end > first.start
    assert first.start.utcoffset() == timedelta(hours=-5)  # Chicago in October, the congress's own zone
    assert first.room and first.track and first.type and first.speakers and first.day_index in {1, 2, 3, 4}
    assert demo.program.resolve_session(first.id) == first.row_id
    assert not first.picked and first.priority == ""


def test_a_learn_goal_adds_researchers_whose_own_words_match(demo: Workspace) -> None:
    set_profile(demo)
    goal = add_goal(demo, "learn", keywords=["HPB Surgery"])
    found = demo.suggestions.suggest(goal, limit=60)
    people = speakers(found)
    assert people and sessions(found)
    assert all("biography mentions 'HPB Surgery'" in s.reasons for s in people)
    attend = demo.suggestions.suggest(add_goal(demo, "attend", keywords=["HPB Surgery"]), limit=60)
    assert speakers(attend) == []


def test_unknown_goal_and_a_limit_below_one_are_refused(demo: Workspace) -> None:
    with pytest.raises(NotFoundError, match="no goal with id 999"):
        demo.suggestions.suggest(999)
    goal = add_goal(demo, "attend", keywords=["hernia"])
    with pytest.raises(UserError, match="at least 1"):
        demo.suggestions.suggest(goal, limit=0)
    assert len(demo.suggestions.suggest(goal, limit=3)) == 3


# --- what changes the list ---------------------------------------------------------------------


def test_cancelled_sessions_and_their_only_speakers_are_never_suggested(fresh_demo: Workspace) -> None:
    goal = add_goal(fresh_demo, "meet", keywords=["surgical oncology"], roles=["Program Director"])
    before = fresh_demo.suggestions.suggest(goal, limit=40)
    top_session = sessions(before)[0]
    director = speakers(before)[0]
    with fresh_demo.database.sessions.begin() as session:
        theirs = list(session.scalars(select(EventSpeaker.event_id).where(EventSpeaker.speaker_id == director.row_id)))
        session.execute(update(Event).where(Event.id.in_([top_session.row_id, *theirs])).values(cancelled=True))
    after = fresh_demo.suggestions.suggest(goal, limit=200)
    assert top_session.id not in {s.id for s in after}
    assert director.id not in {s.id for s in speakers(after)}
    assert not {r.id for s in speakers(after) for r in s.sessions} & {top_session.row_id, *theirs}


def test_suggestions_show_what_is_already_picked_or_targeted(fresh_demo: Workspace) -> None:
    goal = add_goal(fresh_demo, "meet", keywords=["surgical oncology"], roles=["Program Director"])
    found = fresh_demo.suggestions.suggest(goal)
    session, speaker = sessions(found)[0], speakers(found)[0]
    fresh_demo.program.pick(session.row_id, "nice")
    with fresh_demo.database.sessions.begin() as db:
        db.add(Target(speaker_id=speaker.row_id, goal_id=goal, created_at=datetime.now(timezone.utc)))
    again = {s.id: s for s in fresh_demo.suggestions.suggest(goal)}
    assert again[session.id].picked and again[session.id].priority == "nice"
    assert again[speaker.id].targeted
    other_goal = add_goal(fresh_demo, "meet", keywords=["surgical oncology"], roles=["Program Director"])
    assert not {s.id: s for s in fresh_demo.suggestions.suggest(other_goal)}[speaker.id].targeted


SMALL_PROGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version>
<conference><acronym>small-onc</acronym><title>Small Oncology Day</title>
<time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2026-06-11"><room name="Hall A">
<event id="1"><date>2026-06-11T09:00:00+02:00</date><start>09:00</start><duration>00:45</duration>
<room>Hall A</room><title>Surgical oncology today</title><track>Surgical Oncology</track><type>lecture</type>
<abstract>Where surgical oncology stands.</abstract><persons><person id="1">Ada Field</person></persons></event>
</room></day></schedule>
"""


def test_a_goal_ranks_only_its_own_conference(fresh_demo: Workspace, tmp_path: Path) -> None:
    small_file = tmp_path / "small.xml"
    small_file.write_text(SMALL_PROGRAM, encoding="utf-8")
    small = fresh_demo.program.import_program(small_file).value.conference_id
    demo_id = next(c.id for c in fresh_demo.program.conferences() if c.id != small)

    bound_to_small = add_goal(fresh_demo, "meet", keywords=["surgical oncology"], conference_id=small)
    found = fresh_demo.suggestions.suggest(bound_to_small)
    assert [s.id for s in sessions(found)] == ["small-onc:1"]
    assert [s.name for s in speakers(found)] == ["Ada Field"]

    # A goal without a conference follows the one the user is looking at.
    floating = add_goal(fresh_demo, "attend", keywords=["surgical oncology"])
    assert {s.id.split(":")[0] for s in fresh_demo.suggestions.suggest(floating)} == {"small-onc"}
    fresh_demo.program.switch_conference(demo_id)
    assert {s.id.split(":")[0] for s in fresh_demo.suggestions.suggest(floating)} == {"fasc-2026"}
    bound_to_demo = add_goal(fresh_demo, "attend", keywords=["surgical oncology"], conference_id=demo_id)
    assert len(fresh_demo.suggestions.suggest(bound_to_demo)) == 20


# --- a real program ----------------------------------------------------------------------------


@pytest.mark.shared_data
def test_a_rust_goal_on_fosdem_2026_puts_the_rust_devroom_on_top(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "db.sqlite")
    try:
        workspace.program.import_program(shared_file("frab/mttcrsp-fosdem-2026-schedule.xml"))
        goal = add_goal(workspace, "attend", keywords=["Rust"])
        found = workspace.suggestions.suggest(goal, limit=10)
        assert len(found) == 10
        for suggestion in found:
            assert suggestion.track == "Rust" or "rust" in suggestion.title.casefold(), suggestion.title
        assert sum(s.track == "Rust" for s in found) >= 8
        assert found[0].reasons[:2] == ("track is Rust", "title matches 'Rust'")

        meet = workspace.suggestions.suggest(add_goal(workspace, "meet", keywords=["Rust"]), limit=30)
        people = speakers(meet)
        assert people and people[0].reasons[0] == "speaks in the Rust track"
        with workspace.database.sessions() as session:
            speaking = set(session.scalars(select(EventSpeaker.speaker_id)))
            names = {speaker_id: name for speaker_id, name in session.execute(select(Speaker.id, Speaker.name))}
        assert all(s.row_id in speaking and names[s.row_id] == s.name for s in people)
    finally:
        workspace.close()
