"""Writing a file whole or not at all: a temporary file beside it, then a rename over it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from conference_app.core.errors import UserError


def write_through_temporary(path: Path, write: Callable[[Path], None]) -> Path:
    """Let `write` fill a temporary file beside `path`, then put it in place in one rename.

    A reader never sees half a file, and a failure leaves the old one; a UserError names the file.
    """
    path = Path(path).expanduser()
    folder = path.parent
    if not folder.exists():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: {folder} is not a folder")
    if path.is_dir():
        raise UserError(f"cannot write {path}: it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the file from other apps
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` as the whole file, flushed to the disk before it takes the file's name."""

    def write(temporary: Path) -> None:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())

    write_through_temporary(path, write)
