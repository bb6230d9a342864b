"""Every benchmark runs in its quick mode (the small demo, a few repeats) and its parity checks
hold, so the scripts in ``benchmarks/`` cannot rot. No timing is asserted; the figures are the
benchmarks' business. (``benchmarks/team_server.py --quick`` needs PostgreSQL and is run by
``tests/teamserver/test_benchmark_quick.py``.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-out")


def run(name: str, out: Path, *extra: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDKIT_BENCH_OUT": str(out),
           "FIELDKIT_SETTINGS": str(out / "settings.ini"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / f"{name}.py"), "--quick",
                           "--json", *extra], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def test_search(out: Path) -> None:
    figures = run("search", out)
    parity = figures["parity"]
    assert figures["parity_ok"] is True
    for kind, n in parity["queries"].items():
        assert n > 0
        assert parity["scan_total"][kind] == parity["scan_units"][kind] == n
        assert parity["scan_positions"][kind] == parity["ranking"][kind] == n
    assert set(figures["scan_over_fieldkit"]) >= {"set:", "phrase", "code:", "all"}
    assert figures["fieldkit"]["all"]["n"] == figures["fieldkit_cpu"]["all"]["n"]


def test_retrieval(out: Path) -> None:
    figures = run("retrieval", out)
    assert figures["parity"] is True
    assert len(figures["queries"]) == 7
    assert all(q["parity"] is True for q in figures["queries"].values())
    assert sum(q["rows"] > 0 for q in figures["queries"].values()) >= 5


@pytest.mark.qt  # the Code Relations view, painted offscreen
def test_analysis(out: Path) -> None:
    figures = run("analysis", out)
    assert figures["parity"] is True
    for name in ("relations", "relations_after_coding", "matrix_site", "matrix_attribute",
                 "query", "drilldown", "relations_view"):
        assert figures[name]["parity"] is True, name


def test_edit(out: Path) -> None:
    figures = run("edit", out)
    assert figures["parity"] is True
    assert len(figures["long_note"]["edits"]) == 5
    assert figures["long_note"]["edit_text"]["n"] == 10


@pytest.mark.qt  # the recording player
def test_recordings(out: Path) -> None:
    figures = run("recordings", out)
    assert figures["waveform_parity"] is True
    assert figures["open_parity"] is True and figures["seek_parity"] is True


def test_export(out: Path) -> None:
    assert run("export", out)["parity"] is True


def test_foundation_and_assist(out: Path) -> None:
    assert run("foundation", out)["documents"] > 0
    assist = run("assist", out)
    assert assist["train_all_coders"]["codings"] > 0


@pytest.mark.qt
def test_gui(out: Path) -> None:
    gui = run("gui", out)
    assert gui["relations_codes"] > 0 and gui["open_documents"] > 0


@pytest.mark.qt  # the PDF view, painted offscreen
def test_pdf_view(out: Path) -> None:
    figures = run("pdf_view", out)
    assert figures["pages"] == 30 and figures["open_to_first_page_ms"] > 0
    assert figures["pdfium_page_to_qimage_ms"] > 0 and figures["qtpdf_page_ms"] > 0


def test_words(out: Path) -> None:
    figures = run("words", out)
    assert figures["parity"] is True
    assert [r["what"].split()[0] for r in figures["results"]] == ["every", "code", "speaker"]
    assert all(r["words"] > 0 and r["parity"] for r in figures["results"])


@pytest.mark.qt  # the long run goes through the main window's job runner
@pytest.mark.whisper
def test_transcribe(out: Path) -> None:
    figures = run("transcribe", out)
    assert figures["parity"] is True
    [tiny] = figures["models"]
    assert tiny["recall"] >= 0.6 and tiny["turns"] >= 5 and tiny["rtf"] > 0
    run_ = figures["long_run"]
    assert run_["stored"] is True and run_["recall"] >= 0.6 and run_["ticks"] > 0


def test_pdf(out: Path) -> None:
    figures = run("pdf", out)
    assert figures["parity_ok"] is True
    assert figures["pages"] == 30 and figures["parity"]["boxes_counted"] >= figures["chars"]
    assert figures["parity"]["search_hits"] == 1


def test_encrypted(out: Path) -> None:
    figures = run("encrypted", out)
    assert figures["parity_ok"] is True, figures["parity"]
    assert set(figures["ratios"]) >= {"open", "search_p95", "transcript", "repaint",
                                      "import_recording", "waveform"}
