"""What every command gets: the workspace (opened on first use) and how to print."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# A search that must first finish the index says so on stderr once it has waited this long.
PREPARING_NOTICE_S = 1.0

if TYPE_CHECKING:
    from conference_app.core.domain.import_report import ImportReport
    from conference_app.core.importers.program import ReadOptions
    from conference_app.core.services.outcome import Outcome
    from conference_app.core.workspace import Workspace


@dataclass
class CommandContext:
    db_path: Path
    as_json: bool = False
    _workspace: Workspace | None = field(default=None, init=False)

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            from conference_app.core.workspace import Workspace  # the database layer, only for commands that use it

            self._workspace = Workspace.open(self.db_path)
        return self._workspace

    def import_program(self, path: Path, options: ReadOptions) -> Outcome[ImportReport]:
        """Store a program file in the database straight through sqlite3 (see
        services/program_import.py): no SQLAlchemy to load, so the command starts at once."""
        from conference_app.core.services.program_import import import_program
        from conference_app.core.storage.database_file import prepare_database

        if self._workspace is not None:
            return self._workspace.program.import_program(path, options)
        prepare_database(self.db_path)
        return import_program(self.db_path, path, options)

    def prepare_search(self) -> None:
        """Finish the search index the last import left to finish (see core/storage/event_index.py);
        for a large program that takes seconds, and then stderr says what the wait is."""
        program = self.workspace.program
        if not program.search_pending():
            return
        import threading  # not for the commands that never search, an import among them

        notice = threading.Timer(PREPARING_NOTICE_S, _say_preparing)
        notice.start()
        try:
            program.finish_search_index()
        finally:
            notice.cancel()

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()

    def emit(self, value: object, text: str) -> None:
        """Print `value` as JSON with --json, else the human-readable `text`."""
        if self.as_json:
            json.dump(value, sys.stdout, ensure_ascii=False, default=_json_default)
            sys.stdout.write("\n")
        elif text:
            sys.stdout.write(text.rstrip("\n") + "\n")


def _say_preparing() -> None:
    sys.stderr.write("conference-app: preparing search for the sessions imported last…\n")
    sys.stderr.flush()


def _json_default(value: object) -> object:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
