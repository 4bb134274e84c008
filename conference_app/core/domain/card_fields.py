"""Who a business card or a conference badge is about, picked out of the lines of text read from it.

Pure rules over text lines (and, when the reader gives them, the letters' height): the tallest
line that reads like a person's name is the name, a line with a title word (Professor, Resident,
Program Director…) the position, a line naming a university, hospital or institute the
institution; emails, phones and web addresses come from `card_contacts`. The result only
prefills the capture dialog: the user confirms or corrects every field before anything is stored.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from conference_app.core.domain.card_contacts import SEPARATORS, contacts_in_line
from conference_app.core.domain.contact_matching import DEFAULT_PHONE_REGION
from conference_app.core.domain.people import ContactDetails, find_orcid

Point = tuple[float, float]


@dataclass(frozen=True)
class CardLine:
    """One line of text on the card, with the letters' height in pixels (0 when unknown)."""

    text: str
    height: float = 0.0


@dataclass(frozen=True)
class CardFields:
    """The details picked out of a card, for the user to confirm."""

    name: str = ""
    institution: str = ""
    position: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    specialty: str = ""  # from a "Division of …" or "Department of …" line
    other: tuple[str, ...] = ()  # lines no field took: an address, a department, a motto
    badge: bool = False  # it reads like a conference badge rather than a business card

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name, "institution": self.institution, "position": self.position,
            "emails": list(self.emails), "phones": list(self.phones), "urls": list(self.urls),
        }  # fmt: skip

    def details(self) -> ContactDetails:
        """The capture dialog's prefill: an orcid.org address becomes the ORCID iD; other lines go in the note."""
        orcid = next((find_orcid(url) for url in self.urls if "orcid.org" in url.casefold()), "")
        urls = tuple(url for url in self.urls if not (orcid and find_orcid(url) == orcid))
        note = "From the card: " + "; ".join(self.other) if self.other else ""
        return ContactDetails(
            name=self.name, institution=self.institution, position=self.position, specialty=self.specialty,
            emails=self.emails, phones=self.phones, urls=urls, orcid=orcid, note=note,
        )  # fmt: skip


# --- lines from the reader's text boxes --------------------------------------------------------------


def lines_from_boxes(boxes: Iterable[tuple[Sequence[Point], str]]) -> list[CardLine]:
    """Text boxes (four corners clockwise from top left, and their text) as lines in reading order.

    Boxes whose middles share a row join into one line when the gap between them is under about
    two letters' height; a box far to the right (a card's second column) stays a line of its own.
    """
    placed = []
    for corners, text in boxes:
        if not text.strip() or len(corners) != 4:
            continue
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
        height = (math.dist((x0, y0), (x3, y3)) + math.dist((x1, y1), (x2, y2))) / 2
        middle = (y0 + y1 + y2 + y3) / 4
        placed.append((middle, min(x0, x3), max(x1, x2), height, text.strip()))
    placed.sort()
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for box in placed:
        if rows and abs(box[0] - rows[-1][0][0]) < 0.5 * max(box[3], rows[-1][0][3]):
            rows[-1].append(box)
        else:
            rows.append([box])
    lines: list[CardLine] = []
    for row in rows:
        row.sort(key=lambda box: box[1])
        words, heights, right = [row[0][4]], [row[0][3]], row[0][2]
        for _middle, left, box_right, height, text in row[1:]:
            if left - right > 2 * max(height, heights[-1]):
                lines.append(CardLine(" ".join(words), max(heights)))
                words, heights = [], []
            words.append(text)
            heights.append(height)
            right = box_right
        lines.append(CardLine(" ".join(words), max(heights)))
    return lines


# --- picking the fields --------------------------------------------------------------------------------

_I = re.IGNORECASE
_STRONG_INSTITUTION = re.compile(
    r"\b(?:universit\w*|universidad|college|hospital\w*|h[oô]pital\w*|klinik\w*|clinic\w*|clinique|"
    r"medical (?:cent(?:er|re)|school|college)|cancer (?:cent(?:er|re)|institute)|health ?(?:system|care|sciences?)|"
    r"institut\w*|school of medicine|faculty of medicine|infirmary|nhs|trust|foundation|charit[eé]|kaiser|"
    r"mayo|memorial|children'?s)\b",
    _I,
)
_WEAK_INSTITUTION = re.compile(
    r"\b(?:cent(?:er|re)|health|inc|gmbh|ltd|llc|ag|plc|corp(?:oration)?|associates)\b\.?", _I
)
_DEPARTMENT = re.compile(r"^(?:the\s+)?(?:department|dept\.?|division|section|unit|service)\s+(?:of|for)\s+(.+)$", _I)
_POSITION = re.compile(
    r"\b(?:professor|prof\.|lecturer|instructor|chair(?:man|woman|person)?|chief|director|head of|dean|president|"
    r"resident|fellow|registrar|consultant|attending|surgeon|physician|intern|student|pgy-? ?\d|ms ?[1-4]|"
    r"researcher|scientist|nurse|practitioner|manager|coordinator|officer|ceo|founder|partner|specialist|"
    r"clinician|trainee|postdoc\w*|faculty|\w+ologist|sales|engineer|representative)\b",
    _I,
)
# Words a badge prints for the wearer's role at the meeting, and lines naming the meeting itself.
_RIBBON = re.compile(
    r"^(?:speaker|invited speaker|faculty|attendee|delegate|participant|exhibitor|press|media|staff|guest|volunteer|"
    r"organi[sz]er|moderator|panell?ist|sponsor|member|non-member|vip|all access|full conference|hello,? my name is)$",
    _I,
)
_MEETING = re.compile(
    r"\b(?:congress|conference|meeting|summit|symposium|convention|assembly|annual|scientific sessions?|"
    r"20\d\d)\b",
    _I,
)
_ADDRESS = re.compile(
    r"\d.*\b(?:street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|way|place|pl|court|ct|square|sq|"
    r"suite|ste|floor|fl|building|bldg|room|rm|box|strasse|straße|str|rue|via|calle|platz|weg)\b\.?"
    r"|\b(?:suite|p\.?\s?o\.? box|floor)\s*\d|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b\d{4,5}\s+[A-Z][a-zäöüé]+\b"
    r"|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b",
    _I,
)
_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame|rev)\.?\s+", _I)
_POSTNOMINALS = frozenset(
    w.casefold()
    for w in (
        "MD DO PhD DPhil MBBS MBChB BMBS MB BS BCh BChir MS MSc MPH MBA MEd MA BA BSc MHS MMSc MSCI FRCS FRCSEd "
        "FRCSEng FRCSI FRCSC FACS FRACS FCS FRCP MRCS MRCP FEBS FASCRS FSSO FACOG FAAP FACP FASMBS FACC RN NP PA "
        "PA-C DNP DDS DMD Jr Sr II III IV"
    ).split()
)
_PARTICLES = frozenset("van von der den de del della di da dos das du la le bin binti al el ter ten y e zu af".split())
# Title-case words that make a line something other than a name ("Surgical Oncology", "New York").
_NOT_NAME_WORDS = frozenset(
    (
        "surgery surgical medicine medical oncology department division section program programme residency "
        "fellowship center centre hospital university college clinic institute health care research general trauma "
        "vascular cardiac cardiothoracic thoracic pediatric paediatric colorectal transplant breast plastic acute "
        "critical emergency congress conference meeting annual society association academy american national "
        "international school faculty speaker attendee delegate member exhibitor hello name my is the of and for "
        "street avenue road drive suite floor building boulevard science sciences innovation lab laboratory group "
        "team services service unit global partners solutions systems technologies minimally invasive robotic "
        "bariatric endocrine hepatobiliary pancreatic urology orthopaedic orthopedic neurosurgery otolaryngology "
        "ophthalmology anesthesia anesthesiology radiology pathology nursing public clinical translational outcomes "
        "quality safety education cancer heart spine digestive disease diseases city new san los las saint fort "
        "port mount county state republic kingdom united states usa germany canada france"
    ).split()
)
_NAME_PREFIXES = frozenset("mc mac fitz de di da du la le van von".split())
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-])*")


def pick_fields(lines: Iterable[CardLine | str], region: str = DEFAULT_PHONE_REGION) -> CardFields:
    """The name, institution, position, emails, phones and web addresses a card's lines give."""
    card = [_tidy(line) for line in lines]
    emails: list[str] = []
    phones: list[str] = []
    urls: list[str] = []
    parts: list[CardLine] = []  # what is left of each line once its contact details are taken
    for line in card:
        if not line.text:
            continue
        found = contacts_in_line(line.text, region)
        emails += [e for e in found.emails if e not in emails]
        phones += [p for p in found.phones if p not in phones]
        urls += [u for u in found.urls if u not in urls]
        if found.rest:
            parts.append(CardLine(" · ".join(found.rest), line.height))

    badge = False
    positions: list[str] = []
    institutions: list[tuple[int, str]] = []  # (strength, text)
    departments: list[str] = []
    other: list[str] = []
    names: list[tuple[CardLine, str]] = []
    pieces = [(line, piece) for line in parts for piece in _pieces(line.text)]
    for line, piece in pieces:
        kind = _kind(piece)
        if kind == "ribbon":
            badge = True
            if re.fullmatch(r"faculty", piece, _I) and not positions:
                positions.append("Faculty")
        elif kind == "meeting":
            badge = True
        elif kind == "position":
            positions.append(_unshouted(piece))
        elif kind == "institution":
            institutions.append((2 if _STRONG_INSTITUTION.search(piece) else 1, _unshouted(piece)))
        elif kind == "department":
            departments.append(piece)
            other.append(piece)
        elif kind == "name":
            names.append((CardLine(piece, line.height), _as_name(piece) or ""))
        else:
            other.append(piece)
    names = _join_split_names(names)
    name = _choose_name(names, emails)
    other += [piece.text for piece, cleaned in names if cleaned != name and not _single_word(piece.text)]
    institution = max(institutions, key=lambda found: found[0])[1] if institutions else ""
    other += [text for _strength, text in institutions if text != institution]
    order = {piece: index for index, (_line, piece) in reversed(list(enumerate(pieces)))}
    other.sort(key=lambda text: order.get(text, len(order)))
    specialty = _specialty(departments)
    return CardFields(
        name=name, institution=institution, position="; ".join(positions[:2]), emails=tuple(emails),
        phones=tuple(phones), urls=tuple(urls), specialty=specialty, other=tuple(other),
        badge=badge or not (emails or phones or urls),
    )  # fmt: skip


def _tidy(line: CardLine | str) -> CardLine:
    if isinstance(line, str):
        line = CardLine(line)
    text = unicodedata.normalize("NFKC", line.text).replace("’", "'")
    return CardLine(" ".join(text.split()), line.height)


def _pieces(text: str) -> list[str]:
    """A line as the pieces to classify: split at separators, and at a comma or " at " when the line mixes
    a position with an institution or a department ("Professor of Surgery, Lakeshore University")."""
    pieces = [p.strip(" ,;") for p in SEPARATORS.split(text) if p.strip(" ,;")]
    split: list[str] = []
    for piece in pieces:
        mixed = _POSITION.search(piece) and (
            _STRONG_INSTITUTION.search(piece) or re.search(r"\b(?:department|division)\b", piece, _I)
        )
        if mixed or (_as_name(piece) is None and _as_name(piece.split(",")[0]) is not None):
            split += [p.strip(" ,;") for p in re.split(r",\s*|\s+at\s+|\s+-\s+|\s+–\s+", piece) if p.strip(" ,;")]
        else:
            split.append(piece)
    return split


def _kind(piece: str) -> str:
    if _RIBBON.fullmatch(piece.strip(" .!:")):
        return "ribbon"
    if _DEPARTMENT.match(piece):
        return "department"
    if _MEETING.search(piece):
        return "meeting"
    strong = _STRONG_INSTITUTION.search(piece)
    if _POSITION.search(piece) and not strong:
        return "position"
    if strong:
        return "institution"
    if _ADDRESS.search(piece):
        return "address"
    if _as_name(piece) is not None or _single_word(piece):
        return "name"
    if _WEAK_INSTITUTION.search(piece):
        return "institution"
    return "other"


def _as_name(text: str) -> str | None:
    """The text as a person's name without honorific and degrees ("Dr. Amara Okafor, MD" → "Amara Okafor"),
    or None when it does not read as a name of two to five words."""
    text = text.strip()
    while _HONORIFIC.match(text):
        text = _HONORIFIC.sub("", text, count=1)
    text = text.split(",")[0]
    words = [part for word in text.split() for part in _unjoined(word)]
    while len(words) > 2 and words[-1].replace(".", "").casefold() in _POSTNOMINALS:
        words.pop()
    if not 2 <= len(words) <= 5:
        return None
    for word in words:
        if word.casefold() in _PARTICLES:
            continue
        if not _NAME_WORD.fullmatch(word) or not word[0].isupper() or word.strip(".").casefold() in _NOT_NAME_WORDS:
            return None
        if word.isupper() and len(word) > 1 and word.replace(".", "").casefold() in _POSTNOMINALS:
            return None
    if all(word.casefold() in _PARTICLES for word in words):
        return None
    name = " ".join(words)
    return _title_case(name) if name.isupper() else name


def _unjoined(word: str) -> list[str]:
    """A name whose space the reader lost, apart again ("PriyaRaman" → "Priya", "Raman"); a name that is
    written with a capital inside (McDonald, MacKenzie, DeAngelis, LeBlanc) stays whole."""
    kept = [word[:1]]
    for index in range(1, len(word)):
        letter = word[index]
        starts_word = letter.isupper() and word[index - 1].islower() and word[index + 1 : index + 2].islower()
        if starts_word and kept[-1].casefold() not in _NAME_PREFIXES:
            kept.append(letter)
        else:
            kept[-1] += letter
    return kept


def _single_word(text: str) -> bool:
    """One capitalised word that may be half of a name a badge prints on two lines ("AMARA" / "OKAFOR")."""
    word = text.strip()
    return (
        bool(_NAME_WORD.fullmatch(word)) and word[0].isupper() and len(word) > 1 and "." not in word
        and word.casefold() not in _NOT_NAME_WORDS and word.casefold() not in _POSTNOMINALS
    )  # fmt: skip


def _join_split_names(names: list[tuple[CardLine, str]]) -> list[tuple[CardLine, str]]:
    """A single word followed by a word or a name in letters of about one size is one name on two lines
    ("AMARA" / "OKAFOR"); a first name above the whole name ("Amara" / "Amara Okafor") is not."""
    joined: list[tuple[CardLine, str]] = []
    index = 0
    while index < len(names):
        line, cleaned = names[index]
        if not cleaned and index + 1 < len(names):
            after, after_cleaned = names[index + 1]
            similar = not line.height or not after.height or 0.7 <= line.height / after.height <= 1.45
            repeated = _fold(line.text) in _fold(after.text).split()
            if similar and not repeated:
                text = f"{line.text} {after.text}"
                joined.append((CardLine(text, max(line.height, after.height)), _as_name(text) or ""))
                index += 2
                continue
        if cleaned:
            joined.append((line, cleaned))
        index += 1
    return [(line, cleaned) for line, cleaned in joined if cleaned]


def _choose_name(names: list[tuple[CardLine, str]], emails: list[str]) -> str:
    """The likeliest name: large letters, a title or degrees around it, words of it in an email address."""
    if not names:
        return ""
    tallest = max(line.height for line, _cleaned in names) or 1.0
    locals_ = " ".join(email.split("@")[0].casefold() for email in emails)

    def score(entry: tuple[int, tuple[CardLine, str]]) -> float:
        order, (line, cleaned) = entry
        value = 2 * line.height / tallest - 0.1 * order
        if line.text != cleaned:  # it carried "Dr." or ", MD": names carry those, other lines do not
            value += 1
        if any(len(word) > 2 and _fold(word) in locals_ for word in re.split(r"[\s-]+", cleaned)):
            value += 1.5
        return value

    return max(enumerate(names), key=score)[1][1]


def _specialty(departments: list[str]) -> str:
    """The most specific field a department line gives: a division or section before the department."""
    ordered = sorted(
        departments, key=lambda text: 0 if re.match(r"(?:the\s+)?(?:division|section|unit)", text, _I) else 1
    )
    for text in ordered:
        match = _DEPARTMENT.match(text)
        if match:
            return match.group(1).strip(" .,")
    return ""


def _title_case(text: str) -> str:
    """AMARA OKAFOR-LINDQVIST → Amara Okafor-Lindqvist; particles stay lower case (van, de)."""
    words = []
    for word in text.split():
        lower = word.lower()
        words.append(lower if lower in _PARTICLES else lower.title())
    return " ".join(words)


def _unshouted(text: str) -> str:
    """A line printed in capitals in ordinary case (CHIEF RESIDENT → Chief Resident); short words such as
    acronyms (NHS, PGY-3) stay as printed."""
    if not text.isupper():
        return text
    small = {"of", "and", "the", "for", "in", "at", "de", "la", "für", "und"}
    words = []
    for word in text.split():
        lower = word.lower()
        words.append(lower if lower in small else lower.title() if len(word) > 3 and word.isalpha() else word)
    return " ".join(words)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
