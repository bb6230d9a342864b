"""Word exports opened with python-docx: headings, quotes, shading, citations, crops, comments."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.project import Project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def _shading(paragraph: docx.text.paragraph.Paragraph) -> str | None:
    shd = paragraph._p.find(f".//{W}shd")
    return None if shd is None else shd.get(f"{W}fill")


def test_report_has_a_section_per_code_in_codebook_order(project: Project,
                                                         tmp_path: Path) -> None:
    out = project.exports.docx(tmp_path / "report.docx")
    paragraphs = _paragraphs(out)
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert headings == [("Heading 1", "Overview"), ("Heading 1", "Learning"),
                        ("Heading 2", "Peer help"), ("Heading 1", "Technology adoption"),
                        ("Heading 1", "Autonomy"), ("Heading 1", "Appendix: codebook")]
    assert paragraphs[0] == ("Title", "Leren op de werkvloer")
    texts = [t for _, t in paragraphs]
    assert "Definition: A colleague shows or explains." in texts
    assert "Exclusion: Formal training." in texts
    assert "Peer help: 4" in " ".join(texts).replace("    ", "")
    assert "Learning: 1 (5 with sub-codes)" in texts
    assert "4 coded segments" in texts and "0 coded segments" in texts
    assert "Memo: Demonstration at the press brake." in texts
    document = docx.Document(str(out))
    assert document.core_properties.title == "Leren op de werkvloer"
    settings = document.settings.element
    assert settings.find(f"{W}updateFields") is not None  # the TOC fills in on open
    assert "TOC \\o" in document.element.body.xml


def _bar(paragraph: docx.text.paragraph.Paragraph) -> str | None:
    left = paragraph._p.find(f"{W}pPr/{W}pBdr/{W}left")
    return None if left is None else left.get(f"{W}color")


def test_quotes_are_black_beside_a_bar_in_the_code_colour_with_a_citation(
        project: Project, tmp_path: Path) -> None:
    out = project.exports.docx(tmp_path / "report.docx")
    document = docx.Document(str(out))
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs)
                 if p.style.name == "Quote" and p.text.startswith("Gewoon door mee te kijken"))
    # the code's colour as a bar, the words black on white: readable in print for any colour
    assert _bar(paragraphs[index]) == "FFE119" and _shading(paragraphs[index]) is None
    citation = paragraphs[index + 1].text
    assert citation == ("Interview Ahmed · Metaal Oost · 2024-03-05 · Ahmed · ¶ 2 · 00:00:04 · "
                        "coded by Anna")
    emoji = next(i for i, p in enumerate(paragraphs) if p.text == "🙂")
    assert _bar(paragraphs[emoji]) == "000075" and _shading(paragraphs[emoji]) is None
    assert paragraphs[emoji]._p.find(f".//{W}color").get(f"{W}val") == "000000"


def test_photo_codings_show_the_cropped_region(project: Project, tmp_path: Path) -> None:
    out = project.exports.docx(tmp_path / "report.docx", codes=["Technology adoption"])
    with zipfile.ZipFile(out) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(images) == 1
        crop = Image.open(io.BytesIO(archive.read(images[0]))).convert("RGB")
    assert crop.size == (30, 40)  # the left half of the 60×40 photo
    r, g, b = crop.getpixel((15, 20))
    assert r > 200 and b < 60  # red, not the blue right half
    texts = [t for _, t in _paragraphs(out)]
    assert any(t.endswith("region 0,0 30×40 px · coded by Anna") for t in texts)


def test_selection_by_code_coder_and_site(project: Project, tmp_path: Path) -> None:
    out = project.exports.docx(tmp_path / "r.docx", codes=["Learning/Peer help"], coder="Bram")
    paragraphs = _paragraphs(out)
    headings = [t for s, t in paragraphs if s.startswith("Heading")]
    assert headings == ["Overview", "Peer help", "Appendix: codebook"]
    quotes = [t for s, t in paragraphs if s == "Quote"]
    assert quotes == ["Jan liet me de nieuwe klem zien."]
    assert "Coder: Bram" in [t for _, t in paragraphs]
    project.add_note(site="Voedsel West", title="Elders", text="Koken met peer help")
    project.code_text(3 + 3, 0, 5, "Learning/Peer help")
    out = project.exports.docx(tmp_path / "site.docx", site="Voedsel West")
    assert [t for s, t in _paragraphs(out) if s == "Quote"] == ["Koken"]


def test_pseudonymise_replaces_names_longest_first(project: Project, tmp_path: Path) -> None:
    out = project.exports.docx(tmp_path / "p.docx", pseudonymise=True,
                              terms={"Jan Smit": "Collega B", "Jan": "Collega A"})
    body = " ".join(t for _, t in _paragraphs(out))
    assert "Ahmed" not in body and "Yilmaz" not in body and "Jan" not in body
    assert "liet P01 zien" in body
    assert "kijken bij Collega A" in body
    assert "Names of participants are replaced by pseudonyms." in body
    with zipfile.ZipFile(out) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"Yilmaz" not in everything and b"Ahmed" not in everything


def test_annotated_document_anchors_one_comment_per_coding(project: Project,
                                                           tmp_path: Path) -> None:
    doc = project.documents(kind="fieldnote")[0]
    out = project.exports.docx(tmp_path / "a.docx", annotated_document=doc.id)
    document = docx.Document(str(out))
    comments = {c.comment_id: c.text for c in document.comments}
    assert sorted(comments.values()) == ["Learning", "Learning/Peer help\nDemonstration at the "
                                         "press brake.", "Technology adoption"]
    body = document.element.body
    assert [p.text for p in document.paragraphs] == [doc.title, *project.document(doc.id)
                                                     .text.split("\n")]
    for coding in project.codings(doc=doc.id):
        key = next(k for k, text in comments.items()
                   if text.split("\n")[0] == project.code_path(coding.code_id))
        anchored = _anchored_text(body, key)
        assert anchored == coding.quote
    authors = {c.author for c in document.comments}
    assert authors == {"Anna"}


def _anchored_text(body: object, key: int) -> str:
    """The text between a comment's range start and range end, in document order."""
    inside, parts = False, []
    for element in body.iter():  # type: ignore[attr-defined]
        if element.tag == f"{W}commentRangeStart" and element.get(f"{W}id") == str(key):
            inside = True
        elif element.tag == f"{W}commentRangeEnd" and element.get(f"{W}id") == str(key):
            return "".join(parts)
        elif inside and element.tag == f"{W}t":
            parts.append(element.text or "")
        elif inside and element.tag == f"{W}p" and parts:
            parts.append("\n")
    raise AssertionError(f"comment {key} has no range end")


def test_many_comments_get_distinct_ids(project: Project, tmp_path: Path) -> None:
    doc = project.add_note(site="Metaal Oost", title="Lang", text="woord " * 400)
    with project._store.change("Many codings"):
        for i in range(300):
            project.code_text(doc.id, i * 6, i * 6 + 5, "Autonomy")
    out = project.exports.docx(tmp_path / "many.docx", annotated_document=doc.id)
    document = docx.Document(str(out))
    ids = [c.comment_id for c in document.comments]
    assert len(ids) == 300 and len(set(ids)) == 300
    assert _anchored_text(document.element.body, 299) == "woord"


def test_bad_requests_are_refused_and_write_nothing(project: Project, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        project.exports.docx(tmp_path / "a.docx", codes=["Nonexistent"])
    with pytest.raises(NotFound):
        project.exports.docx(tmp_path / "a.docx", coder="Nobody")
    with pytest.raises(NotFound):
        project.exports.docx(tmp_path / "a.docx", site="Nowhere")
    with pytest.raises(BadInput, match="must end in .docx"):
        project.exports.docx(tmp_path / "a.pdf")
    with pytest.raises(BadInput, match="does not exist"):
        project.exports.docx(tmp_path / "missing" / "a.docx")
    with pytest.raises(NotFound):
        project.exports.docx(tmp_path / "a.docx", annotated_document=999)
    assert list(tmp_path.iterdir()) == [project.path]
