"""Where a team member's server password comes from: never from the project.

libpq itself reads ``PGPASSWORD`` and the password file (``~/.pgpass``, ``%APPDATA%\\postgresql\\
pgpass.conf`` on Windows, or ``PGPASSFILE``). When the ``keyring`` package is installed, the
system keyring (macOS Keychain, Windows Credential Locker, Secret Service; the ``keyring``
package is a dependency of fieldkit, so this works out of the box) is asked first, under
service "fieldkit" and the URL without its password. A password typed in the app and not
remembered is kept in this process's memory only, for this session (``keep_for_session``).
"""

from __future__ import annotations

from typing import Any

SERVICE = "fieldkit"
_session: dict[str, str] = {}  # public URL → password typed in this session, never written


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def password(url: str) -> str | None:
    """This session's or the keyring's password for ``url``, or None (then libpq's own sources
    are used)."""
    from fieldkit.storage.team_server import public_url

    kept = _session.get(public_url(url))
    if kept:
        return kept
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


def keep_for_session(url: str, secret: str) -> None:
    """Use ``secret`` for ``url`` until this program ends (in memory only, never on disk)."""
    from fieldkit.storage.team_server import public_url

    if secret:
        _session[public_url(url)] = secret
    else:
        _session.pop(public_url(url), None)


def available() -> bool:
    """True when this computer has a usable keyring (not keyring's "fail" stand-in, which is
    what a Linux without a Secret Service gets)."""
    ring = _keyring()
    if ring is None:
        return False
    try:
        backend = ring.get_keyring()
    except Exception:
        return False
    return not type(backend).__module__.startswith("keyring.backends.fail")
