"""How long this process has been running, to the clock tick, for the start-up figure the app reports.

The kernel records a process's start in clock ticks since boot (/proc/self/stat, field 22), so
the time since then is CLOCK_BOOTTIME now minus that: both count from the same boot, to 1/HZ
(10 ms at most). The boot time in /proc/stat is rounded to whole seconds and must not be mixed
in. Without /proc the figure counts from when this module was first imported.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

_IMPORTED_AT = time.monotonic()


def milliseconds_since_process_start() -> float:
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of the whole line
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.monotonic() - _IMPORTED_AT) * 1000
