"""The Word report cites by paragraph, prints a span two coders coded once, and has a filled-in
table of contents (read back with python-docx)."""

from __future__ import annotations

from pathlib import Path

import docx

from fieldkit.project import Project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_span_coded_by_two_coders_is_printed_once_naming_both(project: Project,
                                                                tmp_path: Path) -> None:
    twin = project.codings(code="Learning/Peer help", coder="Anna")[0]  # "de kantbank"
    project.code_text(twin.document_id, twin.start or 0, twin.end or 0, "Learning/Peer help",
                      coder="Bram", memo="Bram saw it too.")
    texts = _texts(project.exports.docx(tmp_path / "report.docx", codes=["Learning/Peer help"]))
    assert texts.count("de kantbank") == 1
    cited = texts[texts.index("de kantbank") + 1]
    assert cited == "Kantbank ochtend · Metaal Oost · 2024-03-05 · ¶ 1 · coded by Anna and Bram"
    assert "Memo (Anna): Demonstration at the press brake." in texts
    assert "Memo (Bram): Bram saw it too." in texts
    # a different span by one coder keeps its own single-coder line
    beep = texts[texts.index("Jan liet me de nieuwe klem zien.") + 1]
    assert beep == "ESM P01 2024-03-06 · P01 · ¶ 2 · beep 10:15 · coded by Bram"


def test_the_table_of_contents_is_filled_in_and_links_to_the_headings(project: Project,
                                                                      tmp_path: Path) -> None:
    out = project.exports.docx(tmp_path / "report.docx")
    document = docx.Document(str(out))
    body = document.element.body
    assert "Update Field" not in body.xml
    assert "TOC \\o" in body.xml  # still a real field Word can refresh with page numbers
    links = body.findall(f".//{W}hyperlink")
    entries = {"".join(t.text for t in link.iter(f"{W}t")): link.get(f"{W}anchor")
               for link in links}
    for heading in ("Overview", "Learning", "Peer help", "Technology adoption",
                    "Appendix: codebook"):
        assert heading in entries
    marks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert set(entries.values()) <= marks
    texts = [p.text for p in document.paragraphs]
    contents = texts.index("Contents")
    assert texts[contents + 1] == "Overview" and texts[contents + 2] == "Learning"


def test_exactly_the_chosen_codings(project: Project, tmp_path: Path) -> None:
    chosen = [c.id for c in project.codings(code="Technology adoption") if c.start is not None]
    texts = _texts(project.exports.docx(tmp_path / "chosen.docx", codings=chosen))
    assert "🙂" in texts and "Die hebben we samen uitgezocht" in texts
    assert "Gewoon door mee te kijken bij Jan" not in texts  # another code's segment
    assert "Peer help" not in texts  # codes without chosen segments have no section
    assert any("Segments chosen in the coded-segments view (2)" in t for t in texts)
