"""Where fieldkit keeps its own files on this computer, in each platform's usual places.

Settings and recent projects in the user's configuration folder (``~/.config/fieldkit`` on
Linux, ``~/Library/Application Support/fieldkit`` on macOS, ``%LOCALAPPDATA%\\fieldkit`` on
Windows), caches in the cache folder, the demo study in the data folder. Asked each time, so
``XDG_*`` variables set by a test or a user take effect.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs


def _dirs() -> PlatformDirs:
    return PlatformDirs("fieldkit", appauthor=False)


def config_dir() -> Path:
    """Settings, recent projects, window layout."""
    return Path(_dirs().user_config_dir)


def cache_dir() -> Path:
    """Files fieldkit can always make again (compiled translations)."""
    return Path(_dirs().user_cache_dir)


def data_dir() -> Path:
    """fieldkit's own data: the demo study the welcome window opens."""
    return Path(_dirs().user_data_dir)


def demo_project() -> Path:
    """Where the demo study is built when a user asks for it from the app."""
    return data_dir() / "Demo.fieldkit"
