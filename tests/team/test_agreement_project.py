"""Agreement through the facade on small projects, against hand-computed figures and the
``krippendorff`` package; the side-by-side view; the spreadsheet; blind export."""

from __future__ import annotations

from pathlib import Path

import krippendorff
import numpy as np
import openpyxl
import pytest

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import ImportedDocument, ImportedMedia, Region
from fieldkit.project import Project


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "agree.fieldkit") as p:
        p.add_note(site="Metaal BV", title="Lang", text="a" * 1000)
        p.add_note(site="Metaal BV", title="Leeg", text="b" * 500)  # nobody codes it
        p.add_code("Peer help")
        p.add_code("Autonomy")
        yield p


def test_nvivo_worked_example(project: Project) -> None:
    # a = 50 both, b = 50 only A, c = 100 only B, d = 800: 85.0 % and kappa 0.318
    project.code_text(1, 0, 100, "Peer help", coder="Anna")
    project.code_text(1, 50, 200, "Peer help", coder="Bram")
    report = project.agreement.report(["Anna", "Bram"])
    [cell] = report.documents
    assert (cell.counts.a, cell.counts.b, cell.counts.c, cell.counts.d) == (50, 50, 100, 800)
    assert cell.percent == pytest.approx(85.0)
    assert round(cell.kappa, 3) == 0.318
    [code] = report.codes
    assert code.counts.d == 800 + 500  # the uncoded document agrees on "not coded"
    [segments] = report.segments
    # overlap/union = 50/200 < 90 %: no segment matched
    assert (segments.matched, segments.unmatched, segments.percent) == (0, 2, 0.0)


def test_perfect_agreement_and_no_overlap(project: Project) -> None:
    for coder in ("Anna", "Bram"):
        project.code_text(1, 10, 60, "Peer help", coder=coder)
    project.code_text(1, 0, 100, "Autonomy", coder="Anna")
    project.code_text(1, 500, 600, "Autonomy", coder="Bram")
    report = project.agreement.report(["Anna", "Bram"])
    rows = {r.code: r for r in report.documents}
    peer, autonomy = project.code("Peer help").id, project.code("Autonomy").id
    assert rows[peer].percent == 100.0 and rows[peer].kappa == 1.0 and rows[peer].alpha == 1.0
    # T = 1000, a = 0, b = c = 100, d = 800: EF = (100·100 + 900·900) / 1000 = 820
    assert rows[autonomy].percent == pytest.approx(80.0)
    assert rows[autonomy].kappa == pytest.approx((800 - 820) / (1000 - 820))
    assert report.documents[0].code == autonomy  # worst first
    [segments] = report.segments
    assert (segments.matched, segments.unmatched) == (2, 2)
    # one agreeing pair counted once, two unmatched: Po = 1/3, k = 2 codes
    assert (segments.agreements, segments.only_a, segments.only_b) == (1, 1, 1)
    assert segments.kappa == pytest.approx((1 / 3 - 0.5) / 0.5)
    only_peer = project.agreement.report(["Anna", "Bram"], codes=["Peer help"])
    assert [r.code for r in only_peer.codes] == [peer]


def test_three_coders_alpha_matches_the_krippendorff_package(project: Project) -> None:
    spans = {"Anna": [(0, 100), (300, 350)], "Bram": [(20, 120)], "Cato": [(0, 90), (340, 400)]}
    matrix = np.zeros((3, 1500), dtype=int)
    for row, (coder, coded) in enumerate(spans.items()):
        for start, end in coded:
            project.code_text(1, start, end, "Peer help", coder=coder)
            matrix[row, start:end] = 1
    report = project.agreement.report(["Anna", "Bram", "Cato"])
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal",
                                  value_domain=[0, 1])
    [overall] = report.overall[:1]
    assert overall.alpha == pytest.approx(expected, abs=1e-12)
    assert len(report.overall) == 3  # one row per pair
    assert len(report.segments) == 3


def test_photo_regions_and_other_coders_are_left_out(project: Project) -> None:
    project.code_text(1, 0, 100, "Peer help", coder="Anna")
    project.code_text(1, 0, 100, "Peer help", coder="Bram")
    project.code_text(1, 200, 300, "Peer help", coder="Cato")
    report = project.agreement.report(["Anna", "Bram"])
    assert report.overall[0].kappa == 1.0


def test_bad_coders_are_refused(project: Project) -> None:
    project.code_text(1, 0, 100, "Peer help", coder="Anna")
    with pytest.raises(BadInput, match="two different coders"):
        project.agreement.report(["Anna"])
    with pytest.raises(BadInput):
        project.agreement.report(["Anna", "anna"])
    with pytest.raises(NotFound, match="no coder 'Zed'"):
        project.agreement.report(["Anna", "Zed"])
    with pytest.raises(NotFound):
        project.agreement.report(["Anna", "Anna2"], codes=["Nope"])


def test_side_by_side_shows_who_coded_what(project: Project) -> None:
    project.code_text(1, 0, 100, "Peer help", coder="Anna")
    project.code_text(1, 50, 200, "Peer help", coder="Bram")
    project.code_text(1, 300, 310, "Peer help", coder="Bram")
    [view] = project.agreement.disagreements("Peer help", 1, ["Anna", "Bram"])
    assert view.document_title == "Lang" and view.code_path == "Peer help"
    assert [(s.start, s.end, s.matched) for s in view.segments["Anna"]] == [(0, 100, False)]
    assert view.segments["Anna"][0].best_overlap == pytest.approx(0.25)
    assert [(d.start, d.end, d.coded_by) for d in view.differences] == [
        (0, 50, ["Anna"]), (100, 200, ["Bram"]), (300, 310, ["Bram"])]
    assert not view.agree
    assert len(project.agreement.disagreements("Peer help", None, ["Anna", "Bram"])) == 1


def test_agreement_spreadsheet(project: Project, tmp_path: Path) -> None:
    project.code_text(1, 0, 100, "Peer help", coder="Anna")
    project.code_text(1, 50, 200, "Peer help", coder="Bram")
    report = project.agreement.report(["Anna", "Bram"])
    out = project.agreement.export_xlsx(report, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Agreement", "Segments"]
    rows = list(book["Agreement"].iter_rows(values_only=True))
    assert rows[1][0] == "level"
    assert "NVivo kappa" in rows[1][9] and "pooled kappa" in rows[1][13]
    cell = next(r for r in rows if r[0] == "code × document")
    assert cell[1:9] == ("Peer help", "Lang", "Anna", "Bram", 50, 50, 100, 800)
    assert cell[9:14] == (0.3182, 0, 0.3182, 85.0, 0.3182)
    # Over both documents: NVivo (1000·70/220 + 500·1) / 1500; "Leeg", nobody coded, is the
    # one kappa-1 cell; pooled a 50, b 50, c 100, d 1300 → 80/230 at 90 %.
    overall = next(r for r in rows if r[0] == "overall")
    assert overall[9:14] == (0.5455, 1, 0.3182, 90.0, 0.3478)
    segments = list(book["Segments"].iter_rows(values_only=True))
    assert segments[1][3:7] == (0, 1, 1, 0.0)  # 50/200 overlap: no agreeing pair
    with pytest.raises(BadInput):
        project.agreement.export_xlsx(project.agreement.report(["Anna", "Bram"]),
                                      tmp_path / "a.txt")


def test_blind_export_has_only_one_coder(project: Project, tmp_path: Path) -> None:
    project.code_text(1, 0, 100, "Peer help", coder="Anna")
    project.code_text(1, 50, 200, "Autonomy", coder="Bram")
    out = project.agreement.export_blind_xlsx("Bram", tmp_path / "bram.xlsx")
    rows = list(openpyxl.load_workbook(out)["Codings"].iter_rows(values_only=True))
    assert [r[:5] for r in rows[2:]] == [("Lang", "Autonomy", 50, 200, "a" * 150)]
    with pytest.raises(NotFound):
        project.agreement.export_blind_xlsx("Zed", tmp_path / "zed.xlsx")
    assert [c.name for c in project.coder_summaries()] == ["Anna", "Bram"]


def test_photo_regions_have_no_characters_and_are_left_out(project: Project) -> None:
    photo = project.imports.document(ImportedDocument("photo", "Zaag", "", media=ImportedMedia(
        b"jpeg", "zaag.jpg", "image/jpeg", width=50, height=50)))
    project.code_region(photo.id, Region(0, 0, 10, 10), "Autonomy", coder="Anna")
    project.code_text(1, 0, 100, "Peer help", coder="Anna")
    project.code_text(1, 0, 100, "Peer help", coder="Bram")
    report = project.agreement.report(["Anna", "Bram"])
    assert [project.code_path(r.code) for r in report.codes] == ["Peer help"]
