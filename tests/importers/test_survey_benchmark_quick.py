"""benchmarks/survey.py --quick runs end to end, so the benchmark does not rot: both files are
imported and what the project holds equals the generator's truth, and undoing the import
leaves nothing (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_survey_benchmark_quick() -> None:
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "survey.py"), "--quick",
                           "--json"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "A survey of 500 respondents × 40 columns" in out
    figures = json.loads(out[out.index("\n{") + 1:])
    for kind in ("csv", "xlsx"):
        found = figures[kind]
        assert found["parity"] is True and found["stored"] == found["truth"]
        assert found["truth"][0] == 500 and found["truth"][2] > 500 * 20
        assert found["undo_parity"] is True  # the undo (batched and row by row) left nothing
        assert set(found["undo"]) == {"wall", "cpu", "base_wall", "base_cpu"}
    assert "DIFFER" not in out
