"""One database and the services over it: what the GUI and the CLI both start from."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from conference_app.core.storage.database import Database, open_database

if TYPE_CHECKING:
    from conference_app.core.services.agenda import AgendaService
    from conference_app.core.services.follow_ups import FollowUpService
    from conference_app.core.services.network_map import NetworkService
    from conference_app.core.services.now_next import NowNextService
    from conference_app.core.services.outreach import OutreachService
    from conference_app.core.services.people import PeopleService
    from conference_app.core.services.planning import PlanningService
    from conference_app.core.services.program import ProgramService
    from conference_app.core.services.suggestions import SuggestionService


class Workspace:
    """The database and its services. Each service (and the modules behind it) is loaded on first
    use, so a command that needs one service does not pay for all of them."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @classmethod
    def open(cls, path: Path) -> Workspace:
        return cls(open_database(path))

    @cached_property
    def program(self) -> ProgramService:
        from conference_app.core.services.program import ProgramService

        return ProgramService(self.database)

    @cached_property
    def planning(self) -> PlanningService:
        from conference_app.core.services.planning import PlanningService

        return PlanningService(self.database.sessions)

    @cached_property
    def suggestions(self) -> SuggestionService:
        from conference_app.core.services.suggestions import SuggestionService

        return SuggestionService(self.database.sessions)

    @cached_property
    def agenda(self) -> AgendaService:
        from conference_app.core.services.agenda import AgendaService

        return AgendaService(self.database.sessions)

    @cached_property
    def outreach(self) -> OutreachService:
        from conference_app.core.services.outreach import OutreachService

        return OutreachService(self.database.sessions)

    @cached_property
    def people(self) -> PeopleService:
        from conference_app.core.services.people import PeopleService

        return PeopleService(self.database.sessions)

    @cached_property
    def follow_ups(self) -> FollowUpService:
        from conference_app.core.services.follow_ups import FollowUpService

        return FollowUpService(self.database.sessions)

    @cached_property
    def now_next(self) -> NowNextService:
        from conference_app.core.services.now_next import NowNextService

        return NowNextService(self.database.sessions)

    @cached_property
    def network(self) -> NetworkService:
        from conference_app.core.services.network_map import NetworkService

        return NetworkService(self.database.sessions)

    def close(self) -> None:
        for close in self.database.extra_closers:
            close()
        self.database.extra_closers.clear()
        self.database.engine.dispose()
