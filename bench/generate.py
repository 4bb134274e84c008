"""Seeded generator of large frab schedule XML programs for benchmarks and load tests.

A generated program looks like a big surgical congress: several days, as many parallel rooms as
the session count needs, a few dozen tracks, titles and HTML abstracts about as long as FOSDEM's
(titles ~60 characters, abstracts ~1 KB), 1–5 speakers per session, and a top-level <persons>
list with biographies, affiliations and roles (the extensions the demo congress also uses). Some
names carry non-ASCII letters. The same arguments always give byte-identical output.

Usage: python -m bench.generate OUTPUT [--sessions N] [--speakers M] [--days D] [--seed S]
"""

from __future__ import annotations

import argparse
import math
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

DEFAULT_SEED = 1977
TIME_ZONE = ZoneInfo("America/Chicago")
FIRST_DAY = date(2027, 10, 16)
DAY_STARTS_AT = 8  # local hour of the first slot in every room
DAY_ENDS_AT = 20  # no session starts at or after this hour
BASE_URL = "https://example.org/bench-congress/"
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE_URL)

TRACKS = [
    "Surgical Oncology", "Trauma & Acute Care Surgery", "Colorectal Surgery", "MIS & Bariatric Surgery",
    "HPB Surgery", "Vascular Surgery", "Surgical Education", "Global Surgery", "Breast Surgery",
    "Endocrine Surgery", "Surgical Critical Care", "Pediatric Surgery", "Transplant Surgery",
    "Thoracic Surgery", "Cardiac Surgery", "Plastic & Reconstructive Surgery", "Hernia Surgery",
    "Surgical Outcomes Research", "Health Policy & Equity", "Robotic Surgery", "Geriatric Surgery",
    "Burns & Wound Care", "Surgical Infection", "Upper GI Surgery",
]
TYPES = ["podium session"] * 12 + ["panel"] * 4 + ["poster session"] * 3 + ["plenary", "skills lab",
                                                                             "trainee mixer", "workshop"]
LANGUAGES = ["en"] * 17 + ["es", "de", "fr"]
SUBJECTS = [
    "neoadjuvant therapy for pancreatic adenocarcinoma", "cytoreductive surgery with HIPEC",
    "sentinel lymph node biopsy in melanoma", "gastrectomy for gastric cancer", "retroperitoneal sarcoma",
    "REBOA in torso hemorrhage", "whole blood resuscitation", "damage control laparotomy",
    "rib fracture stabilization", "splenic injury", "geriatric trauma triage", "small bowel obstruction",
    "total neoadjuvant therapy for rectal cancer", "low anterior resection syndrome", "complicated diverticulitis",
    "enhanced recovery after colectomy", "anastomotic leak", "robotic ventral hernia repair", "sleeve gastrectomy",
    "Roux-en-Y gastric bypass", "revisional bariatric surgery", "pancreatoduodenectomy", "pancreatic fistula",
    "living donor liver transplant", "colorectal liver metastases", "hilar cholangiocarcinoma",
    "difficult cholecystectomy", "endovascular aneurysm repair", "chronic limb-threatening ischemia",
    "carotid endarterectomy", "dialysis access", "venous thromboembolism prophylaxis", "diabetic foot salvage",
    "resident autonomy in the operating room", "simulation-based laparoscopic curricula", "video-based coaching",
    "surgical capacity in rural hospitals", "task sharing for cesarean delivery", "oncoplastic breast surgery",
    "nipple-sparing mastectomy", "parathyroidectomy", "adrenalectomy for pheochromocytoma", "thyroid nodules",
    "sepsis in the surgical ICU", "ECMO after cardiac arrest", "massive transfusion", "pediatric appendicitis",
    "congenital diaphragmatic hernia", "kidney transplantation", "lung cancer screening", "esophagectomy",
    "mitral valve repair", "free flap reconstruction", "inguinal hernia repair", "frailty assessment",
    "burn resuscitation", "surgical site infection", "antibiotic stewardship", "paraesophageal hernia",
]
OUTCOMES = [
    "overall survival", "textbook outcome", "recurrence-free survival", "in-hospital mortality", "failure to rescue",
    "major complications", "quality of life", "30-day readmission", "length of stay", "same-day discharge",
    "conversion to open surgery", "patient-reported outcomes", "90-day mortality", "reintervention",
    "operative autonomy", "burnout scores", "perioperative mortality", "catastrophic health expenditure",
    "timely access", "cost", "ventilator-free days", "return to work", "opioid use", "functional recovery",
]
DESIGNS = [
    "a multicenter cohort study", "a propensity-matched analysis", "a national registry study",
    "a single-institution experience", "a randomized controlled trial", "a cost-effectiveness analysis",
    "a systematic review and meta-analysis", "a qualitative interview study", "a prospective observational study",
]
FACTORS = [
    "frailty", "rurality", "insurance status", "hospital volume", "surgeon sex", "neighborhood deprivation",
    "preferred language", "travel distance", "trainee involvement", "body mass index", "time of day",
    "surgeon experience", "robotic approach", "prehabilitation", "teaching status",
]
TITLE_TEMPLATES = [
    "{Outcome} after {subject}: {design}", "{Subject} and {outcome}: {design}",
    "Does {factor} affect {outcome} in {subject}?", "Trends in {outcome} for {subject}",
    "{Factor}, {subject}, and {outcome}", "Controversies in {subject}", "Debate: {subject}",
    "What's new in {subject}", "Pearls and pitfalls of {subject}", "A practical guide to {subject}",
]
SENTENCES = [
    "Evidence on {outcome} in {subject} remains limited, and the role of {factor} is rarely studied.",
    "We studied {count:,} patients treated at {centers} centers between 2016 and 2025 in {design}.",
    "{Outcome} differed by {factor} ({low}% vs {high}%, p={p}), and the difference persisted after adjustment.",
    "Surgeons and trainees will learn how {subject} is selected, performed and followed up in practice.",
    "Panelists from academic and community hospitals discuss {subject}, working through real cases.",
    "The session covers indications, operative technique, complications and the latest trial data.",
    "Our surgical team standardized the pathway for {subject}, with a focus on {outcome}.",
    "Multivariable models adjusted for age, comorbidity, {factor} and hospital volume.",
    "These findings support a prospective trial and targeted quality improvement.",
    "Shared decision-making tools for {subject} should reflect these data.",
    "Residents rated the curriculum highly, and operative autonomy improved over the study period.",
    "Video review showed consistent technique across surgeons, with fewer conversions over time.",
    "Costs were driven by readmissions and prolonged intensive care stays.",
    "Rural patients travelled farther, waited longer and more often presented with advanced disease.",
    "Further work should test this approach in community hospitals and low-resource settings.",
]
INSTITUTION_PARTS = (
    ["Lakeshore", "Prairie Crest", "Cedar Valley", "Summit Ridge", "Northfield", "Riverbend", "Silver Pines",
     "Eastmont", "Granite Falls", "Willow Creek", "Copper Canyon", "Maplewood", "Bluestone", "Harbor Point",
     "Ironwood", "Red Mesa", "Foxglove", "Oak Hollow", "Larkspur", "Tidewater", "Highland", "Savanna Coast",
     "São Bento", "Zürichsee", "Malmö", "Kraków", "Düsseldorf", "Bogotá", "Montréal", "Ōsaka"],
    ["University Medical Center", "University Hospital", "College of Medicine", "Medical Center",
     "Memorial Hospital", "Academic Health", "School of Medicine", "Regional Medical Center", "Surgical Institute",
     "Health System", "Teaching Hospital", "Children's Hospital"],
)
ROLES = (["Faculty"] * 30 + ["Resident"] * 20 + ["Fellow"] * 10 + ["Medical Student"] * 8 + ["Researcher"] * 7
         + ["Associate Program Director"] * 7 + ["Program Director"] * 5 + ["Fellowship Director"] * 4
         + ["Division Chief"] * 4 + ["Department Chair"] * 2)
FIRST_NAMES = [
    "Amara", "Bennett", "Calla", "Dashiell", "Eun-ji", "Farida", "Gideon", "Hollis", "Inès", "Jonah", "Kavya",
    "Leander", "Marisol", "Nikhil", "Odessa", "Pavel", "Quinn", "Rosalind", "Søren", "Tamsin", "Umar", "Vesna",
    "Wendell", "Ximena", "Yusuf", "Zoë", "Adaeze", "Bram", "Corinne", "Desmond", "Élodie", "Fintan", "Greer",
    "Hamid", "Isolde", "Joaquín", "Keziah", "Lorcan", "Mireille", "Nnamdi", "Ottilie", "Priya", "Rafferty",
    "Saoirse", "Thaddeus", "Ulrike", "Valentin", "Wren", "Yara", "Zeke", "Anouk", "Beatriz", "Cyrus", "Delphine",
    "Emeka", "Frida", "Łukasz", "Hana", "Idris", "Juniper", "Kenji", "Lucía", "Mateus", "Nadia", "Oskar",
    "Paulina", "Rashid", "Sigrún", "Tomás", "Uma", "Vikram", "Wanjiru", "Xavier", "Yael", "Zainab",
]
LAST_NAMES = [
    "Abernathy", "Bellweather", "Castellanos", "Dunmore", "Ekwueme", "Fairchild", "Galloway", "Haverford",
    "Ishikawa", "Jabłoński", "Kettering", "Lindqvist", "Maravilla", "Nakashima", "Okonkwo", "Pemberton",
    "Quintero", "Rasmussen", "Szymański", "Thorncroft", "Umberger", "Valderrama", "Whitlock", "Yılmaz",
    "Zelenko", "Achterberg", "Brightwater", "Colquitt", "Delacroix", "Esterházy", "Farnsworth", "Gundersen",
    "Holloway", "Iwu", "Kowalczyk", "Larkin", "Mbeki-Stone", "Northcott", "Oyelaran", "Prentiss", "Ravenscroft",
    "Sandoval", "Tremblay", "Underhill", "Vásquez-Reyes", "Wainwright", "Xiong", "Yoder", "Zamora", "Aldridge",
    "Bustamante", "Calloway", "Drummond", "Eriksen", "Fitzgerald", "Greenhalgh", "Müller", "Novák", "O'Connell",
    "Petrović", "Çelik", "Nguyễn", "Søndergaard", "Hernández", "Kim", "Park", "Singh", "Patel", "Mensah",
]


@dataclass(frozen=True)
class GeneratedProgram:
    """What was written: the file and the counts an importer should find in it."""

    path: Path
    sessions: int
    speakers: int
    days: int
    rooms: int
    bytes: int


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    affiliation: str
    role: str
    biography: str


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())[:60]


def _people(rng: random.Random, count: int) -> list[_Person]:
    people = []
    for index in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if index >= len(FIRST_NAMES) * len(LAST_NAMES) // 4:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {rng.choice(LAST_NAMES)}"
        affiliation = f"{rng.choice(INSTITUTION_PARTS[0])} {rng.choice(INSTITUTION_PARTS[1])}"
        role = rng.choice(ROLES)
        biography = ""
        if rng.random() < 0.7:
            field = rng.choice(TRACKS).lower()
            biography = (
                f"<p>{name}, {role.lower()} at {affiliation}, works in {field}. "
                f"Their work focuses on {rng.choice(SUBJECTS)} and {rng.choice(OUTCOMES)}, "
                f"with a particular interest in {rng.choice(FACTORS)}.</p>"
                + (f"<p>They mentor trainees and lead studies on {rng.choice(SUBJECTS)}.</p>" if rng.random() < 0.5 else "")
            )
        people.append(_Person(1000 + index, name, affiliation, role, biography))
    return people


def _title(rng: random.Random, words: dict[str, str]) -> str:
    capitals = {key.capitalize(): _capital(value) for key, value in words.items()}
    return _capital(rng.choice(TITLE_TEMPLATES).format(**words, **capitals))


def _abstract(rng: random.Random, words: dict[str, str]) -> str:
    low, high = sorted(rng.sample(range(3, 70), 2))
    values = dict(words, Outcome=_capital(words["outcome"]), count=rng.randint(40, 48000),
                  centers=rng.randint(2, 60), low=low, high=high, p=rng.choice(["0.002", "0.01", "0.03", "0.04"]))
    sentences = [s.format(**values) for s in rng.sample(SENTENCES, rng.randint(4, 11))]
    split = max(1, len(sentences) // 2)
    return f"<p>{' '.join(sentences[:split])}</p><p>{' '.join(sentences[split:])}</p>"


def _speaker_counts(rng: random.Random, sessions: int, speakers: int) -> list[list[int]]:
    """Speaker indexes per session: every speaker speaks at least once (while sessions allow)."""
    order = list(range(speakers))
    rng.shuffle(order)
    chosen: list[list[int]] = [[] for _ in range(sessions)]
    for position, speaker in enumerate(order):
        chosen[position % sessions].append(speaker)
    for picks in chosen:
        extra = rng.choices([0, 0, 0, 1, 1, 2, 3], k=1)[0]
        for _ in range(extra):
            other = rng.randrange(speakers)
            if other not in picks and len(picks) < 5:
                picks.append(other)
    return chosen


def generate_program(
    path: Path, sessions: int, speakers: int, days: int | None = None, seed: int = DEFAULT_SEED
) -> GeneratedProgram:
    """Write a frab schedule with `sessions` sessions and `speakers` distinct speakers to `path`."""
    if sessions < 1 or speakers < 1:
        raise ValueError("a program needs at least one session and one speaker")
    rng = random.Random(seed)
    days = days or (1 if sessions < 50 else 4)
    slots_per_room_day = (DAY_ENDS_AT - DAY_STARTS_AT) * 60 // 30  # room for this many 30-minute sessions
    rooms = max(1, math.ceil(sessions / (days * slots_per_room_day)))
    room_names = [f"Hall {chr(65 + i % 26)}{'' if i < 26 else i // 26}" for i in range(rooms)]
    people = _people(rng, speakers)
    per_session = _speaker_counts(rng, sessions, speakers)

    # Sessions fill each room's day in turn with 15–60 minute slots, day by day.
    plan: dict[tuple[int, int], list[tuple[datetime, int, int]]] = {}
    number = 0
    for day in range(days):
        for room in range(rooms):
            clock = datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time(), tzinfo=TIME_ZONE)
            clock = clock.replace(hour=DAY_STARTS_AT)
            left_in_day = math.ceil((sessions - number) / max(1, (days - day) * rooms - room))
            for _ in range(left_in_day):
                if number >= sessions or clock.hour >= DAY_ENDS_AT:
                    break
                minutes = rng.choice([15, 20, 30, 30, 45, 60])
                plan.setdefault((day, room), []).append((clock, minutes, number))
                clock += timedelta(minutes=minutes)
                number += 1
    while number < sessions:  # what did not fit runs late in the last room of the last day
        last = plan.setdefault((days - 1, rooms - 1), [])
        clock = last[-1][0] + timedelta(minutes=last[-1][1]) if last else datetime.combine(
            FIRST_DAY + timedelta(days=days - 1), datetime.min.time(), tzinfo=TIME_ZONE).replace(hour=DAY_STARTS_AT)
        last.append((clock, 30, number))
        number += 1

    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n<schedule>\n  <version>bench-1</version>\n']
    last_day = FIRST_DAY + timedelta(days=days - 1)
    out.append(
        "  <conference>\n    <acronym>bench-congress</acronym>\n"
        f"    <title>Benchmark Surgical Congress ({sessions:,} sessions)</title>\n"
        "    <venue>Lakeshore Convention Center</venue>\n    <city>Chicago</city>\n"
        f"    <start>{FIRST_DAY.isoformat()}</start>\n    <end>{last_day.isoformat()}</end>\n"
        f"    <days>{days}</days>\n    <day_change>04:00:00</day_change>\n"
        "    <timeslot_duration>00:05:00</timeslot_duration>\n"
        f"    <base_url>{BASE_URL}</base_url>\n    <time_zone_name>{TIME_ZONE.key}</time_zone_name>\n"
        "  </conference>\n  <persons>\n"
    )
    for person in people:
        out.append(
            f'    <person id="{person.id}">\n      <name>{escape(person.name)}</name>\n'
            f"      <biography>{escape(person.biography)}</biography>\n"
            f"      <affiliation>{escape(person.affiliation)}</affiliation>\n      <role>{person.role}</role>\n"
            "    </person>\n"
        )
    out.append("  </persons>\n")
    for day in range(days):
        day_date = FIRST_DAY + timedelta(days=day)
        out.append(f'  <day index="{day + 1}" date="{day_date.isoformat()}">\n')
        for room in range(rooms):
            slots = plan.get((day, room), [])
            if not slots:
                continue
            out.append(f"    <room name={quoteattr(room_names[room])}>\n")
            for start, minutes, index in slots:
                out.append(_event_xml(rng, index, start, minutes, room_names[room], people, per_session[index]))
            out.append("    </room>\n")
        out.append("  </day>\n")
    out.append("</schedule>\n")
    data = "".join(out).encode("utf-8")
    path = Path(path)
    path.write_bytes(data)
    return GeneratedProgram(path, sessions, speakers, days, rooms, len(data))


def _event_xml(
    rng: random.Random, index: int, start: datetime, minutes: int, room: str, people: list[_Person], speakers: list[int]
) -> str:
    words = {"subject": rng.choice(SUBJECTS), "outcome": rng.choice(OUTCOMES), "design": rng.choice(DESIGNS),
             "factor": rng.choice(FACTORS)}
    title = _title(rng, words)
    event_id = 100000 + index
    slug = f"{event_id}-{_slug(title)}"
    subtitle = rng.choice(["", "", "", f"{rng.choice(TRACKS)} {rng.choice(['I', 'II', 'III', 'IV'])}"])
    persons = "".join(
        f'          <person id="{people[i].id}">{escape(people[i].name)}</person>\n' for i in speakers
    )
    links = "".join(
        f'          <link href="{BASE_URL}event/{slug}/{kind}">{label}</link>\n'
        for kind, label in rng.sample([("slides", "Slides"), ("video", "Video"), ("chat", "Chat room"),
                                       ("feedback", "Submit feedback")], rng.randint(1, 4))
    )
    return (
        f'      <event guid="{uuid.uuid5(GUID_NAMESPACE, str(index))}" id="{event_id}">\n'
        f"        <date>{start.isoformat()}</date>\n        <start>{start:%H:%M}</start>\n"
        f"        <duration>{minutes // 60:02d}:{minutes % 60:02d}</duration>\n"
        f"        <room>{escape(room)}</room>\n        <slug>{slug}</slug>\n"
        f"        <url>{BASE_URL}event/{slug}/</url>\n"
        f"        <title>{escape(title)}</title>\n        <subtitle>{escape(subtitle)}</subtitle>\n"
        f"        <track>{escape(rng.choice(TRACKS))}</track>\n        <type>{rng.choice(TYPES)}</type>\n"
        f"        <language>{rng.choice(LANGUAGES)}</language>\n"
        f"        <abstract>{escape(_abstract(rng, words))}</abstract>\n        <description></description>\n"
        f"        <persons>\n{persons}        </persons>\n"
        f"        <links>\n{links}        </links>\n"
        "      </event>\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--speakers", type=int, default=8_000)
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    written = generate_program(args.output, args.sessions, args.speakers, args.days, args.seed)
    print(f"{written.path}: {written.sessions} sessions, {written.speakers} speakers, {written.days} days, "
          f"{written.rooms} rooms, {written.bytes:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
