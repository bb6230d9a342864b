"""Where an encrypted project's passphrase comes from, and the conversions a person asks for.

In order: the passphrase given (the app's prompt, a script), ``FIELDKIT_PASSPHRASE``, the
system keyring (service "fieldkit", one entry per project named by its key file's public id,
only when the person chose "remember on this computer"), then ``ask`` (the CLI's prompt). The
passphrase is never written anywhere else; the data key it unwraps lives in this process's
memory only (``storage.keys``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldkit.core.errors import PassphraseNeeded, WrongPassphrase
from fieldkit.storage import conversion, keys

ENV = "FIELDKIT_PASSPHRASE"
SERVICE = "fieldkit"

Ask = Callable[[str], "str | None"]


def is_encrypted(path: str | Path) -> bool:
    """Whether the project at ``path`` is encrypted."""
    return keys.is_encrypted(Path(path))


def is_unlocked(path: str | Path) -> bool:
    """Whether this process can open the encrypted project at ``path`` without asking."""
    return keys.is_unlocked(Path(path))


def unlock(path: str | Path, passphrase: str | None = None, *, ask: Ask | None = None) -> None:
    """Unlock the project at ``path`` for this process (nothing for a plain one or one
    unlocked already): with ``passphrase``, else ``FIELDKIT_PASSPHRASE``, else the keyring,
    else ``ask(project name)``. ``WrongPassphrase`` for a passphrase that does not fit (one
    line, nothing changed); ``PassphraseNeeded`` when there is none to try."""
    folder = Path(path)
    conversion.finish_interrupted_if_free(folder)
    if not keys.is_encrypted(folder):
        return
    if passphrase:
        keys.unlock(folder, passphrase)
        return
    if keys.is_unlocked(folder):
        return
    given = os.environ.get(ENV)
    if given:
        keys.unlock(folder, given)
        return
    remembered = recall(folder)
    if remembered:
        try:
            keys.unlock(folder, remembered)
            return
        except WrongPassphrase:
            pass  # changed elsewhere since it was remembered: ask
    secret = ask(folder.name) if ask is not None else None
    if not secret:
        raise PassphraseNeeded(f"{folder.name} is encrypted: give its passphrase "
                               f"({ENV}, the keyring, or when asked); nothing was changed.")
    keys.unlock(folder, secret)


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def _entry(folder: Path) -> str:
    return f"project {keys.key_id(folder)}"


def recall(folder: Path) -> str | None:
    """The passphrase remembered in the keyring for this project, or None."""
    ring = _keyring()
    if ring is None:
        return None
    try:
        found = ring.get_password(SERVICE, _entry(folder))
    except Exception:  # no keyring back-end on this machine
        return None
    return str(found) if found else None


def remember(path: str | Path, passphrase: str) -> bool:
    """Keep the passphrase in the system keyring ("remember on this computer"); False when
    this computer has no keyring."""
    ring = _keyring()
    if ring is None:
        return False
    try:
        ring.set_password(SERVICE, _entry(Path(path)), passphrase)
    except Exception:
        return False
    return True


def forget(path: str | Path) -> None:
    """Remove the remembered passphrase of this project from the keyring (if any)."""
    ring = _keyring()
    if ring is None or not keys.is_encrypted(Path(path)):
        return
    try:
        ring.delete_password(SERVICE, _entry(Path(path)))
    except Exception:
        pass


def encrypt(path: str | Path, passphrase: str, *, recovery: bool = True) -> str | None:
    """Encrypt the (closed) project at ``path`` in place; the recovery key as printed, once."""
    return conversion.encrypt(Path(path), passphrase, recovery=recovery)


def decrypt(path: str | Path) -> None:
    """Decrypt the (closed, unlocked) project at ``path`` in place; a remembered passphrase
    is forgotten."""
    folder = Path(path)
    keys.data_key(folder)
    entry = _entry(folder)  # the key file goes with the conversion: its id named the entry
    conversion.decrypt(folder)
    ring = _keyring()
    if ring is not None:
        try:
            ring.delete_password(SERVICE, entry)
        except Exception:
            pass


def change_passphrase(path: str | Path, new_passphrase: str) -> None:
    """A new passphrase for the (unlocked) project at ``path``; a remembered one is updated."""
    folder = Path(path)
    had = recall(folder) if keys.is_encrypted(folder) else None
    conversion.change_passphrase(folder, new_passphrase)
    if had:
        remember(folder, new_passphrase)
