"""On a 1024-pixel screen the material and codebook trees show names, not only counts.

Qt sized the count column by its hidden header's label too ("Coderingen": 101 of 199 pixels in
Dutch), so the names shrank to nothing (issue 11, defect 3). The counts alone set the width now.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QTreeView

from fieldkit.gui import i18n
from fieldkit.gui.tree_model import REF_ROLE

from .conftest import open_window


@pytest.mark.parametrize("language", ["nl", "en"])
def test_names_get_most_of_a_narrow_pane(qtbot, project, language: str) -> None:
    for w in open_window(qtbot, project):
        i18n.install(language)
        w.resize(1024, 700)

        def names_have_room(w=w) -> None:  # noqa: ANN001
            for tree in (w.navigator.tree, w.codebook.tree):
                header = tree.header()
                width = tree.viewport().width()
                for column in range(1, header.count()):  # numbers size their columns
                    needed = max(tree.sizeHintForColumn(column), header.minimumSectionSize())
                    assert header.sectionSize(column) <= needed + 8, (language, column)
                assert header.sectionSize(0) >= 0.5 * width, (language, header.sectionSize(0),
                                                               width)

        qtbot.waitUntil(names_have_room, timeout=3000)  # the panes settle after the resize


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:  # noqa: ANN001
    from fieldkit.demobuild import build_demo

    path = tmp_path_factory.mktemp("demo") / "Demo.fieldkit"
    build_demo(path, "small").close()
    return path


def _rows(view: QTreeView, parent: QModelIndex | None = None,
          depth: int = 0) -> list[tuple[QModelIndex, int]]:
    """Every row of ``view`` that is expanded into sight, with its depth."""
    parent = parent or QModelIndex()
    model = view.model()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append((index, depth))
        if view.isExpanded(index):
            out += _rows(view, index, depth + 1)
    return out


def _shown(view: QTreeView, index: QModelIndex) -> str:
    """The part of a row's name that is drawn (Qt shortens it to its column's room)."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.decorationSize = view.iconSize() if view.iconSize().isValid() else QSize(16, 16)
    rect = view.visualRect(index)
    decoration = index.data(Qt.ItemDataRole.DecorationRole)
    checked = index.data(Qt.ItemDataRole.CheckStateRole)
    used = 6 + (view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
                if decoration is not None else 0)
    used += 20 if checked is not None else 0
    return view.fontMetrics().elidedText(str(index.data()), view.textElideMode(),
                                         rect.width() - used)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", [(1024, 700), (1366, 768), (1440, 900)],
                         ids=["1024x700", "1366x768", "1440x900"])
def test_names_are_readable_in_the_default_layout(qtbot, demo_path: Path, monkeypatch,
                                                  language: str, size: tuple[int, int]) -> None:
    """Issue 25, defect 1: at 1024×700 Material cut "All documents" and the names of
    documents to a few letters ("ESM Ahm…" three times over), the codebook its sub-codes."""
    from fieldkit.gui import window_layout
    from fieldkit.project import Project

    monkeypatch.setattr(window_layout, "screen_rect", lambda _w: QRect(0, 0, *size))
    project = Project.open(demo_path)
    for w in open_window(qtbot, project):
        w.set_language(language)
        w.resize(*size)
        window_layout.default_layout(w)  # what a new researcher sees (View → Reset layout)
        QApplication.processEvents()
        doc = next(d for d in project.documents() if d.kind == "transcript")
        w.open_document(doc.id)
        QApplication.processEvents()
        for dock in (w.nav_dock, w.code_dock):
            assert dock.width() >= window_layout.SIDE_MIN, dock.objectName()
            title = dock.windowTitle()
            assert dock.width() >= dock.fontMetrics().horizontalAdvance(title) + 60, title
        bar = w.navigator.tabs.tabBar()
        for tab in range(bar.count()):  # each tab whole, none behind scroll arrows
            rect = bar.tabRect(tab)
            assert bar.rect().contains(rect), (bar.tabText(tab), rect, bar.rect())
            assert rect.width() >= bar.fontMetrics().horizontalAdvance(bar.tabText(tab)), \
                bar.tabText(tab)
        tree = w.navigator.tree
        tree.expandAll()  # the visits open: their documents are the deepest rows
        docs = [(i, d) for i, d in _rows(tree) if (i.data(REF_ROLE) or ("",))[0] == "document"]
        assert docs and max(d for _, d in docs) >= 3  # a document under site and visit
        for index, _depth in docs:
            shown = _shown(tree, index).replace("…", "")
            name = str(index.data())
            assert len(shown) >= min(len(name), 14), (name, shown)
        # the days of one participant's answers are told apart ("ESM Ahmed 2026-03-16/17")
        esm = [(i.parent().internalId(), _shown(tree, i)) for i, _ in docs
               if str(i.data()).startswith("ESM")]
        assert esm and len(set(esm)) == len(esm), esm
        codes = w.codebook.tree
        for index, _depth in _rows(codes):
            shown = _shown(codes, index).replace("…", "")
            name = str(index.data())
            assert len(shown) >= min(len(name), 12), (name, shown)
