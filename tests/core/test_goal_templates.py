"""Goal templates by stage: which ones a stage sees, and what they fill in from the profile."""

from __future__ import annotations

from datetime import date

import pytest

from conference_app.core.domain.goal_templates import TEMPLATES, template_by_id, templates_for_stage
from conference_app.core.domain.planning import STAGES, GoalKind, ProfileData, StageGroup, stage_group
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.services.planning import PlanningService
from tests.core.test_planning import clock, conference_id, planning, workspace  # noqa: F401 - fixtures

INTROVERT = "few-meaningful-conversations"
PROFILE = ProfileData(
    name="Ana Ruiz",
    stage="MS4",
    interests=("surgical oncology", "HPB"),
    target_institutions=("Lakeshore University Medical Center", "Harbor Point Medical College"),
    target_fellowships=("Complex General Surgical Oncology",),
)


def ids(stage: str) -> list[str]:
    return [t.id for t in templates_for_stage(stage)]


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("MS1", ["preclinical-interest-group", "preclinical-approachable-faculty", "preclinical-small-project"]),
        ("MS3", ["applicant-program-directors", "applicant-letter-writers", "applicant-away-rotations"]),
        ("PGY-4", ["resident-mentor-team", "resident-fellowship-directors", "resident-collaborators",
                   "resident-major-meeting"]),
        ("Research year", ["resident-mentor-team", "resident-fellowship-directors", "resident-collaborators",
                           "resident-major-meeting"]),
        ("Attending", ["career-society-committee", "career-sponsors", "career-mentoring-others"]),
    ],
)
def test_each_stage_sees_its_own_templates_and_the_introvert_one(stage: str, expected: list[str]) -> None:
    assert ids(stage) == [*expected, INTROVERT]


def test_every_stage_has_a_group_and_no_stage_lists_every_template() -> None:
    assert {stage_group(s) for s in STAGES} == set(StageGroup)
    assert stage_group("") is None
    assert ids("") == [t.id for t in TEMPLATES]
    assert len({t.id for t in TEMPLATES}) == len(TEMPLATES)


def test_the_introvert_template_aims_for_two_or_three_conversations() -> None:
    template = template_by_id(INTROVERT)
    assert template is not None
    fields = template.fill(ProfileData(), None)
    assert (fields.kind, fields.title, fields.target_count) == (GoalKind.MEET, "Have 2–3 meaningful conversations", 2)
    assert (fields.keywords, fields.institutions, fields.roles) == ((), (), ())


def test_program_directors_template_uses_the_target_institutions() -> None:
    template = template_by_id("applicant-program-directors")
    assert template is not None

    fields = template.fill(PROFILE, date(2026, 10, 19))

    assert fields.kind is GoalKind.INTRODUCE
    assert fields.title == "Introduce myself to program directors from 2 target programs"
    assert fields.institutions == ("Lakeshore University Medical Center", "Harbor Point Medical College")
    assert fields.roles == ("Program Director", "Associate Program Director")
    assert fields.keywords == ()
    assert (fields.target_count, fields.deadline) == (2, date(2026, 10, 19))


def test_field_templates_name_the_first_interest_or_fellowship() -> None:
    letters = template_by_id("applicant-letter-writers")
    fellowship = template_by_id("resident-fellowship-directors")
    assert letters is not None and fellowship is not None

    assert letters.fill(PROFILE, None).title == "Meet 2 surgeons in surgical oncology who could later write me a letter"
    assert letters.fill(PROFILE, None).keywords == ("surgical oncology", "HPB")
    assert letters.fill(ProfileData(), None).title == "Meet 2 surgeons who could later write me a letter"
    filled = fellowship.fill(PROFILE, None)
    assert filled.title == "Introduce myself to Complex General Surgical Oncology fellowship directors from 2 programs"
    assert filled.keywords == ("Complex General Surgical Oncology",)
    assert filled.roles == ("Fellowship Director",)


def test_the_service_fills_a_template_with_the_profile_and_the_conference_end(
    planning: PlanningService, conference_id: int  # noqa: F811
) -> None:
    planning.save_profile(PROFILE)

    fields = planning.goal_from_template("resident-collaborators", conference_id)

    assert (fields.kind, fields.target_count, fields.deadline) == (GoalKind.LEARN, 3, date(2026, 10, 19))
    assert fields.title == "Find 3 possible research collaborations in surgical oncology"
    assert [t.id for t in planning.templates_for("pgy1")][:1] == ["resident-mentor-team"]


def test_every_template_filled_for_a_user_is_a_valid_goal(
    planning: PlanningService, conference_id: int  # noqa: F811
) -> None:
    planning.save_profile(PROFILE)
    for template in TEMPLATES:
        goal = planning.add_goal(conference_id, planning.goal_from_template(template.id, conference_id)).value
        assert goal.title and goal.target_count >= 1
        assert goal.deadline == date(2026, 10, 19)
    assert len(planning.goals(conference_id)) == len(TEMPLATES)


def test_unknown_template_or_stage(planning: PlanningService) -> None:  # noqa: F811
    with pytest.raises(NotFoundError, match="no goal template 'nope'"):
        planning.goal_from_template("nope", None)
    with pytest.raises(UserError, match="unknown stage 'PGY-12'"):
        planning.templates_for("PGY-12")
