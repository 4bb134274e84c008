"""The planning service: profile, goals with live progress, speakers to meet, meetings recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import func, select

from conference_app.core.domain.planning import (
    GoalFields,
    GoalKind,
    ProfileData,
    normalise_stage,
    pitch_warning,
    plural,
    progress_label,
    split_list,
)
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.services.planning import PlanningService
from conference_app.core.services.program import SessionFilter
from conference_app.core.storage.models import Contact, ContactSpeaker, Conversation, Target
from conference_app.core.workspace import Workspace
from tests.conftest import shared_file

# --- a small congress with roles and affiliations, written to tmp_path --------------------------

# (person id, name, affiliation, role)
PEOPLE = (
    ("1", "Amara Okafor", "Lakeshore University Medical Center", "Program Director"),
    ("2", "Bram de Vries", "Lakeshore University Medical Center", "Fellowship Director"),
    ("3", "Chen Jing", "Prairie Crest University Hospital", "Program Director"),
    ("4", "Dana Whitfield", "Summit Ridge Medical Center", "Researcher"),
    ("5", "Emil Novak", "", "Resident"),
)

# (event id, title, local start, minutes, room, track, person ids)
SESSIONS = (
    ("201", "Surgical Oncology Grand Rounds", "2026-10-17T09:00", 60, "Hall A", "Surgical Oncology", ("1", "4")),
    ("202", "Trauma Systems Panel", "2026-10-17T11:00", 60, "Hall B", "Trauma", ("3", "5")),
    ("203", "Fellowship Match Q&A", "2026-10-18T10:00", 45, "Hall A", "Surgical Education", ("2", "1")),
    ("204", "HPB Video Session", "2026-10-18T14:00", 60, "Room 3", "HPB Surgery", ("2",)),
)
ZONE = "America/Chicago"


def congress_xml(acronym: str = "tsc26", title: str = "Test Surgical Congress 2026") -> str:
    days: dict[str, list[str]] = {}
    for event_id, name, start, minutes, room, track, persons in SESSIONS:
        people = "".join(f'<person id="{p}">{escape(PEOPLE[int(p) - 1][1])}</person>' for p in persons)
        offset = "-05:00"  # Chicago in October (daylight saving time)
        days.setdefault(start[:10], []).append(
            f'<room name="{room}"><event id="{event_id}"><date>{start}:00{offset}</date><start>{start[11:]}</start>'
            f"<duration>{minutes // 60:02d}:{minutes % 60:02d}</duration><room>{room}</room>"
            f"<title>{escape(name)}</title><track>{escape(track)}</track><type>panel</type>"
            f"<abstract>About {escape(name.lower())}.</abstract><persons>{people}</persons></event></room>"
        )
    day_xml = "".join(
        f'<day index="{i}" date="{day}">{"".join(rooms)}</day>' for i, (day, rooms) in enumerate(sorted(days.items()), 1)
    )
    persons = "".join(
        f'<person id="{pid}"><name>{escape(name)}</name><affiliation>{escape(aff)}</affiliation>'
        f"<role>{role}</role></person>"
        for pid, name, aff, role in PEOPLE
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<schedule><version>1</version>'
        f"<conference><acronym>{acronym}</acronym><title>{title}</title><start>2026-10-17</start>"
        f"<end>2026-10-19</end><time_zone_name>{ZONE}</time_zone_name></conference>"
        f"<persons>{persons}</persons>{day_xml}</schedule>\n"
    )


def write_test_congress(folder: Path, name: str = "tsc.xml", **kwargs: str) -> Path:
    path = folder / name
    path.write_text(congress_xml(**kwargs), encoding="utf-8")
    return path


class Clock:
    """A settable clock, so 'the speaker's next session' does not depend on today's date."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def chicago(text: str) -> datetime:
    return datetime.fromisoformat(text + "-05:00").astimezone(timezone.utc)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "plan.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def conference_id(workspace: Workspace, tmp_path: Path) -> int:
    return workspace.program.import_program(write_test_congress(tmp_path)).value.conference_id


@pytest.fixture
def clock() -> Clock:
    return Clock(chicago("2026-10-10T12:00"))  # a week before the congress


@pytest.fixture
def planning(workspace: Workspace, clock: Clock, conference_id: int) -> PlanningService:
    return PlanningService(workspace.database.sessions, clock)


def speaker_id(workspace: Workspace, conference_id: int, name: str) -> int:
    [row] = [s for s in workspace.program.speakers(conference_id) if s.name == name]
    return row.id


def event_id(workspace: Workspace, title: str, conference_id: int | None = None) -> int:
    [row] = [r for r in workspace.program.sessions(SessionFilter(conference_id)) if r.title == title]
    return row.id


def meet_goal(title: str = "Meet program directors", target: int = 2, **kwargs: object) -> GoalFields:
    return GoalFields(GoalKind.MEET, title, target, **kwargs)  # type: ignore[arg-type]


# --- profile ----------------------------------------------------------------------------------


def test_profile_is_empty_until_saved_then_cleaned_and_persisted(
    planning: PlanningService, workspace: Workspace, tmp_path: Path
) -> None:
    assert planning.profile() == ProfileData()

    outcome = planning.save_profile(
        ProfileData(
            name="  Ana   Ruiz ",
            stage="pgy 3",
            institution="Home University",
            interests=("surgical oncology", " HPB ", "Surgical Oncology", ""),
            target_institutions=("Lakeshore University Medical Center",),
            email=" ana@example.org ",
            pitch="PGY-3 at Home University studying liver surgery outcomes.",
        )
    )

    assert outcome.changed == {Topic.PROFILE}
    saved = outcome.value
    assert (saved.name, saved.stage, saved.email) == ("Ana Ruiz", "PGY-3", "ana@example.org")
    assert saved.interests == ("surgical oncology", "HPB")
    workspace.close()
    reopened = Workspace.open(tmp_path / "plan.sqlite")
    try:
        assert reopened.planning.profile() == saved
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ProfileData(email="ana at example"), "'ana at example' is not an email address"),
        (ProfileData(email="ana@localhost"), "'ana@localhost' is not an email address"),
        (ProfileData(stage="PGY-9"), "unknown stage 'PGY-9': use one of MS1, MS2, MS3, MS4, PGY-1"),
    ],
)
def test_profile_rejects_a_bad_email_or_stage(planning: PlanningService, data: ProfileData, message: str) -> None:
    with pytest.raises(UserError) as error:
        planning.save_profile(data)
    assert str(error.value).startswith(message)
    assert planning.profile() == ProfileData()


@pytest.mark.parametrize(
    ("typed", "stage"),
    [("ms3", "MS3"), ("PGY2", "PGY-2"), ("pgy-7", "PGY-7"), ("research_year", "Research year"), ("", "")],
)
def test_stages_are_spelled_the_apps_way(typed: str, stage: str) -> None:
    assert normalise_stage(typed) == stage


# --- goals ------------------------------------------------------------------------------------


def test_a_new_goal_defaults_its_deadline_to_the_conferences_last_day(
    planning: PlanningService, conference_id: int
) -> None:
    outcome = planning.add_goal(
        conference_id,
        meet_goal(
            keywords=("surgical oncology", "Surgical Oncology"),
            institutions=("lakeshore  university medical center",),
            roles=("program director",),
        ),
    )

    goal = outcome.value
    assert outcome.changed == {Topic.GOALS}
    assert goal.deadline == date(2026, 10, 19)
    assert (goal.kind, goal.title, goal.target_count, goal.status) == (
        GoalKind.MEET, "Meet program directors", 2, "active",
    )
    assert goal.keywords == ("surgical oncology",)
    assert goal.institutions == ("Lakeshore University Medical Center",)  # as the program spells it
    assert goal.roles == ("Program Director",)
    assert goal.progress.label == "0 of 2 program directors met"
    assert (goal.progress.done, goal.progress.planned, goal.progress.fraction) == (0, 0, 0.0)
    assert planning.goals(conference_id) == [goal]


def test_an_explicit_deadline_is_kept(planning: PlanningService, conference_id: int) -> None:
    goal = planning.add_goal(conference_id, meet_goal(deadline=date(2026, 10, 18))).value
    assert goal.deadline == date(2026, 10, 18)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (meet_goal(title="   "), "a goal needs a title"),
        (meet_goal(target=0), "the target must be at least 1"),
        (meet_goal(target=-3), "the target must be at least 1"),
        (GoalFields("befriend", "x", 1), "unknown goal kind 'befriend': use one of meet, introduce, learn, attend, custom"),  # type: ignore[arg-type]
        (
            meet_goal(institutions=("Atlantis General",)),
            "unknown institution 'Atlantis General': add it to your target institutions in your profile, "
            "or use a speaker's affiliation from the program",
        ),
        (
            meet_goal(institutions=("Lakeshore University",)),
            "unknown institution 'Lakeshore University': add it to your target institutions in your profile, "
            "or use a speaker's affiliation from the program (did you mean 'Lakeshore University Medical Center'?)",
        ),
    ],
)
def test_bad_goals_get_a_clear_message_and_store_nothing(
    planning: PlanningService, conference_id: int, fields: GoalFields, message: str
) -> None:
    with pytest.raises(UserError) as error:
        planning.add_goal(conference_id, fields)
    assert str(error.value) == message
    assert planning.goals(conference_id) == []


def test_a_target_institution_from_the_profile_is_known_even_if_nobody_from_it_speaks(
    planning: PlanningService, conference_id: int
) -> None:
    planning.save_profile(ProfileData(target_institutions=("Harbor Point Medical College",)))

    goal = planning.add_goal(
        conference_id, GoalFields(GoalKind.INTRODUCE, "PDs", 1, institutions=("harbor point medical college",))
    ).value

    assert goal.institutions == ("Harbor Point Medical College",)
    assert planning.known_institutions(conference_id) == [
        "Harbor Point Medical College",
        "Lakeshore University Medical Center",
        "Prairie Crest University Hospital",
        "Summit Ridge Medical Center",
    ]


def test_adding_a_goal_to_a_missing_conference_is_not_found(planning: PlanningService) -> None:
    with pytest.raises(NotFoundError, match="no conference with id 99"):
        planning.add_goal(99, meet_goal())


def test_update_and_status_and_order(planning: PlanningService, conference_id: int) -> None:
    first = planning.add_goal(conference_id, meet_goal("First")).value
    second = planning.add_goal(conference_id, meet_goal("Second")).value

    updated = planning.update_goal(first.id, meet_goal("First, renamed", target=4)).value
    done = planning.set_goal_status(first.id, "done").value

    assert (updated.title, updated.target_count, updated.deadline) == ("First, renamed", 4, date(2026, 10, 19))
    assert done.status == "done"
    assert [g.title for g in planning.goals(conference_id)] == ["Second", "First, renamed"]  # active first
    with pytest.raises(UserError, match="unknown goal status 'finished': use one of active, done, dropped"):
        planning.set_goal_status(second.id, "finished")
    with pytest.raises(UserError, match="the target must be at least 1"):
        planning.update_goal(second.id, meet_goal(target=0))
    assert planning.goal(second.id).target_count == 2


# --- speakers to meet -------------------------------------------------------------------------


def test_a_target_is_linked_to_the_speakers_next_session(
    planning: PlanningService, workspace: Workspace, conference_id: int, clock: Clock
) -> None:
    goal = planning.add_goal(conference_id, meet_goal()).value
    okafor = speaker_id(workspace, conference_id, "Amara Okafor")

    outcome = planning.add_target(okafor, goal.id)

    target = outcome.value
    assert outcome.changed == {Topic.TARGETS, Topic.GOALS, Topic.AGENDA}
    assert (target.name, target.affiliation, target.role) == (
        "Amara Okafor", "Lakeshore University Medical Center", "Program Director",
    )
    assert (target.goal_id, target.goal_title) == (goal.id, "Meet program directors")
    assert target.event_title == "Surgical Oncology Grand Rounds"  # her first session, the conference ahead
    assert target.event_start is not None and target.event_start.isoformat() == "2026-10-17T09:00:00-05:00"
    assert (target.room, target.met, target.contact_id) == ("Hall A", False, None)
    assert target.where == "after 'Surgical Oncology Grand Rounds' (Sat 09:00, Hall A)"
    assert planning.goal(goal.id).progress.planned == 1

    clock.now = chicago("2026-10-17T12:00")  # her first session is over
    again = planning.add_target(okafor, None).value
    assert (again.event_title, again.goal_id) == ("Fellowship Match Q&A", None)

    clock.now = chicago("2026-11-01T12:00")  # the congress is over: her first session, for reference
    late = planning.add_target(speaker_id(workspace, conference_id, "Bram de Vries"), None).value
    assert late.event_title == "Fellowship Match Q&A"


def test_a_chosen_session_is_used_and_marking_twice_keeps_one_target(
    planning: PlanningService, workspace: Workspace, conference_id: int
) -> None:
    goal = planning.add_goal(conference_id, meet_goal()).value
    de_vries = speaker_id(workspace, conference_id, "Bram de Vries")

    first = planning.add_target(de_vries, goal.id).value
    second = planning.add_target(de_vries, goal.id, event_id(workspace, "HPB Video Session")).value

    assert second.id == first.id
    assert (second.event_title, second.room) == ("HPB Video Session", "Room 3")
    assert [t.name for t in planning.targets(conference_id)] == ["Bram de Vries"]
    with workspace.database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Target)) == 1


def test_targets_list_by_session_time(planning: PlanningService, workspace: Workspace, conference_id: int) -> None:
    for name in ("Bram de Vries", "Chen Jing", "Amara Okafor"):
        planning.add_target(speaker_id(workspace, conference_id, name))

    assert [(t.name, t.event_title) for t in planning.targets(conference_id)] == [
        ("Amara Okafor", "Surgical Oncology Grand Rounds"),
        ("Chen Jing", "Trauma Systems Panel"),
        ("Bram de Vries", "Fellowship Match Q&A"),
    ]


def test_bad_targets(planning: PlanningService, workspace: Workspace, conference_id: int, tmp_path: Path) -> None:
    other = workspace.program.import_program(
        write_test_congress(tmp_path, "other.xml", acronym="osc26", title="Other Congress")
    ).value.conference_id
    goal = planning.add_goal(conference_id, meet_goal()).value
    elsewhere = speaker_id(workspace, other, "Chen Jing")

    with pytest.raises(NotFoundError, match="no speaker with id 9999"):
        planning.add_target(9999)
    with pytest.raises(NotFoundError, match="no goal with id 77"):
        planning.add_target(elsewhere, 77)
    with pytest.raises(UserError, match=f"Chen Jing does not speak at the conference of goal {goal.id}"):
        planning.add_target(elsewhere, goal.id)
    with pytest.raises(UserError, match="the session 'Trauma Systems Panel' is not in Chen Jing's conference"):
        planning.add_target(elsewhere, None, event_id(workspace, "Trauma Systems Panel", conference_id))
    with pytest.raises(NotFoundError, match="no person to meet with id 5"):
        planning.mark_met(5)


# --- progress ---------------------------------------------------------------------------------


def test_meeting_a_speaker_moves_progress_and_records_a_contact(
    planning: PlanningService, workspace: Workspace, conference_id: int
) -> None:
    goal = planning.add_goal(conference_id, meet_goal(roles=("Program Director",))).value
    other_goal = planning.add_goal(conference_id, GoalFields(GoalKind.LEARN, "Research", 3)).value
    okafor = speaker_id(workspace, conference_id, "Amara Okafor")
    target = planning.add_target(okafor, goal.id).value
    planning.add_target(okafor, other_goal.id)
    planning.add_target(speaker_id(workspace, conference_id, "Chen Jing"), goal.id)

    outcome = planning.mark_met(target.id, points="asked about the HPB fellowship")

    # the agenda changes too: a speaker met is no longer "to meet after this session"
    assert outcome.changed == {Topic.TARGETS, Topic.GOALS, Topic.CONTACTS, Topic.AGENDA}
    assert outcome.value.met is True and outcome.value.contact_id is not None
    progress = planning.goal(goal.id).progress
    assert (progress.done, progress.target, progress.planned) == (1, 2, 2)
    assert progress.label == "1 of 2 program directors met"
    assert progress.planned_label == "2 planned"
    assert progress.fraction == 0.5
    assert [(i.kind, i.name, i.detail) for i in progress.items] == [
        ("contact", "Amara Okafor", "Lakeshore University Medical Center")
    ]
    # the same person counts for every goal she was marked for
    assert planning.goal(other_goal.id).progress.label == "1 of 3 research collaborations explored"

    planning.mark_met(target.id, place="coffee line")  # a second conversation, the same contact
    assert planning.goal(goal.id).progress.done == 1
    with workspace.database.sessions() as session:
        contacts = session.scalars(select(Contact)).all()
        assert [(c.name, c.institution, c.position, c.obtained) for c in contacts] == [
            ("Amara Okafor", "Lakeshore University Medical Center", "Program Director", "program")
        ]
        links = session.execute(select(ContactSpeaker.speaker_id, ContactSpeaker.contact_id)).all()
        assert links == [(okafor, contacts[0].id)]
        places = [(c.place, c.points) for c in session.scalars(select(Conversation).order_by(Conversation.id))]
        assert places == [("Hall A", "asked about the HPB fellowship"), ("coffee line", "")]


def test_an_introduce_goal_counts_institutions_not_people(
    planning: PlanningService, workspace: Workspace, conference_id: int
) -> None:
    goal = planning.add_goal(
        conference_id, GoalFields(GoalKind.INTRODUCE, "Introduce myself to PDs", 2, roles=("Program Director",))
    ).value
    for name in ("Amara Okafor", "Bram de Vries", "Emil Novak"):  # two from Lakeshore, one with no institution
        target = planning.add_target(speaker_id(workspace, conference_id, name), goal.id).value
        planning.mark_met(target.id)

    progress = planning.goal(goal.id).progress
    assert (progress.done, len(progress.items)) == (2, 3)
    assert progress.label == "2 of 2 institutions reached (program directors)"
    assert progress.reached and progress.fraction == 1.0


def test_an_attend_goal_counts_linked_sessions_marked_attended(
    planning: PlanningService, workspace: Workspace, conference_id: int
) -> None:
    goal = planning.add_goal(
        conference_id, GoalFields(GoalKind.ATTEND, "Oncology sessions", 2, keywords=("surgical oncology",))
    ).value
    rounds = event_id(workspace, "Surgical Oncology Grand Rounds")
    hpb = event_id(workspace, "HPB Video Session")
    planning.link_session_to_goal(goal.id, rounds)
    planning.link_session_to_goal(goal.id, hpb)
    workspace.program.pick(rounds)

    before = planning.goal(goal.id).progress
    attended = planning.set_attended(rounds, True)
    planning.set_attended(event_id(workspace, "Trauma Systems Panel"), True)  # attended, not linked to the goal
    after = planning.goal(goal.id).progress

    assert (before.done, before.planned, before.label) == (0, 2, "0 of 2 sessions on surgical oncology attended")
    assert attended.changed == {Topic.PICKS, Topic.AGENDA, Topic.GOALS}
    assert (after.done, after.planned_label) == (1, "2 sessions planned")
    assert [(i.kind, i.name, i.detail) for i in after.items] == [
        ("session", "Surgical Oncology Grand Rounds", "Sat 09:00")
    ]
    planning.set_attended(hpb, True)  # not picked before: picked now, as attended
    assert planning.goal(goal.id).progress.done == 2
    assert [r.priority for r in workspace.program.sessions() if r.id == hpb] == ["nice"]
    planning.set_attended(rounds, False)
    assert planning.goal(goal.id).progress.done == 1


def test_contacts_can_be_linked_by_hand_and_deleting_a_goal_drops_its_targets(
    planning: PlanningService, workspace: Workspace, conference_id: int
) -> None:
    goal = planning.add_goal(conference_id, GoalFields(GoalKind.CUSTOM, "Say thanks", 1)).value
    target = planning.add_target(speaker_id(workspace, conference_id, "Dana Whitfield"), goal.id).value
    contact_id = planning.mark_met(target.id).value.contact_id
    assert contact_id is not None
    planning.unlink_contact_from_goal(goal.id, contact_id)
    assert planning.goal(goal.id).progress.label == "0 of 1 done"
    assert planning.link_contact_to_goal(goal.id, contact_id).value.progress.label == "1 of 1 done"

    outcome = planning.delete_goal(goal.id)

    assert outcome.changed == {Topic.GOALS, Topic.TARGETS, Topic.AGENDA}
    assert planning.goals(conference_id) == []
    assert planning.targets(conference_id) == []
    with workspace.database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 1  # the person met stays


# --- pure rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count", "expected"),
    [
        ("program director", 2, "program directors"),
        ("program director", 1, "program director"),
        ("faculty", 3, "faculty"),
        ("department chief", 2, "department chiefs"),
        ("session", 4, "sessions"),
        ("society", 2, "societies"),
    ],
)
def test_plural(word: str, count: int, expected: str) -> None:
    assert plural(word, count) == expected


def test_progress_labels_by_kind() -> None:
    assert progress_label(GoalKind.MEET, 2, 3, (), ("surgical oncology",)) == "2 of 3 people in surgical oncology met"
    assert progress_label(GoalKind.MEET, 0, 1, (), ()) == "0 of 1 person met"
    assert progress_label(GoalKind.MEET, 1, 3, ("Faculty", "Resident"), ()) == "1 of 3 faculty or residents met"
    assert progress_label(GoalKind.LEARN, 1, 1, (), ()) == "1 of 1 research collaboration explored"
    assert progress_label(GoalKind.ATTEND, 0, 4, (), ()) == "0 of 4 sessions attended"


def test_pitch_warning_and_list_splitting() -> None:
    assert pitch_warning("I am a PGY-2. I study trauma systems.") == ""
    assert pitch_warning("One. Two. Three.").startswith("3 sentences")
    assert pitch_warning("word " * 80).startswith("399 characters")  # 80 words, stripped
    assert split_list("HPB, trauma;\nHPB\n  vascular ") == ("HPB", "trauma", "vascular")


@pytest.mark.shared_data
def test_a_speaker_of_a_real_program_is_met_after_their_talk_in_the_conference_zone(
    workspace: Workspace, clock: Clock
) -> None:
    conference = workspace.program.import_program(shared_file("frab/mttcrsp-fosdem-2026-schedule.xml")).value
    planning = PlanningService(workspace.database.sessions, clock)
    goal = planning.add_goal(conference.conference_id, GoalFields(GoalKind.MEET, "Rust people", 2, ("rust",))).value
    speakers = workspace.program.speakers(conference.conference_id, "rust")

    targets = [planning.add_target(s.id, goal.id).value for s in speakers[:3]]

    assert goal.deadline == date(2026, 2, 1)
    assert len(speakers) >= 3
    for target in targets:
        assert target.event_start is not None and target.event_start.utcoffset() is not None
        assert target.event_start.isoformat().endswith("+01:00")  # Brussels in winter
        assert date(2026, 1, 31) <= target.event_start.date() <= date(2026, 2, 1)
    assert planning.goal(goal.id).progress.planned_label == "3 planned"


def test_accepting_a_suggested_session_picks_it_and_links_it_to_the_goal(tmp_path):
    from conference_app.core.demo import demo_program_path
    from conference_app.core.domain.planning import GoalFields, GoalKind
    from conference_app.core.services.program import SessionFilter
    from conference_app.core.workspace import Workspace

    ws = Workspace.open(tmp_path / "accept.sqlite")
    try:
        conference_id = ws.program.import_program(demo_program_path()).value.conference_id
        goal = ws.planning.add_goal(
            conference_id, GoalFields(GoalKind.ATTEND, "Hear about HPB surgery", 2, keywords=("HPB",))
        ).value
        row = ws.program.sessions(SessionFilter(conference_id, search="HPB"))[0]
        outcome = ws.planning.accept_session(goal.id, row.id, "nice")
        picked = ws.program.sessions(SessionFilter(conference_id, picked_only=True))
        assert [(r.id, r.priority) for r in picked] == [(row.id, "nice")]
        assert outcome.value.progress.planned == 1
        ws.planning.accept_session(goal.id, row.id, "must")  # accepting again only changes the priority
        assert [r.priority for r in ws.program.sessions(SessionFilter(conference_id, picked_only=True))] == ["must"]
    finally:
        ws.close()
