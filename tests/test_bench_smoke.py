"""The benchmark suite runs end to end in its tiny --quick mode, and its program generator is sound."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import main as bench_main
from bench.context import FOSDEM_2026, SHARED_DATA
from bench.generate import generate_program
from bench.timing import median, percentile
from conference_app.core.importers.frab_xml import read
from conference_app.core.importers.program import ReadOptions

EXPECTED_ROWS = {
    "import.fosdem-2026",
    "import.fosdem-2026.existing",
    "import.fosdem-2026.first-search",
    "import.generated",
    "import.generated.existing",
    "import.database-size",
    "import.scaling",
    "import.scaling.memory",
    "startup",
    "startup.confclerk",
    "memory.peak",
    "search.p50",
    "search.p95",
    "suggestions.p95",
    "people_search.p50",
    "people_search.p95",
    "people_search.load",
    "qr.decode.p95",
    "qr.render.p95",
    "vcard_import.parse",
    "vcard_import.parse_store",
    "mail.send",
    "mail.drafts",
    "ocr.card",
    *(f"fuzz.{fmt}" for fmt in ("frab", "json", "ical", "csv", "vcard")),
}


def _may_skip(key: str) -> bool:
    from conference_app.core.services.suggestions import SuggestionService

    if key == "startup.confclerk":  # a side-by-side run of another program: full runs only
        return True
    if key.startswith("fuzz."):  # the damaged inputs are made from the real files in ../shared/data
        return not SHARED_DATA.is_dir()
    if key.startswith("import.fosdem-2026"):
        return not FOSDEM_2026.is_file()
    if key == "suggestions.p95":
        return not hasattr(SuggestionService, "suggest")
    if key == "ocr.card":
        from conference_app.core.importers.card_ocr import unavailable_reason

        return bool(unavailable_reason())
    return False


def test_quick_run_writes_every_row_with_positive_figures(tmp_path: Path) -> None:
    assert bench_main(["--quick", "--out", str(tmp_path)]) == 0

    data = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    rows = {row["key"]: row for row in data["results"]}
    assert set(rows) == EXPECTED_ROWS
    assert data["failures"] == {}
    for key, row in rows.items():
        if row["skipped"]:
            assert _may_skip(key), f"{key} was skipped: {row['note']}"
            assert row["note"]
            continue
        assert row["measured"] > 0, key
        if key.startswith("fuzz."):  # a count of inputs, with no floor: the finding would be a failure
            assert row["floor"] is None and "0 unhandled exceptions" in row["note"], key
            continue
        assert row["floor"] > 0, key
        assert row["ratio"] == pytest.approx(row["measured"] / row["floor"]), key
        assert row["met"] in (True, False, None), key
    assert rows["search.p95"]["measured"] >= rows["search.p50"]["measured"]
    assert rows["import.generated"]["details"]["sessions"] == 60
    assert rows["import.generated.existing"]["details"]["sessions"] == 60
    assert rows["import.scaling"]["details"]["sessions"] == 300

    table = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "| benchmark | measured | floor | ratio | target | met? |" in table
    for row in rows.values():
        assert f"| {row['label']} |" in table
    assert "≤ 16 ms" in table and "≤ 1.5×" in table and "≤ 300 MB" in table


def test_only_runs_the_named_benchmark(tmp_path: Path) -> None:
    assert bench_main(["--quick", "--only", "search", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert [row["key"] for row in data["results"]] == ["search.p50", "search.p95"]


def test_generated_program_reads_with_the_counts_asked_for(tmp_path: Path) -> None:
    written = generate_program(tmp_path / "p.xml", sessions=120, speakers=90)
    program = read(written.path, ReadOptions())

    assert len(program.events) == 120
    assert len(program.speakers) == 90
    assert program.time_zone == "America/Chicago"
    assert program.warnings == []
    assert len({e.source_id for e in program.events}) == 120
    assert {e.day_index for e in program.events} == {1, 2, 3, 4}
    assert len({e.room for e in program.events}) == written.rooms
    assert all(e.start.utcoffset() is not None and e.end > e.start for e in program.events)
    assert all(len(e.title) > 10 and "<p>" in e.abstract for e in program.events)
    assert any(not s.name.isascii() for s in program.speakers.values())
    assert all(s.affiliation and s.role for s in program.speakers.values())


def test_generator_is_deterministic_and_seeded(tmp_path: Path) -> None:
    first = generate_program(tmp_path / "a.xml", sessions=40, speakers=30)
    again = generate_program(tmp_path / "b.xml", sessions=40, speakers=30)
    other = generate_program(tmp_path / "c.xml", sessions=40, speakers=30, seed=7)

    assert first.path.read_bytes() == again.path.read_bytes()
    assert first.path.read_bytes() != other.path.read_bytes()


def test_percentiles_use_the_nearest_rank() -> None:
    values = [float(v) for v in range(100, 0, -1)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0
    assert median([4.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
