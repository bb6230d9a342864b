"""``benchmarks/network_view.py --quick`` runs on the real Networks tab and its checks hold: the
canvas shows every node and link the project holds, and every scroll step painted (no timing
is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_network_view_benchmark_runs_and_the_canvas_shows_the_project(
        tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "FIELDKIT_SETTINGS": str(tmp_path / "settings.ini"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "network_view.py"),
                           "--quick", "--json"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    figures = json.loads(done.stdout)
    ours = figures["fieldkit"]
    assert ours["canvas_matches_project"] is True
    assert (figures["nodes"], figures["links"]) == (100, 300)
    for view in ("whole_network_pan", "zoom_100_pan", "whole_network_repaint"):
        assert ours[view]["paints"] > 0 and figures["baseline_python_paint"][view]["paints"] > 0
