"""On a 1024-pixel screen the material and codebook trees show names, not only counts.

Qt sized the count column by its hidden header's label too ("Coderingen": 101 of 199 pixels in
Dutch), so the names shrank to nothing (issue 11, defect 3). The counts alone set the width now.
"""

from __future__ import annotations

import pytest

from fieldkit.gui import i18n

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
