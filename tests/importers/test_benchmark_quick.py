"""benchmarks/imports.py --quick runs end to end, so the benchmark does not rot: every figure is
printed and both imports of a pair stored the same text (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_imports_benchmark_quick() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "imports.py"), "--quick",
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    for heading in ("1. A transcript of 1,600 speaker turns", "2. A WebVTT file of 10,000 cues",
                    "3. merge of a .qdpx"):
        assert heading in out
    figures = json.loads(out[out.index("\n{") + 1:])
    assert figures["turns"]["parity"] is True and figures["turns"]["turns"] == 1_600
    assert figures["cues"]["parity"] is True and figures["cues"]["cues"] == 10_000
    assert [m["codes"] for m in figures["merge"]] == [1_000, 2_000]
    assert all(m["parity"] for m in figures["merge"])
    assert "DIFFER" not in out
