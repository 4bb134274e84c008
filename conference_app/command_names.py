"""The command line's subcommand names, for `python -m conference_app` to tell a command from a file
to open without importing the command line (and the database layer with it) when starting the GUI.
tests/test_cli.py keeps this equal to conference_app.cli.COMMANDS."""

COMMANDS = frozenset({
    "import", "conferences", "sessions", "pick", "unpick",
    "profile", "goals", "speakers", "target", "targets", "met",
    "suggest", "agenda", "outreach", "card", "qr", "contacts", "followups", "now", "ocr",
})
