"""vCard import: a generated 5,000-card .vcf through the app, against a plain vobject parse of the same file.

The file (bench/people_cards.py): vCard 3.0 cards as address books export them, UTF-8 with accents,
folded long lines, one or two emails, up to two phones, LinkedIn and ORCID addresses, some notes;
every email and phone unique, so each card is a new person.

Two figures, each against the same floor:
- parse only: `read_vcard_file(path)` (conference_app/core/importers/vcard.py: the repair pass, then
  vobject per card, then the cards as ContactDetails). Target ≤ 1.5× the floor.
- parse and store: `read_vcard_file(path)` then `workspace.people.import_cards(cards, Obtained.VCARD)`
  into a fresh database (created and migrated before the clock starts): what the user waits for when
  importing a .vcf. Shown beside the same floor for scale, judged by no target of its own.
Floor: `list(vobject.readComponents(text))` of the same file read and decoded, nothing else.
Each side runs `import_repeats` times (the store on a fresh database each time); medians are compared.
"""

from __future__ import annotations

from pathlib import Path

from bench.context import QUICK, BenchContext
from bench.people_cards import write_vcf
from bench.results import Result, skipped
from bench.timing import median, timed_ms

NAME = "vcard-import"
TARGET_RATIO = 1.5
FULL_CARDS = 5_000
QUICK_CARDS = 40
FLOOR_LABEL = "vobject.readComponents"


def card_count(context: BenchContext) -> int:
    """5,000 cards in the full run, a handful in --quick (a `vcards` size, once Sizes has one, wins)."""
    return int(getattr(context.sizes, "vcards", QUICK_CARDS if context.sizes == QUICK else FULL_CARDS))


def plain_parse(path: Path) -> int:
    """The floor: read the file and let vobject parse every card; the number of cards."""
    import vobject

    return len(list(vobject.readComponents(path.read_text(encoding="utf-8"))))


def _reader():  # type: ignore[no-untyped-def]
    try:
        from conference_app.core.importers.vcard import read_vcard_file
    except ImportError:
        return None
    return read_vcard_file


def run(context: BenchContext) -> list[Result]:
    from conference_app.core.domain.people import Obtained
    from conference_app.core.workspace import Workspace

    count = card_count(context)
    size = f"{count:,} cards"
    parse_label = f"vCard import, parse only ({size})"
    store_label = f"vCard import, parse and store ({size})"
    read_vcard_file = _reader()
    if read_vcard_file is None:
        note = "not available: conference_app/core/importers/vcard.py has no read_vcard_file yet"
        return [skipped("vcard_import.parse", parse_label, "ms", TARGET_RATIO, "ratio", note),
                skipped("vcard_import.parse_store", store_label, "ms", None, "ratio", note)]

    path = context.workdir / f"cards-{count}.vcf"
    if not path.is_file():
        context.say(f"generating {count:,} vCards")
        write_vcf(path, count)

    floors, parses, stores = [], [], []
    read_cards = stored = 0
    problems = 0
    warm_up = context.sizes.import_repeats > 1
    for number in range(context.sizes.import_repeats + warm_up):
        floor_time, floor_cards = timed_ms(plain_parse, path)
        parse_time, result = timed_ms(read_vcard_file, path)
        if floor_cards != count or len(result.cards) != count:
            raise RuntimeError(f"{path.name}: vobject read {floor_cards} cards, the app {len(result.cards)}; "
                               f"{count} were written")
        read_cards, problems = len(result.cards), len(result.problems)
        database = context.fresh_database("vcard-import")
        workspace = Workspace.open(database)
        try:
            def parse_and_store() -> int:
                cards = read_vcard_file(path).cards
                return workspace.people.import_cards([(card, "") for card in cards], Obtained.VCARD).value.imported

            context.say(f"vCard import: parse and store ({number + 1})")
            store_time, stored = timed_ms(parse_and_store)
        finally:
            workspace.close()
        context.fresh_database("vcard-import")  # remove it again
        if stored != count:
            raise RuntimeError(f"import_cards stored {stored} new people from {count} distinct cards")
        if number == 0 and warm_up:
            continue  # the first round warms the imports and the file cache
        floors.append(floor_time)
        parses.append(parse_time)
        stores.append(store_time)

    floor = median(floors)
    details: dict[str, float | int | str] = {
        "cards": count, "runs": len(floors), "cards_read": read_cards, "problems": problems,
        "file_kb": round(path.stat().st_size / 1024),
    }
    return [
        Result("vcard_import.parse", parse_label, "ms", median(parses), floor, FLOOR_LABEL, TARGET_RATIO,
               details=details),
        Result("vcard_import.parse_store", store_label, "ms", median(stores), floor, FLOOR_LABEL,
               note="parse + import_cards into a fresh database, beside the parse-only floor for scale",
               details={**details, "people_stored": stored, "store_only_ms": median(stores) - median(parses)}),
    ]
