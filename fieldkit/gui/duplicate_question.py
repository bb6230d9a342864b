"""The question an import asks once per batch when files are already in the project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldkit.core.errors import DuplicateImport
from fieldkit.gui.i18n import ntr, tr

SHOWN = 8  # files named in the question; the rest are counted


def ask_about_duplicates(parent: QWidget, error: DuplicateImport,
                         answer: Callable[[str], None]) -> QMessageBox:
    """"N files are already in the project (names…)": Skip them, Import again or Cancel.

    Window-modal and not blocking: ``answer`` gets "skip", "again" or "" (Cancel, Escape or
    the window closed) once the researcher chooses."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Already in the project"),
                      ntr("%Ln file(s) already in the project:", len(error.duplicates)),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("duplicates")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    lines = []
    for same in error.duplicates[:SHOWN]:
        pattern = (tr("{file}: the same as “{name}”, earlier in this import")
                   if same.document_id is None else tr("{file}: already there as “{name}”"))
        lines.append(pattern.format(file=Path(same.path).name, name=same.title))
    if len(error.duplicates) > SHOWN:
        lines.append(tr("… and {0} more").format(len(error.duplicates) - SHOWN))
    box.setInformativeText("\n".join(lines))
    skip = box.addButton(tr("Skip them"), QMessageBox.ButtonRole.AcceptRole)
    again = box.addButton(tr("Import again"), QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    skip.setToolTip(tr("Import only the files that are not in the project yet"))
    again.setToolTip(tr("Import every file, also those already in the project, as new "
                        "documents"))
    box.setDefaultButton(skip)
    box.setEscapeButton(cancel)
    def finished(*_: object) -> None:
        clicked = box.clickedButton()
        answer("skip" if clicked is skip else "again" if clicked is again else "")

    box.finished.connect(finished)
    box.open()
    return box
