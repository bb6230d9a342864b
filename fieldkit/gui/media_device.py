"""A ``QIODevice`` over a file-like reader, for ``QMediaPlayer.setSourceDevice``.

An encrypted project's recording is decrypted chunk by chunk as the player reads and seeks
(``Project.open_media``); nothing decrypted is ever written to disk.
"""

from __future__ import annotations

from typing import BinaryIO

from PySide6.QtCore import QIODevice, QObject


class MediaDevice(QIODevice):
    """Random-access, read-only, unbuffered (Qt's position is the reader's)."""

    def __init__(self, reader: BinaryIO, parent: QObject | None = None) -> None:
        if parent is None:
            super().__init__()
        else:
            super().__init__(parent)
        self.reader = reader
        self._size = reader.seek(0, 2)
        reader.seek(0)
        self.open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Unbuffered)

    def isSequential(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def size(self) -> int:
        return self._size

    def bytesAvailable(self) -> int:  # noqa: N802 - Qt's name
        return max(0, self._size - self.pos()) + super().bytesAvailable()

    def seek(self, pos: int) -> bool:
        if not 0 <= pos <= self._size:
            return False
        return bool(super().seek(pos))

    def readData(self, maxlen: int) -> bytes:  # noqa: N802 - Qt's name
        self.reader.seek(self.pos())
        return self.reader.read(maxlen)

    def writeData(self, _data: bytes | bytearray | memoryview, _size: int) -> int:  # noqa: N802
        return -1

    def close(self) -> None:
        super().close()
        self.reader.close()
