"""benchmarks/team_server.py --quick runs end to end on the small demo, so the benchmark does not
rot: every figure is printed and every parity check holds (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT, pgserver


def test_team_server_benchmark_quick() -> None:
    if not pgserver.available():
        pytest.fail("PostgreSQL is not installed; 'make test' installs it (Debian: postgresql)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PGPASSFILE", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "team_server.py"), "--quick", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    for heading in ("1. Publish and join", "2. Sync of 300 change sets", "3. 3 coders at once",
                    "4. A change visible in another open replica", "5. How it scales"):
        assert heading in out
    figures = json.loads(out[out.index("\n{") + 1:])
    assert figures["publish"]["parity"] is True
    assert figures["ten_coders"]["parity"] is True
    assert figures["ten_coders"]["baseline_merge"]["parity"] is True
    assert figures["sync_10k"]["parity"] is True
    assert figures["visible"]["listen"]["n"] == 5
    assert figures["scaling"]["history"] == 20_000
    assert "DIFFER" not in out
