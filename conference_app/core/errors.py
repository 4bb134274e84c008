"""Errors that reach the user as one line of text."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem the user can fix; its str() is the one line shown in the GUI and the CLI."""


class InputFileError(UserError):
    """A file the user gave us cannot be used. Always names the file."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


class NotFoundError(UserError):
    """An id given by the user does not exist."""


class ImportCancelled(Exception):
    """The user cancelled a running import; nothing was stored."""
