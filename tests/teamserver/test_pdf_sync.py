"""PDF documents travel through the team server: the original (as media), the pages and area
codings with their page reach every copy, which rebuilds the character boxes from the
original; a server set up before schema step 15 gets the rest of each change set."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg

from fieldkit.core.model import Region
from fieldkit.storage import pdf_tables
from fieldkit.storage.team_server import Server
from tests.pdf.makers import text_pdf

PAGES = [["Werkinstructie kantbank: café-operator controleert de matrijs."],
         ["Pagina twee: veiligheid eerst.", "Draag handschoenen bij het zetten."]]


def sync_all(*copies) -> None:
    for _ in range(2):
        for p in copies:
            report = p.team.sync()
            assert not report.skipped and not report.refused, (report.skipped, report.refused)


def test_a_pdf_reaches_every_copy(replicas, tmp_path: Path) -> None:
    _team, lead, anna, bram = replicas
    written = text_pdf(tmp_path / "werkinstructie.pdf", PAGES)
    [doc] = lead.imports.files([written.path])
    code = lead.add_code("Veiligheid").id
    lead.code_region(doc.id, Region(60, 85, 250, 20, page=2), code)
    sync_all(lead, anna, bram)
    start = written.text.index("handschoenen")
    theirs = next(d for d in anna.documents() if d.uuid == doc.uuid)
    anna.code_text(theirs.id, start, start + 12, anna.code("Veiligheid").id)
    sync_all(anna, lead, bram)
    for p in (lead, anna, bram):
        mine = next(d for d in p.documents() if d.uuid == doc.uuid)
        assert p.pdfs.pages(mine.id) == lead.pdfs.pages(doc.id)
        assert p.pdfs.file(mine.id).read_bytes() == written.path.read_bytes()
        regions = sorted((c.region.page if c.region else 0, c.quote) for c in
                         p.codings(doc=mine.id))
        assert regions == [(0, "handschoenen"), (2, "Pagina twee: veiligheid eerst.")]
        boxes = p.pdfs.char_boxes(mine.id, 2)  # rebuilt from the original on a member's copy
        assert boxes.tobytes() == lead.pdfs.char_boxes(doc.id, 2).tobytes()
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


def test_a_server_from_before_step_15_gets_the_rest(replicas, tmp_path: Path) -> None:
    team, lead, anna, _bram = replicas
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        conn.execute("UPDATE fieldkit.team SET value = '14' WHERE key = 'row_spec'")
        conn.execute("DELETE FROM fieldkit.columns WHERE t = ANY(%s) OR (t = 'codings' AND "
                     "col = 'page')", (list(pdf_tables.TEAM_TABLES),))
        conn.execute("DELETE FROM fieldkit.tables WHERE t = ANY(%s)",
                     (list(pdf_tables.TEAM_TABLES),))
    with Server(team.member_url(f"anna{team.db}")) as server:
        assert not server.knows_pdf_tables()
    written = text_pdf(tmp_path / "werkinstructie.pdf", PAGES)
    [doc] = anna.imports.files([written.path])
    anna.code_region(doc.id, Region(60, 85, 250, 20, page=2), anna.add_code("Veiligheid").id)
    report = anna.team.sync()
    assert not report.refused, report.refused
    assert anna.team.status().to_send == 0
    lead.team.sync()
    theirs = next(d for d in lead.documents() if d.uuid == doc.uuid)
    assert lead.document(theirs.id).text == written.text  # the document and its text came
    [area] = lead.codings(doc=theirs.id)  # the area came, without its page
    assert area.region is not None and area.region.page is None
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        bodies = [json.dumps(b) for (b,) in conn.execute("SELECT body FROM fieldkit.change_sets")]
    assert not any('"pdf_pages"' in b or '"page":' in b for b in bodies)
