"""Running the command line in-process, the way every CLI test does."""

from __future__ import annotations

import json

import pytest

from conference_app.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, ""), err
    return out


def as_json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    out = ok(capsys, *args, "--json")
    assert out.count("\n") == 1
    return json.loads(out)


def fails(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    """The one line on stderr of a command that must fail with status 1 and print nothing."""
    code, out, err = run(capsys, *args)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("conference-app: ")
    return err.removeprefix("conference-app: ").rstrip("\n")
