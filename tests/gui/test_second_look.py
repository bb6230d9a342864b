"""Issue 25, the app's second look: keyboard, New code…, Dutch labels, screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from fieldkit.gui.document_tab import DocumentTab
from tests.gui.conftest import open_window


def open_transcript(window) -> DocumentTab:
    doc_id = next(d.id for d in window.project.documents() if d.kind == "transcript")
    tab = window.open_document(doc_id)
    assert tab is not None and tab.text_view is not None
    return tab


def settled(window, qtbot) -> None:  # noqa: ANN001
    """Wait until the new window has fitted itself to the screen (``fit_to_screen``, 200 ms
    after it is shown) and is the active window: a menu opened before that was closed again at
    once by the window's own resize, now and then, and the test saw no menu."""
    from fieldkit.gui.window_layout import screen_rect

    qtbot.waitUntil(lambda: screen_rect(window).contains(window.frameGeometry()), timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


def menu_texts_after(qtbot, press) -> list[str]:  # noqa: ANN001
    """Run ``press``; return the entries of the context menu it opened (then close it)."""
    seen: list[str] = []
    while QApplication.activePopupWidget() is not None:  # one left open by an earlier test
        QApplication.activePopupWidget().close()

    done: list[bool] = []

    def grab() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu) and not done:  # a late timer must not take a later menu
            seen.extend(a.text() for a in popup.actions() if not a.isSeparator())
            # opened from the keyboard: on its first item, so a screen reader says it at once
            active = popup.activeAction()
            seen.append(f"active: {active.text() if active else None}")
            popup.close()

    QTimer.singleShot(200, grab)
    QTimer.singleShot(1500, grab)  # in case the first came too early
    press()
    done.append(True)
    qtbot.wait(50)
    return seen


def test_ctrl_shift_s_moves_focus_into_an_open_segments_pane(window, qtbot) -> None:
    open_transcript(window).text_view.setFocus()
    window.show_segments()
    window.focus_document()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not window.segments.table, timeout=2000)
    window.actions_["segments"].trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.segments.table, timeout=2000)


def test_alt_2_goes_to_find_a_code(window, qtbot) -> None:
    window.actions_["focus_codebook"].trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.codebook.filter, timeout=2000)


def test_shift_f10_and_the_menu_key_open_the_codebook_menu(window, qtbot) -> None:
    settled(window, qtbot)
    tree = window.codebook.tree
    window.codebook.select_code(window.project.code("Technology/New machine").id)
    tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tree, timeout=2000)
    for key, mods in ((Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
                      (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier)):
        seen = menu_texts_after(qtbot, lambda k=key, m=mods: qtbot.keyClick(tree, k, m))
        assert "Rename…" in seen and "Apply to selection" in seen, seen
        assert "active: New code…" in seen, seen


def test_shift_f10_in_the_document_offers_code_with_and_recent_codes(window, qtbot) -> None:
    settled(window, qtbot)
    tab = open_transcript(window)
    view = tab.text_view
    start = tab.doc.text.index("gewoon opnieuw")
    view.select_span(start, start + len("gewoon"))
    window.coding.apply(window.project.code("Technology/New machine").id)  # now a recent code
    view.select_span(start, start + len("gewoon opnieuw"))
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=2000)
    seen = menu_texts_after(
        qtbot, lambda: qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier))
    assert "Code with…" in seen, seen
    assert "Code with Technology/New machine" in seen, seen
    menu = QMenu()
    view.fill_menu(menu, [])
    recent = next(a for a in menu.actions() if a.text() == "Code with Technology/New machine")
    recent.trigger()
    code_id = window.project.code("Technology/New machine").id
    spans = {(c.start, c.end) for c in window.project.codings(doc=tab.doc_id, code=code_id)}
    assert (start, start + len("gewoon opnieuw")) in spans


def test_plain_digits_in_the_codebook_apply_the_numbered_code(window, qtbot) -> None:
    tab = open_transcript(window)
    start = tab.doc.text.index("de nieuwe machine")
    tab.text_view.select_span(start, start + len("de nieuwe machine"))
    keys = window.codebook.model.keys
    code_id, _key = next((c, k) for c, k in keys.items() if k == "Ctrl+2")
    before = len(window.project.codings(code=code_id))
    window.codebook.tree.setFocus()
    qtbot.keyClick(window.codebook.tree, Qt.Key.Key_2)
    assert len(window.project.codings(code=code_id)) == before + 1


def test_new_code_with_an_existing_name_says_so_and_codes_with_it(window, qtbot) -> None:
    project = window.project
    tab = open_transcript(window)
    start = tab.doc.text.index("de ervaren operator")
    tab.text_view.select_span(start, start + len("de ervaren operator"))
    codes_before = len(list(project.codes_with_counts()))
    dialog = window.coding.new_code(None)
    assert dialog is not None
    dialog.name.setText("technology/new machine")
    assert "exists" in dialog.preview.text() and "Technology/New machine" in dialog.preview.text()
    assert dialog.ok.isEnabled()
    dialog.accept()
    code_id = project.code("Technology/New machine").id
    assert (start, start + len("de ervaren operator")) in {
        (c.start, c.end) for c in project.codings(code=code_id)}
    assert len(list(project.codes_with_counts())) == codes_before
    assert project.undo_label() == "Code with Technology/New machine"
    project.undo()  # one step, and it takes only the coding back; the code stays
    assert project.code("Technology/New machine").id == code_id
    # without a selection there is nothing to do with an existing name
    tab.text_view.select_span(start, start)
    dialog = window.coding.new_code(None)
    dialog.name.setText("Technology/New machine")
    assert "exists already" in dialog.preview.text() and not dialog.ok.isEnabled()
    dialog.reject()


def test_dutch_undo_label_of_a_transcription_and_one_word_for_coders(project, qtbot) -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.change_labels import shown

    gen = open_window(qtbot, project)
    next(gen)
    try:
        i18n.install("nl")
        assert shown("Transcribe talk") == "Transcriberen: talk"
        everyone = {i18n.tr("All coders"), i18n.tr("Every coder")}
        assert everyone == {"Alle codeurs"}
    finally:
        i18n.install("en")
        next(gen, None)


def test_the_new_code_entry_uses_a_plain_plus(window) -> None:
    from fieldkit.gui.quick_code import QuickCodeBox

    box = QuickCodeBox([("Learning", "#34a853")], "Code with…", window)
    box.edit.setText("Canteen talk")
    texts = [box.list.item(i).text() for i in range(box.list.count())]
    box.close()
    assert any(t.startswith("+ ") for t in texts), texts
    assert not any("＋" in t for t in texts)


def test_the_screenshot_waits_for_a_late_window_manager(project, qtbot, tmp_path: Path,
                                                        monkeypatch) -> None:
    """A window manager that applies sizes late (a busy machine): the picture still has the
    asked-for size, not the size the window had when it was first shown."""
    from fieldkit.gui import app as app_module
    from fieldkit.gui.main_window import MainWindow

    app_module.application()
    window = MainWindow(project)
    qtbot.addWidget(window)
    real_resize = window.resize

    def late_resize(*args) -> None:  # noqa: ANN002
        QTimer.singleShot(300, window, lambda: real_resize(*args))

    real_resize(796, 796)
    monkeypatch.setattr(window, "resize", late_resize)
    out = tmp_path / "shot.png"
    assert app_module.take_screenshot(window, out) == 0
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.size() == QSize(1440, 900)


def test_the_export_extension_follows_the_format_and_errors_keep_the_dialog(window, qtbot,
                                                                           tmp_path: Path) -> None:
    import docx

    dialog = window.export_dialog("docx")
    dialog.path.setText(str(tmp_path / "all.xlsx"))  # the name of an earlier Excel export
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert (tmp_path / "all.docx").exists() and not (tmp_path / "all.xlsx").exists()
    assert docx.Document(str(tmp_path / "all.docx")).paragraphs
    # a folder that is not there: said in the dialog, which stays open with its settings
    dialog = window.export_dialog("xlsx")
    dialog.coder.setCurrentIndex(dialog.coder.findData("Bram"))
    dialog.path.setText(str(tmp_path / "nowhere" / "tables.xlsx"))
    dialog.export_button.click()
    assert dialog.isVisible() and "does not exist" in dialog.hint.text()
    assert dialog.coder.currentData() == "Bram"
    assert not (tmp_path / "nowhere").exists()
    dialog.reject()


def test_coded_segments_show_many_rows_a_whole_preview_and_an_honest_picker(demo, qtbot) -> None:
    for window in open_window(qtbot, demo):
        window.resize(1440, 900)
        window.show()
        qtbot.wait(300)  # the first layout pass (fit to screen)
        book = demo.codebook()
        counts = {c.id: len(demo.codings(code=c.id)) for _d, c in book.walk()}
        code_id = max(counts, key=lambda c: counts[c])
        panel = window.show_segments([code_id])
        qtbot.waitUntil(lambda p=panel: p.model.rowCount() >= 8, timeout=5000)
        qtbot.wait(100)
        table = panel.table
        rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
        assert rows >= 5, rows  # not 1–4 (on the offscreen 800-pixel screen): filters fold away
        # the preview shows the current segment whole, with the text around it
        table.setCurrentIndex(panel.model.index(0, 1))
        coding = panel.current_coding()
        preview = panel.preview.toPlainText()
        assert " ".join(coding.quote.split()) in " ".join(preview.split())
        assert len(preview) > len(coding.quote) + 40
        # the picker's button below the list does not say "No codes chosen" while two are
        other = next(c for c in counts if c != code_id)
        panel.codes.set_checked([code_id, other])
        assert panel.codes.clear_button.text() == "Choose none (2 chosen)"
        assert panel.codes.clear_button.isEnabled()
        panel.codes.set_checked([])
        assert not panel.codes.clear_button.isEnabled()
        # a folded filter in use is said on its button
        panel.coder.setCurrentIndex(1)
        assert panel.more.text() == "More filters (1 in use)"


def _cut_short(view) -> list[str]:  # noqa: ANN001
    """Header labels of ``view`` narrower than their text while the table has free room."""
    header = view.horizontalHeader()
    model = view.model()
    free = view.viewport().width() - sum(header.sectionSize(c) for c in range(header.count()))
    out = []
    for c in range(header.count()):
        label = str(model.headerData(c, Qt.Orientation.Horizontal))
        needs = header.fontMetrics().horizontalAdvance(label) + 16
        if header.sectionSize(c) < needs and free > needs:
            out.append(label)
    return out


def test_analysis_columns_show_whole_names_while_there_is_room(demo, qtbot) -> None:
    for window in open_window(qtbot, demo):
        window.resize(1440, 900)
        analysis = window.show_analysis()
        analysis.resize(1300, 800)
        qtbot.waitExposed(analysis)
        for view in (analysis.relations, analysis.matrix):
            analysis.tabs.setCurrentWidget(view)
            qtbot.wait(50)
            assert view.model.columnCount() > 1
            assert _cut_short(view.table) == [], type(view).__name__
        # the drill-down: the segment column is not cut while the memo column is wide
        rel = analysis.relations
        analysis.tabs.setCurrentWidget(rel)
        for r in range(rel.model.rowCount()):
            for c in range(rel.model.columnCount()):
                if not analysis.dialogs and rel.model.data(rel.model.index(r, c)) not in (
                        "0", "", None):
                    rel.drill(rel.model.index(r, c))
        dialog = analysis.dialogs[-1]
        qtbot.waitExposed(dialog)
        header = dialog.table.horizontalHeader()
        assert header.sectionSize(1) > header.sectionSize(6)  # Segment wider than Memo
        assert header.sectionSize(0) >= 100
        assert sum(header.sectionSize(c) for c in range(7)) <= dialog.table.viewport().width()
        for opened in analysis.dialogs:
            opened.close()
            opened.deleteLater()
        analysis.close()


def test_file_dialogs_start_in_the_folder_last_used_for_that_kind(window, qtbot, tmp_path: Path,
                                                                  monkeypatch) -> None:
    from fieldkit.gui import import_dialog

    exports = tmp_path / "reports"
    exports.mkdir()
    dialog = window.export_dialog("docx")
    dialog.path.setText(str(exports / "first.docx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    again = window.export_dialog("xlsx")  # the next export starts where the last one went
    assert Path(again.path.text()).parent == exports
    again.reject()
    # imports remember their own folder, apart from exports
    sources = tmp_path / "interviews"
    sources.mkdir()
    (sources / "a.txt").write_text("Kees: hallo 🙂\r\n", encoding="utf-8")
    asked: list[str] = []

    def pick(_parent, _title, start, *_rest):  # noqa: ANN001, ANN202
        asked.append(start)
        return [str(sources / "a.txt")], ""

    monkeypatch.setattr(import_dialog.QFileDialog, "getOpenFileNames", staticmethod(pick))
    first = window.import_dialog()
    first._pick()
    first.reject()
    second = window.import_dialog()
    second._pick()
    second.reject()
    assert asked[0] == str(Path.home()) and Path(asked[1]) == sources


def test_the_welcome_window_says_where_the_demo_is_and_shows_it(qtbot, tmp_path: Path,
                                                                 monkeypatch) -> None:
    from fieldkit.gui import i18n, welcome
    from fieldkit.gui.app import application

    application()
    i18n.install("en")
    demo = tmp_path / "data" / "Demo.fieldkit"
    demo.parent.mkdir()
    w = welcome.WelcomeWindow(demo_path=demo)
    qtbot.addWidget(w)
    w.show()
    assert w.demo_where.isVisible() and str(demo) in w.demo_where.text()
    opened: list[str] = []
    monkeypatch.setattr(welcome.QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    w.show_demo_folder.click()
    assert opened == [str(demo.parent)]
    i18n.install("nl")
    w.retranslate()
    assert w.show_demo_folder.text() == "Tonen in map" and "staat in" in w.demo_where.text()
    i18n.install("en")


def test_narrow_panes_give_the_names_the_width(demo, qtbot) -> None:
    """At 1024×700 the side panes are about 200 pixels: titles and names stay readable, every
    column of the Coded segments table stays in view."""
    for window in open_window(qtbot, demo):
        nav = window.navigator
        nav.tabs.setCurrentIndex(1)  # All documents
        window.resizeDocks([window.nav_dock], [200], Qt.Orientation.Horizontal)
        qtbot.wait(100)
        table = nav.table
        width = table.viewport().width()
        assert table.columnWidth(0) >= 0.3 * width, (table.columnWidth(0), width)
        shown = [c for c in range(6) if not table.isColumnHidden(c)]
        assert 0 in shown and 2 in shown and len(shown) >= 3  # title, site and more
        assert sum(table.columnWidth(c) for c in shown) <= width + 1
        window.show_segments()
        window.segments.table.resize(600, 200)
        qtbot.wait(50)
        seg = window.segments.table
        shown = [c for c in range(7) if not seg.isColumnHidden(c)]
        assert {0, 1, 3, 5, 6} <= set(shown)  # code, segment, document, coder, memo in view
        assert sum(seg.columnWidth(c) for c in shown) <= seg.viewport().width() + 1
        assert min(seg.columnWidth(c) for c in shown) >= 48


def test_new_code_says_when_the_name_is_already_used_elsewhere(window) -> None:
    dialog = window.coding.new_code(None)
    dialog.name.setText("Observation")  # at the top; the codebook has Learning/…/Observation
    text = dialog.preview.text()
    assert "Makes the code: Observation" in text
    assert "Learning/Informal/Observation" in text
    dialog.reject()
