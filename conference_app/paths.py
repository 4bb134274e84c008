"""Where the app keeps its files: the platform's user data folder, overridable for tests and --db."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "conference-companion"


def data_dir() -> Path:
    override = os.environ.get("CONFERENCE_APP_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # a tenth of its startup for a command given its --db: loaded only when needed

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "conference.sqlite"
