"""Small measuring tools: percentiles, a stopwatch, and child processes with their own peak memory."""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction 0.95 → p95) of a non-empty sequence."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def timed_ms(action: Callable[..., T], *args: object) -> tuple[float, T]:
    """Run `action(*args)` once; return its wall time in milliseconds and its result."""
    started = time.perf_counter()
    value = action(*args)
    return (time.perf_counter() - started) * 1000, value


@dataclass(frozen=True)
class ProcessRun:
    stdout: str
    stderr: str
    returncode: int
    peak_rss_mb: float  # the child's own peak resident memory (VmHWM after exec)
    wall_ms: float = 0.0  # from just before the fork to the child's exit, timed by the parent


def _high_water_kib(pid: int) -> int | None:
    """VmHWM of a running process: the peak of its own address space, so not the parent's memory
    a fork carried over (which ru_maxrss from wait4 or RUSAGE_CHILDREN would include)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def run_process(command: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> ProcessRun:
    """Run a child to completion, sampling its peak memory (VmHWM only grows) until it exits."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=out, stderr=err, env=env, cwd=cwd)
        deadline = time.monotonic() + timeout
        peak_kib = 0
        while True:
            peak_kib = max(peak_kib, _high_water_kib(process.pid) or 0)
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                wall_ms = (time.perf_counter() - started) * 1000
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                wall_ms = (time.perf_counter() - started) * 1000
                break
            time.sleep(0.005)
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
        if not peak_kib:  # no /proc: the child's maximum as the kernel reports it
            peak_kib = usage.ru_maxrss
        out.seek(0)
        err.seek(0)
        return ProcessRun(
            out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), process.returncode,
            peak_kib / 1024, wall_ms,
        )
