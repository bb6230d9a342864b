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
    view.select_span(start + 2, start + 2)
    assert iface.text(QAccessible.Text.Description) == \
        "Coded: Technology/New machine by Anouk"
