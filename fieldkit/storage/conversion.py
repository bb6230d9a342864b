"""Encrypting and decrypting a project in place, whole or not at all.

The converted project is built beside the original, inside the project folder, in
``.converting/``: the database exported with SQLCipher's ``sqlcipher_export`` under the new key
(or none), every media file and thumbnail sealed or unsealed (``storage.sealed``), every backup
exported the same way, and for encrypting the new key file. It is then checked: SQLite's
``quick_check`` and the same row count in every table, with the same schema version. Only then
is the marker ``.converting.json`` written (flushed, renamed into place): the moment the
conversion is decided. Before it, a killed conversion leaves the original untouched and the
next opening removes ``.converting/``; after it, the next opening (or the conversion itself)
moves the original's pieces into ``.replaced/`` and the converted ones into place, one rename
at a time, each step safe to repeat; the original pieces are deleted last.

So at every moment the project opens with the old key or with the new one, and nothing is lost.
The writer lock is held throughout.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from fieldkit.core.errors import BadInput, DamagedMedia, DamagedProject, ProjectLocked
from fieldkit.storage import keys, sqlengine
from fieldkit.storage.lock import WriterLock
from fieldkit.storage.mediastore import MEDIA, MediaStore, MediaUnfit, write_plain

DB_NAME = "project.sqlite"
BACKUPS = "backups"
STAGING = ".converting"
REPLACED = ".replaced"
MARKER = ".converting.json"
# moved out first, so that no write-ahead log of the old database lies beside the new one
_SIDE_FILES = (f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal")
_PIECES = (DB_NAME, MEDIA, BACKUPS, keys.HEADER)

Step = Callable[[str], None]


def _noop(_what: str) -> None:
    return None


def pending(folder: Path) -> bool:
    """Whether a conversion was left unfinished in ``folder`` (something to finish or undo)."""
    return any((folder / name).exists() for name in (STAGING, REPLACED, MARKER))


def finish_interrupted(folder: Path, *, locked: bool = False) -> None:
    """Finish a conversion that was decided (the marker is there) or remove one that was not;
    nothing when none was interrupted. Takes the writer lock unless ``locked``; a live
    conversion (the lock held elsewhere) is ``ProjectLocked``."""
    if not pending(folder):
        return
    lock = None if locked else WriterLock(folder)
    if lock is not None:
        lock.acquire()
    try:
        if (folder / MARKER).is_file():
            _swap(folder, json.loads((folder / MARKER).read_text(encoding="utf-8"))["to"])
        shutil.rmtree(folder / STAGING, ignore_errors=True)
        shutil.rmtree(folder / REPLACED, ignore_errors=True)
        keys.sync_folder(folder)
    finally:
        if lock is not None:
            lock.release()


def finish_interrupted_if_free(folder: Path) -> None:
    """``finish_interrupted`` unless a live fieldkit holds the project (then its conversion
    is under way, or it is open for writing and nothing was interrupted)."""
    if not pending(folder) or not folder.is_dir():
        return
    try:
        finish_interrupted(folder)
    except (ProjectLocked, OSError):
        pass


def encrypt(folder: Path, passphrase: str, *, recovery: bool = True,
            step: Step = _noop) -> str | None:
    """Encrypt the plain project in ``folder`` in place; returns the recovery key as printed
    (None without one). The data key stays unlocked in this process."""
    if keys.is_encrypted(folder):
        raise BadInput(f"{folder.name} is encrypted already; `fieldkit passphrase` changes "
                       "its passphrase.")
    keys.check_passphrase(passphrase)
    with _locked(folder):
        staging = _fresh_staging(folder)
        printed = keys.create(staging, passphrase, recovery=recovery)
        data_key = keys.data_key(staging)
        assert data_key is not None
        _convert(folder, staging, None, data_key, step)
        _decide(folder, "encrypted", step)
    return printed


def decrypt(folder: Path, *, step: Step = _noop) -> None:
    """Decrypt the encrypted project in ``folder`` in place (its key must be unlocked)."""
    if not keys.is_encrypted(folder):
        raise BadInput(f"{folder.name} is not encrypted.")
    data_key = keys.data_key(folder)
    with _locked(folder):
        staging = _fresh_staging(folder)
        _convert(folder, staging, data_key, None, step)
        _decide(folder, "plain", step)


def change_passphrase(folder: Path, new_passphrase: str) -> None:
    """Wrap the data key with a new passphrase: one small file rewritten atomically (the
    project must be unlocked in this process)."""
    if not keys.is_encrypted(folder):
        raise BadInput(f"{folder.name} is not encrypted; `fieldkit encrypt` encrypts it.")
    keys.data_key(folder)  # PassphraseNeeded before anything
    with _locked(folder):
        keys.rewrap(folder, new_passphrase)


class _locked:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = WriterLock(folder)

    def __enter__(self) -> None:
        try:
            self.lock.acquire()
        except ProjectLocked:
            raise ProjectLocked(f"{self.folder.name} is open for writing in another fieldkit; "
                                "close it there first; nothing was changed.") from None
        finish_interrupted(self.folder, locked=True)

    def __exit__(self, *_exc: object) -> None:
        self.lock.release()


def _fresh_staging(folder: Path) -> Path:
    staging = folder / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def _convert(folder: Path, staging: Path, old: bytes | None, new: bytes | None,
             step: Step) -> None:
    old_sql = None if old is None else keys.database_key(old)
    new_sql = None if new is None else keys.database_key(new)
    step("database")
    source = folder / DB_NAME
    _checkpoint(source, old_sql)
    export(source, old_sql, staging / DB_NAME, new_sql)
    verify_same(source, old_sql, staging / DB_NAME, new_sql)
    step("media")
    _convert_media(folder, staging, old, new)
    step("backups")
    (staging / BACKUPS).mkdir()
    for path in sorted((folder / BACKUPS).glob("*.sqlite")):
        target = staging / BACKUPS / path.name
        try:
            export(path, old_sql, target, new_sql)
            verify_same(path, old_sql, target, new_sql)
        except sqlengine.DatabaseError as exc:
            raise DamagedProject(f"Backup {path.name} is damaged ({exc}); nothing was "
                                 "changed. Delete it (or restore from it first) and try "
                                 "again.") from None


def _checkpoint(db_path: Path, key: bytes | None) -> None:
    """Everything in the write-ahead log into the database file, the log emptied."""
    conn = sqlengine.connect(db_path, key, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()


def export(source: Path, source_key: bytes | None, target: Path,
           target_key: bytes | None) -> None:
    """Copy the database ``source`` into the new file ``target`` under another key (None:
    plain) with SQLCipher's ``sqlcipher_export``, schema version included."""
    from fieldkit.storage import database

    conn = sqlengine.cipher_connect(source, source_key, isolation_level=None)
    try:
        database.install_functions(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(sqlengine.attach_sql(target, target_key, "converted"))
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {version}")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())


def facts(db_path: Path, key: bytes | None) -> dict[str, object]:
    """What must be equal in a database and its converted copy: the schema version, every
    table's row count, and SQLite's ``quick_check``."""
    conn = sqlengine.connect(f"{db_path.resolve().as_uri()}?mode=ro", key, uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {"version": conn.execute("PRAGMA user_version").fetchone()[0],
                "check": conn.execute("PRAGMA quick_check(1)").fetchone()[0],
                "rows": {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                         for t in tables}}
    finally:
        conn.close()


def verify_same(source: Path, source_key: bytes | None, target: Path,
                target_key: bytes | None) -> None:
    """Refuse (``DamagedProject``) a converted copy that is not whole or not the same."""
    before, after = facts(source, source_key), facts(target, target_key)
    if after["check"] != "ok" or before != after:
        raise DamagedProject(f"The converted copy of {source.name} did not check "
                             f"({after['check']}); nothing was changed.")


def _convert_media(folder: Path, staging: Path, old: bytes | None, new: bytes | None) -> None:
    """Every stored file and thumbnail, sealed or unsealed into ``staging/media``; stored
    files are verified against their names on the way (a damaged one refuses all)."""
    source = MediaStore(folder, None if old is None else keys.media_key(old))
    target = MediaStore(staging, None if new is None else keys.media_key(new))
    target.root.mkdir()
    problems: list[tuple[str, str]] = []
    for sha, path in source.files():
        try:
            target.copy_from(source, sha, path.name, target.root / path.name)
        except MediaUnfit as exc:
            problems.append((path.name, str(exc)))
    if problems:
        raise DamagedMedia("Converting the project", problems)
    if source.thumbs.is_dir():
        target.thumbs.mkdir()
        for thumb in sorted(source.thumbs.glob("*.jpg")):
            picture = source.thumbnail(thumb.stem)
            if picture is not None:
                with open(target.thumbs / thumb.name, "wb") as out:
                    write_plain([picture], out, target.key)


def _decide(folder: Path, to: str, step: Step) -> None:
    """The moment the conversion is decided: the marker, flushed; then the swap."""
    keys.sync_folder(folder / STAGING)
    marker = folder / MARKER
    part = marker.with_name(marker.name + ".part")
    with open(part, "w", encoding="utf-8") as fh:
        json.dump({"to": to}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, marker)
    keys.sync_folder(folder)
    step("swap")
    _swap(folder, to)
    shutil.rmtree(folder / STAGING, ignore_errors=True)
    shutil.rmtree(folder / REPLACED, ignore_errors=True)
    keys.sync_folder(folder)


def _swap(folder: Path, to: str) -> None:
    """Move the original's pieces into ``.replaced/`` and the converted ones into place;
    every step can be repeated after a kill. The marker goes last."""
    staging, replaced = folder / STAGING, folder / REPLACED
    replaced.mkdir(exist_ok=True)
    if (staging / DB_NAME).exists():
        for name in _SIDE_FILES:
            if (folder / name).exists():
                os.replace(folder / name, replaced / name)
    for name in _PIECES:
        staged = staging / name
        if name == keys.HEADER and to == "plain" and (folder / name).exists():
            os.replace(folder / name, replaced / name)
            continue
        if not staged.exists():
            continue
        if (folder / name).exists():
            os.replace(folder / name, replaced / name)
        os.replace(staged, folder / name)
    keys.sync_folder(folder)
    (folder / MARKER).unlink(missing_ok=True)


__all__ = ["encrypt", "decrypt", "change_passphrase", "finish_interrupted", "pending",
           "export", "facts"]
