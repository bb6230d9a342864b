"""Matching ``/…/`` terms over whole texts: the rows FTS5 finds through the narrowing
(``regex_terms.narrowing``), each looked into only when the narrowing cannot vouch for it.

When an expression's narrowing is exact, every plain row found has a hit (``regex_corpus``):
the count needs no look into those texts, and only the rows shown are read for their spans.
Otherwise each row's folded text (kept in memory, ``regex_terms.FoldedTexts``) is searched for
a first non-empty match; texts are never read from the database for that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldkit.index import regex_parts
from fieldkit.index.regex_parts import has_hit
from fieldkit.storage import search_tables as tables

if TYPE_CHECKING:
    from fieldkit.index.fts import FtsIndex, Matched
    from fieldkit.index.query import Query
    from fieldkit.index.regex_corpus import Corpus


def matches(engine: FtsIndex, query: Query, plan: Any, *, limit: int | None
            ) -> tuple[int, list[Matched]] | None:
    """(total, the first ``limit`` hits) of a query with ``/…/`` terms whose rows are whole
    texts (no ``code:``, ``coder:``, ``speaker:``, ``set:`` or ``attr:``), best first, each
    with its first hit span; None when this does not apply (``FtsIndex._every_region`` then
    does the work)."""
    from fieldkit.index.fts import Matched

    if plan.regions is not None or plan.within is not None or plan.speakers is not None \
            or plan.index is None:
        return None
    vocabulary = engine.vocabulary
    corpus = vocabulary.corpus()
    if not corpus.complete:
        return None
    exact = [vocabulary.narrowed(p)[1] for p in query.regexes]
    conn = engine.store.conn
    cache = engine.folded
    cache.check((conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])))
    odd = corpus.odd
    texts = corpus.texts
    checks = [(_finder(corpus.sensitive(p), p), ok)
              for p, ok in zip(query.regexes, exact, strict=True)]
    vouched = all(exact)

    def folded(rid: int, text: str) -> str:
        return cache.of((rid % tables.PARTS, rid // tables.PARTS), text)[0]

    allowed = _gap_rows(corpus, [p for p, ok in zip(query.regexes, exact, strict=True)
                                 if not ok], folded)
    kept: dict[int, Matched] = {}
    for rid, score in engine._rows(plan, ranked=True):
        if allowed is not None and rid not in allowed:
            continue
        if not (vouched and rid not in odd):
            text = texts.get(rid)
            if text is None:
                continue  # not a text any more (changed under us): no hit
            body = folded(rid, text)
            if not all((ok and rid not in odd) or find(body) for find, ok in checks):
                continue
        m = Matched.of(rid, score)
        kept.setdefault(m.unit, m)
    found = list(kept.values())
    shown = found if limit is None else found[:limit]
    engine._place(query, shown, mode="first")
    for m in shown:
        m.spans = m.spans[:1]
    return len(found), shown


def _finder(quick: re.Pattern[str], pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether a folded text has a non-empty match of ``pattern``, told with ``quick`` (its
    case-free rewrite, ``Corpus.sensitive``), from the end when it can only match there."""
    anchor = regex_parts.end_anchor(pattern)
    if anchor is not None:
        return lambda text: regex_parts.has_hit_at_end(quick, anchor, text)
    return lambda text: has_hit(quick, text)


def _gap_rows(corpus: Corpus, patterns: list[re.Pattern[str]],
              folded: Callable[[int, str], str]) -> set[int] | None:
    """The rows that can hold a match of every one of ``patterns`` by their pieces of non-word
    characters (``regex_parts.Shape.gaps``: each lies inside one gap of the text); None when
    none of them has such a piece."""
    out: set[int] | None = None
    for pattern in patterns:
        for clause in regex_parts.shape(pattern).gaps:
            index = corpus.gaps(folded)
            rows: set[int] = set()
            for gap, rids in index.items():
                if any(has_hit(piece, gap) for piece in clause):
                    rows.update(rids)
            out = rows if out is None else out & rows
    return out
