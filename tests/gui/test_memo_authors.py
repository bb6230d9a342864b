"""The Memos view names who wrote each memo (issue 25, defect 6): Anouk's memo on Bram's coding
is listed as Anouk's, a memo document has a type and an author, and the memo trail written from
the view says the same."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import Qt

from fieldkit.project import Project


def rows(view) -> dict[str, tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Title -> (date, type, author) as the view's table shows them."""
    model = view.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Date", "Type", "Author", "Title"]
    return {model.item(r, 3).text(): (model.item(r, 0).text(), model.item(r, 1).text(),
                                      model.item(r, 2).text())
            for r in range(model.rowCount())}


def test_the_memos_view_lists_each_memos_writer(window, qtbot, qtmodeltester,
                                                tmp_path: Path) -> None:
    project: Project = window.project
    bram = next(c for c in project.codings() if c.memo == "Kees tries again.")
    assert project.coder_name(bram.coder_id) == "Bram"
    project.set_coder("Anouk", remember=False)
    project.memos.set_coding_memo(bram.id, "Anouk: Kees leert door te proberen 🙂")
    project.add_note(site="Hendriks", title="Dagboek dinsdag", text="Lange dag; café dicht.",
                     kind="memo")
    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    analysis.tabs.setCurrentWidget(analysis.memos)
    view = analysis.memos
    view.refresh()
    qtmodeltester.check(view.model)
    shown = rows(view)
    coding_row = next(v for k, v in shown.items() if "trial and error" in k)
    assert coding_row[1:] == ("Coding memo", "Anouk")
    assert shown["Dagboek dinsdag"][1:] == ("Theoretical", "Anouk")
    # a colleague rewrites the memo document: the list names the last writer
    diary = next(m for m in view.memos if m.title == "Dagboek dinsdag")
    project.set_coder("Bram", remember=False)
    project.edit_text(diary.id, "Lange dag; café weer open.")
    view.refresh()
    assert rows(view)["Dagboek dinsdag"][1:] == ("Theoretical", "Bram")
    # undo gives it back to Anouk, in the view too
    project.undo()
    view.refresh()
    assert rows(view)["Dagboek dinsdag"][1:] == ("Theoretical", "Anouk")
    # the memo trail written from the view says who wrote what
    out = view.export_trail(str(tmp_path / "trail.docx"))
    assert out is not None
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "coding memo · " in body and "Anouk: Kees leert door te proberen" in body
    facts = body.split("Anouk: Kees leert door te proberen")[0].rsplit("coding memo · ", 1)[1]
    assert "· Anouk (first written by Bram)<" in facts  # Bram wrote the memo Anouk rewrote


def test_hover_and_preview_name_the_memos_writer(window, qtbot) -> None:
    from fieldkit.gui.segment_preview import SegmentPreview
    from fieldkit.gui.text_view import mark_tooltip

    project: Project = window.project
    bram = next(c for c in project.codings() if c.memo == "Kees tries again.")
    mark = window.make_mark(project.coding(bram.id), [])
    assert mark is not None and "Kees tries again." in mark_tooltip([mark])
    assert "Anouk" not in mark_tooltip([mark])  # Bram's own memo: his name once, as coder
    project.set_coder("Anouk", remember=False)
    project.memos.set_coding_memo(bram.id, "Anouk: opnieuw proberen")
    mark = window.make_mark(project.coding(bram.id), [])
    assert mark is not None and mark.coder == "Bram"
    assert "Anouk: Anouk: opnieuw proberen" in mark_tooltip([mark])
    preview = SegmentPreview()
    qtbot.addWidget(preview)
    preview.show_coding(project, bram.id)
    shown = preview.toPlainText()
    assert "Memo (Anouk): Anouk: opnieuw proberen" in shown and "· Bram" in shown
