"""Small dialogs around attributes: define or change one (name, type, choices), and import a
table of attributes (File → Import attributes…) with its key column chosen beside a preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import BadInput, FieldkitError
from fieldkit.gui import folders
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.i18n import tr
from fieldkit.gui.sheet_model import TYPE_NAMES
from fieldkit.project import Project

PREVIEW_ROWS = 5


class AttributeDialog(QDialog):
    """A new attribute, or an existing one renamed, retyped or given other choices."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "", type_: str = "text",
                 choices: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Change attribute") if name else tr("New attribute"))
        self.name = QLineEdit(name)
        self.type = QComboBox()
        for key, label in TYPE_NAMES.items():
            self.type.addItem(tr(label), key)
        self.type.setCurrentIndex(max(0, self.type.findData(type_)))
        self.choices = QPlainTextEdit("\n".join(choices))
        self.choices.setTabChangesFocus(True)
        self.choices.setPlaceholderText(tr("One choice per line"))
        self.choices.setMaximumHeight(120)
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Type"), self.type)
        form.addRow(tr("Choices"), self.choices)
        self.buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(lambda _t: self._enable())
        self.type.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()

    def _enable(self) -> None:
        self.choices.setEnabled(self.type.currentData() == "choice")
        accept_button(self.buttons).setEnabled(bool(self.name.text().strip()))

    def values(self) -> tuple[str, str, list[str]]:
        """The name, the type and (for a list of choices) the choices, as typed."""
        choices = [line.strip() for line in self.choices.toPlainText().splitlines()
                   if line.strip()] if self.type.currentData() == "choice" else []
        return self.name.text().strip(), str(self.type.currentData()), choices


def preview_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and the first rows of a csv or xlsx table (BadInput when it cannot be read)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _preview_xlsx(path)
    from fieldkit.importers.table import read_table

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot be read ({exc.strerror})") from None
    header, rows = read_table(data, path.name)
    return header, rows[:PREVIEW_ROWS]


def _preview_xlsx(path: Path) -> tuple[list[str], list[list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput(f"{path.name}: not an Excel workbook ({exc})") from None
    try:
        rows = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            if any(c.strip() for c in cells):
                rows.append(cells)
            if len(rows) > PREVIEW_ROWS:
                break
    finally:
        book.close()
    if not rows:
        raise BadInput(f"{path.name}: the first sheet is empty")
    header = [h.strip() or f"column {i + 1}" for i, h in enumerate(rows[0])]
    return header, [(r + [""] * len(header))[:len(header)] for r in rows[1:]]


class ImportAttributesDialog(QDialog):
    """File → Import attributes…: the table's first rows, the key column and what the rows
    are (cases or documents); importing is the facade's ``attributes.import_table``, all or
    nothing, so a refused table leaves the project as it was."""

    def __init__(self, project: Project, path: str | Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.path = Path(path)
        self.report: Any = None
        self.setWindowTitle(tr("Import attributes"))
        header, rows = preview_table(self.path)
        self.key = QComboBox()
        self.key.addItems(header)
        self.target = QComboBox()
        for key, label in ((None, "Recognise automatically"), ("cases", "Cases"),
                           ("documents", "Documents")):
            self.target.addItem(tr(label), key)
        self.preview = QTableWidget(len(rows), len(header))
        speak_as(self.preview, "The first rows of the table")
        self.preview.setHorizontalHeaderLabels(header)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(cell))
        # a few rows: each column as wide as its name and values (within reason)
        self.preview.resizeColumnsToContents()
        for c in range(len(header)):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 260))
        self.preview.horizontalHeader().setStretchLastSection(True)
        hint = QLabel(tr("Each row is matched to a case by its name or to a document by its "
                         "title, in the key column. New columns become attributes."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Key column"), self.key)
        form.addRow(tr("Rows are"), self.target)
        buttons = dialog_buttons(self, accept_text=tr("Import"), on_accept=self.run)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.path.name))
        layout.addWidget(self.preview, 1)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def run(self) -> bool:
        """Import with the chosen key; the facade's refusal is shown and nothing changes."""
        try:
            with self.project.action(f"Import attributes from {self.path.name}"):
                self.report = self.project.attributes.import_table(
                    self.path, self.key.currentText(), target=self.target.currentData())
        except FieldkitError as exc:
            QMessageBox.warning(self, tr("Import attributes"), str(exc))
            return False
        self.accept()
        return True


def ask_import(project: Project, parent: QWidget) -> ImportAttributesDialog | None:
    """Pick a csv or xlsx table and open the import dialog on it (None when none was picked or
    it cannot be read: said in a dialog)."""
    path, _ = QFileDialog.getOpenFileName(parent, tr("Import attributes"),
                                          folders.start_at("import"),
                                          tr("Tables (*.csv *.tsv *.txt *.xlsx)"))
    if not path:
        return None
    folders.remember("import", [path])
    return open_import(project, path, parent)


def open_import(project: Project, path: str | Path,
                parent: QWidget) -> ImportAttributesDialog | None:
    try:
        dialog = ImportAttributesDialog(project, path, parent)
    except FieldkitError as exc:
        QMessageBox.warning(parent, tr("Import attributes"), str(exc))
        return None
    dialog.open()
    return dialog
