"""The main window: navigator, open documents, codebook and search around one project."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.changes import ChangeSet
from fieldkit.core.errors import FieldkitError, NotFound
from fieldkit.core.model import Coding
from fieldkit.core.progress import Progress
from fieldkit.gui import (
    accessibility,
    i18n,
    keyboard_menus,
    settings,
    style,
    window_layout,
    zoom,
)
from fieldkit.gui.bridge import ProjectBridge
from fieldkit.gui.change_labels import shown
from fieldkit.gui.codebook_panel import CodebookPanel
from fieldkit.gui.coding import CodingActions
from fieldkit.gui.document_tab import DocumentTab
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.import_dialog import ImportDialog, local_files
from fieldkit.gui.navigator import NavigatorPanel
from fieldkit.gui.note_window import NoteWindow
from fieldkit.gui.project_choice import ask_new_project, ask_open_project, open_project
from fieldkit.gui.runner import JobRunner, show_status
from fieldkit.gui.search_panel import SearchPanel
from fieldkit.gui.segments_panel import SegmentsPanel
from fieldkit.gui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from fieldkit.gui.team_sync import TeamIndicator, TeamSync
from fieldkit.gui.text_view import Mark, snap_words_on
from fieldkit.project import Project

# action name → (label, shortcuts)
ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "new_project": ("&New project…", ("Ctrl+Shift+N",)),
    "open_project": ("&Open project…", ("Ctrl+O",)),
    "import": ("&Import files…", ("Ctrl+I",)),
    "quick_note": ("&Quick note", ("Ctrl+Alt+N", "F9")),
    "close_tab": ("&Close document", ("Ctrl+W",)),
    "quit": ("&Quit", ("Ctrl+Q",)),
    "undo": ("&Undo", ("Ctrl+Z",)),
    "redo": ("&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    "quick_code": ("&Quick code…", ("Ctrl+K", "Ctrl+Space")),
    "repeat_code": ("&Repeat last code", ("Ctrl+R",)),
    "in_vivo": ("Code &in vivo", ("Ctrl+Shift+V",)),
    "new_code": ("&New code…", ("Ctrl+Shift+K",)),
    "find_code": ("&Find a code", ("Ctrl+Shift+F",)),
    "search": ("&Search", ("Ctrl+F",)),
    "next_tab": ("Next document", ("Ctrl+Tab",)),
    "prev_tab": ("Previous document", ("Ctrl+Shift+Tab",)),
    "show_all_codes": ("Show &all codes", ()),
    "set_coder": ("Set &coder name…", ()),
    "shortcuts": ("&Keyboard shortcuts", ("F1",)),
    "query_help": ("How to write a &query", ()),
    "about": ("&About fieldkit", ()),
    "agreement": ("Coder &agreement…", ()),
    "suggestions": ("Suggested codings…", ()),
    "segments": ("Coded &segments", ("Ctrl+Shift+S",)),
    "analysis": ("&Analysis: relations, matrices, queries, memos…", ("Ctrl+Shift+A",)),
    "export": ("&Export…", ("Ctrl+E",)),
    "export_docx": ("Coded segments as &Word (.docx)…", ()),
    "export_xlsx": ("Tables as &Excel (.xlsx)…", ()),
    "export_qdpx": ("Project as &REFI-QDA (.qdpx)…", ()),
    "check": ("&Check the project", ()),
    "team": ("&Team…", ()),
    "sync_now": ("S&ync now", ("F5",)),
    "restore_backup": ("Restore from &backup…", ()),
    "reset_layout": ("&Reset layout", ()),
    "zoom_in": ("Zoom &in", ("Ctrl++", "Ctrl+=")),
    "zoom_out": ("Zoom &out", ("Ctrl+-",)),
    "zoom_reset": ("&Actual size", ("Ctrl+0",)),
    "snap_words": ("Snap selections to whole &words", ()),
    "focus_material": ("Go to &Material", ("Alt+1",)),
    "focus_codebook": ("Go to the &codebook", ("Alt+2",)),
    "focus_search": ("Go to the &search box", ("Alt+3",)),
    "focus_document": ("Go to the &document", ("Alt+4",)),
}
CODE_KEYS = tuple(f"Ctrl+{n}" for n in range(1, 10))


class MainWindow(QMainWindow):
    def __init__(self, project: Project | None = None) -> None:
        super().__init__()
        keyboard_menus.install()
        accessibility.install()
        zoom.apply()
        self.setWindowIcon(style.app_icon())
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.project: Project | None = None
        self.bridge: ProjectBridge | None = None
        self.runner = JobRunner(self)
        self.coding = CodingActions(self)
        self.note_windows: list[NoteWindow] = []
        self.suggestions_dock: QDockWidget | None = None
        self.analysis_window: Any = None
        # False for a window shown only to take a screenshot: its size and documents are not
        # the researcher's, so closing it must not replace their remembered layout
        self.remember_session = True
        self.coder_filter: str | None = None
        self._codes: dict[int, Any] = {}
        self._paths: dict[int, str] = {}
        self._coders: dict[int, str] = {}

        self._stale: set[str] = set()
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(120)
        self._panel_timer.timeout.connect(self.refresh_panels)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.welcome = QLabel()
        self.welcome.setObjectName("hint")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.tabs)
        cl.addWidget(self.welcome)
        self.setCentralWidget(central)
        self.tabs.currentChanged.connect(self._tabs_changed)

        self.navigator = NavigatorPanel()
        self.navigator.open_document.connect(self.open_document)
        self.codebook = CodebookPanel()
        self.codebook.apply_code.connect(self.coding.apply)
        self.codebook.model.visibility_changed.connect(self._refresh_marks)
        self.codebook.keys_changed.connect(self._save_keys)
        self.codebook.new_code_requested.connect(self.coding.new_code)
        self.search = SearchPanel()
        self.search.open_hit.connect(self.open_hit)
        self.search.code_all.connect(self.coding.code_hits)
        self.segments = SegmentsPanel()
        self.segments.runner = self.runner
        self.segments.selection_in = self._selection_in
        self.segments.open_segment.connect(self.open_coding)
        self.codebook.open_segments.connect(lambda code_id: self.show_segments([code_id]))
        self.nav_dock = self._dock("navigator", self.navigator,
                                   Qt.DockWidgetArea.LeftDockWidgetArea)
        self.code_dock = self._dock("codebook", self.codebook,
                                    Qt.DockWidgetArea.RightDockWidgetArea)
        self.search_dock = self._dock("search", self.search,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.segments_dock = self._dock("segments", self.segments,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.search_dock, self.segments_dock)
        self.search_dock.raise_()
        self.segments_dock.visibilityChanged.connect(self._segments_shown)

        self.actions_: dict[str, QAction] = {}
        for name, (_label, keys) in ACTIONS.items():
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut
                                      if name == "quick_note"
                                      else Qt.ShortcutContext.WindowShortcut)
            self.actions_[name] = action
            self.addAction(action)
        self.code_key_actions: list[QAction] = []
        for n, key in enumerate(CODE_KEYS):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, k=key: self.apply_key(k))
            self.addAction(action)
            self.code_key_actions.append(action)
            del n
        self._connect_actions()
        self.undo_status = QLabel()
        self.coder_status = QLabel()
        self.team_sync: TeamSync | None = None
        self.team_indicator = TeamIndicator()
        self.team_indicator.hide()
        self.statusBar().addPermanentWidget(self.team_indicator)
        self.statusBar().addPermanentWidget(self.undo_status)
        self.statusBar().addPermanentWidget(self.coder_status)
        self.language_group = QActionGroup(self)
        self.retranslate()
        self.resize(1440, 900)
        self._laid_out = False
        window_layout.default_layout(self)
        window_layout.restore(self)
        self.pane_keeper = window_layout.PaneKeeper(self)
        if project is not None:
            self.set_project(project)
        else:
            self._update_title()

    # -- building ---------------------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setProperty("home", int(area.value))  # where View → Reset layout puts it back
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _connect_actions(self) -> None:
        a = self.actions_
        a["new_project"].triggered.connect(self.new_project_dialog)
        a["open_project"].triggered.connect(self.open_project_dialog)
        a["import"].triggered.connect(lambda: self.import_dialog())
        a["quick_note"].triggered.connect(lambda: self.quick_note())
        a["close_tab"].triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(self.undo)
        a["redo"].triggered.connect(self.redo)
        a["quick_code"].triggered.connect(self.coding.quick_code)
        a["repeat_code"].triggered.connect(self.coding.repeat_last)
        a["in_vivo"].triggered.connect(self.coding.in_vivo)
        a["new_code"].triggered.connect(lambda: self.coding.new_code(None))
        a["find_code"].triggered.connect(self._find_code)
        a["search"].triggered.connect(self._focus_search)
        a["next_tab"].triggered.connect(lambda: self._step_tab(1))
        a["prev_tab"].triggered.connect(lambda: self._step_tab(-1))
        a["show_all_codes"].triggered.connect(self.codebook.show_all)
        a["set_coder"].triggered.connect(self.set_coder_dialog)
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        a["query_help"].triggered.connect(self.search.show_help)
        a["about"].triggered.connect(self.about)
        a["agreement"].triggered.connect(self.show_agreement)
        a["suggestions"].triggered.connect(self.show_suggestions)
        a["segments"].triggered.connect(lambda: self.show_segments())
        a["analysis"].triggered.connect(lambda: self.show_analysis())
        a["export"].triggered.connect(lambda: self.export_dialog())
        a["export_docx"].triggered.connect(lambda: self.export("docx"))
        a["export_xlsx"].triggered.connect(lambda: self.export("xlsx"))
        a["export_qdpx"].triggered.connect(lambda: self.export("qdpx"))
        a["check"].triggered.connect(self.check_project)
        a["team"].triggered.connect(self.team_dialog)
        a["sync_now"].triggered.connect(self.sync_now)
        a["restore_backup"].triggered.connect(self.restore_backup_dialog)
        a["reset_layout"].triggered.connect(self.reset_layout)
        a["zoom_in"].triggered.connect(zoom.zoom_in)
        a["zoom_out"].triggered.connect(zoom.zoom_out)
        a["zoom_reset"].triggered.connect(zoom.reset)
        a["snap_words"].setCheckable(True)
        a["snap_words"].setChecked(snap_words_on())
        a["snap_words"].toggled.connect(
            lambda on: settings.put("coding/snap_words", "true" if on else "false"))
        a["focus_material"].triggered.connect(lambda: self.focus_pane(self.nav_dock))
        a["focus_codebook"].triggered.connect(lambda: self.focus_pane(self.code_dock))
        a["focus_search"].triggered.connect(self._focus_search)
        a["focus_document"].triggered.connect(self.focus_document)

    def retranslate(self) -> None:
        """(Re)label everything in the current language and rebuild the menus."""
        for name, (label, _keys) in ACTIONS.items():
            self.actions_[name].setText(tr(label))
        self.nav_dock.setWindowTitle(tr("Material"))
        self.code_dock.setWindowTitle(tr("Codebook"))
        self.search_dock.setWindowTitle(tr("Search"))
        self.segments_dock.setWindowTitle(tr("Coded segments"))
        self.welcome.setText(tr("Open a document from the Material list on the left, "
                                "or press F9 for a quick note."))
        self.navigator.retranslate()
        self.codebook.retranslate()
        self.search.retranslate()
        self.segments.retranslate()
        if self.analysis_window is not None:
            self.analysis_window.retranslate()
        if self.suggestions_dock is not None:
            self.suggestions_dock.setWindowTitle(tr("Suggested codings"))
            self.suggestions_dock.widget().retranslate()  # type: ignore[attr-defined]
        for w in self.note_windows:
            w.retranslate()
        self._build_menus()
        self._update_undo()
        self._update_title()
        self.show_team_status()
        if self.project is not None:
            self.navigator.refresh()
            for i in range(self.tabs.count()):
                tab = self.tabs.widget(i)
                if isinstance(tab, DocumentTab):
                    tab._meta()
        accessibility.rename_all(self)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        # the old menus belong to the bar: without this each rebuild (language, coders) leaves
        # a hidden set of menus behind in the old language
        for old in bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
            old.setParent(None)  # type: ignore[call-overload]
            old.deleteLater()
        bar.clear()
        a = self.actions_
        m = bar.addMenu(tr("&File"))
        m.addAction(a["new_project"])
        m.addAction(a["open_project"])
        recent = m.addMenu(tr("Open &recent"))
        for path in settings.recent_projects():
            recent.addAction(Path(path).name, partial(self.open_path, path)).setToolTip(path)
        recent.setEnabled(bool(recent.actions()))
        m.addSeparator()
        m.addAction(a["quick_note"])
        m.addAction(a["import"])
        m.addAction(a["export"])
        export = m.addMenu(tr("Export &as"))
        for kind in ("docx", "xlsx", "qdpx"):
            export.addAction(a[f"export_{kind}"])
        m.addSeparator()
        m.addAction(a["team"])
        m.addAction(a["sync_now"])
        m.addSeparator()
        m.addAction(a["check"])
        m.addAction(a["restore_backup"])
        m.addAction(a["close_tab"])
        m.addAction(a["quit"])
        m = bar.addMenu(tr("&Edit"))
        m.addAction(a["undo"])
        m.addAction(a["redo"])
        m.addSeparator()
        m.addAction(a["set_coder"])
        m = bar.addMenu(tr("&Coding"))
        for name in ("quick_code", "repeat_code", "in_vivo", "new_code", "find_code"):
            m.addAction(a[name])
        m.addAction(a["snap_words"])
        m.addSeparator()
        m.addAction(a["segments"])
        m.addAction(a["agreement"])
        m.addAction(a["suggestions"])
        m.addAction(a["analysis"])
        m = bar.addMenu(tr("&View"))
        m.addAction(a["search"])
        m.addAction(a["show_all_codes"])
        coders = m.addMenu(tr("Show codings &by"))
        group = QActionGroup(coders)
        everyone = coders.addAction(tr("Every coder"), lambda: self.set_coder_filter(None))
        everyone.setCheckable(True)
        everyone.setChecked(self.coder_filter is None)
        group.addAction(everyone)
        if self.project is not None:
            for coder in self.project.coders():
                act = coders.addAction(coder.name, partial(self.set_coder_filter, coder.name))
                act.setCheckable(True)
                act.setChecked(self.coder_filter == coder.name)
                group.addAction(act)
        m.addSeparator()
        panes = m.addMenu(tr("&Panes"))
        for dock in self.all_docks():
            panes.addAction(dock.toggleViewAction())
        if self.suggestions_dock is None and self.project is not None:
            panes.addAction(tr("Suggested codings"), self.show_suggestions)
        m.addAction(a["reset_layout"])
        for name in ("zoom_in", "zoom_out", "zoom_reset"):
            m.addAction(a[name])
        m.addSeparator()
        for name in ("focus_material", "focus_codebook", "focus_search", "focus_document",
                     "next_tab", "prev_tab"):
            m.addAction(a[name])
        lang = m.addMenu(tr("&Language"))
        chosen = settings.get("language") or ""
        for code, label in (("", tr("Follow the system")), ("en", "English"),
                            ("nl", "Nederlands")):
            act = lang.addAction(label, partial(self.set_language, code or None))
            act.setCheckable(True)
            act.setChecked(chosen == code)
        m = bar.addMenu(tr("&Help"))
        m.addAction(a["shortcuts"])
        m.addAction(a["query_help"])
        m.addAction(a["about"])

    # -- project ----------------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self._save_open_documents()
        self.stop_team()
        self.close_all_tabs()
        if self.bridge is not None:
            self.bridge.detach()
            self.bridge = None
        if self.suggestions_dock is not None:  # it belongs to the previous project
            self.removeDockWidget(self.suggestions_dock)
            self.suggestions_dock.setParent(None)  # type: ignore[call-overload]
            self.suggestions_dock.deleteLater()
            self.suggestions_dock = None
        if self.project is not None and self.project is not project:
            self.project.close()
        self.project = project
        if self.analysis_window is not None:
            self.analysis_window.set_project(project)
        self.coding.last_code = None
        self.coder_filter = None
        if project is not None:
            self.bridge = ProjectBridge(project, self)
            self.bridge.changed.connect(self.on_change)
            settings.remember_project(str(project.path))
            if project.backup_warning:
                show_status(self, tr("The automatic backup failed: {0}").format(
                    project.backup_warning), 15000)
        self._reload_lookups()
        self.navigator.set_project(project)
        self.codebook.set_project(project)
        self.search.set_project(project)
        self.segments.set_project(project)
        self._load_keys()
        self._build_menus()
        self._update_title()
        self._update_undo()
        if project is not None:
            for doc_id in self._remembered_documents():
                self.open_document(doc_id)
        self._tabs_changed()
        self.start_team()

    def open_path(self, path: str) -> bool:
        project = open_project(self, path)
        if project is not None:
            self.set_project(project)
        return project is not None

    def open_project_dialog(self) -> None:
        project = ask_open_project(self)
        if project is not None:
            self.set_project(project)

    def new_project_dialog(self) -> None:
        project = ask_new_project(self)
        if project is not None:
            self.set_project(project)

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle("fieldkit")
        else:
            self.setWindowTitle(f"{self.project.name} — fieldkit")
            self.coder_status.setText(tr("Coder: {0}").format(self.project.coder))

    def set_coder_dialog(self) -> None:
        if self.project is None:
            return
        name, ok = QInputDialog.getText(self, tr("Coder"), tr("Your name as coder:"),
                                        text=self.project.coder)
        if ok and name.strip():
            try:
                self.project.set_coder(name)
            except FieldkitError as exc:
                QMessageBox.warning(self, tr("Coder"), str(exc))
            self._update_title()

    # -- changes ----------------------------------------------------------------------------

    def on_change(self, changes: ChangeSet) -> None:
        """Refresh only what a change set touched."""
        tables = changes.tables
        if "codes" in tables or "coders" in tables:
            self._reload_lookups()
        docs_touched: set[int] = set()
        for change in changes.changes:
            if change.table == "codings":
                for row in (change.before, change.after):
                    if row and row.get("document_id") is not None:
                        docs_touched.add(int(row["document_id"]))
        # the text repaints first; counts in the side panels follow a moment later, once
        if tables & {"codes", "codings"}:
            self._stale.add("codebook")
        if tables & {"documents", "codings", "sites", "visits", "participants", "cases",
                     "case_members"}:
            self._stale.add("navigator")
        if tables & {"codes", "codings", "coders", "documents", "sites", "visits"}:
            self._stale.add("segments")
        if tables & {"codes", "coders", "documents", "sites", "visits"}:
            self._stale.add("segment choices")
        if self._stale:
            self._panel_timer.start()
        if self.analysis_window is not None:
            self.analysis_window.on_change()
        changed_docs = changes.keys("documents")
        for i in reversed(range(self.tabs.count())):
            tab = self.tabs.widget(i)
            if not isinstance(tab, DocumentTab):
                continue
            if tab.doc_id in changed_docs:
                try:
                    tab.reload()
                except FieldkitError:
                    self.close_tab(i)
                    continue
            elif "codes" in tables or tab.doc_id in docs_touched:
                tab.refresh_codings(self.hidden_codes())
        for w in self.note_windows:
            if w.doc_id in changed_docs:
                w.reload_if_changed()
        if "coders" in tables:
            self._build_menus()
        self._update_undo()
        if self.team_sync is not None:
            self.team_sync.local_change()

    def refresh_panels(self) -> None:
        """Bring the codebook and navigator counts up to date (after a change)."""
        self._panel_timer.stop()
        stale, self._stale = self._stale, set()
        if self.project is None:
            return
        if "codebook" in stale:
            self.codebook.refresh()
        if "navigator" in stale:
            self.navigator.refresh()
        if "segments" in stale:
            if self.segments_dock.isVisible():
                if "segment choices" in stale:
                    self.segments.refresh_lookups()
                self.segments.refresh()
            else:  # brought up to date when it is next shown
                self._stale |= stale & {"segments", "segment choices"}

    def _reload_lookups(self) -> None:
        if self.project is None:
            self._codes, self._paths, self._coders = {}, {}, {}
            return
        book = self.project.codebook()
        self._codes = dict(book.codes)
        self._paths = {cid: book.path(cid) for cid in book.codes}
        self._coders = {c.id: c.name for c in self.project.coders()}

    def hidden_codes(self) -> list[int]:
        return sorted(self.codebook.model.hidden)

    def make_mark(self, coding: Coding, hidden: list[int]) -> Mark | None:
        """How a coding is drawn, or None when its code or coder is hidden."""
        code = self._codes.get(coding.code_id)
        if code is None or coding.code_id in hidden or coding.orphaned:
            return None
        coder = self._coders.get(coding.coder_id)
        if coder is None and self.project is not None:
            self._coders = {c.id: c.name for c in self.project.coders()}
            coder = self._coders.get(coding.coder_id, "?")
        if self.coder_filter is not None and coder != self.coder_filter:
            return None
        return Mark(coding, 0, 0, code.colour, code.name, self._paths[code.id], coder or "?")

    def _refresh_marks(self) -> None:
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, DocumentTab):
                tab.refresh_codings(self.hidden_codes())

    def set_coder_filter(self, coder: str | None) -> None:
        self.coder_filter = coder
        self._refresh_marks()

    def undo(self) -> None:
        if self.project is None:
            return
        self.codebook.save_details()
        done = self.project.undo()
        show_status(self, tr("Undone: {0}").format(shown(done.label)) if done
                    else tr("Nothing to undo."))
        self._update_undo()

    def redo(self) -> None:
        if self.project is None:
            return
        done = self.project.redo()
        show_status(self, tr("Redone: {0}").format(shown(done.label)) if done
                    else tr("Nothing to redo."))
        self._update_undo()

    def _update_undo(self) -> None:
        undo = self.project.undo_label() if self.project else None
        redo = self.project.redo_label() if self.project else None
        undo, redo = (shown(x) if x else None for x in (undo, redo))
        self.actions_["undo"].setText(tr("&Undo {0}").format(undo) if undo else tr("&Undo"))
        self.actions_["redo"].setText(tr("&Redo {0}").format(redo) if redo else tr("&Redo"))
        self.actions_["undo"].setEnabled(bool(undo))
        self.actions_["redo"].setEnabled(bool(redo))
        self.undo_status.setText(tr("Last change: {0}").format(undo) if undo else "")

    # -- documents --------------------------------------------------------------------------

    def current_tab(self) -> DocumentTab | None:
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, DocumentTab) else None

    def open_document(self, doc_id: int) -> DocumentTab | None:
        if self.project is None:
            return None
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, DocumentTab) and tab.doc_id == doc_id:
                self.tabs.setCurrentIndex(i)
                return tab
        try:
            tab = DocumentTab(self.project, doc_id, self.make_mark, self.hidden_codes())
        except FieldkitError as exc:
            show_status(self, str(exc))
            return None
        assert tab.doc is not None
        # "&&": a single "&" would turn "Zuivel & Zo" into a keyboard mnemonic
        label = _short(tab.doc.title).replace("&", "&&")
        index = self.tabs.addTab(tab, style.kind_icon(tab.doc.kind), label)
        self.tabs.setTabToolTip(index, tab.doc.title)
        self.tabs.setCurrentIndex(index)
        tv = tab.text_view
        if tv is not None:
            tv.code_dropped.connect(self.coding.apply_many)
            tv.remove_coding.connect(self.coding.remove)
            tv.memo_coding.connect(self.coding.edit_memo)
            tv.quick_code.connect(self.coding.quick_code)
            tv.in_vivo.connect(self.coding.in_vivo)
            tv.code_with.connect(self.coding.apply_path)
            tv.recent_codes = lambda: list(self.coding.recent)
            tv.setFocus()
        if tab.photo_view is not None:
            tab.photo_view.region_drawn.connect(lambda r, d=doc_id: self.coding.code_region(d, r))
            tab.photo_view.remove_coding.connect(self.coding.remove)
        return tab

    def close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is not None:
            self.tabs.removeTab(index)
            tab.deleteLater()

    def close_all_tabs(self) -> None:
        while self.tabs.count():
            self.close_tab(0)

    def _step_tab(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _tabs_changed(self, *_: object) -> None:
        has = self.tabs.count() > 0
        self.tabs.setVisible(has)
        self.welcome.setVisible(not has)
        tab = self.current_tab()
        if tab is not None and self.suggestions_dock is not None:
            self.suggestions_dock.widget().follow(tab.doc_id)  # type: ignore[attr-defined]

    def open_hit(self, hit: Any) -> None:
        if self.project is None:
            return
        if getattr(hit, "code_id", None) is not None and not hit.document_uuid:
            # a hit in a code's name or definition: show that code in the codebook
            self.code_dock.show()
            self.code_dock.raise_()
            self.codebook.filter.clear()
            self.codebook.select_code(hit.code_id)
            return
        doc_id = self.project.document(hit.document_uuid).id
        tab = self.open_document(doc_id)
        if tab is not None and tab.text_view is not None:
            tab.text_view.select_span(hit.start, hit.end)
            tab.text_view.setFocus()

    def show_segments(self, code_ids: list[int] | None = None) -> SegmentsPanel:
        """Show the coded-segments view (with these codes chosen, when given)."""
        self.segments_dock.show()
        self.segments_dock.raise_()
        # room for its rows: a third of the window at least (its height reads stale while it
        # is behind the Search tab, so the size is always asked for)
        if code_ids is not None:
            self.segments.show_codes(code_ids)
        if not self.segments_dock.isFloating():  # after the rows: they may relayout the pane
            wanted = max(240, self.height() // 3, self.segments_dock.height())
            self.resizeDocks([self.segments_dock], [wanted], Qt.Orientation.Vertical)
        # the dock may only just have been raised: focus once it can take it, too
        self.segments.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        QTimer.singleShot(0, self, lambda: self.segments.table.setFocus(
            Qt.FocusReason.ShortcutFocusReason))
        return self.segments

    def _segments_shown(self, visible: bool) -> None:
        if visible and "segments" in self._stale:
            if "segment choices" in self._stale:
                self.segments.refresh_lookups()
            self._stale -= {"segments", "segment choices"}
            self.segments.refresh()

    def _selection_in(self, doc_id: int) -> tuple[int, int] | None:
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, DocumentTab) and tab.doc_id == doc_id and tab.text_view:
                return tab.text_view.selection_span()
        return None

    def open_coding(self, coding_id: int) -> None:
        """Open a coding's document and select its words (focus stays where it was)."""
        if self.project is None:
            return
        focus = self.focusWidget()
        try:
            coding = self.project.coding(coding_id)
        except FieldkitError as exc:
            show_status(self, str(exc))
            return
        tab = self.open_document(coding.document_id)
        if tab is not None and tab.text_view is not None and coding.start is not None \
                and coding.end is not None and not coding.orphaned:
            tab.text_view.select_span(coding.start, coding.end)
            tab.text_view.ensureCursorVisible()
        if focus is not None:
            focus.setFocus()

    def _focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.query.setFocus()
        self.search.query.selectAll()

    def focus_pane(self, dock: QDockWidget) -> None:
        """Show ``dock`` and put the keyboard in it (its list, ready for arrows and Enter)."""
        dock.show()
        dock.raise_()
        widget = dock.widget()
        # the codebook: its "Find a code…" field (Down goes on into the tree)
        target = {self.nav_dock: getattr(self.navigator, "focus_target", lambda: None)(),
                  self.code_dock: self.codebook.filter}.get(dock)
        (target or widget).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_document(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        view = tab.text_view if tab.text_view is not None else tab.photo_view
        if view is not None:
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def all_docks(self) -> list[QDockWidget]:
        return [self.nav_dock, self.code_dock, self.search_dock, *self.extra_docks()]

    def extra_docks(self) -> list[QDockWidget]:
        """Docks beyond the three every window has (made when first asked for)."""
        known = {self.nav_dock, self.code_dock, self.search_dock}
        return [d for d in self.findChildren(QDockWidget) if d not in known]

    def reset_layout(self) -> None:
        """Every pane back where a new user finds it, at a size that fits the screen."""
        window_layout.forget()
        window_layout.default_layout(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._laid_out:  # dock sizes set before the first show do not all hold
            self._laid_out = True
            # and only now are the title bar and borders known: the whole frame must fit
            # (the window as the timers' context: a window closed before they fire cancels them)
            QTimer.singleShot(200, self, lambda: window_layout.fit_to_screen(self))
            if not window_layout.restored(self):
                QTimer.singleShot(0, self, lambda: window_layout.recover_panes(self, grew=True))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        keeper = getattr(self, "pane_keeper", None)
        if keeper is not None:
            keeper.resized()

    def _find_code(self) -> None:
        self.code_dock.show()
        self.codebook.filter.setFocus()
        self.codebook.filter.selectAll()

    # -- code keys --------------------------------------------------------------------------

    def _keys_setting(self) -> str:
        return f"codekeys/{self.project.uuid}" if self.project else "codekeys/none"

    def _load_keys(self) -> None:
        keys: dict[int, str] = {}
        if self.project is not None:
            saved = settings.get(self._keys_setting())
            by_uuid = {c.uuid: c.id for c in self._codes.values()}
            if saved:
                for uuid, key in json.loads(str(saved)).items():
                    if uuid in by_uuid:
                        keys[by_uuid[uuid]] = key
            else:  # the first nine codes in codebook order until the researcher assigns keys
                book = self.project.codebook()
                walk = [c.id for _d, c in book.walk() if not book.children(c.id)]
                keys = dict(zip(walk, CODE_KEYS, strict=False))
        self.codebook.model.set_keys(keys)

    def _save_keys(self) -> None:
        if self.project is None:
            return
        data = {self._codes[c].uuid: k for c, k in self.codebook.model.keys.items()
                if c in self._codes}
        settings.put(self._keys_setting(), json.dumps(data))

    def apply_key(self, key: str) -> None:
        for code_id, assigned in self.codebook.model.keys.items():
            if assigned == key:
                self.coding.apply(code_id)
                return
        show_status(self, tr("No code has the shortcut {0}.").format(key))

    # -- capture, import, export ------------------------------------------------------------

    def quick_note(self, doc_id: int | None = None) -> NoteWindow | None:
        if self.project is None:
            return None
        window = NoteWindow(self.project, self.runner, doc_id)
        window.destroyed.connect(lambda *_: self.note_windows.remove(window)
                                 if window in self.note_windows else None)
        self.note_windows.append(window)
        window.show()
        window.raise_()
        window.body.setFocus()
        return window

    def import_dialog(self, files: list[str] | None = None) -> ImportDialog | None:
        if self.project is None:
            return None
        dialog = ImportDialog(self.project, files, self)
        dialog.accepted.connect(lambda: self.import_files(dialog.paths(), **dialog.options()))
        dialog.open()
        return dialog

    def import_files(self, paths: list[str], kind: str | None = "auto", site: str | None = None,
                     visit: str | None = None) -> None:
        project = self.project
        if project is None or not paths:
            return

        def job(progress: Progress) -> list[int]:
            return [d.id for d in project.imports.files(paths, site=site, visit=visit,
                                                       kind=kind or "auto", progress=progress)]

        def done(doc_ids: list[int]) -> None:
            show_status(self, ntr("Imported %Ln document(s).", len(doc_ids)))
            if doc_ids and self.project is project:
                self.open_document(doc_ids[0])  # the researcher sees what came in

        self.runner.run(tr("Importing"), job, done)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and self.project is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = local_files(event)
        event.acceptProposedAction()
        if files:
            QTimer.singleShot(0, self, lambda: self.import_dialog(files))

    def export(self, kind: str) -> None:
        self.export_dialog(kind)

    def export_dialog(self, kind: str = "docx") -> Any:
        """The export dialog with the command line's options, on ``kind`` to start with."""
        from fieldkit.gui.export_dialog import ExportDialog

        if self.project is None:
            return None
        tab = self.current_tab()
        dialog = ExportDialog(self.project, self.runner, self, kind=kind,
                              document=tab.doc_id if tab is not None else None)
        dialog.open()
        return dialog

    def check_project(self) -> None:
        project = self.project
        if project is None:
            return

        def done(problems: list[Any]) -> None:
            if not problems:
                QMessageBox.information(self, tr("Check"), tr("All is well."))
            else:
                QMessageBox.warning(self, tr("Check"),
                                    "\n".join(f"{p.severity}: {p.message}" for p in problems))

        self.runner.run(tr("Checking the project"), project.check, done)

    def show_analysis(self) -> Any:
        """The analysis window: code relations, matrices, coding queries, sets and memos."""
        from fieldkit.gui.analysis_window import AnalysisWindow

        if self.project is None:
            return None
        if self.analysis_window is None:
            self.analysis_window = AnalysisWindow(self.project, self)
        self.analysis_window.show()
        self.analysis_window.raise_()
        self.analysis_window.refresh()
        return self.analysis_window

    def open_at(self, doc_id: int, start: int, end: int) -> None:
        """Open a document with ``[start, end)`` selected (nothing selected when empty)."""
        tab = self.open_document(doc_id)
        if tab is not None and tab.text_view is not None and end > start:
            tab.text_view.select_span(start, end)

    def restore_backup_dialog(self) -> Any:
        """File → Restore from backup…: a backup becomes a new project, offered to open."""
        from fieldkit.gui.backup_dialog import RestoreBackupDialog

        if self.project is None:
            return None
        dialog = RestoreBackupDialog(self.project, self)
        dialog.open_project.connect(self.open_path)
        dialog.open()
        return dialog

    def show_agreement(self) -> None:
        from fieldkit.gui.agreement_dialog import AgreementDialog

        if self.project is not None:
            AgreementDialog(self.project, self).open()

    def show_suggestions(self) -> None:
        """The assisted-coding dock (suggested codings to accept or reject)."""
        from fieldkit.gui.suggestions_panel import SuggestionsPanel

        if self.project is None:
            return
        if self.suggestions_dock is None:
            panel = SuggestionsPanel(self.project, self)
            panel.suggestionSelected.connect(self._show_suggestion)
            self.suggestions_dock = self._dock("suggestions", panel,
                                               Qt.DockWidgetArea.RightDockWidgetArea)
            self.tabifyDockWidget(self.code_dock, self.suggestions_dock)
            self.suggestions_dock.setWindowTitle(tr("Suggested codings"))
            self._build_menus()  # its entry in View → Panes
        self.suggestions_dock.show()
        self.suggestions_dock.raise_()

    def _show_suggestion(self, doc_id: int, start: int, end: int) -> None:
        tab = self.open_document(doc_id)
        if tab is not None and tab.text_view is not None:
            tab.text_view.select_span(start, end)

    # -- team ---------------------------------------------------------------------------------

    def team_dialog(self) -> Any:
        """File → Team…: publish or join; for a replica its status, members and blind sets."""
        from fieldkit.gui.team_dialog import TeamDialog

        dialog = TeamDialog(self)
        dialog.open()
        return dialog

    def start_team(self) -> None:
        """Keep a team replica in step while it is open (nothing for a project of one's own)."""
        self.stop_team()
        if self.project is None or not self.project.team.joined:
            return
        sync = TeamSync(self.project, self)
        sync.status_changed.connect(self.show_team_status)
        sync.arrived.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.team_sync = sync
        self.team_indicator.show()
        self.show_team_status()

    def stop_team(self) -> None:
        if self.team_sync is not None:
            self.team_sync.stop()
            self.team_sync.deleteLater()
            self.team_sync = None
        self.team_indicator.hide()

    def sync_now(self) -> None:
        if self.team_sync is None:
            show_status(self, tr("This project is not part of a team (File → Team…)."))
        elif not self.team_sync.sync_now(self.runner):
            show_status(self, tr("A sync is under way; another follows it."))

    def show_team_status(self) -> None:
        if self.team_sync is None or self.project is None:
            return
        self.team_indicator.show_status(self.team_sync.status(), self.team_sync.syncing)
        dialog = next((d for d in self.findChildren(QDialog) if hasattr(d, "show_status")
                       and d.isVisible()), None)
        if dialog is not None:
            dialog.show_status()  # type: ignore[attr-defined]

    # -- help and language ------------------------------------------------------------------

    def show_shortcuts(self) -> ShortcutsDialog:
        rows = shortcut_rows([(tr(ACTIONS[name][0]), action)
                              for name, action in self.actions_.items()])
        for code_id, key in sorted(self.codebook.model.keys.items(), key=lambda kv: kv[1]):
            if code_id in self._paths:
                rows.append((tr("Code with {0}").format(self._paths[code_id]), key))
        rows.append((tr("Insert the time (quick note)"), "Ctrl+T"))
        dialog = ShortcutsDialog(rows, self)
        dialog.open()
        return dialog

    def about(self) -> None:
        from fieldkit import __version__

        QMessageBox.about(self, tr("About fieldkit"),
                          f"<b>fieldkit {__version__}</b><br>"
                          + tr("Qualitative field research on the shop floor."))

    def set_language(self, language: str | None) -> None:
        settings.put("language", language or "")
        i18n.install(language)
        self.retranslate()

    # -- state ------------------------------------------------------------------------------

    def _remembered_documents(self) -> list[int]:
        if self.project is None:
            return []
        saved = settings.get(f"open/{self.project.uuid}")
        out = []
        for uuid in json.loads(str(saved)) if saved else []:
            try:
                out.append(self.project.document(str(uuid)).id)
            except NotFound:  # removed since, or by a team mate
                continue
        return out

    def _save_open_documents(self) -> None:
        if self.project is None:
            return
        uuids = []
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, DocumentTab) and tab.doc is not None:
                uuids.append(tab.doc.uuid)
        settings.put(f"open/{self.project.uuid}", json.dumps(uuids))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for w in list(self.note_windows):
            w.close()
        self._panel_timer.stop()
        self.segments.set_project(None)
        self.codebook.save_details()
        self.runner.wait()
        self.stop_team()
        if self.remember_session:
            window_layout.save(self)
            self._save_open_documents()
        if self.bridge is not None:
            self.bridge.detach()
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
