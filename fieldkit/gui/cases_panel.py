"""The Cases pane: the project's cases with their members; add, rename, delete (each one undo
step), make one case per participant, and open what a case holds.

A case groups documents and parts of documents (one speaker's turns, one respondent's answers).
Choosing a case lists its members below the cases; activating a member opens it (a part with
its text selected); "Coded segments…" lists the codings that belong to the case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.focus_order import showing
from fieldkit.gui.headers import share_the_width
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.runner import show_status
from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 5  # (document id, start, end); start None: whole


@dataclass(slots=True)
class Members:
    """What a case holds, as the pane lists it: documents in it whole, parts of documents,
    and the documents of its participants (pseudonym → their documents)."""

    documents: list[int] = field(default_factory=list)
    parts: list[tuple[int, int, int]] = field(default_factory=list)
    people: dict[str, list[int]] = field(default_factory=dict)

    def count(self) -> int:
        return len(self.documents) + len(self.parts) + sum(map(len, self.people.values()))


class CasesModel(QAbstractTableModel):
    """Case, members."""

    COLUMNS = ("Case", "Members")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.cases: list[Any] = []
        self.members: dict[int, Members] = {}

    def set_cases(self, cases: list[Any], members: dict[int, Members]) -> None:
        self.beginResetModel()
        self.cases = sorted(cases, key=lambda c: c.name.casefold())
        self.members = members
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.cases)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self.cases[index.row()]
        held = self.members.get(case.id, Members())
        if role == Qt.ItemDataRole.DisplayRole:
            return case.name if index.column() == 0 else str(held.count())
        if role == Qt.ItemDataRole.ToolTipRole:
            said = [ntr("%Ln document(s)", len(held.documents)),
                    ntr("%Ln part(s) of documents", len(held.parts)),
                    ntr("%Ln participant(s)", len(case.participants))]
            return "\n".join([case.name, *([case.description] if case.description else []),
                              ", ".join(said)])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return tr(self.COLUMNS[section])
        return None


class NewCaseDialog(QDialog):
    """A case's name, and optionally the documents chosen in Material or a speaker's turns."""

    def __init__(self, documents: list[int], speakers: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New case"))
        self.name = QLineEdit()
        self.with_documents = QCheckBox(ntr("With the %Ln document(s) chosen in Material",
                                            len(documents)))
        self.with_documents.setChecked(bool(documents))
        self.with_documents.setEnabled(bool(documents))
        self.documents = documents
        self.speaker = QComboBox()
        self.speaker.setEditable(True)
        self.speaker.addItems(["", *speakers])
        self.speaker.setToolTip(tr("Only this speaker's turns become the case's parts"))
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow("", self.with_documents)
        form.addRow(tr("Speaker (optional)"), self.speaker)
        self.buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(
            lambda t: accept_button(self.buttons).setEnabled(bool(t.strip())))
        accept_button(self.buttons).setEnabled(False)

    def values(self) -> tuple[str, list[int], str | None]:
        docs = self.documents if self.with_documents.isChecked() else []
        return self.name.text().strip(), docs, self.speaker.currentText().strip() or None


class CasesPanel(QWidget):
    """Emits ``open_at(document, start, end)`` (start = end = 0: the whole document)."""

    open_at = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        # the documents chosen in Material (set by the window)
        self.chosen_documents: Callable[[], list[int]] = lambda: []
        self.titles: dict[int, str] = {}
        self.stale = False
        self.model = CasesModel(self)
        self.members_label = QLabel()
        self.members = QListWidget()
        speak_as(self.members, "Members of the case")
        self.members.itemActivated.connect(self._open_member)
        self.members.itemDoubleClicked.connect(self._open_member)
        self.table = QTableView()
        speak_as(self.table, "Cases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        share_the_width(self.table, [75, 25], least=40)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_members())
        self.table.doubleClicked.connect(lambda _i: self.members.setFocus())
        self.table.activated.connect(lambda _i: self.members.setFocus())
        keys: list[tuple[QKeySequence, Callable[[], object]]] = [
            (QKeySequence(QKeySequence.StandardKey.Delete), lambda: self.delete_case()),
            (QKeySequence(Qt.Key.Key_F2), lambda: self.rename_case())]
        for key, does in keys:
            shortcut = QShortcut(key, self.table)
            # only while the list has the keyboard (PySide ignores a context= argument: the
            # key would be the whole window's, and clash with another pane's Delete)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(does)
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (("add", lambda: self.add_case()), ("rename", lambda: self.rename_case()),
                           ("delete", lambda: self.delete_case()),
                           ("participants", self.from_participants),
                           ("segments", lambda: self.show_segments())):
            button = QPushButton()
            button.clicked.connect(slot)
            self.buttons[name] = button
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        below = QWidget()
        inner = QVBoxLayout(below)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.members_label)
        inner.addWidget(self.members, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        first, second = QHBoxLayout(), QHBoxLayout()
        for name in ("add", "rename", "delete"):
            first.addWidget(self.buttons[name])
        first.addStretch(1)
        for name in ("participants", "segments"):
            second.addWidget(self.buttons[name])
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(first)
        layout.addWidget(split, 1)
        layout.addLayout(second)

    def retranslate(self) -> None:
        for name, label in (("add", tr("New case…")), ("rename", tr("Rename…")),
                            ("delete", tr("Delete")),
                            ("participants", tr("Cases from participants")),
                            ("segments", tr("Coded segments…"))):
            self.buttons[name].setText(label)
        self.buttons["participants"].setToolTip(tr("Make one case per participant (those "
                                                   "that have none yet)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        self.show_members()

    # -- reading ----------------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        """Read the cases again, keeping the chosen one chosen."""
        keep = self.current_case()
        cases = self.project.cases.all() if self.project is not None else []
        self.model.set_cases(cases, self._members(cases))
        if keep is not None:
            self.choose(keep.name)
        self.show_members()
        self._enable()

    def _members(self, cases: list[Any]) -> dict[int, Members]:
        """Every case's members; a participant's documents are found by their pseudonym."""
        if self.project is None or not cases:
            return {}
        docs = self.project.documents()
        self.titles = {d.id: d.title for d in docs}
        by_person: dict[str, list[int]] = {}
        for d in docs:
            if d.participant:
                by_person.setdefault(d.participant, []).append(d.id)
        people = {p.id: p.pseudonym for p in self.project.participants()} \
            if any(c.participants for c in cases) else {}
        found = {}
        for case in cases:
            whole = set(case.documents)
            named = {people[p]: [d for d in by_person.get(people[p], []) if d not in whole]
                     for p in case.participants if p in people}
            found[case.id] = Members(list(case.documents), list(case.parts), named)
        return found

    def refresh_when_seen(self) -> None:
        """The cases changed: read them now if the pane can be seen, else once it is."""
        self.stale = True
        if showing(self):
            self.stale = False
            self.refresh()

    def current_case(self) -> Any:
        index = self.table.currentIndex()
        return self.model.cases[index.row()] if index.isValid() else None

    def choose(self, name: str) -> bool:
        for row, case in enumerate(self.model.cases):
            if case.name == name:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def show_members(self) -> None:
        """The chosen case's documents, parts and participants' documents, each openable."""
        self.members.clear()
        case = self.current_case()
        if case is None or self.project is None:
            self.members_label.setText(tr("Choose a case to see its documents and parts."))
            self._enable()
            return
        self.members_label.setText(tr("In {0}:").format(case.name))
        held = self.model.members.get(case.id, Members())
        for doc in held.documents:
            self._member(self.titles.get(doc, f"#{doc}"), (doc, None, None))
        for doc, start, end in held.parts:
            self._member(tr("{0}, characters {1}–{2}").format(
                self.titles.get(doc, f"#{doc}"), start, end), (doc, start, end))
        for person, docs in held.people.items():
            for doc in docs:
                self._member(tr("{0} (participant {1})").format(
                    self.titles.get(doc, f"#{doc}"), person), (doc, None, None))
        if not held.count():
            self.members.addItem(tr("(no documents yet)"))
        self._enable()

    def _member(self, label: str, ref: tuple[int, int | None, int | None]) -> None:
        item = QListWidgetItem(label)
        item.setData(MEMBER_ROLE, ref)
        self.members.addItem(item)

    def _open_member(self, item: QListWidgetItem) -> None:
        ref = item.data(MEMBER_ROLE)
        if ref:
            doc, start, end = ref
            self.open_at.emit(int(doc), int(start or 0), int(end or 0))

    def _enable(self) -> None:
        has = self.current_case() is not None
        for name in ("rename", "delete", "segments"):
            self.buttons[name].setEnabled(has)
        self.buttons["add"].setEnabled(self.project is not None)
        self.buttons["participants"].setEnabled(
            self.project is not None and bool(self.project.participants()))

    # -- changing (each one undo step) ------------------------------------------------------

    def _attempt(self, label: str, work: Callable[[], object]) -> bool:
        if self.project is None:
            return False
        try:
            with self.project.action(label):
                work()
        except FieldkitError as exc:
            QMessageBox.warning(self, tr("Cases"), str(exc))
            return False
        self.refresh()
        return True

    def speakers(self, documents: list[int]) -> list[str]:
        """The speakers of the chosen transcripts (what a case of one speaker's turns takes)."""
        found: dict[str, None] = {}
        if self.project is not None:
            for doc in documents[:50]:
                for turn in self.project.turns(doc):
                    found.setdefault(turn.speaker, None)
        return sorted(found, key=str.casefold)

    def add_case(self, values: tuple[str, list[int], str | None] | None = None) -> bool:
        """New case… (asks for the name, documents and speaker when ``values`` is None)."""
        if self.project is None:
            return False
        if values is None:
            chosen = self.chosen_documents()
            dialog = NewCaseDialog(chosen, self.speakers(chosen), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        name, documents, speaker = values
        project = self.project
        done = self._attempt(f"Add case {name}", lambda: project.cases.add(
            name, documents=documents, speaker=speaker))
        if done:
            self.choose(name)
        return done

    def rename_case(self, name: str | None = None) -> bool:
        case, project = self.current_case(), self.project
        if case is None or project is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(self, tr("Rename case"), tr("New name:"),
                                            text=case.name)
            if not ok or not name.strip():
                return False
        new = name.strip()
        done = self._attempt(f"Rename case {case.name}", lambda: project.cases.rename(case.id, new))
        if done:
            self.choose(new)
        return done

    def delete_case(self, ask: bool = True) -> bool:
        case, project = self.current_case(), self.project
        if case is None or project is None:
            return False
        if ask and QMessageBox.question(
                self, tr("Delete case"),
                tr("Delete the case {0}? Its documents stay; Undo brings the case back.")
                .format(case.name)) != QMessageBox.StandardButton.Yes:
            return False
        return self._attempt(f"Delete case {case.name}", lambda: project.cases.delete(case.id))

    def from_participants(self) -> bool:
        project = self.project
        if project is None:
            return False
        made: list[Any] = []
        done = self._attempt("Make cases from participants",
                             lambda: made.extend(project.cases.from_participants()))
        if done:
            show_status(self, ntr("%Ln case(s) made.", len(made)))
        return done

    def segment_ids(self) -> list[int]:
        """The codings that belong to the chosen case (in a document, a part or by person)."""
        case, project = self.current_case(), self.project
        if case is None or project is None:
            return []
        return sorted(cid for cid, cases in project.cases.coding_cases().items()
                      if case.id in cases)

    def show_segments(self) -> QDialog | None:
        """The chosen case's coded segments in a list; a double click opens one."""
        from fieldkit.gui.analysis_window import SegmentList

        case, project = self.current_case(), self.project
        if case is None or project is None:
            return None
        dialog = SegmentList(project, tr("Coded segments of {0}").format(case.name),
                             self.segment_ids(), lambda d, s, e: self.open_at.emit(d, s, e), self)
        dialog.open()
        return dialog
