"""Content-addressed media files: ``media/<sha256><ext>``, never edited in place.

A stored file is only ever read through ``open_stored``, which never follows a symbolic link
(``O_NOFOLLOW`` where the platform has it, and on every platform the file checked with
``lstat`` before and ``fstat`` after opening), and whatever leaves the project (an export, a
restored backup) is hashed while it is copied and refused when its hash is not its name.
Storing the same bytes again repairs a stored copy that was damaged.

In an encrypted project every stored file (thumbnails too) is sealed (``storage.sealed``:
AES-256-GCM in chunks) and named, as in a plain one, by the sha256 of its plaintext; whatever
reads a stored file goes through ``open_media`` (``MediaStore.open``), which gives a file-like
object with ``read``/``seek`` over the plaintext either way.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from fieldkit.core.errors import MediaUnfit
from fieldkit.storage import keys, sealed

MEDIA = "media"
THUMBS = "thumbs"
PART = ".part"
BLOCK = 1 << 20
_STORED = re.compile(r"^([0-9a-f]{64})(\.[^.]*)?$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

CHANGED = "changed on disk since it was imported"
MISSING = "missing"
LINK = "a symbolic link; fieldkit never follows one"
NOT_A_FILE = "not a regular file"
SWAPPED = "swapped for another file while it was being opened"


def open_stored(path: Path) -> BinaryIO:
    """Open a stored file for reading without ever following a symbolic link.

    Raises ``MediaUnfit`` for a missing file, a link, anything but a regular file, and a file
    swapped between the look and the opening.
    """
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        raise MediaUnfit(MISSING) from None
    except OSError as exc:
        raise MediaUnfit(f"unreadable ({exc.strerror or exc})") from None
    if stat.S_ISLNK(before.st_mode):
        raise MediaUnfit(LINK)
    if not stat.S_ISREG(before.st_mode):
        raise MediaUnfit(NOT_A_FILE)
    flags = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_NONBLOCK", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise MediaUnfit(f"unreadable ({exc.strerror or exc})") from None
    after = os.fstat(fd)
    if not stat.S_ISREG(after.st_mode) or (after.st_dev, after.st_ino) != (before.st_dev,
                                                                            before.st_ino):
        os.close(fd)
        raise MediaUnfit(SWAPPED)
    return os.fdopen(fd, "rb")


def open_media(path: Path, key: bytes | None = None) -> BinaryIO:
    """A stored file's plaintext, file-like (``read``, ``seek``, ``tell``): the file itself in a
    plain project, a decrypting reader when ``key`` (the project's media key) is given.

    ``MediaUnfit`` as ``open_stored`` says; in an encrypted project also for a file that is not
    sealed (fieldkit never reads plaintext planted there) and, when read, a damaged chunk.
    """
    fh = open_stored(path)
    if key is None:
        return fh
    try:
        return sealed.SealedReader(fh, key)  # type: ignore[return-value]
    except BaseException:
        fh.close()
        raise


def copy_verified(source: Path, sha256: str, out: Any = None,
                  key: bytes | None = None) -> int:
    """Stream ``source`` into ``out`` (or only read it), hashing on the way; the number of
    bytes. Raises ``MediaUnfit`` when the content is not the one named by ``sha256``."""
    digest = hashlib.sha256()
    size = 0
    with open_media(source, key) as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            digest.update(block)
            size += len(block)
            if out is not None:
                out.write(block)
    if digest.hexdigest() != sha256:
        raise MediaUnfit(CHANGED)
    return size


def read_verified(source: Path, sha256: str, key: bytes | None = None) -> bytes:
    """The whole of a stored file, read through ``open_media`` and verified against its hash
    (``MediaUnfit`` otherwise)."""
    with open_media(source, key) as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise MediaUnfit(CHANGED)
    return data


class MediaStore:
    """The ``media/`` folder of a project; ``key`` is its media key when it is encrypted (by
    default found from the folder's unlocked data key)."""

    def __init__(self, folder: Path, key: bytes | None | bool = True) -> None:
        self.root = folder / MEDIA
        self.thumbs = self.root / THUMBS
        if key is True:
            found = keys.data_key(folder)
            key = None if found is None else keys.media_key(found)
        self.key: bytes | None = key or None

    def open(self, sha256: str, filename: str) -> BinaryIO:
        """The stored file's plaintext, file-like and seekable (``open_media``): what every
        reader of media uses (players, waveforms, pictures, exports)."""
        return open_media(self.path(sha256, filename), self.key)

    def thumbnail(self, sha256: str) -> bytes | None:
        """The stored thumbnail's bytes (decrypted), or None when there is none fit to read."""
        try:
            with open_media(self.thumbnail_path(sha256), self.key) as fh:
                return fh.read()
        except MediaUnfit:
            return None

    def path(self, sha256: str, filename: str) -> Path:
        return self.root / (sha256 + Path(filename).suffix.lower())

    def thumbnail_path(self, sha256: str) -> Path:
        return self.thumbs / f"{sha256}.jpg"

    def problem(self, sha256: str, filename: str) -> str | None:
        """Why the stored file of ``sha256`` cannot be passed on, or None when it is intact."""
        try:
            copy_verified(self.path(sha256, filename), sha256, key=self.key)
        except MediaUnfit as exc:
            return str(exc)
        return None

    def copy_to(self, sha256: str, filename: str, out: BinaryIO) -> int:
        """Stream the stored file into ``out``, verified against its hash on the way
        (``MediaUnfit`` otherwise); the number of bytes."""
        return copy_verified(self.path(sha256, filename), sha256, out, self.key)

    def copy_from(self, source: MediaStore, sha256: str, filename: str,
                  target: Path | None = None) -> None:
        """Copy a stored file of ``source`` (another project's media, perhaps encrypted
        differently) into this store, verified against its hash on the way and sealed as
        this store seals; nothing stays behind when it is refused (``MediaUnfit``)."""
        target = target or self.path(sha256, filename)
        self.root.mkdir(exist_ok=True)
        tmp = target.with_name(target.name + PART)
        try:
            with open(tmp, "wb") as out:
                sink: Any = out if self.key is None else sealed.SealedWriter(out, self.key)
                copy_verified(source.path(sha256, filename), sha256, sink, source.key)
                if self.key is not None:
                    sink.close()
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)

    def put_thumbnail(self, sha256: str, picture: bytes) -> None:
        """Store a thumbnail (sealed in an encrypted project)."""
        self.thumbs.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.thumbnail_path(sha256), self._sealed(picture))

    def read(self, sha256: str, filename: str) -> bytes:
        """The stored bytes, verified against their hash (``MediaUnfit`` otherwise)."""
        return read_verified(self.path(sha256, filename), sha256, self.key)

    def _intact(self, target: Path, sha256: str, size: int) -> bool:
        """Whether ``target`` already holds the content (a cheap size look first)."""
        try:
            found = os.lstat(target)
        except OSError:
            return False
        if self.key is not None:
            size = sealed.sealed_size(size)
        if not stat.S_ISREG(found.st_mode) or found.st_size != size:
            return False
        try:
            copy_verified(target, sha256, key=self.key)
        except MediaUnfit:
            return False
        return True

    def put(self, data: bytes, filename: str, thumbnail: bytes | None = None) -> str:
        """Store bytes under their hash (written to a temp file, then renamed: no torn files).

        A stored copy that was damaged, removed or replaced by a link is written anew.
        """
        sha = hashlib.sha256(data).hexdigest()
        self.root.mkdir(exist_ok=True)
        target = self.path(sha, filename)
        if not self._intact(target, sha, len(data)):
            _atomic_write(target, self._sealed(data))
        if thumbnail is not None:
            self.thumbs.mkdir(exist_ok=True)
            thumb = self.thumbnail_path(sha)
            if not thumb.is_file() or thumb.is_symlink():
                _atomic_write(thumb, self._sealed(thumbnail))
        return sha

    def _sealed(self, data: bytes) -> bytes:
        return data if self.key is None else sealed.seal(data, self.key)

    def put_file(self, source: Path, filename: str) -> str:
        """Store a (possibly large) file under its hash without reading it into memory; a
        damaged stored copy is written anew."""
        sha = self.hash_file(source)
        self.root.mkdir(exist_ok=True)
        target = self.path(sha, filename)
        if not self._intact(target, sha, source.stat().st_size):
            tmp = target.with_name(target.name + PART)
            with open(source, "rb") as src, open(tmp, "wb") as dst:
                write_plain(iter(lambda: src.read(BLOCK), b""), dst, self.key)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, target)
        return sha

    def put_chunks(self, chunks: Iterable[bytes], sha256: str, filename: str) -> bool:
        """Store a file that arrives in pieces (from the team server), without holding it in
        memory; kept only when its content has the expected hash. The name must be a sha256
        (so the file lands in ``media/`` and nowhere else); a half-received file is removed."""
        if not _SHA256.match(sha256):
            return False
        self.root.mkdir(exist_ok=True)
        target = self.path(sha256, filename)
        if target.parent != self.root:
            return False
        if self.problem(sha256, filename) is None:
            return True
        tmp = target.with_name(target.name + PART)
        digest = hashlib.sha256()
        try:
            def hashed() -> Iterator[bytes]:
                for block in chunks:
                    digest.update(block)
                    yield block

            with open(tmp, "wb") as out:
                write_plain(hashed(), out, self.key)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                return False
            os.replace(tmp, target)
            return True
        finally:
            tmp.unlink(missing_ok=True)

    def files(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every stored file (thumbnails aside; links too, to be flagged)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.iterdir()):
            match = _STORED.match(path.name)
            if match and (path.is_symlink() or path.is_file()):
                yield match.group(1), path

    def unused(self, in_use: set[str]) -> list[Path]:
        """Files no media row uses: stored files, thumbnails and half-written ``.part`` files."""
        found = [path for sha, path in self.files() if sha not in in_use]
        if self.root.is_dir():
            found += sorted(self.root.glob(f"*{PART}"))
        if self.thumbs.is_dir():
            found += [p for p in sorted(self.thumbs.iterdir())
                      if p.is_file() and (p.suffix == PART or p.stem not in in_use)]
        return found

    @staticmethod
    def hash_file(path: Path) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(BLOCK), b""):
                digest.update(block)
        return digest.hexdigest()


def write_plain(blocks: Iterable[bytes], out: BinaryIO, key: bytes | None) -> None:
    """Write plaintext ``blocks`` into ``out``, sealed when ``key`` is given."""
    if key is None:
        for block in blocks:
            out.write(block)
        return
    writer = sealed.SealedWriter(out, key)
    for block in blocks:
        writer.write(block)
    writer.close()


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = target.with_name(target.name + PART)
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
