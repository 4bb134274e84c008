"""Picking who a card or badge is about out of its lines of text (no OCR here: the lines are given)."""

from __future__ import annotations

from conference_app.core.domain.card_contacts import contacts_in_line
from conference_app.core.domain.card_fields import CardFields, CardLine, lines_from_boxes, pick_fields


def test_a_business_card_gives_every_field() -> None:
    fields = pick_fields([
        "Dr. Amara Okafor-Lindqvist, MD, FACS",
        "Associate Professor of Surgery",
        "Division of Surgical Oncology",
        "Lakeshore University Medical Center",
        "1200 Lake Shore Drive, Suite 400",
        "Chicago, IL 60611",
        "amara.okafor@lakeshore-med.example",
        "Tel +1 (312) 555-0147 | Fax +1 (312) 555-0199",
        "www.lakeshore-med.example/okafor",
    ])  # fmt: skip

    assert fields == CardFields(
        name="Amara Okafor-Lindqvist",
        institution="Lakeshore University Medical Center",
        position="Associate Professor of Surgery",
        emails=("amara.okafor@lakeshore-med.example",),
        phones=("+1 312-555-0147",),  # the fax number is not for calling
        urls=("https://www.lakeshore-med.example/okafor",),
        specialty="Surgical Oncology",
        other=("Division of Surgical Oncology", "1200 Lake Shore Drive, Suite 400", "Chicago, IL 60611"),
        badge=False,
    )


def test_a_badge_names_its_wearer_on_two_lines_in_capitals_beside_the_meeting_and_a_ribbon() -> None:
    fields = pick_fields([
        CardLine("ACS Clinical Congress 2026", 20),
        CardLine("AMARA", 64),
        CardLine("O'NEIL-DE LA CRUZ", 60),
        CardLine("Lakeshore University", 26),
        CardLine("FACULTY", 30),
    ])  # fmt: skip

    assert fields.name == "Amara O'Neil-De la Cruz"
    assert fields.institution == "Lakeshore University"
    assert fields.position == "Faculty"
    assert fields.badge
    assert (fields.emails, fields.phones, fields.urls) == ((), (), ())


def test_the_tallest_name_like_line_is_the_name_not_the_first() -> None:
    fields = pick_fields([
        CardLine("Maria Gonzalez", 18),  # the assistant to write to, in small print
        CardLine("Kwame Mensah", 48),
        CardLine("Program Director", 22),
    ])  # fmt: skip

    assert fields.name == "Kwame Mensah"
    assert fields.position == "Program Director"
    assert fields.other == ("Maria Gonzalez",)


def test_without_letter_sizes_the_name_in_the_email_address_wins() -> None:
    fields = pick_fields(["Hannah Whitfield", "Sofia Marchetti", "sofia.marchetti@riverside.example"])

    assert fields.name == "Sofia Marchetti"


def test_a_name_whose_space_the_reader_lost_is_parted_again_but_not_mackenzie() -> None:
    assert pick_fields([CardLine("PriyaRaman", 40), CardLine("Fellow", 20)]).name == "Priya Raman"
    assert pick_fields([CardLine("Ewan MacKenzie", 40)]).name == "Ewan MacKenzie"
    assert pick_fields([CardLine("ŁucjaMcDonald-Świątek", 40)]).name == "Łucja McDonald-Świątek"


def test_a_line_mixing_position_and_institution_is_split_between_them() -> None:
    fields = pick_fields(["Priya Raman MBBS FRCS", "Professor of Surgery, Riverside General Hospital"])

    assert (fields.name, fields.position, fields.institution) == (
        "Priya Raman", "Professor of Surgery", "Riverside General Hospital",
    )  # fmt: skip


def test_specialty_and_city_lines_are_not_taken_for_a_name() -> None:
    fields = pick_fields(["General Surgery", "New York", "Thomas Becker", "Surgical Oncology"])

    assert fields.name == "Thomas Becker"


def test_the_meeting_line_is_not_the_institution_even_when_it_names_a_college() -> None:
    fields = pick_fields(["American College of Surgeons Clinical Congress 2026", "Lena Fischer", "Charité Berlin"])

    assert (fields.name, fields.institution, fields.badge) == ("Lena Fischer", "Charité Berlin", True)


def test_contacts_are_read_through_labels_stray_spaces_and_separators() -> None:
    found = contacts_in_line("E: amara.okafor @lakeshore.edu • M: +44 7700 900123 • X: @amara_md")

    assert found.emails == ("amara.okafor@lakeshore.edu",)
    assert found.phones == ("+44 7700 900123",)
    assert found.urls == ("https://x.com/amara_md",)
    assert found.rest == ()


def test_not_everything_with_a_dot_or_an_at_sign_is_an_address() -> None:
    found = contacts_in_line("Jonas Weber, M.Sc, Ph.D · jonas@localhost · e.g. St.Louis")

    assert (found.emails, found.urls, found.phones) == ((), (), ())
    assert found.rest == ("Jonas Weber, M.Sc, Ph.D", "jonas@localhost", "e.g. St.Louis")


def test_web_addresses_linkedin_and_orcid_become_links() -> None:
    found = contacts_in_line("linkedin.com/in/priya-raman | ORCID iD 0000-0002-1825-009x | ucl.ac.uk")

    assert found.urls == (
        "https://linkedin.com/in/priya-raman", "https://orcid.org/0000-0002-1825-009X", "https://ucl.ac.uk",
    )  # fmt: skip
    assert found.rest == ()


def test_phone_extensions_and_numbers_without_country_code() -> None:
    found = contacts_in_line("T: 312.555.0147 ext. 22   Pager 312-555-0101")

    assert found.phones == ("+1 312-555-0147 ext. 22", "+1 312-555-0101")


def test_the_details_for_the_capture_dialog_carry_orcid_apart_and_the_other_lines_as_a_note() -> None:
    fields = pick_fields([
        "Lena Fischer",
        "Charité – Universitätsmedizin Berlin",
        "Klinik für Chirurgie",
        "Charitéplatz 1, 10117 Berlin",
        "https://orcid.org/0000-0002-1825-0097",
        "lena.fischer@charite.example",
    ])  # fmt: skip

    details = fields.details()

    assert details.name == "Lena Fischer"
    assert details.institution == "Charité – Universitätsmedizin Berlin"
    assert details.orcid == "0000-0002-1825-0097"
    assert details.urls == ()
    assert details.note == "From the card: Klinik für Chirurgie; Charitéplatz 1, 10117 Berlin"
    assert fields.as_json() == {
        "name": "Lena Fischer", "institution": "Charité – Universitätsmedizin Berlin", "position": "",
        "emails": ["lena.fischer@charite.example"], "phones": [], "urls": ["https://orcid.org/0000-0002-1825-0097"],
    }  # fmt: skip


def test_nothing_to_go_on_gives_empty_fields() -> None:
    assert pick_fields([]) == CardFields(badge=True)
    assert pick_fields(["", "   ", "©"]).name == ""


def test_text_boxes_join_into_lines_in_reading_order() -> None:
    def box(left: float, top: float, width: float, height: float, text: str) -> tuple[list[tuple[float, float]], str]:
        return [(left, top), (left + width, top), (left + width, top + height), (left, top + height)], text

    lines = lines_from_boxes([
        box(60, 210, 300, 30, "amara@lakeshore.example"),
        box(60, 40, 160, 60, "Amara"),
        box(235, 44, 220, 58, "Okafor"),  # the same row, a word's gap away: one line
        box(700, 212, 200, 28, "+1 312 555 0147"),  # the same row, far to the right: a second column
        box(60, 130, 420, 32, "Lakeshore University"),
    ])  # fmt: skip

    assert lines == [
        CardLine("Amara Okafor", 60),
        CardLine("Lakeshore University", 32),
        CardLine("amara@lakeshore.example", 30),
        CardLine("+1 312 555 0147", 28),
    ]
