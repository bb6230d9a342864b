"""The agreement dialog on a real project: figures worst first, and the side-by-side view."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from fieldkit.gui.agreement_dialog import (  # noqa: E402
    KAPPA_COLUMN,
    ROW_ROLE,
    AgreementDialog,
    AgreementTableModel,
)
from fieldkit.project import Project  # noqa: E402


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "agree.fieldkit") as p:
        p.add_note(site="Metaal BV", title="Zagerij", text=("a" * 49 + "\n") * 20)
        p.add_code("Peer help")
        p.add_code("Autonomy")
        for coder in ("Anna", "Bram"):
            p.code_text(1, 10, 60, "Peer help", coder=coder)
        p.code_text(1, 0, 100, "Autonomy", coder="Anna")
        p.code_text(1, 50, 200, "Autonomy", coder="Bram")
        yield p


def test_model_passes_the_model_tester(project: Project, qtmodeltester) -> None:
    model = AgreementTableModel()
    report = project.agreement.report(["Anna", "Bram"])
    model.set_rows(project.agreement.as_dict(report)["documents"])
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_dialog_lists_worst_codes_first_and_opens_side_by_side(project: Project, qtbot) -> None:
    dialog = AgreementDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.checked_coders() == ["Anna", "Bram"]
    table = dialog.table.model()
    assert table.rowCount() == 2
    first = table.data(table.index(0, 0))
    assert first == "Autonomy"  # kappa 0.318 before Peer help's 1.000
    assert table.data(table.index(0, KAPPA_COLUMN)) == "0.318"
    assert table.data(table.index(1, KAPPA_COLUMN)) == "1.000"
    assert "92.5 % agreement" in dialog.summary.text()  # pooled: (100 + 1750) / 2000
    # NVivo: (1000·1 + 1000·70/220) / 2000 = 0.659; pooled a 100, b 50, c 100, d 1750: 170/320
    assert ("NVivo kappa 0.659 (per code × document, weighted by length; 0 of 2 cells nobody "
            "coded count as kappa 1 and raise it, 0.659 without them); pooled: kappa 0.531"
            ) in dialog.summary.text()
    # Peer help's pair agrees, counted once; Autonomy's two segments (50/200) do not: 1 / 3
    assert "(MAXQDA, a pair counted once) 33.3 % agree" in dialog.summary.text()
    assert table.headerData(KAPPA_COLUMN, Qt.Orientation.Horizontal) == "Kappa (NVivo)"
    assert table.headerData(KAPPA_COLUMN + 1, Qt.Orientation.Horizontal) == "Kappa (pooled)"

    dialog.level.setCurrentIndex(1)  # per code and document
    assert table.data(table.index(0, 1)) == "Zagerij"
    side = dialog.show_disagreements(table.index(0, 0))
    assert side is not None
    qtbot.addWidget(side)
    assert list(side.columns) == ["Anna", "Bram"]
    # cited by paragraph (lines of 50 characters), not by character offsets
    assert "¶ 1–2" in side.columns["Anna"].toPlainText()
    assert "¶ 2–4" in side.columns["Bram"].toPlainText()
    assert "0–100" not in side.columns["Anna"].toPlainText()
    assert table.data(table.index(0, 0), ROW_ROLE)["code_path"] == "Autonomy"

    dialog.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert table.data(table.index(0, 0)) == "Peer help"


def test_one_coder_shows_the_message_not_a_table(project: Project, qtbot) -> None:
    dialog = AgreementDialog(project)
    qtbot.addWidget(dialog)
    dialog.coder_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.compute()
    assert dialog.table.model().rowCount() == 0
    assert "two different coders" in dialog.summary.text()
