"""The open documents in the middle of the window: one tab each, and a hint when there are none.

Opening a document, going to a search hit, a coding or a span in it, closing tabs, and
remembering per project which documents were open.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import autocode_dialog, settings, style, tab_keys, window_layout
from fieldkit.gui.accessibility import pages_of, speak_as
from fieldkit.gui.document_tab import DocumentTab
from fieldkit.gui.runner import show_status

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow


def build(window: MainWindow) -> tuple[QTabWidget, QLabel, QWidget]:
    """The tabs, the hint shown instead of them, and the two as the window's central widget."""
    tab_widget = QTabWidget()
    tab_widget.setTabsClosable(True)
    tab_widget.setMovable(True)
    tab_widget.setDocumentMode(True)
    tab_widget.tabCloseRequested.connect(window.close_tab)
    # the pages' pane: Orca names it as focus enters a document ("layered pane" without this)
    speak_as(pages_of(tab_widget), "Open documents")
    welcome = QLabel()
    welcome.setObjectName("hint")
    welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
    welcome.setWordWrap(True)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tab_widget)
    layout.addWidget(welcome)
    tab_widget.currentChanged.connect(lambda *_: tabs_changed(window))
    return tab_widget, welcome, central


def tabs(window: MainWindow) -> list[DocumentTab]:
    """The open document tabs, left to right."""
    found = (window.tabs.widget(i) for i in range(window.tabs.count()))
    return [tab for tab in found if isinstance(tab, DocumentTab)]


def current_tab(window: MainWindow) -> DocumentTab | None:
    tab = window.tabs.currentWidget()
    return tab if isinstance(tab, DocumentTab) else None


def open_document(window: MainWindow, doc_id: int) -> DocumentTab | None:
    """The document's tab, brought to the front; opened when it was not (None when the
    document cannot be opened: the reason shows in the status bar)."""
    if window.project is None:
        return None
    for i in range(window.tabs.count()):
        tab = window.tabs.widget(i)
        if isinstance(tab, DocumentTab) and tab.doc_id == doc_id:
            window.tabs.setCurrentIndex(i)
            return tab
    try:
        tab = DocumentTab(window.project, doc_id, window.make_mark, window.hidden_codes())
    except FieldkitError as exc:
        show_status(window, str(exc))
        return None
    assert tab.doc is not None
    # "&&": a single "&" would turn "Zuivel & Zo" into a keyboard mnemonic
    label = _short(tab.doc.title).replace("&", "&&")
    index = window.tabs.addTab(tab, style.kind_icon(tab.doc.kind), label)
    window.tabs.setTabToolTip(index, tab.doc.title)
    window.tabs.setCurrentIndex(index)
    _connect_coding(window, tab, doc_id)
    return tab


def _connect_coding(window: MainWindow, tab: DocumentTab, doc_id: int) -> None:
    """Coding from inside a tab (drops, context menu, regions drawn on a photo) goes through
    the window's coding actions."""
    coding = window.coding
    tv = tab.text_view
    if tv is not None:
        tv.code_dropped.connect(coding.apply_many)
        tv.remove_coding.connect(coding.remove)
        tv.memo_coding.connect(coding.edit_memo)
        tv.quick_code.connect(coding.quick_code)
        tv.in_vivo.connect(coding.in_vivo)
        tv.code_with.connect(coding.apply_path)
        tv.code_speaker.connect(lambda name: autocode_dialog.open_dialog(window, "speaker", name))
        tv.recent_codes = lambda: list(coding.recent)
        tv.setFocus()
    if tab.pdf_view is not None:
        tab.pdf_view.region_drawn.connect(lambda r, d=doc_id: coding.code_region(d, r))
        tab.pdf_view.setFocus()
    if tab.photo_view is not None:
        tab.photo_view.region_drawn.connect(lambda r, d=doc_id: coding.code_region(d, r))
        tab.photo_view.remove_coding.connect(coding.remove)


def close_tab(window: MainWindow, index: int) -> None:
    tab = window.tabs.widget(index)
    if tab is not None:
        if isinstance(tab, DocumentTab) and tab.player is not None:
            tab.player.close()  # saves what was typed in the last second, stops the sound
        window.tabs.removeTab(index)
        tab.deleteLater()


def close_players(window: MainWindow) -> None:
    """Every open recording saves what was just typed and stops (before the project closes:
    a child widget gets no close event of its own)."""
    for tab in tabs(window):
        if tab.player is not None:
            tab.player.close()


def close_all(window: MainWindow) -> None:
    while window.tabs.count():
        close_tab(window, 0)


def step_tab(window: MainWindow, step: int) -> None:
    """The next (``1``) or previous (``-1``) document, round the end."""
    tab_keys.step(window.tabs, step)


def tabs_changed(window: MainWindow) -> None:
    has = window.tabs.count() > 0
    window.tabs.setVisible(has)
    window.welcome.setVisible(not has)
    tab = current_tab(window)
    window_layout.room_for_player(window, tab is not None and tab.player is not None)
    if tab is not None and window.suggestions_dock is not None:
        window.suggestions_dock.widget().follow(tab.doc_id)  # type: ignore[attr-defined]


def refresh_marks(window: MainWindow) -> None:
    """Redraw every open document's codings (codes or coders shown or hidden)."""
    for tab in tabs(window):
        tab.refresh_codings(window.hidden_codes())


def open_hit(window: MainWindow, hit: Any) -> None:
    """A search hit: its words selected in its document, or its code shown in the codebook."""
    if window.project is None:
        return
    if getattr(hit, "code_id", None) is not None and not hit.document_uuid:
        # a hit in a code's name or definition: show that code in the codebook
        window.code_dock.show()
        window.code_dock.raise_()
        window.codebook.filter.clear()
        window.codebook.select_code(hit.code_id)
        return
    doc_id = window.project.document(hit.document_uuid).id
    tab = open_document(window, doc_id)
    if tab is not None and tab.text_view is not None:
        tab.text_view.select_span(hit.start, hit.end)
        (tab.pdf_view or tab.text_view).setFocus()


def open_coding(window: MainWindow, coding_id: int) -> None:
    """Open a coding's document and select its words (focus stays where it was)."""
    if window.project is None:
        return
    focus = window.focusWidget()
    try:
        coding = window.project.coding(coding_id)
    except FieldkitError as exc:
        show_status(window, str(exc))
        return
    tab = open_document(window, coding.document_id)
    if tab is not None and tab.text_view is not None and coding.start is not None \
            and coding.end is not None and not coding.orphaned:
        tab.text_view.select_span(coding.start, coding.end)
        tab.text_view.ensureCursorVisible()
    elif tab is not None and tab.pdf_view is not None and coding.region is not None:
        tab.pdf_view.show_region(coding.region)  # an area of a page: that page, in sight
    if focus is not None:
        focus.setFocus()


def open_at(window: MainWindow, doc_id: int, start: int, end: int) -> None:
    """Open a document with ``[start, end)`` selected (nothing selected when empty)."""
    tab = open_document(window, doc_id)
    if tab is not None and tab.text_view is not None and end > start:
        tab.text_view.select_span(start, end)


def selection_in(window: MainWindow, doc_id: int) -> tuple[int, int] | None:
    """The selected span of an open document, if any."""
    for tab in tabs(window):
        if tab.doc_id == doc_id and tab.text_view:
            return tab.text_view.selection_span()
    return None


def remembered(window: MainWindow) -> list[int]:
    """The documents that were open when this project was last closed (those still there)."""
    if window.project is None:
        return []
    saved = settings.get(f"open/{window.project.uuid}")
    out = []
    for uuid in json.loads(str(saved)) if saved else []:
        try:
            out.append(window.project.document(uuid).id)
        except FieldkitError:  # deleted (or merged away) since
            continue
    return out


def remember(window: MainWindow) -> None:
    """Remember which documents are open, for the next time this project opens."""
    if window.project is None:
        return
    uuids = [tab.doc.uuid for tab in tabs(window) if tab.doc is not None]
    settings.put(f"open/{window.project.uuid}", json.dumps(uuids))


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
