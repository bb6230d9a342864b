"""Media files of an encrypted project: AES-256-GCM in chunks, readable at any position.

A sealed file is a 32-byte header (``FKSEAL01``, a random 16-byte file id, the chunk size)
followed by chunks of ``CHUNK`` plaintext bytes, each encrypted and authenticated on its own
(16-byte tag). Each file has its own key, derived from the project's media key and its file id,
and a chunk's nonce is its index and whether it is the last one, so no nonce ever repeats under
a key. Every chunk authenticates the header too, and the last chunk is always shorter than
``CHUNK`` (empty when the plaintext fills whole chunks) and says it is last: a changed header,
swapped or reordered chunks, and a file cut off at a chunk boundary all fail to decrypt.

``SealedReader`` decrypts only the chunks a read touches, so a 2 GB recording is played, seeked
and drawn as a waveform without ever being decrypted to disk.
"""

from __future__ import annotations

import io
import secrets
import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from fieldkit.core.errors import MediaUnfit
from fieldkit.storage import keys

if TYPE_CHECKING:  # the cipher is imported when a sealed file is first read or written
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"FKSEAL01"
CHUNK = 64 * 1024
TAG = 16
HEADER = 32
CHANGED = "changed on disk since it was imported"  # mediastore.CHANGED, said the same way
_HEADER = struct.Struct(">8s16sII")


class DamagedChunk(MediaUnfit):
    """A chunk of a sealed file that does not decrypt: changed on disk, cut off or swapped."""

    def __init__(self, index: int) -> None:
        super().__init__(f"{CHANGED} (part {index + 1} does not decrypt)")
        self.index = index


def _file_key(media_key: bytes, file_id: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(keys.derive(media_key, b"fieldkit media file", salt=file_id))


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">QB3x", index, 1 if last else 0)


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + _nonce(index, last)


def is_sealed(start: bytes) -> bool:
    """Whether bytes that start a file start a sealed one."""
    return start[:len(MAGIC)] == MAGIC


def sealed_size(plain_size: int, chunk: int = CHUNK) -> int:
    """The size on disk of a sealed file of ``plain_size`` bytes."""
    full = plain_size // chunk
    return HEADER + full * (chunk + TAG) + (plain_size - full * chunk) + TAG


class SealedWriter:
    """Writes a sealed file into ``out`` as plaintext arrives (``write``, then ``close``)."""

    def __init__(self, out: BinaryIO, media_key: bytes, chunk: int = CHUNK) -> None:
        self.out, self.chunk = out, chunk
        file_id = secrets.token_bytes(16)
        self.header = _HEADER.pack(MAGIC, file_id, chunk, 0)
        self.cipher = _file_key(media_key, file_id)
        self.index = 0
        self.pending = bytearray()
        out.write(self.header)

    def write(self, data: bytes) -> int:
        self.pending += data
        while len(self.pending) >= self.chunk:
            self._emit(bytes(self.pending[:self.chunk]), last=False)
            del self.pending[:self.chunk]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        self.out.write(self.cipher.encrypt(_nonce(self.index, last), plain,
                                           _aad(self.header, self.index, last)))
        self.index += 1

    def close(self) -> None:
        """Write the last (short, possibly empty) chunk."""
        self._emit(bytes(self.pending), last=True)
        self.pending.clear()


def seal(data: bytes, media_key: bytes) -> bytes:
    """``data`` sealed whole (small files: thumbnails, photos)."""
    out = io.BytesIO()
    writer = SealedWriter(out, media_key)
    writer.write(data)
    writer.close()
    return out.getvalue()


class SealedReader(io.RawIOBase):
    """The plaintext of a sealed file, with ``read``, ``seek`` and ``tell`` (file-like, for
    PyAV, Pillow, Qt's ``QIODevice`` wrapper, hashing); decrypts one chunk at a time.

    A chunk that does not decrypt raises ``DamagedChunk`` when it is read."""

    def __init__(self, raw: BinaryIO, media_key: bytes) -> None:
        super().__init__()
        self.raw = raw
        header = raw.read(HEADER)
        if len(header) < HEADER or not is_sealed(header):
            raise MediaUnfit(f"{CHANGED} (it is not an encrypted media file)")
        _, file_id, self.chunk, _ = _HEADER.unpack(header)
        if not 16 <= self.chunk <= 1 << 26:
            raise MediaUnfit(f"{CHANGED} (its header does not fit)")
        self.header = header
        self.cipher = _file_key(media_key, file_id)
        body = raw.seek(0, io.SEEK_END) - HEADER
        self.chunks = body // (self.chunk + TAG) + 1
        last = body - (self.chunks - 1) * (self.chunk + TAG) - TAG
        if last < 0:
            raise DamagedChunk(self.chunks - 1)
        self.size = (self.chunks - 1) * self.chunk + last
        self.pos = 0
        self._cached: tuple[int, bytes] = (-1, b"")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self.pos = base + offset
        return self.pos

    def _plain(self, index: int) -> bytes:
        from cryptography.exceptions import InvalidTag

        if self._cached[0] == index:
            return self._cached[1]
        last = index == self.chunks - 1
        self.raw.seek(HEADER + index * (self.chunk + TAG))
        sealed = self.raw.read(self.chunk + TAG)
        try:
            plain = self.cipher.decrypt(_nonce(index, last), sealed,
                                        _aad(self.header, index, last))
        except (InvalidTag, ValueError):
            raise DamagedChunk(index) from None
        self._cached = (index, plain)
        return plain

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = self.size - self.pos
        size = max(0, min(size, self.size - self.pos))
        parts = []
        while size > 0:
            index, within = divmod(self.pos, self.chunk)
            piece = self._plain(index)[within:within + size]
            if not piece:
                break
            parts.append(piece)
            self.pos += len(piece)
            size -= len(piece)
        return b"".join(parts)

    def readall(self) -> bytes:
        return self.read(-1)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        memoryview(buffer).cast("B")[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self.raw.close()
        super().close()

    def damaged(self) -> Iterator[int]:
        """The index of every chunk that does not decrypt (``check`` reads them all)."""
        for index in range(self.chunks):
            try:
                self._plain(index)
            except DamagedChunk:
                yield index
