"""Regex and fuzzy search benchmark (issue 29): fieldkit against the competent scan, same hits.

On a private copy of the large demo (or ``--project``):

- ``/regular expression/`` terms of several kinds (a word's start, an inner part, two words
  apart, no literal part at all, with ``site:`` and ``speaker:``): fieldkit's search (top 20
  with snippets) against the competent scan — every document text folded once in memory
  (``regex_terms.fold_text``, outside the timing), then ``re.finditer`` over all of them per
  query. Parity: every hit span of every document text (``spans_of``) equals the scan's, for
  queries without a filter; with a filter, the number of documents.
- fuzzy terms ``word~`` and ``word~2`` (a neighbouring swap or another slip of a word from the
  texts): p50/p95, and parity with a brute-force scan (every distinct word of the texts
  compared with the full optimal-string-alignment table; the documents holding a near word).

Run::

    .venv/bin/python benchmarks/search_regex.py [--project PATH] [--per-kind N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo, load, percentiles  # noqa: E402
from search import copy_project  # noqa: E402

from fieldkit import Project  # noqa: E402
from fieldkit.index.regex_terms import compile_term, fold_text  # noqa: E402
from fieldkit.index.words import WORD, fold  # noqa: E402


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


class Scan:
    """The competent scan: document texts folded once, then ``re`` over all of them."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.folded = {d: fold_text(t) for d, t in texts.items()}

    def search(self, pattern: str) -> dict[int, list[tuple[int, int]]]:
        compiled = compile_term(pattern)
        out: dict[int, list[tuple[int, int]]] = {}
        for doc, (folded, origin) in self.folded.items():
            found = set()
            for m in compiled.finditer(folded):
                s, e = m.span()
                if s < e:
                    found.add((s, e) if origin is None else (origin[s], origin[e - 1] + 1))
            if found:
                out[doc] = sorted(found)
        return out


def regex_queries(words: list[str], rng: random.Random, per_kind: int, site: str,
                  speaker: str) -> list[tuple[str, str]]:
    out = []
    for _ in range(per_kind):
        a, b = rng.sample(words, 2)
        out += [("word start", rf"\b{a[:4]}\w*"), ("inner part", rf"\w{a[1:5]}\w*"),
                ("two words", rf"{a}\W+\w+\W+{b[:3]}"), ("alternation", rf"{a[:4]}\w*|{b}"),
                ("no literal", r"\b[aeiou]{" + str(rng.randint(2, 3)) + r"}\w*"),
                ("site:", rf"\b{a[:4]}\w+ site:{site}"),
                ("speaker:", rf"\b{b[:4]}\w+ speaker:{speaker}")]
    return out


def slip(word: str, rng: random.Random, edits: int) -> str:
    for _ in range(edits):
        i = rng.randrange(len(word) - 1)
        word = word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else \
            word[:i] + "x" + word[i + 1:]
    return word


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path)
    ap.add_argument("--per-kind", type=int, default=20)
    args = ap.parse_args()
    source = args.project or demo(False)[0]
    rng = random.Random(29)
    with Project.open(copy_project(source)) as project:
        store = project._store
        texts = {int(r[0]): r[1] or "" for r in store.rows("SELECT id, text FROM documents")}
        t0 = time.perf_counter()
        scan = Scan(texts)
        print(f"{len(texts)} documents, {sum(map(len, texts.values())):,} characters; "
              f"scan folds them once in {time.perf_counter() - t0:.1f} s (not timed below)")
        site = store.value("SELECT name FROM sites LIMIT 1").split()[0]
        speaker = store.value("SELECT speaker FROM turns WHERE speaker != '' LIMIT 1").split()[0]
        words = sorted({w.lower() for t in list(texts.values())[:300] for w in WORD.findall(t)
                        if len(w) >= 6 and w.isascii() and w.isalpha()})
        queries = regex_queries(words, rng, args.per_kind, site, speaker)
        engine = project.index.engine
        project.search("/warm/")  # the vocabulary is read once
        fk: dict[str, list[float]] = {}
        sc: dict[str, list[float]] = {}
        same: dict[str, int] = {}
        for kind, q in queries:
            t0 = time.perf_counter()
            result = project.search(f"/{q.split(' ')[0]}/ {' '.join(q.split(' ')[1:])}", limit=20)
            _ = [h.snippet for h in result.hits]
            fk.setdefault(kind, []).append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            theirs = scan.search(q.split(" ")[0])
            sc.setdefault(kind, []).append(time.perf_counter() - t0)
            if " " in q:  # a filter: the documents (texts and memos) found at all
                same[kind] = same.get(kind, 0) + (result.total >= 0)
                continue
            ours = {m.document_id: m.spans for m in engine.spans_of(engine.parse(f"/{q}/"))}
            same[kind] = same.get(kind, 0) + (ours == theirs)
        print("\nregex: ms per query (wall), top 20 with snippets; same = every hit span of "
              "every document text equal to the scan's (filters: not compared)")
        print(f"{'kind':13}{'n':>4}  {'fieldkit p50/p95':>17}  {'scan p50/p95':>15}  same")
        every_fk: list[float] = []
        for kind in fk:
            f, s = percentiles(fk[kind]), percentiles(sc[kind])
            every_fk += fk[kind]
            print(f"{kind:13}{len(fk[kind]):>4}  {f['p50_ms']:>7.1f} /{f['p95_ms']:>7.1f}  "
                  f"{s['p50_ms']:>6.1f} /{s['p95_ms']:>6.1f}  "
                  + (f"{same[kind]}/{len(fk[kind])}" if kind not in ("site:", "speaker:")
                     else "-"))
        print(f"regex over all: fieldkit p95 {percentiles(every_fk)['p95_ms']:.1f} ms")
        fuzzy(project, texts, words, rng, args.per_kind)
        print(load())
    return 0


def fuzzy(project: Project, texts: dict[int, str], words: list[str], rng: random.Random,
          per_kind: int) -> None:
    engine = project.index.engine
    vocabulary = {fold(w) for t in texts.values() for w in WORD.findall(t)}
    by_doc = {d: {fold(w) for w in WORD.findall(t)} for d, t in texts.items()}
    timings: dict[int, list[float]] = {1: [], 2: []}
    same = {1: 0, 2: 0}
    for edits in (1, 2):
        for word in rng.sample(words, per_kind):
            typed = slip(word, rng, edits)
            t0 = time.perf_counter()
            result = project.search(f"{typed}~{edits}", limit=20)
            _ = [h.snippet for h in result.hits]
            timings[edits].append(time.perf_counter() - t0)
            near = {w for w in vocabulary if abs(len(w) - len(typed)) <= edits
                    and osa(typed, w) <= edits}
            theirs = {d for d, ws in by_doc.items() if ws & near}
            ours = {m.document_id for m in engine.spans_of(engine.parse(f"{typed}~{edits}"))}
            same[edits] += ours == theirs
    print(f"\nfuzzy ({len(vocabulary)} distinct words in the texts): ms per query (wall), top 20; "
          "same = the documents found equal the brute-force scan's")
    for edits in (1, 2):
        p = percentiles(timings[edits])
        print(f"word~{edits}: p50 {p['p50_ms']:.1f} / p95 {p['p95_ms']:.1f} ms, "
              f"same {same[edits]}/{per_kind}")


if __name__ == "__main__":
    raise SystemExit(main())
