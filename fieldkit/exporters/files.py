"""Writing output files safely and reproducibly: temp file then rename, fixed zip timestamps.

An export writes a hidden ``.fieldkit-XXXXXXXX.<suffix>`` beside its output and renames it into
place; a killed export's file is removed by the next export into that folder (``check`` cannot
know where outputs went, so it is the export that cleans up).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol, TypeAlias

from fieldkit.core.errors import BadInput, MediaUnfit
from fieldkit.storage.lock import LockWay, available_ways

#: The timestamp every entry of a produced zip file carries (the earliest zip can store).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def check_target(out: str | Path, suffix: str) -> Path:
    """The output path, refused with one line when its folder is missing or it is a folder."""
    path = Path(out)
    if path.suffix.lower() != suffix:
        raise BadInput(f"{path.name}: the output file must end in {suffix}.")
    if path.is_dir():
        raise BadInput(f"{path} is a folder; give a file name ending in {suffix}.")
    if not path.parent.exists():
        raise BadInput(f"The folder {path.parent} does not exist.")
    return path


#: Hidden temporary files beside an output: ``.fieldkit-`` and eight letters, digits or ``_``
#: (also what older versions named them), then the suffix of a file fieldkit exports.
TEMP_PREFIX = ".fieldkit-"
_TEMP = re.compile(r"^\.fieldkit-[a-z0-9_]{8}\.(docx|xlsx|qdpx|qdc|png|svg)$", re.IGNORECASE)


def _flock() -> LockWay | None:
    """The lock that marks a temporary file as being written (POSIX ``flock``). Windows needs
    none: a file another process holds open cannot be deleted there."""
    ways = [way for way in available_ways() if way.name == "flock"]
    return ways[0] if ways else None


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new hidden file beside ``target``, created with the user's normal mode (umask)."""
    flags = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
             | getattr(os, "O_NOINHERIT", 0))
    for _ in range(100):
        tmp = target.with_name(f"{TEMP_PREFIX}{secrets.token_hex(4)}{target.suffix}")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def stale_temporaries(folder: Path) -> list[Path]:
    """Hidden temporary files an export killed mid-way left in ``folder``: named as ours and
    not held by a live fieldkit (whose export keeps its temporary file locked)."""
    way = _flock()
    found: list[Path] = []
    try:
        candidates = sorted(p for p in folder.iterdir() if _TEMP.match(p.name))
    except OSError:
        return []
    for path in candidates:
        if path.is_symlink() or not path.is_file():
            continue
        if way is not None:
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            except OSError:
                continue
            try:
                if not way.take(fd):
                    continue  # another fieldkit is writing it right now
            finally:
                os.close(fd)
        found.append(path)
    return found


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove what ``stale_temporaries`` finds; returns what went (a file still open elsewhere,
    which Windows refuses to delete, simply stays)."""
    gone = []
    for path in stale_temporaries(folder):
        try:
            path.unlink()
        except OSError:
            continue
        gone.append(path)
    return gone


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it only if the block succeeds.

    The file gets the user's normal mode (not a private temporary file's), temporary files a
    killed export left in the same folder are removed first, and a failure of the disk names
    ``target``, the path the user gave, not the hidden temporary one.
    """
    remove_stale_temporaries(target.parent)
    tmp = target
    fd: int | None = None
    try:
        fd, tmp = _create_temp(target)
        way = _flock()
        if way is not None:
            way.take(fd)  # held until the file is in place: not a leftover to remove
        yield tmp
        if os.name == "nt":  # Windows renames no file that is open
            os.close(fd)
            fd = None
        os.replace(tmp, target)
    except OSError as exc:
        named = Path(os.fsdecode(exc.filename)) \
            if isinstance(exc.filename, (str, bytes, os.PathLike)) else None
        if named is not None and (named == tmp or (named.parent == target.parent
                                                   and _TEMP.match(named.name))):
            exc.filename, exc.filename2 = str(target), None  # the path the user gave
        raise
    finally:
        if fd is not None:
            os.close(fd)
        if tmp != target:
            tmp.unlink(missing_ok=True)


#: Media formats that are compressed already: stored in a zip as they are.
PACKED = frozenset({".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp", ".gif", ".mp4",
                    ".m4a", ".mov", ".mp3", ".aac", ".ogg", ".opus", ".webm", ".mkv"})

Entry: TypeAlias = "bytes | StoredMedia"


def write_zip(target: Path, entries: Iterable[tuple[str, Entry]]) -> None:
    """Write a zip whose entries (in the given order) all carry the same fixed timestamp."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if isinstance(data, bytes):
                archive.writestr(info, data)
            elif data.strip:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, data.stripped())
            else:
                info.file_size = data.size  # zip64 headers when it needs them
                if Path(name).suffix.lower() in PACKED:  # deflating them again gains nothing
                    info.compress_type = zipfile.ZIP_STORED
                with archive.open(info, "w") as out:
                    data.write_to(out)  # type: ignore[arg-type]


def normalise_zip(path: Path,
                  rewrite: dict[str, Callable[[bytes], bytes]] | None = None) -> None:
    """Rewrite a zip made by a library (openpyxl, python-docx) with fixed entry timestamps.

    ``rewrite`` maps entry names to functions that fix their content (e.g. a library's
    "modified now" stamp) so that the same project always gives the same bytes.
    """
    rewrite = rewrite or {}
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    write_zip(path, [(name, rewrite[name](data) if name in rewrite else data)
                     for name, data in entries])


class MediaFolder(Protocol):
    """The project's media folder as an export reads it (``project.media``)."""

    def path(self, sha256: str, filename: str) -> Path: ...

    def copy_to(self, sha256: str, filename: str, out: BinaryIO) -> int: ...

    def read(self, sha256: str, filename: str) -> bytes: ...


class StoredMedia:
    """A project's media file packed into an export: streamed and hashed on the way, never
    read through a symbolic link. A file that is not as imported is noted in ``problems``
    (the caller refuses the export naming them all) instead of stopping at the first.

    With ``strip`` (a photo in a pseudonymised export) the file is verified first, then packed
    without its metadata (``photo_metadata``); otherwise its bytes are packed as imported."""

    def __init__(self, media: MediaFolder, sha256: str, filename: str,
                 problems: list[tuple[str, str]], *, strip: bool = False) -> None:
        self.media, self.sha256, self.filename, self.problems = media, sha256, filename, problems
        self.strip = strip
        try:
            self.size = os.lstat(media.path(sha256, filename)).st_size
        except OSError:
            self.size = 0

    def write_to(self, out: BinaryIO) -> None:
        try:
            self.media.copy_to(self.sha256, self.filename, out)
        except MediaUnfit as exc:
            self.problems.append((self.filename, str(exc)))

    def stripped(self) -> bytes:
        """The verified bytes without their metadata (empty, and noted in ``problems``, when
        the stored file is not as imported: the export is then refused)."""
        from fieldkit.exporters.photo_metadata import strip_metadata

        try:
            verified = self.media.read(self.sha256, self.filename)
        except MediaUnfit as exc:
            self.problems.append((self.filename, str(exc)))
            return b""
        return strip_metadata(verified, self.filename)
