"""`python -m conference_app` and the `conference-app` command: the CLI for subcommands, else the GUI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from conference_app.command_names import COMMANDS, first_word  # names only: the GUI does not load the CLI

    first = first_word(args)
    # A word that is neither a command nor an existing file is a mistyped command: let the CLI say so.
    if first in COMMANDS or "-h" in args or "--help" in args or (first is not None and not Path(first).exists()):
        from conference_app.cli import run

        code = run(args)
        if argv is None:  # run as the program, not called by a test
            _end_now(code)
        return code
    from conference_app.app import main as gui_main

    # Run as the program (not called with arguments, as by a test): the process ends once the window
    # and the database are closed, without the half second of tearing down the interpreter.
    return gui_main(args, end_promptly=argv is None)


def _end_now(code: int) -> NoReturn:
    """The command is done and its database closed: end the process without the interpreter's
    teardown, which would free every object of a large import one by one (tens of milliseconds)."""
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # the reader went away (`| head`): nothing more can reach it
            pass
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
