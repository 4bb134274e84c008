"""Every importer, fed damaged copies of real files: a one-line refusal or an import, never a crash,
and a refused file leaves the database exactly as it was. (bench/fuzz_importers.py runs ≥ 10,000 per format.)"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conference_app.core.errors import UserError
from conference_app.core.workspace import Workspace
from bench.importer_fuzzing import FORMATS, SHARED_DATA, database_fingerprint, importer, mutate, seeds

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=f"{SHARED_DATA} is absent"),
]


@pytest.fixture(scope="module")
def base_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database already holding a program and a person, so a refused file has something to leave alone."""
    path = tmp_path_factory.mktemp("fuzz") / "base.sqlite"
    workspace = Workspace.open(path)
    try:
        workspace.program.import_program(seeds("frab")[0])
        importer("vcard", workspace)(seeds("vcard")[0])
    finally:
        workspace.close()
    return path


@pytest.mark.parametrize("fmt", list(FORMATS))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
@example(seed=7336)  # frab: libxml2 hands over an element with no parent before refusing the file
def test_damaged_files_are_refused_in_one_line_or_imported(fmt: str, seed: int, base_database: Path,
                                                           tmp_path: Path) -> None:
    rng = random.Random(seed)
    files = seeds(fmt)
    original, other = rng.choice(files), rng.choice(files)
    damaged = tmp_path / f"damaged-{seed}{original.suffix}"
    damaged.write_bytes(mutate(original.read_bytes(), other.read_bytes(), rng, steps=rng.randrange(1, 6)))
    database = tmp_path / f"db-{seed}.sqlite"
    database.write_bytes(base_database.read_bytes())
    before = database_fingerprint(database)
    workspace = Workspace.open(database)
    try:
        try:
            importer(fmt, workspace)(damaged)
        except UserError as refused:
            message = str(refused)
            assert message and "\n" not in message and "Traceback" not in message
            refused_whole = True
        else:
            refused_whole = False
    finally:
        workspace.close()
    if refused_whole:
        assert database_fingerprint(database) == before
