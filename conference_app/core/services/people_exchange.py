"""People in and out of the app as files: contact files and QR pictures in, vCard and CSV out.

Importing reads every file first and stores all the good cards in one transaction: a broken card
is reported by file and card number while the others import, and a file that is neither a contact
file nor a picture of a code is reported as a whole (card 0), never raised. What a file holds is
decided from its content; the extension does not matter.

Exporting writes the whole file or nothing (a temporary file beside it, then a rename).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from conference_app.core.domain.people import ContactDetails, Obtained, PersonSummary
from conference_app.core.errors import InputFileError, UserError
from conference_app.core.exporters.atomic_file import write_atomically
from conference_app.core.exporters.vcard_out import vcard_text, vcards_text
from conference_app.core.services.people import PeopleService

CSV_COLUMNS = (
    "name", "institution", "position", "specialty", "relationship", "direction", "obtained",
    "emails", "phones", "urls", "orcid", "conversations", "last_met",
)  # fmt: skip
LIST_SEPARATOR = "; "
MAX_FILE_BYTES = 200 * 1024 * 1024  # as for a .vcf file: larger is no contact file or picture we want
CONTACT_CODES = frozenset({"vcard", "mecard", "email", "tel", "url"})
NOT_A_CONTACT_FILE = "neither a vCard file (no BEGIN:VCARD line) nor a picture of a QR code"

# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The first bytes of every picture format the QR reader opens (PNG, JPEG, GIF, BMP, TIFF, WebP).
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_VCARD_BEGIN = re.compile(rb"BEGIN\s*:\s*VCARD", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CARD_START = re.compile(r"\s*\ufeff?\s*(?:BEGIN\s*:\s*VCARD|MECARD:)", re.IGNORECASE)
# Characters no file name may hold on Windows, macOS or Linux.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
MAX_NAME_CHARS = 80


@dataclass(frozen=True)
class FileCardError:
    """A card that was not imported, or a whole file (card 0) that could not be used."""

    file: str  # the path as given
    card: int  # 1-based number of the card in the file (of the code in a picture); 0 for the whole file
    reason: str  # one plain line


@dataclass(frozen=True)
class ContactImportReport:
    imported: int  # new people
    merged: int  # cards that went to a person already known
    errors: list[FileCardError] = field(default_factory=list)
    warnings: list[FileCardError] = field(default_factory=list)  # about cards that did import (a dropped photo)

    @property
    def stored(self) -> int:
        return self.imported + self.merged


@dataclass
class _Collected:
    cards: list[tuple[ContactDetails, str]] = field(default_factory=list)
    kinds: set[Obtained] = field(default_factory=set)
    errors: list[FileCardError] = field(default_factory=list)
    warnings: list[FileCardError] = field(default_factory=list)


# --- import --------------------------------------------------------------------------------------


def import_contact_files(people: PeopleService, paths: Iterable[str | Path]) -> ContactImportReport:
    """Import the people in .vcf files and in pictures of QR codes, all in one transaction.

    A folder stands for the files directly inside it (hidden ones left out). Cards matching a
    known person by email, phone or ORCID, or the same card imported again, go to that person.
    """
    collected = _Collected()
    for given in paths:
        for path in _expand(Path(given), collected):
            _read_file(path, collected)
    imported = merged = 0
    if collected.cards:
        # One call, so one transaction; the service takes one "obtained" for the lot: the QR code
        # when every card came from a picture, else the contact file.
        obtained = Obtained.QR if collected.kinds == {Obtained.QR} else Obtained.VCARD
        counts = people.import_cards(collected.cards, obtained).value
        imported, merged = counts.imported, counts.merged
    return ContactImportReport(imported, merged, collected.errors, collected.warnings)


def _expand(path: Path, collected: _Collected) -> list[Path]:
    if not path.is_dir():
        return [path]
    try:
        return sorted(p for p in path.iterdir() if not p.name.startswith(".") and not p.is_dir())
    except OSError as error:
        collected.errors.append(FileCardError(str(path), 0, f"the folder cannot be read ({error.strerror or error})"))
        return []


def _read_file(path: Path, collected: _Collected) -> None:
    name = str(path)
    try:
        data = _read_bytes(path)
    except InputFileError as error:
        collected.errors.append(FileCardError(name, 0, error.problem))
        return
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        _read_picture(path, collected)
    elif _VCARD_BEGIN.search(data) or (data[:2] in _UTF16_BOMS and b"V\x00C\x00A\x00R\x00D" in data.upper()):
        _read_vcard(path, data, collected)
    elif not data.strip():
        collected.errors.append(FileCardError(name, 0, "the file is empty"))
    else:
        _read_picture(path, collected, not_a_picture=NOT_A_CONTACT_FILE)  # a picture format without magic above


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            megabytes, limit = size // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
            raise InputFileError(path, f"too large for a contact file or picture ({megabytes} MB; at most {limit} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a folder") from None
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror or error})") from None


def _read_vcard(path: Path, data: bytes, collected: _Collected) -> None:
    from conference_app.core.importers.vcard import read_vcards

    name = str(path)
    try:
        result = read_vcards(data)
    except UserError as error:
        collected.errors.append(FileCardError(name, 0, f"not a vCard file ({error})"))
        return
    kept = set(result.numbers)
    for problem in result.problems:
        target = collected.warnings if problem.card in kept else collected.errors
        target.append(FileCardError(name, problem.card, problem.reason))
    for number, details in zip(result.numbers, result.cards, strict=True):
        _add_card(collected, name, number, details, "", Obtained.VCARD)


def _read_picture(path: Path, collected: _Collected, not_a_picture: str = "") -> None:
    from conference_app.core.importers.qr_image import decode_image_file
    from conference_app.core.importers.qr_payload import classify_payload

    name = str(path)
    try:
        texts = decode_image_file(path)
    except InputFileError as error:
        collected.errors.append(FileCardError(name, 0, not_a_picture or error.problem))
        return
    if not texts:
        collected.errors.append(FileCardError(name, 0, "no QR code found in this picture"))
        return
    for number, text in enumerate(texts, 1):
        code = classify_payload(text)
        if code.kind in CONTACT_CODES:
            _add_card(collected, name, number, code.details, code.text if code.kind == "vcard" else "", Obtained.QR)
        elif _CARD_START.match(text):
            collected.errors.append(FileCardError(name, number, "the contact card in the code cannot be read"))
        else:
            collected.errors.append(
                FileCardError(name, number, f"the code holds {code.kind or 'something'}, not a contact")
            )


def _add_card(
    collected: _Collected, file: str, number: int, details: ContactDetails, raw: str, obtained: Obtained
) -> None:
    named = _named(details)
    if not named.name.strip():
        collected.errors.append(FileCardError(file, number, "no name, email, phone, web address or ORCID iD"))
        return
    collected.cards.append((named, raw))
    collected.kinds.add(obtained)


def _named(details: ContactDetails) -> ContactDetails:
    """A card without a name is named after its first email, else phone, else web address, until edited.

    The service stores no nameless person: without this a phone-only card would vanish unreported.
    """
    if details.name.strip():
        return details
    orcid = (f"ORCID {details.orcid}",) if details.orcid else ()
    values = (*details.emails, *details.phones, *details.urls, *orcid)
    fallback = next((value.strip() for value in values if value.strip()), "")
    return replace(details, name=fallback)


# --- export --------------------------------------------------------------------------------------


def export_people(people: PeopleService, path: str | Path, ids: Sequence[int] | None = None) -> int:
    """Write everyone (or the people `ids`) to one file: .vcf (vCard 3.0) or .csv, by the extension.

    Returns how many people were written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".vcf", ".vcard", ".csv"):
        raise UserError(f"cannot export to {path.name!r}: name a .vcf (contact cards) or .csv (spreadsheet) file")
    chosen = _chosen(people, ids)
    if suffix == ".csv":
        data = people_csv(people, chosen).encode("utf-8")
    else:
        data = vcards_text(people.details_of(summary.id).details for summary in chosen).encode("utf-8")
    write_atomically(path, data)
    return len(chosen)


def export_people_per_file(people: PeopleService, folder: str | Path, ids: Sequence[int] | None = None) -> list[Path]:
    """One .vcf file per person in `folder` (made when missing), named after the person; the paths written."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"{folder}: cannot create the folder ({error.strerror or error})") from None
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder")
    taken: set[str] = set()
    written = []
    for summary in _chosen(people, ids):
        path = folder / _unique_name(file_stem(summary.name, summary.id), taken)
        write_atomically(path, vcard_text(people.details_of(summary.id).details).encode("utf-8"))
        written.append(path)
    return written


def people_csv(people: PeopleService, chosen: Sequence[PersonSummary]) -> str:
    """The people as CSV text: a header row, then one row per person, every cell safe to open."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for summary in chosen:
        writer.writerow([csv_cell(value) for value in _csv_row(people, summary)])
    return buffer.getvalue()


def csv_cell(value: str) -> str:
    """The text with a leading quote when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_row(people: PeopleService, summary: PersonSummary) -> list[str]:
    last_met = ""
    if summary.conversations:
        latest = people.person(summary.id).conversations
        if latest:  # in the zone of the conference where they met
            last_met = latest[0].met_at.isoformat(timespec="minutes")
    return [
        summary.name,
        summary.institution,
        summary.position,
        summary.specialty,
        summary.relationship.value,
        summary.direction.value,
        summary.obtained.value,
        LIST_SEPARATOR.join(summary.emails),
        LIST_SEPARATOR.join(summary.phones),
        LIST_SEPARATOR.join(summary.urls),
        summary.orcid,
        str(summary.conversations),
        last_met,
    ]


def _chosen(people: PeopleService, ids: Sequence[int] | None) -> list[PersonSummary]:
    everyone = people.people()
    if ids is None:
        return everyone
    by_id = {summary.id: summary for summary in everyone}
    chosen = []
    for person_id in dict.fromkeys(ids):
        summary = by_id.get(person_id)
        if summary is None:
            # An unknown id, or one merged into another: the service says which.
            summary = people.person(person_id).summary
        chosen.append(summary)
    return list({s.id: s for s in chosen}.values())


def file_stem(name: str, person_id: int) -> str:
    """A file name (without extension) safe on every system, from a person's name."""
    stem = " ".join(_UNSAFE_NAME.sub(" ", name).split()).strip(" .")[:MAX_NAME_CHARS].strip(" .")
    if not stem:
        return f"person-{person_id}"
    if stem.split(".")[0].casefold() in _RESERVED_NAMES:
        stem += "_"
    return stem


def _unique_name(stem: str, taken: set[str]) -> str:
    name, number = f"{stem}.vcf", 2
    while name.casefold() in taken:  # macOS and Windows do not tell "Ann Lee" from "ann lee"
        name, number = f"{stem} ({number}).vcf", number + 1
    taken.add(name.casefold())
    return name
