"""Change sets from the project, delivered on the GUI thread.

``Project.subscribe`` calls its listener on whatever thread committed (a runner job runs in a
worker). The bridge re-emits each change set as a Qt signal, which Qt queues to the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from fieldkit.core.changes import ChangeSet
from fieldkit.project import Project


class ProjectBridge(QObject):
    changed = Signal(object)  # ChangeSet

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        project.subscribe(self._listen)

    def _listen(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self.project.unsubscribe(self._listen)
