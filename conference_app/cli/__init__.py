"""The scriptable twin of the GUI: the same services, no Qt, plain or --json output.

Exit status 0 on success; on bad input one line on stderr and a non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from conference_app.cli.output import CommandContext
from conference_app.command_names import COMMANDS, MODULE_OF_COMMAND, first_word
from conference_app.core.errors import ImportCancelled, UserError
from conference_app.core.storage.database_errors import database_error, is_database_error
from conference_app.core.storage.write_lock import waits_reported
from conference_app.paths import default_database

__all__ = ["COMMANDS", "build_parser", "command_modules", "run"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors: one line, exit status 2."""
        sys.stderr.write(f"conference-app: {message}\n")
        raise SystemExit(2)


def command_modules(argv: list[str] | None = None) -> list[ModuleType]:
    """The modules that register the commands: only the named command's when argv names one (a command
    then starts without importing the others and what they use), else every one, for help and errors."""
    command = first_word(argv or [])
    names = [MODULE_OF_COMMAND[command]] if command in MODULE_OF_COMMAND else dict.fromkeys(MODULE_OF_COMMAND.values())
    return [importlib.import_module(f"conference_app.cli.{name}") for name in names]


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="the SQLite file to use")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    parser = _Parser(prog="conference-app", description="Conference Companion", parents=[common])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in command_modules(argv):
        module.register(commands, common)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if _names_no_database(argv):
        sys.stderr.write("conference-app: --db names no file; give the path of the database file\n")
        return 1
    context = CommandContext(
        db_path=getattr(args, "db", None) or default_database(), as_json=getattr(args, "json", False)
    )
    try:
        with waits_reported(_SayWaiting(context.db_path)):
            return int(args.handler(args, context) or 0)
    except UserError as error:
        sys.stderr.write(f"conference-app: {error}\n")
        return 1
    except ImportCancelled:
        sys.stderr.write("conference-app: cancelled; nothing was changed\n")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:
        if not is_database_error(error):
            raise
        sys.stderr.write(f"conference-app: {database_error(context.db_path, error)}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("conference-app: interrupted\n")
        return 130
    finally:
        context.close()


def _names_no_database(argv: list[str]) -> bool:
    """`--db ''` (or `--db=`): argparse would read it as the current folder."""
    return "--db=" in argv or any(arg == "--db" and value == "" for arg, value in zip(argv, argv[1:]))


class _SayWaiting:
    """One line on stderr once a write has waited a moment for another program's lock; then keep waiting."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._said = False

    def waiting(self, _seconds: float) -> bool:
        if not self._said:
            name = self._db_path.name
            sys.stderr.write(f"conference-app: waiting for another program to finish writing to {name}…\n")
            sys.stderr.flush()
            self._said = True
        return True

    def done(self) -> None:
        pass
