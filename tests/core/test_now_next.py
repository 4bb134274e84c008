"""Now & next at the venue: which pick is running and which comes next, whom to meet there, what to say."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import pytest

from conference_app.core.domain.now_next import (
    BETWEEN,
    NO_PICKS,
    OVER,
    PICKS_DONE,
    RUNNING,
    PickedSlot,
    choose_now_next,
    exit_for,
    openers_for,
    starts_in,
    time_left,
)
from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote
from conference_app.core.domain.planning import GoalFields, GoalKind, ProfileData
from conference_app.core.errors import NotFoundError
from conference_app.core.workspace import Workspace

CHICAGO = ZoneInfo("America/Chicago")

# (id, title, local start, duration, room, track, type, person ids)
SESSIONS = [
    ("e1", "Tumor Boards That Work", "2026-10-31T09:00", "01:00", "Hall A", "Surgical Oncology", "panel", ("1", "2")),
    ("e2", "Splenic Injury Pearls", "2026-10-31T09:30", "00:30", "Hall B", "Trauma", "lecture", ("3",)),
    ("e3", "Sarcoma Registry Results", "2026-10-31T11:00", "00:15", "Hall C", "Surgical Oncology", "podium", ("2",)),
    # Runs across the end of daylight saving time: 00:30 CDT to 01:30 CST is two hours.
    ("e4", "Resident Mixer", "2026-11-01T00:30", "02:00", "Foyer", "", "mixer", ("4",)),
    ("e5", "Closing Remarks", "2026-11-01T10:00", "00:15", "Hall A", "", "ceremony", ()),
]
# id: (name, role, organisation, biography)
PERSONS = {
    "1": ("Dr. Grace Hopper-Lane", "Program Director", "Lakeshore University Medical Center", ""),
    "2": ("Dr. Omar Haddad", "Faculty", "Summit Ridge Medical Center", "Works in surgical oncology outcomes."),
    "3": ("Dr. Lin Zhou", "Fellowship Director", "Red Mesa University Hospital", ""),
    "4": ("Ines Duarte", "Resident", "Cedar Valley College of Medicine", ""),
}


def venue_xml() -> str:
    """A small frab program in Chicago time, with speakers' roles and institutions."""
    days: dict[str, dict[str, list[str]]] = {}
    for sid, title, start, duration, room, track, kind, persons in SESSIONS:
        begin = datetime.fromisoformat(start).replace(tzinfo=CHICAGO)
        people = "".join(f'<person id="{p}">{escape(PERSONS[p][0])}</person>' for p in persons)
        days.setdefault(start[:10], {}).setdefault(room, []).append(
            f'<event guid="{sid}"><date>{begin.isoformat()}</date><start>{begin:%H:%M}</start>'
            f"<duration>{duration}</duration><room>{escape(room)}</room><title>{escape(title)}</title>"
            f"<track>{escape(track)}</track><type>{kind}</type><persons>{people}</persons></event>"
        )
    day_xml = "".join(
        f'<day index="{n}" date="{day}">'
        + "".join(f'<room name="{escape(room)}">{"".join(events)}</room>' for room, events in rooms.items())
        + "</day>"
        for n, (day, rooms) in enumerate(sorted(days.items()), start=1)
    )
    persons = "".join(
        f'<person id="{pid}"><name>{escape(name)}</name><role>{escape(role)}</role>'
        f"<organisation>{escape(org)}</organisation><biography>{escape(bio)}</biography></person>"
        for pid, (name, role, org, bio) in PERSONS.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<schedule><version>1</version>'
        "<conference><acronym>msf26</acronym><title>Midwest Surgical Forum 2026</title>"
        "<start>2026-10-31</start><end>2026-11-01</end><time_zone_name>America/Chicago</time_zone_name>"
        f"</conference>{day_xml}<persons>{persons}</persons></schedule>\n"
    )


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CHICAGO)


class Venue:
    """A workspace holding the small forum, with helpers to pick, plan and meet."""

    def __init__(self, folder: Path) -> None:
        self.workspace = Workspace.open(folder / "db.sqlite")
        path = folder / "forum.xml"
        path.write_text(venue_xml(), encoding="utf-8")
        self.conference_id = self.workspace.program.import_program(path).value.conference_id

    def event_id(self, source_id: str) -> int:
        return self.workspace.program.resolve_session(f"msf26:{source_id}")

    def pick(self, *source_ids: str, priority: str = "must") -> None:
        for source_id in source_ids:
            self.workspace.program.pick(self.event_id(source_id), priority)

    def speaker_id(self, name: str) -> int:
        return next(s.id for s in self.workspace.program.speakers(self.conference_id) if s.name == name)

    def goal(self, title: str, kind: GoalKind, **fields: object) -> int:
        return self.workspace.planning.add_goal(
            self.conference_id,
            GoalFields(kind, title, 2, **fields),  # type: ignore[arg-type]
        ).value.id

    def target(self, name: str, goal_id: int | None = None, at: str | None = None) -> int:
        event_id = self.event_id(at) if at else None
        return self.workspace.planning.add_target(self.speaker_id(name), goal_id, event_id).value.id

    def at(self, moment: str):  # type: ignore[no-untyped-def]
        return self.workspace.now_next.now_next(self.conference_id, local(moment))


@pytest.fixture
def venue(tmp_path: Path):  # type: ignore[no-untyped-def]
    venue = Venue(tmp_path)
    yield venue
    venue.workspace.close()


def slot(title: str, start: str, end: str, priority: str = "must", track: str = "") -> PickedSlot:
    return PickedSlot(len(title), f"c:{title}", title, "Hall A", local(start), local(end), priority, track)


# --- the rules -----------------------------------------------------------------------------------


def test_the_running_pick_and_the_next_one_with_exact_boundaries() -> None:
    first = slot("First", "2026-10-31T09:00", "2026-10-31T10:00")
    second = slot("Second", "2026-10-31T10:00", "2026-10-31T10:30")

    assert choose_now_next([first, second], local("2026-10-31T08:59")) == (None, first)
    assert choose_now_next([first, second], local("2026-10-31T09:00")) == (first, second)  # a start is running
    assert choose_now_next([first, second], local("2026-10-31T10:00")) == (second, None)  # an end is not
    assert choose_now_next([first, second], local("2026-10-31T10:30")) == (None, None)


def test_overlapping_picks_prefer_must_see_then_the_latest_started() -> None:
    long_must = slot("Long must", "2026-10-31T09:00", "2026-10-31T12:00")
    nice = slot("Nice", "2026-10-31T09:30", "2026-10-31T10:00", priority="nice")
    later_must = slot("Later must", "2026-10-31T09:45", "2026-10-31T10:15")
    tie_nice = slot("Tie nice", "2026-10-31T11:00", "2026-10-31T11:30", priority="nice")
    tie_must = slot("Tie must", "2026-10-31T11:00", "2026-10-31T11:20")

    picks = [long_must, nice, later_must, tie_nice, tie_must]
    assert choose_now_next(picks, local("2026-10-31T09:40")) == (long_must, later_must)  # not the nice one
    assert choose_now_next(picks, local("2026-10-31T09:50")) == (later_must, tie_must)
    assert choose_now_next(picks, local("2026-10-31T10:20")) == (long_must, tie_must)


def test_time_left_counts_absolute_time_across_the_end_of_daylight_saving() -> None:
    # 00:30 CDT to 01:30 CST on 1 November 2026: one hour on the wall clock, two in fact.
    mixer = PickedSlot(
        1,
        "c:m",
        "Mixer",
        "Foyer",
        local("2026-11-01T00:30"),
        datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=CHICAGO),
        "must",
    )

    assert time_left(mixer, local("2026-11-01T00:30")) == "2 h left"
    assert time_left(mixer, datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=CHICAGO)) == "15 min left"
    # Half a minute left is still a minute.
    assert time_left(mixer, datetime(2026, 11, 1, 7, 29, 30, tzinfo=timezone.utc)) == "1 min left"


def test_when_the_next_pick_starts_in_words() -> None:
    talk = slot("Talk", "2026-10-31T14:00", "2026-10-31T14:30")

    assert starts_in(talk, local("2026-10-31T13:20")) == "at 14:00, in 40 min"
    assert starts_in(talk, local("2026-10-31T11:55")) == "at 14:00, in 2 h 5 min"
    assert starts_in(talk, local("2026-10-30T18:00")) == "on Sat 31 Oct at 14:00"


def test_openers_and_the_exit_name_the_session_and_its_field() -> None:
    panel = slot("Tumor Boards That Work", "2026-10-31T09:00", "2026-10-31T10:00", track="Surgical Oncology")
    untracked = slot("Closing Remarks", "2026-10-31T09:00", "2026-10-31T10:00")

    openers = openers_for(panel)
    assert [o.about for o in openers] == ["About the session", "Their path", "What comes next"]
    assert "“Tumor Boards That Work”" in openers[0].text
    assert "work in Surgical Oncology" in openers[1].text
    assert exit_for(panel).endswith("May I email you next week about your work in Surgical Oncology?")
    assert "work in this field" in openers_for(untracked)[1].text
    assert "“Closing Remarks”" in exit_for(untracked)


# --- the service ---------------------------------------------------------------------------------


def test_now_next_over_the_picks_with_the_people_to_meet_and_why(venue: Venue) -> None:
    workspace = venue.workspace
    workspace.planning.save_profile(
        ProfileData(
            stage="PGY-2", target_institutions=("Lakeshore University Medical Center",), pitch="I study frailty."
        )
    )
    pds = venue.goal("Meet program directors", GoalKind.INTRODUCE, roles=("Program Director",))
    oncology = venue.goal("Meet surgical oncologists", GoalKind.MEET, keywords=("surgical oncology",))
    venue.pick("e1", "e3")
    venue.target("Dr. Grace Hopper-Lane", pds)  # marked at her next session: e1
    venue.target("Dr. Omar Haddad", oncology, at="e3")  # marked for e3, and also speaks in e1
    venue.target("Dr. Lin Zhou", pds)  # speaks in e2, which is not picked

    view = venue.at("2026-10-31T09:20")

    assert view.state == RUNNING
    assert view.at == local("2026-10-31T09:20") and view.time_zone == "America/Chicago"
    assert (view.now.title, view.now.room, view.now.public_id) == ("Tumor Boards That Work", "Hall A", "msf26:e1")
    assert view.next.title == "Sarcoma Registry Results"
    assert view.now.start.utcoffset() == local("2026-10-31T09:00").utcoffset()  # in the conference's zone
    assert [(p.name, p.session_id) for p in view.people] == [
        ("Dr. Grace Hopper-Lane", "msf26:e1"),
        ("Dr. Omar Haddad", "msf26:e1"),  # speaks there, though marked for e3
        ("Dr. Omar Haddad", "msf26:e3"),
    ]
    grace = view.people[0]
    assert grace.who == "Program Director, Lakeshore University Medical Center"
    assert grace.why == (
        "For “Meet program directors”: from Lakeshore University Medical Center, a target institution; "
        "is a program director"
    )
    assert "biography mentions 'surgical oncology'" in view.people[1].why
    assert view.pitch == "I study frailty."
    assert "“Tumor Boards That Work”" in view.openers[0].text
    assert "Surgical Oncology" in view.exit_line


def test_people_already_met_are_left_out(venue: Venue) -> None:
    venue.pick("e1")
    venue.target("Dr. Grace Hopper-Lane")
    target = venue.target("Dr. Omar Haddad")
    venue.workspace.planning.mark_met(target)

    assert [p.name for p in venue.at("2026-10-31T09:10").people] == ["Dr. Grace Hopper-Lane"]


def test_a_naive_moment_is_the_conference_local_time(venue: Venue) -> None:
    venue.pick("e2")
    naive = venue.workspace.now_next.now_next(venue.conference_id, datetime(2026, 10, 31, 9, 45))

    assert naive.now is not None and naive.now.title == "Splenic Injury Pearls"
    assert naive.at == local("2026-10-31T09:45")
    # 09:45 UTC is 04:45 in Chicago: nothing running, the talk still to come.
    early = venue.workspace.now_next.now_next(venue.conference_id, datetime(2026, 10, 31, 9, 45, tzinfo=timezone.utc))
    assert (early.state, early.now, early.next.title) == (BETWEEN, None, "Splenic Injury Pearls")


def test_the_states_from_no_picks_to_the_conference_over(venue: Venue) -> None:
    assert venue.at("2026-10-31T09:10").state == NO_PICKS
    venue.pick("e2", "e4")

    between = venue.at("2026-10-31T10:30")
    assert (between.state, between.now, between.next.title) == (BETWEEN, None, "Resident Mixer")
    assert between.openers and "“Resident Mixer”" in between.openers[0].text  # for the next one

    across = venue.at("2026-11-01T00:45")
    assert across.state == RUNNING and time_left(across.now, across.at) == "1 h 45 min left"

    done = venue.at("2026-11-01T09:00")  # the closing remarks, not picked, are still to come
    assert (done.state, done.now, done.next, done.openers, done.exit_line) == (PICKS_DONE, None, None, (), "")
    assert venue.at("2026-11-01T10:15").state == OVER


def test_capture_at_prefills_the_speaker_at_the_session_where_they_are_met(venue: Venue) -> None:
    goal = venue.goal("Meet surgical oncologists", GoalKind.MEET, keywords=("surgical oncology",))
    venue.target("Dr. Omar Haddad", goal, at="e3")  # planned for e3; met at e1, where he also speaks

    prefill = venue.workspace.now_next.capture_at(venue.speaker_id("Dr. Omar Haddad"), venue.event_id("e1"))

    assert (prefill.details.name, prefill.details.position) == ("Dr. Omar Haddad", "Faculty")
    assert prefill.conversation is not None
    assert (prefill.conversation.event_id, prefill.conversation.place) == (venue.event_id("e1"), "Hall A")
    assert prefill.speaker_id == venue.speaker_id("Dr. Omar Haddad")
    assert goal in prefill.goal_ids
    with pytest.raises(NotFoundError):
        venue.workspace.now_next.capture_at(venue.speaker_id("Dr. Omar Haddad"), 99999)


def test_a_person_met_through_a_capture_leaves_the_list(venue: Venue) -> None:
    venue.pick("e2")
    venue.target("Dr. Lin Zhou")
    speaker = venue.speaker_id("Dr. Lin Zhou")
    note = ConversationNote(conference_id=venue.conference_id, event_id=venue.event_id("e2"))
    venue.workspace.people.capture(
        CaptureData(details=ContactDetails(name="Dr. Lin Zhou"), conversation=note, speaker_id=speaker)
    )

    assert venue.at("2026-10-31T09:40").people == ()
