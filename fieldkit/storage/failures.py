"""Failures of the disk and of the database file, said in one line a researcher understands.

A full disk, a read-only folder or a damaged database are not bugs: the CLI and the app turn
them into these domain errors instead of showing a traceback. Because every write is one
transaction and every file is written under a temporary name, nothing was half-written.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from fieldkit.core.errors import DamagedProject, FieldkitError, StorageFailure
from fieldkit.storage import sqlengine

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)
_DENIED = (errno.EROFS, errno.EACCES, errno.EPERM)
# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_FULL, _SQLITE_READONLY = 13, 8
_SQLITE_CANTOPEN, _SQLITE_IOERR, _SQLITE_PERM = 14, 10, 3

DISK_FULL = "The disk is full; nothing was changed. Free some space and try again."


def is_io(exc: BaseException) -> bool:
    """A failure to read or write the disk, not damage in the file."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    return isinstance(exc, sqlengine.OperationalError) and code in (_SQLITE_IOERR, _SQLITE_FULL,
                                                                   _SQLITE_CANTOPEN)


def _full(where: Path | None) -> bool:
    try:
        return where is not None and shutil.disk_usage(where).free < 256 * 1024
    except OSError:
        return False


def explain(exc: BaseException, where: Path | None = None) -> FieldkitError | None:
    """The domain error for ``exc``, or None when it is not a disk or database failure.

    ``where`` is the folder being worked in: SQLite reports some failures of a full disk
    there only as an I/O error.
    """
    if isinstance(exc, FieldkitError):
        return exc
    if isinstance(exc, sqlengine.Error):
        if is_io(exc) and _full(where):
            return StorageFailure(DISK_FULL)
        return _explain_sqlite(exc)
    if isinstance(exc, OSError):
        named = f" ({exc.filename})" if exc.filename else ""
        if exc.errno in _FULL:
            return StorageFailure(DISK_FULL)
        if exc.errno in _DENIED:
            return StorageFailure(f"fieldkit may not write here{named}: {exc.strerror}; "
                                  "nothing was changed.")
        if exc.errno == errno.ELOOP:
            return StorageFailure(f"A symbolic link points at itself{named}.")
        return StorageFailure(f"{exc.strerror or exc}{named}; nothing was changed.")
    return None


def _explain_sqlite(exc: Exception) -> FieldkitError:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    text = " ".join(str(exc).split())
    if code == _SQLITE_FULL or "disk is full" in text:
        return StorageFailure(DISK_FULL)
    if code in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text:
        return StorageFailure(f"The project database cannot be written here ({text}); "
                              "nothing was changed.")
    if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StorageFailure(f"The disk failed while fieldkit wrote ({text}); the last "
                              "change was not saved.")
    return DamagedProject(f"The project database is damaged ({text}); nothing was changed. "
                          "`fieldkit check` tells more; `fieldkit backup list` shows backups "
                          "to restore.")
