"""The main window: navigator, open documents, codebook and search around one project.

The window holds the panes and keeps them in step with the project's change sets; its commands
live by area: the menus and their actions (``menu_bar``), the open documents
(``document_area``), the Ctrl+1…9 code keys (``code_keys``), bringing material in
(``capture``), the dialogs on the whole project (``project_dialogs``), a team replica's sync
(``team_sync``) and where the panes sit (``window_layout``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from fieldkit.core.changes import ChangeSet
from fieldkit.core.errors import FieldkitError
from fieldkit.core.model import Code, Coding
from fieldkit.gui import (
    accessibility,
    capture,
    code_keys,
    contrast,
    document_area,
    focus_order,
    i18n,
    keyboard_menus,
    menu_bar,
    project_dialogs,
    settings,
    style,
    team_sync,
    window_layout,
    zoom,
)
from fieldkit.gui.bridge import ProjectBridge
from fieldkit.gui.change_labels import shown
from fieldkit.gui.codebook_panel import CodebookPanel
from fieldkit.gui.coding import CodingActions
from fieldkit.gui.document_tab import DocumentTab
from fieldkit.gui.encryption_dialogs import lock_text
from fieldkit.gui.i18n import tr
from fieldkit.gui.import_dialog import ImportDialog
from fieldkit.gui.menu_bar import ACTIONS
from fieldkit.gui.navigator import NavigatorPanel
from fieldkit.gui.note_window import NoteWindow
from fieldkit.gui.project_choice import ask_new_project, ask_open_project, open_project
from fieldkit.gui.runner import JobRunner, show_status
from fieldkit.gui.search_panel import SearchPanel
from fieldkit.gui.segments_panel import SegmentsPanel
from fieldkit.gui.shortcuts_dialog import ShortcutsDialog
from fieldkit.gui.team_sync import TeamIndicator, TeamSync
from fieldkit.gui.text_view import Mark
from fieldkit.project import Project

__all__ = ["ACTIONS", "MainWindow"]


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
        self.cases_dock: QDockWidget | None = None  # made when first asked for
        self.sheet: Any = None  # the classification sheet, likewise
        self.analysis_window: Any = None
        # False for a window shown only to take a screenshot: its size and documents are not
        # the researcher's, so closing it must not replace their remembered layout
        self.remember_session = True
        self.coder_filter: str | None = None
        # the codebook and coders as drawn: code id → code, its path; coder id → name
        self.codes: dict[int, Code] = {}
        self.code_paths: dict[int, str] = {}
        self.coder_names: dict[int, str] = {}

        self._stale: set[str] = set()
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(120)
        self._panel_timer.timeout.connect(self.refresh_panels)
        self.tabs, self.welcome, central = document_area.build(self)
        self.setCentralWidget(central)
        self._build_panes()

        self.actions_: dict[str, QAction] = menu_bar.create_actions(self)
        self.code_key_actions: list[QAction] = menu_bar.create_code_key_actions(self)
        menu_bar.connect_actions(self)
        hints = QApplication.styleHints()
        if hasattr(hints, "accessibility"):  # Qt 6.10: the system's contrast preference
            hints.accessibility().contrastPreferenceChanged.connect(
                lambda *_: self._system_contrast_changed())
        self.undo_status = QLabel()
        self.coder_status = QLabel()
        self.team_sync: TeamSync | None = None
        self.team_indicator = TeamIndicator()
        self.team_indicator.hide()
        self.lock_status = QLabel()  # a lock while the open project is encrypted
        self.statusBar().addPermanentWidget(self.lock_status)
        self.statusBar().addPermanentWidget(self.team_indicator)
        self.statusBar().addPermanentWidget(self.undo_status)
        self.statusBar().addPermanentWidget(self.coder_status)
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

    def _build_panes(self) -> None:
        """The material list, the codebook, search and coded segments, each in its dock."""
        self.navigator = NavigatorPanel()
        self.navigator.open_document.connect(self.open_document)
        self.navigator.attach_recording.connect(
            lambda doc_id: capture.attach_recording_dialog(self, doc_id))
        self.navigator.new_case.connect(lambda: project_dialogs.new_case(self))
        self.navigator.transcribe_recording.connect(self._transcribe)
        self.codebook = CodebookPanel()
        self.codebook.apply_code.connect(self.coding.apply)
        self.codebook.model.visibility_changed.connect(lambda: document_area.refresh_marks(self))
        self.codebook.keys_changed.connect(lambda: code_keys.save(self))
        self.codebook.new_code_requested.connect(self.coding.new_code)
        self.search = SearchPanel()
        self.search.open_hit.connect(self.open_hit)
        self.search.code_all.connect(self.coding.code_hits)
        self.segments = SegmentsPanel()
        self.segments.runner = self.runner
        self.segments.selection_in = lambda doc_id: document_area.selection_in(self, doc_id)
        self.segments.open_segment.connect(self.open_coding)
        self.codebook.open_segments.connect(lambda code_id: self.show_segments([code_id]))
        self.nav_dock = self.dock("navigator", self.navigator,
                                  Qt.DockWidgetArea.LeftDockWidgetArea)
        self.code_dock = self.dock("codebook", self.codebook,
                                   Qt.DockWidgetArea.RightDockWidgetArea)
        for side in (self.nav_dock, self.code_dock):  # never squeezed to counts without names
            side.setMinimumWidth(window_layout.SIDE_MIN)
        self.search_dock = self.dock("search", self.search,
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.segments_dock = self.dock("segments", self.segments,
                                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.search_dock, self.segments_dock)
        self.search_dock.raise_()
        self.search_height: int | None = None  # the Search pane's height before a recording
        self.segments_dock.visibilityChanged.connect(self._segments_shown)

    def dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """``widget`` in a new dock at ``area`` (its home for View → Reset layout)."""
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setProperty("home", int(area.value))  # where View → Reset layout puts it back
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def retranslate(self) -> None:
        """(Re)label everything in the current language and rebuild the menus."""
        menu_bar.label_actions(self)
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
        if self.cases_dock is not None:
            self.cases_dock.setWindowTitle(tr("Cases"))
            self.cases_dock.widget().retranslate()  # type: ignore[attr-defined]
        if self.sheet is not None:
            self.sheet.retranslate()
        for w in self.note_windows:
            w.retranslate()
        self.build_menus()
        self._update_undo()
        self._update_title()
        self.show_team_status()
        if self.project is not None:
            self.navigator.refresh()
            for tab in document_area.tabs(self):
                tab._meta()
        accessibility.rename_all(self)

    def build_menus(self) -> None:
        menu_bar.build_menus(self)

    # -- project ----------------------------------------------------------------------------

    def _transcribe(self, doc_id: int) -> None:
        from fieldkit.gui.transcribe_dialog import transcribe_dialog  # speech: when asked

        transcribe_dialog(self, doc_id)

    def set_project(self, project: Project | None) -> None:
        document_area.remember(self)
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
            # the page view (numpy, PDFium) only for PDFs; the whole list is read once anyway
            if any(d.kind == "pdf" for d in project.documents()):
                from fieldkit.gui import pdf_view

                pdf_view.warm_renderer()
            if project.backup_warning:
                show_status(self, tr("The automatic backup failed: {0}").format(
                    project.backup_warning), 15000)
        self._reload_lookups()
        self.navigator.set_project(project)
        self.codebook.set_project(project)
        self.search.set_project(project)
        self.segments.set_project(project)
        project_dialogs.drop_cases(self)
        code_keys.load(self)
        self.build_menus()
        self._update_title()
        self._update_undo()
        if project is not None:
            for doc_id in document_area.remembered(self):
                self.open_document(doc_id)
        document_area.tabs_changed(self)
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
        self.lock_status.setText(lock_text(self.project.path if self.project else None))
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
        self._mark_stale_panels(tables)
        if self.analysis_window is not None:
            self.analysis_window.on_change()
        self._refresh_documents(changes)
        project_dialogs.cases_changed(self, tables)
        if "coders" in tables:
            self.build_menus()
        self._update_undo()
        if self.team_sync is not None:
            self.team_sync.local_change()

    def _mark_stale_panels(self, tables: set[str]) -> None:
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

    def _refresh_documents(self, changes: ChangeSet) -> None:
        """Reload the open documents whose text changed (closing those that are gone) and
        redraw the codings of those whose codings changed."""
        docs_touched: set[int] = set()
        for change in changes.changes:
            if change.table == "codings":
                for row in (change.before, change.after):
                    if row and row.get("document_id") is not None:
                        docs_touched.add(int(row["document_id"]))
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
            elif "codes" in changes.tables or tab.doc_id in docs_touched:
                tab.refresh_codings(self.hidden_codes())
        for w in self.note_windows:
            if w.doc_id in changed_docs:
                w.reload_if_changed()

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
            self.codes, self.code_paths, self.coder_names = {}, {}, {}
            return
        book = self.project.codebook()
        self.codes = dict(book.codes)
        self.code_paths = {cid: book.path(cid) for cid in book.codes}
        self.coder_names = {c.id: c.name for c in self.project.coders()}

    def hidden_codes(self) -> list[int]:
        return sorted(self.codebook.model.hidden)

    def make_mark(self, coding: Coding, hidden: list[int]) -> Mark | None:
        """How a coding is drawn, or None when its code or coder is hidden."""
        code = self.codes.get(coding.code_id)
        if code is None or coding.code_id in hidden or coding.orphaned:
            return None
        coder = self.coder_names.get(coding.coder_id)
        if coder is None and self.project is not None:
            self.coder_names = {c.id: c.name for c in self.project.coders()}
            coder = self.coder_names.get(coding.coder_id, "?")
        if self.coder_filter is not None and coder != self.coder_filter:
            return None
        writer = coding.memo_modified_by if coding.memo_modified_by is not None \
            else coding.memo_by
        memo_by = ""
        if coding.memo and writer is not None and writer != coding.coder_id:
            if writer not in self.coder_names and self.project is not None:
                self.coder_names = {c.id: c.name for c in self.project.coders()}
            memo_by = self.coder_names.get(writer, "")
        return Mark(coding, 0, 0, code.colour, code.name, self.code_paths[code.id],
                    coder or "?", memo_by=memo_by)

    def set_coder_filter(self, coder: str | None) -> None:
        self.coder_filter = coder
        document_area.refresh_marks(self)

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

    # -- documents (document_area) ----------------------------------------------------------

    def current_tab(self) -> DocumentTab | None:
        return document_area.current_tab(self)

    def open_document(self, doc_id: int) -> DocumentTab | None:
        return document_area.open_document(self, doc_id)

    def open_hit(self, hit: Any) -> None:
        document_area.open_hit(self, hit)

    def open_coding(self, coding_id: int) -> None:
        document_area.open_coding(self, coding_id)

    def open_at(self, doc_id: int, start: int, end: int) -> None:
        """Open a document with ``[start, end)`` selected (nothing selected when empty)."""
        document_area.open_at(self, doc_id, start, end)

    def close_tab(self, index: int) -> None:
        document_area.close_tab(self, index)

    def close_all_tabs(self) -> None:
        document_area.close_all(self)

    def step_tab(self, step: int) -> None:
        document_area.step_tab(self, step)

    def _save_open_documents(self) -> None:
        document_area.remember(self)

    # -- panes and focus ----------------------------------------------------------------------

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
        elif visible:
            self.segments.refresh_if_stale()

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.query.setFocus()
        self.search.query.selectAll()

    def find_code(self) -> None:
        self.code_dock.show()
        self.codebook.filter.setFocus()
        self.codebook.filter.selectAll()

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
        if tab is None:  # nothing to go to: go where a document is chosen, and say why
            show_status(self, tr("No document is open: choose one in Material and press Enter."))
            self.focus_pane(self.nav_dock)
            return
        view = tab.pdf_view or (tab.text_view if tab.text_view is not None
                                else tab.photo_view)
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

    def set_high_contrast(self, on: bool | None) -> None:
        """View → High contrast: switch (and remember; None follows the system again)."""
        contrast.choose(on)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        style.apply_contrast(app)
        for tab in document_area.tabs(self):
            tab.text_view.restyle()
        action = self.actions_["high_contrast"]
        if action.isChecked() != contrast.active():
            action.blockSignals(True)
            action.setChecked(contrast.active())
            action.blockSignals(False)

    def _system_contrast_changed(self) -> None:
        if contrast.chosen() is None:  # the researcher left it to the system
            self.set_high_contrast(None)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        # Tab in reading order, skipping panes parked behind another pane's tab
        return focus_order.step(self, next) or super().focusNextPrevChild(next)

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

    # -- commands (code_keys, capture, project_dialogs, team_sync, menu_bar) ----------------

    def apply_key(self, key: str) -> None:
        code_keys.apply(self, key)

    def quick_note(self, doc_id: int | None = None) -> NoteWindow | None:
        return capture.quick_note(self, doc_id)

    def import_dialog(self, files: list[str] | None = None) -> ImportDialog | None:
        return capture.import_dialog(self, files)

    def import_files(self, paths: list[str], kind: str | None = "auto", site: str | None = None,
                     visit: str | None = None, duplicates: str = "refuse") -> None:
        capture.import_files(self, paths, kind, site, visit, duplicates)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and self.project is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        capture.drop(self, event)

    def export_dialog(self, kind: str = "docx") -> Any:
        """The export dialog with the command line's options, on ``kind`` to start with."""
        return project_dialogs.export_dialog(self, kind)

    def check_project(self) -> None:
        project_dialogs.check_project(self)

    def restore_backup_dialog(self) -> Any:
        return project_dialogs.restore_backup_dialog(self)

    def show_agreement(self) -> None:
        project_dialogs.show_agreement(self)

    def show_analysis(self) -> Any:
        return project_dialogs.show_analysis(self)

    def show_suggestions(self) -> None:
        project_dialogs.show_suggestions(self)

    def show_cases(self) -> Any:
        return project_dialogs.show_cases(self)

    def show_sheet(self) -> Any:
        return project_dialogs.show_sheet(self)

    def import_attributes(self, path: str | None = None) -> Any:
        return project_dialogs.import_attributes(self, path)

    def team_dialog(self) -> Any:
        return project_dialogs.team_dialog(self)

    def start_team(self) -> None:
        team_sync.start(self)

    def stop_team(self) -> None:
        team_sync.stop(self)

    def sync_now(self) -> None:
        team_sync.sync_now(self)

    def show_team_status(self) -> None:
        team_sync.show_team_status(self)

    def show_shortcuts(self) -> ShortcutsDialog:
        return menu_bar.show_shortcuts(self)

    def set_language(self, language: str | None) -> None:
        settings.put("language", language or "")
        i18n.install(language)
        self.retranslate()

    # -- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for w in list(self.note_windows):
            w.close()
        if self.sheet is not None:
            self.sheet.close()
        if self.analysis_window is not None:  # it shows the project that closes now
            self.analysis_window.close()
        self._panel_timer.stop()
        self.segments.set_project(None)
        self.codebook.save_details()
        self.runner.wait()
        document_area.close_players(self)
        self.stop_team()
        if self.remember_session:
            window_layout.save(self)
            document_area.remember(self)
        if self.bridge is not None:
            self.bridge.detach()
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
