"""Putting a backup back in place of a damaged database, keeping the damaged file."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from conference_app.core.errors import UserError
from conference_app.core.storage.database import LOG_SUFFIXES, copy_through_sqlite


def restore_backup(path: Path, backup: Path) -> Path:
    """Replace the database at `path` by the copy `backup`; return where the damaged file went.

    The damaged file and its -wal and -shm files are renamed, never deleted: a log left beside the
    restored copy would be replayed into it. Call this with the database closed in this process.
    """
    path, backup = Path(path), Path(backup)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        for suffix in LOG_SUFFIXES:
            log = path.with_name(path.name + suffix)
            if log.exists():
                log.rename(kept.with_name(kept.name + suffix))
        path.rename(kept)
        # Through SQLite's backup API: the copy's own -wal, if it has one, is read too.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        copy_through_sqlite(backup, path)
    except (OSError, sqlite3.Error) as exc:
        where = f"; the damaged file is kept as {kept.name}" if kept.exists() else ""
        raise UserError(f"{backup.name} could not be put back in place of {path.name} ({exc}){where}") from exc
    return kept
