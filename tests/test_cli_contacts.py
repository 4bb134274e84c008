"""The contacts commands: list, show, add, import, export, merge, unmerge."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conference_app.core.importers.vcard import read_vcard_file
from conference_app.core.workspace import Workspace
from tests.conftest import shared_file
from tests.core.test_people_exchange import MERGE_WARNING, ZOE_CARD
from tests.qr_fixtures import code_picture
from tests.core.test_planning import write_test_congress
from tests.cli_calls import as_json, fails, ok, run

PERSON_KEYS = {"id", "name", "emails", "phones", "institution", "position", "relationship", "conversations", "goals",
               "speaker_ids"}  # fmt: skip
SHOW_KEYS = PERSON_KEYS | {"last_met", "possible_duplicates", "merges", "follow_up"}
CONVERSATION_KEYS = {"id", "conference", "session", "met_at", "place", "poster", "points", "my_promises",
                     "their_promises"}  # fmt: skip






@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A database with the test congress (America/Chicago, 17–19 Oct 2026)."""
    path = tmp_path / "cli.sqlite"
    ok(capsys, "--db", path, "import", write_test_congress(tmp_path))
    return path


def people(capsys: pytest.CaptureFixture[str], db: Path, *args: object) -> list[dict]:
    found = as_json(capsys, "--db", db, "contacts", *args)
    assert isinstance(found, list)
    return found


def show(capsys: pytest.CaptureFixture[str], db: Path, person_id: str) -> dict:
    found = as_json(capsys, "--db", db, "contacts", "show", person_id)
    assert isinstance(found, dict)
    return found


def row_id(db: Path, public_id: str) -> int:
    """Our numeric id of a session, from its public id."""
    workspace = Workspace.open(db)
    try:
        return workspace.program.resolve_session(public_id)
    finally:
        workspace.close()


# --- add -------------------------------------------------------------------------------------------


def test_add_prints_the_id_and_a_known_email_adds_to_that_person(capsys, db: Path) -> None:
    first = ok(capsys, "--db", db, "contacts", "add", "Amara Okafor", "--email", "amara@lakeshore.example",
               "--institution", "Lakeshore University Medical Center", "--position", "Program Director",
               "--relationship", "mentor", "--place", "coffee line", "--point", "HPB fellowship",
               "--promise", "send my CV", "--their-promise", "intro to Dr. Chen")
    again = as_json(capsys, "--db", db, "contacts", "add", "Dr. A. Okafor", "--email", "AMARA@Lakeshore.Example",
                    "--phone", "+1 312 555 0101", "--on", "2026-10-18T09:15")

    assert first == "1\n"
    assert again == {"id": "1", "merged_into": "1", "possible_duplicates": [], "warnings": []}
    (listed,) = people(capsys, db)
    assert listed == {
        "id": "1", "name": "Amara Okafor", "emails": ["amara@lakeshore.example"], "phones": ["+1 312 555 0101"],
        "institution": "Lakeshore University Medical Center", "position": "Program Director",
        "relationship": "mentor", "conversations": 2, "goals": [], "speaker_ids": [],
    }
    person = show(capsys, db, "1")
    assert set(person) == SHOW_KEYS and all(set(c) == CONVERSATION_KEYS for c in person["conversations"])
    talks = {c["id"]: c for c in person["conversations"]}
    assert talks["1"] | {"met_at": None} == {
        "id": "1", "conference": "Test Surgical Congress 2026", "session": None, "met_at": None,
        "place": "coffee line", "poster": "", "points": ["HPB fellowship"], "my_promises": ["send my CV"],
        "their_promises": ["intro to Dr. Chen"],
    }
    assert talks["2"]["met_at"] == "2026-10-18T09:15:00-05:00"  # --on, in the congress's zone
    assert person["last_met"] == max(c["met_at"] for c in talks.values())  # the first one is dated now


def test_met_at_dates_the_conversation_by_the_session_public_or_numeric_id(capsys, db: Path) -> None:
    by_public = as_json(capsys, "--db", db, "contacts", "add", "Chen Jing", "--met-at", "tsc26:202")
    by_number = as_json(capsys, "--db", db, "contacts", "add", "Dana Whitfield", "--met-at", row_id(db, "tsc26:203"),
                        "--poster", "P-12")
    with_time = as_json(capsys, "--db", db, "contacts", "add", "Emil Novak", "--met-at", "tsc26:204",
                        "--on", "2026-10-18T14:20")

    chen = show(capsys, db, by_public["id"])["conversations"][0]  # type: ignore[index]
    dana = show(capsys, db, by_number["id"])["conversations"][0]  # type: ignore[index]
    emil = show(capsys, db, with_time["id"])["conversations"][0]  # type: ignore[index]
    assert (chen["session"], chen["met_at"], chen["place"]) == (
        "Trauma Systems Panel", "2026-10-17T12:00:00-05:00", "Hall B",  # the session's end, in its room
    )  # fmt: skip
    assert (dana["session"], dana["met_at"], dana["poster"]) == (
        "Fellowship Match Q&A", "2026-10-18T10:45:00-05:00", "P-12",
    )  # fmt: skip
    assert (emil["session"], emil["met_at"]) == ("HPB Video Session", "2026-10-18T14:20:00-05:00")


def test_on_is_read_in_the_conference_zone_else_utc(capsys, db: Path, tmp_path: Path) -> None:
    local = as_json(capsys, "--db", db, "contacts", "add", "Ana", "--on", "2026-10-17 16:05")
    offset = as_json(capsys, "--db", db, "contacts", "add", "Ben", "--on", "2026-10-17T21:05:00+00:00")
    empty = tmp_path / "empty.sqlite"
    bare = as_json(capsys, "--db", empty, "contacts", "add", "Cai", "--on", "2026-10-17T16:05")

    assert show(capsys, db, local["id"])["last_met"] == "2026-10-17T16:05:00-05:00"  # type: ignore[index]
    assert show(capsys, db, offset["id"])["last_met"] == "2026-10-17T16:05:00-05:00"  # type: ignore[index]
    cai = show(capsys, empty, bare["id"])  # type: ignore[index]
    assert (cai["last_met"], cai["conversations"][0]["conference"]) == ("2026-10-17T16:05:00+00:00", None)


def test_patient_information_comes_back_as_a_warning(capsys, db: Path) -> None:
    added = as_json(capsys, "--db", db, "contacts", "add", "Chen Jing", "--point", "asked about MRN 12345678",
                    "--point", "fellowship interviews")
    code, out, err = run(capsys, "--db", db, "contacts", "add", "Dana Whitfield", "--point", "MRN 12345678")

    assert added["warnings"] == ["“MRN 12345678” looks like a medical record number"]  # type: ignore[index]
    assert (code, out) == (0, "2\n")
    assert err == "warning: “MRN 12345678” looks like a medical record number: patient information does not belong in notes\n"


def test_add_counts_for_goals_and_flags_a_possible_duplicate(capsys, db: Path) -> None:
    goal = ok(capsys, "--db", db, "goals", "add", "Meet PDs", "--kind", "meet", "--target", "2").strip()
    ok(capsys, "--db", db, "contacts", "add", "Amara Okafor", "--institution", "Lakeshore University Medical Center")
    added = as_json(capsys, "--db", db, "contacts", "add", "Amara N. Okafor", "--institution",
                    "Lakeshore University Medical Center", "--goal", goal, "--obtained", "badge",
                    "--relationship", "Near-peer", "--direction", "horizontal")

    assert added["possible_duplicates"] == [  # type: ignore[index]
        {"id": "1", "name": "Amara Okafor", "institution": "Lakeshore University Medical Center"}
    ]
    assert people(capsys, db, "--search", "amara n.")[0] | {"id": None} == {
        "id": None, "name": "Amara N. Okafor", "emails": [], "phones": [],
        "institution": "Lakeshore University Medical Center", "position": "", "relationship": "near-peer",
        "conversations": 1, "goals": [int(goal)], "speaker_ids": [],
    }
    assert show(capsys, db, added["id"])["possible_duplicates"][0]["id"] == "1"  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "Ana", "--on", "next tuesday"), "not a date and time (e.g. 2026-10-17T15:30): 'next tuesday'"),
        (("add", "Ana", "--relationship", "boss"),
         "unknown relationship 'boss': use one of mentor, sponsor, peer, near-peer, collaborator"),
        (("add", "Ana", "--met-at", "tsc26:999"), "no session with id 'tsc26:999'"),
        (("add", "Ana", "--met-at", "999"), "no session with id 999"),
        (("add", "Ana", "--goal", "7"), "no goal with id 7"),
        (("add", "Ana", "--goal", "first"), "no goal with id 'first'"),
        (("add", "Ana", "--obtained", "vcard"), "unknown --obtained 'vcard': use one of typed, qr, card, badge"),
        (("add", "", "--place", "Hall A"), "a person needs at least a name or an email address"),
        (("show", "42"), "no person with id 42"),
        (("show", "abc"), "no person with id 'abc'"),
        (("merge", "1", "42"), "no person with id 1"),
        (("unmerge", "3"), "no merge with id 3"),
        (("export", "people.xlsx"), "cannot export to 'people.xlsx': name a .vcf (contact cards) or .csv (spreadsheet) file"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(capsys, db: Path, tmp_path: Path, args, message) -> None:
    args = tuple(str(tmp_path / a) if a.endswith(".xlsx") else a for a in args)
    assert fails(capsys, "--db", db, "contacts", *args) == message
    assert people(capsys, db) == []


def test_met_at_and_place_do_not_go_together(capsys, db: Path) -> None:
    code, out, err = run(capsys, "--db", db, "contacts", "add", "Ana", "--met-at", "tsc26:201", "--place", "bar")
    assert (code, out) == (2, "") and "not allowed with argument" in err


# --- list ------------------------------------------------------------------------------------------


def test_list_is_an_aligned_table_and_search_narrows_it(capsys, db: Path) -> None:
    ok(capsys, "--db", db, "contacts", "add", "Chen Jing", "--institution", "Prairie Crest University Hospital",
       "--position", "Program Director", "--email", "chen@prairie.example")
    ok(capsys, "--db", db, "contacts", "add", "Ana Ruiz", "--phone", "+34 600 000 000", "--relationship", "peer")

    text = ok(capsys, "--db", db, "contacts")
    found = people(capsys, db, "--search", "prairie")

    assert text.splitlines() == [
        "ID  NAME       INSTITUTION                        POSITION          RELATIONSHIP  MET  EMAIL/PHONE",
        " 2  Ana Ruiz                                                        peer            1  +34 600 000 000",
        " 1  Chen Jing  Prairie Crest University Hospital  Program Director                  1  chen@prairie.example",
    ]
    assert [p["name"] for p in found] == ["Chen Jing"]
    assert ok(capsys, "--db", db, "contacts", "--search", "nobody") == "nobody matches 'nobody'\n"


# --- import ----------------------------------------------------------------------------------------


@pytest.mark.shared_data
def test_importing_the_real_vcards_twice_merges_instead_of_duplicating(capsys, db: Path) -> None:
    folder = shared_file("vcard/khard-unparsable.vcf").parent
    readable = sum(len(read_vcard_file(f).cards) for f in folder.glob("*.vcf") if f.name != "khard-unparsable.vcf")

    code, out, _warnings = run(capsys, "--db", db, "contacts", "import", folder, "--json")
    first = json.loads(out)
    count = len(people(capsys, db))
    code_again, out_again, _ = run(capsys, "--db", db, "contacts", "import", folder, "--json")
    second = json.loads(out_again)

    assert (code, code_again) == (0, 0)
    assert set(first) == {"imported", "merged", "errors"}
    assert first["imported"] == count and first["imported"] + first["merged"] == readable
    assert count > 25  # every file brings at least one person: duplicates only among the John Doe exports
    assert [(Path(e["file"]).name, e["card"]) for e in first["errors"]] == [
        ("kde-kcontacts-vcard10.vcf", 1), ("khard-unparsable.vcf", 1),
    ]  # fmt: skip
    assert first["errors"][1]["reason"] == "the card is cut short (no END:VCARD)"
    assert second == {"imported": 0, "merged": readable, "errors": first["errors"]}
    assert len(people(capsys, db)) == count
    assert "安藤ロイド" in {p["name"] for p in people(capsys, db)}


@pytest.mark.shared_data
def test_a_file_with_no_good_card_exits_1_and_says_why(capsys, db: Path) -> None:
    broken = shared_file("vcard/khard-unparsable.vcf")

    code, out, err = run(capsys, "--db", db, "contacts", "import", broken)

    assert (code, err) == (1, "")
    assert out == (
        "imported 0 new people, 0 cards added to people already known; 1 not imported:\n"
        f"{broken}: card 1: the card is cut short (no END:VCARD)\n"
    )


def test_a_qr_picture_with_a_non_ascii_name_imports(capsys, db: Path, tmp_path: Path) -> None:
    picture = code_picture(tmp_path / "badge photo.png", ZOE_CARD)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a card\n", encoding="utf-8")

    report = as_json(capsys, "--db", db, "contacts", "import", picture, notes)
    (zoe,) = people(capsys, db)

    assert report == {
        "imported": 1, "merged": 0,
        "errors": [{"file": str(notes), "card": 0,
                    "reason": "neither a vCard file (no BEGIN:VCARD line) nor a picture of a QR code"}],
    }  # fmt: skip
    assert (zoe["name"], zoe["institution"], zoe["emails"], zoe["phones"], zoe["conversations"]) == (
        "Zoë Ångström-Nuñez", "Hôpital Sainte-Anne", ["zoe@example.org"], ["+33 1 45 65 80 00"], 0,
    )  # fmt: skip
    # Scanning the same card again, then meeting her, stays one person.
    assert as_json(capsys, "--db", db, "contacts", "import", picture)["merged"] == 1  # type: ignore[index]
    again = as_json(capsys, "--db", db, "contacts", "add", "Zoë", "--email", "zoe@example.org")
    assert again["merged_into"] == zoe["id"]  # type: ignore[index]


def test_import_of_nothing_usable_exits_1(capsys, db: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", db, "contacts", "import", tmp_path / "gone.vcf", "--json")

    assert (code, err) == (1, "")
    assert json.loads(out) == {"imported": 0, "merged": 0,
                               "errors": [{"file": str(tmp_path / "gone.vcf"), "card": 0, "reason": "no such file"}]}


# --- export ----------------------------------------------------------------------------------------


def _three_people(capsys, db: Path) -> None:
    ok(capsys, "--db", db, "contacts", "add", "Amara Okafor", "--email", "amara@lakeshore.example", "--email",
       "a.okafor@example.org", "--phone", "+1 312 555 0101", "--institution", "Lakeshore University Medical Center",
       "--position", "Program Director", "--relationship", "mentor", "--met-at", "tsc26:202")
    ok(capsys, "--db", db, "contacts", "add", "Zoë Ångström-Nuñez", "--email", "zoe@example.org",
       "--institution", "Hôpital Sainte-Anne, Chirurgie", "--phone", "01 45 65 80 00")
    ok(capsys, "--db", db, "contacts", "add", "=cmd|' /C calc'!A0", "--email", "x@example.org")


def test_vcf_export_round_trips_into_a_fresh_database(capsys, db: Path, tmp_path: Path) -> None:
    _three_people(capsys, db)
    out = tmp_path / "everyone.vcf"
    fresh = tmp_path / "fresh.sqlite"

    written = as_json(capsys, "--db", db, "contacts", "export", out)
    imported = as_json(capsys, "--db", fresh, "contacts", "import", out)

    assert written == {"path": str(out), "people": 3}
    assert imported == {"imported": 3, "merged": 0, "errors": []}

    def cards(path: Path) -> list[tuple]:
        return sorted((p["name"], p["emails"], p["phones"], p["institution"], p["position"])
                      for p in people(capsys, path))

    assert cards(fresh) == cards(db)
    assert ok(capsys, "--db", db, "contacts", "export", out) == f"wrote 3 people to {out}\n"


def test_csv_export_has_the_columns_and_defuses_formulas(capsys, db: Path, tmp_path: Path) -> None:
    _three_people(capsys, db)
    out = tmp_path / "people.csv"

    ok(capsys, "--db", db, "contacts", "export", out)

    text = out.read_bytes().decode("utf-8")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert text.splitlines()[0] == (
        "name,institution,position,specialty,relationship,direction,obtained,emails,phones,urls,orcid,"
        "conversations,last_met"
    )
    assert rows["Amara Okafor"] == {
        "name": "Amara Okafor", "institution": "Lakeshore University Medical Center", "position": "Program Director",
        "specialty": "", "relationship": "mentor", "direction": "", "obtained": "typed",
        "emails": "amara@lakeshore.example; a.okafor@example.org", "phones": "'+1 312 555 0101", "urls": "",
        "orcid": "", "conversations": "1", "last_met": "2026-10-17T12:00-05:00",
    }
    assert rows["Zoë Ångström-Nuñez"]["institution"] == "Hôpital Sainte-Anne, Chirurgie"
    assert "'=cmd|' /C calc'!A0" in rows
    assert "=cmd" not in rows


def test_one_file_per_person(capsys, db: Path, tmp_path: Path) -> None:
    _three_people(capsys, db)
    folder = tmp_path / "cards"

    written = as_json(capsys, "--db", db, "contacts", "export", folder, "--one-per-person", "--id", "1", "--id", "2")

    assert written["people"] == 2  # type: ignore[index]
    assert sorted(p.name for p in folder.iterdir()) == ["Amara Okafor.vcf", "Zoë Ångström-Nuñez.vcf"]
    assert read_vcard_file(folder / "Zoë Ångström-Nuñez.vcf").cards[0].emails == ("zoe@example.org",)


# --- merge -----------------------------------------------------------------------------------------


@pytest.mark.filterwarnings(MERGE_WARNING)
def test_merge_then_unmerge(capsys, db: Path) -> None:
    ok(capsys, "--db", db, "contacts", "add", "Amara Okafor", "--email", "amara@lakeshore.example",
       "--institution", "Lakeshore University Medical Center", "--met-at", "tsc26:201")
    ok(capsys, "--db", db, "contacts", "add", "Amara Okafor-Smith", "--phone", "+1 312 555 0101",
       "--institution", "Lakeshore University Medical Center", "--met-at", "tsc26:203")

    text = ok(capsys, "--db", db, "contacts", "merge", "1", "2")
    kept = show(capsys, db, "1")
    assert fails(capsys, "--db", db, "contacts", "show", "x2") == "no person with id 'x2'"
    assert fails(capsys, "--db", db, "contacts", "merge", "1", "2") == "person 2 was merged into person 1"
    undone = as_json(capsys, "--db", db, "contacts", "unmerge", "1")

    assert text == (
        "merged Amara Okafor-Smith (2) into 1 Amara Okafor (Lakeshore University Medical Center); merge id 1 "
        "(undo with: conference-app contacts unmerge 1)\n"
    )
    assert (kept["emails"], kept["phones"], len(kept["conversations"])) == (
        ["amara@lakeshore.example"], ["+1 312 555 0101"], 2,
    )  # fmt: skip
    assert [(m["id"], m["kept_id"], m["merged_id"], m["merged_name"]) for m in kept["merges"]] == [
        ("1", "1", "2", "Amara Okafor-Smith")
    ]
    assert undone["id"] == "1" and undone["merged_id"] == "2"  # type: ignore[index]
    assert [(p["id"], p["conversations"]) for p in people(capsys, db)] == [("1", 1), ("2", 1)]
    assert fails(capsys, "--db", db, "contacts", "unmerge", "1") == "merge 1 was already undone"
