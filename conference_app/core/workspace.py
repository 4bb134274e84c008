"""One database and the services over it: what the GUI and the CLI both start from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conference_app.core.services.program import ProgramService
from conference_app.core.storage.database import Database, open_database


@dataclass(frozen=True)
class Workspace:
    database: Database
    program: ProgramService

    @classmethod
    def open(cls, path: Path) -> Workspace:
        database = open_database(path)
        return cls(database=database, program=ProgramService(database.sessions))

    def close(self) -> None:
        self.database.engine.dispose()
