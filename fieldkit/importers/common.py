"""Shared guards for importers: size limits, safe reading, zip-bomb checks, one-line errors."""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from fieldkit.core.errors import BadInput

#: Files larger than this are refused before they are read (text-like formats and images alike).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: A single zip entry may not expand beyond this.
MAX_ZIP_ENTRY_BYTES = 50 * 1024 * 1024
#: Largest allowed uncompressed/compressed ratio of a zip entry ...
MAX_ZIP_RATIO = 100
#: ... checked only for entries above this size: tiny XML parts legitimately compress very well
#: and cannot do harm.
ZIP_RATIO_FLOOR = 1024 * 1024


def one_line(text: object) -> str:
    """A message squeezed onto one line (library messages sometimes span several)."""
    return " ".join(str(text).split())


def bad(name: str, problem: str) -> BadInput:
    """A BadInput whose one-line message starts with the file name."""
    return BadInput(one_line(f"{name}: {problem}"))


def user_file(path: Path) -> os.stat_result:
    """The one check of a file a user gave (to import, to read a text from): its facts, or one
    line saying what it is instead: missing, a link that leads nowhere or loops, a folder,
    a pipe or device (not a regular file), or unreadable. Emptiness and size are the reader's
    to judge."""
    name = path.name or str(path)
    try:
        found = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise bad(name, "a symbolic link that leads nowhere") from None
        raise bad(name, "file not found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise bad(name, "a symbolic link that loops back on itself") from None
        raise bad(name, f"cannot read the file ({exc.strerror or exc})") from None
    except (RuntimeError, ValueError) as exc:  # pathlib's own loop detection, NUL in a name
        raise bad(name, f"cannot read the file ({one_line(exc)})") from None
    if stat.S_ISDIR(found.st_mode):
        raise bad(name, "is a folder, not a file")
    if not stat.S_ISREG(found.st_mode):
        kind = _KINDS.get(stat.S_IFMT(found.st_mode), "special file")
        raise bad(name, f"not a regular file (a {kind}); give a file saved on disk")
    return found


_KINDS = {stat.S_IFIFO: "pipe", stat.S_IFCHR: "device", stat.S_IFBLK: "device",
          stat.S_IFSOCK: "socket"}


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a whole file, refusing missing, unreadable, empty, special and oversized files."""
    name = path.name
    size = user_file(path).st_size
    if size == 0:
        raise bad(name, "the file is empty")
    if size > limit:
        raise bad(name, f"the file is too large ({size / 1024 / 1024:.0f} MB; the limit is "
                        f"{limit // 1024 // 1024} MB)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise bad(name, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > limit:  # it grew while it was read
        raise bad(name, f"the file is too large (the limit is {limit // 1024 // 1024} MB)")
    return data


def open_zip(data: bytes, name: str, what: str) -> zipfile.ZipFile:
    """Open an Office-style zip container, refusing corrupt archives and zip bombs."""
    return checked_zip(
        data, name, damaged=f"not a valid {what} file (the zip container is damaged or missing)",
        entry="part", entry_limit=MAX_ZIP_ENTRY_BYTES, ratio_floor=ZIP_RATIO_FLOOR)


def checked_zip(data: bytes, name: str, *, damaged: str, entry: str, ratio_floor: int,
                entry_limit: int | None = None, total_limit: int | None = None,
                safe_names: bool = False) -> zipfile.ZipFile:
    """A zip from elsewhere, opened after every entry is checked: the one zip-bomb guard.

    Refused, each in one ``BadInput`` line naming the file: an archive that does not open
    (``damaged`` says what it should have been), with ``safe_names`` an entry whose name
    would escape the folder it is unpacked into, an entry expanding beyond ``entry_limit``,
    a whole archive beyond ``total_limit``, and an entry above ``ratio_floor`` bytes
    compressed more than ``MAX_ZIP_RATIO``:1. ``entry`` is what the messages call an entry
    ("part" of an Office file, "the entry" of a REFI-QDA project).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise bad(name, damaged) from None
    total = 0
    for info in infos:
        if safe_names and not safe_entry_name(info.filename):
            raise bad(name, f"refused: the archive entry {info.filename!r} points outside "
                            "the archive (unsafe path)")
        if entry_limit is not None and info.file_size > entry_limit:
            raise bad(name, f"refused: {entry} {info.filename!r} would expand to "
                            f"{info.file_size // 1024 // 1024} MB (possible zip bomb)")
        total += info.file_size
        if total_limit is not None and total > total_limit:
            raise bad(name, "refused: the archive would expand to more than "
                            f"{total_limit // 1024 ** 3} GB (possible zip bomb)")
        if info.file_size > ratio_floor and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_ZIP_RATIO
        ):
            raise bad(name, f"refused: {entry} {info.filename!r} is compressed more than "
                            f"{MAX_ZIP_RATIO}:1 (possible zip bomb)")
    return archive


def safe_entry_name(entry: str) -> bool:
    """False for entry names that would escape the folder they are unpacked into."""
    normal = entry.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return False
    return ".." not in PurePosixPath(normal).parts


def read_zip_member(archive: zipfile.ZipFile, member: str, name: str, what: str) -> bytes:
    """One member of a checked archive; a missing or damaged member is BadInput."""
    try:
        return archive.read(member)
    except KeyError:
        raise bad(name, f"not a valid {what} file ({member} is missing)") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise bad(name, f"not a valid {what} file ({one_line(exc)})") from None
