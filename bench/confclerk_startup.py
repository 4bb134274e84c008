"""Start-up against ConfClerk, the C++/Qt offline schedule viewer (Debian package `confclerk`), on
FOSDEM 2026, side by side under one X server.

Each program starts on a database already holding FOSDEM 2026 and is timed from fork until its main
window is mapped and viewable (polled with `xdotool search --onlyvisible` every few milliseconds),
then closed. ConfClerk makes its own database on a first start; the program is then written into
it in ConfClerk's schema (it imports only through its window). Conference Companion's database
gets the program through `conference-app import`. Both sides run interleaved, `process_repeats`
times each; medians are compared. Target ≤ 2×.

Needs `confclerk`, `xdotool` and an X server: DISPLAY, or `Xvfb` to start one. Skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

from bench.context import FOSDEM_2026, REPO, BenchContext
from bench.results import Result, skipped
from bench.timing import median

NAME = "confclerk"
TARGET_RATIO = 2.0
KEY = "startup.confclerk"
LABEL = "start-up on FOSDEM 2026 (883 sessions), window shown"
POLL_S = 0.01
TIMEOUT_S = 60.0


def _missing() -> str:
    for tool in ("confclerk", "xdotool"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install confclerk xdotool)"
    if not os.environ.get("DISPLAY") and shutil.which("Xvfb") is None:
        return "no X server: set DISPLAY or install Xvfb"
    if not FOSDEM_2026.is_file():
        return f"{FOSDEM_2026} is not here"
    return ""


@contextmanager
def _display() -> Iterator[str]:
    """The X display to use: this session's, or a private Xvfb for the run."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    number = 97
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


def _window_shown(display: str, name: str) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], env={**os.environ,
                           "DISPLAY": display}, capture_output=True, text=True)
    return bool(found.stdout.strip())


class NoWindow(RuntimeError):
    """The program ended before showing a window."""


def time_to_window(command: list[str], env: dict[str, str], display: str, name: str, tries: int = 3) -> float:
    """Milliseconds from fork until a window whose title matches `name` is viewable. Now and then a
    program (either one) cannot connect to the X server while it is being polled and ends at once:
    that start is tried again, up to `tries` times."""
    for attempt in range(1, tries + 1):
        try:
            return _time_to_window(command, env, display, name)
        except NoWindow:
            if attempt == tries:
                raise
    raise AssertionError("unreachable")


def _time_to_window(command: list[str], env: dict[str, str], display: str, name: str) -> float:
    """Milliseconds from fork until a window whose title matches `name` is viewable; the program is then closed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while not _window_shown(display, name):
            if process.poll() is not None:
                raise NoWindow(f"{command[0]} exited with {process.returncode} before showing a window")
            if time.perf_counter() - started > TIMEOUT_S:
                raise RuntimeError(f"{command[0]} showed no window in {TIMEOUT_S:.0f} s")
            time.sleep(POLL_S)
        return (time.perf_counter() - started) * 1000
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # ConfClerk may take its time to go
            process.wait()


# --- ConfClerk's database --------------------------------------------------------------------------


def confclerk_home(folder: Path, display: str) -> dict[str, str]:
    """A home folder whose ConfClerk database holds FOSDEM 2026, and the environment that uses it."""
    env = {**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config")}
    database = folder / "data" / "Toastfreeware" / "ConfClerk" / "ConfClerk.sqlite"
    time_to_window(["confclerk"], env, display, "ConfClerk")  # the first start makes the empty database
    if not database.is_file():
        raise RuntimeError(f"ConfClerk made no database at {database}")
    _write_program(database, FOSDEM_2026)
    return env


def _epoch(moment: datetime) -> int:
    """ConfClerk's "timezone-less timestamp": the local wall-clock time read as if it were UTC."""
    return int(moment.replace(tzinfo=timezone.utc).timestamp())


def _seconds(clock: str) -> int:
    parts = [int(p) for p in clock.split(":")] + [0, 0]
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return "".join(found.itertext()).strip() if found is not None else ""


def _write_program(database: Path, program: Path) -> None:
    root = ET.parse(program).getroot()
    conference = root.find("conference")
    assert conference is not None
    first, last = (date.fromisoformat(_text(conference, tag)) for tag in ("start", "end"))
    midnight = datetime.min.time()
    connection = sqlite3.connect(database)
    try:
        with connection:
            cursor = connection.execute(
                "INSERT INTO conference (title, subtitle, venue, city, start, end, day_change, timeslot_duration, "
                "utc_offset, active, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                (_text(conference, "title"), _text(conference, "subtitle"), _text(conference, "venue"),
                 _text(conference, "city"), _epoch(datetime.combine(first, midnight)),
                 _epoch(datetime.combine(last, midnight)), _seconds(_text(conference, "day_change") or "0:0"),
                 _seconds(_text(conference, "timeslot_duration") or "0:5"), 3600, str(program)),
            )
            conference_id = cursor.lastrowid
            tracks: dict[str, int] = {}
            rooms: dict[str, int] = {}
            persons: set[int] = set()
            for day in root.iter("day"):
                for room in day.iter("room"):
                    room_name = room.get("name", "")
                    if room_name not in rooms:
                        rooms[room_name] = connection.execute(
                            "INSERT INTO room (xid_conference, name) VALUES (?, ?)", (conference_id, room_name)
                        ).lastrowid or 0
                    for event in room.iter("event"):
                        track = _text(event, "track")
                        if track not in tracks:
                            tracks[track] = connection.execute(
                                "INSERT INTO track (xid_conference, name) VALUES (?, ?)", (conference_id, track)
                            ).lastrowid or 0
                        event_id = int(event.get("id", "0"))
                        start = datetime.fromisoformat(_text(event, "date")).replace(tzinfo=None)
                        connection.execute(
                            "INSERT INTO event (xid_conference, id, start, duration, xid_track, type, language, "
                            "title, subtitle, abstract, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (conference_id, event_id, _epoch(start), _seconds(_text(event, "duration") or "0:0"),
                             tracks[track], _text(event, "type"), _text(event, "language"), _text(event, "title"),
                             _text(event, "subtitle"), _text(event, "abstract"), _text(event, "description")),
                        )
                        connection.execute("INSERT INTO event_room (xid_conference, xid_event, xid_room) "
                                           "VALUES (?, ?, ?)", (conference_id, event_id, rooms[room_name]))
                        for person in event.iter("person"):
                            person_id = int(person.get("id", "0"))
                            if person_id not in persons:
                                persons.add(person_id)
                                connection.execute("INSERT INTO person (id, xid_conference, name) VALUES (?, ?, ?)",
                                                   (person_id, conference_id, (person.text or "").strip()))
                            connection.execute("INSERT INTO event_person (xid_conference, xid_event, xid_person) "
                                               "VALUES (?, ?, ?)", (conference_id, event_id, person_id))
                        for link in event.iter("link"):
                            connection.execute("INSERT INTO link (xid_conference, xid_event, name, url) "
                                               "VALUES (?, ?, ?, ?)",
                                               (conference_id, event_id, (link.text or "").strip(), link.get("href", "")))
    finally:
        connection.close()


# --- the comparison ------------------------------------------------------------------------------


def run(context: BenchContext) -> list[Result]:
    reason = _missing() if context.sizes.real_files and context.sizes.process_repeats > 1 else "not run in this mode"
    if reason:
        return [skipped(KEY, LABEL, "ms", TARGET_RATIO, "ratio", reason)]
    with _display() as display, tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        confclerk_env = confclerk_home(home / "confclerk", display)
        database = home / "companion.sqlite"
        app_env = {**context.child_env(), "HOME": str(home / "companion")}
        subprocess.run([sys.executable, "-m", "conference_app", "import", str(FOSDEM_2026), "--db", str(database)],
                       env=app_env, cwd=REPO, check=True, capture_output=True)
        # A first search finishes the index the import left to finish, as the window's first start would.
        subprocess.run([sys.executable, "-m", "conference_app", "sessions", "--search", "rust", "--db", str(database)],
                       env=app_env, cwd=REPO, check=True, capture_output=True)
        app_runs, floor_runs = [], []
        for number in range(context.sizes.process_repeats):
            context.say(f"start-up on FOSDEM: Conference Companion ({number + 1})")
            app_runs.append(time_to_window([sys.executable, "-m", "conference_app", "--db", str(database)], app_env,
                                           display, "Conference Companion"))
            context.say(f"start-up on FOSDEM: ConfClerk ({number + 1})")
            # ConfClerk's main window takes the conference's title once it has one.
            floor_runs.append(time_to_window(["confclerk"], confclerk_env, display, "^(ConfClerk|FOSDEM 2026)$"))
    return [
        Result(
            KEY, LABEL, "ms", median(app_runs), median(floor_runs),
            "ConfClerk 0.7 (C++, Qt 5) on the same program, timed the same way", TARGET_RATIO, "ratio",
            details={"runs": len(app_runs), "app_all_ms": ", ".join(f"{v:.0f}" for v in app_runs),
                     "floor_all_ms": ", ".join(f"{v:.0f}" for v in floor_runs)},
        )
    ]
