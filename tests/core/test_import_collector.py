"""An import runs without the cycle collector, and leaves it as it found it."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from conference_app.core.errors import InputFileError
from conference_app.core.services import program_import as program_service
from conference_app.core.services.program import ProgramService

from tests.frab_builder import write_congress


def test_no_cycle_collection_runs_while_a_program_is_read_and_stored(
    program: ProgramService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_congress(tmp_path)
    collector_on: dict[str, bool] = {}
    real_read, real_run = program_service.read_program, program_service.ProgramImport.run

    def read(*args: Any) -> Any:
        collector_on["read"] = gc.isenabled()
        return real_read(*args)

    def run(self: Any, *args: Any) -> Any:
        result = real_run(self, *args)
        collector_on["store"] = gc.isenabled()
        return result

    monkeypatch.setattr(program_service, "read_program", read)
    monkeypatch.setattr(program_service.ProgramImport, "run", run)
    assert program.import_program(path).value.sessions == 7
    assert collector_on == {"read": False, "store": False}
    assert gc.isenabled()


def test_the_collector_is_back_after_a_refused_file(program: ProgramService, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<schedule><day>", encoding="utf-8")
    with pytest.raises(InputFileError):
        program.import_program(bad)
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(program: ProgramService, tmp_path: Path) -> None:
    gc.disable()
    try:
        program.import_program(write_congress(tmp_path))
        assert not gc.isenabled()
    finally:
        gc.enable()
