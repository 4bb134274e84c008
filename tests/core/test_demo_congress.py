"""The bundled demo congress: regenerable byte for byte, and rich enough to demo every feature."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import pytest

REPO = Path(__file__).resolve().parents[2]
TRACKS = {"Surgical Oncology", "Trauma & Acute Care Surgery", "Colorectal Surgery", "MIS & Bariatric Surgery",
          "HPB Surgery", "Vascular Surgery", "Surgical Education", "Global Surgery", "Breast Surgery",
          "Endocrine Surgery", "Surgical Critical Care", "General Session"}
TYPES = {"plenary", "panel", "podium session", "poster session", "skills lab", "trainee mixer", "reception"}
RECURRING = ["Lakeshore University Medical Center", "Prairie Crest University Hospital",
             "Cedar Valley College of Medicine", "Summit Ridge Medical Center"]


def load_generator(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_demo_congress", REPO / "scripts" / "make_demo_congress.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built.
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def schedule() -> Element:
    return ElementTree.fromstring(files("conference_app.resources").joinpath("demo/congress.xml").read_bytes())


def events_of(schedule: Element) -> list[Element]:
    return schedule.findall("day/room/event")


def test_committed_file_equals_a_fresh_generation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "congress.xml"
    assert load_generator(monkeypatch).main(["make_demo_congress.py", str(output)]) == 0
    committed = REPO / "conference_app" / "resources" / "demo" / "congress.xml"
    assert output.read_bytes() == committed.read_bytes(), "run scripts/make_demo_congress.py and commit the result"


def test_conference_header(schedule: Element) -> None:
    assert schedule.findtext("conference/title") == "Fictional American Surgical Congress 2026"
    assert schedule.findtext("conference/time_zone_name") == "America/Chicago"
    days = schedule.findall("day")
    assert [d.get("date") for d in days] == ["2026-10-17", "2026-10-18", "2026-10-19", "2026-10-20"]
    assert [d.get("index") for d in days] == ["1", "2", "3", "4"]


def test_events_have_guids_local_times_and_parallel_tracks(schedule: Element) -> None:
    events = events_of(schedule)
    assert len(events) >= 300
    guids = [e.get("guid") for e in events]
    assert all(guids) and len(set(guids)) == len(guids)
    starts = [datetime.fromisoformat(e.findtext("date", "")) for e in events]
    # Central Daylight Time still holds in mid-October.
    assert {s.utcoffset().total_seconds() for s in starts if s.utcoffset() is not None} == {-5 * 3600}
    assert all(7 <= s.hour < 22 for s in starts)
    parallel = Counter(e.findtext("date") for e in events if e.findtext("type") != "poster session")
    assert max(parallel.values()) >= 6


def test_all_tracks_types_and_rooms_occur(schedule: Element) -> None:
    events = events_of(schedule)
    assert {e.findtext("track") for e in events} == TRACKS
    assert {t.text for t in schedule.findall("tracks/track")} == TRACKS
    assert {e.findtext("type") for e in events} == TYPES
    rooms = {e.findtext("room") for e in events}
    assert {"Poster Hall", "Skills Lab", "Grand Ballroom A", "Hall C"} <= rooms
    panel_sizes = [len(e.findall("persons/person")) for e in events if e.findtext("type") == "panel"]
    assert min(panel_sizes) >= 2 and max(panel_sizes) == 5


def test_every_person_has_an_affiliation_and_a_role(schedule: Element) -> None:
    persons = schedule.findall("persons/person")
    referenced = {p.get("id") for e in events_of(schedule) for p in e.findall("persons/person")}
    assert len(referenced) >= 250
    assert {p.get("id") for p in persons} == referenced
    assert all(p.findtext("name") and p.findtext("affiliation") and p.findtext("role") for p in persons)
    names = [p.findtext("name") for p in persons]
    assert len(set(names)) == len(names)
    roles = {p.findtext("role") for p in persons}
    assert {"Program Director", "Associate Program Director", "Fellowship Director", "Department Chair",
            "Division Chief", "Faculty", "Fellow", "Resident", "Medical Student", "Researcher"} == roles


@pytest.mark.parametrize("track", ["Surgical Oncology", "Trauma & Acute Care Surgery"])
def test_recurring_institutions_have_directors_speaking_in_the_key_tracks(schedule: Element, track: str) -> None:
    people = {p.get("id"): (p.findtext("affiliation"), p.findtext("role")) for p in schedule.findall("persons/person")}
    speaking = {people[p.get("id")] for e in events_of(schedule) if e.findtext("track") == track
                for p in e.findall("persons/person")}
    for institution in RECURRING:
        assert (institution, "Program Director") in speaking or (institution, "Fellowship Director") in speaking
    directors = [pair for pair in speaking if pair[0] in RECURRING and pair[1].endswith("Director")]
    assert len(directors) >= 6
