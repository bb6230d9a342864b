"""Coded-segments view: every kind of query the view asks, beside a loaded-once baseline.

Run on purpose (``make bench`` runs it)::

    .venv/bin/python benchmarks/retrieval.py [--json] [--quick] [--repeat N]

``--quick`` measures the small demo (seconds; ``tests/test_benchmarks_quick.py`` runs it so
this script keeps working); otherwise the large demo (built once, cached in ``out/``).

For each query kind of the view (one code with its sub-codes: the code tree's busiest branch;
one code, the busiest; two codes, any; two codes, all overlapping; a coder and a date range; a
code at one site; a code in a few documents) it prints
p50/p95 of ``project.retrieval.segments`` with ``light=True`` (the rows the view lists; the
headline) and of the full rows (quotes, context, memos), beside the baseline.

The baseline is what a competent engineer writes without the SQL filter: before any timing,
every coding is read once into memory (``store.codings()``, full rows) with each document's
site and date and the code tree; a timed query then only filters those in Python (the code
group with its sub-codes, coder, site, document, date range) and, for "all", runs the same
overlap sweep. Parity: the ids, in order, of the light rows, the full rows and the baseline are
the same. Also timed: citing the first page the view shows (200 rows: paragraph, timestamp,
beep) from a cold cache.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo, load, percentiles, timed  # noqa: E402

from fieldkit.core.model import Coding  # noqa: E402
from fieldkit.operations.retrieval import SegmentQuery  # noqa: E402
from fieldkit.project import Project  # noqa: E402


def _overlaps(a: Coding, b: Coding) -> bool:
    if a.start is not None and b.start is not None:
        assert a.end is not None and b.end is not None
        return a.start < b.end and b.start < a.end
    if a.region is not None and b.region is not None:
        ra, rb = a.region, b.region
        return (ra.x < rb.x + rb.width and rb.x < ra.x + ra.width
                and ra.y < rb.y + rb.height and rb.y < ra.y + ra.height)
    return False


class _Spans:
    """Text spans of one code group in one document: "does any overlap [s, e)?" in O(log n)."""

    def __init__(self, codings: list[Coding]) -> None:
        spans = sorted((c.start, c.end) for c in codings
                       if c.start is not None and c.end is not None)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # the furthest end among the first i + 1 spans
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)
        self.regions = [c for c in codings if c.region is not None]

    def overlaps(self, c: Coding) -> bool:
        if c.start is not None and c.end is not None:
            k = bisect.bisect_left(self.starts, c.end)  # spans starting before c ends
            return k > 0 and self.reach[k - 1] > c.start
        return any(_overlaps(c, o) for o in self.regions)


def _overlapping_all(codings: list[Coding], groups: list[set[int]]) -> list[Coding]:
    """Codings overlapped, in their document, by a coding of every chosen code group."""
    by_doc: dict[int, list[Coding]] = {}
    for c in codings:
        by_doc.setdefault(c.document_id, []).append(c)
    kept: set[int] = set()
    for items in by_doc.values():
        members = [[c for c in items if c.code_id in g] for g in groups]
        if not all(members):
            continue
        spans = [_Spans(m) for m in members]
        for c in items:
            if all(c.code_id in g or s.overlaps(c)
                   for g, s in zip(groups, spans, strict=True)):
                kept.add(c.id)
    return [c for c in codings if c.id in kept]


class LoadedOnce:
    """The baseline: every coding, document fact and the code tree read once, then filtered."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.book = project.codebook()
        self.codings = sorted(project._store.codings(),
                              key=lambda c: (c.document_id, -1 if c.start is None else c.start,
                                             c.id))
        self.docs: dict[int, tuple[int | None, str]] = {}
        for d in project.documents():
            full = project._store.document(d.id)
            self.docs[d.id] = (full.site_id, d.visit or full.created[:10])
        self.codes = {c.id: c for c in self.book.codes.values()}
        self.coders = {c.name: c.id for c in project.coders()}
        self.sites = {s.name: s.id for s in project.sites()}

    def query(self, query: SegmentQuery) -> list[Coding]:
        groups = []
        for ref in query.codes:
            code = self.project.code(ref)
            groups.append({code.id, *self.book.descendants(code.id)})
        wanted = set().union(*groups) if groups else None
        coders = {self.coders[n] for n in query.coders} or None
        sites = {self.project.site(s).id for s in query.sites} or None
        docs = {int(d) for d in query.documents} or None
        out: list[Coding] = []
        for c in self.codings:
            if wanted is not None and c.code_id not in wanted:
                continue
            if coders is not None and c.coder_id not in coders:
                continue
            if docs is not None and c.document_id not in docs:
                continue
            site, day = self.docs[c.document_id]
            if sites is not None and site not in sites:
                continue
            if query.date_from and day < query.date_from or query.date_to and \
                    day > query.date_to:
                continue
            out.append(c)
        if query.match == "all" and len(groups) > 1:
            out = _overlapping_all(out, groups)
        return out


def queries(project: Project) -> dict[str, SegmentQuery]:
    """One query of every kind the view asks, on the busiest codes of the project."""
    book = project.codebook()
    counts = {int(r[0]): int(r[1]) for r in project._store.rows(
        "SELECT code_id, count(*) FROM codings GROUP BY code_id")}  # each code's own
    below = {c: sum(counts.get(k, 0) for k in (c, *book.descendants(c))) for c in book.codes}
    parents = sorted((n, c) for c, n in below.items() if book.descendants(c))
    tops = sorted(((n, c) for c, n in counts.items()), reverse=True)
    a, b = book.path(tops[0][1]), book.path(tops[1][1])
    parent = book.path(parents[-1][1]) if parents else a
    coder = project.coders()[0].name
    days = sorted(d.visit for d in project.documents() if d.visit)
    first, last = days[len(days) // 4], days[len(days) // 2]
    site = project.sites()[0].name
    coded_docs = sorted({int(r[0]) for r in project._store.rows(
        "SELECT DISTINCT document_id FROM codings WHERE code_id = ?", (tops[0][1],))})
    few = [str(d) for d in coded_docs[::max(1, len(coded_docs) // 5)][:5]]
    return {
        f"one code with sub-codes ({parent})": SegmentQuery(codes=[parent]),
        f"one code ({a})": SegmentQuery(codes=[a]),
        "two codes, any": SegmentQuery(codes=[a, b]),
        "two codes, all overlapping": SegmentQuery(codes=[a, b], match="all"),
        f"coder {coder}, {first} – {last}": SegmentQuery(coders=[coder], date_from=first,
                                                         date_to=last),
        f"one code at {site}": SegmentQuery(codes=[a], sites=[site]),
        "one code in 5 of its documents": SegmentQuery(codes=[a], documents=few),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="the small demo, a few repeats")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    path, built = demo(args.quick)
    if built is not None:
        say(f"built the demo in {built:.1f} s")
    report: dict[str, Any] = {"load_at_start": load(), "quick": args.quick, "queries": {}}
    with Project.open(path, readonly=True) as project:
        started = time.perf_counter()
        base = LoadedOnce(project)
        report["baseline_load_ms"] = round((time.perf_counter() - started) * 1000, 1)
        report["codings"] = len(base.codings)
        report["documents"] = len(base.docs)
        say(f"project: {len(base.docs)} documents, {len(base.codings)} codings; the baseline "
            f"read them once in {report['baseline_load_ms']} ms (not timed below); "
            f"{report['load_at_start']}")
        say(f"{'query':<44} {'rows':>6} {'light p50/p95':>14} {'full p50/p95':>15} "
            f"{'baseline p50/p95':>17} {'×p50':>6} {'parity':>7}")
        for label, query in queries(project).items():
            project.retrieval.segments(query, light=True)  # warm up
            light_ids = [c.id for c in project.retrieval.segments(query, light=True)]
            full_ids = [c.id for c in project.retrieval.segments(query)]
            base_ids = [c.id for c in base.query(query)]
            same = light_ids == full_ids == base_ids
            light = percentiles(timed(
                lambda q=query: project.retrieval.segments(q, light=True), repeat))
            full = percentiles(timed(lambda q=query: project.retrieval.segments(q), repeat))
            theirs = percentiles(timed(lambda q=query: base.query(q), repeat))
            ratio = round(theirs["p50_ms"] / max(light["p50_ms"], 1e-3), 2)
            report["queries"][label] = {"rows": len(light_ids), "light": light, "full": full,
                                        "baseline": theirs, "baseline_over_light_p50": ratio,
                                        "parity": same}
            say(f"{label[:44]:<44} {len(light_ids):>6} "
                f"{light['p50_ms']:>6.1f} /{light['p95_ms']:>6.1f} "
                f"{full['p50_ms']:>7.1f} /{full['p95_ms']:>6.1f} "
                f"{theirs['p50_ms']:>8.1f} /{theirs['p95_ms']:>7.1f} {ratio:>6} "
                f"{'same' if same else 'DIFFER':>7}")
        first = next(iter(queries(project).values()))
        rows = project.retrieval.segments(first)[:200]

        def first_page() -> None:
            cite = project.retrieval.citations()
            for c in rows:
                cite.of(c)

        page = percentiles(timed(first_page, repeat))
        report["cite_first_page"] = page
        say(f"cite the first page (200 rows, cold cache): p50 {page['p50_ms']} ms, "
            f"p95 {page['p95_ms']} ms")
    report["parity"] = all(q["parity"] for q in report["queries"].values())
    report["load_at_end"] = load()
    say(report["load_at_end"])
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["parity"] else 1


if __name__ == "__main__":
    sys.exit(main())
