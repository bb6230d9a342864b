"""Asking for a project: a new one or an existing folder (the welcome window and File menu)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import folders, i18n
from fieldkit.gui.i18n import tr
from fieldkit.project import Project


def open_project(parent: QWidget, path: str) -> Project | None:
    """Open ``path`` for writing; a one-line message box (and None) when that cannot be done."""
    try:
        return Project.open(path)
    except FieldkitError as exc:
        QMessageBox.warning(parent, tr("Open project"), str(exc))
        return None


def ask_open_project(parent: QWidget) -> Project | None:
    """Ask for a project folder and open it."""
    path = QFileDialog.getExistingDirectory(parent, tr("Open a fieldkit project folder"),
                                            folders.start_at("project"))
    folders.remember("project", str(Path(path).parent) if path else "")
    return open_project(parent, path) if path else None


def ask_new_project(parent: QWidget) -> Project | None:
    """Ask where a new project goes and create it in the interface's language."""
    path, _ = QFileDialog.getSaveFileName(parent, tr("New project"),
                                          folders.start_at("project", "Study.fieldkit"))
    if not path:
        return None
    folders.remember("project", path)
    if not path.endswith(".fieldkit"):
        path += ".fieldkit"
    try:
        return Project.create(path, language=i18n.current_language())
    except FieldkitError as exc:
        QMessageBox.warning(parent, tr("New project"), str(exc))
        return None
