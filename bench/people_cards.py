"""Seeded generator of the people the people benchmarks use: as cards for import_cards, or as a .vcf file.

A generated person looks like a contact a trainee collects at a surgical congress: a first name and
a surname (some with accents), sometimes a title or degrees, an institution, a position and a
specialty, one or two emails, up to two phone numbers, sometimes a LinkedIn address or an ORCID iD,
and now and then a short note. Every email and phone number is unique, so no card matches another.
The same arguments always give the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 2027

FIRST_NAMES = (
    "Amara", "Kwame", "Zoë", "Li", "Jonas", "María", "Chen", "Priya", "Omar", "Sofia", "Ben", "Hana", "Diego",
    "Aisha", "Lukas", "Mei", "Tomás", "Nadia", "Ravi", "Elena", "Émile", "Ingrid", "Yusuf", "Chiara", "Kenji",
    "Fatima", "Mateo", "Anika", "Sven", "Grace", "Olu", "Ximena", "Raj", "Nora", "Dmitri", "Leila",
)
SURNAMES = (
    "Osei", "Mensah", "Müller", "Wei", "Berg", "García", "Jing", "Patel", "Haddad", "Rossi", "Ito", "Sato",
    "López", "Khan", "Novák", "Zhang", "Silva", "Kowalski", "Okafor", "Nguyen", "Schmidt", "Dubois", "Moreau",
    "Andersen", "Costa", "Okonkwo", "Lindqvist", "Ferreira", "Yamamoto", "O'Brien", "Van der Berg", "Castillo",
    "Abubakar", "Petrov", "Hughes", "Nakamura", "Ibrahim", "Fischer", "Romano", "Kim",
)
INSTITUTIONS = (
    "Lakeshore University Medical Center", "Prairie Crest University Hospital", "Summit Ridge Medical Center",
    "Korle Bu Teaching Hospital", "Nordic Surgical Institute", "Peking Union Medical College",
    "Harbor Point Medical College", "Charité – Universitätsmedizin Berlin", "Riverside Medical Center",
    "St Thomas' Hospital", "University of Chicago Medicine", "Hôpital Lariboisière", "Mercy General Hospital",
    "Karolinska University Hospital", "Tata Memorial Hospital", "Hospital Clínic de Barcelona",
)
POSITIONS = (
    "Program Director", "Associate Program Director", "Fellowship Director", "Department Chair",
    "Division Chief", "Attending Surgeon", "Faculty", "Researcher", "Fellow", "Resident (PGY-3)", "Medical Student",
)
SPECIALTIES = (
    "Trauma & Acute Care Surgery", "Surgical Oncology", "Colorectal Surgery", "HPB Surgery", "Vascular Surgery",
    "Surgical Education", "Global Surgery", "Breast Surgery", "Endocrine Surgery", "Pediatric Surgery",
    "Transplant Surgery", "Thoracic Surgery", "MIS & Bariatric Surgery",
)
NOTES = (
    "Met at the poster session; asked about the rib fixation registry.",
    "Interested in a research year; follow up about the database project.",
    "Offered to review my abstract before the deadline.",
    "Runs the away rotation program; email the coordinator.",
)
TITLES = ("", "", "", "Dr. ", "Prof. ", "Mr ")
DEGREES = ("", "", "", ", MD", ", MD, PhD", ", MD, FACS", ", MBBS, FRCS")


@dataclass(frozen=True)
class GeneratedPerson:
    formatted_name: str  # "Dr. Amara Osei, MD"
    given: str
    family: str
    institution: str
    position: str
    specialty: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    urls: tuple[str, ...]
    note: str


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == " ")).lower()


def generate_people(count: int, seed: int = DEFAULT_SEED) -> list[GeneratedPerson]:
    chooser = random.Random(seed)
    people = []
    taken: set[tuple[str, str, str]] = set()  # the import takes the very same name and institution for one card
    for number in range(count):
        while True:
            given, family = chooser.choice(FIRST_NAMES), chooser.choice(SURNAMES)
            institution = chooser.choice(INSTITUTIONS)
            if (given, family, institution) not in taken:
                break
            given = f"{given} {chooser.choice('ABCDEFGHJKLMNPRSTW')}."
            if (given, family, institution) not in taken:
                break
        taken.add((given, family, institution))
        host = _ascii(institution).split()[0]
        local = f"{_ascii(given).replace(' ', '')}.{_ascii(family).replace(' ', '')}{number}"
        emails = [f"{local}@{host}.example"]
        if chooser.random() < 0.3:
            emails.append(f"{local}@gmail.example")
        phones = []
        if chooser.random() < 0.8:
            phones.append(f"+1 312 {200 + number // 10_000:03d} {number % 10_000:04d}")
        if chooser.random() < 0.2:
            phones.append(f"+44 20 7{number % 1000:03d} {number // 1000:04d}")
        urls = []
        if chooser.random() < 0.4:
            urls.append(f"https://www.linkedin.com/in/{local.replace('.', '-')}")
        if chooser.random() < 0.25:
            urls.append(f"https://orcid.org/0000-000{number % 10}-{number // 10 % 10000:04d}-{number % 997:03d}X")
        people.append(GeneratedPerson(
            formatted_name=f"{chooser.choice(TITLES)}{given} {family}{chooser.choice(DEGREES)}",
            given=given,
            family=family,
            institution=institution,
            position=chooser.choice(POSITIONS),
            specialty=chooser.choice(SPECIALTIES),
            emails=tuple(emails),
            phones=tuple(phones),
            urls=tuple(urls),
            note=chooser.choice(NOTES) if chooser.random() < 0.3 else "",
        ))
    return people


def as_cards(people: list[GeneratedPerson]) -> list:  # type: ignore[type-arg]
    """The people as (ContactDetails, vCard text) pairs, as `PeopleService.import_cards` takes them."""
    from conference_app.core.domain.people import ContactDetails

    return [
        (
            ContactDetails(
                name=p.formatted_name, institution=p.institution, position=p.position, specialty=p.specialty,
                emails=p.emails, phones=p.phones, urls=p.urls, note=p.note,
            ),
            "",
        )
        for p in people
    ]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets as RFC 6350 asks (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(pieces)


def vcard_text(person: GeneratedPerson) -> str:
    """One vCard 3.0, as phones and address books export them."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(person.family)};{_escape(person.given)};;;",
        f"FN:{_escape(person.formatted_name)}",
        f"ORG:{_escape(person.institution)};Department of Surgery",
        f"TITLE:{_escape(person.position)}",
        f"X-SPECIALTY:{_escape(person.specialty)}",
    ]
    lines += [f"EMAIL;TYPE=INTERNET{',WORK' if i == 0 else ',HOME'}:{e}" for i, e in enumerate(person.emails)]
    lines += [f"TEL;TYPE={'CELL' if i == 0 else 'WORK'}:{t}" for i, t in enumerate(person.phones)]
    lines += [f"URL:{u}" for u in person.urls]
    if person.note:
        lines.append(f"NOTE:{_escape(person.note)}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_vcf(path: Path, count: int, seed: int = DEFAULT_SEED) -> Path:
    """A .vcf file of `count` generated cards (UTF-8, CRLF line ends, long lines folded)."""
    path.write_text("".join(vcard_text(p) for p in generate_people(count, seed)), encoding="utf-8", newline="")
    return path
