"""Shared benchmark helpers: the cached demo projects, percentile figures and the machine load."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# where demo projects are cached and copies made (the quick test points it at a temporary folder)
OUT = Path(os.environ.get("FIELDKIT_BENCH_OUT") or Path(__file__).resolve().parent / "out")
LARGE = OUT / "Large.fieldkit"
SMALL = OUT / "Small.fieldkit"
HUGE = OUT / "Huge.fieldkit"
HUGE_PARTS = 10  # large studies stored into the huge project: 100,000 documents


def large_demo(rebuild: bool = False) -> tuple[Path, float | None]:
    """The large demo project (built once and cached); returns its path and build seconds."""
    return _demo(LARGE, "large", rebuild)


def small_demo(rebuild: bool = False) -> tuple[Path, float | None]:
    """The small demo project (built once and cached): what ``--quick`` runs on."""
    return _demo(SMALL, "small", rebuild)


def demo(quick: bool, rebuild: bool = False, size: str = "large"
         ) -> tuple[Path, float | None]:
    """The small demo with ``quick``, else the demo of ``size`` (``large`` or ``huge``)."""
    if quick:
        return small_demo(rebuild)
    return huge_demo(rebuild) if size == "huge" else large_demo(rebuild)


def huge_demo(rebuild: bool = False, parts: int = HUGE_PARTS) -> tuple[Path, float | None]:
    """The 10× project (built once and cached): ``parts`` large demo studies of different
    seeds stored one after the other into one project, 100,000 documents and ~50 M words.

    One study is generated, stored and let go at a time (one transaction each), so the build
    holds a tenth of the text in memory. Each study brings 150 participants of its own: they
    get pseudonyms no earlier study used (``_unused_names``), so every ESM series and interview
    belongs to a distinct person; sites, codes and coders are shared.
    """
    OUT.mkdir(exist_ok=True)
    if rebuild and HUGE.exists():
        import shutil

        shutil.rmtree(HUGE)
    if HUGE.exists() and (HUGE / "project.sqlite").exists():
        return HUGE, None
    from fieldkit import Project

    started = time.perf_counter()
    Project.build(HUGE, name="Leren op de werkvloer (demo, 10×)", language="nl",
                  fill=lambda project, store: _fill_huge(project, store, parts)).close()
    return HUGE, time.perf_counter() - started


def _unused_names(taken: set[str]) -> Iterator[str]:
    """Pseudonyms not in ``taken``: the recipes' pseudonym first × last names, then their
    first names with the "real" last names (3,500 in all; the huge demo needs 1,500)."""
    from fieldkit.demo.recipes import load_recipes

    people = load_recipes().people
    for firsts, lasts in ((people["pseudonym_first"], people["pseudonym_last"]),
                          (people["pseudonym_first"], people["last_names"])):
        for last in lasts:
            for first in firsts:
                name = f"{first} {last}"
                if name.casefold() not in taken:
                    taken.add(name.casefold())
                    yield name


def _fill_huge(project: Any, store: Any, parts: int, size: str = "large") -> None:
    """Store ``parts`` demo studies of ``size`` (seeds 7, 8, ...) into one new project."""
    from dataclasses import replace

    from fieldkit import demobuild
    from fieldkit.core.progress import Progress
    from fieldkit.demo import generate

    taken: set[str] = set()
    names = _unused_names(taken)
    ids = None
    coder = ""
    for k in range(parts):
        study = generate(size, seed=7 + k)
        if k:
            renamed = {p.pseudonym: next(names) for p in study.participants}
            study.participants = [replace(p, pseudonym=renamed[p.pseudonym])
                                  for p in study.participants]
            for doc in study.documents:
                if doc.participant:
                    doc.participant = renamed.get(doc.participant, doc.participant)
        else:
            taken.update(p.pseudonym.casefold() for p in study.participants)
            coder = study.coders[0]
        with store.change(f"Build the huge demo, part {k + 1}", log=False):
            if ids is None:
                ids = demobuild._store_people_and_places(store, study)
                ids.codes = demobuild._store_codebook(project, study)
            else:
                for v in study.visits:
                    if (v.site, v.date) not in ids.visits:
                        ids.visits[(v.site, v.date)] = store.add_visit(
                            ids.sites[v.site], v.date, v.observers)
                for p in study.participants:
                    ids.people[p.pseudonym] = store.add_participant(
                        p.pseudonym, name=p.name, role=p.role, site_id=ids.sites.get(p.site),
                        attributes=p.attributes)
            doc_ids = demobuild._store_documents(project, store, study, ids, Progress.silent())
            demobuild._store_codings(store, study, ids, doc_ids, Progress.silent())
        print(f"huge demo: part {k + 1} of {parts} stored", file=sys.stderr, flush=True)
        del study, doc_ids
    project.set_coder(coder)


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
