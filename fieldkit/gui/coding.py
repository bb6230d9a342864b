"""Coding from the window: by shortcut, quick-code box, drag, in vivo; removing; memos.

Every operation is one facade call and so one undo step; the views repaint from the change set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox
from shiboken6 import isValid

from fieldkit.core.errors import FieldkitError
from fieldkit.core.model import Region
from fieldkit.core.progress import Progress
from fieldkit.gui.code_hits_dialog import CodeHitsDialog
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.new_code_dialog import NewCodeDialog
from fieldkit.gui.quick_code import QuickCodeBox
from fieldkit.gui.runner import show_status

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow

IN_VIVO_MAX = 60
IN_VIVO_PARENT = "In vivo"


class CodingActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_code: int | None = None
        self.recent: list[str] = []
        self.box: QuickCodeBox | None = None

    @property
    def project(self):  # noqa: ANN201
        return self.window.project

    def _span(self) -> tuple[int, tuple[int, int]] | None:
        tab = self.window.current_tab()
        words = tab.player.transcript.selected_words() \
            if tab is not None and tab.player is not None else None
        if words is not None:  # words selected in a recording's transcript pane
            return words[0], (words[1], words[2])
        if tab is None or tab.text_view is None:
            show_status(self.window, tr("Open a document and select some text first."))
            return None
        span = tab.text_view.selection_span()
        if span is None:
            show_status(self.window, tr("Select some text first."))
            return None
        return tab.doc_id, span

    def apply(self, code_id: int) -> bool:
        """Code the current selection with ``code_id``."""
        found = self._span()
        if found is None or self.project is None:
            return False
        doc_id, (start, end) = found
        try:
            # the undo step names the code ("Undo Code with Learning/Peer help")
            with self.project.action(f"Code with {self.project.code_path(code_id)}"):
                self.project.code_text(doc_id, start, end, code_id)
        except FieldkitError as exc:
            QMessageBox.warning(self.window, tr("Coding"), str(exc))
            return False
        self._used(code_id)
        return True

    def apply_path(self, path: str) -> bool:
        """Code the current selection with the code at ``path`` (a recent code, say)."""
        if self.project is None:
            return False
        try:
            code_id = self.project.code(path).id
        except FieldkitError as exc:
            show_status(self.window, str(exc))
            return False
        return self.apply(code_id)

    def _used(self, code_id: int) -> None:
        self.last_code = code_id
        path = self.project.code_path(code_id)
        self.recent = [path, *[p for p in self.recent if p != path]][:8]
        show_status(self.window, tr("Coded with {0}.").format(path))

    def apply_many(self, code_ids: list[int]) -> None:
        if len(code_ids) == 1:
            self.apply(code_ids[0])
            return
        with self.project.action(f"Code with {len(code_ids)} codes"):
            for code_id in code_ids:
                if not self.apply(code_id):
                    break

    def repeat_last(self) -> None:
        if self.last_code is not None:
            self.apply(self.last_code)

    def quick_code(self) -> QuickCodeBox | None:
        """Open the quick-code box for the selection (text) — Enter applies."""
        if self.project is None or self._span() is None:
            return None
        return self._open_box(tr("Code the selection with…"), self._code_selection_with)

    def _open_box(self, title: str, then) -> QuickCodeBox:  # noqa: ANN001
        codes = [(path, code.colour) for _d, code, path, _n in self.project.codes_with_counts()]
        if self.box is not None and isValid(self.box):
            self.box.close()
        # the box deletes itself on close: forget it then, or the next Ctrl+K touches a
        # deleted C++ object (and every later box, "code all hits" and photo region fail)
        box = QuickCodeBox(codes, title, self.window, recent=self.recent)
        box.destroyed.connect(self._box_gone)
        box.chosen.connect(then)
        self.box = box
        box.popup(self.window.centralWidget() or self.window)
        return box

    def _box_gone(self, *_: object) -> None:
        self.box = None

    def _code_selection_with(self, path: str, is_new: bool) -> None:
        found = self._span()
        if found is None:
            return
        doc_id, (start, end) = found
        try:
            with self.project.action(f"Code with {path}"):
                code = self.project.add_code(path) if is_new else self.project.code(path)
                self.project.code_text(doc_id, start, end, code.id)
        except FieldkitError as exc:
            QMessageBox.warning(self.window, tr("Coding"), str(exc))
            return
        self._used(code.id)

    def new_code(self, parent_id: int | None = None) -> NewCodeDialog | None:
        """Ask for a new code (under ``parent_id`` or the top); codes the selection if ticked."""
        project = self.project
        if project is None:
            return None
        tab = self.window.current_tab()
        span = tab.text_view.selection_span() if tab and tab.text_view else None
        quote = project.document(tab.doc_id).text[span[0]:span[1]] if tab and span else None
        paths = [path for _d, _c, path, _n in project.codes_with_counts()]
        parent = project.code_path(parent_id) if parent_id is not None else ""
        dialog = NewCodeDialog(paths, parent, quote, self.window)

        def make() -> None:
            existing = dialog.existing()
            path = existing or dialog.path()
            # an existing code is used, not made again: the undo step says what it does
            label = f"Code with {path}" if existing else f"Add code {path}"
            try:
                with project.action(label):
                    code = project.code(path) if existing else project.add_code(path)
                    if span is not None and tab is not None and dialog.code_selection():
                        project.code_text(tab.doc_id, span[0], span[1], code.id)
            except FieldkitError as exc:
                QMessageBox.warning(self.window, tr("New code"), str(exc))
                return
            self.window.codebook.refresh()
            self.window.codebook.select_code(code.id)
            if span is not None and dialog.code_selection():
                self._used(code.id)

        dialog.accepted.connect(make)
        dialog.open()
        return dialog

    def in_vivo(self) -> None:
        """The selected words become a new code (under "In vivo") applied to them."""
        found = self._span()
        if found is None:
            return
        doc_id, (start, end) = found
        words = " ".join(self.project.document(doc_id).text[start:end].split())
        name = words.replace("/", "-")[:IN_VIVO_MAX].strip(" .,;:!?\"'“”")
        if not name:
            return
        try:
            with self.project.action(f"In vivo code {name}"):
                code = self.project.add_code(f"{tr(IN_VIVO_PARENT)}/{name}")
                self.project.code_text(doc_id, start, end, code.id)
        except FieldkitError as exc:
            QMessageBox.warning(self.window, tr("Coding"), str(exc))
            return
        self._used(code.id)

    def remove(self, coding_id: int) -> None:
        try:
            self.project.uncode(coding_id)
        except FieldkitError as exc:
            QMessageBox.warning(self.window, tr("Coding"), str(exc))

    def edit_memo(self, coding_id: int) -> None:
        coding = self.project.coding(coding_id)
        text, ok = QInputDialog.getMultiLineText(
            self.window, tr("Coding memo"),
            tr("Memo for this coding of {0}:").format(self.project.code_path(coding.code_id)),
            coding.memo)
        if ok and text != coding.memo:
            self.project.memos.set_coding_memo(coding_id, text)

    def code_region(self, doc_id: int, region: Region) -> None:
        """Ask for a code for a region drawn on a photo, or an area of a PDF's page."""
        on_page = region.page is not None

        def then(path: str, is_new: bool) -> None:
            label = f"Code area of page {region.page} with {path}" if on_page \
                else f"Code photo region with {path}"
            try:
                with self.project.action(label):
                    code = self.project.add_code(path) if is_new else self.project.code(path)
                    self.project.code_region(doc_id, region, code.id)
            except FieldkitError as exc:
                QMessageBox.warning(self.window, tr("Coding"), str(exc))
                return
            self._used(code.id)

        self._open_box(tr("Code this area of the page with…") if on_page
                       else tr("Code this part of the photo with…"), then)

    def code_hits(self, query: str, scope: str) -> CodeHitsDialog | None:
        """Show what "code all hits" will code; after OK, ask for the code and code it."""
        project = self.project
        if project is None:
            return None
        try:
            plan = project.index.hit_plan(query, scope=scope, include_memos=True)
        except FieldkitError as exc:
            QMessageBox.warning(self.window, tr("Coding"), str(exc))
            return None
        if not plan:
            show_status(self.window, tr("None of these hits is in text that can be coded."))
            return None
        dialog = CodeHitsDialog(query, plan, self.window)
        dialog.accepted.connect(lambda: self._choose_code_for_hits(
            query, scope, dialog.include_memos(), dialog.passages()))
        dialog.open()
        return dialog

    def _choose_code_for_hits(self, query: str, scope: str, memos: bool, planned: int) -> None:
        def then(path: str, is_new: bool) -> None:
            project = self.project

            def job(progress: Progress) -> int:
                progress.start(1, tr("Coding hits"))
                # a new code and its codings are one undo step: one Ctrl+Z takes back both
                with project.action(f"Code the hits of \u201c{query}\u201d as {path}"):
                    if is_new:
                        project.add_code(path)
                    made = project.index.code_hits(query, path, scope=scope,
                                                   include_memos=memos)
                progress.step()
                return made

            def done(made: int) -> None:
                text = ntr("Coded %Ln passage(s) with {0}.", made).format(path)
                if made < planned:
                    text += " " + ntr("%Ln already had this code.", planned - made)
                show_status(self.window, text)

            self.window.runner.run(tr("Coding all hits"), job, done)

        self._open_box(tr("Code every hit of “{0}” with…").format(query), then)
