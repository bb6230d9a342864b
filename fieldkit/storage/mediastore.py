"""Content-addressed media files: ``media/<sha256><ext>``, never edited in place."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

MEDIA = "media"
THUMBS = "thumbs"
_STORED = re.compile(r"^([0-9a-f]{64})(\.[^.]*)?$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class MediaStore:
    def __init__(self, folder: Path) -> None:
        self.root = folder / MEDIA
        self.thumbs = self.root / THUMBS

    def path(self, sha256: str, filename: str) -> Path:
        return self.root / (sha256 + Path(filename).suffix.lower())

    def thumbnail_path(self, sha256: str) -> Path:
        return self.thumbs / f"{sha256}.jpg"

    def put(self, data: bytes, filename: str, thumbnail: bytes | None = None) -> str:
        """Store bytes under their hash (written to a temp file, then renamed: no torn files)."""
        sha = hashlib.sha256(data).hexdigest()
        self.root.mkdir(exist_ok=True)
        target = self.path(sha, filename)
        if not target.exists():
            _atomic_write(target, data)
        if thumbnail is not None:
            self.thumbs.mkdir(exist_ok=True)
            thumb = self.thumbnail_path(sha)
            if not thumb.exists():
                _atomic_write(thumb, thumbnail)
        return sha

    def put_file(self, source: Path, filename: str) -> str:
        """Store a (possibly large) file under its hash without reading it into memory."""
        sha = self.hash_file(source)
        self.root.mkdir(exist_ok=True)
        target = self.path(sha, filename)
        if not target.exists():
            tmp = target.with_name(target.name + ".part")
            with open(source, "rb") as src, open(tmp, "wb") as dst:
                for block in iter(lambda: src.read(1 << 20), b""):
                    dst.write(block)
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
        if target.exists():
            return True
        tmp = target.with_name(target.name + ".part")
        digest = hashlib.sha256()
        try:
            with open(tmp, "wb") as out:
                for block in chunks:
                    digest.update(block)
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                return False
            os.replace(tmp, target)
            return True
        finally:
            tmp.unlink(missing_ok=True)

    def files(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every stored file (thumbnails aside)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.iterdir()):
            match = _STORED.match(path.name)
            if match and path.is_file():
                yield match.group(1), path

    def unused(self, in_use: set[str]) -> list[Path]:
        """Files no media row uses: stored files, thumbnails and half-written ``.part`` files."""
        found = [path for sha, path in self.files() if sha not in in_use]
        if self.root.is_dir():
            found += sorted(self.root.glob("*.part"))
        if self.thumbs.is_dir():
            found += [p for p in sorted(self.thumbs.iterdir())
                      if p.is_file() and (p.suffix == ".part" or p.stem not in in_use)]
        return found

    @staticmethod
    def hash_file(path: Path) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = target.with_name(target.name + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
