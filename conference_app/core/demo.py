"""The bundled demo congress: a fictional general surgery meeting, loaded into an empty database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def demo_program_path() -> Path:
    """The demo program's path on disk (the package is installed as files, also in the bundle)."""
    return Path(str(resources.files("conference_app.resources").joinpath("demo", "congress.xml")))
