"""Asking for a project: a new one or an existing folder (the welcome window and File menu)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import encryption_dialogs, folders, i18n
from fieldkit.gui.i18n import tr
from fieldkit.operations import encryption
from fieldkit.project import Project


def open_project(parent: QWidget, path: str) -> Project | None:
    """Open ``path`` for writing; a one-line message box (and None) when that cannot be done.
    An encrypted project asks for its passphrase first (None when that is cancelled)."""
    try:
        if not encryption_dialogs.unlock(parent, path):
            return None
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
    chosen = encryption_dialogs.ask_new_passphrase(parent, optional=True)
    try:
        project = Project.create(path, language=i18n.current_language(),
                                 passphrase=chosen[0] if chosen else None)
        if chosen is not None:
            if chosen[1]:
                encryption.remember(project.path, chosen[0])
            encryption_dialogs.show_recovery_key(parent, project.recovery_key)
        return project
    except FieldkitError as exc:
        QMessageBox.warning(parent, tr("New project"), str(exc))
        return None
