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
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.sheet_model import TYPE_NAMES
from fieldkit.importers.survey import SurveyData, survey_columns
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
    """Accepted: ``choice()`` holds the case column (None: the one the file names itself) and
    ``per``. Build it with ``open_preview``: a file that cannot be read at all never gets one;
    one whose respondent column the reader cannot find opens with the columns to choose from
    (``survey`` None, ``detected`` None)."""

    def __init__(self, project: Project, path: str, columns: list[str],
                 survey: SurveyData | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.path, self.survey = project, path, survey
        self.detected = survey.case_column if survey is not None else None
        self.setWindowTitle(tr("Import survey"))
        self.resize(880, 640)
        self.file_label = QLabel(Path(path).name)
        self.layout_label = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("survey-summary")
        self.case = QComboBox()
        speak_as(self.case, "Respondent (case) column")
        self.case.addItems(columns)
        self.case.setPlaceholderText(tr("Choose the respondent column"))
        self.case.setCurrentIndex(columns.index(self.detected) if self.detected in columns
                                  else -1)
        self.case.currentIndexChanged.connect(lambda _i: self.read_again())
        self.per_choice = QComboBox()
        speak_as(self.per_choice, "Open answers")
        for key, label in PER_CHOICES:
            self.per_choice.addItem(tr(label), key)
        self.model = ColumnsModel(self)
        self.table = QTableView()
        speak_as(self.table, "Columns of the survey")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
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
        self._lay_out()
        if survey is not None:
            self.show_survey(survey)
        else:  # nothing to show until a respondent column is chosen
            for widget in (self.summary, self.warnings_label, self.warnings):
                widget.hide()
            self.say_problem(tr("Choose the column that holds each respondent's id."))

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("File"), self.file_label)
        form.addRow(tr("Layout"), self.layout_label)
        form.addRow(tr("Respondent (case) column"), self.case)
        form.addRow(tr("Open answers"), self.per_choice)
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
        return str(self.per_choice.currentData())

    def case_column(self) -> str | None:
        """The chosen respondent column; None while it is the one the file names itself."""
        chosen = self.case.currentText() if self.case.currentIndex() >= 0 else None
        return None if chosen == self.detected else chosen

    def choice(self) -> dict[str, str | None]:
        return {"case": self.case_column(), "per": self.per}

    def read_again(self) -> bool:
        """Read the file with the chosen case column; a column that cannot be one says why."""
        if self.case.currentIndex() < 0:
            return False
        try:
            survey = self.project.imports.preview_survey(self.path, case=self.case_column())
        except FieldkitError as exc:
            self.say_problem(str(exc))
            return False
        self.show_survey(survey)
        return True

    def say_problem(self, text: str) -> None:
        """Why this cannot be imported as chosen; Import waits for a better choice."""
        self.problem.setText(text)
        self.problem.show()
        self.import_button.setEnabled(False)

    def show_survey(self, survey: SurveyData) -> None:
        self.survey = survey
        self.problem.hide()
        self.summary.show()
        self.warnings_label.show()
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
    """The preview of the survey at ``path``, or of its columns when the reader finds no
    respondent column by itself (the researcher chooses one). Raises ``FieldkitError`` (one
    line naming the file) for a file that is no table, and for a survey that cannot be
    imported with the respondent column found: a repeated id, no open-ended question."""
    columns, detected = survey_columns(Path(path))
    if detected is None:
        return SurveyPreview(project, path, columns, None, parent)
    survey = project.imports.preview_survey(path)
    return SurveyPreview(project, path, columns, survey, parent)
