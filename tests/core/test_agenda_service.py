"""The agenda: picks and personal items by day, clashes both ways, free gaps, priorities, meet notes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import pytest

from conference_app.core.demo import demo_program_path
from conference_app.core.domain.agenda_view import PERSONAL, SESSION, AgendaView
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.services.outcome import Topic
from conference_app.core.services.program import SessionFilter
from conference_app.core.storage.models import Target
from conference_app.core.workspace import Workspace

BERLIN = ZoneInfo("Europe/Berlin")
CHICAGO = ZoneInfo("America/Chicago")

# (id, title, local start, minutes, room, track, type, person ids, abstract)
SESSIONS = [
    ("s1", "Robotic Whipple: Early Outcomes", "2026-06-11T09:00", 60, "Hall A", "HPB Surgery", "lecture", ("1", "2"),
     "<p>Learning curve of the <b>robotic</b> Whipple in 120 patients.</p>"),
    ("s2", "Trauma Laparotomy Techniques", "2026-06-11T09:30", 45, "Hall B", "Trauma", "lecture", ("3",), ""),
    ("s3", "Endocrine Update", "2026-06-11T11:00", 30, "Hall B", "Endocrine", "lecture", (), ""),
    ("s4", "Education Roundtable", "2026-06-11T13:00", 60, "Hall A", "Education", "panel", ("2",), ""),
    ("s5", "Poster Walk", "2026-06-12T09:00", 60, "Foyer", "", "poster", (), ""),
    ("s6", "Closing Remarks", "2026-06-12T12:00", 15, "Hall A", "", "ceremony", (), ""),
]
PERSONS = {"1": ("Zoë Müller", "Charité Berlin"), "2": ("Kwame Mensah", "Korle Bu"), "3": ("Ana Ruiz", "")}


def congress_xml(sessions: list[tuple] = SESSIONS, time_zone: str = "Europe/Berlin") -> str:  # type: ignore[type-arg]
    """A small frab schedule; times are local wall times in `time_zone`."""
    zone = ZoneInfo(time_zone)
    by_day: dict[str, dict[str, list[str]]] = {}
    for sid, title, start, minutes, room, track, kind, persons, abstract in sessions:
        begin = datetime.fromisoformat(start).replace(tzinfo=zone)
        people = "".join(f'<person id="{p}">{escape(PERSONS[p][0])}</person>' for p in persons)
        by_day.setdefault(start[:10], {}).setdefault(room, []).append(
            f'<event guid="{sid}"><date>{begin.isoformat()}</date><start>{begin:%H:%M}</start>'
            f"<duration>{minutes // 60:02d}:{minutes % 60:02d}</duration><room>{escape(room)}</room>"
            f"<title>{escape(title)}</title><track>{escape(track)}</track><type>{kind}</type>"
            f"<abstract>{escape(abstract)}</abstract><persons>{people}</persons></event>"
        )
    days = "".join(
        f'<day index="{n}" date="{day}">'
        + "".join(f'<room name="{escape(room)}">{"".join(events)}</room>' for room, events in rooms.items())
        + "</day>"
        for n, (day, rooms) in enumerate(sorted(by_day.items()), start=1)
    )
    persons = "".join(
        f'<person id="{pid}"><name>{escape(name)}</name><organisation>{escape(org)}</organisation></person>'
        for pid, (name, org) in PERSONS.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<schedule><version>1</version>'
        "<conference><acronym>ascs26</acronym><title>Annual Surgical Congress 2026</title>"
        f"<start>2026-06-11</start><end>2026-06-12</end><time_zone_name>{time_zone}</time_zone_name></conference>"
        f"{days}<persons>{persons}</persons></schedule>\n"
    )


class Congress:
    """A workspace holding the small congress, with helpers to find its sessions."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.workspace = Workspace.open(folder / "db.sqlite")
        self.conference_id = self.load(congress_xml())

    def load(self, xml: str, name: str = "congress.xml") -> int:
        path = self.folder / name
        path.write_text(xml, encoding="utf-8")
        return self.workspace.program.import_program(path).value.conference_id

    def event_id(self, source_id: str) -> int:
        return self.workspace.program.resolve_session(f"ascs26:{source_id}")

    def pick(self, *source_ids: str, priority: str = "must") -> None:
        for source_id in source_ids:
            self.workspace.program.pick(self.event_id(source_id), priority)

    def agenda(self) -> AgendaView:
        return self.workspace.agenda.agenda(self.conference_id)

    def add(self, title: str, start: str, end: str, **kwargs: str):  # type: ignore[no-untyped-def]
        return self.workspace.agenda.add_personal_item(
            self.conference_id, title, datetime.fromisoformat(start), datetime.fromisoformat(end), **kwargs
        )

    def speaker_id(self, name: str) -> int:
        return next(s.id for s in self.workspace.program.speakers(self.conference_id) if s.name == name)

    def target(self, speaker: str, at: str | None) -> None:
        """A person to meet, as the planning service records one (a Target row)."""
        with self.workspace.database.sessions.begin() as session:
            session.add(
                Target(
                    speaker_id=self.speaker_id(speaker), goal_id=None,
                    event_id=self.event_id(at) if at else None, created_at=datetime.now(timezone.utc),
                )
            )


@pytest.fixture
def congress(tmp_path: Path):  # type: ignore[no-untyped-def]
    congress = Congress(tmp_path)
    yield congress
    congress.workspace.close()


def titles(view: AgendaView) -> list[list[str]]:
    return [[item.title for item in day.items] for day in view.days]


def hm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


# --- the view ----------------------------------------------------------------------------------


def test_an_empty_agenda_lists_the_conference_days_as_free(congress: Congress) -> None:
    view = congress.agenda()

    assert view.items == ()
    assert [day.date for day in view.days] == [date(2026, 6, 11), date(2026, 6, 12)]
    assert [day.day_index for day in view.days] == [1, 2]
    # Nothing planned: the whole program day (first start to last end) is free.
    assert [(hm(g.start), hm(g.end)) for g in view.days[0].gaps] == [("09:00", "14:00")]
    assert [(hm(g.start), hm(g.end)) for g in view.days[1].gaps] == [("09:00", "12:15")]


def test_picks_are_grouped_by_local_day_in_the_conference_zone(congress: Congress) -> None:
    congress.pick("s5", "s1", "s4")
    congress.pick("s3", priority="nice")

    view = congress.agenda()

    assert titles(view) == [
        ["Robotic Whipple: Early Outcomes", "Endocrine Update", "Education Roundtable"],
        ["Poster Walk"],
    ]
    whipple = view.days[0].items[0]
    assert whipple.kind == SESSION
    assert whipple.ref == "ascs26:s1"
    assert whipple.start.isoformat() == "2026-06-11T09:00:00+02:00"
    assert whipple.end.isoformat() == "2026-06-11T10:00:00+02:00"
    assert whipple.place == "Hall A"
    assert whipple.track == "HPB Surgery"
    assert whipple.priority == "must"
    assert [s.name for s in whipple.speakers] == ["Zoë Müller", "Kwame Mensah"]
    assert whipple.speakers[0].affiliation == "Charité Berlin"
    assert whipple.summary == "Learning curve of the robotic Whipple in 120 patients."
    assert view.days[0].items[1].priority == "nice"
    assert view.time_zone == "Europe/Berlin"
    assert view.session_count == 4 and view.personal_count == 0


def test_overlapping_picks_clash_both_ways_and_touching_ones_do_not(congress: Congress) -> None:
    congress.pick("s1", "s2", "s3", "s4")
    congress.add("Walk to the venue", "2026-06-11T14:00", "2026-06-11T14:30")  # touches s4's end

    view = congress.agenda()
    by_ref = {item.ref: item for item in view.items}

    assert [o.ref for o in by_ref["ascs26:s1"].clashes_with] == ["ascs26:s2"]
    assert [o.ref for o in by_ref["ascs26:s2"].clashes_with] == ["ascs26:s1"]
    assert by_ref["ascs26:s3"].clashes_with == ()
    assert by_ref["ascs26:s4"].clashes_with == ()
    assert next(i for i in view.items if i.kind == PERSONAL).clashes_with == ()
    assert [(c.first.title, c.second.title) for c in view.clashes] == [
        ("Robotic Whipple: Early Outcomes", "Trauma Laparotomy Techniques")
    ]
    assert view.clashes[0].text == "Robotic Whipple: Early Outcomes overlaps Trauma Laparotomy Techniques"


def test_a_personal_item_clashing_with_picks_is_reported_both_ways(congress: Congress) -> None:
    congress.pick("s2", "s3")

    added = congress.add("Coffee with my mentor", "2026-06-11T10:00", "2026-06-11T11:15", location="Lobby")

    item = added.value
    assert added.changed == {Topic.AGENDA}
    assert item.kind == PERSONAL
    assert item.ref == f"personal:{item.id}"
    assert [o.title for o in item.clashes_with] == ["Trauma Laparotomy Techniques", "Endocrine Update"]
    view = congress.agenda()
    by_title = {i.title: i for i in view.items}
    assert [o.ref for o in by_title["Trauma Laparotomy Techniques"].clashes_with] == [item.ref]
    assert [o.ref for o in by_title["Endocrine Update"].clashes_with] == [item.ref]
    assert by_title["Coffee with my mentor"].place == "Lobby"
    assert len(view.clashes) == 2


def test_free_gaps_of_at_least_30_minutes_lie_between_the_first_and_last_plan(congress: Congress) -> None:
    congress.pick("s1", "s3", "s4")
    congress.add("Call home", "2026-06-11T10:00", "2026-06-11T10:40")  # leaves 20 minutes before s3

    day = congress.agenda().days[0]

    assert (hm(day.span_start), hm(day.span_end)) == ("09:00", "14:00")
    assert [(hm(g.start), hm(g.end)) for g in day.gaps] == [("11:30", "13:00")]
    assert day.gaps[0].length == timedelta(minutes=90)
    assert day.gaps[0].text == "11:30–13:00 free (1 h 30 min)"
    assert (hm(day.program_start), hm(day.program_end)) == ("09:00", "14:00")  # type: ignore[arg-type]


def test_a_personal_item_outside_the_program_days_gets_its_own_day(congress: Congress) -> None:
    congress.add("Arrival dinner", "2026-06-10T19:30", "2026-06-10T21:30", location="Hotel")

    view = congress.agenda()

    assert [day.date for day in view.days] == [date(2026, 6, 10), date(2026, 6, 11), date(2026, 6, 12)]
    arrival = view.days[0]
    assert arrival.day_index is None and arrival.program_start is None
    assert [i.title for i in arrival.items] == ["Arrival dinner"]
    assert arrival.gaps == ()


def test_a_cancelled_pick_is_flagged_and_left_out_of_clash_checks(congress: Congress) -> None:
    congress.pick("s1", "s2")
    # A newer version of the program without the trauma session.
    congress.load(congress_xml([s for s in SESSIONS if s[0] != "s2"]), "congress-v2.xml")

    view = congress.agenda()
    by_ref = {item.ref: item for item in view.items}

    assert by_ref["ascs26:s2"].cancelled is True
    assert by_ref["ascs26:s2"].clashes_with == ()
    assert by_ref["ascs26:s1"].clashes_with == ()
    assert view.clashes == ()
    # A cancelled session does not take time either: the day's plan is the Whipple talk alone.
    assert (hm(view.days[0].span_start), hm(view.days[0].span_end)) == ("09:00", "10:00")


def test_people_to_meet_at_a_session_show_on_it_once(congress: Congress) -> None:
    congress.pick("s1", "s4")
    congress.target("Zoë Müller", at="s1")
    congress.target("Zoë Müller", at="s1")  # the same person for a second goal
    congress.target("Kwame Mensah", at=None)  # to meet, but not linked to a session

    view = congress.agenda()
    by_ref = {item.ref: item for item in view.items}

    assert [n.name for n in by_ref["ascs26:s1"].meet] == ["Zoë Müller"]
    assert by_ref["ascs26:s1"].meet[0].text == "Meet Zoë Müller (Charité Berlin) after this session"
    assert by_ref["ascs26:s4"].meet == ()


# --- personal items ------------------------------------------------------------------------------


def test_naive_times_are_conference_time_and_aware_times_are_converted(congress: Congress) -> None:
    local = congress.add("Lunch", "2026-06-11T12:00", "2026-06-11T12:45").value
    utc = congress.workspace.agenda.add_personal_item(
        congress.conference_id, "Call", datetime(2026, 6, 11, 16, 0, tzinfo=timezone.utc),
        datetime(2026, 6, 11, 16, 30, tzinfo=timezone.utc),
    ).value

    assert local.start.isoformat() == "2026-06-11T12:00:00+02:00"
    assert utc.start.isoformat() == "2026-06-11T18:00:00+02:00"
    assert utc.end.isoformat() == "2026-06-11T18:30:00+02:00"


@pytest.mark.parametrize(
    ("title", "start", "end", "message"),
    [
        ("  ", "2026-06-11T12:00", "2026-06-11T13:00", "needs a title"),
        ("Lunch", "2026-06-11T13:00", "2026-06-11T12:00", "must be after the start"),
        ("Lunch", "2026-06-11T13:00", "2026-06-11T13:00", "must be after the start"),
        ("Trip", "2026-06-11T08:00", "2026-06-12T09:00", "at most 24 hours"),
        ("Lunch", "2027-06-11T12:00", "2027-06-11T13:00", "far from the conference"),
        ("x" * 201, "2026-06-11T12:00", "2026-06-11T13:00", "too long"),
    ],
)
def test_bad_personal_items_are_refused_with_a_clear_message(
    congress: Congress, title: str, start: str, end: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        congress.add(title, start, end)
    assert congress.agenda().items == ()


def test_personal_items_can_be_changed_and_deleted(congress: Congress) -> None:
    agenda = congress.workspace.agenda
    item = congress.add("Lunch", "2026-06-11T12:00", "2026-06-11T12:45").value

    updated = agenda.update_personal_item(
        item.id, "Lunch with Dr. Mensah", datetime(2026, 6, 12, 12, 30), datetime(2026, 6, 12, 13, 30), "Café", "CV"
    )

    assert updated.changed == {Topic.AGENDA}
    assert (updated.value.title, updated.value.place, updated.value.notes) == ("Lunch with Dr. Mensah", "Café", "CV")
    assert updated.value.start.isoformat() == "2026-06-12T12:30:00+02:00"
    assert [i.title for i in congress.agenda().days[1].items] == ["Lunch with Dr. Mensah"]
    assert agenda.resolve_personal_item(item.ref) == item.id
    assert agenda.delete_personal_item(item.id).changed == {Topic.AGENDA}
    assert congress.agenda().items == ()
    with pytest.raises(NotFoundError):
        agenda.delete_personal_item(item.id)
    with pytest.raises(NotFoundError, match="personal:N"):
        agenda.resolve_personal_item(item.ref)


def test_unknown_conference_is_a_user_error(congress: Congress) -> None:
    with pytest.raises(NotFoundError, match="no conference with id 999"):
        congress.workspace.agenda.agenda(999)
    with pytest.raises(NotFoundError):
        congress.workspace.agenda.add_personal_item(999, "Lunch", datetime(2026, 6, 11, 12), datetime(2026, 6, 11, 13))


# --- picks ---------------------------------------------------------------------------------------


def test_priority_attended_and_removal(congress: Congress) -> None:
    agenda = congress.workspace.agenda
    whipple = congress.event_id("s1")

    assert agenda.set_priority(whipple, "nice").changed == {Topic.PICKS, Topic.AGENDA}  # picks it
    assert congress.agenda().items[0].priority == "nice"
    agenda.set_priority(whipple, "must")
    assert congress.agenda().items[0].priority == "must"
    assert Topic.GOALS in agenda.set_attended(whipple).changed
    assert congress.agenda().items[0].attended is True
    agenda.set_attended(whipple, False)
    assert congress.agenda().items[0].attended is False
    agenda.remove_pick(whipple)
    assert congress.agenda().items == ()


def test_bad_pick_changes_are_refused(congress: Congress) -> None:
    agenda = congress.workspace.agenda
    with pytest.raises(UserError, match="must or nice"):
        agenda.set_priority(congress.event_id("s1"), "maybe")
    with pytest.raises(UserError, match="pick it first"):
        agenda.set_attended(congress.event_id("s1"))
    with pytest.raises(NotFoundError):
        agenda.set_priority(12345, "must")


# --- the demo congress ---------------------------------------------------------------------------


def test_demo_congress_agenda_is_in_chicago_time(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "db.sqlite")
    try:
        conference_id = workspace.program.import_program(demo_program_path()).value.conference_id
        rows = workspace.program.sessions(SessionFilter(conference_id))
        opening = next(r for r in rows if r.title.startswith("Opening Ceremony"))
        panel = next(r for r in rows if r.type == "panel")
        same_time = next(r for r in rows if r.start < panel.end and r.end > panel.start and r.id != panel.id)
        for row, priority in ((opening, "must"), (panel, "must"), (same_time, "nice")):
            workspace.program.pick(row.id, priority)

        view = workspace.agenda.agenda(conference_id)

        assert view.time_zone == "America/Chicago"
        assert [d.date for d in view.days] == [date(2026, 10, 17), date(2026, 10, 18), date(2026, 10, 19),
                                              date(2026, 10, 20)]
        first = view.days[0].items[0]
        assert first.title == opening.title
        assert first.start.isoformat() == "2026-10-17T08:00:00-05:00"
        assert first.start.tzinfo == CHICAGO
        assert first.clashes_with == ()
        by_ref = {item.ref: item for item in view.items}
        assert [o.ref for o in by_ref[panel.public_id].clashes_with] == [same_time.public_id]
        assert [o.ref for o in by_ref[same_time.public_id].clashes_with] == [panel.public_id]
        assert len(view.clashes) == 1
    finally:
        workspace.close()
