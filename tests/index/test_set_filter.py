"""``set:NAME`` keeps hits to the documents of a document set (issue 15: sets as filters in
search too), alone and with the other filters; an unknown or code set finds nothing and says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.index.query import parse
from fieldkit.project import Project


@pytest.fixture
def project(tmp_path: Path):
    p = Project.create(tmp_path / "Sets.fieldkit", language="nl")
    for n, site in enumerate(["Oost", "Oost", "West", "West"]):
        p.add_note(site=site, title=f"Notitie {n}",
                   text=f"Bij de kantbank legt Henk uit hoe het werkt 🙂 ({n}). Kees kijkt mee.")
    p.add_code("Leren/Meekijken")
    docs = [d.id for d in p.documents()]
    for doc in docs:
        text = p.document(doc).text
        start = text.index("Kees kijkt")
        p.code_text(doc, start, start + len("Kees kijkt mee"), "Leren/Meekijken")
    p.sets.add("Eerste twee", "documents", docs[:1] + docs[2:3])
    p.sets.add("Codes", "codes", ["Leren/Meekijken"])
    yield p
    p.close()


def _docs(project: Project, query: str) -> list[int]:
    return sorted({hit.document_id for hit in project.search(query).hits})


def test_set_keeps_hits_to_its_documents(project: Project) -> None:
    docs = [d.id for d in project.documents()]
    assert _docs(project, "kantbank") == docs
    assert _docs(project, "kantbank set:\"Eerste twee\"") == [docs[0], docs[2]]
    assert project.search("kantbank set:\"Eerste twee\"").total == 2


def test_set_with_other_filters(project: Project) -> None:
    docs = [d.id for d in project.documents()]
    assert _docs(project, "kantbank site:west set:\"Eerste twee\"") == [docs[2]]
    assert _docs(project, "kees code:Meekijken set:\"Eerste twee\"") == [docs[0], docs[2]]
    assert _docs(project, 'kees code:"Meekijken OR Meekijken" set:"Eerste twee"') == \
        [docs[0], docs[2]]


def test_unknown_set_or_code_set_finds_nothing_and_says_so(project: Project) -> None:
    for query in ("kantbank set:Nergens", "kantbank set:Codes"):
        result = project.search(query)
        assert result.hits == [] and result.total == 0
        assert result.note and "document set" in result.note


def test_cli_search_with_a_set(project: Project) -> None:
    path = project.path
    project.close()
    done = subprocess.run([sys.executable, "-m", "fieldkit", "-p", str(path), "search",
                           'kantbank set:"Eerste twee"', "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)["hits"]
    assert len(hits) == 2


def test_set_counts_texts_and_memos_of_its_documents_only(project: Project) -> None:
    """Whole documents of the set: their texts and document memos; not coding memos, codes or
    other documents; the total counts them all even when fewer are returned."""
    docs = [d.id for d in project.documents()]
    project.memos.set_document_memo(docs[0], "Henk gebruikt de kantbank sinds 2019 ✓")
    project.memos.set_document_memo(docs[1], "Ook hier een kantbank")  # not in the set
    coding = project.codings(doc=docs[2])[0]
    project.memos.set_coding_memo(coding.id, "kantbank in het memo van een codering")
    result = project.search('kantbank set:"Eerste twee"', limit=1)
    assert result.total == 3  # two texts and one document memo
    assert len(result.hits) == 1
    every = project.search('kantbank set:"Eerste twee"', limit=10).hits
    assert sorted((h.document_id, h.field) for h in every) == \
        sorted([(docs[0], "text"), (docs[2], "text"), (docs[0], "memo")])
    for hit in every:  # the hits point at the word
        text = project.document(hit.document_id).text if hit.field == "text" else \
            project.document(hit.document_id).memo
        assert text[hit.start:hit.end].casefold() == "kantbank"
    # coding all hits keeps to the set's documents too
    query = parse('kantbank set:"Eerste twee"', project.index.engine.analyser)
    spans = {m.document_id for m in project.index.engine.spans_of(query)}
    assert spans == {docs[0], docs[2]}
