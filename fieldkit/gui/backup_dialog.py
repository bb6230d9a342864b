"""File → Restore from backup…: the project's backups, restored into a new folder.

The dialog lists the complete backups (date in local time, why it was made, size, and whether
SQLite finds the copy damaged: marked with a warning sign, the reason in the tooltip); Restore
asks for a new folder, makes the project there (the open project is never touched) and offers
to open it, naming the media files it had to leave out (missing, or not as imported). A damaged
backup is refused with its reason before anything is asked. The copying runs on the window's job
runner when there is one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import contrast
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.dialog_buttons import dialog_buttons
from fieldkit.gui.i18n import tr
from fieldkit.operations.backups import Restored, restore_backup
from fieldkit.project import Project
from fieldkit.storage.backups import Backup
from fieldkit.storage.mediastore import CHANGED, LINK, MISSING, NOT_A_FILE, SWAPPED

Index = QModelIndex | QPersistentModelIndex
BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1


def reason_label(reason: str) -> str:
    """Why a backup was made, in the interface language."""
    if reason.startswith("before-migration"):
        return tr("before an upgrade of fieldkit")
    labels = {"manual": tr("made by hand"), "automatic": tr("automatic"),
              "before-merge": tr("before a merge"), "before-import": tr("before an import")}
    return labels.get(reason, reason)


def local_time(created: str) -> str:
    return datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d %H:%M")


def size_label(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, size // 1024)} KB"


def state_label(backup: Backup) -> str:
    """Whether a backup can be restored, in the interface language."""
    return tr("damaged") if backup.damaged else tr("intact")


def damage_label(backup: Backup) -> str:
    """Why a damaged backup cannot be restored (the tooltip of its row)."""
    return tr("This backup is damaged and cannot be restored: {0}").format(backup.damaged)


def refusal(backup: Backup) -> str:
    """The one line that refuses to restore a damaged backup."""
    return tr("The backup of {0} is damaged ({1}); nothing was restored. Choose another "
              "backup.").format(local_time(backup.created), backup.damaged)


def media_problem(why: str) -> str:
    """What is wrong with a media file (``mediastore``'s reasons), in the interface language."""
    known = {CHANGED: tr("changed on disk since it was imported"), MISSING: tr("missing"),
             LINK: tr("a symbolic link; fieldkit never follows one"),
             NOT_A_FILE: tr("not a regular file"),
             SWAPPED: tr("swapped for another file while it was being opened")}
    return known.get(why, why)


def restored_text(restored: Restored) -> str:
    """What the restore made, and which media files it left out and why."""
    text = tr("The backup of {0} is now a project in {1}. Open it?").format(
        local_time(restored.backup.created), restored.path)
    if restored.missing:
        text += "\n\n" + tr("These media files were missing: {0}").format(
            ", ".join(restored.missing))
    if restored.damaged:
        text += "\n\n" + tr("These media files were left out because they are not as "
                             "imported: {0}").format(
            "; ".join(f"{name} ({media_problem(why)})" for name, why in restored.damaged))
    if restored.missing or restored.damaged:
        text += "\n" + tr("Import the original files into the new project again to put them "
                          "back.")
    return text


class BackupTableModel(QAbstractTableModel):
    """Backups newest first: date, reason, size, state (a damaged one marked, with why)."""

    HEADERS = ("Made on", "Reason", "Size", "State")
    STATE = 3

    def __init__(self, backups: list[Backup] | None = None) -> None:
        super().__init__()
        self.backups = list(backups or [])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self.backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (local_time(backup.created), reason_label(backup.reason),
                    size_label(backup.size), state_label(backup))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{backup.id}\n{damage_label(backup)}" if backup.damaged else backup.id
        if backup.damaged and role == Qt.ItemDataRole.DecorationRole \
                and index.column() == self.STATE:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if backup.damaged and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#ff9a8f" if contrast.active() else "#b3261e"))
        if role == BACKUP_ROLE:
            return backup
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEADERS[section])
        return None


class RestoreBackupDialog(QDialog):
    """Pick a backup and restore it as a new project; ``open_project`` offers to open it."""

    open_project = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(tr("Restore from backup"))
        self.resize(560, 380)
        layout = QVBoxLayout(self)
        hint = QLabel(tr("Restoring makes a new project folder from a backup; the open "
                         "project stays as it is."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.model = BackupTableModel(project.backups.list())
        self.table = QTableView()
        speak_as(self.table, "Backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the reason: longest
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.restore())
        layout.addWidget(self.table)
        self.empty = QLabel(tr("This project has no backups yet."))
        self.empty.setVisible(self.model.rowCount() == 0)
        layout.addWidget(self.empty)
        buttons = dialog_buttons(self, close=True)
        self.restore_button = QPushButton(tr("&Restore…"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(lambda: self.restore())
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self, *_: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], BACKUP_ROLE) if rows else None

    def choose_target(self, backup: Backup) -> str:
        """Ask where the restored project goes (a new folder)."""
        stem = self.project.path.name.removesuffix(".fieldkit")
        suggestion = self.project.path.parent / \
            f"{stem} {local_time(backup.created)[:10]}.fieldkit"
        path, _ = QFileDialog.getSaveFileName(self, tr("Restore into a new folder"),
                                              str(suggestion))
        if path and not path.endswith(".fieldkit"):
            path += ".fieldkit"
        return path

    def offer_to_open(self, restored: Restored) -> bool:
        answer = QMessageBox.question(self, tr("Restore from backup"), restored_text(restored))
        return answer == QMessageBox.StandardButton.Yes

    def restore(self, target: str | None = None) -> None:
        """Restore the selected backup into ``target`` (asked for when not given)."""
        backup = self.selected()
        if backup is None:
            return
        if backup.damaged:  # refused before a folder is asked for
            QMessageBox.warning(self, tr("Restore from backup"), refusal(backup))
            return
        target = target or self.choose_target(backup)
        if not target:
            return
        folder = self.project.path
        runner = getattr(self.parent(), "runner", None)
        if runner is not None:
            runner.run(tr("Restoring the backup"),
                       lambda _progress: restore_backup(folder, backup.id, target),
                       self._restored)
            return
        try:
            restored = restore_backup(folder, backup.id, target)
        except FieldkitError as exc:
            QMessageBox.warning(self, tr("Restore from backup"), str(exc))
            return
        self._restored(restored)

    def _restored(self, restored: Restored) -> None:
        if self.offer_to_open(restored):
            self.open_project.emit(str(restored.path))
            self.accept()
