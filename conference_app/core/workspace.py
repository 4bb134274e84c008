"""One database and the services over it: what the GUI and the CLI both start from."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.pool import ConnectionPoolEntry

    from conference_app.core.storage.database import Database

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

    def __init__(self, database: Database | None = None, path: Path | None = None) -> None:
        if database is not None:
            self.__dict__["database"] = database  # what the cached property below would make
            self.path = database.path
        elif path is not None:
            self.path = Path(path)
        else:
            raise TypeError("a Workspace needs a database or the path of a prepared one")
        self._backup: Path | None = None  # the copy prepare() took before an upgrade, if one ran
        self._closed = False

    @classmethod
    def open(cls, path: Path) -> Workspace:
        from conference_app.core.storage.database import open_database

        return cls(open_database(path))

    @classmethod
    def prepare(cls, path: Path) -> Workspace:
        """A workspace on a file checked and brought to the newest schema now (plain sqlite3, see
        storage/database_file.py), whose engine (and SQLAlchemy with it) is made on first use:
        the window shows its first screen before that (ui/first_screen.py)."""
        from conference_app.core.storage.database_file import prepare_database

        workspace = cls(path=path)
        workspace._backup = prepare_database(workspace.path)
        return workspace

    @property
    def database_opened(self) -> bool:
        return "database" in self.__dict__

    @cached_property
    def database(self) -> Database:
        from dataclasses import replace

        from conference_app.core.storage.database import open_database

        database = open_database(self.path)  # checked again: another program may have changed it meanwhile
        if self._closed:  # first used after close() (a timer that fired late): keep no connection pooled
            _close_connections_on_return(database.engine)
        backup = self._backup
        return replace(database, backup=backup) if backup is not None and database.backup is None else database

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

        return SuggestionService(self.database)

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
        self._closed = True
        if not self.database_opened:
            return  # nothing was opened beyond the check of the file
        for close in self.database.extra_closers:
            close()
        self.database.extra_closers.clear()
        engine = self.database.engine
        _close_connections_on_return(engine)
        engine.dispose()


def _close_connections_on_return(engine: Engine) -> None:
    """A connection still out now (a worker thread's), or opened later (a window's timer that fires
    after close), is closed when it comes back instead of waiting, pooled, for the garbage collector."""
    from sqlalchemy import event

    if not event.contains(engine, "checkin", _close_on_return):
        event.listen(engine, "checkin", _close_on_return)


def _close_on_return(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
    record.invalidate()  # closes it; the pool would open a new one if asked again
