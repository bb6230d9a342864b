"""The navigator dock: sites → visits → documents, a flat sortable list, people and cases.

Documents selected in either (a site or visit stands for the documents under it) go into a
document set from the context menu."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui import style
from fieldkit.gui.accessibility import pages_of, speak_as
from fieldkit.gui.headers import names_get_the_width, share_the_width
from fieldkit.gui.i18n import tr
from fieldkit.gui.set_menu import action_label, add_to_set
from fieldkit.gui.tree_model import REF_ROLE, Node, TreeModel
from fieldkit.project import Project
from fieldkit.storage.store import DocumentSummary

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
KIND_NAMES = {"fieldnote": "Fieldnote", "transcript": "Transcript", "photo": "Photo",
              "memo": "Memo", "esm": "ESM answer", "text": "Text", "recording": "Recording",
              "pdf": "PDF"}


_KIND_CACHE: dict[tuple[str, str], str] = {}
FIRST_OPEN_ROWS = 100  # a first opening opens no node with more rows than this
INDENT = 14  # pixels per level of the material tree (Qt's 20 cost a name 18 at a document)


def kind_name(kind: str) -> str:
    """The kind of a document in the interface language (cached: lists call this a lot)."""
    from fieldkit.gui.i18n import current_language

    key = (current_language(), kind)
    if key not in _KIND_CACHE:
        _KIND_CACHE[key] = tr(KIND_NAMES.get(kind, kind))
    return _KIND_CACHE[key]


def build_tree(project: Project, docs: list[DocumentSummary]) -> Node:
    """The navigator tree from facade data. Only the groups are made here, with their counts:
    the documents under a site, visit, participant or case are made when it is first opened
    (a big study has thousands; the window must open at once)."""
    root = Node("")
    by_site: dict[str | None, dict[str | None, list[DocumentSummary]]] = {}
    for d in docs:
        by_site.setdefault(d.site, {}).setdefault(d.visit, []).append(d)
    sites = root.add(Node(tr("Sites"), icon=style.kind_icon("group")))
    site_rows = {s.name: s for s in project.sites()}
    for name in sorted(by_site, key=lambda s: (s is None, (s or "").casefold())):
        visits = by_site[name]
        sites.add(Node(name or tr("(no site)"), icon=style.kind_icon("site"),
                       ref=("site", site_rows[name].id) if name in site_rows else None,
                       tooltip=site_rows[name].description if name in site_rows else "",
                       count=sum(d.codings for v in visits.values() for d in v),
                       later=partial(_site_children, visits),
                       rows=len(visits) - (None in visits) + len(visits.get(None, []))))
    sites.count = sum(s.count or 0 for s in sites.children)
    by_person: dict[str, list[DocumentSummary]] = {}
    for d in docs:
        if d.participant:
            by_person.setdefault(d.participant, []).append(d)
    people = root.add(Node(tr("Participants"), icon=style.kind_icon("group")))
    for p in project.participants():
        attrs = {"role": p.role, **(p.attributes or {})}
        tip = "\n".join(f"{k}: {v}" for k, v in attrs.items() if v not in (None, ""))
        people.add(Node(p.pseudonym, ref=("participant", p.id), tooltip=tip,
                        icon=style.kind_icon("participant"),
                        later=partial(_facts_and_documents, attrs,
                                      by_person.get(p.pseudonym, []))))
    cases = root.add(Node(tr("Cases"), icon=style.kind_icon("group")))
    for case in project.cases():
        cases.add(Node(case.name, ref=("case", case.id), icon=style.kind_icon("case"),
                       tooltip=case.description,
                       later=partial(_case_children, project, case.id,
                                     dict(case.attributes or {}), docs)))
    return root


def _site_children(visits: dict[str | None, list[DocumentSummary]]) -> list[Node]:
    """A site's visits (their documents made when each is opened) and its undated documents."""
    out: list[Node] = []
    for date in sorted(visits, key=lambda v: (v is None, v or "")):
        ordered = sorted(visits[date], key=lambda d: (d.kind, d.title.casefold()))
        if date is None:
            out += _doc_nodes(ordered)
        else:
            out.append(Node(date, icon=style.kind_icon("visit"),
                            count=sum(d.codings for d in ordered),
                            later=partial(_doc_nodes, ordered)))
    return out


def _facts_and_documents(facts: dict[str, object], docs: list[DocumentSummary]) -> list[Node]:
    """A participant's or case's facts ("role: operator"), then its documents."""
    return [Node(f"{key}: {value}") for key, value in facts.items()
            if value not in (None, "")] + _doc_nodes(docs)


def _case_children(project: Project, case_id: int, facts: dict[str, object],
                   docs: list[DocumentSummary]) -> list[Node]:
    members = set(project.case_documents(case_id))
    return _facts_and_documents(facts, [d for d in docs if d.id in members])


def _doc_nodes(docs: list[DocumentSummary]) -> list[Node]:
    """Nodes for documents side by side; where one name is used by documents of different
    kinds (a recording "talk" and its transcript "talk") each says its kind, "talk
    (transcript)", so the two are told apart by eye and by a screen reader alike."""
    kinds: dict[str, set[str]] = {}
    for d in docs:
        kinds.setdefault(d.title.casefold(), set()).add(d.kind)
    return [_doc_node(d, with_kind=len(kinds[d.title.casefold()]) > 1) for d in docs]


def _doc_node(d: DocumentSummary, *, with_kind: bool = False) -> Node:
    label = tr("{name} ({kind})").format(name=d.title, kind=_in_a_sentence(kind_name(d.kind))) \
        if with_kind else d.title
    # the whole name first: a narrow pane shortens it in the middle
    tip = f"{label}\n{kind_name(d.kind)} · {d.chars:,} " + tr("characters")
    if d.participant:
        tip += f" · {d.participant}"
    return Node(label, ref=("document", d.id), icon=style.kind_icon(d.kind),
                count=d.codings or None, tooltip=tip)


def _in_a_sentence(word: str) -> str:
    """A kind's name inside a phrase: "transcript", but "ESM answer" keeps its capitals."""
    return word[:1].lower() + word[1:] if word[1:2].islower() else word


class DocumentListModel(QAbstractTableModel):
    """The flat document list: title, kind, site, visit, participant, codings."""

    COLUMNS = ("Title", "Kind", "Site", "Visit", "Participant", "Codings")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.docs: list[DocumentSummary] = []

    def set_documents(self, docs: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self.docs = docs
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.docs)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.docs[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = (d.title, kind_name(d.kind), d.site or "", d.visit or "",
                      d.participant or "", d.codings)
            value = values[col]
            return value if role == Qt.ItemDataRole.EditRole else str(value)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return style.kind_icon(d.kind)
        if role == REF_ROLE:
            return ("document", d.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return None


class NavigatorPanel(QWidget):
    """Tree and list of the project's material; activating a document opens it."""

    open_document = Signal(int)
    attach_recording = Signal(int)  # a transcript without its recording: choose the file
    new_case = Signal()  # a case of the selected documents is asked for (the Cases pane makes it)
    transcribe_recording = Signal(int)  # a recording: choose a speech model, transcribe

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.tree_model = TreeModel((tr("Material"), tr("Codings")), self)
        self.list_model = DocumentListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.list_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)

        self.tree = QTreeView()
        speak_as(self.tree, "Material by site and visit")
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        # names keep their start and end ("ESM Ahm…02-17" tells the days apart, where "ESM
        # Ahm…" did not) and a shallower indent leaves them more room in a narrow pane
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setIndentation(INDENT)
        names_get_the_width(self.tree, 2)
        self.tree.activated.connect(self._activated)
        self.tree.doubleClicked.connect(self._activated)

        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        speak_as(self.table, "All documents")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Title, Kind, Site, Visit, Participant, Codings: the title gets the room in a narrow pane
        share_the_width(self.table, [44, 11, 15, 12, 11, 7], least=40, drop=[4, 3, 1])
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        for view in (self.tree, self.table):
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._menu)
        flat = QWidget()
        fl = QVBoxLayout(flat)
        fl.setContentsMargins(0, 4, 0, 0)
        fl.addWidget(self.filter)
        fl.addWidget(self.table)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.tree, "")
        self.tabs.addTab(flat, "")
        speak_as(pages_of(self.tabs), "Material")  # not "layered pane"
        # both tabs stay in sight in a narrow pane, shortened if need be, never behind arrows
        self.tabs.tabBar().setUsesScrollButtons(False)
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        self._docs: list[DocumentSummary] = []
        self._list_stale = True
        self.tabs.currentChanged.connect(self._fill_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.retranslate()

    def focus_target(self) -> QWidget:
        """Where the keyboard goes when the researcher jumps to Material (Alt+1)."""
        view = self.tree if self.tabs.currentIndex() == 0 else self.table
        if not view.currentIndex().isValid() and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))
        return view

    def retranslate(self) -> None:
        for tab, label in enumerate((tr("By site"), tr("All documents"))):
            self.tabs.setTabText(tab, label)
            self.tabs.setTabToolTip(tab, label)
        self.filter.setPlaceholderText(tr("Filter documents…"))
        self.tree_model.headers = (tr("Material"), tr("Codings"))
        self.tree_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        self.list_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        if self.project is None:
            self._docs = []
            self.tree_model.set_root(Node(""))
            self.list_model.set_documents([])
            return
        expanded = self._expanded_labels()
        self._docs = self.project.documents()
        self.tree_model.set_root(build_tree(self.project, self._docs))
        self._restore_expanded(expanded)
        self._list_stale = True
        self._fill_list()

    def _fill_list(self, *_: object) -> None:
        # the flat list (thousands of ESM answers in a big study) is filled when first shown
        if self._list_stale and self.tabs.currentIndex() == 1:
            self.list_model.set_documents(self._docs)
            self._list_stale = False

    def _expanded_labels(self) -> set[tuple[str, ...]]:
        out: set[tuple[str, ...]] = set()

        def walk(parent: QModelIndex, path: tuple[str, ...]) -> None:
            for row in range(self.tree_model.rowCount(parent)):
                idx = self.tree_model.index(row, 0, parent)
                if self.tree.isExpanded(idx):
                    key = (*path, self._part(idx, row))
                    out.add(key)
                    walk(idx, key)

        walk(QModelIndex(), ())
        return out

    def _part(self, idx: QModelIndex, row: int) -> str:
        # groups ("Sites", "Locaties") are named in the interface language: known by place,
        # so a language switch keeps them open
        return self.tree_model.node(idx).label if idx.data(REF_ROLE) is not None else f"#{row}"

    def _restore_expanded(self, expanded: set[tuple[str, ...]]) -> None:
        first = not expanded

        def walk(parent: QModelIndex, path: tuple[str, ...], depth: int) -> None:
            rows = self.tree_model.rowCount(parent)
            if first:  # a first opening shows the first three groups two levels deep
                rows = min(rows, 3) if depth < 2 else 0
            for row in range(rows):
                idx = self.tree_model.index(row, 0, parent)
                key = (*path, self._part(idx, row))
                if key in expanded or (first and depth < 2 and row < 3
                                       and self._small(idx)):
                    self.tree.setExpanded(idx, True)
                    walk(idx, key, depth + 1)

        walk(QModelIndex(), (), 0)

    def _small(self, idx: QModelIndex) -> bool:
        """Whether a node is small enough to open by itself on a first opening: a site with a
        thousand undated ESM answers, or the participants of a study of hundreds, stays
        closed (making and laying out their rows would cost the window's start a tenth of a
        second); the researcher opens it."""
        rows = self.tree_model.node(idx).row_count()
        return rows is None or rows <= FIRST_OPEN_ROWS

    def selected_documents(self) -> list[int]:
        """The documents selected in the view in front; a group counts as all under it."""
        view = self.tree if self.tabs.currentIndex() == 0 else self.table
        found: dict[int, None] = {}

        def take(idx: QModelIndex) -> None:
            ref = idx.data(REF_ROLE)
            if ref and ref[0] == "document":
                found[ref[1]] = None
            model = idx.model()
            for row in range(model.rowCount(idx)):
                take(model.index(row, 0, idx))

        for idx in view.selectionModel().selectedRows(0):
            take(idx)
        return list(found)

    def add_to_set(self, name: str | None = None) -> Any:
        """Put the selected documents in a document set (asked for when ``name`` is None)."""
        if self.project is None:
            return None
        return add_to_set(self, self.project, "documents", self.selected_documents(), name)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        chosen = bool(self.selected_documents())
        action = menu.addAction(action_label("documents"), lambda: self.add_to_set())
        action.setEnabled(chosen)
        case = menu.addAction(tr("New case of these documents…"), self.new_case.emit)
        case.setEnabled(chosen)
        recording = self.one_of_kind("recording")
        transcribe = menu.addAction(tr("Transcribe…"),
                                    lambda: self.transcribe_recording.emit(recording))
        transcribe.setEnabled(recording is not None)
        lone = self.lone_transcript()
        attach = menu.addAction(tr("Attach recording…"),
                                lambda: self.attach_recording.emit(lone))
        attach.setEnabled(lone is not None)
        return menu

    def one_of_kind(self, kind: str) -> int | None:
        """The one document selected when it is of ``kind``."""
        chosen = self.selected_documents()
        if self.project is None or len(chosen) != 1:
            return None
        found = next((d.kind for d in self._docs if d.id == chosen[0]), None)
        return chosen[0] if found == kind else None

    def lone_transcript(self) -> int | None:
        """The one document selected when it is a transcript without its recording."""
        chosen = self.selected_documents()
        if self.project is None or len(chosen) != 1:
            return None
        kind = next((d.kind for d in self._docs if d.id == chosen[0]), None)
        if kind != "transcript" or self.project.recordings.has_recording(chosen[0]):
            return None
        return chosen[0]

    def _menu(self, pos: QPoint) -> None:
        view = self.tree if self.tabs.currentIndex() == 0 else self.table
        self.context_menu().exec(view.viewport().mapToGlobal(pos))

    def _activated(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if ref and ref[0] == "document":
            self.open_document.emit(ref[1])
