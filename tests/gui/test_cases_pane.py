"""The Cases pane and File → Import attributes… (issue 28), in the real window on a real
project; and both in Dutch, reachable by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldkit.gui import i18n


@pytest.fixture
def warnings(monkeypatch):
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *a: seen.append((title, text)))
    return seen


def names(panel) -> list[str]:  # noqa: ANN001
    return [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]


def transcript(project):  # noqa: ANN001, ANN201
    return next(d for d in project.documents() if d.kind == "transcript")


def test_alt_5_opens_the_cases_pane_with_the_keyboard_in_it(window, qtbot) -> None:
    assert window.cases_dock is None  # made when first asked for
    window.activateWindow()
    qtbot.keyClick(window.navigator.tree, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert window.cases_dock is not None and window.cases_dock.isVisible()
    panel = window.cases_dock.widget()
    qtbot.waitUntil(panel.table.hasFocus, timeout=2000)
    assert window.cases_dock.windowTitle() == "Cases"
    # beside Material, behind the same tabs
    assert window.cases_dock in window.tabifiedDockWidgets(window.nav_dock)


def test_add_with_documents_rename_delete_and_undo(window, project, qtbot) -> None:
    panel = window.show_cases()
    doc = transcript(project)
    assert panel.add_case(("Kees", [doc.id], None))
    assert names(panel) == ["Kees"]
    assert panel.model.index(0, 1).data() == "1"  # one member
    assert project.cases.get("Kees").documents == [doc.id]
    assert project.undo_label() == "Add case Kees"
    assert panel.rename_case("Kees de Vries")
    assert names(panel) == ["Kees de Vries"]
    assert panel.delete_case(ask=False)
    assert names(panel) == [] and project.cases.all() == []
    assert project.undo_label() == "Delete case Kees de Vries"
    window.undo()  # Edit → Undo brings the case back, with its document
    qtbot.waitUntil(lambda: names(panel) == ["Kees de Vries"], timeout=3000)
    assert project.cases.get("Kees de Vries").documents == [doc.id]


def test_a_speakers_turns_become_the_case(window, project) -> None:
    panel = window.show_cases()
    doc = transcript(project)
    assert panel.speakers([doc.id]) == ["Interviewer", "Kees"]
    assert panel.add_case(("Kees", [doc.id], "Kees"))
    case = project.cases.get("Kees")
    turns = [t for t in project.turns(doc.id) if t.speaker == "Kees"]
    assert case.parts == [(doc.id, t.start, t.end) for t in turns]
    assert case.documents == []
    # the members list names each part; activating one opens it with the part selected
    assert panel.members.count() == len(turns)
    item = panel.members.item(0)
    assert doc.title in item.text()
    panel._open_member(item)
    tab = window.current_tab()
    assert tab is not None and tab.doc_id == doc.id
    assert tab.text_view.selection_span() == (turns[0].start, turns[0].end)


def test_the_chosen_documents_in_material_go_into_a_new_case(window, project, qtbot) -> None:
    from fieldkit.gui.cases_panel import NewCaseDialog

    window.navigator.tabs.setCurrentIndex(1)  # the flat list
    window.navigator.table.selectAll()
    chosen = window.navigator.selected_documents()
    assert len(chosen) == 2
    panel = window.show_cases()
    dialog = NewCaseDialog(panel.chosen_documents(), panel.speakers(chosen), panel)
    assert dialog.with_documents.isChecked()
    assert dialog.with_documents.text() == "With the 2 documents chosen in Material"
    dialog.name.setText("Bezoek Hendriks")
    assert panel.add_case(dialog.values())
    assert sorted(project.cases.get("Bezoek Hendriks").documents) == sorted(chosen)


def test_a_name_in_use_is_refused_and_nothing_changes(window, project, warnings) -> None:
    panel = window.show_cases()
    assert panel.add_case(("Kees", [], None))
    label = project.undo_label()
    assert not panel.add_case(("kees", [], None))
    assert warnings and "Kees" in warnings[0][1]
    assert names(panel) == ["Kees"] and project.undo_label() == label


def test_cases_from_participants_and_their_coded_segments(window, project) -> None:
    panel = window.show_cases()
    doc = transcript(project)
    kees = project.ensure_participant("Kees")
    assert kees is not None
    assert panel.add_case(("Kees", [doc.id], None))
    project.ensure_participant("Henk")
    assert panel.from_participants()
    assert "Henk" in names(panel)
    assert project.undo_label() == "Make cases from participants"
    panel.choose("Kees")
    # the truth: every coding in the case's document
    expected = sorted(c.id for c in project.codings(doc=doc.id))
    assert expected and panel.segment_ids() == expected
    dialog = panel.show_segments()
    assert dialog.model.rowCount() == len(expected)
    assert dialog.windowTitle() == "Coded segments of Kees"
    dialog.close()


def test_import_attributes_from_a_table(window, project, tmp_path: Path, warnings) -> None:
    with project.action("cases"):
        project.cases.add("Kees")
        project.cases.add("Henk")
    table = tmp_path / "enquete.csv"
    table.write_text("naam;afdeling;jaren\r\nKees;Lasserij;2\r\nHenk;Lasserij;21\r\n"
                     "Anouk;Montage;10\r\n", encoding="utf-8")
    dialog = window.import_attributes(str(table))
    assert dialog.preview.rowCount() == 3 and dialog.preview.columnCount() == 3
    assert dialog.preview.horizontalHeaderItem(1).text() == "afdeling"
    # Anouk is no case: the facade refuses, the dialog says so and nothing changes
    before = project.attributes.values("cases")
    assert not dialog.run()
    assert warnings and "Anouk" in warnings[-1][1]
    assert project.attributes.values("cases") == before
    table.write_text("naam;afdeling;jaren\r\nKees;Lasserij;2\r\nHenk;Lasserij;21\r\n",
                     encoding="utf-8")
    dialog.close()
    dialog = window.import_attributes(str(table))
    dialog.key.setCurrentText("naam")
    assert dialog.run()
    assert project.attributes.values("cases")[project.cases.get("Henk").id]["jaren"] == 21
    assert project.undo_label() == "Import attributes from enquete.csv"
    project.undo()
    assert project.attributes.values("cases") == before


def test_an_unreadable_table_is_said_in_a_dialog(window, tmp_path: Path, warnings) -> None:
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"not a workbook")
    assert window.import_attributes(str(broken)) is None
    assert warnings and "kapot.xlsx" in warnings[-1][1]


def test_menus_reach_the_sheet_the_pane_and_the_import(window) -> None:
    entries = {a.text() for m in window.menuBar().actions() if m.menu()
               for a in m.menu().actions()}
    assert {"Classifica&tion sheet…", "Go to the cas&es", "Import attrib&utes…"} <= entries
    assert window.actions_["focus_cases"].shortcut().toString() == "Alt+5"


def test_the_sheet_and_the_pane_speak_dutch(window, project, qtbot) -> None:
    from tests.gui.test_dutch_screens import still_english, visible_strings, walk

    with project.action("set up"):
        project.attributes.define("leerling", "boolean")
        case = project.cases.add("Kees", documents=[transcript(project).id])
        project.attributes.set(case, "leerling", "ja")
    window.set_language("nl")
    try:
        qtbot.wait(50)  # the docks' tabs take their new titles in the next layout pass
        panel = window.show_cases()
        panel.choose("Kees")
        sheet = window.show_sheet()
        qtbot.waitExposed(sheet)
        assert sheet.windowTitle() == "Classificatieblad"
        assert sheet.go_to("Kees", "leerling").data() == "ja"
        assert window.cases_dock.windowTitle() == "Cases"
        strings = walk(window) + walk(sheet)
        for menu_action in window.menuBar().actions():
            strings += visible_strings(menu_action.menu())
        from fieldkit.gui.attribute_dialog import AttributeDialog
        from fieldkit.gui.cases_panel import NewCaseDialog

        for dialog in (AttributeDialog(sheet), NewCaseDialog([1], ["Kees"], panel)):
            dialog.show()
            strings += walk(dialog)
            dialog.close()
        bad = still_english(strings)
        assert bad == [], "\n".join(bad)
        texts = {t for _w, t in strings}
        assert {"&Nieuw kenmerk…", "Nieuwe case…", "Cases uit deelnemers"} <= texts
        sheet.close()
    finally:
        i18n.install("en")


def test_tab_walks_the_sheet_and_the_pane(window, project, qtbot) -> None:
    from tests.gui.test_focus_order import check

    with project.action("set up"):
        project.attributes.define("jaren", "number")
        project.cases.add("Kees")
    window.show_cases()
    assert check(window, "main window with Cases") == []
    sheet = window.show_sheet()
    qtbot.waitExposed(sheet)
    assert check(sheet, "classification sheet") == []
    sheet.close()


def test_material_makes_a_case_of_the_chosen_documents(window, project, monkeypatch) -> None:
    from fieldkit.gui.cases_panel import NewCaseDialog

    window.navigator.tabs.setCurrentIndex(1)
    window.navigator.table.selectAll()
    chosen = sorted(window.navigator.selected_documents())
    menu = window.navigator.context_menu()
    entry = next(a for a in menu.actions() if a.text() == "New case of these documents…")
    assert entry.isEnabled()

    def answer(dialog: NewCaseDialog) -> int:  # the researcher types a name and presses OK
        dialog.name.setText("Hendriks")
        return NewCaseDialog.DialogCode.Accepted

    monkeypatch.setattr(NewCaseDialog, "exec", answer)
    entry.trigger()
    assert sorted(project.cases.get("Hendriks").documents) == chosen
    assert window.cases_dock.isVisible()
    window.navigator.table.clearSelection()
    assert not next(a for a in window.navigator.context_menu().actions()
                    if a.text() == "New case of these documents…").isEnabled()


def test_a_participants_case_holds_their_documents(demo, qtbot) -> None:
    from tests.gui.conftest import open_window

    for window in open_window(qtbot, demo):
        panel = window.show_cases()
        assert panel.from_participants()
        person = demo.participants()[0].pseudonym
        assert panel.choose(person)
        # the truth: the documents the demo gives this participant, and their codings
        docs = sorted(d.id for d in demo.documents() if d.participant == person)
        assert docs
        row = names(panel).index(person)
        assert panel.model.index(row, 1).data() == str(len(docs))
        listed = sorted(panel.members.item(i).data(0x0100 + 5)[0]
                        for i in range(panel.members.count()))
        assert listed == docs
        assert f"(participant {person})" in panel.members.item(0).text()
        codings = sorted(c.id for c in demo.codings() if c.document_id in docs)
        assert panel.segment_ids() == codings


def test_the_pane_keys_rename_and_delete_and_the_model_passes(window, project, qtbot,
                                                              monkeypatch,
                                                              qtmodeltester) -> None:
    from PySide6.QtWidgets import QInputDialog

    panel = window.show_cases()
    assert panel.add_case(("Kees", [], None))
    assert panel.add_case(("Henk", [], None))
    qtmodeltester.check(panel.model)
    panel.choose("Kees")
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Kees V.", True))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    assert names(panel) == ["Henk", "Kees V."]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    panel.choose("Kees V.")
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert names(panel) == ["Henk"] and "Kees V." in asked[0]
    # each list's Delete is its own: two window-wide ones would cancel each other out
    from PySide6.QtGui import QShortcut

    deletes = [s for s in window.findChildren(QShortcut) if s.key().toString() == "Del"]
    assert len(deletes) == 2
    assert {s.context() for s in deletes} == {Qt.ShortcutContext.WidgetShortcut}
