"""People in and out as files: .vcf files and QR pictures imported in one go, vCard and CSV exported."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PIL import Image

from conference_app.core.domain.people import CaptureData, ContactDetails, ConversationNote, Obtained, Relationship
from conference_app.core.errors import NotFoundError, UserError
from conference_app.core.importers.qr_image import decode_image_file
from conference_app.core.importers.vcard import read_vcard_file
from conference_app.core.services.people import PeopleService
from conference_app.core.services.people_exchange import (
    CSV_COLUMNS,
    NOT_A_CONTACT_FILE,
    ContactImportReport,
    FileCardError,
    csv_cell,
    export_people,
    export_people_per_file,
    file_stem,
    import_contact_files,
)
from conference_app.core.workspace import Workspace
from tests.qr_fixtures import code_picture

ZOE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström-Nuñez\r\nN:Ångström-Nuñez;Zoë;;;\r\n"
    "ORG:Hôpital Sainte-Anne\r\nEMAIL:zoe@example.org\r\nTEL:+33 1 45 65 80 00\r\nEND:VCARD\r\n"
)
# Three cards: a good one, one that names nobody, and a last one cut short.
THREE_CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amara Okafor\r\nORG:Lakeshore University Medical Center\r\n"
    "TITLE:Program Director\r\nEMAIL:amara@lakeshore.example\r\nTEL:+1 312 555 0101\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody at all\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\nEMAIL:cut@example.org\r\n"
)
BRAM_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bram de Vries\r\nORG:Lakeshore University Medical Center\r\n"
    "EMAIL:bram@lakeshore.example\r\nEMAIL:b.devries@example.org\r\nTEL:+1 312 555 0102\r\nEND:VCARD\r\n"
)



@pytest.fixture
def people(workspace: Workspace) -> PeopleService:
    return workspace.people


def by_name(people: PeopleService) -> dict[str, object]:
    return {p.name: p for p in people.people()}


# --- import ----------------------------------------------------------------------------------------


def test_vcf_with_a_broken_card_imports_the_good_ones_and_names_the_others(
    people: PeopleService, tmp_path: Path
) -> None:
    vcf = tmp_path / "cards.vcf"
    vcf.write_text(THREE_CARDS, encoding="utf-8")

    report = import_contact_files(people, [vcf])

    assert (report.imported, report.merged) == (1, 0)
    assert report.errors == [
        FileCardError(str(vcf), 2, "no name, email or phone"),
        FileCardError(str(vcf), 3, "the card is cut short (no END:VCARD)"),
    ]
    (amara,) = people.people()
    assert (amara.name, amara.institution, amara.position) == (
        "Amara Okafor", "Lakeshore University Medical Center", "Program Director",
    )  # fmt: skip
    assert (amara.emails, amara.phones, amara.obtained) == (
        ("amara@lakeshore.example",), ("+1 312 555 0101",), Obtained.VCARD,
    )  # fmt: skip


def test_files_and_pictures_are_told_apart_by_content_and_stored_in_one_call(
    people: PeopleService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = code_picture(tmp_path / "badge.vcf", ZOE_CARD, "mailto:lee@example.org", "Wi-Fi: guest / poster2026")
    cards = tmp_path / "from-phone.txt"  # a contact file with the wrong ending
    cards.write_text(BRAM_CARD, encoding="utf-8")
    notes = tmp_path / "notes.vcf"  # neither a card nor a picture, whatever the ending says
    notes.write_text("remember to email the program director\n", encoding="utf-8")
    broken_png = tmp_path / "broken.png"
    broken_png.write_bytes(picture.read_bytes()[:60])
    blank = tmp_path / "blank.jpg"
    Image.new("RGB", (200, 120), "white").save(blank, format="JPEG")
    calls: list[tuple[int, Obtained]] = []
    real = people.import_cards

    def spy(batch, obtained):  # type: ignore[no-untyped-def]
        calls.append((len(batch), obtained))
        return real(batch, obtained)

    monkeypatch.setattr(people, "import_cards", spy)

    report = import_contact_files(
        people, [picture, cards, notes, broken_png, blank, tmp_path / "gone.vcf", tmp_path / "empty.vcf"]
    )

    assert calls == [(3, Obtained.VCARD)]  # Zoë, lee@, Bram: one transaction
    assert (report.imported, report.merged) == (3, 0)
    wifi_number = decode_image_file(picture).index("Wi-Fi: guest / poster2026") + 1  # the code's place in reading order
    assert [(Path(e.file).name, e.card) for e in report.errors] == [
        ("badge.vcf", wifi_number), ("notes.vcf", 0), ("broken.png", 0), ("blank.jpg", 0), ("gone.vcf", 0), ("empty.vcf", 0),
    ]  # fmt: skip
    reasons = [e.reason for e in report.errors]
    assert reasons[0] == "the code holds text, not a contact"
    assert reasons[1] == NOT_A_CONTACT_FILE
    assert "damaged" in reasons[2] or "cut short" in reasons[2]
    assert reasons[3:] == ["no QR code found in this picture", "no such file"] + reasons[5:]
    found = by_name(people)
    assert set(found) == {"Bram de Vries", "lee@example.org", "Zoë Ångström-Nuñez"}
    zoe = found["Zoë Ångström-Nuñez"]
    assert (zoe.institution, zoe.emails, zoe.phones) == (  # type: ignore[attr-defined]
        "Hôpital Sainte-Anne", ("zoe@example.org",), ("+33 1 45 65 80 00",),
    )  # fmt: skip
    assert found["Bram de Vries"].emails == ("bram@lakeshore.example", "b.devries@example.org")  # type: ignore[attr-defined]


def test_only_pictures_are_marked_as_scanned_and_keep_the_card_text(people: PeopleService, tmp_path: Path) -> None:
    picture = code_picture(tmp_path / "poster.png", ZOE_CARD, "tel:+1-312-555-0199")

    report = import_contact_files(people, [picture])

    assert report == ContactImportReport(2, 0, [], [])
    found = by_name(people)
    assert {p.obtained for p in found.values()} == {Obtained.QR}  # type: ignore[attr-defined]
    assert found["+1-312-555-0199"].phones == ("+1-312-555-0199",)  # type: ignore[attr-defined]
    person_id = found["Zoë Ångström-Nuñez"].id  # type: ignore[attr-defined]
    with people._sessions() as session:  # the card as received is kept with the person
        from conference_app.core.storage.models import Contact

        assert session.get_one(Contact, person_id).vcard == ZOE_CARD


def test_importing_again_merges_instead_of_duplicating(people: PeopleService, tmp_path: Path) -> None:
    vcf = tmp_path / "cards.vcf"
    vcf.write_text(BRAM_CARD + ZOE_CARD + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody Known\r\nEND:VCARD\r\n", "utf-8")
    picture = code_picture(tmp_path / "zoe.png", ZOE_CARD)

    first = import_contact_files(people, [vcf])
    second = import_contact_files(people, [vcf, picture])

    assert (first.imported, first.merged, first.errors) == (3, 0, [])
    assert (second.imported, second.merged, second.errors) == (0, 4, [])
    assert len(people.people()) == 3


def test_a_card_with_only_a_phone_is_named_after_it_not_dropped(people: PeopleService, tmp_path: Path) -> None:
    vcf = tmp_path / "phone.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+44 20 7946 0000\r\nEND:VCARD\r\n", encoding="utf-8")

    report = import_contact_files(people, [vcf])

    assert (report.imported, report.errors) == (1, [])
    assert [(p.name, p.phones) for p in people.people()] == [("+44 20 7946 0000", ("+44 20 7946 0000",))]


def test_a_folder_stands_for_the_files_in_it(people: PeopleService, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.vcf").write_text(BRAM_CARD, encoding="utf-8")
    (folder / ".hidden.vcf").write_text(ZOE_CARD, encoding="utf-8")
    code_picture(folder / "b.png", ZOE_CARD)

    report = import_contact_files(people, [folder])

    assert (report.imported, report.merged, report.errors) == (2, 0, [])


@pytest.mark.shared_data
def test_the_real_world_vcards_import_with_warnings_kept_apart(people: PeopleService) -> None:
    from tests.conftest import shared_file

    folder = shared_file("vcard/khard-unparsable.vcf").parent
    files = sorted(folder.glob("*.vcf"))
    readable = sum(len(read_vcard_file(f).cards) for f in files if f.name != "khard-unparsable.vcf")

    report = import_contact_files(people, files)

    assert report.imported + report.merged == readable
    assert ("khard-unparsable.vcf", 1) in [(Path(e.file).name, e.card) for e in report.errors]
    assert ("aosp-v21_malformed_photo.vcf", 1) in [(Path(w.file).name, w.card) for w in report.warnings]
    assert not {(w.file, w.card) for w in report.warnings} & {(e.file, e.card) for e in report.errors}
    assert len(people.people()) == report.imported


# --- export ----------------------------------------------------------------------------------------


def _fill(people: PeopleService) -> dict[str, int]:
    """Three people; Amara met once at a time with an offset, Bram with a formula for a name."""
    amara = people.capture(
        CaptureData(
            ContactDetails(
                name="Amara Okafor", institution="Lakeshore University Medical Center", position="Program Director",
                specialty="Surgical Oncology", emails=("amara@lakeshore.example", "a.okafor@example.org"),
                phones=("+1 312 555 0101",), urls=("https://www.linkedin.com/in/amara",), orcid="0000-0002-1825-0097",
            ),
            relationship=Relationship.MENTOR,
            conversation=ConversationNote(met_at=datetime(2026, 10, 17, 20, 0, tzinfo=timezone.utc), place="Hall B"),
        )
    ).value.person_id
    bram = people.capture(
        CaptureData(ContactDetails(name='=HYPERLINK("http://evil.example","x")', institution="@corp", emails=("b@x.org",)))
    ).value.person_id
    zoe = people.capture(
        CaptureData(ContactDetails(name="Zoë Ångström-Nuñez", institution="Hôpital Sainte-Anne", phones=("01 45",)))
    ).value.person_id
    return {"amara": amara, "bram": bram, "zoe": zoe}


def test_csv_has_the_columns_joined_lists_and_no_formulas(people: PeopleService, tmp_path: Path) -> None:
    ids = _fill(people)
    out = tmp_path / "people.csv"

    count = export_people(people, out, [ids["amara"], ids["bram"]])

    raw = out.read_bytes()
    assert count == 2 and not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == list(CSV_COLUMNS) == [
        "name", "institution", "position", "specialty", "relationship", "direction", "obtained",
        "emails", "phones", "urls", "orcid", "conversations", "last_met",
    ]  # fmt: skip
    assert rows[1] == [
        "Amara Okafor", "Lakeshore University Medical Center", "Program Director", "Surgical Oncology", "mentor", "",
        "typed", "amara@lakeshore.example; a.okafor@example.org", "'+1 312 555 0101",
        "https://www.linkedin.com/in/amara", "0000-0002-1825-0097", "1", "2026-10-17T20:00+00:00",
    ]  # fmt: skip
    assert rows[2][:2] == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'@corp"]
    assert (rows[2][11], rows[2][12]) == ("0", "")
    assert len(rows) == 3


def test_csv_cells_starting_like_a_formula_get_a_quote() -> None:
    assert [csv_cell(v) for v in ("=1+1", "+1", "-2", "@SUM(A1)", "\t=x", "plain", "a=b", "")] == [
        "'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\t=x", "plain", "a=b", "",
    ]  # fmt: skip


def test_vcf_export_imports_back_into_a_fresh_database(
    people: PeopleService, tmp_path: Path, migrated_database: Path
) -> None:
    from tests.frab_builder import fresh_database

    _fill(people)
    out = tmp_path / "everyone.vcf"

    assert export_people(people, out) == 3
    other = Workspace.open(fresh_database(migrated_database, tmp_path / "other.sqlite"))
    try:
        report = import_contact_files(other.people, [out])
        copied = {p.name: (p.institution, p.position, p.emails, p.phones, p.orcid) for p in other.people.people()}
    finally:
        other.close()

    assert (report.imported, report.merged, report.errors) == (3, 0, [])
    original = {p.name: (p.institution, p.position, p.emails, p.phones, p.orcid) for p in people.people()}
    assert copied == original
    assert out.read_text("utf-8").count("BEGIN:VCARD") == 3


def test_one_file_per_person_with_safe_unique_names(people: PeopleService, tmp_path: Path) -> None:
    ids = _fill(people)
    people.capture(CaptureData(ContactDetails(name="zoë ångström-nuñez", emails=("other@zoe.example",))))
    folder = tmp_path / "cards"

    written = export_people_per_file(people, folder)

    names = sorted(p.name for p in written)
    assert names == sorted([
        "Amara Okafor.vcf", "=HYPERLINK( http evil.example , x ).vcf", "Zoë Ångström-Nuñez.vcf",
        "zoë ångström-nuñez (2).vcf",
    ])  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == names  # nothing else, no temporary files
    amara = read_vcard_file(folder / "Amara Okafor.vcf").cards
    assert [(c.name, c.emails) for c in amara] == [("Amara Okafor", ("amara@lakeshore.example", "a.okafor@example.org"))]
    assert len(written) == len(ids) + 1


def test_file_stems_are_safe_everywhere() -> None:
    assert file_stem('a/b\\c:d*e?f"g<h>i|j', 1) == "a b c d e f g h i j"
    assert file_stem(" ..  ", 7) == "person-7"
    assert file_stem("CON", 2) == "CON_"
    assert len(file_stem("x" * 500, 3)) == 80


def test_export_refuses_unknown_types_and_ids_and_leaves_files_alone(people: PeopleService, tmp_path: Path) -> None:
    ids = _fill(people)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    existing = tmp_path / "people.txt"
    existing.write_text("keep me", encoding="utf-8")

    with pytest.raises(UserError, match="name a .vcf"):
        export_people(people, existing)
    with pytest.raises(NotFoundError, match="no person with id 999"):
        export_people(people, tmp_path / "x.csv", [ids["amara"], 999])
    with pytest.raises(UserError, match="does not exist"):
        export_people(people, tmp_path / "missing" / "x.vcf")

    assert existing.read_text("utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.txt"]  # no temporary file left behind


# people_merge.py calls Result.tuples(), deprecated in SQLAlchemy 2.1: with warnings as errors every merge fails.
MERGE_WARNING = "ignore:The Result.tuples\\(\\) method is deprecated"


@pytest.mark.filterwarnings(MERGE_WARNING)
def test_exporting_a_merged_id_writes_the_person_it_is_now_once(people: PeopleService, tmp_path: Path) -> None:
    ids = _fill(people)
    other = people.capture(CaptureData(ContactDetails(name="A. Okafor", emails=("amara2@example.org",)))).value
    people.merge(ids["amara"], other.person_id)
    out = tmp_path / "one.vcf"

    assert export_people(people, out, [other.person_id, ids["amara"]]) == 1
    (card,) = read_vcard_file(out).cards
    assert card.name == "Amara Okafor" and "amara2@example.org" in card.emails
