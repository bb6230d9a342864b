"""Ctrl+1 … Ctrl+9: codes a researcher applies without the mouse, remembered per project.

The keys are kept in the settings by code UUID, so they survive a reopened or merged project;
until the researcher assigns any, the first nine leaf codes in codebook order have them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from fieldkit.gui import settings
from fieldkit.gui.i18n import tr
from fieldkit.gui.runner import show_status

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow

CODE_KEYS = tuple(f"Ctrl+{n}" for n in range(1, 10))


def _setting(window: MainWindow) -> str:
    return f"codekeys/{window.project.uuid}" if window.project else "codekeys/none"


def load(window: MainWindow) -> None:
    """Give the codebook the keys remembered for this project (or the first nine codes')."""
    keys: dict[int, str] = {}
    if window.project is not None:
        saved = settings.get(_setting(window))
        by_uuid = {c.uuid: c.id for c in window.codes.values()}
        if saved:
            for uuid, key in json.loads(str(saved)).items():
                if uuid in by_uuid:
                    keys[by_uuid[uuid]] = key
        else:  # the first nine codes in codebook order until the researcher assigns keys
            book = window.project.codebook()
            walk = [c.id for _d, c in book.walk() if not book.children(c.id)]
            keys = dict(zip(walk, CODE_KEYS, strict=False))
    window.codebook.model.set_keys(keys)


def save(window: MainWindow) -> None:
    """Remember the codebook's keys for this project."""
    if window.project is None:
        return
    codes = window.codes
    data = {codes[c].uuid: k for c, k in window.codebook.model.keys.items() if c in codes}
    settings.put(_setting(window), json.dumps(data))


def apply(window: MainWindow, key: str) -> None:
    """Code the selection with the code that has ``key`` (or say that none has it)."""
    for code_id, assigned in window.codebook.model.keys.items():
        if assigned == key:
            window.coding.apply(code_id)
            return
    show_status(window, tr("No code has the shortcut {0}.").format(key))


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """("Code with PATH", key) for every code with a key, in key order."""
    paths = window.code_paths
    return [(tr("Code with {0}").format(paths[code_id]), key)
            for code_id, key in sorted(window.codebook.model.keys.items(), key=lambda kv: kv[1])
            if code_id in paths]
