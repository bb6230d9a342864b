"""A screen reader's view of every screen (issue 25): every interactive control in the main
window, each pane and each dialog has an accessible name, in English and in Dutch, and a Dutch
screen's names are Dutch. Walked through Qt's own accessibility interfaces (QAccessible), which
are what Qt hands to AT-SPI; ``test_atspi.py`` checks the same over the real AT-SPI bus."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from fieldkit.gui import i18n
from tests.gui.a11y_walk import controls, headerless, unnamed
from tests.gui.conftest import open_window
from tests.gui.test_dutch_screens import still_english


def screens(window, qtbot) -> list[QWidget]:  # noqa: ANN001
    """Open every pane, window and dialog a researcher meets; return the tops to walk."""
    from fieldkit.gui.agreement_dialog import AgreementDialog
    from fieldkit.gui.new_code_dialog import NewCodeDialog

    project = window.project
    doc = next(d for d in project.documents() if d.kind == "transcript")
    tab = window.open_document(doc.id)
    photo = next(d for d in project.documents() if d.kind == "photo")
    window.open_document(photo.id)
    window.tabs.setCurrentWidget(tab)
    window.search.run("machine")
    tops: list[QWidget] = [window]
    window.show_segments()
    tops.append(window.segments)
    window.search_dock.raise_()
    tops.append(window.search)
    window.show_suggestions()
    tops.append(window.suggestions_dock.widget())
    analysis = window.show_analysis()
    for i in range(analysis.tabs.count()):
        analysis.tabs.setCurrentIndex(i)
        tops.append(analysis.tabs.currentWidget())
    tops.append(analysis)
    agreement = AgreementDialog(project, window)
    agreement.show()
    tops.append(agreement)
    window.coding.new_code(None)
    tops.append(window.findChild(NewCodeDialog))
    tops.append(window.import_dialog())
    tops.append(window.show_shortcuts())
    start = tab.doc.text.index(" ") + 1
    tab.text_view.select_span(start, start + 5)
    tops.append(window.coding.quick_code())
    tops.append(window.quick_note())
    tops.append(window.export_dialog())
    backup = window.restore_backup_dialog()
    if backup is not None:
        tops.append(backup)
    return [t for t in tops if t is not None]


def problems(window, qtbot) -> tuple[list[str], list[tuple[str, str]]]:  # noqa: ANN001
    missing: list[str] = []
    names: list[tuple[str, str]] = []
    for top in screens(window, qtbot):
        missing += unnamed(top) + headerless(top)
        for widget, role, name, description in controls(top):
            names.append((f"{role} {type(widget).__name__} name", name))
            names.append((f"{role} {type(widget).__name__} description", description))
    return sorted(set(missing)), names


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_control_has_a_name_in_the_interface_language(demo, qtbot, language) -> None:
    for window in open_window(qtbot, demo):
        window.set_language(language)
        qtbot.wait(100)  # the docks' tab bars take their new titles from the event loop
        try:
            missing, names = problems(window, qtbot)
            assert missing == [], "\n".join(missing)
            assert len(names) > 100  # the walk really saw the screens
            if language == "nl":
                bad = still_english(names)
                assert bad == [], "\n".join(bad)
        finally:
            i18n.install("en")


def test_the_walk_finds_a_nameless_control_and_an_english_name(demo, qtbot) -> None:
    for window in open_window(qtbot, demo):
        window.set_language("nl")
        try:
            nameless = QLineEdit(window.codebook)
            nameless.show()
            assert any("QLineEdit" in m for m in unnamed(window))
            english = QLineEdit(window.codebook)
            english.setAccessibleName("Find a code…")
            english.show()
            found = [(f"{r} name", n) for _w, r, n, _d in controls(window)]
            assert any("Find a code" in b for b in still_english(found))
            label = QLabel("x", window)
            label.deleteLater()
        finally:
            i18n.install("en")


def test_the_document_says_the_codings_at_the_cursor(window, qtbot) -> None:
    from PySide6.QtGui import QAccessible

    doc_id = next(d.id for d in window.project.documents() if d.kind == "transcript")
    tab = window.open_document(doc_id)
    view = tab.text_view
    iface = QAccessible.queryAccessibleInterface(view)
    assert iface.text(QAccessible.Text.Name) == "Document text"
    inside = tab.doc.text.index("trial and error") + 3
    view.select_span(inside, inside)
    assert iface.text(QAccessible.Text.Description) == \
        "Coded: Learning/Informal/Trial and error by Bram"
    view.select_span(0, 0)
    assert iface.text(QAccessible.Text.Description) == "Not coded here."
    # a coding made at the cursor is said at once
    start = tab.doc.text.index("Interviewer")
    view.select_span(start, start + len("Interviewer"))
    window.coding.apply(window.project.code("Technology/New machine").id)
    # the selection stays, its end just past the new coding: the coding is said all the same
    assert view.textCursor().hasSelection()
    assert iface.text(QAccessible.Text.Description) == \
        "Coded: Technology/New machine by Anouk"
    view.select_span(start + 2, start + 2)
    assert iface.text(QAccessible.Text.Description) == \
        "Coded: Technology/New machine by Anouk"
    view.select_span(start + len("Interviewer"), start + len("Interviewer"))
    assert iface.text(QAccessible.Text.Description) == "Not coded here."  # half-open


def test_counts_are_said_with_what_they_count(window, qtbot) -> None:
    from PySide6.QtCore import Qt

    from fieldkit.gui import i18n

    tree = window.navigator.tree_model
    sites = tree.index(0, 1)
    count = tree.node(tree.index(0, 0)).count
    assert count > 1
    said = tree.data(sites, Qt.ItemDataRole.AccessibleTextRole)
    assert said == f"{count:,} codings"
    codes = window.codebook.model
    first = codes.index(0, 1)
    total = int(codes.data(first))
    assert codes.data(first, Qt.ItemDataRole.AccessibleTextRole) == f"{total:,} codings"
    i18n.install("nl")
    try:
        assert codes.data(first, Qt.ItemDataRole.AccessibleTextRole) == \
            f"{total:,} coderingen".replace(",", ".")
    finally:
        i18n.install("en")


def test_ctrl_plus_and_minus_scale_the_document_and_the_panes(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontInfo

    from fieldkit.gui import settings, zoom

    doc_id = next(d.id for d in window.project.documents() if d.kind == "transcript")
    view = window.open_document(doc_id).text_view
    tree = window.codebook.tree
    before = (QFontInfo(view.font()).pointSizeF(), QFontInfo(tree.font()).pointSizeF())
    try:
        view.setFocus()
        for _ in range(2):
            qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        bigger = (QFontInfo(view.font()).pointSizeF(), QFontInfo(tree.font()).pointSizeF())
        assert bigger[0] > before[0] + 1 and bigger[1] > before[1] + 1
        assert settings.get("view/zoom") == "2"
        assert bigger[0] > bigger[1]  # the document still reads larger than the panes
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert before[0] < QFontInfo(view.font()).pointSizeF() < bigger[0]
        qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert (QFontInfo(view.font()).pointSizeF(), QFontInfo(tree.font()).pointSizeF()) \
            == before
    finally:
        zoom.reset()


def test_focus_is_visible_on_lists_fields_and_buttons(window, qtbot) -> None:
    from PySide6.QtGui import QColor

    from fieldkit.gui.style import ACCENT

    def accent_pixels(widget) -> int:  # noqa: ANN001
        image = widget.grab().toImage()
        accent = QColor(ACCENT)
        return sum(1 for x in range(image.width()) for y in (0, 1, image.height() - 1)
                   if QColor(image.pixel(x, y)) == accent)

    doc_id = next(d.id for d in window.project.documents() if d.kind == "transcript")
    view = window.open_document(doc_id).text_view
    for widget in (window.codebook.tree, window.search.table, view, window.search.query):
        window.navigator.setFocus()
        qtbot.wait(10)
        unfocused = accent_pixels(widget)
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus, timeout=2000)
        widget.update()
        # the frame comes with the style's repolish after the focus change, which may take
        # more than one turn of the event loop on a busy machine
        try:
            qtbot.waitUntil(lambda w=widget, u=unfocused: accent_pixels(w) > u + w.width(),
                            timeout=2000)
        except qtbot.TimeoutError:
            pass
        assert accent_pixels(widget) > unfocused + widget.width(), type(widget).__name__


def test_the_quick_code_box_says_what_enter_will_do(window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible

    from fieldkit.gui.quick_code import QuickCodeBox

    codes = [("Learning", "#34a853"), ("Learning/Informal/Peer help", "#34a853"),
             ("Learning/Informal/Peer review", "#34a853")]
    box = QuickCodeBox(codes, "Code with…", window)
    box.popup(window)
    iface = QAccessible.queryAccessibleInterface(box.edit)
    try:
        box.edit.setText("peer")
        assert iface.text(QAccessible.Text.Description) == \
            "Enter codes with Learning/Informal/Peer help."
        qtbot.keyClick(box.edit, Qt.Key.Key_Down)  # the list follows the arrows from the field
        assert iface.text(QAccessible.Text.Description) == \
            "Enter codes with Learning/Informal/Peer review."
        box.edit.setText("canteen talk")
        assert iface.text(QAccessible.Text.Description) == \
            "Enter makes the new code “canteen talk”."
    finally:
        box.close()


def test_a_search_says_its_count_in_the_search_box(window, qtbot) -> None:
    from PySide6.QtGui import QAccessible

    iface = QAccessible.queryAccessibleInterface(window.search.query)
    window.search.run("machine")
    total = window.project.search("machine", limit=500).total
    assert total > 1
    said = iface.text(QAccessible.Text.Description)
    assert said.startswith(f"{total} hits"), said
    window.search.run('"unclosed')
    assert iface.text(QAccessible.Text.Description) == window.search.summary.text() != said


def test_the_panes_focus_enters_are_named_in_the_interface_language(window, qtbot) -> None:
    """Orca names the pane focus enters: "layered pane" said nothing."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QStackedWidget

    stacks = [window.tabs.findChild(QStackedWidget),
              window.navigator.tabs.findChild(QStackedWidget)]

    def names() -> list[str]:
        return [QAccessible.queryAccessibleInterface(s).text(QAccessible.Text.Name)
                for s in stacks]

    assert names() == ["Open documents", "Material"]
    window.set_language("nl")
    try:
        assert names() == ["Open documenten", "Materiaal"]
    finally:
        window.set_language("en")
