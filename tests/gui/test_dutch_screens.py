"""What a Dutch researcher sees is Dutch: every window, pane, dialog and menu is walked and any
visible string that is still its English source fails the test (data such as code names and
document titles excepted: they are not interface strings)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from fieldkit.gui import i18n
from tests.gui.conftest import interface_strings, literal_calls, open_window

GUI = Path(i18n.__file__).parent
PLACEHOLDER = re.compile(r"\{\w*\}|%Ln|%n")


def english_sources() -> set[str]:
    """Every interface string in its English source form (tr/ntr literals and tables)."""
    return interface_strings() | literal_calls("ntr")


def _plain(text: str) -> str:
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def english_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Patterns of English strings that Dutch shows differently (same-word ones left out)."""
    dutch = i18n.read_language("nl")
    english_plurals = i18n.read_language_plurals("en")
    out = []
    for source in english_sources():
        if _plain(dutch.get(source, "")) == _plain(source):
            continue  # "Code", "Memo", "Kappa": the same word in both languages
        for form in english_plurals.get(source, [source]):
            plain = _plain(form)
            parts = PLACEHOLDER.split(plain)
            if not "".join(parts).strip(" .,:;…()%·-–/"):
                continue  # nothing but a number or a name
            # a count is digits; a {name} is anything
            fills = [r"[\d.,]+" if p.startswith("%") else r"[\s\S]+?"
                     for p in PLACEHOLDER.findall(plain)]
            regex = re.escape(parts[0]) + "".join(
                fill + re.escape(part) for fill, part in zip(fills, parts[1:], strict=True))
            out.append((re.compile(f"^{regex}$"), source))
    return out


def multiword_sources() -> list[str]:
    """Plain English phrases whose appearance inside a longer text gives it away."""
    dutch = i18n.read_language("nl")
    return [_plain(s) for s in english_sources()
            if not PLACEHOLDER.search(s) and len(s.split()) >= 3
            and _plain(dutch.get(s, "")) != _plain(s)]


def visible_strings(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every interface string a person can read in ``widget``."""
    out: list[tuple[str, str]] = []
    where = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
    if widget.isWindow() or isinstance(widget, QDockWidget):
        out.append((where + " title", widget.windowTitle()))
    if not widget.isVisible() and not isinstance(widget, QMenu):
        return out
    if isinstance(widget, QLabel):
        text = widget.text()
        if "<" in text:
            doc = QTextDocument()
            doc.setHtml(text)
            text = doc.toPlainText()
        out.append((where, text))
    elif isinstance(widget, QAbstractButton):
        out.append((where, widget.text()))
        out.append((where + " tooltip", widget.toolTip()))
    elif isinstance(widget, QLineEdit):
        out.append((where + " placeholder", widget.placeholderText()))
    elif isinstance(widget, QPlainTextEdit) and widget.isReadOnly() is False:
        out.append((where + " placeholder", widget.placeholderText()))
    elif isinstance(widget, QComboBox):
        out += [(where + " item", widget.itemText(i)) for i in range(widget.count())]
    elif isinstance(widget, QTabBar):
        out += [(where + " tab", widget.tabText(i)) for i in range(widget.count())]
    elif isinstance(widget, QGroupBox):
        out.append((where, widget.title()))
    elif isinstance(widget, QTextBrowser):
        out += [(where, line) for line in widget.toPlainText().splitlines()]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        header = getattr(widget, "header", None) or getattr(widget, "horizontalHeader", None)
        if header is not None and not header().isHidden():
            out += [(where + " header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                    for c in range(model.columnCount())]
    if isinstance(widget, QMenu):
        out.append((where + " menu", widget.title()))
        for action in widget.actions():
            out.append((where + " entry", action.text()))
            if action.menu() is not None:
                out += visible_strings(action.menu())
    return out


def still_english(strings: list[tuple[str, str]]) -> list[str]:
    patterns = english_patterns()
    phrases = multiword_sources()
    bad = []
    for where, raw in strings:
        for line in raw.splitlines():
            text = _plain(line)
            if not text:
                continue
            hit = next((src for rx, src in patterns if rx.match(text)), None)
            hit = hit or next((p for p in phrases if p in text), None)
            if hit is not None:
                bad.append(f"{where}: {text!r} (English source {hit!r})")
    return bad


def walk(*widgets: QWidget) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for top in widgets:
        for w in [top, *top.findChildren(QWidget)]:
            out += visible_strings(w)
    return out


@pytest.fixture
def dutch_window(qtbot, demo):
    for w in open_window(qtbot, demo):
        w.set_language("nl")
        yield w
    i18n.install("en")


def test_the_walk_finds_english_when_it_is_there(dutch_window) -> None:
    # the check must be able to fail: an English label on a Dutch screen is caught
    label = QLabel("Accept all shown", dutch_window)
    label.show()
    assert any("Accept all shown" in b for b in still_english(walk(dutch_window)))
    label.deleteLater()


def test_every_window_dock_dialog_and_menu_speaks_dutch(dutch_window, qtbot, monkeypatch,
                                                        tmp_path: Path) -> None:
    from fieldkit.gui import runner
    from fieldkit.gui.agreement_dialog import AgreementDialog
    from fieldkit.gui.code_hits_dialog import CodeHitsDialog
    from fieldkit.gui.new_code_dialog import NewCodeDialog
    from fieldkit.gui.survey_preview import open_preview
    from tests.importers import survey_files

    window = dutch_window
    project = window.project
    doc = next(d for d in project.documents() if d.kind == "transcript")
    tab = window.open_document(doc.id)
    photo = next(d for d in project.documents() if d.kind == "photo")
    window.open_document(photo.id)
    window.tabs.setCurrentWidget(tab)
    # a change made now, shown in the menu and status bar
    start = tab.doc.text.index(" ") + 1
    tab.text_view.select_span(start, start + 5)
    window.apply_key("Ctrl+1")
    window.search.run("machine")
    window.show_suggestions()
    panel = window.suggestions_dock.widget()
    seen: list[str] = []
    real = runner.shown
    monkeypatch.setattr(runner, "shown", lambda m: seen.append(real(m)) or real(m))
    panel.train()  # the training progress dialog
    window.runner.wait()
    panel._runner.wait()
    qtbot.waitUntil(lambda: panel.train_button.isEnabled(), timeout=20000)
    strings = walk(window) + [("progress", m) for m in seen]
    for menu_action in window.menuBar().actions():
        strings += visible_strings(menu_action.menu())
    # each dialog in turn
    agreement = AgreementDialog(project, window)
    agreement.show()
    strings += walk(agreement)
    index = agreement.proxy.index(0, 0)
    side = agreement.show_disagreements(index)
    assert side is not None
    strings += walk(side)
    window.codebook.tree.setFocus()
    window.coding.new_code(None)
    strings += walk(window.findChild(NewCodeDialog))
    hits = window.coding.code_hits("machine", "hit")
    assert isinstance(hits, CodeHitsDialog)
    strings += walk(hits)
    strings += walk(window.import_dialog())
    preview = open_preview(project, str(survey_files.qualtrics_csv(tmp_path)), window)
    preview.show()
    strings += walk(preview)
    strings += walk(window.show_shortcuts())
    tab.text_view.select_span(start, start + 5)
    strings += walk(window.coding.quick_code())
    note = window.quick_note()
    strings += walk(note)
    team = window.team_dialog()  # publish or join (the demo is no team's)
    strings += walk(team)
    window.code_dock.raise_()
    strings += walk(window)
    bad = still_english(strings)
    assert bad == [], "\n".join(bad)
    assert len(strings) > 300  # the walk really saw the screens
    for w in (agreement, side, hits, note, team, preview):
        w.close()


def test_undo_labels_follow_the_language_and_english_comes_back(dutch_window, qtbot) -> None:
    window = dutch_window
    window.set_language("en")
    tab = window.open_document(next(d.id for d in window.project.documents()
                                    if d.kind == "transcript"))
    tab.text_view.select_span(0, 5)
    window.apply_key("Ctrl+1")  # made in English
    path = window.project.code_path(window.project.codings(doc=tab.doc_id)[-1].code_id)
    assert window.undo_status.text() == f"Last change: Code with {path}" or \
        window.undo_status.text().startswith("Last change: ")
    window.show_suggestions()
    window.set_language("nl")
    undo = window.actions_["undo"].text()
    assert "Code with" not in undo and "Coderen met" in undo, undo
    assert window.undo_status.text().startswith("Laatste wijziging")
    assert "Code with" not in window.undo_status.text()
    panel = window.suggestions_dock.widget()
    assert panel.train_button.text() == "Trainen"
    window.set_language("en")  # every dock back in English
    assert panel.train_button.text() == "Train"
    assert panel.like.text() == "Like these coded segments:"
    assert window.suggestions_dock.windowTitle() == "Suggested codings"
    assert window.actions_["undo"].text().startswith("&Undo Code with")


def test_numbers_are_written_the_dutch_way(dutch_window) -> None:
    from fieldkit.gui.agreement_dialog import AgreementDialog

    dialog = AgreementDialog(dutch_window.project, dutch_window)
    dialog.show()
    assert "," in dialog.threshold.text() or dialog.threshold.decimals() == 0
    percent = next(str(dialog.proxy.index(r, 3).data()) for r in range(dialog.proxy.rowCount())
                   if dialog.proxy.index(r, 3).data() not in (None, "–"))
    assert "." not in percent and "," in percent, percent
    assert "." not in dialog.summary.text().split("kappa")[0].split(":")[-1]
    dialog.close()
    QApplication.processEvents()
