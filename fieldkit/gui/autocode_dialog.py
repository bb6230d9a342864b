"""Auto-code…: code a speaker's turns, a pattern's matches, the answers under question headings
or to an ESM question, after a preview of what is coded per document (``project.autocode``).

The preview is the plan itself: the button codes exactly the new segments it lists, as one undo
step (Edit ▸ Undo takes all of it back, codes made for it included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import BadInput, FieldkitError
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.i18n import ntr, number, tr

if TYPE_CHECKING:
    from fieldkit.operations.autocode import AutoPlan
    from fieldkit.project import Project

KINDS = ("speaker", "pattern", "structure", "question")
UNITS = ("hit", "sentence", "paragraph", "turn")


class AutoCodeDialog(QDialog):
    """Choose what to code, see the preview, code it (one undo step)."""

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 kind: str = "speaker", value: str = "") -> None:
        super().__init__(parent)
        self.project = project
        self.plan: AutoPlan | None = None
        self.made: int | None = None
        self.setWindowTitle(tr("Auto-code"))
        self.kind = QComboBox()
        for key, label in zip(KINDS, (tr("Every turn of a speaker"),
                                      tr("Every match of a pattern"),
                                      tr("The answers under question headings"),
                                      tr("Every answer to an ESM question")), strict=True):
            self.kind.addItem(label, key)
        self.value = QLineEdit(value)
        self.unit = QComboBox()
        for key, label in zip(UNITS, (tr("The match"), tr("Its sentence"),
                                      tr("Its paragraph"), tr("Its speaker turn")),
                              strict=True):
            self.unit.addItem(label, key)
        self.code = QComboBox()
        self.code.setEditable(True)
        book = project.codebook()
        self.code.addItems([book.path(c.id) for _, c in book.walk()])
        self.code.setCurrentText("")
        self.form = QFormLayout()
        self.value_label, self.unit_label, self.code_label = QLabel(), QLabel(tr("Code as")), \
            QLabel(tr("Code"))
        self.form.addRow(tr("What"), self.kind)
        self.form.addRow(self.value_label, self.value)
        self.form.addRow(self.unit_label, self.unit)
        self.form.addRow(self.code_label, self.code)
        self.preview_button = QPushButton(tr("Preview"))
        self.preview_button.clicked.connect(lambda: self.preview())
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([tr("Document"), tr("Code"), tr("Segments"), tr("New")])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for signal in (self.kind.currentIndexChanged, self.unit.currentIndexChanged):
            signal.connect(lambda _i: self._changed())
        self.value.textChanged.connect(lambda _t: self._stale())
        self.code.currentTextChanged.connect(lambda _t: self._stale())
        self.kind.setCurrentIndex(max(0, KINDS.index(kind) if kind in KINDS else 0))
        self.resize(620, 460)
        self._changed()

    def _changed(self) -> None:
        kind = self.kind.currentData()
        self.value_label.setText({"speaker": tr("Speaker"), "pattern": tr("Regular expression"),
                                  "structure": tr("Heading pattern (empty: numbered questions)"),
                                  "question": tr("ESM question")}[kind])
        for widget in (self.unit, self.unit_label):
            widget.setVisible(kind == "pattern")
        for widget in (self.code, self.code_label):
            widget.setVisible(kind != "structure")
        self._stale()

    def _stale(self) -> None:
        """The choices changed: the preview no longer says what the button would do."""
        self.plan = None
        self.list.clear()
        self.message.clear()
        ok = accept_button(self.buttons)
        ok.setText(tr("Code…"))
        ok.setEnabled(False)

    def make_plan(self) -> AutoPlan:
        auto, value, code = self.project.autocode, self.value.text(), self.code.currentText()
        kind = self.kind.currentData()
        if kind == "structure":
            return auto.structure(value.strip() or None)
        if not code.strip():
            raise BadInput(tr("Choose or type the code to code with."))
        if kind == "speaker":
            return auto.speaker(value, code.strip())
        if kind == "pattern":
            return auto.pattern(value, code.strip(), unit=self.unit.currentData())
        return auto.question(value, code.strip())

    def preview(self) -> AutoPlan | None:
        """Work out the plan and list it; the button then codes its new segments."""
        self._stale()
        try:
            self.plan = self.make_plan()
        except FieldkitError as exc:
            self.message.setText(str(exc))
            return None
        for row in self.plan.rows:
            self.list.addTopLevelItem(QTreeWidgetItem(
                [row.title, row.code, number(len(row.spans)), number(row.new)]))
        self.list.resizeColumnToContents(0)
        text = ntr("%Ln segment(s) found", self.plan.spans) + ", " + \
            ntr("%Ln not coded yet", self.plan.new) + "."
        if self.plan.missing:
            text += " " + tr("New codes: {0}.").format(", ".join(self.plan.missing))
        self.message.setText(text)
        ok = accept_button(self.buttons)
        ok.setText(ntr("Code %Ln segment(s)", self.plan.new))
        ok.setEnabled(self.plan.new > 0)
        return self.plan

    def accept(self) -> None:
        """Code the previewed plan (one undo step), then close."""
        if self.plan is None or not self.plan.new:
            return
        try:
            self.made = self.project.autocode.apply(self.plan, create=True)
        except FieldkitError as exc:
            self.message.setText(str(exc))
            return
        super().accept()


def open_dialog(window: Any, kind: str = "speaker", value: str = "") -> AutoCodeDialog | None:
    """The dialog over the main window's project (None without a project)."""
    project = getattr(window, "project", None)
    if project is None:
        return None
    dialog = AutoCodeDialog(project, window, kind=kind, value=value)
    dialog.open()
    return dialog
