"""What fieldkit reads at run time: demo recipes, translations, icons and styles.

This folder is the source of truth; the build maps it into the package as
``fieldkit.resources`` (see setup.py), so an installed wheel, an editable install and the
PyInstaller bundle all find these files with ``importlib.resources``, never by a path into a
source checkout. Use ``fieldkit.resources.resource("demo", ...)`` or ``folder("i18n")``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(*parts: str) -> Traversable:
    """A file or folder shipped with fieldkit, e.g. ``resource("demo", "codebook.json")``."""
    node: Traversable = files(__name__)
    for part in parts:
        node = node / part
    return node


def folder(name: str) -> Path:
    """A shipped folder as a real path (tools such as ``lrelease`` need one).

    Wheels, editable installs and the bundle all keep resources as plain files.
    """
    node = resource(name)
    if not isinstance(node, Path):
        raise FileNotFoundError(f"fieldkit's {name} files are not plain files here: {node!r}")
    return node
