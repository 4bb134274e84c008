"""The command line's subcommands and the module under conference_app.cli that registers each.

`python -m conference_app` tells a command from a file to open by these names, without importing the
command line (and the database layer with it) when starting the GUI; the command line imports only the
module of the command it runs. tests/test_command_names.py keeps this equal to what the modules register.
"""

MODULE_OF_COMMAND = {
    "import": "program_commands", "conferences": "program_commands", "sessions": "program_commands",
    "pick": "program_commands", "unpick": "program_commands",
    "profile": "plan_commands", "goals": "plan_commands", "speakers": "plan_commands", "target": "plan_commands",
    "targets": "plan_commands", "met": "plan_commands",
    "suggest": "suggest_commands", "agenda": "agenda_commands", "outreach": "outreach_commands",
    "card": "card_commands", "qr": "card_commands", "contacts": "contact_commands",
    "followups": "followup_commands", "now": "now_commands", "ocr": "ocr_commands",
}
COMMANDS = frozenset(MODULE_OF_COMMAND)


def first_word(args: list[str]) -> str | None:
    """The first argument that is neither an option nor the value of --db: the command, or a file to open."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None
