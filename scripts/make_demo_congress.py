"""Write the bundled demo program: a fictional surgical congress as frab schedule XML.

Everything in it is invented: the congress, its people and their institutions. The output is
deterministic (seeded), so running this twice gives byte-identical files.

Besides the usual frab structure, the file carries a top-level <persons> list (as FOSDEM's
exports do) whose <person> elements have two extra children, <affiliation> and <role>.

Usage: python scripts/make_demo_congress.py [OUTPUT]
"""

from __future__ import annotations

import random
import re
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "conference_app" / "resources" / "demo" / "congress.xml"
SEED = 2026
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/fasc-2026/")
BASE_URL = "https://example.org/fasc-2026/"
TIME_ZONE = ZoneInfo("America/Chicago")
FIRST_DAY = date(2026, 10, 17)
DAYS = 4
TALK_MINUTES = 15

GENERAL = "General Session"
TRACK_SUBJECTS: dict[str, list[str]] = {
    "Surgical Oncology": ["neoadjuvant therapy for pancreatic adenocarcinoma", "cytoreductive surgery with HIPEC",
                          "sentinel lymph node biopsy in melanoma", "D2 gastrectomy for gastric cancer",
                          "retroperitoneal sarcoma resection", "ctDNA-guided surveillance",
                          "esophagectomy for esophageal adenocarcinoma", "peritoneal surface malignancy",
                          "neuroendocrine tumor debulking", "multidisciplinary tumor boards"],
    "Trauma & Acute Care Surgery": ["REBOA in noncompressible torso hemorrhage", "whole blood resuscitation",
                                    "damage control laparotomy", "rib fracture stabilization",
                                    "nonoperative management of splenic injury", "geriatric trauma triage",
                                    "emergency general surgery in older adults", "adhesive small bowel obstruction",
                                    "penetrating neck injury", "trauma system access"],
    "Colorectal Surgery": ["total neoadjuvant therapy for rectal cancer", "watch-and-wait for rectal cancer",
                           "low anterior resection syndrome", "ileal pouch-anal anastomosis",
                           "complicated diverticulitis", "enhanced recovery after colectomy",
                           "transanal total mesorectal excision", "anastomotic leak detection",
                           "Crohn's disease strictureplasty", "young-onset colorectal cancer"],
    "MIS & Bariatric Surgery": ["robotic ventral hernia repair", "sleeve gastrectomy", "Roux-en-Y gastric bypass",
                                "revisional bariatric surgery", "GLP-1 agonists before bariatric surgery",
                                "laparoscopic common bile duct exploration", "robotic inguinal hernia repair",
                                "paraesophageal hernia repair", "endoscopic sleeve gastroplasty",
                                "adolescent metabolic surgery"],
    "HPB Surgery": ["robotic pancreatoduodenectomy", "postoperative pancreatic fistula", "living donor liver transplant",
                    "portal vein embolization", "colorectal liver metastases", "hilar cholangiocarcinoma",
                    "intraductal papillary mucinous neoplasms", "minimally invasive hepatectomy",
                    "necrotizing pancreatitis", "difficult cholecystectomy"],
    "Vascular Surgery": ["endovascular aneurysm repair", "chronic limb-threatening ischemia", "carotid endarterectomy",
                         "transcarotid artery revascularization", "dialysis access creation",
                         "blunt thoracic aortic injury", "venous thromboembolism prophylaxis",
                         "diabetic foot limb salvage", "fenestrated aortic repair", "acute mesenteric ischemia"],
    "Surgical Education": ["entrustable professional activities", "resident autonomy in the operating room",
                           "simulation-based laparoscopic curricula", "video-based coaching",
                           "the residency application process", "resident wellness programs",
                           "feedback in the operating room", "competency-based assessment",
                           "parental leave during residency", "mentorship for underrepresented trainees"],
    "Global Surgery": ["surgical capacity in rural district hospitals", "task sharing for cesarean delivery",
                       "safe anesthesia in low-resource settings", "surgical workforce planning",
                       "the financial burden of surgical care", "trauma care in remote regions",
                       "telementoring for remote surgeons", "oxygen supply for operating rooms",
                       "national surgical plans", "open hernia repair with low-cost mesh"],
    "Breast Surgery": ["axillary surgery after neoadjuvant therapy", "oncoplastic breast reconstruction",
                       "contralateral prophylactic mastectomy", "margin re-excision after lumpectomy",
                       "germline testing in breast cancer", "nipple-sparing mastectomy"],
    "Endocrine Surgery": ["radiofrequency ablation of thyroid nodules", "parathyroidectomy for primary hyperparathyroidism",
                          "adrenalectomy for pheochromocytoma", "recurrent laryngeal nerve monitoring",
                          "active surveillance of papillary microcarcinoma", "outpatient thyroidectomy"],
    "Surgical Critical Care": ["sepsis bundles in the surgical ICU", "ECMO after cardiac arrest",
                               "delirium in the surgical ICU", "massive transfusion protocols",
                               "nutrition support in critical illness", "family meetings in the ICU"],
}
TRACK_OUTCOMES: dict[str, list[str]] = {
    "Surgical Oncology": ["overall survival", "textbook oncologic outcome", "time to adjuvant therapy", "recurrence-free survival"],
    "Trauma & Acute Care Surgery": ["in-hospital mortality", "failure to rescue", "major complications", "discharge to home"],
    "Colorectal Surgery": ["major complications", "quality of life", "30-day readmission", "length of stay"],
    "MIS & Bariatric Surgery": ["30-day complications", "same-day discharge", "conversion to open surgery", "patient-reported outcomes"],
    "HPB Surgery": ["major morbidity", "textbook outcome", "90-day mortality", "length of stay"],
    "Vascular Surgery": ["reintervention", "30-day mortality", "major adverse events", "discharge to home"],
    "Surgical Education": ["operative autonomy", "milestone ratings", "burnout scores", "trainee satisfaction"],
    "Global Surgery": ["perioperative mortality", "catastrophic health expenditure", "timely access", "surgical volume"],
    "Breast Surgery": ["reoperation", "patient-reported satisfaction", "locoregional recurrence", "complications"],
    "Endocrine Surgery": ["complications", "cost", "patient-reported outcomes", "length of stay"],
    "Surgical Critical Care": ["ICU mortality", "ventilator-free days", "length of ICU stay", "family satisfaction"],
}
DESIGNS = ["a multicenter cohort study", "a propensity-matched analysis", "a national registry study",
           "a single-institution experience", "a retrospective cohort study", "a cost-effectiveness analysis",
           "a multi-institutional study"]
CLINICAL_FACTORS = ["frailty", "rurality", "insurance status", "hospital volume", "surgeon sex",
                    "neighborhood deprivation", "preferred language", "travel distance", "trainee involvement"]
FACTORS = {"Surgical Education": ["gender", "postgraduate year", "program size", "faculty feedback"],
           "Global Surgery": ["rurality", "travel distance", "facility level", "out-of-pocket payment"]}
TITLE_TEMPLATES = ["{Outcome} in {subject}: {design}", "{Subject} and {outcome}: {design}",
                   "Does {factor} affect {outcome} in {subject}?", "Trends in {outcome} for {subject}",
                   "{Factor}, {subject}, and {outcome}: {design}"]
PANEL_TEMPLATES = ["Controversies in {Subject}", "Debate: {Subject}", "Case-Based Panel: {Subject}",
                   "Tough Cases in {Subject}", "What's New in {Subject}", "Pearls and Pitfalls: {Subject}",
                   "Meet the Experts: {Subject}"]
CONCLUSIONS = ["These findings support a prospective trial.", "Targeted quality improvement may close this gap.",
               "Standardized pathways deserve wider adoption.", "The association persisted after adjustment.",
               "Shared decision-making tools should reflect these data.", "Further work should test this in community hospitals."]

INSTITUTIONS = ["Lakeshore University Medical Center", "Prairie Crest University Hospital",
                "Cedar Valley College of Medicine", "Summit Ridge Medical Center",  # the recurring four
                "Northfield Memorial Hospital", "Riverbend Academic Health", "Silver Pines University Hospital",
                "Eastmont Health Sciences University", "Granite Falls School of Medicine",
                "Willow Creek Regional Medical Center", "Copper Canyon University Hospital",
                "Maplewood Surgical Institute", "Bluestone University Medical Center", "Harbor Point Medical College",
                "Ironwood Health System", "Red Mesa University Hospital", "Foxglove Teaching Hospital",
                "Oak Hollow University", "Larkspur Medical Center", "Tidewater Valley University",
                "Highland Mission Hospital", "Savanna Coast University Hospital", "Altiplano Regional Hospital"]
RECURRING = INSTITUTIONS[:4]
ROLE_WEIGHTS = {"Faculty": 30, "Resident": 20, "Fellow": 10, "Medical Student": 8, "Researcher": 7,
                "Associate Program Director": 7, "Program Director": 5, "Fellowship Director": 4,
                "Division Chief": 4, "Department Chair": 2}
LEADERS = ["Program Director", "Associate Program Director", "Fellowship Director", "Division Chief", "Department Chair"]
TRAINEES = ["Resident", "Fellow", "Medical Student"]
FIRST_NAMES = ["Amara", "Bennett", "Calla", "Dashiell", "Eun-ji", "Farida", "Gideon", "Hollis", "Ines", "Jonah",
               "Kavya", "Leander", "Marisol", "Nikhil", "Odessa", "Pavel", "Quinn", "Rosalind", "Soren", "Tamsin",
               "Umar", "Vesna", "Wendell", "Ximena", "Yusuf", "Zinnia", "Adaeze", "Bram", "Corinne", "Desmond",
               "Elodie", "Fintan", "Greer", "Hamid", "Isolde", "Joaquin", "Keziah", "Lorcan", "Mireille", "Nnamdi",
               "Ottilie", "Priya", "Rafferty", "Saoirse", "Thaddeus", "Ulrike", "Valentin", "Wren", "Yara", "Zeke",
               "Anouk", "Beatriz", "Cyrus", "Delphine", "Emeka", "Frida", "Ansel", "Hana", "Idris", "Juniper"]
LAST_NAMES = ["Abernathy", "Bellweather", "Castellanos", "Dunmore", "Ekwueme", "Fairchild", "Galloway", "Haverford",
              "Ishikawa", "Jablonski", "Kettering", "Lindqvist", "Maravilla", "Nakashima", "Okonkwo", "Pemberton",
              "Quintero", "Rasmussen", "Szymanski", "Thorncroft", "Umberger", "Valderrama", "Whitlock", "Yilmaz",
              "Zelenko", "Achterberg", "Brightwater", "Colquitt", "Delacroix", "Esterhazy", "Farnsworth", "Gundersen",
              "Holloway", "Iwu", "Kowalczyk", "Larkin", "Mbeki-Stone", "Northcott", "Oyelaran", "Prentiss",
              "Ravenscroft", "Sandoval", "Tremblay", "Underhill", "Vasquez-Reyes", "Wainwright", "Xiong", "Yoder",
              "Zamora", "Aldridge", "Bustamante", "Calloway", "Drummond", "Eriksen", "Fitzgerald-Moss", "Greenhalgh"]

ROOMS = ["Grand Ballroom A", "Grand Ballroom B", "Lakeview Ballroom", "Hall C", "Hall D", "Hall E", "Hall F",
         "Poster Hall", "Skills Lab"]
PARALLEL_ROOMS = ROOMS[:6]
ROMAN = ["", "I", "II", "III", "IV", "V", "VI"]
SKILLS_LABS = [("Hands-On: Laparoscopic Intracorporeal Suturing", "MIS & Bariatric Surgery"),
               ("REBOA and Resuscitative Thoracotomy Simulation", "Trauma & Acute Care Surgery"),
               ("Vascular Anastomosis Wet Lab", "Vascular Surgery"),
               ("Stapled and Hand-Sewn Bowel Anastomosis", "Colorectal Surgery"),
               ("Intraoperative Liver Ultrasound", "HPB Surgery"),
               ("Low-Cost Laparoscopic Box Trainers for Resource-Limited Settings", "Global Surgery"),
               ("Point-of-Care Ultrasound for the Surgical Intensivist", "Surgical Critical Care")]
MIXERS = [("Resident and Fellow Mixer", "Surgical Education"),
          ("Meet the Program Directors: Trainee Mixer", "Surgical Education"),
          ("Global Surgery Trainee Networking Hour", "Global Surgery")]
PLENARIES = [("Opening Ceremony and Presidential Address: The Surgeon as Steward",
              "The congress president opens the meeting and reflects on stewardship of patients, trainees and resources."),
             ("The Eleanor Whitcombe Lecture: Forty Years of Trauma Systems",
              "How regional trauma systems grew, what they changed for injured patients, and where access still fails."),
             ("The Adeyemi-Marsh Lecture in Surgical Education: Teaching Judgment",
              "Technical skill can be measured; judgment is harder. This lecture asks how surgeons learn when not to operate."),
             ("Closing Plenary: The Next Decade of Surgical Oncology",
              "<p>Leaders in the field look ahead: biology-guided surgery, organ preservation and equitable access.</p>")]


@dataclass
class Person:
    """A speaker of the demo congress."""

    id: int
    name: str
    institution: str
    role: str
    specialty: str
    uses: int = 0


@dataclass
class Event:
    """One session, before it is written out."""

    title: str
    kind: str
    track: str
    room: str
    start: datetime
    minutes: int
    abstract: str
    persons: list[Person]
    subtitle: str = ""


class CongressBuilder:
    """Draws people and sessions from the word lists with one seeded random generator."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.people: list[Person] = []
        self.titles: set[str] = set()
        self.events: list[Event] = []
        self._make_people()

    def _make_people(self) -> None:
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        self.rng.shuffle(names)
        clinical = list(TRACK_SUBJECTS)
        # Directors in oncology and trauma at the recurring institutions, for target-institution demos.
        anchors = [(inst, track, role) for inst in RECURRING
                   for track in ("Surgical Oncology", "Trauma & Acute Care Surgery")
                   for role in ("Program Director", "Fellowship Director")]
        weights = [3 if inst in RECURRING else 1 for inst in INSTITUTIONS]
        for index in range(330):
            if index < len(anchors):
                institution, specialty, role = anchors[index]
            else:
                institution = self.rng.choices(INSTITUTIONS, weights)[0]
                specialty = self.rng.choice(clinical)
                role = self.rng.choices(list(ROLE_WEIGHTS), list(ROLE_WEIGHTS.values()))[0]
            self.people.append(Person(100 + index, names[index], institution, role, specialty))

    def speakers(self, count: int, track: str, roles: list[str] | None = None) -> list[Person]:
        """The least-used people fitting the track and roles, widening the search when too few fit."""
        chosen: list[Person] = []
        pools = [lambda p: p.specialty == track and (roles is None or p.role in roles),
                 lambda p: roles is None or p.role in roles, lambda p: True]
        for fits in pools:
            candidates = [p for p in self.people if fits(p) and p not in chosen]
            self.rng.shuffle(candidates)
            candidates.sort(key=lambda p: p.uses)
            chosen += candidates[: count - len(chosen)]
            if len(chosen) == count:
                break
        for person in chosen:
            person.uses += 1
        return chosen

    def unique_title(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            title = make()
            if title not in self.titles:
                break
        self.titles.add(title)
        return title

    def talk(self, track: str) -> tuple[str, str]:
        """A podium or poster title with a matching structured abstract."""
        rng = self.rng
        words: dict[str, str] = {}

        def make() -> str:
            words.update(subject=rng.choice(TRACK_SUBJECTS[track]), outcome=rng.choice(TRACK_OUTCOMES[track]),
                         design=rng.choice(DESIGNS), factor=rng.choice(FACTORS.get(track, CLINICAL_FACTORS)))
            capitals = {key.capitalize(): value[0].upper() + value[1:] for key, value in words.items()}
            return rng.choice(TITLE_TEMPLATES).format(**words, **capitals)

        title = self.unique_title(make)
        people = "residents" if track == "Surgical Education" else "patients"
        patients = rng.randint(40, 2400) if people == "residents" else rng.randint(120, 48000)
        centers = 1 if "single" in words["design"] else rng.randint(2, 40)
        low, high = sorted(rng.sample(range(3, 60), 2))
        outcome = words["outcome"]
        parts = [f"Evidence on {outcome} in {words['subject']} remains limited, and {words['factor']} is rarely studied.",
                 f"We studied {patients:,} {people} across {centers} {'center' if centers == 1 else 'centers'} "
                 f"between 2018 and 2024 ({words['design'].split(' ', 1)[1]}).",
                 f"{outcome[0].upper() + outcome[1:]} differed by {words['factor']} ({low}% vs {high}%, "
                 f"{rng.choice(['p=0.002', 'p=0.01', 'p=0.03', 'p<0.001', 'p=0.04'])}).", rng.choice(CONCLUSIONS)]
        if rng.random() < 0.5:
            labels = ["Background", "Methods", "Results", "Conclusion"]
            return title, "".join(f"<p>{label}: {text}</p>" for label, text in zip(labels, parts))
        return title, " ".join(parts)

    def panel(self, track: str, room: str, start: datetime, minutes: int) -> None:
        subject = self.rng.choice(TRACK_SUBJECTS[track])
        title = self.unique_title(lambda: self.rng.choice(PANEL_TEMPLATES).format(Subject=title_case(subject)))
        people = self.speakers(self.rng.randint(2, 5), track, ["Faculty", "Division Chief", "Department Chair",
                                                                "Fellowship Director", "Program Director", "Researcher"])
        institutions = len({p.institution for p in people})
        opening = self.rng.choice([
            f"Panelists from {institutions} {'institution' if institutions == 1 else 'institutions'} discuss {subject}, "
            "working through real cases from diagnosis to follow-up.",
            f"A moderated discussion of {subject}: who benefits, who does not, and how to decide.",
            f"Short talks on {subject} followed by an open discussion with the audience."])
        closing = self.rng.choice(["Expect frank disagreement and a review of the latest evidence.",
                                   "Audience response questions are used throughout.",
                                   "Trainees are encouraged to bring questions from their own cases."])
        self.events.append(Event(title, "panel", track, room, start, minutes, f"<p>{opening}</p><p>{closing}</p>", people))

    def podium_block(self, track: str, room: str, start: datetime, minutes: int, block_name: str) -> None:
        for offset in range(0, minutes, TALK_MINUTES):
            title, abstract = self.talk(track)
            people = self.speakers(self.rng.choice([1, 1, 2, 2, 3]), track, TRAINEES + ["Faculty", "Researcher"])
            self.events.append(Event(title, "podium session", track, room, start + timedelta(minutes=offset),
                                     TALK_MINUTES, abstract, people, subtitle=block_name))

    def posters(self, track: str, start: datetime) -> None:
        number = 1 + sum(1 for e in self.events if e.kind == "poster session" and e.track == track)
        people = self.speakers(self.rng.randint(3, 6), track, TRAINEES + ["Researcher"])
        items = [self.talk(track)[0] for _ in people]
        abstract = "<p>Presenters stand by their posters for moderated rounds.</p><ul>" + "".join(
            f"<li>{item} ({person.name})</li>" for item, person in zip(items, people)) + "</ul>"
        self.events.append(Event(f"Poster Rounds: {track} {ROMAN[number]}", "poster session", track, "Poster Hall",
                                 start, 45, abstract, people))

    def build_day(self, day: date, index: int) -> None:
        def at(hour: int, minute: int = 0) -> datetime:
            return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TIME_ZONE)

        clinical = list(TRACK_SUBJECTS)
        # Oncology and trauma appear twice per cycle, never twice in one block of six rooms.
        rotation_tracks = clinical[:7] + clinical[:2] + clinical[7:]
        last_day = index == DAYS
        host = self.speakers(1 if last_day else 2, GENERAL, ["Department Chair", "Division Chief"])
        title, abstract = PLENARIES[index - 1]
        self.events.append(Event(title, "plenary", GENERAL, "Grand Ballroom A", at(8), 75, abstract, host))
        blocks = [(at(9, 30), 90), (at(11, 15), 60)] + ([] if last_day else [(at(13, 30), 90), (at(15, 15), 90)])
        poster_times = [at(7), at(12, 30)] + ([] if last_day else [at(17)])
        for number, when in enumerate(poster_times):
            self.posters(clinical[(index * 3 + number) % len(clinical)], when)
        for block_number, (start, minutes) in enumerate(blocks):
            rotation = (index * len(blocks) + block_number) * len(PARALLEL_ROOMS)
            for room_number, room in enumerate(PARALLEL_ROOMS):
                track = rotation_tracks[(rotation + room_number) % len(rotation_tracks)]
                if self.rng.random() < 0.35:
                    self.panel(track, room, start, minutes)
                else:
                    self.podium_block(track, room, start, minutes, f"Podium Session: {track} {ROMAN[block_number + 1]}")
        for lab_time in [at(9, 30)] + ([] if last_day else [at(13, 30)]):
            title, track = SKILLS_LABS[len([e for e in self.events if e.kind == "skills lab"]) % len(SKILLS_LABS)]
            self.events.append(Event(title, "skills lab", track, "Skills Lab", lab_time, 120,
                                     "Hands-on stations with faculty coaching. Places are limited; bring your badge.",
                                     self.speakers(self.rng.randint(2, 3), track, ["Faculty", "Fellowship Director", "Fellow"])))
        if not last_day:
            title, track = MIXERS[index - 1]
            hosts = self.speakers(self.rng.randint(2, 4), track, ["Program Director", "Associate Program Director",
                                                                  "Fellowship Director"])
            self.events.append(Event(title, "trainee mixer", track, "Hall F", at(17, 30), 90,
                                     "Students, residents and fellows meet program leaders over drinks.", hosts))
        if index in (1, 3):
            title = "Welcome Reception" if index == 1 else "President's Reception"
            self.events.append(Event(title, "reception", GENERAL, "Lakeview Ballroom", at(19), 150,
                                     "Light food and music. Guests are welcome.", self.speakers(1, GENERAL, ["Department Chair"])))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-")


def title_case(text: str) -> str:
    small = {"a", "an", "and", "after", "at", "before", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
    words = text.split(" ")
    return " ".join(w if (w in small and i) else w[0].upper() + w[1:] for i, w in enumerate(words))


def biography(person: Person) -> str:
    name, field, place = person.name, person.specialty, person.institution
    sentences = {
        "Medical Student": f"{name} is a medical student at {place} with an interest in {field}.",
        "Resident": f"{name} is a general surgery resident at {place} interested in {field}.",
        "Fellow": f"{name} is a {field} fellow at {place}.",
        "Researcher": f"{name} is a health services researcher working on {field} at {place}.",
        "Faculty": f"{name} is a faculty surgeon in {field} at {place}.",
        "Department Chair": f"{name} chairs the Department of Surgery at {place} and practices {field}.",
        "Division Chief": f"{name} is chief of the {field} division at {place}.",
    }
    article = "an" if person.role[0] in "AEIOU" else "a"
    return sentences.get(person.role, f"{name} is {article} {person.role.lower()} in {field} at {place}.")


def sub(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def add_conference(schedule: ET.Element) -> None:
    conference = sub(schedule, "conference")
    last_day = FIRST_DAY + timedelta(days=DAYS - 1)
    for tag, text in [("acronym", "fasc-2026"), ("title", "Fictional American Surgical Congress 2026"),
                      ("subtitle", "Demo program: every person and institution in it is invented"),
                      ("venue", "Lakeshore Convention Center"), ("city", "Chicago"),
                      ("start", FIRST_DAY.isoformat()), ("end", last_day.isoformat()), ("days", str(DAYS)),
                      ("day_change", "05:00:00"), ("timeslot_duration", "00:05:00"), ("base_url", BASE_URL),
                      ("time_zone_name", TIME_ZONE.key)]:
        sub(conference, tag, text)
    tracks = sub(schedule, "tracks")
    for track in [*TRACK_SUBJECTS, GENERAL]:
        sub(tracks, "track", track, slug=slugify(track))


def add_persons(schedule: ET.Element, people: list[Person]) -> None:
    """The top-level person list; <affiliation> and <role> are this file's extensions to frab."""
    persons = sub(schedule, "persons")
    for person in people:
        element = sub(persons, "person", id=str(person.id))
        sub(element, "name", person.name)
        sub(element, "biography", biography(person))
        sub(element, "affiliation", person.institution)
        sub(element, "role", person.role)


def add_event(room_element: ET.Element, event: Event, number: int) -> None:
    slug = f"{1000 + number}-{slugify(event.title)}"
    element = sub(room_element, "event", guid=str(uuid.uuid5(GUID_NAMESPACE, f"event-{number}")), id=str(1000 + number))
    for tag, text in [("date", event.start.isoformat()), ("start", event.start.strftime("%H:%M")),
                      ("duration", f"{event.minutes // 60:02d}:{event.minutes % 60:02d}"), ("room", event.room),
                      ("slug", slug), ("url", f"{BASE_URL}event/{slug}/"), ("title", event.title),
                      ("subtitle", event.subtitle)]:
        sub(element, tag, text)
    sub(element, "track", event.track, slug=slugify(event.track))
    for tag, text in [("type", event.kind), ("language", "en"), ("abstract", event.abstract), ("description", "")]:
        sub(element, tag, text)
    event_persons = sub(element, "persons")
    for person in event.persons:
        sub(event_persons, "person", person.name, id=str(person.id))


def to_xml(events: list[Event]) -> bytes:
    """The frab schedule document, with rooms grouped per day in a fixed room order."""
    schedule = ET.Element("schedule")
    sub(schedule, "version", "1.0")
    add_conference(schedule)
    add_persons(schedule, sorted({p.id: p for e in events for p in e.persons}.values(), key=lambda p: p.id))
    numbered = sorted(events, key=lambda e: (e.start, ROOMS.index(e.room)))
    for day_index in range(1, DAYS + 1):
        day = FIRST_DAY + timedelta(days=day_index - 1)
        opens = datetime(day.year, day.month, day.day, 7, tzinfo=TIME_ZONE)
        day_element = sub(schedule, "day", index=str(day_index), date=day.isoformat(), start=opens.isoformat(),
                          end=(opens + timedelta(hours=16)).isoformat())
        for room in ROOMS:
            in_room = [(n, e) for n, e in enumerate(numbered) if e.room == room and e.start.date() == day]
            if in_room:
                room_element = sub(day_element, "room", name=room, slug=slugify(room))
                for number, event in in_room:
                    add_event(room_element, event, number)
    ET.indent(schedule, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(schedule, encoding="unicode", short_empty_elements=False).encode("utf-8") + b"\n"


def build_congress_xml() -> bytes:
    """The whole demo program as frab XML bytes; the same bytes on every call."""
    builder = CongressBuilder()
    for index in range(1, DAYS + 1):
        builder.build_day(FIRST_DAY + timedelta(days=index - 1), index)
    return to_xml(builder.events)


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(build_congress_xml())
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
