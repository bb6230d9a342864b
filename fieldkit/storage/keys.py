"""The keys of an encrypted project: a small header file beside the database.

An encrypted project holds ``encryption.json``. It says nothing secret: the Argon2id parameters
and the project's own salt, and the project's random 256-bit data key *wrapped* (AES-256-GCM)
twice, once by the key stretched from the passphrase and, when one was made, once by the
recovery key printed at creation. Changing the passphrase therefore rewrites this one small
file (written beside, flushed, renamed over: the old or the new file, never half of one); the
database and the media stay as they are.

The data key, once unwrapped, is kept in this process's memory only (``unlock``), under the
header's ``key_id``, so it follows the folder through a rename (a build folder renamed into
place) and a restored copy that carries the same header. The database is keyed with one key
derived from it and the media with another (HKDF), so neither use can be turned on the other.

The cryptography libraries are imported when a key is made or opened, not when this module is:
a plain project (most) never loads them, and the app starts sooner.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.core.errors import DamagedProject, PassphraseNeeded, WrongPassphrase

HEADER = "encryption.json"
FORMAT = "fieldkit-encryption"
PART = ".part"
# RFC 9106's second recommended choice, with two lanes for a two-core laptop: ~0.3 s here.
KDF = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 2}
_KEY_BYTES = 32

_unlocked: dict[str, bytes] = {}  # key_id -> data key, this process only
_guard = threading.Lock()


@dataclass(slots=True)
class Header:
    """What ``encryption.json`` holds (no secret in the clear)."""

    key_id: str
    kdf: dict[str, Any]  # name, time_cost, memory_cost, parallelism, salt (base64)
    passphrase: dict[str, str]  # nonce, wrapped (base64)
    recovery: dict[str, str] | None

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": 1, "key_id": self.key_id, "kdf": self.kdf,
                "passphrase": self.passphrase, "recovery": self.recovery}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def is_encrypted(folder: Path) -> bool:
    """Whether the project in ``folder`` is encrypted (it holds the header file)."""
    return (folder / HEADER).is_file()


def read_header(folder: Path) -> Header:
    """The header of the encrypted project in ``folder``; ``DamagedProject`` when unreadable."""
    try:
        found = json.loads((folder / HEADER).read_text(encoding="utf-8"))
        if found.get("format") != FORMAT or found.get("version") != 1:
            raise ValueError("not a fieldkit key file")
        header = Header(str(found["key_id"]), dict(found["kdf"]), dict(found["passphrase"]),
                        dict(found["recovery"]) if found.get("recovery") else None)
        _unb64(header.kdf["salt"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DamagedProject(f"The key file of {folder.name} ({HEADER}) cannot be read "
                             f"({exc}); nothing was changed.") from None
    return header


def write_header(folder: Path, header: Header) -> None:
    """Write the header file whole: beside, flushed, renamed over, the folder flushed."""
    target = folder / HEADER
    part = target.with_name(target.name + PART)
    with open(part, "w", encoding="utf-8") as fh:
        json.dump(header.as_json(), fh, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, target)
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make renames inside ``folder`` durable (POSIX; Windows needs nothing)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stretch(passphrase: str, kdf: dict[str, Any]) -> bytes:
    """Argon2id of the passphrase with the project's salt and parameters (the wrapping key)."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(passphrase.encode("utf-8"), _unb64(kdf["salt"]),
                           time_cost=int(kdf["time_cost"]), memory_cost=int(kdf["memory_cost"]),
                           parallelism=int(kdf["parallelism"]), hash_len=_KEY_BYTES,
                           type=Type.ID)


def _wrap(wrapping: bytes, data_key: bytes, key_id: str) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(wrapping).encrypt(nonce, data_key, key_id.encode("ascii"))
    return {"nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def _unwrap(wrapping: bytes, box: dict[str, str], key_id: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(wrapping).decrypt(_unb64(box["nonce"]), _unb64(box["wrapped"]),
                                        key_id.encode("ascii"))
    except (InvalidTag, KeyError, ValueError):
        return None


def _new_kdf() -> dict[str, Any]:
    return {"name": "argon2id", **KDF, "salt": _b64(secrets.token_bytes(16))}


def recovery_text(recovery: bytes) -> str:
    """The recovery key as printed: base32 in groups of four, easy to copy by hand."""
    text = base64.b32encode(recovery).decode("ascii").rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def _recovery_bytes(text: str) -> bytes | None:
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(letters) != 52:
        return None
    try:
        found = base64.b32decode(letters + "====")
    except ValueError:
        return None
    return found if len(found) == _KEY_BYTES else None


def _recovery_wrapping(recovery: bytes) -> bytes:
    return derive(recovery, b"fieldkit recovery wrapping")


def create(folder: Path, passphrase: str, *, recovery: bool = True,
           data_key: bytes | None = None) -> str | None:
    """Make ``folder`` an encrypted project's: a new data key (or ``data_key``) wrapped by the
    passphrase, and by a new recovery key when ``recovery``; returns the recovery key as
    printed (shown once, never stored) or None. The key is unlocked in this process."""
    check_passphrase(passphrase)
    data_key = data_key or secrets.token_bytes(_KEY_BYTES)
    key_id = uuid.uuid4().hex
    kdf = _new_kdf()
    header = Header(key_id, kdf, _wrap(stretch(passphrase, kdf), data_key, key_id), None)
    printed = None
    if recovery:
        spare = secrets.token_bytes(_KEY_BYTES)
        header.recovery = _wrap(_recovery_wrapping(spare), data_key, key_id)
        printed = recovery_text(spare)
    write_header(folder, header)
    with _guard:
        _unlocked[key_id] = data_key
    return printed


def check_passphrase(passphrase: str) -> None:
    """Refuse an empty passphrase (one line)."""
    if not passphrase:
        raise WrongPassphrase("The passphrase may not be empty.")


def open_header(header: Header, secret: str) -> bytes | None:
    """The data key the passphrase (or the recovery key) unwraps, or None."""
    spare = _recovery_bytes(secret)
    if spare is not None and header.recovery is not None:
        found = _unwrap(_recovery_wrapping(spare), header.recovery, header.key_id)
        if found is not None:
            return found
    return _unwrap(stretch(secret, header.kdf), header.passphrase, header.key_id)


def unlock(folder: Path, secret: str) -> None:
    """Unwrap the data key of ``folder`` with a passphrase or its recovery key and keep it in
    this process; ``WrongPassphrase`` (one line, nothing changed) when it does not fit."""
    header = read_header(folder)
    found = open_header(header, secret)
    if found is None:
        raise WrongPassphrase(f"That passphrase does not open {folder.name}; nothing was "
                              "changed.")
    with _guard:
        _unlocked[header.key_id] = found


def is_unlocked(folder: Path) -> bool:
    """Whether this process holds the data key of the encrypted project in ``folder``."""
    return read_header(folder).key_id in _unlocked


def forget(folder: Path) -> None:
    """Drop this process's copy of the data key of ``folder`` (locking it again)."""
    if is_encrypted(folder):
        with _guard:
            _unlocked.pop(read_header(folder).key_id, None)


def key_id(folder: Path) -> str:
    """The header's public key id (names the project in the keyring)."""
    return read_header(folder).key_id


def data_key(folder: Path) -> bytes | None:
    """The unlocked data key of ``folder``; None for a plain project; ``PassphraseNeeded``
    when the project is encrypted and this process was not given its passphrase."""
    if not is_encrypted(folder):
        return None
    header = read_header(folder)
    found = _unlocked.get(header.key_id)
    if found is None:
        raise PassphraseNeeded(f"{folder.name} is encrypted: give its passphrase "
                               "(FIELDKIT_PASSPHRASE, the keyring, or when asked).")
    return found


def derive(key: bytes, purpose: bytes, salt: bytes | None = None) -> bytes:
    """A 256-bit key for one purpose (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=salt,
                info=purpose).derive(key)


def database_key(data_key: bytes) -> bytes:
    """The raw SQLCipher key of a project's databases (its own and its backups)."""
    return derive(data_key, b"fieldkit database")


def media_key(data_key: bytes) -> bytes:
    """The key every media file's own key is derived from (``storage.sealed``)."""
    return derive(data_key, b"fieldkit media")


def project_folder_of(db_path: Path) -> Path:
    """The project folder a database file belongs to: its own folder, or for a backup
    (``backups/*.sqlite``) the folder above."""
    parent = db_path.parent
    if parent.name == "backups" and not is_encrypted(parent) and is_encrypted(parent.parent):
        return parent.parent
    return parent


def sql_key(db_path: Path) -> bytes | None:
    """The SQLCipher key of the database file ``db_path`` (a project's or one of its backups),
    or None when its project is plain."""
    found = data_key(project_folder_of(db_path))
    return None if found is None else database_key(found)


def rewrap(folder: Path, new_passphrase: str) -> None:
    """Change the passphrase: the same data key wrapped by the new one (a new salt), the
    recovery wrapping kept; one small file rewritten atomically. The project must be
    unlocked in this process."""
    check_passphrase(new_passphrase)
    header = read_header(folder)
    key = data_key(folder)
    assert key is not None
    kdf = _new_kdf()
    header.kdf = kdf
    header.passphrase = _wrap(stretch(new_passphrase, kdf), key, header.key_id)
    write_header(folder, header)
