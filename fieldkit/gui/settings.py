"""What the app remembers between sessions: recent projects, language, window state, notes."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QSettings

from fieldkit import places

MAX_RECENT = 8


def settings() -> QSettings:
    """The app's settings: an INI file in the platform's configuration folder (``places``);
    ``FIELDKIT_SETTINGS`` points them at another file (tests use this)."""
    path = os.environ.get("FIELDKIT_SETTINGS") or str(places.config_dir() / "fieldkit.ini")
    return QSettings(path, QSettings.Format.IniFormat)


def get(key: str, default: Any = None) -> Any:
    return settings().value(key, default)


def put(key: str, value: Any) -> None:
    s = settings()
    s.setValue(key, value)
    s.sync()


def recent_projects() -> list[str]:
    value = get("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if os.path.isdir(str(v))]


def remember_project(path: str) -> None:
    path = os.path.abspath(path)
    recent = [p for p in recent_projects() if os.path.abspath(p) != path]
    put("recent", [path, *recent][:MAX_RECENT])
