"""The import dialog: drop files (or pick them), say where they belong, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui import folders
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import tr
from fieldkit.project import Project

# a survey (one case per respondent) is previewed before it is imported
# (``survey_import``); File → Import attributes… takes attribute tables
KINDS = (("auto", "Recognise automatically"), ("transcript", "Transcript"),
         ("fieldnote", "Fieldnote"), ("photo", "Photo"), ("esm", "ESM answers"),
         ("survey", "Survey"), ("text", "Other text"))


class ImportDialog(QDialog):
    def __init__(self, project: Project, files: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import files"))
        self.setAcceptDrops(True)
        self.resize(560, 440)
        hint = QLabel(tr("Drop transcripts, notes, photos, ESM or survey exports here, "
                         "or add them."))
        hint.setObjectName("hint")
        self.files = QListWidget()
        speak_as(self.files, "Files to import")
        add = QPushButton(tr("Add files…"))
        add.clicked.connect(self._pick)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(lambda: [self.files.takeItem(self.files.row(i))
                                        for i in self.files.selectedItems()])
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(tr(label), key)
        self.site = QComboBox()
        self.site.setEditable(True)
        self.site.addItem("")
        self.site.addItems([s.name for s in project.sites()])
        self.has_visit = QCheckBox(tr("Visit on"))
        self.visit = QDateEdit(QDate.currentDate())
        speak_as(self.visit, "Visit date")
        self.visit.setDisplayFormat("yyyy-MM-dd")
        self.visit.setCalendarPopup(True)
        self.visit.setEnabled(False)
        self.has_visit.toggled.connect(self.visit.setEnabled)
        visit_row = QHBoxLayout()
        visit_row.addWidget(self.has_visit)
        visit_row.addWidget(self.visit, 1)
        form = QFormLayout()
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Site"), self.site)
        form.addRow("", _wrap(visit_row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.files, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.add_files(files or [])

    def add_files(self, files: list[str]) -> None:
        have = set(self.paths())
        for f in files:
            if f not in have and Path(f).is_file():
                self.files.addItem(f)

    def paths(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def options(self) -> dict[str, str | None]:
        site = self.site.currentText().strip() or None
        visit = self.visit.date().toString("yyyy-MM-dd") if (site and self.has_visit.isChecked()) \
            else None
        return {"kind": self.kind.currentData(), "site": site, "visit": visit}

    def _pick(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Add files"),
                                                folders.start_at("import"))
        folders.remember("import", files)
        self.add_files(files)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.add_files(local_files(event))
        event.acceptProposedAction()


def local_files(event: QDropEvent) -> list[str]:
    out: list[str] = []
    for url in event.mimeData().urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_dir():
                out.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file())
            else:
                out.append(str(path))
    return out


def _wrap(layout: QHBoxLayout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
