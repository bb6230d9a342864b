"""Assisted coding, measured: quality of the suggestions and the time they take.

Quality: on a copy of the demo project, the codings of a held-out share of the coded documents
are removed; the model is trained on one coder's (Anouk's) codings of the other documents, then
asked for suggestions on each held-out document at the default threshold. A suggestion counts as
right when that coder coded the same code on (most of) the same span. Printed: precision,
recall and F1 per code, macro and micro — on novel text, the headline: the demo writes its
sentences from templates, so many held-out sentences occur word for word (folded, punctuation
aside) in the training documents, where a model is scored on memory; gold segments and
suggestions on such sentences are left out of the novel-text figures (and the share printed).
The figures over all held-out text are printed beside them.

Speed (targets from issue 8): training on the whole large demo (about 100,000 codings, all
coders) ≤ 60 s; suggesting for a 5,000-word document ≤ 1 s (first call, which loads the model,
and later calls). Also timed: suggesting for all uncoded text of the project (``suggest_all``,
batched; aim ≤ 60 s) and "more like this" (``similar``, aim ≤ 1 s a call) on 10 random coded
segments, with how much of the best similarity a scan of every document finds the index-narrowed
search keeps.

Run: .venv/bin/python benchmarks/assist.py [--size large|small] [--json] [--quick]
(``--quick`` is ``--size small``: seconds; ``tests/test_benchmarks_quick.py`` runs it.) The
"more like this" parity is the share of the scan's best similarity the narrowed search keeps.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import large_demo, load  # noqa: E402

from fieldkit import Project  # noqa: E402
from fieldkit.assist import DEFAULT_THRESHOLD  # noqa: E402
from fieldkit.assist.passages import mostly_covered, passages  # noqa: E402
from fieldkit.assist.similar import similar_to  # noqa: E402
from fieldkit.assist.training import _normalised  # noqa: E402
from fieldkit.storage import assist_tables  # noqa: E402

CODER = "Anouk"
HELD_OUT = 0.2
SIMILAR_SAMPLE = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=("large", "small"), default="large")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="the small demo")
    args = parser.parse_args()
    if args.quick:
        args.size = "small"
    figures: dict[str, object] = {"size": args.size, "threshold": DEFAULT_THRESHOLD,
                                  "load_at_start": load()}
    with tempfile.TemporaryDirectory(prefix="fieldkit-assist-bench-") as tmp:
        source = _source(args.size, Path(tmp))
        speed(source, Path(tmp) / "speed.fieldkit", figures)
        quality(source, Path(tmp) / "quality.fieldkit", figures)
    figures["load_at_end"] = load()
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        _print(figures)
    return 0


def _source(size: str, tmp: Path) -> Path:
    if size == "large":
        return large_demo()[0]
    from fieldkit.demobuild import build_demo

    build_demo(tmp / "small.fieldkit", "small").close()
    return tmp / "small.fieldkit"


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("project.lock", "backups"))
    return target


def speed(source: Path, target: Path, figures: dict[str, object]) -> None:
    with Project.open(_copy(source, target)) as project:
        started = time.perf_counter()
        summary = project.assist.train()
        figures["train_all_coders"] = {
            "codings": summary.codings, "codes": len(summary.codes),
            "uncoded_sentences_used": summary.uncoded_examples,
            "seconds": round(time.perf_counter() - started, 2),
            "held_out_f1": summary.held_out_f1,
            "model_bytes": (project.assist.facts() or {}).get("bytes")}
        docs = project.documents()
        words = {d.id: len(project.document(d.id).text.split()) for d in docs
                 if d.kind in ("transcript", "fieldnote")}
        doc_id = min(words, key=lambda d: abs(words[d] - 5000))
    # A fresh open, so the first call pays for loading the model.
    with Project.open(target, readonly=True) as project:
        started = time.perf_counter()
        found = project.assist.suggest(doc_id)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(5):
            started = time.perf_counter()
            project.assist.suggest(doc_id)
            warm.append(time.perf_counter() - started)
    figures["suggest_one_document"] = {
        "words": words[doc_id], "suggestions": len(found), "first_call_ms": round(cold * 1000),
        "later_calls_median_ms": round(statistics.median(warm) * 1000)}
    with Project.open(target, readonly=True) as project:
        everything: dict[str, object] = {"documents": len(assist_tables.document_ids(
            project._store))}
        for limit in (None, 2000):  # the command line's default; the app's list
            started = time.perf_counter()
            found = project.assist.suggest_all(limit=limit)
            everything[f"limit_{limit or 'none'}"] = {
                "suggestions": len(found), "seconds": round(time.perf_counter() - started, 2)}
        figures["suggest_all"] = everything
    similar(target, figures)


def similar(target: Path, figures: dict[str, object]) -> None:
    """"More like this" on random coded segments: time per call (fresh open first), and the
    answer compared with a scan of every document (sum of the top similarities kept, and how
    many of the scan's passages are found)."""
    with Project.open(target, readonly=True) as project:
        text_codings = [c for c in project.codings() if c.start is not None and c.quote.strip()]
        sample = random.Random(8).sample(text_codings, SIMILAR_SAMPLE)
        calls = []
        answers = []
        for c in sample:
            started = time.perf_counter()
            answers.append(project.assist.similar(c.id, limit=10))
            calls.append(time.perf_counter() - started)
        model = project.assist._suggestion_model()
        assert model is not None
        every = [(d, text) for d, _u, _k, text in assist_tables.document_texts(project._store)]
        kept, same, scans = [], [], []
        for c, fast in zip(sample, answers, strict=True):
            started = time.perf_counter()
            full = similar_to(project._store, c, model.features, 10, documents=every)
            scans.append(time.perf_counter() - started)
            best = sum(p.similarity for p in full)
            kept.append(sum(p.similarity for p in fast) / best if best else 1.0)
            same.append(len({(p.document_id, p.start) for p in fast}
                            & {(p.document_id, p.start) for p in full}) / max(1, len(full)))
    figures["similar"] = {
        "calls": len(calls), "first_call_ms": round(calls[0] * 1000),
        "median_ms": round(statistics.median(calls) * 1000),
        "max_ms": round(max(calls) * 1000),
        "scan_every_document_median_ms": round(statistics.median(scans) * 1000),
        "similarity_kept_mean": round(statistics.mean(kept), 4),
        "similarity_kept_min": round(min(kept), 4),
        "same_passages_mean": round(statistics.mean(same), 3)}


def _seen_in_training(project: Project, documents: list[int]) -> set[str]:
    """The normalised words of every sentence and coded segment of the training documents."""
    store = project._store
    turns = assist_tables.turns_by_document(store, document_ids=documents)
    texts = [text[a:b] for d, _u, _k, text in assist_tables.document_texts(store, documents)
             for a, b in passages(text, turns.get(d, ()))]
    texts += [c.quote for c in project.codings(coder=CODER) if c.document_id in set(documents)]
    return set(_normalised(texts))


def _scores(counts: dict[str, list[int]]) -> dict[str, Any]:
    per_code = {}
    for code, (tp, fp, fn) in sorted(counts.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per_code[code] = {"precision": round(p, 3), "recall": round(r, 3),
                          "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                          "coded": tp + fn, "suggested": tp + fp}
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    return {
        "micro_precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "micro_recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
        "micro_f1": round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0,
        "macro_f1": round(statistics.mean(c["f1"] for c in per_code.values()), 3)
        if per_code else 0.0,
        "per_code": per_code}


def quality(source: Path, target: Path, figures: dict[str, object]) -> None:
    with Project.open(_copy(source, target)) as project:
        coded = sorted({c.document_id for c in project.codings(coder=CODER)})
        held = sorted(random.Random(1).sample(coded, max(1, int(len(coded) * HELD_OUT))))
        book = project.codebook()
        gold: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
        with project._store.change("Hold documents out", log=False):
            for doc_id in held:
                for c in project.codings(doc=doc_id):
                    if project.coder_name(c.coder_id) == CODER and c.start is not None:
                        gold[doc_id].append((book.path(c.code_id), c.start, c.end or 0))
                    project._store.delete_coding(c.id)
        seen = _seen_in_training(project, sorted(set(coded) - set(held)))
        started = time.perf_counter()
        summary = project.assist.train(CODER)
        train_s = time.perf_counter() - started
        # tp, fp, fn per code: over all held-out text, and over novel text only
        counts: dict[str, dict[str, list[int]]] = {
            "all": defaultdict(lambda: [0, 0, 0]), "novel": defaultdict(lambda: [0, 0, 0])}
        gold_seen = gold_total = 0
        started = time.perf_counter()
        for doc_id in held:
            text = project.document(doc_id).text

            def novel(start: int, end: int, text: str = text) -> bool:
                return _normalised([text[start:end]])[0] not in seen

            found = sorted(project.assist.suggest(doc_id), key=lambda s: -s.confidence)
            open_gold = list(gold[doc_id])
            gold_total += len(open_gold)
            gold_seen += sum(not novel(g[1], g[2]) for g in open_gold)
            for s in found:
                match = next((g for g in open_gold if g[0] == s.code
                              and mostly_covered((s.start, s.end), (g[1], g[2]))), None)
                kinds = ("all", "novel") if novel(s.start, s.end) else ("all",)
                if match is not None:
                    open_gold.remove(match)
                    if not novel(match[1], match[2]):
                        kinds = ("all",)
                for kind in kinds:
                    counts[kind][s.code][0 if match is not None else 1] += 1
            for g in open_gold:
                for kind in (("all", "novel") if novel(g[1], g[2]) else ("all",)):
                    counts[kind][g[0]][2] += 1
        suggest_s = time.perf_counter() - started
    every, fresh = _scores(counts["all"]), _scores(counts["novel"])
    figures["quality"] = {
        "trained_on": f"{CODER}: {summary.codings} codings in {len(coded) - len(held)} documents",
        "held_out_documents": len(held), "held_out_codings": gold_total,
        "held_out_codings_seen_verbatim_in_training": gold_seen,
        "train_seconds": round(train_s, 2), "suggest_seconds_all_held_out": round(suggest_s, 2),
        "held_out_f1_shown_after_training": summary.held_out_f1,
        "all_text": {k: v for k, v in every.items() if k != "per_code"}}
    figures["micro_f1"] = fresh["micro_f1"]
    figures["macro_f1"] = fresh["macro_f1"]
    figures["novel_text"] = {k: v for k, v in fresh.items() if k != "per_code"}
    figures["per_code"] = fresh["per_code"]


def _print(figures: dict[str, object]) -> None:
    print(f"Assisted coding on the {figures['size']} demo, threshold {figures['threshold']}")
    train = figures["train_all_coders"]
    print(f"Training on all coders: {train['codings']} codings, {train['codes']} codes, "  # type: ignore[index]
          f"{train['seconds']} s (target ≤ 60 s); model {train['model_bytes']} bytes")  # type: ignore[index]
    one = figures["suggest_one_document"]
    print(f"Suggest for a {one['words']}-word document: first call {one['first_call_ms']} ms, "  # type: ignore[index]
          f"later {one['later_calls_median_ms']} ms (target ≤ 1000 ms); "  # type: ignore[index]
          f"{one['suggestions']} suggestions")  # type: ignore[index]
    everything = figures["suggest_all"]
    print(f"Suggest for all uncoded text of {everything['documents']} documents: "  # type: ignore[index]
          + "; ".join(f"{k.replace('_', ' ')}: {v['suggestions']} suggestions in "  # type: ignore[index]
                      f"{v['seconds']} s" for k, v in everything.items()  # type: ignore[attr-defined]
                      if k.startswith("limit")) + " (aim ≤ 60 s)")
    sim = figures["similar"]
    print(f"More like this, {sim['calls']} coded segments: first call {sim['first_call_ms']} ms, "  # type: ignore[index]
          f"median {sim['median_ms']} ms, max {sim['max_ms']} ms (aim ≤ 1000 ms); scanning "  # type: ignore[index]
          f"every document instead: median {sim['scan_every_document_median_ms']} ms")  # type: ignore[index]
    print(f"  similarity kept vs the scan: mean {sim['similarity_kept_mean']}, "  # type: ignore[index]
          f"min {sim['similarity_kept_min']}; same passages {sim['same_passages_mean']:.0%}")  # type: ignore[index]
    q: Any = figures["quality"]
    print(f"Held out: {q['held_out_documents']} documents, {q['held_out_codings']} codings "
          f"({q['held_out_codings_seen_verbatim_in_training']} of them on sentences that occur "
          f"word for word in the training documents); trained on {q['trained_on']}")
    print("On novel text (held-out sentences not seen word for word in training):")
    print(f"{'code':<52} {'prec':>6} {'rec':>6} {'F1':>6} {'coded':>6} {'sugg':>6}")
    for code, c in figures["per_code"].items():  # type: ignore[attr-defined]
        print(f"{code:<52} {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f} "
              f"{c['coded']:>6} {c['suggested']:>6}")
    n: Any = figures["novel_text"]
    print(f"novel text: micro precision {n['micro_precision']}, recall {n['micro_recall']}, "
          f"F1 {figures['micro_f1']}; macro F1 {figures['macro_f1']}")
    a = q["all_text"]
    print(f"all held-out text (seen sentences included): micro precision "
          f"{a['micro_precision']}, recall {a['micro_recall']}, F1 {a['micro_f1']}; "
          f"macro F1 {a['macro_f1']}")
    print(f"held-out F1 shown after training (split by document, twins left out): "
          f"{q['held_out_f1_shown_after_training']}")


if __name__ == "__main__":
    raise SystemExit(main())
