"""Making a new project folder whole or not at all.

``new``, ``demo``, ``import-qdpx`` and ``backup restore`` build the project in a hidden folder
beside the target and rename it into place when it is complete, so a killed process leaves no
empty project that looks valid and does not block a retry. Build folders left by a killed
process are removed by the next build of the same target.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldkit.core.errors import BadInput, ProjectLocked

SUFFIX = ".building"
BUILDER = ".builder.lock"  # locked by the process building, so a live build is never removed


def check_new_folder(folder: Path) -> None:
    """Refuse, with one line, a place where a new project cannot go."""
    if folder.is_symlink() and not folder.exists():
        raise BadInput(f"{folder} is a symbolic link that leads nowhere; choose another place.")
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{folder} exists and is not a folder.")
    if (folder / "project.sqlite").exists():
        raise BadInput(f"{folder} already exists and holds a fieldkit project; choose a new "
                       "folder.")
    if folder.exists() and any(folder.iterdir()):
        raise BadInput(f"{folder} already exists and is not empty; choose a new folder for "
                       "the project.")


def _stale(build: Path) -> bool:
    """A build folder whose builder is gone: its builder's lock (or, in a folder an older
    version built, its writer lock) can be taken."""
    from fieldkit.storage.lock import WriterLock, available_ways

    marker = build / BUILDER
    if marker.is_file() and not marker.is_symlink():
        try:
            fd = os.open(marker, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            return False
        try:
            return available_ways()[0].take(fd)
        finally:
            os.close(fd)
    lock = WriterLock(build)
    if not lock.path.is_file():
        return True
    try:
        lock.acquire()
    except (ProjectLocked, OSError):
        return False
    lock.release()
    return True


def stale_builds(folder: Path) -> list[Path]:
    """Hidden build folders of ``folder`` whose builder is gone (a killed ``new``, ``demo``,
    ``import-qdpx`` or ``backup restore``)."""
    return sorted(build for build in folder.parent.glob(f".{folder.name}.*{SUFFIX}")
                  if build.is_dir() and not build.is_symlink() and _stale(build))


def remove_stale_builds(folder: Path) -> list[Path]:
    """Remove what ``stale_builds`` finds; returns what went."""
    gone = stale_builds(folder)
    for build in gone:
        shutil.rmtree(build, ignore_errors=True)
    return gone


@contextmanager
def building(folder: Path) -> Iterator[Path]:
    """A hidden folder beside ``folder`` that becomes ``folder`` only if the block succeeds.

    Close everything opened inside the build folder before the block ends (Windows cannot
    rename a folder with open files).
    """
    check_new_folder(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(folder)
        build = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=SUFFIX,
                                      dir=folder.parent))
        mask = os.umask(0)
        os.umask(mask)
        build.chmod(0o777 & ~mask)  # mkdtemp makes it private; a project folder is not
    except OSError as exc:
        raise BadInput(f"Cannot make a project at {folder}: {exc.strerror or exc}.") from None
    held: int | None = None
    try:
        held = _hold(build / BUILDER)  # the build is live while this is locked
        yield build
        if folder.is_dir():
            folder.rmdir()  # an empty folder the user made for the project
        os.close(held)  # Windows renames no folder with an open file inside
        held = None
        (build / BUILDER).unlink()
        os.replace(build, folder)
    except BaseException:
        if held is not None:
            os.close(held)
        shutil.rmtree(build, ignore_errors=True)
        raise


def _hold(marker: Path) -> int:
    """Create ``marker`` and lock it for as long as the returned descriptor stays open."""
    from fieldkit.storage.lock import available_ways

    fd = os.open(marker, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    available_ways()[0].take(fd)
    return fd
