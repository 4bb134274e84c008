"""The core and the CLI never load Qt: checked statically (import-linter) and at run time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

IMPORT_EVERYTHING = """
import importlib, pkgutil, sys
import conference_app.core, conference_app.cli, conference_app.paths

# Migration scripts are run by alembic inside a migration context, never imported on their own.
SCRIPTS = "conference_app.core.storage.migrations."
names = []
for package in (conference_app.core, conference_app.cli):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not module.name.startswith(SCRIPTS):
            importlib.import_module(module.name)
            names.append(module.name)
print(len(names))
loaded = sorted(
    m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6") or m.startswith("conference_app.ui")
)
print(loaded)
"""


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.is_file():
        pytest.fail(f"import-linter is a dev dependency and must be installed: {lint_imports} is missing")

    finished = subprocess.run([str(lint_imports)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)

    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "The core never imports Qt KEPT" in finished.stdout
    assert "0 broken" in finished.stdout


def test_importing_every_core_and_cli_module_loads_no_qt() -> None:
    finished = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )

    assert finished.returncode == 0, finished.stderr
    count, loaded = finished.stdout.splitlines()
    assert int(count) >= 20  # the walk really found the modules
    assert loaded == "[]"
