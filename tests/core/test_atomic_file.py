"""Files written whole or not at all, one at a time or as a batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conference_app.core.errors import UserError
from conference_app.core.exporters import atomic_file
from conference_app.core.exporters.atomic_file import write_all_atomically


def test_a_batch_writes_every_file_readable_by_others_and_leaves_no_temporaries(tmp_path: Path) -> None:
    (tmp_path / "old.eml").write_bytes(b"old text")
    files = [(tmp_path / f"{n}.eml", f"message {n}".encode()) for n in range(40)] + [(tmp_path / "old.eml", b"new")]
    write_all_atomically(files)
    assert {p.name for p in tmp_path.iterdir()} == {f"{n}.eml" for n in range(40)} | {"old.eml"}
    assert (tmp_path / "7.eml").read_bytes() == b"message 7"
    assert (tmp_path / "old.eml").read_bytes() == b"new"
    assert (tmp_path / "7.eml").stat().st_mode & 0o777 == 0o644


def test_a_failed_flush_puts_no_file_in_place_and_names_the_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "0.eml").write_bytes(b"kept")

    def disk_full(temporary: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file, "_flush_to_disk", disk_full)
    with pytest.raises(UserError, match=f"cannot write {tmp_path}: No space left on device"):
        write_all_atomically([(tmp_path / f"{n}.eml", b"new") for n in range(5)])
    assert [p.name for p in tmp_path.iterdir()] == ["0.eml"]
    assert (tmp_path / "0.eml").read_bytes() == b"kept"


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot write .*missing/a.eml"):
        write_all_atomically([(tmp_path / "missing" / "a.eml", b"x")])


def test_every_file_is_flushed_before_any_takes_its_name(tmp_path: Path, monkeypatch) -> None:
    events: list[str] = []
    flush, replace = atomic_file._flush_to_disk, os.replace

    def recording_flush(temporary: str) -> None:
        events.append("flush")
        flush(temporary)

    def recording_replace(source: str, target: Path) -> None:
        events.append("rename")
        replace(source, target)

    monkeypatch.setattr(atomic_file, "_flush_to_disk", recording_flush)
    monkeypatch.setattr(atomic_file.os, "replace", recording_replace)
    write_all_atomically([(tmp_path / f"{n}.eml", b"x") for n in range(6)])
    assert events == ["flush"] * 6 + ["rename"] * 6
