"""Starting points for goals, by career stage, following the usual conference game plan.

A template is only a suggestion: it fills in the goal dialog and the user edits anything. Where it
makes sense a template borrows from the profile: the first interest names the field, the target
institutions become the goal's institutions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conference_app.core.domain.planning import GoalFields, GoalKind, ProfileData, StageGroup, stage_group

EVERY_STAGE = None  # a template whose group is None is offered at every stage


@dataclass(frozen=True)
class GoalTemplate:
    id: str
    group: StageGroup | None  # None: offered to everyone
    name: str  # how the template is listed
    why: str  # one line on what the goal is for
    kind: GoalKind
    title: str
    title_in_field: str  # used when the profile names an interest; "{field}" is replaced by it
    target_count: int
    roles: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # fixed keywords, added after the profile's interests
    use_interests: bool = True
    use_target_institutions: bool = False
    use_target_fellowships: bool = False

    def fill(self, profile: ProfileData, deadline: date | None) -> GoalFields:
        """The goal fields this template suggests for this user."""
        fields_of_interest: tuple[str, ...] = ()
        if self.use_target_fellowships and profile.target_fellowships:
            fields_of_interest = profile.target_fellowships
        elif self.use_interests:
            fields_of_interest = profile.interests
        keywords = tuple(dict.fromkeys(fields_of_interest + self.keywords))
        title = self.title_in_field.format(field=fields_of_interest[0]) if fields_of_interest else self.title
        institutions = profile.target_institutions if self.use_target_institutions else ()
        return GoalFields(self.kind, title, self.target_count, keywords, institutions, self.roles, deadline)


TEMPLATES: tuple[GoalTemplate, ...] = (
    # --- preclinical ---------------------------------------------------------------------------
    GoalTemplate(
        id="preclinical-interest-group",
        group=StageGroup.PRECLINICAL,
        name="Connect with the surgery interest group",
        why="Students and residents from the interest group are the easiest first contacts.",
        kind=GoalKind.MEET,
        title="Meet 2 members of a surgery interest group",
        title_in_field="Meet 2 members of a surgery interest group",
        target_count=2,
        roles=("Medical Student", "Resident"),
        use_interests=False,
    ),
    GoalTemplate(
        id="preclinical-approachable-faculty",
        group=StageGroup.PRECLINICAL,
        name="Find 1–2 approachable faculty",
        why="One or two surgeons who know your name are worth more than a pile of business cards.",
        kind=GoalKind.MEET,
        title="Get to know 2 approachable faculty",
        title_in_field="Get to know 2 approachable faculty in {field}",
        target_count=2,
        roles=("Faculty",),
    ),
    GoalTemplate(
        id="preclinical-small-project",
        group=StageGroup.PRECLINICAL,
        name="Offer to help on a small project",
        why="A small, finished project is how students earn a mentor's trust.",
        kind=GoalKind.LEARN,
        title="Ask 1 researcher about helping on a small project",
        title_in_field="Ask 1 researcher in {field} about helping on a small project",
        target_count=1,
        roles=("Researcher", "Faculty"),
    ),
    # --- MS3–MS4 -------------------------------------------------------------------------------
    GoalTemplate(
        id="applicant-program-directors",
        group=StageGroup.APPLICANT,
        name="Program directors from target programs",
        why="A program director who remembers you can turn a borderline application into an interview.",
        kind=GoalKind.INTRODUCE,
        title="Introduce myself to program directors from 2 target programs",
        title_in_field="Introduce myself to program directors from 2 target programs",
        target_count=2,
        roles=("Program Director", "Associate Program Director"),
        use_interests=False,
        use_target_institutions=True,
    ),
    GoalTemplate(
        id="applicant-letter-writers",
        group=StageGroup.APPLICANT,
        name="Possible letter writers",
        why="Strong letters come from surgeons who have seen your work and know you personally.",
        kind=GoalKind.MEET,
        title="Meet 2 surgeons who could later write me a letter",
        title_in_field="Meet 2 surgeons in {field} who could later write me a letter",
        target_count=2,
        roles=("Faculty", "Division Chief", "Department Chair"),
    ),
    GoalTemplate(
        id="applicant-away-rotations",
        group=StageGroup.APPLICANT,
        name="People at away-rotation sites",
        why="A familiar face at an away rotation makes the month count.",
        kind=GoalKind.MEET,
        title="Meet 2 people from the programs where I plan away rotations",
        title_in_field="Meet 2 people from the programs where I plan away rotations",
        target_count=2,
        roles=("Resident", "Faculty", "Program Director"),
        use_interests=False,
        use_target_institutions=True,
    ),
    # --- residents -----------------------------------------------------------------------------
    GoalTemplate(
        id="resident-mentor-team",
        group=StageGroup.RESIDENT,
        name="Build a mentor team",
        why="Different mentors for clinical skills, research and career choices cover each other's gaps.",
        kind=GoalKind.MEET,
        title="Meet 3 possible mentors: clinical, research and career",
        title_in_field="Meet 3 possible mentors in {field}: clinical, research and career",
        target_count=3,
        roles=("Faculty", "Division Chief"),
    ),
    GoalTemplate(
        id="resident-fellowship-directors",
        group=StageGroup.RESIDENT,
        name="Fellowship directors",
        why="Fellowship directors decide early; meeting them before applying helps.",
        kind=GoalKind.INTRODUCE,
        title="Introduce myself to fellowship directors from 2 programs",
        title_in_field="Introduce myself to {field} fellowship directors from 2 programs",
        target_count=2,
        roles=("Fellowship Director",),
        use_target_institutions=True,
        use_target_fellowships=True,
    ),
    GoalTemplate(
        id="resident-collaborators",
        group=StageGroup.RESIDENT,
        name="Research collaborators",
        why="Multi-centre projects start with a conversation after a podium talk.",
        kind=GoalKind.LEARN,
        title="Find 3 possible research collaborations",
        title_in_field="Find 3 possible research collaborations in {field}",
        target_count=3,
        roles=("Researcher", "Faculty"),
    ),
    GoalTemplate(
        id="resident-major-meeting",
        group=StageGroup.RESIDENT,
        name="Make the most of this year's major meeting",
        why="One major and one regional meeting a year keep you visible; make this one count.",
        kind=GoalKind.ATTEND,
        title="Attend 4 sessions in my field",
        title_in_field="Attend 4 sessions on {field}",
        target_count=4,
    ),
    # --- fellows and early career ------------------------------------------------------------
    GoalTemplate(
        id="career-society-committee",
        group=StageGroup.CAREER,
        name="A society committee role",
        why="Committee work is how early-career surgeons become known beyond their own hospital.",
        kind=GoalKind.MEET,
        title="Talk to 2 society leaders about joining a committee",
        title_in_field="Talk to 2 leaders in {field} about joining a society committee",
        target_count=2,
        roles=("Department Chair", "Division Chief"),
    ),
    GoalTemplate(
        id="career-sponsors",
        group=StageGroup.CAREER,
        name="Sponsors",
        why="A sponsor puts your name forward when you are not in the room.",
        kind=GoalKind.MEET,
        title="Strengthen ties with 2 senior surgeons who could sponsor me",
        title_in_field="Strengthen ties with 2 senior surgeons in {field} who could sponsor me",
        target_count=2,
        roles=("Department Chair", "Division Chief", "Program Director"),
    ),
    GoalTemplate(
        id="career-mentoring-others",
        group=StageGroup.CAREER,
        name="Mentor someone earlier in training",
        why="Passing it on: students and residents need the introductions you once needed.",
        kind=GoalKind.MEET,
        title="Offer advice to 2 students or residents",
        title_in_field="Offer advice to 2 students or residents interested in {field}",
        target_count=2,
        roles=("Medical Student", "Resident"),
    ),
    # --- everyone ------------------------------------------------------------------------------
    GoalTemplate(
        id="few-meaningful-conversations",
        group=EVERY_STAGE,
        name="2–3 meaningful conversations (for introverts)",
        why="A few real conversations beat dozens of rushed handshakes, and are easier to follow up.",
        kind=GoalKind.MEET,
        title="Have 2–3 meaningful conversations",
        title_in_field="Have 2–3 meaningful conversations about {field}",
        target_count=2,
    ),
)

_BY_ID = {t.id: t for t in TEMPLATES}


def templates_for_stage(stage: str) -> list[GoalTemplate]:
    """The templates for a stage and those for everyone; every template when no stage is set."""
    group = stage_group(stage)
    if group is None:
        return list(TEMPLATES)
    return [t for t in TEMPLATES if t.group in (group, EVERY_STAGE)]


def template_by_id(template_id: str) -> GoalTemplate | None:
    return _BY_ID.get(template_id)
