"""Shared benchmark helpers: the cached demo projects, percentile figures and the machine load."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

# where demo projects are cached and copies made (the quick test points it at a temporary folder)
OUT = Path(os.environ.get("FIELDKIT_BENCH_OUT") or Path(__file__).resolve().parent / "out")
LARGE = OUT / "Large.fieldkit"
SMALL = OUT / "Small.fieldkit"


def large_demo(rebuild: bool = False) -> tuple[Path, float | None]:
    """The large demo project (built once and cached); returns its path and build seconds."""
    return _demo(LARGE, "large", rebuild)


def small_demo(rebuild: bool = False) -> tuple[Path, float | None]:
    """The small demo project (built once and cached): what ``--quick`` runs on."""
    return _demo(SMALL, "small", rebuild)


def demo(quick: bool, rebuild: bool = False) -> tuple[Path, float | None]:
    """The small demo with ``quick``, else the large one."""
    return small_demo(rebuild) if quick else large_demo(rebuild)


def _demo(path: Path, size: str, rebuild: bool) -> tuple[Path, float | None]:
    from fieldkit.demobuild import build_demo

    OUT.mkdir(exist_ok=True)
    if rebuild and path.exists():
        import shutil

        shutil.rmtree(path)
    if path.exists() and (path / "project.sqlite").exists():
        return path, None
    started = time.perf_counter()
    build_demo(path, size=size).close()
    return path, time.perf_counter() - started


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and cores, to print beside figures."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


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
