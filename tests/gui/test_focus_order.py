"""Keyboard alone (issue 25): Tab follows the layout in every window and dialog, reaches every
control, never sticks and never leaves a dialog; every menu action can be reached by keyboard.

The walk (``focus_walk``) presses real Tab keys; ``test_the_walk_can_fail`` proves that it
reports a wrong order, a control Tab skips, a trap and a pane hidden behind another's tab.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from tempfile import mkdtemp

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui import i18n
from tests.gui.conftest import open_window
from tests.gui.focus_walk import focusable, walk
from tests.gui.test_contrast import release_modifiers


def check(top: QWidget, name: str) -> list[str]:
    """The problems Tab meets on ``top`` (named ``name`` in the report)."""
    top.activateWindow()
    QApplication.processEvents()
    found = walk(top)
    assert len(found.chain) >= min(2, len(focusable(top))), name  # the walk really went
    return [f"{name}: {p}" for p in found.problems()]


def screens(window, qtbot) -> Iterator[tuple[str, QWidget]]:  # noqa: ANN001
    """Open every pane, window and dialog a researcher meets, one after the other; each is
    walked while it is in front (the walk of one may change what the next one shows)."""
    from fieldkit.gui.agreement_dialog import AgreementDialog
    from fieldkit.gui.new_code_dialog import NewCodeDialog
    from fieldkit.gui.survey_preview import open_preview
    from tests.importers import survey_files

    project = window.project
    doc = next(d for d in project.documents() if d.kind == "transcript")
    tab = window.open_document(doc.id)
    photo = next(d for d in project.documents() if d.kind == "photo")
    window.open_document(photo.id)
    window.tabs.setCurrentWidget(tab)
    window.search.run("machine")
    yield "main window", window
    window.show_segments()
    yield "main window with Coded segments", window
    window.show_suggestions()
    yield "main window with Suggested codings", window
    window.code_dock.raise_()
    analysis = window.show_analysis()
    for i in range(analysis.tabs.count()):
        analysis.tabs.setCurrentIndex(i)
        yield f"analysis tab {i}", analysis
    chart = analysis.relations.show_chart()
    yield "chart", chart
    chart.close()
    agreement = AgreementDialog(project, window)
    agreement.show()
    yield "agreement", agreement
    side = agreement.show_disagreements(agreement.proxy.index(0, 0))
    if side is not None:
        yield "side by side", side
        side.close()
    agreement.close()
    window.coding.new_code(None)
    new_code = window.findChild(NewCodeDialog)
    yield "new code", new_code
    new_code.reject()
    hits = window.coding.code_hits("machine", "hit")
    yield "code all hits", hits
    hits.reject()
    for name, opened in (("import", window.import_dialog), ("shortcuts", window.show_shortcuts),
                         ("export", window.export_dialog),
                         ("restore a backup", window.restore_backup_dialog),
                         ("team", window.team_dialog)):
        dialog = opened()
        if dialog is not None:
            yield name, dialog
            dialog.close()
    preview = open_preview(project, str(survey_files.qualtrics_csv(Path(mkdtemp()))), window)
    preview.show()
    yield "survey preview", preview
    preview.close()
    start = tab.doc.text.index(" ") + 1
    tab.text_view.select_span(start, start + 5)
    box = window.coding.quick_code()
    yield "quick code", box
    box.reject()
    note = window.quick_note()
    yield "quick note", note
    note.close()
    window.show_segments()
    panel = window.segments
    panel.table.selectRow(0)
    bounds = panel.bounds_dialog()
    if bounds is not None:
        bounds.show()
        yield "segment bounds", bounds
        bounds.reject()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_tab_follows_the_layout_everywhere(demo, qtbot, language) -> None:
    for window in open_window(qtbot, demo):
        window.set_language(language)
        qtbot.wait(50)
        try:
            problems: list[str] = []
            seen = 0
            for name, top in screens(window, qtbot):
                problems += check(top, name)
                seen += 1
            assert seen >= 19  # the walk really saw the screens
            assert problems == [], "\n".join(problems)
        finally:
            i18n.install("en")


def test_tab_follows_the_welcome_window(demo, qtbot, tmp_path) -> None:
    from fieldkit.gui.app import application
    from fieldkit.gui.welcome import WelcomeWindow

    application()
    welcome = WelcomeWindow(demo_path=tmp_path / "Demo.fieldkit")
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.waitExposed(welcome)
    assert check(welcome, "welcome") == []


def test_the_main_window_goes_through_the_panes_in_reading_order(window, qtbot) -> None:
    doc = next(d for d in window.project.documents() if d.kind == "transcript")
    tab = window.open_document(doc.id)
    window.activateWindow()
    found = walk(window)
    assert found.problems() == []
    chain = found.chain
    first = {name: next(i for i, w in enumerate(chain) if pane.isAncestorOf(w))
             for name, pane in (("material", window.nav_dock), ("document", tab),
                                ("codebook", window.code_dock),
                                ("search", window.search_dock))}
    # a cycle: rotate it to start at Material
    order = sorted(first, key=lambda n: (first[n] - first["material"]) % len(chain))
    assert order == ["material", "document", "codebook", "search"]
    # the Coded segments pane sits behind Search's tab: Tab does not go into it
    assert not any(window.segments.isAncestorOf(w) for w in chain)
    # and Shift+Tab goes back the same way
    window.search.query.setFocus()
    qtbot.keyClick(window.search.query, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    release_modifiers(qtbot, window.focusWidget())
    assert window.code_dock.isAncestorOf(window.focusWidget())


class Wrong(QDialog):
    """A dialog with every fault the walk looks for."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.top = QLineEdit()
        self.middle = QLineEdit()
        self.bottom = QPushButton("OK")
        self.trap = QPlainTextEdit()  # eats Tab
        group = QGroupBox("Group")
        inner = QVBoxLayout(group)
        self.skipped = QLineEdit()
        inner.addWidget(self.skipped)
        for name in ("top", "middle", "bottom", "trap", "skipped"):
            getattr(self, name).setObjectName(name)
        for w in (self.top, self.middle, group, self.bottom):
            layout.addWidget(w)


def test_the_walk_can_fail(qtbot) -> None:
    from fieldkit.gui.app import application

    application()
    dialog = Wrong()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert walk(dialog).problems() == []  # made in layout order: right
    QWidget.setTabOrder(dialog.bottom, dialog.middle)  # the button before the field above it
    QWidget.setTabOrder(dialog.middle, dialog.top)
    found = walk(dialog)
    assert any("against the reading order" in p and "'bottom'" in p for p in found.problems()), \
        found.problems()
    # a text that keeps Tab
    dialog.layout().addWidget(dialog.trap)
    dialog.trap.show()
    QWidget.setTabOrder(dialog.top, dialog.trap)
    found = walk(dialog)
    assert any(p.startswith("Tab stuck in QPlainTextEdit") for p in found.problems())
    # a table whose Tab goes from cell to cell is a trap too
    table = QTableWidget(20, 3)
    dialog.trap.setTabChangesFocus(True)
    dialog.layout().addWidget(table)
    table.show()
    table.setTabKeyNavigation(True)  # Qt's default, which the app's filter turns off on show
    found = walk(dialog)
    assert any(p.startswith("Tab stuck in QTableWidget") for p in found.problems())


def test_the_walk_finds_a_hidden_pane_and_a_skipped_control(window, qtbot) -> None:
    from fieldkit.gui import focus_order

    window.activateWindow()
    # the app's own Tab order, switched off: Qt's chain walks into the Coded segments pane
    # parked behind Search's tab
    real = focus_order.step
    focus_order.step = lambda *_a: False  # type: ignore[assignment]
    try:
        found = walk(window)
    finally:
        focus_order.step = real  # type: ignore[assignment]
    assert any("not on screen" in p and "SegmentsPanel" in p for p in found.problems()), \
        found.problems()
    # a control that says it takes Tab but is left out of the order
    extra = QLineEdit(window.codebook)
    extra.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    extra.move(0, 0)
    extra.show()
    real_takes = focus_order.takes_tab
    focus_order.takes_tab = lambda w: w is not extra and real_takes(w)  # type: ignore
    try:
        found = walk(window)
    finally:
        focus_order.takes_tab = real_takes  # type: ignore[assignment]
        extra.deleteLater()
    assert any("not reached by Tab" in p for p in found.problems()), found.problems()


def test_a_shown_table_lets_tab_leave(window, qtbot) -> None:
    # the app's filter turns a table's cell-by-cell Tab off as it is shown (arrows move)
    table = QTableWidget(20, 3, window.codebook)
    assert table.tabKeyNavigation()  # Qt's default: Tab goes from cell to cell
    table.show()
    assert not table.tabKeyNavigation()
    assert not window.search.table.tabKeyNavigation()


def mnemonic(text: str) -> str:
    """The letter after a single "&" ("" when there is none)."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def menu_problems(window, lists: set[str] = frozenset()) -> list[str]:  # noqa: ANN001, B006
    """Menus and actions a keyboard user cannot reach by their letters (Alt+letter, then
    the letter in the open menu): a title or action with no letter and no key, or two in one
    menu with one letter. In the menus titled in ``lists`` (recent projects, coders, panes,
    languages: names the researcher gave, reached with the arrow keys) only shared letters."""
    from PySide6.QtWidgets import QMenu

    problems = []

    def check_menu(title: str, actions: list, named: bool) -> None:  # noqa: ANN001
        letters: dict[str, str] = {}
        for action in actions:
            if action.isSeparator() or not action.isVisible():
                continue
            text = action.text()
            letter = mnemonic(text)
            if not letter and action.shortcut().isEmpty() and not named:
                problems.append(f"{title} → {text}: neither a letter nor a key")
            elif letter and letter in letters:
                problems.append(f"{title}: {letters[letter]} and {text} share '{letter}'")
            if letter:
                letters[letter] = text
            sub = action.menu()
            if isinstance(sub, QMenu):
                check_menu(f"{title} → {text}", sub.actions(), text in lists)

    check_menu("menu bar", window.menuBar().actions(), False)
    return problems


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_menu_action_is_reachable_by_keyboard(window, qtbot, language) -> None:
    from PySide6.QtGui import QKeySequence

    from fieldkit.gui.menu_bar import ACTIONS

    window.set_language(language)
    try:
        # every menu and action has its own letter (or a key of its own)
        lists = {i18n.tr(t) for t in ("Open &recent", "Show codings &by", "&Panes",
                                      "&Language")}
        problems = menu_problems(window, lists)
        assert problems == [], "\n".join(problems)
        # every key the shortcuts dialog lists works: one action per key (Qt runs none of
        # two actions that share a key) and each action sits in the window
        dialog = window.show_shortcuts()
        listed = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
        owners: dict[str, list[str]] = {}
        for name, action in window.actions_.items():
            assert action in window.actions(), name
            for key in action.shortcuts():
                owners.setdefault(key.toString(), []).append(name)
        for action in window.code_key_actions:
            owners.setdefault(action.shortcut().toString(), []).append("code key")
        shared = {k: v for k, v in owners.items() if len(v) > 1}
        assert shared == {}
        for name, (_label, keys) in ACTIONS.items():
            for key in keys:
                text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
                assert any(text in row.split(", ") for row in listed), (name, key)
        # and a key really runs its action
        spy = []
        window.actions_["find_code"].triggered.connect(lambda: spy.append(1))
        dialog.close()
        tree = window.navigator.findChild(QTreeView)
        tree.setFocus()
        qtbot.waitUntil(tree.hasFocus, timeout=2000)
        qtbot.keyClick(tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        release_modifiers(qtbot, tree)
        assert spy == [1]
        dialog.close()
    finally:
        i18n.install("en")


def test_the_menu_check_finds_a_shared_letter(window) -> None:
    menu = window.menuBar().addMenu("&Extra")
    menu.addAction("&Alpha")
    menu.addAction("&Another")
    menu.addAction("No letter")
    problems = menu_problems(window)
    assert any("share 'a'" in p for p in problems)
    assert any("No letter: neither" in p for p in problems)
