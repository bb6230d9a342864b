"""The Word report: a parent code with no segments of its own gets a heading and one line."""

from __future__ import annotations

from pathlib import Path

import docx

from fieldkit.project import Project


def test_a_grouping_parent_gets_a_line_not_a_full_section(tmp_path: Path) -> None:
    p = Project.create(tmp_path / "s.fieldkit", language="nl")
    try:
        source = tmp_path / "t.txt"
        source.write_text("Henk laat het zien. Kees probeert het zelf. 🙂 Café\r\nklaar.",
                          encoding="utf-8")
        p.imports.files([source], site="Oost", kind="text")
        doc = p.documents()[0]
        p.add_code("Learning/Watching", colour="#ffe119")
        p.add_code("Learning/Trying", colour="#000075")
        p.add_code("Solo", colour="#34a853")
        text = p.document(doc.id).text
        for word, code in (("laat het zien", "Learning/Watching"),
                           ("probeert", "Learning/Trying")):
            start = text.index(word)
            p.code_text(doc.id, start, start + len(word), code)
        out = p.exports.docx(tmp_path / "r.docx")
    finally:
        p.close()
    paragraphs = [(x.style.name, x.text) for x in docx.Document(str(out)).paragraphs]
    at = paragraphs.index(("Heading 1", "Learning"))
    assert paragraphs[at + 1][1] == "No segments of its own; 2 segments under its sub-codes."
    assert paragraphs[at + 2] == ("Heading 2", "Watching")
    # a code without children and without segments keeps its full section (its definition)
    solo = paragraphs.index(("Heading 1", "Solo"))
    assert "0 coded segments" in [t for _s, t in paragraphs[solo:solo + 4]]
