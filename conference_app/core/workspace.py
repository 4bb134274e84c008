"""One database and the services over it: what the GUI and the CLI both start from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conference_app.core.services.agenda import AgendaService
from conference_app.core.services.follow_ups import FollowUpService
from conference_app.core.services.network_map import NetworkService
from conference_app.core.services.now_next import NowNextService
from conference_app.core.services.outreach import OutreachService
from conference_app.core.services.people import PeopleService
from conference_app.core.services.planning import PlanningService
from conference_app.core.services.program import ProgramService
from conference_app.core.services.suggestions import SuggestionService
from conference_app.core.storage.database import Database, open_database


@dataclass(frozen=True)
class Workspace:
    database: Database
    program: ProgramService
    planning: PlanningService
    suggestions: SuggestionService
    agenda: AgendaService
    outreach: OutreachService
    people: PeopleService
    follow_ups: FollowUpService
    now_next: NowNextService
    network: NetworkService

    @classmethod
    def open(cls, path: Path) -> Workspace:
        database = open_database(path)
        sessions = database.sessions
        return cls(
            database=database,
            program=ProgramService(sessions),
            planning=PlanningService(sessions),
            suggestions=SuggestionService(sessions),
            agenda=AgendaService(sessions),
            outreach=OutreachService(sessions),
            people=PeopleService(sessions),
            follow_ups=FollowUpService(sessions),
            now_next=NowNextService(sessions),
            network=NetworkService(sessions),
        )

    def close(self) -> None:
        for close in self.database.extra_closers:
            close()
        self.database.extra_closers.clear()
        self.database.engine.dispose()
