"""The writer lock: one fieldkit writes a project at a time, on every platform.

The lock is an operating-system lock on ``project.lock``, never the file's mere existence, so
the system drops it when the process dies (kill -9, a crash, a pulled plug) and no stale lock is
ever left behind. Two ways of taking it sit behind one small class: ``flock`` on Linux and macOS,
``msvcrt.locking`` on Windows; each module is imported only where it exists, so importing
fieldkit never needs a POSIX-only module.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import Protocol

from fieldkit.core.errors import ProjectLocked

LOCK_NAME = "project.lock"


class LockWay(Protocol):
    """How to take and drop an exclusive, non-blocking lock on an open file."""

    name: str

    def take(self, fd: int) -> bool:
        """Lock ``fd``; False when another process holds it."""

    def drop(self, fd: int) -> None:
        """Unlock ``fd`` (closing it would too; this says so on purpose)."""


class FlockWay:
    """POSIX ``flock``: the whole file, advisory, released by the kernel with the process."""

    name = "flock"

    def __init__(self, fcntl: ModuleType) -> None:
        self._fcntl = fcntl

    def take(self, fd: int) -> bool:
        try:
            self._fcntl.flock(fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def drop(self, fd: int) -> None:
        self._fcntl.flock(fd, self._fcntl.LOCK_UN)


class MsvcrtWay:
    """Windows ``msvcrt.locking`` on one byte far past the end of the file.

    Windows locks are mandatory: a locked byte cannot be read by others. Locking a byte beyond
    the holder's process id (allowed past end of file) keeps the id readable for the message a
    second opener gets. Windows releases the lock when the process ends.
    """

    name = "msvcrt"
    OFFSET = 1 << 30

    def __init__(self, msvcrt: ModuleType) -> None:
        self._msvcrt = msvcrt

    def take(self, fd: int) -> bool:
        os.lseek(fd, self.OFFSET, os.SEEK_SET)
        try:
            self._msvcrt.locking(fd, self._msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def drop(self, fd: int) -> None:
        os.lseek(fd, self.OFFSET, os.SEEK_SET)
        self._msvcrt.locking(fd, self._msvcrt.LK_UNLCK, 1)
        os.lseek(fd, 0, os.SEEK_SET)


def available_ways() -> list[LockWay]:
    """Every way of locking this platform offers, the preferred first."""
    ways: list[LockWay] = []
    for module, way in (("fcntl", FlockWay), ("msvcrt", MsvcrtWay)):
        try:
            ways.append(way(importlib.import_module(module)))
        except ImportError:
            continue
    return ways


class WriterLock:
    """An exclusive lock on the project folder, held while the project is open for writing.

    The holder writes its process id into the file, so a second opener is told who has it.
    """

    def __init__(self, folder: Path, way: LockWay | None = None) -> None:
        self.path = folder / LOCK_NAME
        if way is None:
            ways = available_ways()
            if not ways:
                raise OSError("this platform offers no file locking (neither flock nor msvcrt)")
            way = ways[0]
        self.way = way
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        if not self.way.take(fd):
            holder = os.read(fd, 200).decode("utf-8", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise ProjectLocked(
                f"{self.path.parent.name} is open for writing in another fieldkit{who}; "
                "close it there, or open this one read-only."
            )
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            self.way.drop(self._fd)
            os.close(self._fd)
            self._fd = None
