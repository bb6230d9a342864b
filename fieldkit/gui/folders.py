"""Where file dialogs start: the folder last used for that kind of file, else the home folder.

Exports go where the last export went, imports come from where the last import came from, a
chart is saved beside the last chart: one remembered folder per kind, kept in the settings.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.gui import settings

KINDS = ("export", "import", "photos", "project", "chart", "backup")


def last_folder(kind: str) -> Path:
    """The folder last used for ``kind`` (the home folder at first, or when it has gone)."""
    saved = settings.get(f"folders/{kind}")
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    return Path.home()


def start_at(kind: str, name: str = "") -> str:
    """Where a file dialog for ``kind`` opens, with ``name`` as the suggested file."""
    folder = last_folder(kind)
    return str(folder / name) if name else str(folder)


def remember(kind: str, chosen: str | Path | list[str]) -> None:
    """Remember the folder of ``chosen`` (a file, a folder, or the first of several files)."""
    if isinstance(chosen, list):
        if not chosen:
            return
        chosen = chosen[0]
    if not str(chosen):
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    if folder.is_dir():
        settings.put(f"folders/{kind}", str(folder))
