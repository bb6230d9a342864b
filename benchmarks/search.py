"""Search benchmark: fieldkit's FTS5 index against a competent scan, whoosh and a naive scan.

On the large demo project (≈10,000 documents, 5M words; or any project with ``--project``), in
one run and on the same text, for every query kind — one word, two words, a phrase, a prefix,
and a word with ``site:``, ``kind:``, ``after:``/``before:``, ``speaker:``, ``code:`` or
``coder:``, and ``speaker:`` or ``code:`` alone (every turn or segment they stand for, in text
order; whoosh has nothing to list them with) or together (the parts of the segments in the
speaker's turns; about half the turns sampled are the interviewer's, who has 24,000 on the
large demo) — ``--per-kind`` queries each (words drawn from the texts, the turns and the coded
segments they filter on, so most have hits): p50/p95 per kind and over all, the top
``--limit`` (the CLI's default 20) with a keyword-in-context snippet for every hit returned.

The baseline is the competent scan (``search_scan.CompetentScan``: texts folded in memory once,
a substring prefilter, then regular expressions, the same hits); whoosh (``search_whoosh``)
indexes the same rows with the same words and filter words and no stoplist. For each engine
the number of queries whose hit count equals fieldkit's is printed (parity), and whoosh's
failures are counted, not timed. The naive scan (every text from the database per query, a
regex per word: the earlier baseline) runs on a few queries per kind, for reference only.
Also printed: index build time, database size, and the time for an edit and a coding memo to
become searchable. ``--size huge`` measures the 10× project instead (``common.huge_demo``: ten
large studies of different seeds in one project, 100,000 documents, ~50 M words, 1,500
participants; built once, part by part, and cached beside the large demo; the first build takes
about half an hour): fieldkit's figures only, as the scans would hold every text in memory
(add ``--scan`` to run them anyway). Run::

    .venv/bin/python benchmarks/search.py [--json] [--project PATH] [--size large|huge]
                                          [--skip-whoosh]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, demo, load, percentiles  # noqa: E402
from search_scan import CompetentScan, NaiveScan  # noqa: E402
from search_whoosh import Whoosh  # noqa: E402

from fieldkit import Project  # noqa: E402
from fieldkit.index.query import parse  # noqa: E402
from fieldkit.index.words import WORD  # noqa: E402

KINDS = ("word", "two words", "phrase", "prefix", "site:", "kind:", "after:/before:",
         "speaker:", "code:", "coder:", "set:", "speaker: alone", "code: alone",
         "speaker: code:")
# filters alone list turns or segments (speaker: beside code: the segments' parts in the turns)
ALONE = ("speaker: alone", "code: alone", "speaker: code:")
SET_NAME = "Benchmarkhelft"  # every other document: 5,000 on the large demo


def copy_project(source: Path) -> Path:
    """A private copy of the project database, so the edits this benchmark makes stay here."""
    copy = OUT / f"SearchBench-{source.name}"
    if copy.exists():
        shutil.rmtree(copy)
    copy.mkdir(parents=True)
    src = sqlite3.connect(f"file:{source / 'project.sqlite'}?mode=ro", uri=True)
    dst = sqlite3.connect(copy / "project.sqlite")
    src.backup(dst)
    src.close()
    dst.close()
    (copy / "media").mkdir()
    (copy / "backups").mkdir()
    return copy


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if len(w) >= 4 and w.isalpha()]


def make_queries(project: Project, per_kind: int, seed: int = 11) -> list[tuple[str, str]]:
    """(kind, query) pairs, ``per_kind`` of every kind, the same for the same project."""
    rng = random.Random(seed)
    store = project._store
    ids = [r[0] for r in store.rows("SELECT id FROM documents WHERE chars > 200")]
    texts = [store.value("SELECT text FROM documents WHERE id = ?", (i,))
             for i in rng.sample(ids, min(300, len(ids)))]
    words = [w for t in texts for w in _words(t)]
    sites = [r[0].split()[0] for r in store.rows("SELECT name FROM sites")]
    days = [r[0] for r in store.rows("SELECT DISTINCT date FROM visits ORDER BY date")]

    def sample(sql: str, table: str, n: int) -> list[Any]:
        top = store.value(f"SELECT max(id) FROM {table}") or 0
        out: list[Any] = []
        while len(out) < n and top:
            r = store.row(sql, (rng.randint(1, top),))
            if r is not None and _words(r[0]):
                out.append(r)
        return out

    turns = sample("SELECT substr(d.text, t.start + 1, t.end - t.start), t.speaker FROM turns t "
                   "JOIN documents d ON d.id = t.document_id WHERE t.id = ?", "turns", per_kind)
    coded = sample("SELECT c.quote, k.name, r.name FROM codings c JOIN codes k "
                   "ON k.id = c.code_id JOIN coders r ON r.id = c.coder_id "
                   "WHERE c.id = ? AND c.start IS NOT NULL", "codings", 2 * per_kind)
    out: list[tuple[str, str]] = []
    for _ in range(per_kind):
        w = rng.choice(words).lower()
        t = rng.choice(texts)
        found = WORD.findall(t)
        i = rng.randrange(max(1, len(found) - 2))
        pair = rng.sample(_words(t), 2) if len(_words(t)) > 1 else [w, w]
        first = rng.randrange(len(days))
        last = min(len(days) - 1, first + rng.randint(5, 40))
        out += [
            ("word", w),
            ("two words", f"{pair[0].lower()} {pair[1].lower()}"),
            ("phrase", '"' + " ".join(found[i:i + 2]) + '"'),
            ("prefix", w[:max(4, len(w) - 3)] + "*"),
            ("site:", f"{w} site:{rng.choice(sites)}"),
            ("kind:", f"{w} kind:{rng.choice(['fieldnote', 'transcript', 'esm'])}"),
            ("after:/before:", f"{w} after:{days[first]} before:{days[last]}"),
            ("set:", f"{w} set:{SET_NAME}"),
        ]
    for text, speaker in turns:
        spoken = [w for w in _words(text) if w.casefold() not in speaker.casefold()]
        out.append(("speaker:", f"{rng.choice(spoken or _words(text)).lower()} "
                                f"speaker:{speaker.split()[0]}"))
    for quote, code, _coder in coded[:per_kind]:
        out.append(("code:", f'{rng.choice(_words(quote)).lower()} code:"{code}"'))
    for _text, speaker in turns:
        out.append(("speaker: alone", f"speaker:{speaker.split()[0]}"))
    for _quote, code, _coder in coded[:per_kind]:
        out.append(("code: alone", f'code:"{code}"'))
    for (_text, speaker), (_quote, code, _coder) in zip(turns, coded[:per_kind], strict=False):
        out.append(("speaker: code:", f'speaker:{speaker.split()[0]} code:"{code}"'))
    for quote, _code, coder in coded[per_kind:]:
        out.append(("coder:", f"{rng.choice(_words(quote)).lower()} coder:{coder}"))
    return out


def by_kind(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Percentiles per query kind and over all kinds (kinds without samples left out, e.g.
    ``--naive 0``)."""
    out = {k: percentiles(v) for k, v in samples.items() if v}
    every = [s for v in samples.values() for s in v]
    if every:
        out["all"] = percentiles(every)
    return out


def every_hit(project: Project, q: str) -> list[tuple[int, int]]:
    """(unit, first position) of every hit fieldkit finds for ``q``, untimed (no limit)."""
    query = parse(q, project.index.engine.analyser)
    _total, matched = project.index.engine.matches(query, limit=None)
    return [(m.unit, m.spans[0][0] if m.spans else 0) for m in matched]


def ranked_right(result: Any, scores: list[float], limit: int) -> bool:
    """Whether the hits returned are the best-scoring ``limit`` of all hits, best first."""
    top = [h.score for h in result.hits]
    best = sorted(scores, reverse=True)[:limit]
    return len(top) == len(best) and top == sorted(top, reverse=True) and all(
        abs(a - b) <= 1e-9 * max(1.0, abs(b)) for a, b in zip(top, best, strict=True))


def set_up_set(project: Project) -> int:
    """A document set of every other document (5,000 on the large demo), for ``set:``."""
    ids = [r[0] for r in project._store.rows("SELECT id FROM documents ORDER BY id")][::2]
    project.sets.add(SET_NAME, "documents", ids)
    return len(ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true",
                        help="the small demo, a few queries of each kind, no whoosh (seconds)")
    parser.add_argument("--project", type=Path, help="a project to measure (default: the "
                        "large demo, built once into benchmarks/out)")
    parser.add_argument("--size", choices=("large", "huge"), default="large",
                        help="the demo to measure: large (10,000 documents) or huge (the 10× "
                        "project, 100,000 documents; fieldkit only unless --scan)")
    parser.add_argument("--scan", action="store_true",
                        help="with --size huge: run the scans and whoosh too")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached demo")
    parser.add_argument("--per-kind", type=int, default=30, help="queries of each kind")
    parser.add_argument("--limit", type=int, default=20, help="hits per query")
    parser.add_argument("--naive", type=int, default=3, help="naive-scan queries per kind")
    parser.add_argument("--no-build", action="store_true",
                        help="do not time a rebuild of the index (opening may still migrate)")
    parser.add_argument("--skip-whoosh", action="store_true")
    parser.add_argument("--skip-scan", action="store_true",
                        help="fieldkit's figures only (for a very large project)")
    parser.add_argument("--skip-parity", action="store_true",
                        help="leave out the untimed whole-result-set comparison")
    args = parser.parse_args()
    if args.quick:
        args.per_kind, args.skip_whoosh = min(args.per_kind, 4), True
        args.naive = min(args.naive, 1)
    if args.size == "huge" and not args.quick and not args.scan:
        args.skip_scan = args.skip_whoosh = True
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    if args.project:
        source, demo_s = args.project, None
    else:
        source, demo_s = demo(args.quick, args.rebuild, args.size)
    if demo_s is not None:
        say(f"built the demo in {demo_s:.1f} s")
    path = copy_project(source)
    db = path / "project.sqlite"
    report: dict[str, Any] = {"project": str(source), "load_at_start": load(),
                              "quick": args.quick, "limit": args.limit}
    started, cpu = time.perf_counter(), time.process_time()
    with Project.open(path) as project:
        report["open_and_migrate_s"] = round(time.perf_counter() - started, 2)
        report["open_and_migrate_cpu_s"] = round(time.process_time() - cpu, 2)
        store = project._store
        docs, chars = store.row("SELECT count(*), sum(chars) FROM documents")
        words = store.value("SELECT sum(length(stems) - length(replace(stems, ' ', '')) + 1) "
                            "FROM search_index WHERE rowid % 8 = 0")
        counts = {t: store.value(f"SELECT count(*) FROM {t}") for t in ("codings", "turns")}
        say(f"corpus: {docs} documents, {chars:,} characters, {words:,} words, "
            f"{counts['codings']:,} codings, {counts['turns']:,} turns "
            f"(opened in {report['open_and_migrate_s']} s, {report['open_and_migrate_cpu_s']} s "
            f"CPU, with a backup and the migration to the current index if it was older); "
            f"{report['load_at_start']}")
        report.update(documents=docs, characters=chars, words=words, **counts)
        report["set_documents"] = set_up_set(project)
        if not args.no_build:
            started, cpu = time.perf_counter(), time.process_time()
            texts = project.index.reindex()
            report["build_s"] = round(time.perf_counter() - started, 1)
            report["build_cpu_s"] = round(time.process_time() - cpu, 1)
            say(f"fieldkit index build: {report['build_s']} s ({report['build_cpu_s']} s CPU; "
                f"{texts} texts, "
                f"{store.value('SELECT count(*) FROM search_regions'):,} segments and turns)")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        report["database_mb"] = round(db.stat().st_size / 1e6, 1)
        say(f"database: {report['database_mb']} MB")
        queries = make_queries(project, args.per_kind)
        project.search("warm up")
        fk_wall: dict[str, list[float]] = {k: [] for k in KINDS}
        fk_cpu: dict[str, list[float]] = {k: [] for k in KINDS}
        results = []
        plans = []
        for kind, q in queries:
            w0, c0 = time.perf_counter(), time.process_time()
            result = project.search(q, limit=args.limit)
            _ = [h.snippet for h in result.hits]
            fk_cpu[kind].append(time.process_time() - c0)
            fk_wall[kind].append(time.perf_counter() - w0)
            results.append(result)
            parsed = parse(q, project.index.engine.analyser)
            plan = project.index.engine._filters(parsed) if parsed.match else None
            plans.append((parsed, plan))
        report["fieldkit"] = by_kind(fk_wall)
        report["fieldkit_cpu"] = by_kind(fk_cpu)
        say("fieldkit p50/p95 ms (wall): " + "; ".join(
            f"{k} {v['p50_ms']:.1f}/{v['p95_ms']:.1f}" for k, v in report["fieldkit"].items()))
        full: list[list[tuple[int, int]]] = []
        ranked: dict[str, int] = dict.fromkeys(KINDS, 0)
        if not args.skip_parity:
            for (kind, q), result in zip(queries, results, strict=True):
                query = parse(q, project.index.engine.analyser)
                _t, matched = project.index.engine.matches(query, limit=None)
                full.append([(m.unit, m.spans[0][0] if m.spans else 0) for m in matched])
                ranked[kind] += ranked_right(result, [m.score for m in matched], args.limit) \
                    and result.total == len(matched)
        note = store.value("SELECT id FROM documents WHERE kind = 'fieldnote' LIMIT 1")
        t0 = time.perf_counter()
        project.edit_text(note, project.document(note).text + " zwaluwstaartverbinding")
        found = project.search("zwaluwstaartverbinding").total
        edit_ms = (time.perf_counter() - t0) * 1000
        coding = store.value("SELECT id FROM codings LIMIT 1")
        t0 = time.perf_counter()
        project.memos.set_coding_memo(coding, "kwartelkoning")
        found += project.search("kwartelkoning").total
        memo_ms = (time.perf_counter() - t0) * 1000
        report.update(edit_to_searchable_ms=round(edit_ms, 1),
                      coding_memo_to_searchable_ms=round(memo_ms, 1),
                      edits_found=found == 2)
        say(f"edit → searchable: {edit_ms:.1f} ms; coding memo → searchable: {memo_ms:.1f} ms "
            f"(found {found} of 2)")
        analyser = project.index.engine.analyser
        # the scan reads the project as it was when the queries ran
        project.undo()
        project.undo()

    if args.skip_scan:
        report["ranking"] = None if args.skip_parity else ranked
        say("fieldkit p50/p95 ms (CPU): " + "; ".join(
            f"{k} {v['p50_ms']:.1f}/{v['p95_ms']:.1f}" for k, v in report["fieldkit_cpu"].items()))
        say("ranking not checked (--skip-parity)" if args.skip_parity else
            "ranked (the hits returned are the best-scoring of all hits, totals agree): "
            + "; ".join(f"{k} {v}/{len(fk_wall[k])}" for k, v in ranked.items()))
        say(load())
        if args.json:
            json.dump(report, sys.stdout, indent=2)
            sys.stdout.write("\n")
        return 0
    started = time.perf_counter()
    scan = CompetentScan(db, analyser)
    report["scan_load_s"] = round(time.perf_counter() - started, 1)
    say(f"competent scan: read and folded every text into memory in {report['scan_load_s']} s "
        "(not timed below)")
    sc_wall: dict[str, list[float]] = {k: [] for k in KINDS}
    sc_cpu: dict[str, list[float]] = {k: [] for k in KINDS}
    same_total: dict[str, int] = dict.fromkeys(KINDS, 0)
    same_units: dict[str, int] = dict.fromkeys(KINDS, 0)
    same_places: dict[str, int] = dict.fromkeys(KINDS, 0)
    differing: list[dict[str, Any]] = []
    for i, ((kind, q), (parsed, _plan), result) in enumerate(
            zip(queries, plans, results, strict=True)):
        w0, c0 = time.perf_counter(), time.process_time()
        if kind in ALONE:
            hits, _snippets = scan.listing(parsed, args.limit)
        else:
            hits, _snippets = scan.search(parsed, args.limit) if parsed.match else (0, [])
        sc_cpu[kind].append(time.process_time() - c0)
        sc_wall[kind].append(time.perf_counter() - w0)
        theirs = scan.last if parsed.match or kind in ALONE else []
        same_total[kind] += hits == result.total
        if full:
            ours = full[i]
            units = {u for u, _ in ours} == {u for u, _ in theirs}
            places = sorted(ours) == sorted(theirs)
            same_units[kind] += units
            same_places[kind] += places
            if not places and len(differing) < 10:
                extra = sorted(set(ours) - set(theirs))[:3]
                missing = sorted(set(theirs) - set(ours))[:3]
                differing.append({"query": q, "fieldkit_only": extra, "scan_only": missing})
    report["scan"] = by_kind(sc_wall)
    report["scan_cpu"] = by_kind(sc_cpu)

    naive = NaiveScan(db)
    nv: dict[str, list[float]] = {k: [] for k in KINDS}
    for kind, q in queries:
        if len(nv[kind]) < args.naive and kind not in ALONE:
            t0 = time.perf_counter()
            naive.search(q, args.limit)
            nv[kind].append(time.perf_counter() - t0)
    report["naive_scan"] = by_kind(nv)

    wh: dict[str, list[float]] = {k: [] for k in KINDS}
    whoosh_same: dict[str, int] = dict.fromkeys(KINDS, 0)
    failures: dict[str, int] = dict.fromkeys(KINDS, 0)
    if not args.skip_whoosh:
        engine = Whoosh(OUT / f"whoosh-{source.name}")
        report["whoosh_build_s"] = round(engine.build(db), 1)
        say(f"whoosh index build (the same rows and words): {report['whoosh_build_s']} s")
        for (kind, _q), (_parsed, plan), result in zip(queries, plans, results, strict=True):
            if kind in ALONE:  # whoosh has no turns or segments to list
                continue
            if plan is None or plan.within is not None:  # set: is not a word of the index
                whoosh_same[kind] += plan is None and result.total == 0
                if plan is not None:
                    failures[kind] += 1
                continue
            expressions = {"search_regions": plan.regions, "search_index": plan.index}
            t0 = time.perf_counter()
            try:
                hits, _made = engine.search(expressions, args.limit, plan.regions is not None)
            except Exception:
                failures[kind] += 1
                continue
            wh[kind].append(time.perf_counter() - t0)
            whoosh_same[kind] += hits == result.total
        report["whoosh"] = by_kind(wh)

    n = {k: len(v) for k, v in fk_wall.items()}
    ratio = {k: {"wall_p95": round(report["scan"][k]["p95_ms"]
                                   / max(report["fieldkit"][k]["p95_ms"], 1e-3), 1),
                 "cpu_p95": round(report["scan_cpu"][k]["p95_ms"]
                                  / max(report["fieldkit_cpu"][k]["p95_ms"], 1e-3), 1)}
             for k in (*KINDS, "all")}
    report["scan_over_fieldkit"] = ratio
    report["parity"] = {
        "queries": n, "scan_total": same_total, "scan_units": same_units,
        "scan_positions": same_places, "ranking": ranked,
        "whoosh_total": whoosh_same, "whoosh_failures": failures, "differing": differing}
    report["parity_ok"] = (not args.skip_parity and report["edits_found"]
                           and all(same_units[k] == same_places[k] == ranked[k]
                                   == same_total[k] == n[k] for k in KINDS))
    say(f"\ntop {args.limit} with snippets; ms of wall time per query (CPU time in the JSON); "
        "same = queries where the scan found the same total / units / first positions, "
        "ranked = the hits returned are the best-scoring of all hits")
    say(f"{'kind':15}{'n':>4}  {'fieldkit p50/p95':>17}  {'scan p50/p95':>15}  "
        f"{'scan/fk p95':>11}  {'same':>11}  {'ranked':>6}  {'whoosh p50/p95':>15}  "
        f"{'naive p50':>9}")
    for kind in (*KINDS, "all"):
        f, s = report["fieldkit"][kind], report["scan"][kind]
        w = report.get("whoosh", {}).get(kind)

        def of(d: dict[str, int], k: str = kind) -> int:
            return sum(d.values()) if k == "all" else d[k]

        say(f"{kind:15}{of(n):>4}  {f['p50_ms']:>7.1f} /{f['p95_ms']:>7.1f}  "
            f"{s['p50_ms']:>6.1f} /{s['p95_ms']:>6.1f}  {ratio[kind]['wall_p95']:>10.1f}×  "
            f"{of(same_total):>3}/{of(same_units):>3}/{of(same_places):>3}  "
            f"{of(ranked):>6}  "
            + (f"{w['p50_ms']:>6.1f} /{w['p95_ms']:>6.1f}  " if w else f"{'-':>15}  ")
            + f"{report['naive_scan'].get(kind, {}).get('p50_ms', 0):>9.0f}")
    for d in differing:
        say(f"differs: {d}")
    report["load_at_end"] = load()
    say(report["load_at_end"])
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0 if report["parity_ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
