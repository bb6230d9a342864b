"""Search benchmark: fieldkit's FTS5 index against a plain scan and against whoosh-reloaded.

On the large demo project (≈10,000 documents, 5M words), in one run and on the same text:
search p50/p95 over 240 varied queries (words, phrases, prefixes, filtered queries), index build
time, and the time for an edit and a coding memo to become searchable.

Same work for every engine: the same queries, the same ``limit`` (the headline is the CLI's
default top 20; limit 100, the facade's default, is printed too) and a keyword-in-context
snippet for every hit returned. fieldkit's hits carry before/match/after (60 characters each
side). whoosh (``pip install .[bench]``) indexes the same texts with its Dutch stemmer, text
stored, and makes one snippet per hit with ``hit.highlights()`` (one fragment, 60 characters of
context each side: its nearest equivalent); its index is kept in ``benchmarks/out/``. whoosh's
schema has site and kind but no speaker, coded segments or dates, so those filters are dropped
from its queries (it does less work there). The scan (QualCoder's approach: every document's
text, a case-insensitive regular expression per word, a snippet per matching document) runs on
a uniform sample of the queries (every k-th, ``--scan-queries``, 0 = all), because it is slow.
Run::

    .venv/bin/python benchmarks/search.py [--json] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, large_demo, percentiles  # noqa: E402

from fieldkit import Project  # noqa: E402
from fieldkit.index.words import WORD  # noqa: E402

COPY = OUT / "SearchBench.fieldkit"
WHOOSH = OUT / "whoosh-search"


def copy_project(source: Path) -> Path:
    """A private copy of the demo database, so the edits this benchmark makes stay here."""
    if COPY.exists():
        shutil.rmtree(COPY)
    COPY.mkdir(parents=True)
    src = sqlite3.connect(f"file:{source / 'project.sqlite'}?mode=ro", uri=True)
    dst = sqlite3.connect(COPY / "project.sqlite")
    src.backup(dst)
    src.close()
    dst.close()
    (COPY / "media").mkdir()
    (COPY / "backups").mkdir()
    return COPY


def make_queries(project: Project, n: int = 240, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    store = project.store
    ids = [r[0] for r in store.rows("SELECT id FROM documents WHERE chars > 200")]
    texts = [store.value("SELECT text FROM documents WHERE id = ?", (i,))
             for i in rng.sample(ids, 300)]
    words = [w for t in texts for w in WORD.findall(t) if len(w) >= 4 and w.isalpha()]
    sites = [r[0] for r in store.rows("SELECT name FROM sites")]
    # First-appearance order, whatever indexes turns has (the query set must not change).
    speakers = [r[0] for r in store.rows(
        "SELECT speaker FROM turns GROUP BY speaker ORDER BY min(id) LIMIT 50")]
    codes = [r[0] for r in store.rows("SELECT name FROM codes WHERE parent_id IS NOT NULL")]
    queries: list[str] = []
    while len(queries) < n:
        kind = len(queries) % 8
        w = rng.choice(words).lower()
        if kind in (0, 1):
            queries.append(w)
        elif kind == 2:
            t = rng.choice(texts)
            found = WORD.findall(t)
            i = rng.randrange(max(1, len(found) - 2))
            queries.append('"' + " ".join(found[i:i + 2]) + '"')
        elif kind == 3:
            queries.append(w[:max(4, len(w) - 3)] + "*")
        elif kind == 4:
            queries.append(f"{w} {rng.choice(words).lower()}")
        elif kind == 5:
            site = rng.choice(sites).split()[0]
            queries.append(f"{w} site:{site}")
        elif kind == 6:
            queries.append(f"{w} kind:{rng.choice(['fieldnote', 'transcript', 'esm'])}")
        else:
            extra = rng.choice([f"speaker:{rng.choice(speakers).split()[0]}" if speakers
                                else "after:2025-01-01",
                                f'code:"{rng.choice(codes)}"' if codes else "before:2030-01-01",
                                "after:2025-03-01"])
            queries.append(f"{w} {extra}")
    return queries


# -- the plain scan (what QualCoder does) -------------------------------------------------------


def scan_pattern(query: str) -> tuple[list[re.Pattern[str]], dict[str, str]]:
    filters = dict(re.findall(r"(\w+):(\"[^\"]*\"|\S+)", query))
    rest = re.sub(r"\w+:(\"[^\"]*\"|\S+)", " ", query)
    patterns = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', rest):
        if phrase:
            patterns.append(re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split()))
                                       + r"\b", re.I))
        elif word.endswith("*"):
            patterns.append(re.compile(r"\b" + re.escape(word[:-1]) + r"\w*", re.I))
        else:
            patterns.append(re.compile(r"\b" + re.escape(word) + r"\b", re.I))
    return patterns, {k: v.strip('"') for k, v in filters.items()}


def scan(db: Path, query: str) -> int:
    patterns, filters = scan_pattern(query)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    hits = 0
    sql = ("SELECT d.text, s.name, d.kind FROM documents d LEFT JOIN sites s "
           "ON s.id = d.site_id")
    for text, site, kind in conn.execute(sql):
        if "site" in filters and filters["site"].lower() not in (site or "").lower():
            continue
        if "kind" in filters and filters["kind"] != kind:
            continue
        found = [p.search(text) for p in patterns]
        if all(found):
            hits += 1
            m = found[0]
            assert m is not None
            _ = text[max(0, m.start() - 60):m.end() + 60]  # the snippet
    conn.close()
    return hits


# -- whoosh -------------------------------------------------------------------------------------


def whoosh_build(db: Path, language: str) -> float:
    from whoosh import index
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

    if WHOOSH.exists():
        shutil.rmtree(WHOOSH)
    WHOOSH.mkdir(parents=True)
    schema = Schema(id=STORED, text=TEXT(analyzer=LanguageAnalyzer(language), stored=True),
                    site=KEYWORD(lowercase=True, commas=True), kind=ID)
    started = time.perf_counter()
    ix = index.create_in(str(WHOOSH), schema)
    writer = ix.writer(limitmb=256)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for key, text, site, kind in conn.execute(
            "SELECT d.id, d.text, s.name, d.kind FROM documents d "
            "LEFT JOIN sites s ON s.id = d.site_id"):
        writer.add_document(id=key, text=text, site=",".join((site or "").lower().split()),
                            kind=kind)
    writer.commit()
    conn.close()
    return time.perf_counter() - started


def whoosh_query(query: str) -> str:
    q = re.sub(r"site:(\S+)", lambda m: f"site:{m.group(1).lower()}", query)
    return re.sub(r"(speaker|code|after|before):(\"[^\"]*\"|\S+)", " ", q)


# -- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached demo")
    parser.add_argument("--scan-queries", type=int, default=60,
                        help="how many queries the scan runs, every k-th (0: all)")
    parser.add_argument("--limit", type=int, default=20, help="hits per query (headline)")
    parser.add_argument("--skip-whoosh", action="store_true")
    args = parser.parse_args()
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    source, demo_s = large_demo(args.rebuild)
    if demo_s is not None:
        say(f"built the large demo in {demo_s:.1f} s")
    path = copy_project(source)
    db = path / "project.sqlite"
    figures: dict[str, dict[str, float]] = {}
    with Project.open(path) as project:
        docs, chars = project.store.row("SELECT count(*), sum(chars) FROM documents")
        say(f"corpus: {docs} documents, {chars:,} characters")
        started = time.perf_counter()
        texts = project.reindex()
        build = time.perf_counter() - started
        words = project.store.value(
            "SELECT sum(length(stems) - length(replace(stems, ' ', '')) + 1) FROM search_index")
        say(f"fieldkit index build: {build:.1f} s ({texts} texts, {words:,} words)")
        queries = make_queries(project)
        project.search("warm up")
        runs = {}
        for limit in (args.limit, 100):
            samples, totals = [], 0
            for q in queries:
                t0 = time.perf_counter()
                result = project.search(q, limit=limit)
                _ = [h.snippet for h in result.hits]
                samples.append(time.perf_counter() - t0)
                totals += result.total
            runs[limit] = percentiles(samples)
            say(f"fieldkit search over {len(queries)} queries (limit {limit}, snippets): "
                f"{runs[limit]} — {totals} hits in all")
        figures["fieldkit"] = {"build_s": round(build, 2), "limit": args.limit,
                               **runs[args.limit], "limit_100": runs[100]}
        note = project.store.value("SELECT id FROM documents WHERE kind = 'fieldnote' LIMIT 1")
        t0 = time.perf_counter()
        project.edit_text(note, project.document(note).text + " zwaluwstaartverbinding")
        found = project.search("zwaluwstaartverbinding").total
        edit_ms = (time.perf_counter() - t0) * 1000
        coding = project.store.value("SELECT id FROM codings LIMIT 1")
        t0 = time.perf_counter()
        project.set_coding_memo(coding, "kwartelkoning")
        found += project.search("kwartelkoning").total
        memo_ms = (time.perf_counter() - t0) * 1000
        figures["fieldkit"].update(edit_to_searchable_ms=round(edit_ms, 1),
                                   coding_memo_to_searchable_ms=round(memo_ms, 1))
        say(f"edit → searchable: {edit_ms:.1f} ms; coding memo → searchable: {memo_ms:.1f} ms "
            f"(found {found} of 2)")
        language = project.language

    scan_samples = []
    t0 = time.perf_counter()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.execute("SELECT text FROM documents").fetchall()
    conn.close()
    scan_build = time.perf_counter() - t0  # a scan builds nothing; this is one full read
    step = max(1, len(queries) // args.scan_queries) if args.scan_queries else 1
    for q in queries[::step]:
        t0 = time.perf_counter()
        scan(db, q)
        scan_samples.append(time.perf_counter() - t0)
    figures["scan"] = {"build_s": round(scan_build, 2), **percentiles(scan_samples),
                       "sample": f"every {step}th query"}
    say(f"plain scan over {len(scan_samples)} queries (every {step}th): {figures['scan']}")

    if not args.skip_whoosh:
        from whoosh import index
        from whoosh.qparser import QueryParser

        wbuild = whoosh_build(db, "nl" if language == "nl" else "en")
        say(f"whoosh index build: {wbuild:.1f} s")
        from whoosh.highlight import ContextFragmenter

        ix = index.open_dir(str(WHOOSH))
        wruns = {}
        with ix.searcher() as searcher:
            qp = QueryParser("text", ix.schema)
            for limit in (args.limit, 100):
                w_samples = []
                for q in queries:
                    t0 = time.perf_counter()
                    try:
                        hits = searcher.search(qp.parse(whoosh_query(q)), limit=limit)
                        hits.fragmenter = ContextFragmenter(maxchars=200, surround=60)
                        _ = [(h["id"], h.highlights("text", top=1)) for h in hits]
                    except Exception:
                        pass
                    w_samples.append(time.perf_counter() - t0)
                wruns[limit] = percentiles(w_samples)
                say(f"whoosh search over {len(w_samples)} queries (limit {limit}, snippets): "
                    f"{wruns[limit]}")
        figures["whoosh"] = {"build_s": round(wbuild, 2), "limit": args.limit,
                             **wruns[args.limit], "limit_100": wruns[100]}

    fk = figures["fieldkit"]
    w100 = figures["whoosh"]["limit_100"]["p95_ms"] if "whoosh" in figures else 0
    say(f"ratios at p95 (limit {args.limit}): scan/fieldkit "
        f"{figures['scan']['p95_ms'] / fk['p95_ms']:.0f}×"
        + (f", whoosh/fieldkit {figures['whoosh']['p95_ms'] / fk['p95_ms']:.1f}× "
           f"(limit 100: {w100 / fk['limit_100']['p95_ms']:.1f}×)"
           f", whoosh build/fieldkit build {figures['whoosh']['build_s'] / fk['build_s']:.1f}×"
           if "whoosh" in figures else ""))
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
