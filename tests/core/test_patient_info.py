"""The patient-information guard: identifiers in notes get a warning; ordinary conference notes do not."""

from __future__ import annotations

import pytest

from conference_app.core.domain.patient_info import PatientInfoWarning, patient_info_warnings


def warned(text: str) -> list[str]:
    return [str(w) for w in patient_info_warnings(text)]


@pytest.mark.parametrize(
    ("text", "found", "reason"),
    [
        # record numbers, labelled or bare
        ("MRN 12345678", "MRN 12345678", "a medical record number"),
        ("her MRN: 1234567 from the case", "MRN: 1234567", "a medical record number"),
        ("mrn#00123456", "mrn#00123456", "a medical record number"),
        ("medical record number 4455667", "medical record number 4455667", "a medical record number"),
        ("chart # 99887766", "chart # 99887766", "a medical record number"),
        ("NHS number 943 476 5919", "NHS number 943 476 5919", "a medical record number"),
        ("the one with 00482913 on the wristband", "00482913", "a medical record number"),
        # dates of birth
        ("DOB 03/14/1962", "DOB 03/14/1962", "a date of birth"),
        ("D.O.B. 14.03.1962", "D.O.B. 14.03.1962", "a date of birth"),
        ("date of birth: 1962-03-14", "date of birth: 1962-03-14", "a date of birth"),
        ("born 14 March 1962", "born 14 March 1962", "a date of birth"),
        ("b. 3/14/62", "b. 3/14/62", "a date of birth"),
        ("the case from 3/14/1958", "3/14/1958", "a date of birth"),
        # "patient" followed by a name, or a title and name in a sentence about a case
        ("discussed patient John Carter", "patient John Carter", "a patient's name"),
        ("pt. Jones again", "pt. Jones", "a patient's name"),
        ("patient J. Doe", "patient J. Doe", "a patient's name"),
        ("the patient, Mr. Carter, was admitted", "Mr. Carter", "a patient's name"),
        ("Mrs. Lopez, the case we discussed", "Mrs. Lopez", "a patient's name"),
        # beds
        ("bed 12", "bed 12", "a bed number"),
        ("ICU Bed #4B", "Bed #4B", "a bed number"),
        ("bay 3 in resus", "bay 3", "a bed number"),
        ("cubicle 7", "cubicle 7", "a bed number"),
        # social security numbers
        ("SSN 123-45-6789", "123-45-6789", "a social security number"),
    ],
)
def test_identifiers_are_warned_about(text: str, found: str, reason: str) -> None:
    assert patient_info_warnings(text) == [PatientInfoWarning(found, reason)]


@pytest.mark.parametrize(
    "text",
    [
        "poster 214",
        "Poster 2214, abstract 88",
        "PGY-3 at Lakeshore, PGY3 since July",
        "the 2026 match",
        "Dr. Patel's registry",
        "Dr. Patel's patient registry",
        "call me at 312-555-0142",
        "+1 (312) 555-0142",
        "3125550142",
        "13125550142",
        "phone +44 20 7946 0958",
        "pager 4411, room 412",
        "Hall B at 10:30",
        "Zoom 812 3456 7890",
        "her 2019 paper in JAMA Surgery",
        "NSQIP 2018-2022 data, 1,234,567 patients",
        "RCT of 1200 patients",
        "12 patients with leaks",
        "patient safety, patient-reported outcomes, patients in the trial",
        "Patient Safety Committee chair",
        "Mr. Smith gave the keynote",
        "ask Mrs. Lopez about the fellowship",
        "Mr. Patel, the program director, is chair",
        "Ms. Okafor runs the trauma registry",
        "meeting on 10/18/2026 at the reception",
        "met at 10/17/26 reception",
        "ACS Clinical Congress 2026, Oct 18",
        "ORCID 0000-0002-1825-0097",
        "doi 10.1001/jamasurg.2023.1234",
        "bedside teaching, bed capacity",
        "case series of 45, case volume 1200/yr",
        "his 1998 landmark trial",
        "b. 1962 in Accra",
        "born in the 1970s",
        "",
    ],
)
def test_ordinary_notes_raise_no_false_alarm(text: str) -> None:
    assert warned(text) == []


def test_several_findings_come_in_the_order_written_once_each() -> None:
    text = "Patient chat: bed 12, MRN 00482913, DOB 1/2/1957; later patient John Carter (MRN 00482913)."

    assert warned(text) == [
        "“bed 12” looks like a bed number",
        "“MRN 00482913” looks like a medical record number",
        "“DOB 1/2/1957” looks like a date of birth",
        "“patient John Carter” looks like a patient's name",
        "“MRN 00482913” looks like a medical record number",
    ]


@pytest.mark.parametrize("text", ["Patient John Carter had a leak", "Pt. Jones, POD 3", "PATIENT JOHN CARTER"])
def test_a_capitalised_patient_followed_by_a_name_is_warned_about(text: str) -> None:
    assert [w.reason for w in patient_info_warnings(text)] == ["a patient's name"]


def test_a_patient_label_followed_by_a_name_is_warned_about() -> None:
    assert [w.reason for w in patient_info_warnings("patient: Maria Lopez, the leak")] == ["a patient's name"]


@pytest.mark.parametrize("text", ["PMID 31234567", "her trial NCT04234567", "see doi 10.1056/NEJMoa2034577"])
def test_research_identifiers_raise_no_false_alarm(text: str) -> None:
    assert warned(text) == []


@pytest.mark.parametrize(
    "text", ["Mr Ng presented a case series on robotic hernia repair", "Ms Okafor operated on the first robotic Whipple"]
)
def test_a_uk_consultants_title_is_not_a_patient(text: str) -> None:
    assert warned(text) == []


def test_a_conference_venue_is_not_a_bed() -> None:
    assert warned("see you at Mandalay Bay 2026") == []
