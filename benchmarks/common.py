"""Shared benchmark helpers: the cached large demo project and percentile figures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
LARGE = OUT / "Large.fieldkit"


def large_demo(rebuild: bool = False) -> tuple[Path, float | None]:
    """The large demo project (built once and cached); returns its path and build seconds."""
    from fieldkit.demobuild import build_demo

    OUT.mkdir(exist_ok=True)
    if rebuild and LARGE.exists():
        import shutil

        shutil.rmtree(LARGE)
    if LARGE.exists() and (LARGE / "project.sqlite").exists():
        return LARGE, None
    started = time.perf_counter()
    build_demo(LARGE, size="large").close()
    return LARGE, time.perf_counter() - started


def percentiles(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples_s)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2),
            "max_ms": round(ms[-1], 2), "n": len(ms)}


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out
