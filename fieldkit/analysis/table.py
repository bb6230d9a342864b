"""All codings of a project as numpy columns: what every relation, matrix and query reads.

Loaded once per state of the data (``analysis_rows.data_stamp``) and kept; one load of ~100,000
codings takes a few tens of milliseconds, after which the analyses are array arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from fieldkit.analysis.attribute_facts import AttributeFacts
from fieldkit.analysis.spans import BIG
from fieldkit.core.changes import RowChange
from fieldkit.storage import analysis_rows

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Scope:
    """Which codings an analysis looks at: one coder, some documents, some sites, some codes,
    and those whose attribute values satisfy a ``condition`` ("afdeling = Lasserij and jaren
    < 5", see ``fieldkit.analysis.attribute_facts`` for a coding's values)."""

    coder_id: int | None = None
    document_ids: frozenset[int] | None = None
    site_ids: frozenset[int] | None = None
    code_ids: frozenset[int] | None = None
    condition: str | None = None

    def narrowed(self, code_ids: list[int]) -> Scope:
        """The same scope, looking only at these codes (of those it allowed)."""
        chosen = frozenset(code_ids)
        if self.code_ids is not None:
            chosen &= self.code_ids
        return Scope(self.coder_id, self.document_ids, self.site_ids, chosen, self.condition)


class AttributeSource:
    """The attribute values and case memberships, read the first time an analysis asks."""

    def __init__(self, store: Store) -> None:
        self._store: Store | None = store
        self._facts: AttributeFacts | None = None

    def facts(self) -> AttributeFacts:
        if self._facts is None:
            assert self._store is not None
            self._facts = AttributeFacts.load(self._store)
            self._store = None
        return self._facts


class DocumentFacts:
    """Every document's kind, site, visit, participant and date, read the first time an
    analysis asks (code relations over all codes never do: the first relations after opening a
    project do not wait for them)."""

    def __init__(self, store: Store) -> None:
        self._store: Store | None = store
        self._columns: tuple[np.ndarray, list[str], np.ndarray, np.ndarray, np.ndarray,
                             list[str]] | None = None

    def columns(self) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray, np.ndarray,
                               list[str]]:
        if self._columns is None:
            assert self._store is not None
            docs = analysis_rows.document_columns(self._store)
            self._columns = (
                np.array([r[0] for r in docs], dtype=np.int64), [r[1] for r in docs],
                np.array([-1 if r[2] is None else r[2] for r in docs], dtype=np.int64),
                np.array([-1 if r[3] is None else r[3] for r in docs], dtype=np.int64),
                np.array([-1 if r[4] is None else r[4] for r in docs], dtype=np.int64),
                [r[5] or "" for r in docs])
            self._store = None
        return self._columns


@dataclass(slots=True)
class CodingTable:
    """Columns of the codings (text and photo regions), in document and start order, and the
    documents' facts (``doc_*``, aligned with ``doc_ids``), read when first asked for."""

    id: np.ndarray
    document: np.ndarray
    code: np.ndarray
    coder: np.ndarray
    start: np.ndarray  # -1 for photo regions
    end: np.ndarray
    facts: DocumentFacts
    attributes: AttributeSource
    _words: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)  # facts read on demand

    @classmethod
    def load(cls, store: Store) -> CodingTable:
        data = np.array(analysis_rows.coding_columns(store), dtype=np.int64).reshape(-1, 4)
        low = np.int64(0xFFFFFFFF)
        start, end = data[:, 1] & low, data[:, 3]
        region = start == low
        start[region], end[region] = -1, -1
        return cls(id=data[:, 0].copy(), document=data[:, 1] >> 32, code=data[:, 2] >> 32,
                   coder=data[:, 2] & low, start=start, end=end, facts=DocumentFacts(store),
                   attributes=AttributeSource(store))

    @property
    def doc_ids(self) -> np.ndarray:
        """Every document, sorted; the ``doc_*`` facts are aligned with it."""
        return self.facts.columns()[0]

    @property
    def doc_kind(self) -> list[str]:
        return self.facts.columns()[1]

    @property
    def doc_site(self) -> np.ndarray:  # -1 when none
        return self.facts.columns()[2]

    @property
    def doc_visit(self) -> np.ndarray:
        return self.facts.columns()[3]

    @property
    def doc_participant(self) -> np.ndarray:
        return self.facts.columns()[4]

    @property
    def doc_date(self) -> list[str]:
        return self.facts.columns()[5]

    def patched(self, changes: list[RowChange]) -> CodingTable | None:
        """This table after some codings were added, changed or removed (their rows before and
        after, as a change set holds them) — milliseconds instead of a new read; None when the
        changes cannot be applied here (a coding on a document the table does not know)."""
        final: dict[int, dict[str, Any] | None] = {}
        for change in changes:
            final[change.key] = change.after
        kept = ~np.isin(self.id, np.fromiter(final, np.int64, len(final)))
        added = [row for row in final.values() if row is not None and not row.get("orphaned")]
        if any(int(row["document_id"]) not in self.known_documents() for row in added):
            return None
        new = np.array([(row["id"], row["document_id"], row["code_id"], row["coder_id"],
                         -1 if row["start"] is None else row["start"],
                         -1 if row["end"] is None else row["end"]) for row in added],
                       dtype=np.int64).reshape(-1, 6)
        ids, docs, codes, coders, starts, ends = (
            np.concatenate([old[kept], new[:, k]]) for k, old in
            enumerate((self.id, self.document, self.code, self.coder, self.start, self.end)))
        return CodingTable(ids, docs, codes, coders, starts, ends, facts=self.facts,
                           attributes=self.attributes, _words=self._words)

    def known_documents(self) -> set[int]:
        if "documents" not in self.cache:
            self.cache["documents"] = set(self.doc_ids.tolist())
        return self.cache["documents"]  # type: ignore[no-any-return]

    # -- choosing codings ------------------------------------------------------------------

    def mask(self, scope: Scope, *, text_only: bool = False) -> np.ndarray:
        """Which rows are inside the scope (and, if asked, on text rather than a photo)."""
        keep = np.ones(len(self.id), dtype=bool)
        if text_only:
            keep &= self.start >= 0
        if scope.coder_id is not None:
            keep &= self.coder == scope.coder_id
        if scope.code_ids is not None:
            keep &= np.isin(self.code, np.fromiter(scope.code_ids, np.int64))
        if scope.document_ids is not None:
            keep &= np.isin(self.document, np.fromiter(scope.document_ids, np.int64))
        if scope.site_ids is not None:
            sites = self.doc_fact(self.doc_site)
            keep &= np.isin(sites, np.fromiter(scope.site_ids, np.int64))
        if scope.condition is not None:
            keep &= self.satisfying(scope.condition)
        return keep

    def satisfying(self, condition: str) -> np.ndarray:
        """Which rows' attribute values satisfy ``condition`` (kept per condition)."""
        key = "where:" + condition
        if key not in self.cache:
            facts = self.attributes.facts()
            self.cache[key] = facts.passes(facts.condition(condition), self.document,
                                           self.start, self.end)
        return self.cache[key]  # type: ignore[no-any-return]

    def doc_fact(self, fact: np.ndarray, documents: np.ndarray | None = None) -> np.ndarray:
        """A per-document column looked up for each of ``documents`` (default: every coding's
        document)."""
        if documents is None:
            if "doc_row" not in self.cache:
                self.cache["doc_row"] = np.searchsorted(self.doc_ids, self.document)
            return fact[self.cache["doc_row"]]
        return fact[np.searchsorted(self.doc_ids, documents)]

    def code_index(self, rows: np.ndarray, code_ids: list[int]) -> np.ndarray:
        """For each row, the position of its code in ``code_ids`` (which must hold it)."""
        lookup = np.full(int(max(code_ids, default=0)) + 1, -1, dtype=np.int64)
        lookup[np.array(code_ids, dtype=np.int64)] = np.arange(len(code_ids))
        return lookup[self.code[rows]]

    def global_starts(self, rows: np.ndarray) -> np.ndarray:
        return self.document[rows] * BIG + self.start[rows]

    def global_ends(self, rows: np.ndarray) -> np.ndarray:
        return self.document[rows] * BIG + self.end[rows]

    # -- words and units (read from the texts, only where asked) ----------------------------

    def word_edges(self, store: Store, documents: np.ndarray) -> None:
        """Read the word starts and ends of these documents (kept for later calls)."""
        missing = [int(d) for d in np.unique(documents) if int(d) not in self._words]
        for doc, text in analysis_rows.texts(store, missing).items():
            spans = [m.span() for m in WORD.finditer(text)]
            edges = np.array(spans, dtype=np.int64).reshape(-1, 2)
            self._words[doc] = (edges[:, 0].copy(), edges[:, 1].copy())

    def in_words(self, store: Store, documents: np.ndarray, starts: np.ndarray,
                 ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Spans in word numbers ``[first, last)``: ``first`` counts the words that end at or
        before the span's start, ``last`` the words that start before its end. The number of
        words lying wholly between span ``a`` and a later span ``b`` is ``b.first - a.last``.
        """
        self.word_edges(store, documents)
        first = np.zeros(len(starts), dtype=np.int64)
        last = np.zeros(len(starts), dtype=np.int64)
        for doc in np.unique(documents):
            at = documents == doc
            word_starts, word_ends = self._words.get(int(doc), (np.zeros(0), np.zeros(0)))
            first[at] = np.searchsorted(word_ends, starts[at], side="right")
            last[at] = np.searchsorted(word_starts, ends[at], side="left")
        return first, last

    def unit_starts(self, store: Store) -> np.ndarray:
        """Global starts of every speaker turn, and of every paragraph of documents without
        turns; each document also starts a unit at 0. Sorted."""
        if "turn" not in self.cache:
            turns = analysis_rows.turn_starts(store)
            with_turns = {d for d, _ in turns}
            starts = [d * BIG + s for d, s in turns]
            starts.extend(int(d) * BIG for d in self.doc_ids)
            plain = [int(d) for d in np.unique(self.document[self.start >= 0])
                     if int(d) not in with_turns]
            for doc, text in analysis_rows.texts(store, plain).items():
                starts.extend(doc * BIG + m.end() for m in re.finditer("\n", text)
                              if m.end() < len(text))
            self.cache["turn"] = np.unique(np.array(starts, dtype=np.int64))
        return self.cache["turn"]
