"""Writing a file whole or not at all: a temporary file beside it, then a rename over it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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


def write_all_atomically(files: list[tuple[Path, bytes]], workers: int = 8) -> None:
    """Write many files, each whole or not at all, like `write_atomically` one by one.

    The temporaries are flushed to the disk side by side (waiting on the disk releases the
    interpreter), so a batch of a thousand small files costs a few disk flushes' time, not a
    thousand. Nothing takes its final name before every file is safely on the disk; a failure
    leaves no temporary behind and raises a UserError naming the file.
    """
    temporaries: list[tuple[str, Path]] = []
    current = files[0][0] if files else Path()
    try:
        for current, data in files:
            handle, temporary = tempfile.mkstemp(prefix=f".{current.name}.", suffix=".tmp", dir=current.parent)
            temporaries.append((temporary, current))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the file from other apps
        current = current.parent
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(temporaries)))) as pool:
            list(pool.map(_flush_to_disk, (temporary for temporary, _path in temporaries)))
        for temporary, current in temporaries:
            os.replace(temporary, current)
    except OSError as error:
        raise UserError(f"cannot write {current}: {error.strerror or error}") from None
    finally:
        for temporary, _path in temporaries:
            Path(temporary).unlink(missing_ok=True)


def _flush_to_disk(temporary: str) -> None:
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
