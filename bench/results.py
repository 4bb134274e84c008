"""One line of the results table, and writing the table as Markdown and JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

Judged = Literal["ratio", "measured"]


@dataclass(frozen=True)
class Result:
    """A measured figure beside its floor from the same run, and the target it is judged by.

    `limit` applies to the ratio measured/floor or to the measured figure itself, as `judged` says;
    a row without a limit is shown for information. A row with `measured` None was skipped (`note` says why).
    """

    key: str  # stable name, e.g. "search.p95"
    label: str  # what a reader sees, e.g. "search as you type, p95 (10,000 sessions)"
    unit: str  # "ms" or "MB"
    measured: float | None
    floor: float | None
    floor_label: str = ""
    limit: float | None = None
    judged: Judged = "ratio"
    note: str = ""
    details: dict[str, float | int | str] = field(default_factory=dict)

    @property
    def skipped(self) -> bool:
        return self.measured is None

    @property
    def ratio(self) -> float | None:
        if self.measured is None or not self.floor:
            return None
        return self.measured / self.floor

    @property
    def target(self) -> str:
        if self.limit is None:
            return "—"
        if self.judged == "ratio":
            return f"≤ {self.limit:g}×"
        return f"≤ {self.limit:g} {self.unit}"

    @property
    def met(self) -> bool | None:
        if self.limit is None or self.measured is None:
            return None
        value = self.ratio if self.judged == "ratio" else self.measured
        return value is not None and value <= self.limit



def skipped(key: str, label: str, unit: str, limit: float | None, judged: Judged, note: str) -> Result:
    """A row for a benchmark that could not run here, saying why."""
    return Result(key, label, unit, None, None, limit=limit, judged=judged, note=note)


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms" and value >= 10_000:
        return f"{value / 1000:.1f} s"
    return f"{value:.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def markdown_table(
    results: list[Result], environment: dict[str, str], failures: dict[str, str] | None = None
) -> str:
    """The results as a Markdown table, with notes, failed benchmarks and where they were measured."""
    lines = [
        "| benchmark | measured | floor | ratio | target | met? |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for r in results:
        floor = _figure(r.floor, r.unit) + (f" ({r.floor_label})" if r.floor_label and r.floor is not None else "")
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
        met = {True: "yes", False: "**no**", None: "—"}[r.met]
        if r.skipped:
            met = "skipped"
        lines.append(f"| {r.label} | {_figure(r.measured, r.unit)} | {floor} | {ratio} | {r.target} | {met} |")
    notes = [f"- {r.label}: {r.note}" for r in results if r.note]
    notes += [f"- benchmark `{name}` failed: {' '.join(error.split())}" for name, error in (failures or {}).items()]
    setting = ", ".join(f"{k} {v}" for k, v in environment.items())
    text = "\n".join(lines) + "\n"
    if notes:
        text += "\nNotes:\n\n" + "\n".join(notes) + "\n"
    return text + f"\nMeasured on: {setting}.\n"


def write_results(
    folder: Path, results: list[Result], environment: dict[str, str], failures: dict[str, str] | None = None
) -> tuple[Path, Path]:
    """Write latest.md and latest.json into `folder`; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    markdown = folder / "latest.md"
    table = markdown_table(results, environment, failures)
    markdown.write_text("# Benchmark results\n\n" + table, encoding="utf-8")
    rows = [
        {**asdict(r), "ratio": r.ratio, "target": r.target, "met": r.met, "skipped": r.skipped} for r in results
    ]
    data = folder / "latest.json"
    document = {"environment": environment, "results": rows, "failures": failures or {}}
    data.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return markdown, data
