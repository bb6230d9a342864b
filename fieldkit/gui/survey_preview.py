"""The survey preview: what a survey file becomes before anything is stored.

The layout found, the respondent (case) column (changeable), each column open (codable text) or
closed (an attribute of its inferred type) or left out as personal, one document per
respondent or per question, and the reader's warnings. Changing the case column reads the file
again through ``project.imports.preview_survey``; a column that cannot be the case (a repeated
id, no open question left) says why and Import waits for a better one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.sheet_model import TYPE_NAMES
from fieldkit.importers.survey import SurveyData
from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
#: The layouts ``importers.survey`` recognises, as a researcher calls them.
LAYOUT_NAMES = {"qualtrics": "Qualtrics", "limesurvey": "LimeSurvey",
                "forms": "Microsoft Forms", "castor": "Castor",
                "table": "A table typed by hand"}
#: What a column of the survey becomes (closed ones with their attribute type).
BECOMES = {"case": "Respondent (case)", "open": "Open: codable text",
           "closed": "Closed: attribute ({0})", "left out": "Left out (personal or technical)"}
PER_CHOICES = (("respondent", "One document per respondent"),
               ("question", "One document per question"))


class ColumnsModel(QAbstractTableModel):
    """The survey's columns: the case column, then each question, then those left out."""

    HEADERS = ("Column", "Question", "Becomes")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str]] = []  # column, wording, what it becomes (English)
        self.types: list[str] = []  # an attribute's type, "" for the others

    def set_survey(self, survey: SurveyData) -> None:
        self.beginResetModel()
        self.rows = [(survey.case_column, "", BECOMES["case"])]
        self.types = [""]
        for q in survey.questions:
            wording = q.text if q.text != q.label else ""
            self.rows.append((q.label, wording, BECOMES["open" if q.open else "closed"]))
            self.types.append("" if q.open else q.type)
        for column in survey.left_out:
            self.rows.append((column, "", BECOMES["left out"]))
            self.types.append("")
        self.endResetModel()

    def becomes(self, row: int) -> str:
        """What row ``row`` becomes, in the interface language."""
        text = tr(self.rows[row][2])
        type_ = self.types[row]
        return text.format(tr(TYPE_NAMES.get(type_, type_))) if type_ else text

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        row, column = index.row(), index.column()
        return self.becomes(row) if column == 2 else self.rows[row][column]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None


class SurveyPreview(QDialog):
    """Accepted: ``choice()`` holds the case column (None: the one the layout names) and
    ``per``. Build it with ``open_preview``: a file that cannot be read at all never gets one."""

    def __init__(self, project: Project, path: str, survey: SurveyData,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.path, self.survey = project, path, survey
        self.detected = survey.case_column
        self.setWindowTitle(tr("Import survey"))
        self.resize(760, 560)
        self.file_label = QLabel(Path(path).name)
        self.layout_label = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("survey-summary")
        self.case = QComboBox()
        speak_as(self.case, "Respondent (case) column")
        self.case.addItems([survey.case_column, *(q.label for q in survey.questions)])
        self.case.currentIndexChanged.connect(lambda _i: self.read_again())
        self.per_group = QButtonGroup(self)
        per_row = QHBoxLayout()
        for i, (key, label) in enumerate(PER_CHOICES):
            button = QRadioButton(tr(label))
            button.setObjectName(f"per-{key}")
            button.setChecked(i == 0)
            self.per_group.addButton(button, i)
            per_row.addWidget(button)
        per_row.addStretch(1)
        self.model = ColumnsModel(self)
        self.table = QTableView()
        speak_as(self.table, "Columns of the survey")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel()
        self.problem.setObjectName("survey-problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.warnings = QListWidget()
        speak_as(self.warnings, "Warnings of the survey")
        self.warnings_label = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(per_row)
        self.show_survey(survey)

    def _lay_out(self, per_row: QHBoxLayout) -> None:
        form = QFormLayout()
        form.addRow(tr("File"), self.file_label)
        form.addRow(tr("Layout"), self.layout_label)
        form.addRow(tr("Respondent (case) column"), self.case)
        per = QWidget()
        per_row.setContentsMargins(0, 0, 0, 0)
        per.setLayout(per_row)
        form.addRow(tr("Open answers"), per)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings, 1)
        layout.addWidget(self.buttons)

    @property
    def per(self) -> str:
        return PER_CHOICES[max(0, self.per_group.checkedId())][0]

    def case_column(self) -> str | None:
        """The chosen respondent column; None while it is the one the file names itself."""
        chosen = self.case.currentText()
        return None if chosen == self.detected else chosen

    def choice(self) -> dict[str, str | None]:
        return {"case": self.case_column(), "per": self.per}

    def read_again(self) -> bool:
        """Read the file with the chosen case column; a column that cannot be one says why."""
        try:
            survey = self.project.imports.preview_survey(self.path, case=self.case_column())
        except FieldkitError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.import_button.setEnabled(False)
            return False
        self.show_survey(survey)
        return True

    def show_survey(self, survey: SurveyData) -> None:
        self.survey = survey
        self.problem.hide()
        self.import_button.setEnabled(True)
        self.layout_label.setText(tr(LAYOUT_NAMES.get(survey.layout, survey.layout)))
        self.summary.setText(" · ".join((
            ntr("%Ln respondent(s) as cases", len(survey.respondents)),
            ntr("%Ln open question(s) to code", len(survey.open_questions)),
            ntr("%Ln closed question(s) as attributes", len(survey.closed_questions)))))
        self.model.set_survey(survey)
        self.warnings.clear()
        self.warnings.addItems(survey.warnings)
        count = len(survey.warnings)
        self.warnings_label.setText(ntr("%Ln warning(s) from reading the file:", count)
                                    if count else tr("No warnings."))
        self.warnings.setVisible(bool(survey.warnings))


def open_preview(project: Project, path: str, parent: QWidget | None = None) -> SurveyPreview:
    """The preview of the survey at ``path``; raises ``FieldkitError`` (one line naming the
    file) when it cannot be imported whatever the case column: no open question, a repeated
    respondent id, not a table at all."""
    survey = project.imports.preview_survey(path)
    return SurveyPreview(project, path, survey, parent)
