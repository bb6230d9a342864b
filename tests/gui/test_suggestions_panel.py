"""The suggestions panel: keyboard review, threshold, accept all, and training from the panel."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from fieldkit.gui.suggestions_panel import SuggestionsModel, SuggestionsPanel  # noqa: E402
from fieldkit.project import Project  # noqa: E402

FAMILY = {
    "Triggers/Breakdown": ["De {m} valt stil en {a} zoekt de storing.",
                           "The {m} breaks down and {a} looks for the fault."],
    "Learning/Peer help": ["{a} laat een collega zien hoe je de {m} instelt.",
                           "{a} shows a colleague how to set up the {m}."],
}
FILLER = ["Koffie uit de automaat in de kantine.", "The radio is on in the canteen.",
          "Het is koud in de hal, de roldeur staat open."]
NEW = ("De kantbank valt stil en Kees zoekt de storing. Koffie uit de automaat in de kantine. "
       "Joke laat een collega zien hoe je de lasrobot instelt. "
       "The zaagmachine breaks down and Lotte looks for the fault.")


@pytest.fixture
def studied(tmp_path: Path):
    project = Project.create(tmp_path / "Assist.fieldkit")
    project.set_coder("Anouk")
    names, machines = ["Kees", "Joke", "Ahmed", "Sanne"], ["kantbank", "lasrobot", "sealbalk"]
    for code in FAMILY:
        project.add_code(code)
    for n in range(8):
        text, spans = "", []
        for i in range(8):
            if i % 2 == 0:
                code = sorted(FAMILY)[(n + i) % 2]
                sentence = FAMILY[code][(n + i // 2) % 2].format(
                    a=names[(n + i) % 4], m=machines[(n * 3 + i) % 3])
                spans.append((len(text), len(text) + len(sentence), code))
            else:
                sentence = FILLER[(n + i) % 3]
            text += sentence + " "
        doc = project.add_note(site="Hendriks", title=f"Notitie {n}", text=text)
        for start, end, code in spans:
            project.code_text(doc.id, start, end, code)
    new = project.add_note(site="Hendriks", title="Nieuw", text=NEW)
    yield project, new.id
    project.close()


def test_keyboard_review_accept_reject_skip(qtbot, studied) -> None:
    project, doc_id = studied
    project.assist.train()
    panel = SuggestionsPanel(project)
    qtbot.addWidget(panel)
    panel.set_document(doc_id)
    assert [s.quote for s in panel.model.shown] == [
        "De kantbank valt stil en Kees zoekt de storing.",
        "Joke laat een collega zien hoe je de lasrobot instelt.",
        "The zaagmachine breaks down and Lotte looks for the fault."]
    with qtbot.waitSignal(panel.suggestionSelected) as selected:
        qtbot.keyClick(panel.table, Qt.Key.Key_J)
    assert selected.args == [doc_id, NEW.index("Joke"), NEW.index(" The zaag")]
    qtbot.keyClick(panel.table, Qt.Key.Key_K)
    assert panel.current_row() == 0
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert panel.current_row() == 1

    qtbot.keyClick(panel.table, Qt.Key.Key_A)  # accepts the peer-help sentence
    codings = project.codings(doc=doc_id)
    assert [(c.quote, project.coder_name(c.coder_id)) for c in codings] == [
        ("Joke laat een collega zien hoe je de lasrobot instelt.", "Anouk (assisted)")]
    assert panel.current().quote.startswith("The zaagmachine")
    qtbot.keyClick(panel.table, Qt.Key.Key_R)  # rejects the English breakdown sentence
    assert [s.quote for s in panel.model.shown] == [
        "De kantbank valt stil en Kees zoekt de storing."]
    assert project.assist.rejected_count() == 1
    panel.refresh()  # the rejection is remembered, the accepted one is coded now
    assert len(panel.model.shown) == 1
    assert "#" in panel.reasons.toPlainText()


def test_threshold_slider_and_accept_all_are_one_undo_step(qtbot, studied) -> None:
    project, doc_id = studied
    project.assist.train()
    panel = SuggestionsPanel(project)
    qtbot.addWidget(panel)
    panel.set_document(doc_id)
    panel.slider.setValue(100)
    assert all(s.confidence >= 1.0 for s in panel.model.shown)
    panel.slider.setValue(50)
    shown = len(panel.model.shown)
    assert shown == 3 and panel.threshold_label.text() == "50%"
    qtbot.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
    assert len(project.codings(doc=doc_id)) == shown
    assert panel.model.shown == []
    project.undo()
    assert project.codings(doc=doc_id) == []


def test_training_from_the_panel(qtbot, studied) -> None:
    project, doc_id = studied
    panel = SuggestionsPanel(project)
    qtbot.addWidget(panel)
    panel.set_document(doc_id)
    assert panel.model.shown == [] and "press Train" in panel.facts.text()
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.train_button.isEnabled() and bool(panel.model.shown),
                    timeout=20000)
    assert "Learned from" in panel.facts.text()
    assert project.assist.facts() is not None


def test_model_contract(qtmodeltester, studied) -> None:
    project, doc_id = studied
    project.assist.train()
    model = SuggestionsModel()
    model.set_suggestions(project.assist.suggest(doc_id, threshold=0.2))
    qtmodeltester.check(model)


def test_all_documents_are_reviewed_in_the_background(qtbot, studied) -> None:
    project, doc_id = studied
    project.assist.train()
    panel = SuggestionsPanel(project)
    qtbot.addWidget(panel)
    assert panel.documents.itemText(0) == "All documents"
    panel.documents.setCurrentIndex(0)
    assert panel.all_documents and panel.document_id is None
    qtbot.waitUntil(lambda: bool(panel.model.shown), timeout=20000)
    shown = panel.model.shown
    assert [s.confidence for s in shown] == sorted((s.confidence for s in shown), reverse=True)
    assert {s.quote for s in shown if s.document_id == doc_id} == {
        "De kantbank valt stil en Kees zoekt de storing.",
        "Joke laat een collega zien hoe je de lasrobot instelt.",
        "The zaagmachine breaks down and Lotte looks for the fault."}
    first = panel.current()
    with qtbot.waitSignal(panel.suggestionSelected) as selected:
        qtbot.keyClick(panel.table, Qt.Key.Key_J)
    second = panel.current()
    assert selected.args == [second.document_id, second.start, second.end]
    qtbot.keyClick(panel.table, Qt.Key.Key_K)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert [(c.start, c.code_id) for c in project.codings(doc=first.document_id)
            if project.coder_name(c.coder_id) == "Anouk (assisted)"] == \
        [(first.start, first.code_id)]
    assert first not in panel.model.shown

    before = len(project.codings())
    left = len(panel.model.shown)
    qtbot.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
    assert len(project.codings()) == before + left and panel.model.shown == []
    project.undo()
    assert len(project.codings()) == before


def test_all_documents_can_be_cancelled(qtbot, studied, monkeypatch) -> None:
    project, doc_id = studied
    project.assist.train()
    real = project.assist.suggest_all

    def cancelled_at_once(**kwargs):
        kwargs["progress"].token.cancel()
        return real(**kwargs)

    monkeypatch.setattr(project.assist, "suggest_all", cancelled_at_once)
    panel = SuggestionsPanel(project)
    qtbot.addWidget(panel)
    panel.set_all_documents()
    qtbot.waitUntil(lambda: "Cancelled" in panel.facts.text(), timeout=20000)
    assert panel.model.shown == [] and panel.documents.currentIndex() == 0
    monkeypatch.setattr(project.assist, "suggest_all", real)
    panel.set_document(doc_id)  # back to one document: suggested at once, as before
    assert len(panel.model.shown) == 3 and panel.documents.currentData() == doc_id
