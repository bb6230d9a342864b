"""The writer lock on every way this platform offers, and fieldkit without POSIX-only modules.

Linux and macOS run these with ``flock``; Windows (the CI workflow) with ``msvcrt.locking``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fieldkit.core.errors import ProjectLocked
from fieldkit.storage.lock import WriterLock, available_ways

WAYS = {way.name: way for way in available_ways()}

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from fieldkit.storage.lock import WriterLock, available_ways
    way = next(w for w in available_ways() if w.name == sys.argv[2])
    WriterLock(Path(sys.argv[1]), way).acquire()
    Path(sys.argv[3]).write_text("held")
    time.sleep(120)
""")


def test_this_platform_has_a_way_to_lock() -> None:
    assert WAYS, "no locking module found"
    expected = "msvcrt" if sys.platform == "win32" else "flock"
    assert next(iter(WAYS)) == expected


@pytest.mark.parametrize("name", sorted(WAYS))
def test_one_writer_and_the_second_is_told_who(tmp_path: Path, name: str) -> None:
    first = WriterLock(tmp_path, WAYS[name])
    first.acquire()
    try:
        with pytest.raises(ProjectLocked, match=rf"another fieldkit \(process {os.getpid()}\)"):
            WriterLock(tmp_path, WAYS[name]).acquire()
    finally:
        first.release()
    again = WriterLock(tmp_path, WAYS[name])
    again.acquire()  # released means free for the next writer
    again.release()


@pytest.mark.parametrize("name", sorted(WAYS))
def test_the_lock_dies_with_a_killed_process(tmp_path: Path, name: str) -> None:
    marker = tmp_path / "held"
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), name, str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the holder ended before taking the lock"
            assert time.monotonic() < deadline, "the holder never took the lock"
            time.sleep(0.05)
        with pytest.raises(ProjectLocked, match=rf"process {child.pid}"):
            WriterLock(tmp_path, WAYS[name]).acquire()
        child.kill()  # SIGKILL; TerminateProcess on Windows
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
    lock = WriterLock(tmp_path, WAYS[name])
    lock.acquire()  # no stale lock left behind
    lock.release()


POSIX_ONLY = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource")

WITHOUT_POSIX = textwrap.dedent(f"""
    import importlib, pkgutil, sys
    for name in {POSIX_ONLY!r}:
        sys.modules[name] = None  # as on Windows: importing it raises ImportError
    import fieldkit
    from fieldkit import Project
    try:
        import PySide6  # the GUI too, where it is installed
        skip = ("fieldkit.__main__",)
    except ImportError:
        skip = ("fieldkit.__main__", "fieldkit.gui")
    loaded = []
    for info in pkgutil.walk_packages(fieldkit.__path__, "fieldkit."):
        if not info.name.startswith(skip):
            importlib.import_module(info.name)
            loaded.append(info.name)
    from fieldkit.storage.lock import available_ways
    print(len(loaded), [w.name for w in available_ways()])
""")


def test_fieldkit_imports_without_posix_only_modules() -> None:
    done = subprocess.run([sys.executable, "-c", WITHOUT_POSIX], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    count, ways = done.stdout.split(" ", 1)
    assert int(count) > 50  # the whole package was imported, not just its top
    assert "flock" not in ways
