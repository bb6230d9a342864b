"""Where a team member's server password comes from: never from the project.

libpq itself reads ``PGPASSWORD`` and the password file (``~/.pgpass``, ``%APPDATA%\\postgresql\\
pgpass.conf`` on Windows, or ``PGPASSFILE``). When the ``keyring`` package is installed, the
system keyring (macOS Keychain, Windows Credential Locker, Secret Service) is asked first, under
service "fieldkit" and the URL without its password.
"""

from __future__ import annotations

from typing import Any

SERVICE = "fieldkit"


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def password(url: str) -> str | None:
    """The keyring's password for ``url``, or None (then libpq's own sources are used)."""
    from fieldkit.storage.team_server import public_url

    ring = _keyring()
    if ring is None:
        return None
    try:
        found = ring.get_password(SERVICE, public_url(url))
    except Exception:  # no keyring back-end on this machine (a headless Linux)
        return None
    return str(found) if found else None


def remember(url: str, secret: str) -> bool:
    """Keep ``secret`` in the system keyring; False when there is no keyring here."""
    from fieldkit.storage.team_server import public_url

    ring = _keyring()
    if ring is None:
        return False
    try:
        ring.set_password(SERVICE, public_url(url), secret)
    except Exception:
        return False
    return True


def available() -> bool:
    return _keyring() is not None
