"""Pausing Python's cycle collector while a large file is read and stored."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cycle collection inside the block; the collector runs again as usual after it.

    Reading a program allocates millions of objects that all live until the program is stored.
    The collector would walk them again at every pass, and its passes over the oldest objects grow
    with their number: most of what made a 100,000-session import more than ten times slower than
    a 10,000-session one. Reference counting still frees what is no longer used; only cycles wait.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
