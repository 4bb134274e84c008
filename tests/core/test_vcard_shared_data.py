"""Every real vCard file in ../shared/data/vcard, read as the app reads a .vcf the user imports.

What each file holds is described in ../shared/data/SOURCES.md; the values asserted here were
read off the files themselves.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from conference_app.core.domain.people import ContactDetails
from conference_app.core.importers.vcard import CardProblem, VcardReadResult, read_vcard_file
from tests.conftest import shared_file

pytestmark = pytest.mark.shared_data


def read(name: str) -> VcardReadResult:
    return read_vcard_file(shared_file(f"vcard/{name}"))


def only_card(name: str) -> ContactDetails:
    result = read(name)
    assert result.numbers == [1], result.problems
    return result.cards[0]


def photo_size(details: ContactDetails) -> tuple[int, int]:
    assert details.photo is not None
    with Image.open(io.BytesIO(details.photo)) as image:
        assert image.format == "JPEG"
        return image.size


# --- vCard 2.1 from Android's own importer tests -------------------------------------------------


def test_aosp_backslash_escapes_stay_in_the_name() -> None:
    card = only_card("aosp-v21_backslash.vcf")
    # FN:A;B\C\;D:E\\ — the escaped ';' and '\\' are undone, the stray '\C' is kept as written.
    assert card.name == "A;B\\C;D:E\\"
    assert (card.emails, card.phones) == ((), ())


def test_aosp_complicated_card_with_qp_note_and_empty_photo() -> None:
    result = read("aosp-v21_complicated.vcf")
    card = result.cards[0]
    assert card.name == "Joe Due"  # FN wins over N (Gump;Forrest;…)
    # ORG with an escaped ';' inside a unit: the units follow the organisation.
    assert card.institution == "Gump Shrimp Co., Sales Dept.;Manager, Fish keeper"
    assert card.position == "Shrimp Man"  # TITLE before ROLE
    assert card.emails == ("forrestgump@walladalla.com", "cell@example.com")
    assert card.phones == ("(111) 555-1212", "(404) 555-1212", "0311111111", "0322222222", "0333333333")
    assert card.urls == ("http://www.example.com/",)
    # Two NOTEs; the second is quoted-printable with soft breaks, one continuation starting with a space.
    assert card.note.startswith(
        "The following note is the example from RFC 2045.\n"
        "Now's the time for all folk to come to the aid of their country.\n"
    )
    assert "Home address: 42 Plantation St., Baytown, LA 30314, United States of America" in card.note
    # The empty PHOTO is skipped; the base64 block after the blank line is the real picture.
    assert photo_size(card) == (96, 72)
    assert result.problems == []


def test_aosp_comment_lines_are_skipped_but_not_a_qp_continuation_starting_with_hash() -> None:
    card = only_card("aosp-v21_invalid_comment_line.vcf")
    assert card.name == "Conference Call"
    assert card.note == "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."


def test_aosp_shift_jis_name_without_fn() -> None:
    card = only_card("aosp-v21_japanese_1.vcf")
    assert card.name == "安藤ロイド"  # N;CHARSET=SHIFT_JIS, family name only
    assert card.phones == ("0300000000",)


def test_aosp_malformed_photo_is_dropped_with_a_warning() -> None:
    result = read("aosp-v21_malformed_photo.vcf")
    assert [card.name for card in result.cards] == ["fullname"]
    assert result.cards[0].photo is None
    assert result.problems == [CardProblem(1, "photo dropped: the photo data is not valid base64")]


def test_aosp_three_shift_jis_cards_separated_by_blank_lines() -> None:
    result = read("aosp-v21_multiple_entry.vcf")
    assert result.numbers == [1, 2, 3]
    assert [card.name for card in result.cards] == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]
    assert [card.phones for card in result.cards] == [
        ("9", "10", "11", "12"),
        ("13", "14", "15", "16"),
        ("17", "18", "19", "20"),
    ]
    assert result.problems == []


def test_aosp_ios_613_groups_and_photo_on_continuation_lines() -> None:
    card = only_card("aosp-v30_ios_613_multiline.vcf")
    assert card.name == "Bob Smith"
    assert card.institution == "Smith Auto Repair"
    assert card.emails == ("bob@smithauto.com",)  # item1.EMAIL
    assert card.phones == ("(650) 555-1212",)
    assert card.urls == ("www.smithauto.com",)  # item2.URL with its X-ABLabel
    assert photo_size(card) == (50, 50)


# --- exports of phones and address books ---------------------------------------------------------


def test_davx5_all_fields() -> None:
    card = only_card("davx5-vcard4android-allfields-vcard3.vcf")
    assert card.name == "Ämi Display"  # FN;CHARSET=UTF-8
    assert card.institution == "ABC, Inc., North American Division, Marketing"
    assert card.position == "Director, Research and Development"
    assert card.emails == ("private@example.com", "work@example.com")
    assert card.phones == ("+49 1234 56788", "+1-800-MYFAX")
    assert card.urls == ("https://www.davx5.com/", "http://www.swbyps.restaurant.french/~chezchic.html")
    # A NOTE folded with a double-space continuation keeps one space.
    assert card.note.startswith("This fax number is operational 0800 to 1715 EST, Mon-Fri.\nSecond note\n")
    assert "Teststraße 22, Mönchspfaffingen, 4043, Klöster-Reich" in card.note
    assert photo_size(card) == (32, 10)


def test_ezvcard_android_qp_names_and_email_only_cards() -> None:
    result = read("ezvcard-John_Doe_ANDROID.vcf")
    assert result.numbers == [1, 2, 3, 4, 5, 6]
    names = [card.name for card in result.cards]
    # The first two cards have only an EMAIL: they are named after it.
    assert names[:2] == ["john.doe@company.com", "jane.doe@company.com"]
    assert names[2:] == ["Ñ Ñ Ñ Ñ Ñ", " ".join(["Ñ"] * 11), "Ñ Ñ Ñ Ñ", "ÑÑÑÑ"]
    fourth, fifth, sixth = result.cards[3], result.cards[4], result.cards[5]
    assert fourth.phones == ("123456", "234567", "3456789", "45678901")
    # Two QP NOTEs of 8 + 8 + 5 characters over three soft-broken lines each.
    assert fourth.note.count("\n") == 1 and fourth.note.count("Ñ") == 42
    # The QP EMAIL of Ñs is no address and is left out; the QP ORG joins its soft-broken lines.
    assert (fifth.emails, fifth.institution) == (("bob@company.com",), "Ñ" * 12)
    assert fifth.urls == ("www.company.com", "http://www.company.com")
    assert (sixth.emails, sixth.institution) == (("henry@company.com",), "Ñ" * 44)
    # Card 5's photo is truncated base64: dropped, with the card kept.
    assert fifth.photo is None
    assert result.problems == [CardProblem(5, "photo dropped: the photo data is not valid base64")]


def test_ezvcard_gmail_export() -> None:
    card = only_card("ezvcard-John_Doe_GMAIL.vcf")
    assert card.name == "Mr. John Richter, James Doe Sr."
    assert (card.institution, card.position) == ("IBM", "Money Counter")
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones == ("905-555-1234", "905-666-1234")
    assert card.urls == ("http://www.ibm.com",)  # written http\://www.ibm.com
    assert "EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue\n" in card.note
    # The ADR's street holds escaped line breaks and commas, and is folded.
    assert card.note.endswith(
        "Home address: Crescent moon drive, 555-asd, Nice Area, Albaney, New York 12345, United States of America"
    )


def test_ezvcard_iphone_export_with_crcrlf_lines_and_large_photo() -> None:
    card = only_card("ezvcard-John_Doe_IPHONE.vcf")
    assert card.name == "Mr. John Richter James Doe Sr."
    assert (card.institution, card.position) == ("IBM, Accounting", "Money Counter")
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones == tuple(f"905-{n}-1234" for n in (555, 666, 777, 888, 999, 111, 222))
    assert card.urls == ("http://www.ibm.com",)
    assert card.note == (
        "Home address: Silicon Alley 5, New York, 12345, United States of America\n"
        "Work address: Street4, Building 6, Floor 8, New York, 12345, USA"
    )
    assert photo_size(card) == (256, 256)  # scaled down


def test_ezvcard_lotus_notes_export() -> None:
    card = only_card("ezvcard-John_Doe_LOTUS_NOTES.vcf")
    assert card.name == "Mr. Doe John I Johny"
    assert (card.institution, card.position) == ("IBM, SUN", "Generic Accountant")
    assert card.emails == ("john.doe@ibm.com", "billy_bob@gmail.com")
    assert card.phones == ("+1 (212) 204-34456", "00-1-212-555-7777")
    assert card.urls == ("http://www.sun.com",)
    assert card.note.startswith('THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"\nAND ANY')
    assert card.note.endswith(
        "Home address: John Doe, New York, NewYork, South Crecent Dr ive, Building 5, floor 3, USA"
    )
    assert photo_size(card) == (200, 200)


def test_ezvcard_mac_address_book_with_mixed_line_ends_and_bare_base64_param() -> None:
    card = only_card("ezvcard-John_Doe_MAC_ADDRESS_BOOK.vcf")
    assert card.name == "Mr. John Richter,James Doe Sr."
    assert (card.institution, card.position) == ("IBM, Accounting", "Money Counter")
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones == tuple(f"905-{n}-1234" for n in (777, 666, 555, 888, 999, 111, 222))
    assert card.urls == ("http://www.ibm.com",)
    assert "\nFavotire Color: Blue\n" in card.note  # Apple's "\:" undone
    assert photo_size(card) == (256, 256)  # PHOTO;BASE64: over LF-ended, space-indented lines


def test_ezvcard_ms_outlook_export() -> None:
    card = only_card("ezvcard-John_Doe_MS_OUTLOOK.vcf")
    assert card.name == "Mr. John Richter James Doe Sr."
    assert (card.institution, card.position) == ("IBM, Accounting", "Money Counter")
    assert card.emails == ("john.doe@ibm.cm",)
    assert card.phones == ("(905) 555-1234", "(905) 666-1234")  # TEL;WORK;VOICE bare params
    assert card.urls == ("http://www.ibm.com",)
    # The QP LABELs (soft breaks, =0D=0A) are the addresses.
    assert card.note.endswith(
        "Work address: Cresent moon drive, Albaney, New York 12345\n"
        "Home address: Silicon Alley 5, New York, New York 12345"
    )
    assert "<card xmlns" not in card.note  # the X-MS-OL-DESIGN blob is not read
    assert photo_size(card) == (32, 26)


def test_ezvcard_fullcontact_v4() -> None:
    card = only_card("ezvcard-fullcontact.vcf")
    assert card.name == "Prefix FirstName MiddleName LastName Suffix"
    assert (card.institution, card.position) == ("Organization1, Department1", "Title1")
    assert card.emails == tuple(f"{kind}@example.com" for kind in ("home", "work", "school", "other", "custom"))
    assert card.phones == tuple(f"555-555-{n}" for n in range(1111, 1120))
    assert card.urls == tuple(f"http://www.{site}.com" for site in ("homepage", "blog", "other", "custom"))
    assert card.note.startswith("Notes line 1\nNotes line 2\nHome address: HomeExtended, HomeStreet")
    assert card.photo is None  # the photos are web addresses, never fetched


def test_ezvcard_gmail_list_of_three() -> None:
    result = read("ezvcard-gmail-list.vcf")
    assert [(card.name, card.emails) for card in result.cards] == [
        ("Arnold Smith", ("asmithk@gmail.com",)),
        ("Chris Beatle", ("chrisy55d@yahoo.com",)),
        ("Doug White", ("dwhite@gmail.com",)),
    ]
    assert (result.numbers, result.problems) == ([1, 2, 3], [])


def test_ezvcard_outlook_2007_us_ascii_qp_note() -> None:
    card = only_card("ezvcard-outlook-2007.vcf")
    assert card.name == "Mr. Michael Angstadt Jr."
    assert (card.institution, card.position) == ("TheCompany, TheDepartment", "TheJobTitle")
    assert card.emails == ("mike.angstadt@gmail.com",)
    assert card.phones == ("(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333")
    assert card.urls == ("http://mikeangstadt.name",)
    assert card.note.startswith(
        "This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\nIt does not preserve the formatting\n"
    )
    assert photo_size(card) == (72, 86)


def test_ezvcard_rfc6350_example() -> None:
    card = only_card("ezvcard-rfc6350-example.vcf")
    assert (card.name, card.institution) == ("Simon Perreault", "Viagenie")
    assert card.emails == ("simon.perreault@viagenie.ca",)
    assert card.phones == ("+1-418-656-9254 ext. 102", "+1-418-262-6501")  # tel: URIs
    assert card.urls == ("http://nomis80.org",)
    assert card.note == "Work address: Suite D2-630, 2875 Laurier, Quebec, QC, G1V 2M2, Canada"


# --- ical4j, KDE, khard, Nextcloud, Radicale, sabre ------------------------------------------------


def test_ical4j_outlook_2003_undeclared_central_european_bytes() -> None:
    result = read("ical4j-vcard-antoni-outlook2003.vcf")
    card = result.cards[0]
    assert card.name == "Antoni Jozef Mylka jun."
    assert (card.institution, card.position) == ("DFKI, Knowledge-Management", "Intern")
    assert card.emails == ("antoni_mylka@somedomain.com",)
    assert card.phones == ("49 631 234 341", "48 691 342 341", "48 91 3 175 234")
    assert card.urls == ("http://antoni.mylka.com",)
    # =F3 and =B3 with no CHARSET: Windows-1250 makes them ó and ł (Latin-1 would give ³).
    assert "Home address: Budryka 2/1110, Kraków, małopolskie 30-072, Polen" in card.note
    assert "Work address: 3.10, Trippstadter Str. 122, Kaiserslautern, Rheinland-Pfalz 67663, Deutschland" in card.note
    assert result.problems == [
        CardProblem(1, "text is not UTF-8; it was read as Central European (Windows-1250), so check accented letters")
    ]


def test_ical4j_whitespace_after_begin_and_end() -> None:
    card = only_card("ical4j-vcard-invalid-dirk-whitespaceafterbegin.vcf")
    assert (card.name, card.emails) == ("Dirk", ("dirk@sap.com",))
    assert card.note == "The canonical Dirk\nWork address: Szczecin"


def test_kde_qp_address_soft_break_does_not_eat_the_next_property() -> None:
    result = read("kde-kcontacts-vcard10.vcf")
    # Card 1 holds only an address, an ORG and a 'Note:' line: no name, email or phone.
    assert result.problems == [CardProblem(1, "no name, email or phone")]
    assert result.numbers == [2, 3, 4, 5]
    broken, not_broken, first_doctor, second_doctor = result.cards
    assert broken.name == "Field after Address broken"
    assert broken.urls == not_broken.urls == ("http://some-webseite.com",)
    assert broken.note.endswith("Home address: AAAAAAA-AäAAAAA 11, Urt, 00000")
    assert not_broken.name == "Field after Address not broken"
    assert (first_doctor.name, first_doctor.position) == ("Dr. med. Surname Name", "Facharzt für Allgemeinmedizin")
    assert first_doctor.note == "Sprechzeiten:\nMo   8–12, 15–18\nDi     8–12\nMi    8–12, 14–15\nDo 14–19\nFr     8–12"
    assert (second_doctor.name, second_doctor.position) == ("Second Doctor", "Dentist")
    assert second_doctor.note.endswith("Work address: DDDDDDDDDDDstraße 26, 00000 DDDDDDDDDDDDDDDDD")


def test_khard_korean_name_only() -> None:
    card = only_card("khard-korean-c.vcf")
    assert card.name == "최유림"
    assert (card.emails, card.phones, card.institution) == ((), (), "")


def test_khard_truncated_card_is_a_problem_not_a_crash() -> None:
    result = read("khard-unparsable.vcf")
    assert result.cards == [] and result.numbers == []
    assert result.problems == [CardProblem(1, "the card is cut short (no END:VCARD)")]


def test_nextcloud_sabre_card() -> None:
    card = only_card("nextcloud-contacts-forrest-gump.vcf")
    assert (card.name, card.institution, card.position) == ("Forrest Gump", "Sheri Nom Co.", "Ultimate Warrior")
    assert card.emails == ("sherinnom@example.com",)


def test_radicale_card_without_n_or_fn_is_named_after_its_email() -> None:
    # Radicale refuses this card (no N, no FN). It has an EMAIL, so it is imported and named after
    # it, as every email-only card is; the user renames it in the capture dialog.
    card = only_card("radicale-broken-vcard.vcf")
    assert card.name == "test-misses-N-or-FN@example.com"
    assert card.emails == ("test-misses-N-or-FN@example.com",)


def test_radicale_cardbook_empty_n_uses_fn() -> None:
    card = only_card("radicale-contact4-with-bday-no-year.vcf")
    assert card.name == "Test bday without year Thunderbird CardBook"
    assert card.emails == ()


def test_radicale_v4_data_uri_photo() -> None:
    card = only_card("radicale-contact_photo_with_data_uri_v4.vcf")
    assert card.name == "Contact"
    assert photo_size(card) == (1, 1)  # a PNG, re-encoded as JPEG


def test_sabre_issue153_photo_on_two_space_indented_lines() -> None:
    result = read("sabre-vobject-issue153.vcf")
    card = result.cards[0]
    assert card.name == "Test Benutzer"
    assert photo_size(card) == (256, 256)  # 320×320 in the file
    assert result.problems == []
