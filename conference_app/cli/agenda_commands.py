"""CLI commands over the agenda service."""

from __future__ import annotations

import argparse
from typing import Any

NAMES: tuple[str, ...] = ()


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
