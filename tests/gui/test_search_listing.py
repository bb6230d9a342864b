"""The search pane lists a speaker's turns and a code's segments for ``speaker:``/``code:``
alone (issue 29): one row each, selecting a row selects the whole turn, and "Code all hits"
codes exactly those turns in one undo step."""

from __future__ import annotations

from fieldkit.gui.code_hits_dialog import CodeHitsDialog
from tests.gui.test_researcher_round import choose_in_box


def kees_turns(project) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    doc = next(d for d in project.documents() if d.kind == "transcript")
    text = project.document(doc.id).text
    out = []
    for line in text.split("\n"):  # the turns as the text shows them: "Kees: …" lines
        if line.startswith("Kees:"):
            start = text.index(line)
            out.append((doc.id, start, start + len(line)))
    return out


def test_speaker_alone_lists_the_turns_and_codes_them_all(window, qtbot) -> None:
    project = window.project
    expected = kees_turns(project)
    assert len(expected) == 2
    window.search.run("speaker:kees")
    model = window.search.model
    assert model.rowCount() == 2
    assert [(h.document_id, h.start, h.end) for h in model.hits] == expected
    assert window.search.summary.text().startswith("2 hit")
    assert window.search.code_button.isEnabled()
    shown = model.data(model.index(1, 2))
    assert shown.startswith("Kees: Dan probeerde") and shown.endswith("schreef ik het op.")
    window.search.table.clicked.emit(model.index(0, 2))
    tab = window.current_tab()
    assert tab is not None
    assert tab.text_view.textCursor().selectedText() == \
        "Kees: Vooral door mee te kijken met Henk, de ervaren operator."
    dialog = window.coding.code_hits("speaker:kees", "hit")
    assert isinstance(dialog, CodeHitsDialog)
    assert dialog.passages() == 2
    dialog.accept()
    choose_in_box(window, qtbot, "Technology/New machine")
    window.runner.wait()
    qtbot.waitUntil(lambda: len(project.codings(code="Technology/New machine")) == 2)
    assert sorted((c.document_id, c.start, c.end)
                  for c in project.codings(code="Technology/New machine")) == expected
    window.undo()
    assert project.codings(code="Technology/New machine") == []


def test_code_alone_lists_its_segments(window) -> None:
    project = window.project
    window.search.run('code:"Learning/Informal"')
    found = sorted((h.document_id, h.start, h.end) for h in window.search.model.hits)
    assert found == sorted((c.document_id, c.start, c.end) for c in project.codings())
    assert window.search.model.rowCount() == 2
