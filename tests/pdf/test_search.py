"""Search in PDFs: words found with their page and their context (KWIC), accents folded;
a scan holds no words; hits in the memo of a coding on a page name that page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.model import Region
from tests.pdf.makers import TOP, Written


def test_hits_name_their_page_and_context(project: Project, werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    text = doc.text
    result = project.search("handschoenen")
    [hit] = result.hits
    assert hit.kind == "pdf" and hit.page == 2
    assert text[hit.start:hit.end] == "handschoenen"
    assert hit.before.endswith("Draag ") and hit.after.startswith(" bij het zetten")
    # every hit's page holds its words (brute force over the pages)
    pages = project.pdfs.pages(doc.id)
    for word in ("cafe", "resume", "veiligheid", "matrijs", "pagina"):
        for hit in project.search(word).hits:
            holder = [p.number for p in pages if p.start <= hit.start < p.end]
            assert [hit.page] == holder, (word, hit)


def test_a_text_hit_elsewhere_has_no_page(noted: Project) -> None:
    assert all(hit.page is None for hit in noted.search("kantbank").hits)


def test_the_memo_of_an_area_names_the_area_page(project: Project,
                                                 werkinstructie: Written) -> None:
    [doc] = project.imports.files([werkinstructie.path])
    code = project.add_code("Veiligheid")
    project.code_region(doc.id, Region(60, int(TOP - 15), 300, 40, page=3), code.id,
                        memo="ploegleider bevestigt")
    [hit] = project.search("ploegleider").hits
    assert hit.page == 3 and hit.field == "coding memo"


def test_search_json_gives_the_page(tmp_path: Path, werkinstructie: Written,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "S.fieldkit")
    assert main(["new", proj]) == 0
    assert main(["-p", proj, "import", str(werkinstructie.path)]) == 0
    capsys.readouterr()
    assert main(["-p", proj, "search", "résumé", "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["page"] == 3 and hit["match"] == "résumé"
    assert main(["-p", proj, "search", "résumé"]) == 0
    assert ", p. 3]" in capsys.readouterr().out


def test_kind_pdf_filters_to_pdfs(project: Project, werkinstructie: Written) -> None:
    project.imports.files([werkinstructie.path])
    project.add_note(site="Metaal", title="Bezoek", text="De matrijs was stuk.")
    found = project.search("kind:pdf matrijs")
    assert found.note is None and [h.kind for h in found.hits] == ["pdf"]
    assert [h.kind for h in project.search("kind:fieldnote matrijs").hits] == ["fieldnote"]
