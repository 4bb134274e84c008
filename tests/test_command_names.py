"""`python -m conference_app` tells a subcommand from a file to open by a list of names kept beside
the command line, so that starting the window does not import the command line; the command line
loads only the module of the command it runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conference_app.cli import command_modules
from conference_app.command_names import COMMANDS, MODULE_OF_COMMAND, first_word


def test_each_name_is_registered_by_the_module_it_names() -> None:
    for module in command_modules():
        for name in module.NAMES:
            assert MODULE_OF_COMMAND[name] == module.__name__.rsplit(".", 1)[1]
    assert {name for module in command_modules() for name in module.NAMES} == COMMANDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_loads_only_its_own_module(name: str) -> None:
    modules = command_modules(["--json", "--db", "x.sqlite", name])
    assert [module.__name__ for module in modules] == [f"conference_app.cli.{MODULE_OF_COMMAND[name]}"]
    assert name in modules[0].NAMES


def test_help_and_unknown_words_load_every_command() -> None:
    every = len(set(MODULE_OF_COMMAND.values()))
    assert len(command_modules(["--help"])) == every
    assert len(command_modules(["impotr"])) == every
    assert len(command_modules(["--db", "import"])) == every  # a database named "import", no command


def test_the_first_word_skips_options_and_the_database() -> None:
    assert first_word(["--db", "pick", "--json", "import", "x.xml"]) == "import"
    assert first_word(["--json"]) is None


def test_import_does_not_load_the_other_commands() -> None:
    code = ("import sys\nfrom conference_app.cli import build_parser\nbuild_parser(['import', 'x.xml'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('conference_app.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['conference_app.cli.output', 'conference_app.cli.program_commands']"
