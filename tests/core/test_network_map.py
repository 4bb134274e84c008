"""The network picture's layout: levels relative to the user, peers beside them, colours by goal, empty goals."""

from __future__ import annotations

from pathlib import Path

import pytest

from conference_app.core.domain.network_map import (
    PERSON,
    SPEAKER,
    NetworkGoal,
    NetworkPerson,
    Tier,
    layout_network,
    position_tier,
)
from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote, Relationship
from conference_app.core.domain.planning import GoalKind, ProfileData
from tests.core.test_now_next import Venue, venue_xml


def person(ref_id: int, name: str, position: str = "", **fields: object) -> NetworkPerson:
    return NetworkPerson(PERSON, ref_id, name, position, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("position", "tier"),
    [
        ("Department Chair", Tier.LEADER),
        ("Division Chief", Tier.LEADER),
        ("Chief Resident", Tier.RESIDENT),
        ("Program Director", Tier.DIRECTOR),
        ("Associate Program Director", Tier.DIRECTOR),
        ("Fellowship Director", Tier.DIRECTOR),
        ("Attending surgeon", Tier.ATTENDING),
        ("Assistant Professor of Surgery", Tier.ATTENDING),
        ("Faculty", Tier.ATTENDING),
        ("Fellow", Tier.FELLOW),
        ("PGY-3", Tier.RESIDENT),
        ("Resident", Tier.RESIDENT),
        ("Medical Student", Tier.STUDENT),
        ("MS3", Tier.STUDENT),
        ("President", Tier.LEADER),
        ("", None),
        ("Nurse navigator", None),
    ],
)
def test_the_level_a_position_names(position: str, tier: Tier | None) -> None:
    assert position_tier(position) == tier


def rows_of(network) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    by_row: dict[str, list[str]] = {}
    for row in network.rows:
        by_row[row.label] = [p.person.name for p in network.people if p.row == row.key]
    return by_row


def test_a_resident_sees_seniors_above_peers_beside_and_students_below() -> None:
    people = [
        person(1, "Chair", "Department Chair"),
        person(2, "Director", "Program Director"),
        person(3, "Attending", "Attending"),
        person(4, "Fellow", "Fellow"),
        person(5, "Other resident", "Resident"),
        person(6, "Peer at another school", "Fellow", relationship="peer"),
        person(7, "Student", "Medical Student"),
        person(8, "Unknown"),
        person(9, "A mentor, position not noted", relationship="mentor"),
    ]

    network = layout_network(people, "PGY-2", [])

    assert [row.label for row in network.rows] == [
        "Chairs and chiefs",
        "Program and fellowship directors",
        "Attendings and faculty",
        "Fellows",
        "Senior, position not noted",
        "You, peers and near-peers",
        "Students",
        "Position not noted",
    ]
    assert rows_of(network)["You, peers and near-peers"] == ["Other resident", "Peer at another school"]
    # Rows never overlap, top to bottom.
    assert all(a.bottom < b.top for a, b in zip(network.rows, network.rows[1:]))
    middle = next(row for row in network.rows if row.middle)
    assert network.me_y == middle.top
    assert [p.y for p in network.people if p.row == "middle"] == [network.me_y, network.me_y]


def test_levels_are_relative_to_the_users_stage() -> None:
    people = [person(1, "Resident", "Resident"), person(2, "Fellow", "Fellow"), person(3, "Student", "MS4")]

    as_student = rows_of(layout_network(people, "MS3", []))
    as_fellow = rows_of(layout_network(people, "Fellow", []))

    assert as_student == {"Fellows": ["Fellow"], "Residents": ["Resident"], "You, peers and near-peers": ["Student"]}
    assert as_fellow == {"You, peers and near-peers": ["Fellow"], "Residents": ["Resident"], "Students": ["Student"]}


def test_peers_stand_beside_the_user_and_nobody_else_straight_above_or_below() -> None:
    people = [person(i, f"Peer {i}", "Resident") for i in range(1, 5)]
    people += [person(10 + i, f"Director {i}", "Program Director") for i in range(3)]
    people += [person(20, "Lone chair", "Chair of Surgery")]

    network = layout_network(people, "PGY-1", [])

    beside = sorted(p.x for p in network.people if p.row == "middle")
    assert beside == [-2.0, -1.0, 1.0, 2.0]  # the user stands at 0
    assert all(p.x != 0 for p in network.people)
    directors = sorted(p.x for p in network.people if p.row == f"tier:{int(Tier.DIRECTOR)}")
    assert [b - a for a, b in zip(directors, directors[1:])] == [1.0, 1.0]


def test_a_crowded_row_wraps_onto_more_lines() -> None:
    people = [person(i, f"Faculty {i:02}", "Faculty") for i in range(12)]

    network = layout_network(people, "PGY-3", [], per_line=5)

    [row] = [r for r in network.rows if not r.middle]
    assert row.bottom - row.top == 3
    lines = sorted({p.y for p in network.people})
    assert [sum(1 for p in network.people if p.y == y) for y in lines] == [5, 5, 2]
    assert len({(p.x, p.y) for p in network.people}) == 12  # nobody on top of anyone


def test_people_are_grouped_by_goal_and_goals_with_nobody_stand_out() -> None:
    goals = [NetworkGoal(1, "Meet oncologists"), NetworkGoal(2, "Meet program directors"), NetworkGoal(3, "Bariatric")]
    people = [
        person(1, "Zed", "Faculty", goal_ids=(2,), met=True),
        person(2, "Amy", "Faculty", goal_ids=(1,)),
        person(3, "Bob", "Faculty"),
        person(4, "Cat", "Faculty", goal_ids=(2, 1), met=True),
        person(5, "Dan", "Faculty", goal_ids=(99,)),  # a goal not in the legend (done, or an attend goal)
    ]

    network = layout_network(people, "PGY-2", goals)

    row = sorted((p for p in network.people), key=lambda p: p.x)
    assert [(p.person.name, p.goal_id) for p in row] == [
        ("Cat", 1),
        ("Amy", 1),
        ("Zed", 2),
        ("Bob", None),
        ("Dan", None),  # met first within a goal
    ]
    assert [(g.title, g.people, g.met, g.empty) for g in network.goals] == [
        ("Meet oncologists", 2, 1, False),
        ("Meet program directors", 2, 2, False),
        ("Bariatric", 0, 0, True),
    ]
    assert [g.title for g in network.empty_goals] == ["Bariatric"]


def test_nobody_yet_leaves_the_user_alone_in_the_middle() -> None:
    network = layout_network([], "", [NetworkGoal(1, "Two conversations")])

    assert [row.label for row in network.rows] == ["You, peers and near-peers"]
    assert network.people == () and network.extent == (0.0, 0.0)
    assert network.goals[0].empty


# --- the service ---------------------------------------------------------------------------------


@pytest.fixture
def venue(tmp_path: Path):  # type: ignore[no-untyped-def]
    venue = Venue(tmp_path)
    yield venue
    venue.workspace.close()


def test_the_network_joins_people_and_speakers_to_meet_once_each(venue: Venue) -> None:
    workspace = venue.workspace
    workspace.planning.save_profile(ProfileData(stage="MS4"))
    pds = venue.goal("Meet program directors", GoalKind.INTRODUCE, roles=("Program Director",))
    venue.goal("Attend trauma sessions", GoalKind.ATTEND, keywords=("trauma",))  # counts sessions: not in the legend
    bariatric = venue.goal("Meet a bariatric surgeon", GoalKind.MEET, keywords=("bariatric",))
    venue.target("Dr. Grace Hopper-Lane", pds)
    venue.target("Dr. Lin Zhou", pds)
    # Met Dr. Zhou already: she stands once, as the person, with the goal she was marked for.
    zhou = venue.speaker_id("Dr. Lin Zhou")
    note = ConversationNote(conference_id=venue.conference_id, event_id=venue.event_id("e2"))
    workspace.people.capture(
        CaptureData(
            details=ContactDetails(name="Dr. Lin Zhou", position="Fellowship Director"),
            conversation=note,
            speaker_id=zhou,
        )
    )
    workspace.people.capture(
        CaptureData(details=ContactDetails(name="Ines Ortega", position="Resident"), relationship=Relationship.PEER)
    )

    network = workspace.network.network(venue.conference_id)

    placed = {p.person.name: p for p in network.people}
    assert sorted(placed) == ["Dr. Grace Hopper-Lane", "Dr. Lin Zhou", "Ines Ortega"]
    assert placed["Dr. Grace Hopper-Lane"].person.kind == SPEAKER and not placed["Dr. Grace Hopper-Lane"].person.met
    assert placed["Dr. Lin Zhou"].person.kind == PERSON and placed["Dr. Lin Zhou"].person.met
    assert placed["Dr. Lin Zhou"].goal_id == pds
    assert placed["Ines Ortega"].row == "middle"  # a peer, though a resident is above a student
    assert placed["Dr. Grace Hopper-Lane"].row == f"tier:{int(Tier.DIRECTOR)}"
    assert [(g.title, g.people, g.met) for g in network.goals] == [
        ("Meet program directors", 2, 1),
        ("Meet a bariatric surgeon", 0, 0),
    ]
    assert [g.id for g in network.empty_goals] == [bariatric]
    assert network.stage == "MS4"


def test_someone_met_at_another_conference_stands_once(venue: Venue, tmp_path: Path) -> None:
    workspace = venue.workspace
    last_year = tmp_path / "forum-2025.xml"
    last_year.write_text(venue_xml().replace("msf26", "msf25").replace("Forum 2026", "Forum 2025"), encoding="utf-8")
    earlier = workspace.program.import_program(last_year).value.conference_id
    then = next(s.id for s in workspace.program.speakers(earlier) if s.name == "Dr. Lin Zhou")
    workspace.people.capture(
        CaptureData(
            details=ContactDetails(name="Dr. Lin Zhou", institution="Red Mesa University Hospital"),
            conversation=ConversationNote(conference_id=earlier),
            speaker_id=then,
        )
    )
    venue.target("Dr. Lin Zhou")  # this year's speaker record of the same person

    network = workspace.network.network(venue.conference_id)

    assert [(p.person.kind, p.person.name) for p in network.people] == [(PERSON, "Dr. Lin Zhou")]
