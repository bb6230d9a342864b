"""Regex and fuzzy search benchmark (issue 29): fieldkit against the competent scan, same hits.

On a private copy of the large demo (or ``--project``; ``--quick``: the small demo):

- ``/regular expression/`` terms of every kind (a literal word, a word's start, a suffix after
  a class, an inner part, a dot, an alternation, digits and vowels without any literal, line
  anchors, two words across spaces and punctuation, only spaces, a lookbehind, capitals in the
  expression, with ``site:`` and with ``speaker:``), fieldkit's search as the app runs it (the
  total and the top 20 with snippets), timed as wall clock (``perf_counter``).
- **The competent scan** (the baseline): every searchable text the index holds (document texts
  and captions, document memos, coding memos, the codebook) folded once in memory
  (``regex_terms.fold_text``) before timing; per query, one ``re.finditer`` over each of them.
  It yields every hit span of every text and the number of results (a document's text is one,
  each memo and code another), which is what the search's total counts.
- **Brute force** (the truth): each text folded one character at a time by a plain loop (no
  shortcut shared with fieldkit's folding), ``re.finditer`` over it.
- **Parity**, per query without a filter: every hit span of every document text
  (``FtsIndex.spans_of``) equals the scan's and the brute force's, and the search's total
  equals the scan's number of results. With a filter only the timing is compared (the scan has
  no filters).
- fuzzy terms ``word~`` and ``word~2`` (a neighbouring swap or another slip of a word from the
  texts): p50/p95, and parity with a brute-force scan (every distinct word of the texts
  compared with the full optimal-string-alignment table; the documents holding a near word).

On a shared machine ``--repeat N`` times each query N times on both sides and keeps the fastest
(what fieldkit keeps per expression is dropped before each run, so every run is a first one;
what it keeps while the data is unchanged — the vocabulary, the texts, the gap index — stays,
as the scan's folded texts do); ``--no-parity`` leaves the comparisons out.

Run::

    .venv/bin/python benchmarks/search_regex.py [--project PATH] [--per-kind N] [--quick] [--json]
        [--repeat N] [--no-parity]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo, load, percentiles  # noqa: E402
from search import copy_project  # noqa: E402

from fieldkit import Project  # noqa: E402
from fieldkit.index.regex_terms import compile_term, fold_text  # noqa: E402
from fieldkit.index.words import WORD, fold  # noqa: E402
from fieldkit.storage import search_tables as tables  # noqa: E402

Spans = list[tuple[int, int]]
SOURCES = ((tables.DOC_TEXT, "SELECT id, text FROM documents WHERE text != ''"),
           (tables.DOC_MEMO, "SELECT id, memo FROM documents WHERE memo != ''"),
           (tables.CODING_MEMO, "SELECT id, memo FROM codings WHERE memo != ''"),
           (tables.CODE, f"SELECT id, {tables.CODE_TEXT.format(t='codes')} FROM codes"))


def osa(a: str, b: str) -> int:
    """The full optimal string alignment table (no bound, no shortcut)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def unit(rid: int) -> int:
    """What one search result stands for: a document's text, or the row itself (negated)."""
    return rid // tables.PARTS if rid % tables.PARTS == tables.DOC_TEXT else -rid


class Scan:
    """The competent scan: every searchable text folded once, then ``re`` over all of them."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.folded = {rid: fold_text(t) for rid, t in texts.items()}

    def search(self, pattern: str) -> dict[int, Spans]:
        """Every hit span of every text that has one, by row id."""
        compiled = compile_term(pattern)
        out: dict[int, Spans] = {}
        for rid, (folded, origin) in self.folded.items():
            found = set()
            for m in compiled.finditer(folded):
                s, e = m.span()
                if s < e:
                    found.add((s, e) if origin is None else (origin[s], origin[e - 1] + 1))
            if found:
                out[rid] = sorted(found)
        return out


class Brute:
    """The truth: each text folded one character at a time by a plain loop."""

    def __init__(self, texts: dict[int, str]) -> None:
        memo: dict[str, str] = {}

        def one(c: str) -> str:
            if c not in memo:
                memo[c] = "".join(x for x in unicodedata.normalize("NFKD", c.casefold())
                                  if not unicodedata.combining(x))
            return memo[c]

        self.texts: dict[int, tuple[str, list[int]]] = {}
        for rid, text in texts.items():
            pieces = [one(c) for c in text]
            origin = [i for i, p in enumerate(pieces) for _ in p]
            self.texts[rid] = ("".join(pieces), origin)
        self.one = one

    def search(self, pattern: str, rids: Any) -> dict[int, Spans]:
        compiled = re.compile("".join(c if c.isascii() else self.one(c) for c in pattern),
                              re.IGNORECASE)
        out: dict[int, Spans] = {}
        for rid in rids:
            folded, origin = self.texts[rid]
            found = {(origin[m.start()], origin[m.end() - 1] + 1)
                     for m in compiled.finditer(folded) if m.end() > m.start()}
            if found:
                out[rid] = sorted(found)
        return out


KINDS = ("literal", "word start", "suffix", "inner part", "dot", "alternation", "digits",
         "vowels", "line start", "line end", "two words", "spaces", "lookbehind", "capitals",
         "site:", "speaker:")


def regex_queries(words: list[str], rng: random.Random, per_kind: int, site: str,
                  speaker: str) -> list[tuple[str, str, str]]:
    """(kind, expression, filters) per query, ``per_kind`` of each kind."""
    out = []
    for i in range(per_kind):
        a, b = rng.sample(words, 2)
        out += [("literal", a, ""), ("word start", rf"\b{a[:4]}\w*", ""),
                ("suffix", rf"[a-z]+{a[-3:]}\b", ""), ("inner part", rf"\w{a[1:5]}\w*", ""),
                ("dot", f"{a[0]}.{a[2:4]}", ""), ("alternation", rf"{a[:4]}\w*|{b}", ""),
                ("digits", [r"\d{4}", r"\d+[.:,]\d+", r"\b\d\d\b", r"\d{2,}-\d+"][i % 4], ""),
                ("vowels", r"\b[aeiou]{" + str(rng.randint(2, 3)) + r"}\w*", ""),
                ("line start", [r"(?m)^\w+:", r"^\w+", r"(?m)^[a-z]{3}\b"][i % 3], ""),
                ("line end", [r"\w+\.$", r"(?m)\w{4}$", r"[?!]$"][i % 3], ""),
                ("two words", rf"{a}\W+\w+\W+{b[:3]}", ""),
                ("spaces", [r"\s{3}", r",\s\s", r"\.\s*\n", r"[.!?]{2,}"][i % 4], ""),
                ("lookbehind", rf"(?<=\s){a[:4]}\w*(?!\w)", ""),
                ("capitals", rf"{a[:1].upper()}{a[1:4].upper()}\w*", ""),
                ("site:", rf"\b{a[:4]}\w+", f"site:{site}"),
                ("speaker:", rf"\b{b[:4]}\w+", f"speaker:{speaker}")]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path)
    ap.add_argument("--per-kind", type=int, default=10)
    ap.add_argument("--quick", action="store_true", help="the small demo, 2 queries per kind")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time each query this many times (fieldkit and scan alike) and keep "
                         "the fastest: for a shared machine")
    ap.add_argument("--no-parity", action="store_true", help="timing only (no comparisons)")
    args = ap.parse_args()
    per_kind = 2 if args.quick else args.per_kind
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    source = args.project or demo(args.quick)[0]
    rng = random.Random(29)
    with Project.open(copy_project(source)) as project:
        store = project._store
        texts = {int(owner) * tables.PARTS + part: text or ""
                 for part, sql in SOURCES for owner, text in store.rows(sql)}
        t0 = time.perf_counter()
        scan = Scan(texts)
        say(f"{len(texts)} texts, {sum(map(len, texts.values())):,} characters; the scan folds "
            f"them once in {time.perf_counter() - t0:.1f} s (not timed below)")
        brute = Brute({r: t for r, t in texts.items() if r % tables.PARTS == tables.DOC_TEXT}
                      if not args.no_parity else {})
        site = store.value("SELECT name FROM sites LIMIT 1").split()[0]
        speaker = store.value("SELECT speaker FROM turns WHERE speaker != '' LIMIT 1").split()[0]
        docs = {r // tables.PARTS: t for r, t in texts.items()
                if r % tables.PARTS == tables.DOC_TEXT}
        words = sorted({w.lower() for t in list(docs.values())[:300] for w in WORD.findall(t)
                        if len(w) >= 6 and w.isascii() and w.isalpha()})
        queries = regex_queries(words, rng, per_kind, site, speaker)
        t0 = time.perf_counter()
        project.search("/warm/")  # the vocabulary and the texts are read once
        say(f"first search (reads the vocabulary and the texts): "
            f"{(time.perf_counter() - t0) * 1000:.0f} ms (not timed below)")
        figures = regex_figures(project, scan, brute, queries, say, repeat=max(1, args.repeat),
                                parity=not args.no_parity)
        figures["fuzzy"] = fuzzy(project, docs, words, rng, per_kind, say)
        figures["load"] = load()
        say(figures["load"])
        if args.json:
            print(json.dumps(figures, indent=1))
    return 0


def regex_figures(project: Project, scan: Scan, brute: Brute,
                  queries: list[tuple[str, str, str]], say: Any, *, repeat: int = 1,
                  parity: bool = True) -> dict[str, Any]:
    engine = project.index.engine
    fk: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    sc: dict[str, list[float]] = {}
    same: dict[str, int] = {}
    wrong: list[str] = []
    for kind, expr, filters in queries:
        walls, cpus, scans = [], [], []
        for _ in range(repeat):
            forget(project)  # no run reuses what an earlier run of the same query worked out
            t0, c0 = time.perf_counter(), time.process_time()
            result = project.search(f"/{expr}/ {filters}".strip(), limit=20)
            _ = [h.snippet for h in result.hits]
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            t0 = time.perf_counter()
            theirs = scan.search(expr)
            scans.append(time.perf_counter() - t0)
        fk.setdefault(kind, []).append(min(walls))
        cpu.setdefault(kind, []).append(min(cpus))
        sc.setdefault(kind, []).append(min(scans))
        if filters or not parity:
            continue
        text_hits = {r // tables.PARTS: s for r, s in theirs.items()
                     if r % tables.PARTS == tables.DOC_TEXT}
        truth = {r // tables.PARTS: s for r, s in brute.search(expr, brute.texts).items()}
        ours = {m.document_id: m.spans for m in engine.spans_of(engine.parse(f"/{expr}/"))}
        units = {unit(r) for r in theirs}
        ok = ours == text_hits == truth and result.total == len(units)
        same[kind] = same.get(kind, 0) + ok
        if not ok:
            wrong.append(f"/{expr}/: total {result.total} vs {len(units)}, documents "
                         f"{len(ours)} vs {len(text_hits)} vs {len(truth)}")
    say("\nregex: ms per query (wall), total + top 20 with snippets; same = every hit span of "
        "every document text equal to the scan's and brute force's, and the total equal to "
        "the scan's results (filters: not compared)")
    say(f"{'kind':13}{'n':>4}  {'fieldkit p50/p95':>17}  {'(cpu p50/p95)':>15}  "
        f"{'scan p50/p95':>15}  same")
    out: dict[str, Any] = {"kinds": {}}
    every_fk: list[float] = []
    every_cpu: list[float] = []
    every_sc: list[float] = []
    for kind in fk:
        f, c, s = percentiles(fk[kind]), percentiles(cpu[kind]), percentiles(sc[kind])
        every_fk += fk[kind]
        every_cpu += cpu[kind]
        every_sc += sc[kind]
        compared = parity and kind not in ("site:", "speaker:")
        out["kinds"][kind] = {"fieldkit": f, "fieldkit_cpu": c, "scan": s,
                              "same": same.get(kind) if compared else None}
        say(f"{kind:13}{len(fk[kind]):>4}  {f['p50_ms']:>7.1f} /{f['p95_ms']:>7.1f}  "
            f"({c['p50_ms']:>5.1f} /{c['p95_ms']:>6.1f})  "
            f"{s['p50_ms']:>6.1f} /{s['p95_ms']:>6.1f}  "
            + (f"{same.get(kind, 0)}/{len(fk[kind])}" if compared else "-"))
    out["all"] = {"fieldkit": percentiles(every_fk), "fieldkit_cpu": percentiles(every_cpu),
                  "scan": percentiles(every_sc)}
    out["parity_ok"] = not wrong if parity else None
    out["repeat"] = repeat
    say(f"regex over all: fieldkit p50 {out['all']['fieldkit']['p50_ms']:.1f} / p95 "
        f"{out['all']['fieldkit']['p95_ms']:.1f} ms (cpu p95 "
        f"{out['all']['fieldkit_cpu']['p95_ms']:.1f}); scan p50 {out['all']['scan']['p50_ms']:.1f}"
        f" / p95 {out['all']['scan']['p95_ms']:.1f} ms")
    for line in wrong:
        say("NOT THE SAME: " + line)
    return out


def forget(project: Project) -> None:
    """Drop what fieldkit keeps per expression (its narrowing, its case-free rewrite), so a
    repeated query is timed as a first one; what it keeps per data version stays."""
    vocabulary = project.index.engine.vocabulary
    vocabulary._narrowed.clear()
    vocabulary.corpus()._sensitive.clear()


def fuzzy(project: Project, docs: dict[int, str], words: list[str], rng: random.Random,
          per_kind: int, say: Any) -> dict[str, Any]:
    engine = project.index.engine
    by_doc = {d: {fold(w) for w in WORD.findall(t)} for d, t in docs.items()}
    vocabulary = set().union(*by_doc.values())
    out: dict[str, Any] = {}
    for edits in (1, 2):
        timings: list[float] = []
        same = 0
        for word in rng.sample(words, per_kind):
            typed = slip(word, rng, edits)
            t0 = time.perf_counter()
            result = project.search(f"{typed}~{edits}", limit=20)
            _ = [h.snippet for h in result.hits]
            timings.append(time.perf_counter() - t0)
            near = {w for w in vocabulary if abs(len(w) - len(typed)) <= edits
                    and osa(typed, w) <= edits}
            theirs = {d for d, ws in by_doc.items() if ws & near}
            ours = {m.document_id for m in engine.spans_of(engine.parse(f"{typed}~{edits}"))}
            same += ours == theirs
        p = percentiles(timings)
        out[f"word~{edits}"] = {**p, "same": same, "n": per_kind}
    say(f"\nfuzzy ({len(vocabulary)} distinct words in the texts): ms per query (wall), top 20; "
        "same = the documents found equal the brute-force scan's")
    for name, p in out.items():
        say(f"{name}: p50 {p['p50_ms']:.1f} / p95 {p['p95_ms']:.1f} ms, "
            f"same {p['same']}/{p['n']}")
    return out


def slip(word: str, rng: random.Random, edits: int) -> str:
    for _ in range(edits):
        i = rng.randrange(len(word) - 1)
        word = word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else \
            word[:i] + "x" + word[i + 1:]
    return word


if __name__ == "__main__":
    raise SystemExit(main())
