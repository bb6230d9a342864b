"""A PDF in an encrypted project (issues 27 and 31 together): imported, read, rendered, coded
by area and searched as in a plain project, with neither its words nor its bytes on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldkit.core.model import Region
from fieldkit.project import Project
from fieldkit.storage import keys
from tests.pdf.makers import Written

PASS = "correct horse battery staple"
pytestmark = pytest.mark.skipif(os.environ.get("FIELDKIT_TEST_ENCRYPTED") == "1",
                                reason="makes its encrypted project itself")


@pytest.fixture
def unlocked_nothing():
    keys._unlocked.clear()
    yield
    keys._unlocked.clear()


def test_a_pdf_in_an_encrypted_project_reads_renders_and_codes(
        tmp_path: Path, werkinstructie: Written, unlocked_nothing: None) -> None:
    original = werkinstructie.path.read_bytes()
    with Project.create(tmp_path / "P.fieldkit") as plain, \
            Project.create(tmp_path / "E.fieldkit", passphrase=PASS) as secret:
        found = {}
        for p in (plain, secret):
            [doc] = p.imports.files([werkinstructie.path])
            code = p.add_code("Veiligheid")
            area = p.code_region(doc.id, Region(10, 10, 300, 60, page=2), code.id)
            picture = p.pdfs.render_page(doc.id, 1, 1.0)
            found[p is secret] = (p.document(doc.id).text, [x.number for x in p.pdfs.pages(doc.id)],
                                  picture.size, picture.tobytes()[:4000],
                                  p.search("handschoenen").hits[0].page, area.quote,
                                  area.region)
        assert found[True] == found[False]
        assert found[True][4] == 2  # the hit names its page
    folder = tmp_path / "E.fieldkit"
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert original[200:260] not in data, path
            assert b"handschoenen" not in data.lower(), path
