"""When two records are one person: the same email, phone or ORCID iD at once; a close name at the
same institution only as an offer."""

from __future__ import annotations

import pytest

from conference_app.core.domain.contact_matching import (
    email_key,
    institution_key,
    is_same_card,
    may_be_same_person,
    name_key,
    orcid_key,
    phone_key,
    same_institution,
    similar_names,
    url_key,
)
from conference_app.core.domain.people import ContactDetails, find_orcid

LAKESHORE = "Lakeshore University Medical Center"


# --- exact keys ----------------------------------------------------------------------------------


def test_emails_match_whatever_the_case_and_spaces() -> None:
    assert email_key("  Amara.Osei@Lakeshore.EXAMPLE ") == email_key("amara.osei@lakeshore.example")
    assert email_key("amara.osei@lakeshore.example") != email_key("amaraosei@lakeshore.example")


@pytest.mark.parametrize(
    "written",
    ["+1 (312) 555-0142", "312-555-0142", "(312) 555 0142", "312.555.0142", "3125550142", "tel:+1-312-555-0142",
     "+1 312 555 0142", "001 312 555 0142"],
)
def test_a_north_american_number_matches_however_it_is_written(written: str) -> None:
    assert phone_key(written) == "13125550142"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("+44 20 7946 0958", "+44 (0)20 7946 0958"),  # the trunk zero in brackets, as UK cards write it
        ("+49 30 450 50", "0049 30 4505 0"),
    ],
)
def test_an_international_number_matches_with_or_without_its_trunk_prefix(first: str, second: str) -> None:
    assert phone_key(first) == phone_key(second) != ""


def test_different_numbers_and_countries_do_not_match() -> None:
    assert phone_key("312-555-0142") != phone_key("312-555-0143")
    assert phone_key("+44 312 555 0142") != phone_key("+1 312 555 0142")
    # too short to say anything: no key, so never a match
    assert phone_key("4411") == phone_key("") == phone_key("x 12") == ""


def test_extensions_of_one_switchboard_are_different_phones() -> None:
    assert phone_key("+1 312-555-0100 ext. 4411") != phone_key("+1 312-555-0100 ext. 4412")
    assert phone_key("+1 312-555-0100 ext. 4411") == phone_key("(312) 555-0100 x4411")
    assert phone_key("+1 312-555-0100 ext. 4411") != phone_key("+1 312-555-0100")


def test_web_addresses_match_without_scheme_www_query_or_trailing_slash() -> None:
    assert url_key("https://www.linkedin.com/in/AmaraOsei/") == url_key("linkedin.com/in/amaraosei?trk=card") == (
        "linkedin.com/in/amaraosei"
    )
    assert url_key("https://x.com/aosei") != url_key("https://x.com/aosei2")


def test_orcid_is_found_in_an_identifier_or_an_address_and_upper_cased() -> None:
    assert orcid_key("https://orcid.org/0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert orcid_key("0000-0002-1825-0097") == find_orcid("ORCID: 0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert orcid_key("https://www.linkedin.com/in/amaraosei") == ""
    assert orcid_key("0000000218250097") == ""  # not written the way ORCID writes it


# --- close names at the same institution ---------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["Amara Osei", "Dr. Amara Osei", "Dr Amara Osei, MD", "Amara Osei, MD, PhD", "Amara Osei, MD, FACS",
     "Prof. Amara Osei", "Osei, Amara", "AMARA OSEI", "Amara Osei, DO"],
)
def test_names_match_without_titles_degrees_case_or_order(written: str) -> None:
    assert name_key(written) == "amara osei"


def test_names_match_without_accents() -> None:
    assert name_key("Prof. Zoë Müller") == name_key("Zoe Muller") == "zoe muller"
    assert similar_names("José Núñez", "Jose Nunez")


@pytest.mark.parametrize("written", ["Mr John Smith FRCS", "Mr. John Smith FRCS (Gen Surg)", "John Smith MBBS"])
def test_uk_post_nominals_are_degrees_too(written: str) -> None:
    assert name_key(written) == "john smith"
    assert may_be_same_person(written, "St Thomas' Hospital", "John Smith", "St Thomas' Hospital")


@pytest.mark.parametrize("written", ["Jun MA", "MA Jun", "Jun MA, MD"])
def test_a_family_name_in_capitals_is_not_taken_for_a_degree(written: str) -> None:
    assert may_be_same_person(written, "Peking Union Medical College", "Jun Ma", "Peking Union Medical College")


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Amara Osei", "Amara Osie"),  # a typo
        ("Dr. Amara K. Osei", "Amara Osei"),  # a middle initial
        ("Jon Smith", "John Smith"),
        ("Wei Li", "Li Wei"),  # family name first, as on many cards
    ],
)
def test_close_names_are_similar(name: str, other: str) -> None:
    assert similar_names(name, other)
    assert similar_names(other, name)


@pytest.mark.parametrize(
    ("name", "other"),
    [("Amara Osei", "Kwame Osei"), ("Amara Osei", "Amara Mensah"), ("Li Wei", "Li Na"), ("", ""), ("Amara Osei", "")],
)
def test_different_names_are_not_similar(name: str, other: str) -> None:
    assert not similar_names(name, other)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (LAKESHORE, "Lakeshore Univ. Medical Center"),
        (LAKESHORE, "lakeshore university medical centre"),
        ("University of Chicago", "The University of Chicago Medicine"),
        ("Charité – Universitätsmedizin Berlin", "Charite Universitatsmedizin Berlin"),
    ],
)
def test_one_institution_written_two_ways_is_the_same(first: str, second: str) -> None:
    assert same_institution(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("University of Chicago", "University of Michigan"),
        ("University Hospital Cologne", "University Hospital Bonn"),
        ("Massachusetts General Hospital", "Brigham and Women's Hospital"),
        (LAKESHORE, ""),  # an unknown institution is never the same
        ("University Hospital", "Medical Center"),  # nothing but generic words
    ],
)
def test_different_institutions_are_not_the_same(first: str, second: str) -> None:
    assert not same_institution(first, second)


def test_a_close_name_needs_the_same_institution_to_be_offered() -> None:
    assert may_be_same_person("Dr. Amara Osei, MD", "Lakeshore Univ. Medical Center", "Amara Osei", LAKESHORE)
    assert may_be_same_person("Maria Garcia", "Hospital Clínic Barcelona", "Mario Garcia", "Hospital Clinic Barcelona")
    # the same name elsewhere, or with no institution known, is somebody else until the user says so
    assert not may_be_same_person("John Smith", "University of Chicago", "John Smith", "University of Michigan")
    assert not may_be_same_person("Li Wei", "", "Li Wei", "")
    assert not may_be_same_person("Amara Osei", LAKESHORE, "Kwame Mensah", LAKESHORE)


def test_the_very_same_card_is_recognised_but_a_close_one_is_not() -> None:
    assert is_same_card("Li Wei", "Peking Union Medical College", "LI  WEI", "peking union medical college")
    assert is_same_card("Dr. Amara Osei", LAKESHORE, "Amara Osei, MD", LAKESHORE)
    assert not is_same_card("Amara Osei", LAKESHORE, "Amara Osie", LAKESHORE)
    assert not is_same_card("Amara Osei", LAKESHORE, "Amara Osei", "Prairie Crest University Hospital")
    assert not is_same_card("", "", "", "")


def test_institution_keys_drop_generic_words_and_accents() -> None:
    assert institution_key("The University of Chicago Medical Center") == "chicago"
    assert institution_key("Hôpital Lariboisière") == "hopital lariboisiere"


def test_a_card_with_only_an_email_is_named_after_it() -> None:
    assert ContactDetails(emails=("a@b.example", "c@d.example")).with_name_fallback().name == "a@b.example"
    assert ContactDetails(name="Amara", emails=("a@b.example",)).with_name_fallback().name == "Amara"
    assert ContactDetails().with_name_fallback().name == ""
