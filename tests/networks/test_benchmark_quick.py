"""``benchmarks/network.py --quick`` runs and its checks hold (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_network_benchmark_runs_and_every_layout_places_every_node() -> None:
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "network.py"), "--quick",
                           "--json"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    figures = json.loads(done.stdout)
    assert figures["ok"] is True
    assert figures["project_layout"]["links_shown"] == figures["links"] == 300
    for method in ("force", "layered"):
        assert figures[method]["finite"] and figures[method]["apart"]
