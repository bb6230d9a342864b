"""Auto-code… under pytest-qt: the Coding menu's dialog and the text's "Code all turns of this
speaker…" both preview per document, code in one undo step, and say what is wrong in one line."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from fieldkit.gui import i18n
from fieldkit.gui.autocode_dialog import AutoCodeDialog
from fieldkit.gui.dialog_buttons import accept_button


def kees_turns(project) -> set[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    doc = next(d for d in project.documents() if d.kind == "transcript")
    return {(doc.id, t.start, t.end) for t in project.turns(doc.id) if t.speaker == "Kees"}


def coded(project, path: str) -> set[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    code_id = project.code(path).id
    return {(c.document_id, c.start, c.end) for c in project.codings() if c.code_id == code_id}


def test_code_all_turns_of_a_speaker_from_the_text(window, qtbot) -> None:
    project = window.project
    doc = next(d for d in project.documents() if d.kind == "transcript")
    tab = window.open_document(doc.id)
    view = tab.text_view
    start = project.document(doc.id).text.index("Vooral door")
    menu = QMenu()
    view.fill_menu(menu, [], view.speaker_at(view.map.to_utf16(start)))
    action = next(a for a in menu.actions() if a.text() == "Code all turns of Kees…")
    action.trigger()
    dialog = window.findChild(AutoCodeDialog)
    assert dialog is not None and dialog.value.text() == "Kees"
    assert view.speaker_at(0) == "Interviewer"
    dialog.code.setCurrentText("Learning/Kees")
    assert not accept_button(dialog.buttons).isEnabled()  # nothing previewed yet
    plan = dialog.preview()
    assert plan is not None and plan.new == 2 and dialog.list.topLevelItemCount() == 1
    assert dialog.list.topLevelItem(0).text(3) == "2"
    assert accept_button(dialog.buttons).text() == "Code 2 segments"
    dialog.accept()
    assert dialog.made == 2 and coded(project, "Learning/Kees") == kees_turns(project)
    window.undo()  # one step: the codings and the code made for them
    assert "Learning/Kees" not in {project.code_path(c) for c in project.codebook().codes}


def test_the_menu_dialog_previews_patterns_and_says_what_is_wrong(window, qtbot) -> None:
    project = window.project
    window.actions_["autocode"].trigger()
    dialog = window.findChild(AutoCodeDialog)
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("pattern"))
    assert dialog.unit.isVisibleTo(dialog)
    dialog.value.setText("(machine")
    dialog.code.setCurrentText("Technology/New machine")
    assert dialog.preview() is None
    assert "is not a regular expression" in dialog.message.text()
    assert not accept_button(dialog.buttons).isEnabled()
    before = len(project.codings())
    dialog.value.setText("machine")
    dialog.unit.setCurrentIndex(dialog.unit.findData("sentence"))
    plan = dialog.preview()
    assert plan is not None and plan.spans == 3  # two in the transcript, one in the note
    dialog.accept()
    assert len(project.codings()) == before + 3
    dialog = AutoCodeDialog(project, window, kind="speaker", value="Piet")
    dialog.code.setCurrentText("X")
    assert dialog.preview() is None and "No turns of a speaker 'Piet'" in dialog.message.text()


def test_the_dialog_speaks_dutch(window, qtbot) -> None:
    try:
        i18n.install("nl")
        dialog = AutoCodeDialog(window.project, window)
        assert dialog.windowTitle() == "Automatisch coderen"
        assert dialog.kind.itemText(0) == "Elke beurt van een spreker"
        assert dialog.value_label.text() == "Spreker"
    finally:
        i18n.install("en")
