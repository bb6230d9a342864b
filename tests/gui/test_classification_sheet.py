"""The classification sheet (issue 28): cases × attributes edited like a spreadsheet, on a real
project in a temporary folder, through the real window's View → Classification sheet…."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QMessageBox,
    QStyleOptionViewItem,
)

from fieldkit.gui.sheet_model import block_text, parse_block

PEOPLE = {  # case → jaren, afdeling, start, leerling, notitie
    "Kees": (2, "Lasserij", "2021-03-01", True, "nieuw 🙂"),
    "Henk": (21, "Lasserij", "2004-09-15", False, "ervaren"),
    "Anouk": (10, "Montage", None, None, "café"),
    "Bram": (None, None, None, None, None),
}
NAMES = ("jaren", "afdeling", "start", "leerling", "notitie")


@pytest.fixture
def studied(project):
    """The test project with four cases and five typed attributes, values filled in."""
    with project.action("set up"):
        project.attributes.define("jaren", "number")
        project.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
        project.attributes.define("start", "date")
        project.attributes.define("leerling", "boolean")
        project.attributes.define("notitie", "text")
        for name, values in PEOPLE.items():
            case = project.cases.add(name)
            for attribute, value in zip(NAMES, values, strict=True):
                if value is not None:
                    project.attributes.set(case, attribute, value)
    return project


@pytest.fixture
def warnings(monkeypatch):
    """The warnings the sheet shows (title, text), instead of modal dialogs."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *a: seen.append((title, text)))
    return seen


@pytest.fixture
def sheet(window, studied, qtbot):
    shown = window.show_sheet()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


def values(project, name: str) -> dict:
    case = project.cases.get(name)
    return project.attributes.values("cases")[case.id]


def cell(sheet, row_name: str, attribute: str):
    index = sheet.go_to(row_name, attribute)
    assert index.isValid(), (row_name, attribute)
    return index


def edit_with_editor(sheet, index, fill) -> None:  # noqa: ANN001
    """Open the cell's real editor, let ``fill`` set it, and commit it as Enter would."""
    delegate = sheet.table.itemDelegate()
    editor = delegate.createEditor(sheet.table.viewport(), QStyleOptionViewItem(), index)
    delegate.setEditorData(editor, index)
    fill(editor)
    delegate.setModelData(editor, sheet.proxy, index)
    editor.deleteLater()


def test_the_sheet_shows_every_case_and_typed_value(sheet, studied) -> None:
    model = sheet.model
    assert [r.name for r in model.rows] == sorted(PEOPLE, key=str.casefold)
    assert [c.name for c in model.columns] == list(NAMES)
    assert cell(sheet, "Kees", "leerling").data() == "yes"
    assert cell(sheet, "Henk", "jaren").data() == "21"
    assert cell(sheet, "Bram", "afdeling").data() == ""
    assert cell(sheet, "Kees", "notitie").data() == "nieuw 🙂"
    # the header says the type in words (no colour-only meaning)
    assert "Number" in model.headerData(model.column_of("jaren"), Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.ToolTipRole)


def test_editing_a_cell_stores_a_typed_value(sheet, studied, qtbot) -> None:
    index = cell(sheet, "Bram", "jaren")
    sheet.table.setFocus()
    qtbot.keyClick(sheet.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.validator() is not None
    editor.setText("3,5")  # a Dutch decimal comma
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits it a moment later
    qtbot.waitUntil(lambda: "jaren" in values(studied, "Bram"), timeout=3000)
    assert values(studied, "Bram")["jaren"] == 3.5
    assert cell(sheet, "Bram", "jaren").data() == "3.5"
    assert studied.undo_label() == "Set jaren of Bram"
    assert index.isValid()


def test_each_type_has_its_editor(sheet, studied) -> None:
    start = cell(sheet, "Anouk", "start")
    edit_with_editor(sheet, start, lambda e: (isinstance(e, QDateEdit) or pytest.fail(e),
                                              e.setDate(QDate(2019, 2, 28))))
    assert values(studied, "Anouk")["start"] == "2019-02-28"
    learner = cell(sheet, "Anouk", "leerling")
    edit_with_editor(sheet, learner, lambda e: e.setCurrentIndex(e.findData("true")))
    assert values(studied, "Anouk")["leerling"] is True
    department = cell(sheet, "Bram", "afdeling")

    def choose(editor: QComboBox) -> None:
        assert [editor.itemText(i) for i in range(1, editor.count())] == ["Lasserij", "Montage"]
        editor.setCurrentIndex(editor.findData("Montage"))

    edit_with_editor(sheet, department, choose)
    assert values(studied, "Bram")["afdeling"] == "Montage"
    # choosing "(no value)" clears it
    edit_with_editor(sheet, cell(sheet, "Bram", "afdeling"), lambda e: e.setCurrentIndex(0))
    assert "afdeling" not in values(studied, "Bram")


def test_an_unchanged_edit_makes_no_undo_step(sheet, studied) -> None:
    before = studied.undo_label()
    edit_with_editor(sheet, cell(sheet, "Kees", "leerling"),
                     lambda e: e.setCurrentIndex(e.findData("true")))
    assert studied.undo_label() == before


def test_a_wrong_value_is_refused_and_nothing_changes(sheet, studied, warnings) -> None:
    before = values(studied, "Henk")
    label = studied.undo_label()
    index = cell(sheet, "Henk", "start")
    assert not sheet.proxy.setData(index, "31-2-2024")
    assert warnings and "31-2-2024" in warnings[0][1]
    assert values(studied, "Henk") == before and studied.undo_label() == label
    assert cell(sheet, "Henk", "start").data() == "2004-09-15"


def test_pasting_a_block_from_excel_is_one_undo_step(sheet, studied) -> None:
    sheet.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Anouk, Bram, Henk, Kees
    before = {name: values(studied, name) for name in PEOPLE}
    cell(sheet, "Bram", "jaren")
    # Excel's clipboard: tab-separated, CRLF line ends, a last line break
    assert sheet.paste("4\tMontage\r\n7,25\tlasserij\r\n30\tLasserij\r\n")
    assert values(studied, "Bram")["jaren"] == 4
    assert values(studied, "Bram")["afdeling"] == "Montage"
    assert values(studied, "Henk")["jaren"] == 7.25
    assert values(studied, "Henk")["afdeling"] == "Lasserij"  # the choice's own spelling
    assert values(studied, "Kees")["jaren"] == 30
    assert studied.undo_label() == "Paste 6 values"
    assert cell(sheet, "Henk", "jaren").data() == "7.25"
    studied.undo()
    assert {name: values(studied, name) for name in PEOPLE} == before
    QApplication.processEvents()
    sheet.reload()
    assert cell(sheet, "Henk", "jaren").data() == "21"


def test_a_bad_paste_names_the_cell_and_pastes_nothing(sheet, studied, warnings) -> None:
    before = {name: values(studied, name) for name in PEOPLE}
    label = studied.undo_label()
    cell(sheet, "Anouk", "jaren")
    assert not sheet.paste("4\tMontage\nveel\tLasserij\n6\tMontage")
    title, text = warnings[-1]
    assert title == "Nothing was pasted"
    assert "Bram" in text and "jaren" in text and "veel" in text
    # an unknown choice, and a block past the last column or into the names
    cell(sheet, "Anouk", "afdeling")
    assert not sheet.paste("Gieterij")
    assert "Gieterij" in warnings[-1][1] and "Anouk" in warnings[-1][1]
    cell(sheet, "Anouk", "notitie")
    assert not sheet.paste("a\tb")
    assert "does not fit" in warnings[-1][1]
    cell(sheet, "Anouk", None)
    assert not sheet.paste("Karel")
    assert "Names cannot be pasted" in warnings[-1][1]
    assert {name: values(studied, name) for name in PEOPLE} == before
    assert studied.undo_label() == label


def test_one_value_fills_the_selected_cells(sheet, studied) -> None:
    top, bottom = cell(sheet, "Anouk", "notitie"), cell(sheet, "Henk", "notitie")
    sheet.table.selectionModel().select(QItemSelection(top, bottom),
                                        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert sheet.paste("gesproken")
    assert [values(studied, n).get("notitie") for n in ("Anouk", "Bram", "Henk")] == \
        ["gesproken"] * 3
    assert values(studied, "Kees")["notitie"] == "nieuw 🙂"


def test_copy_gives_what_excel_pastes_and_pastes_back(sheet, studied) -> None:
    sheet.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    top, bottom = cell(sheet, "Henk", "jaren"), cell(sheet, "Kees", "afdeling")
    sheet.table.selectionModel().select(QItemSelection(top, bottom),
                                        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    text = sheet.copy()
    assert text == "21\tLasserij\n2\tLasserij\n"
    assert QApplication.clipboard().text() == text
    assert parse_block(text) == [["21", "Lasserij"], ["2", "Lasserij"]]
    assert parse_block(block_text([["a\tb", "regel\nregel"]])) == [["a\tb", "regel\nregel"]]


def test_delete_clears_and_the_keys_undo_and_redo(sheet, studied, qtbot) -> None:
    top, bottom = cell(sheet, "Henk", "jaren"), cell(sheet, "Henk", "leerling")
    sheet.table.selectionModel().select(QItemSelection(top, bottom),
                                        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    sheet.table.setFocus()
    qtbot.waitUntil(sheet.table.hasFocus)
    qtbot.keyClick(sheet.table, Qt.Key.Key_Delete)
    assert values(studied, "Henk") == {"notitie": "ervaren"}
    assert studied.undo_label() == "Clear 4 values"
    qtbot.keyClick(sheet.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert values(studied, "Henk")["jaren"] == 21 and values(studied, "Henk")["leerling"] is False
    qtbot.waitUntil(lambda: cell(sheet, "Henk", "jaren").data() == "21")
    qtbot.keyClick(sheet.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert "jaren" not in values(studied, "Henk")
    qtbot.waitUntil(lambda: cell(sheet, "Henk", "jaren").data() == "")


def test_a_header_click_sorts_by_typed_value(sheet, qtbot) -> None:
    header = sheet.table.horizontalHeader()
    column = sheet.model.column_of("jaren")
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    sheet.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    names = [sheet.proxy.index(r, 0).data() for r in range(sheet.proxy.rowCount())]
    assert names == ["Kees", "Anouk", "Henk", "Bram"]  # 2 < 10 < 21 (not "10" < "2"), none last
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
    names = [sheet.proxy.index(r, 0).data() for r in range(sheet.proxy.rowCount())]
    assert names == ["Henk", "Anouk", "Kees", "Bram"]  # descending; no value still last
    start = sheet.model.column_of("start")
    sheet.table.sortByColumn(start, Qt.SortOrder.AscendingOrder)
    assert [sheet.proxy.index(r, 0).data() for r in range(2)] == ["Henk", "Kees"]


@pytest.mark.parametrize(("typed", "shown"), [
    ("lasserij", {"Henk", "Kees"}),
    ("café", {"Anouk"}),
    ("jaren < 5", {"Kees"}),
    ("afdeling = Lasserij and jaren >= 5", {"Henk"}),
    ("afdeling = lasserij of afdeling = Montage", {"Anouk", "Henk", "Kees"}),
    ("not leerling = ja", {"Henk", "Anouk", "Bram"}),
    ("start > 1-1-2010", {"Kees"}),
    ("notitie ~ EUW", {"Kees"}),
    ("", set(PEOPLE)),
])
def test_the_filter_takes_words_or_a_condition(sheet, typed, shown) -> None:
    sheet.filter.setText(typed)
    found = {sheet.proxy.index(r, 0).data() for r in range(sheet.proxy.rowCount())}
    # the truth: the core's own matching, row by row
    if any(op in typed for op in "=<>~"):
        from fieldkit.core.attributes import parse_condition

        condition = parse_condition(typed)
        types = {c.name: c.type for c in sheet.model.columns}
        truth = {r.name for r in sheet.model.rows
                 if condition.matches(sheet.model.values.get(r.id, {}), types)}
        assert truth == shown
    assert found == shown
    if typed:
        assert sheet.said.text() == f"{len(shown)} of 4 rows"


def test_a_condition_that_cannot_be_read_says_why(sheet) -> None:
    sheet.filter.setText("jaren < veel")
    assert "veel" in sheet.said.text()
    assert sheet.proxy.rowCount() == 4
    sheet.filter.setText("ploeg = vroeg")
    assert "ploeg" in sheet.said.text()


def test_documents_have_their_own_sheet(sheet, studied) -> None:
    sheet.kinds.setCurrentIndex(1)
    titles = sorted((d.title for d in studied.documents()), key=str.casefold)
    assert [r.name for r in sheet.model.rows] == titles
    assert sheet.model.headerData(0, Qt.Orientation.Horizontal) == "Document"
    note = next(d for d in studied.documents() if d.kind == "fieldnote")
    assert sheet.paste is not None
    cell(sheet, note.title, "afdeling")
    assert sheet.paste("Montage")
    assert studied.attributes.values("documents")[note.id]["afdeling"] == "Montage"
    sheet.kinds.setCurrentIndex(0)
    assert sheet.model.headerData(0, Qt.Orientation.Horizontal) == "Case"


def test_attributes_are_added_changed_and_deleted_with_undo(sheet, studied) -> None:
    assert sheet.new_attribute(("ploeg", "choice", ["vroeg", "laat"]))
    assert sheet.model.column_of("ploeg") is not None
    cell(sheet, "Kees", "ploeg")
    assert sheet.paste("Laat")
    assert values(studied, "Kees")["ploeg"] == "laat"
    assert sheet.change_attribute(("dienst", "choice", ["vroeg", "laat", "nacht"]))
    assert sheet.model.column_of("ploeg") is None
    assert values(studied, "Kees")["dienst"] == "laat"
    cell(sheet, "Kees", "dienst")
    assert sheet.delete_attribute(ask=False)
    assert sheet.model.column_of("dienst") is None and "dienst" not in values(studied, "Kees")
    assert studied.undo_label() == "Delete attribute dienst"
    studied.undo()
    sheet.reload()
    assert sheet.model.column_of("dienst") is not None
    assert values(studied, "Kees")["dienst"] == "laat"


def test_changing_a_type_the_values_do_not_fit_is_refused(sheet, studied, warnings) -> None:
    cell(sheet, "Kees", "notitie")
    assert not sheet.change_attribute(("notitie", "number", []))
    assert warnings
    assert values(studied, "Kees")["notitie"] == "nieuw 🙂"
    assert sheet.model.columns[sheet.model.column_of("notitie") - 1].type == "text"


def test_the_models_pass_the_model_tester(sheet, qtmodeltester) -> None:
    qtmodeltester.check(sheet.model)
    qtmodeltester.check(sheet.proxy)


def test_a_big_sheet_reads_its_values_once(window, project, qtbot, monkeypatch) -> None:
    """600 cases × 40 attributes: scrolling from top to bottom asks the project nothing."""
    with project.action("many"):
        for n in range(40):
            project.attributes.define(f"a{n:02}", "number")
        for i in range(600):
            case = project.cases.add(f"R{i:04}")
            if i % 50 == 0:
                project.attributes.set(case, "a07", i)
    calls: list[str] = []
    real = type(project.attributes).values

    def counted(self, kind):  # noqa: ANN001, ANN202
        calls.append(kind)
        return real(self, kind)

    monkeypatch.setattr(type(project.attributes), "values", counted)
    sheet = window.show_sheet()
    qtbot.waitExposed(sheet)
    assert calls == ["cases"]
    bar = sheet.table.verticalScrollBar()
    for position in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
        bar.setValue(position)
        sheet.table.viewport().grab()  # painted: every shown cell asked for
    sheet.table.horizontalScrollBar().setValue(sheet.table.horizontalScrollBar().maximum())
    sheet.table.viewport().grab()
    assert calls == ["cases"]
    assert cell(sheet, "R0550", "a07").data() == "550"
    sheet.close()
