"""`python -m conference_app` and the `conference-app` command: the CLI for subcommands, else the GUI."""

from __future__ import annotations

import sys


def _first_word(args: list[str]) -> str | None:
    """The first argument that is neither an option nor the value of --db."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from conference_app.cli import COMMANDS, run

    if _first_word(args) in COMMANDS or "-h" in args or "--help" in args:
        return run(args)
    from conference_app.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
