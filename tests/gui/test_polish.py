"""Window polish: suggestion jumps, the coding context menu, the tab close button, screenshots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QMenu, QTabBar

from fieldkit.gui.document_tab import DocumentTab
from fieldkit.gui.suggestions_panel import SuggestionsPanel


def open_transcript(window) -> DocumentTab:
    doc_id = next(d.id for d in window.project.documents() if d.kind == "transcript")
    tab = window.open_document(doc_id)
    assert tab is not None and tab.text_view is not None
    return tab


def menu_action(menu: QMenu, prefix: str):
    return next(a for a in menu.actions() if a.text().startswith(prefix))


def test_choosing_a_suggestion_opens_its_document_with_the_span_selected(window) -> None:
    project = window.project
    note = next(d for d in project.documents() if d.kind != "transcript")
    window.open_document(note.id)  # another document is showing when the suggestion is chosen
    doc = next(d for d in project.documents() if d.kind == "transcript")
    text = project.document(doc.id).text
    start = text.index("Daarna schreef")  # after 🙂, outside the BMP: UTF-16 differs by one
    end = start + len("Daarna schreef ik het op")
    window.show_suggestions()
    panel = window.suggestions_dock.widget()
    assert isinstance(panel, SuggestionsPanel)
    panel.suggestionSelected.emit(doc.id, start, end)
    tab = window.current_tab()
    assert isinstance(tab, DocumentTab) and tab.doc_id == doc.id
    assert tab.text_view.textCursor().selectedText() == text[start:end]
    assert tab.text_view.selection_span() == (start, end)


def test_context_menu_removes_the_coding_under_the_mouse(window) -> None:
    project = window.project
    tab = open_transcript(window)
    view = tab.text_view
    mark = next(m for m in view.marks if m.name == "Observation")
    menu = QMenu()
    view.fill_menu(menu, [mark])
    menu_action(menu, "Remove coding: Learning/Informal/Observation").trigger()
    assert [c.id for c in project.codings(doc=tab.doc_id)] != []
    assert mark.coding.id not in {c.id for c in project.codings(doc=tab.doc_id)}
    assert all(m.name != "Observation" for m in view.marks)


def test_context_menu_edits_the_memo_of_the_coding_under_the_mouse(window, monkeypatch) -> None:
    import fieldkit.gui.coding as coding

    project = window.project
    tab = open_transcript(window)
    view = tab.text_view
    mark = next(m for m in view.marks if m.name == "Trial and error")
    asked: list[str] = []

    def answer(_parent, _title, label, memo):  # noqa: ANN001, ANN202
        asked.append(memo)
        return "Kees learns by trying.", True

    monkeypatch.setattr(coding.QInputDialog, "getMultiLineText", staticmethod(answer))
    menu = QMenu()
    view.fill_menu(menu, [mark])
    menu_action(menu, "Memo for coding: Learning/Informal/Trial and error").trigger()
    assert asked == ["Kees tries again."]
    assert project.coding(mark.coding.id).memo == "Kees learns by trying."


def test_context_menu_codes_the_selection(window, qtbot) -> None:
    tab = open_transcript(window)
    view = tab.text_view
    start = tab.doc.text.index("gewoon opnieuw")
    view.select_span(start, start + len("gewoon opnieuw"))
    menu = QMenu()
    view.fill_menu(menu, [])
    with qtbot.waitSignal(view.quick_code, timeout=1000):
        menu_action(menu, "Code with…").trigger()
    assert window.coding.box is not None and window.coding.box.isVisible()
    window.coding.box.close()


def test_a_hit_in_a_code_definition_shows_the_code(window) -> None:
    window.search.run("colleague")
    rows = [r for r, hit in enumerate(window.search.model.hits) if hit.kind == "code"]
    assert rows, "the code's definition is searched"
    window.search.table.clicked.emit(window.search.model.index(rows[0], 2))
    code = window.project.code("Learning/Informal/Observation")
    assert window.codebook.current_code() == code.id
    assert window.current_tab() is None  # no document was opened for it


def _reddish_pixels(image: QImage) -> int:
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if (c := image.pixelColor(x, y)).alpha() > 128
               and c.red() > 150 and c.red() - max(c.green(), c.blue()) > 60)


def test_the_tab_close_button_is_a_calm_grey_cross(window) -> None:
    open_transcript(window)
    bar = window.tabs.tabBar()
    button = bar.tabButton(0, QTabBar.ButtonPosition.RightSide)
    assert button is not None and button.isVisible()
    image = button.grab().toImage()
    dark = sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixelColor(x, y).lightness() < 160)
    assert dark > 0  # the cross is drawn
    assert _reddish_pixels(image) == 0
    icon = button.style().standardIcon(button.style().StandardPixmap.SP_TabCloseButton)
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Disabled):
        assert _reddish_pixels(icon.pixmap(16, 16, mode).toImage()) == 0


def test_screenshot_mode_is_quiet_and_writes_the_window(project, tmp_path: Path) -> None:
    path = project.path
    project.close()
    out = tmp_path / "window.png"
    done = subprocess.run([sys.executable, "-m", "fieldkit", "gui", str(path), "--screenshot",
                           str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "propagateSizeHints" not in done.stderr
    assert done.stderr.strip() == ""
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)


def test_an_ampersand_in_a_title_shows_in_the_tab(window) -> None:
    note = window.project.add_note(site="Zuivel & Zo", title="Zuivel & Zo", text="Deeg.")
    window.open_document(note.id)
    bar = window.tabs.tabBar()
    index = window.tabs.currentIndex()
    assert bar.tabText(index) == "Zuivel && Zo"  # Qt shows "&&" as one "&", no mnemonic
    assert window.tabs.tabToolTip(index) == "Zuivel & Zo"
