"""Shared fixtures: every test runs against its own data folder and database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conference_app.core.services.program import ProgramService
from conference_app.core.storage.database import open_database
from conference_app.core.workspace import Workspace
from tests.frab_builder import fresh_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_file(relative: str) -> Path:
    """A file from ../shared/data, or skip the test when that folder is not beside the clone."""
    path = SHARED_DATA / relative
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real-world test data not present: {SHARED_DATA} (only beside the project's CI clone)")
    if not path.is_file():
        pytest.fail(f"expected shared test file missing: {path}")
    return path


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Send every user data/config folder to tmp_path so no test touches the real ones."""
    monkeypatch.setenv("CONFERENCE_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at head, made once; tests start from a copy (migrating takes a while)."""
    path = tmp_path_factory.mktemp("template") / "app.sqlite"
    open_database(path).engine.dispose()
    return path


@pytest.fixture
def workspace(tmp_path: Path, migrated_database: Path):
    opened = Workspace.open(fresh_database(migrated_database, tmp_path / "app.sqlite"))
    yield opened
    opened.close()


@pytest.fixture
def program(workspace: Workspace) -> ProgramService:
    return workspace.program
