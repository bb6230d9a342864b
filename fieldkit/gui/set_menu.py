"""Sets made by hand: selected documents (Material navigator) or codes (codebook) go into a
document set or a code set, new or existing, as one undo step (``project.sets``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from fieldkit.core.errors import FieldkitError
from fieldkit.gui.i18n import tr
from fieldkit.gui.runner import show_status

if TYPE_CHECKING:
    from fieldkit.operations.sets import DocumentSet
    from fieldkit.project import Project


def action_label(kind: str) -> str:
    """The context menu's entry for a set of ``kind`` ("documents" or "codes")."""
    return tr("Add to document set…") if kind == "documents" else tr("Add to code set…")


def choose_set(parent: QWidget, project: Project, kind: str) -> str | None:
    """Ask for a set of ``kind``: one of those there are, or the name of a new one."""
    names = [s.name for s in project.sets.all() if s.kind == kind]
    title = tr("Add to document set") if kind == "documents" else tr("Add to code set")
    name, ok = QInputDialog.getItem(parent, title, tr("A set, or the name of a new one:"),
                                    names, 0, True)
    return name.strip() if ok and name.strip() else None


def add_to_set(parent: QWidget, project: Project, kind: str, members: Sequence[int],
               name: str | None = None) -> DocumentSet | None:
    """Put ``members`` (document or code ids) in the set ``name`` (asked when None); a name no
    set has makes a new set. Says what happened in the status bar, or why not in a message."""
    if not members:
        return None
    if name is None:
        name = choose_set(parent, project, kind)
        if name is None:
            return None
    there = {s.name.casefold(): s for s in project.sets.all()}
    try:
        found = there.get(name.casefold())
        if found is None:
            found = project.sets.add(name, kind, list(members))
        else:
            project.sets.members(found.id, kind)  # refuses a set of the other kind
            project.sets.extend(found.id, list(members))
            found = project.sets.get(found.id)
    except FieldkitError as exc:
        QMessageBox.warning(parent, tr("Set"), str(exc))
        return None
    show_status(parent, tr("Added to the set {0}.").format(found.name))
    return found
