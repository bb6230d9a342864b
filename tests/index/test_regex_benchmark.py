"""``benchmarks/search_regex.py --quick`` runs and its parity holds (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_regex_benchmark_runs_and_finds_the_same_as_the_scan(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDKIT_BENCH_OUT": str(tmp_path),
           "FIELDKIT_SETTINGS": str(tmp_path / "settings.ini"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "search_regex.py"),
                           "--quick", "--json"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    figures = json.loads(done.stdout)
    assert figures["parity_ok"] is True
    compared = {k: v for k, v in figures["kinds"].items() if v["same"] is not None}
    assert len(compared) == 14
    assert all(v["same"] == v["fieldkit"]["n"] == 2 for v in compared.values())
    assert all(f["same"] == f["n"] for f in figures["fuzzy"].values())
