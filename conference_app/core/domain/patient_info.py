"""A guard against patient information in notes and emails.

Surgeons talk about cases; a trainee's notes must never carry an identifiable patient. These
rules look for the shapes identifiers take (record numbers, dates of birth, "patient" followed by
a name, bed numbers) and say what they found. They warn; the user decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A record number: labelled (MRN, record no., chart #) or a bare run of 7–10 digits.
_LABELLED_RECORD = re.compile(
    r"\b(?:MRN|medical record(?: number| no\.?)?|record (?:number|no\.?|#)|chart (?:number|no\.?|#)|"
    r"hospital (?:number|no\.?)|NHS (?:number|no\.?))\s*[:#]?\s*[A-Z]?\d[\d -]{3,}\d",
    re.IGNORECASE,
)
_BARE_RECORD = re.compile(r"(?<![\w./+-])\d{7,10}(?![\d./-])")
# Research identifiers written after a conversation are not patients' numbers.
_RESEARCH_ID = re.compile(r"\b(?:PMID|PMCID|ISBN|ISSN|DOI|NCT|trial|study)\s*[:#]?\s*$", re.IGNORECASE)
_PHONE_LIKE = re.compile(r"^(?:\+?1)?\d{10}$")
_DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]{2,8} (?:19|20)\d{2})"
_BIRTH_DATE = re.compile(
    rf"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?|b\.)\s*[:]?\s*{_DATE}", re.IGNORECASE
)
_OLD_FULL_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](19\d{2})\b|\b(19\d{2})-\d{2}-\d{2}\b")
_NAME = r"(?:[A-Z][A-Za-z'’-]+|[A-Z]\.)(?:\s+[A-Z][A-Za-z'’-]+)?"
# "Patient Safety", "Patient-Reported Outcomes": the words that follow "patient" in a title, not a name.
_NOT_A_NAME = (
    r"(?!(?:Safety|Care|Experience|Outcomes?|Education|Advocacy|Advocate|Centered|Centred|Reported|Portal|Flow|"
    r"Satisfaction|Engagement|Quality|Selection|Positioning|Blood|Management|Registry|Records?)\b)"
)
_PATIENT_NAME = re.compile(rf"\b(?:[Pp]atient|PATIENT|[Pp]t\.?|PT\.?)(?:\s*:\s*|\s+){_NOT_A_NAME}{_NAME}")
_TITLED_NAME = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss)\.?\s+{_NAME}")
_BED = re.compile(r"\b(?:bed|bay|cubicle)\s*(?:no\.?|number|#)?\s*\d{1,3}[A-Z]?\b", re.IGNORECASE)
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")


@dataclass(frozen=True)
class PatientInfoWarning:
    found: str  # the words that look like an identifier, as written
    reason: str  # what they look like, in plain words

    def __str__(self) -> str:
        return f"“{self.found}” looks like {self.reason}"


def patient_info_warnings(text: str) -> list[PatientInfoWarning]:
    """What in `text` looks like identifiable patient information, in the order it appears."""
    found: list[tuple[int, PatientInfoWarning]] = []
    taken: list[range] = []

    def add(match: re.Match[str], reason: str) -> None:
        span = range(match.start(), match.end())
        if any(span.start < t.stop and t.start < span.stop for t in taken):
            return  # one warning for one place in the text
        taken.append(span)
        found.append((match.start(), PatientInfoWarning(match.group(0).strip(), reason)))

    for match in _LABELLED_RECORD.finditer(text):
        add(match, "a medical record number")
    for match in _BIRTH_DATE.finditer(text):
        add(match, "a date of birth")
    for match in _SSN.finditer(text):
        add(match, "a social security number")
    for match in _BED.finditer(text):
        add(match, "a bed number")
    for match in _PATIENT_NAME.finditer(text):
        add(match, "a patient's name")
    for match in _TITLED_NAME.finditer(text):
        if _near_patient_word(text, match.start()):  # Mr and Ms are also how UK surgeons are addressed
            add(match, "a patient's name")
    for match in _BARE_RECORD.finditer(text):
        if not _PHONE_LIKE.match(match.group(0)) and not _RESEARCH_ID.search(text[max(0, match.start() - 12) : match.start()]):
            add(match, "a medical record number")
    for match in _OLD_FULL_DATE.finditer(text):
        add(match, "a date of birth")
    return [warning for _start, warning in sorted(found, key=lambda item: item[0])]


def _near_patient_word(text: str, position: int) -> bool:
    """A title and name counts as a patient's only when the sentence is about a patient in hospital."""
    sentence_start = max(text.rfind(".", 0, max(position - 1, 0)), text.rfind("\n", 0, position)) + 1
    sentence = text[sentence_start : position + 80].casefold()
    return any(word in sentence for word in ("patient", "the case", "admitted", "post-op", "discharged", " bed ", "her ct", "his ct"))
