"""The coded-segments query, citations and bounds through the facade (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import ImportedDocument, Turn
from fieldkit.operations.retrieval import SegmentQuery
from fieldkit.project import Project

TRANSCRIPT = ("Interviewer: Hoe heb je dit geleerd?\r\n"
              "Ahmed: Gewoon door mee te kijken bij Jan 🙂, die deed het al jaren.\r\n"
              "Interviewer: En de nieuwe machine?\r\n"
              "Ahmed: Die hebben we samen uitgezocht.")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "study.fieldkit")
    p.set_coder("Anna", remember=False)
    for path in ("Learning/Peer help", "Learning/Trial and error", "Technology"):
        p.add_code(path)
    note = p.add_note(site="Metaal Oost", visit="2024-03-05", title="Kantbank",
                      text="Jan toont de kantbank.\n\nDaarna probeer ik het zelf, met de app.")
    p.add_note(site="Zuivel & Zo", visit="2024-04-10", title="Kaasmakerij",
               text="Piet leert de nieuwe robot van een collega.")
    text = TRANSCRIPT.replace("\r\n", "\n")
    turns, pos = [], 0
    for n, line in enumerate(text.split("\n")):
        turns.append(Turn(pos, pos + len(line), line.split(":")[0], 60.0 * n, None))
        pos += len(line) + 1
    p.imports.document(ImportedDocument(kind="transcript", title="Interview Ahmed", text=TRANSCRIPT,
                                    turns=turns), site="Metaal Oost", visit="2024-03-07")
    del note
    return p


def _code(p: Project, title: str, words: str, code: str, coder: str = "Anna") -> int:
    doc = next(d for d in p.documents() if d.title == title)
    text = p.document(doc.id).text
    start = text.index(words)
    return p.code_text(doc.id, start, start + len(words), code, coder=coder).id


def test_any_all_coder_site_document_and_dates(project: Project) -> None:
    p = project
    a = _code(p, "Kantbank", "Jan toont de kantbank", "Learning/Peer help")
    b = _code(p, "Kantbank", "probeer ik het zelf, met de app", "Learning/Trial and error")
    c = _code(p, "Kantbank", "met de app", "Technology", coder="Bram")
    d = _code(p, "Kaasmakerij", "nieuwe robot", "Technology")
    e = _code(p, "Interview Ahmed", "mee te kijken bij Jan", "Learning/Peer help", coder="Bram")

    def ids(**kw: object) -> list[int]:
        return [c.id for c in p.retrieval.segments(SegmentQuery(**kw))]  # type: ignore[arg-type]

    assert ids() == [a, b, c, d, e]  # everything, in reading order (document, position)
    assert ids(codes=["Learning"]) == [a, b, e]  # sub-codes included by default
    assert ids(codes=["Learning"], include_subcodes=False) == []
    assert ids(codes=["Learning/Peer help", "Technology"]) == [a, c, d, e]
    # AND: only where a Learning coding and a Technology coding overlap, both returned
    assert ids(codes=["Learning", "Technology"], match="all") == [b, c]
    assert ids(codes=["Learning/Peer help", "Technology"], match="all") == []
    assert ids(coders=["Bram"]) == [c, e]
    assert ids(sites=["Zuivel & Zo"]) == [d]
    transcript = next(x for x in p.documents() if x.kind == "transcript")
    assert ids(documents=[transcript.id]) == [e]
    assert ids(documents=[transcript.uuid], coders=["Anna"]) == []
    assert ids(date_from="2024-03-06") == [d, e]
    assert ids(date_from="2024-03-01", date_to="2024-03-05") == [a, b, c]
    assert ids(codes=["Technology"], coders=["Anna"], date_to="2024-12-31") == [d]


def test_bad_filters_are_domain_errors(project: Project) -> None:
    p = project
    with pytest.raises(BadInput, match="not a date"):
        p.retrieval.segments(SegmentQuery(date_from="5 maart"))
    with pytest.raises(BadInput, match="ends before it starts"):
        p.retrieval.segments(SegmentQuery(date_from="2024-05-01", date_to="2024-04-01"))
    with pytest.raises(BadInput, match="any' or 'all"):
        p.retrieval.segments(SegmentQuery(match="xor"))
    with pytest.raises(NotFound):
        p.retrieval.segments(SegmentQuery(codes=["No such code"]))
    with pytest.raises(NotFound):
        p.retrieval.segments(SegmentQuery(coders=["Nobody"]))


def test_citations_of_a_crlf_transcript_with_emoji(project: Project) -> None:
    p = project
    key = _code(p, "Interview Ahmed", "die deed het al jaren", "Learning/Peer help")
    later = _code(p, "Interview Ahmed", "samen uitgezocht", "Technology")
    assert p.retrieval.cite(key).place() == "¶ 2 · 00:01:00"
    cited = p.retrieval.cite(later)
    assert (cited.paragraph, cited.speaker, cited.place()) == (4, "Ahmed", "¶ 4 · 00:03:00")
    note = _code(p, "Kantbank", "Daarna", "Technology")
    assert p.retrieval.cite(note).place() == "¶ 2"


def test_changing_bounds_moves_quote_and_context_and_undoes(project: Project) -> None:
    p = project
    key = _code(p, "Kantbank", "de kantbank", "Learning/Peer help")
    doc = p.document(p.coding(key).document_id)
    start = doc.text.index("Jan")
    moved = p.retrieval.set_bounds(key, start, start + len("Jan toont"))
    assert (moved.quote, moved.before, moved.after[:3]) == ("Jan toont", "", " de")
    assert p.undo_label() == "Change the bounds of a coding"
    p.undo()
    assert p.coding(key).quote == "de kantbank"
    for bad in ((5, 5), (-1, 3), (0, len(doc.text) + 1)):
        with pytest.raises(BadInput):
            p.retrieval.set_bounds(key, *bad)
    assert p.coding(key).quote == "de kantbank"



def test_all_codes_on_photo_regions_overlap_by_rectangle(project: Project) -> None:
    import io

    from PIL import Image

    from fieldkit.core.model import ImportedMedia, Region

    p = project
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 0, 0)).save(out, "PNG")
    photo = p.imports.document(ImportedDocument(
        kind="photo", title="Kantbank", text="De kantbank",
        media=ImportedMedia(out.getvalue(), "k.png", "image/png", 60, 40)), site="Metaal Oost")
    left = p.code_region(photo.id, Region(0, 0, 30, 40), "Technology").id
    inside = p.code_region(photo.id, Region(10, 10, 5, 5), "Learning/Peer help").id
    apart = p.code_region(photo.id, Region(40, 0, 20, 20), "Learning/Peer help").id
    found = [c.id for c in p.retrieval.segments(
        SegmentQuery(codes=["Technology", "Learning"], match="all"))]
    assert found == [left, inside]
    assert apart not in found
    assert p.retrieval.cite(left).place() == ""  # a region has no paragraph
    light = p.retrieval.segments(SegmentQuery(codes=["Technology"]), light=True)
    assert light[0].region == Region(0, 0, 30, 40) and light[0].quote == ""
    assert p.retrieval.by_id([apart, left])[1].quote == "De kantbank"
