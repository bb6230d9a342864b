"""Coded-segments view on the large demo: the query, the first page of citations, and a baseline.

Run on purpose, not in the test suite::

    .venv/bin/python benchmarks/retrieval.py     # builds the large demo once (cached in out/)

For each query (one code with its sub-codes; two codes, any; two codes, all overlapping; one
coder and a date range) it prints the time of ``project.retrieval.segments`` (full rows, and
the light rows the view lists) beside a baseline a competent engineer would write without the
SQL filter — every coding loaded once and filtered in Python with the same overlap sweep — and
the parity of the answers. Then the time to cite
the first page the view shows (200 rows: paragraph, timestamp, beep), from a cold cache.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import large_demo, percentiles, timed  # noqa: E402

from fieldkit.core.model import Coding  # noqa: E402
from fieldkit.operations.retrieval import SegmentQuery, _overlapping_all  # noqa: E402
from fieldkit.project import Project  # noqa: E402


def baseline(project: Project, query: SegmentQuery) -> list[int]:
    """Everything loaded, then filtered in memory (the same meaning as the facade query)."""
    book = project.codebook()
    groups = []
    for ref in query.codes:
        code = project.code(ref)
        groups.append({code.id, *book.descendants(code.id)})
    wanted = set().union(*groups) if groups else None
    coder_ids = {project.find_coder(n).id for n in query.coders} or None
    dated = {}
    for d in project.documents():
        full = project.store.document(d.id) if query.date_from or query.date_to else None
        dated[d.id] = (d.visit or (full.created[:10] if full else ""))
    out: list[Coding] = []
    for c in project.store.codings():
        if wanted is not None and c.code_id not in wanted:
            continue
        if coder_ids is not None and c.coder_id not in coder_ids:
            continue
        day = dated[c.document_id]
        if query.date_from and day < query.date_from or query.date_to and day > query.date_to:
            continue
        out.append(c)
    if query.match == "all" and len(groups) > 1:
        out = _overlapping_all(out, groups)
    return [c.id for c in out]


def main() -> int:
    path, built = large_demo()
    if built is not None:
        print(f"built the large demo in {built:.1f} s")
    with Project.open(path, readonly=True) as project:
        counts = sorted(((n, path_) for _d, _c, path_, n in project.codes_with_counts()),
                        reverse=True)
        codings = sum(n for n, _ in counts)
        print(f"project: {len(project.documents())} documents, {codings} codings")
        tops = [p for _, p in counts[:2]]
        coder = project.coders()[0].name
        days = sorted(d.visit for d in project.documents() if d.visit)
        first, last = days[len(days) // 4], days[len(days) // 2]
        queries = {
            f"one code ({tops[0]}) with sub-codes": SegmentQuery(codes=[tops[0]]),
            "two codes, any": SegmentQuery(codes=tops),
            "two codes, all overlapping": SegmentQuery(codes=tops, match="all"),
            f"coder {coder}, {first} – {last}": SegmentQuery(coders=[coder], date_from=first,
                                                             date_to=last),
        }
        print(f"{'query':<44} {'rows':>6} {'p50 ms':>7} {'p95 ms':>7} {'light p50':>10} "
              f"{'baseline p50':>13} {'parity':>7}")
        for label, query in queries.items():
            found = [c.id for c in project.retrieval.segments(query)]
            ours = percentiles(timed(lambda q=query: project.retrieval.segments(q), 5))
            light = percentiles(timed(
                lambda q=query: project.retrieval.segments(q, light=True), 5))
            theirs = percentiles(timed(lambda q=query: baseline(project, q), 3))
            same = found == baseline(project, query) == [
                c.id for c in project.retrieval.segments(query, light=True)]
            print(f"{label[:44]:<44} {len(found):>6} {ours['p50_ms']:>7} {ours['p95_ms']:>7} "
                  f"{light['p50_ms']:>10} {theirs['p50_ms']:>13} "
                  f"{'same' if same else 'DIFFER':>7}")
        rows = project.retrieval.segments(SegmentQuery(codes=[tops[0]]))[:200]

        def first_page() -> None:
            cite = project.retrieval.citations()
            for c in rows:
                cite.of(c)

        page = percentiles(timed(first_page, 5))
        print(f"cite the first page (200 rows, cold cache): p50 {page['p50_ms']} ms, "
              f"p95 {page['p95_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
