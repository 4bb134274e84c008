"""`python -m conference_app` tells a subcommand from a file to open by a list of names kept beside
the command line, so that starting the window does not import the command line."""

from __future__ import annotations

from conference_app.cli import COMMANDS
from conference_app.command_names import COMMANDS as NAMES


def test_the_names_are_the_command_lines_commands() -> None:
    assert NAMES == COMMANDS
