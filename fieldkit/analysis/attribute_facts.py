"""Cases and attribute values of codings (and of any stretch of text), and conditions on them.

The rules (issue 28):

- a coding belongs to a case when its document is in the case (listed, or written by a
  participant of the case) or when it overlaps, by at least one code point, a part of a
  document that belongs to the case;
- a coding's value of attribute NAME is its document's own value; else the value of a case it
  belongs to (in two cases it has each case's value, and counts for each); else the value of its
  document's participant.

Each coding is looked at in its *contexts*: one (document, case) pair per case it belongs to,
or (document, none) when it belongs to none. A context's values are the participant's, overlaid
by the case's, overlaid by the document's own. A condition holds for a coding when it holds in
one of its contexts. A document alone (for sets and whole-document filters) has the contexts of
the cases it belongs to as a whole and of the cases with a part in it.

Values without a definition (a project from before attribute types) get the type their values
suggest (``infer_type``), and text values of a number, date or yes/no attribute are read as
such, so that ``jaren < 5`` compares numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from fieldkit.analysis.spans import BIG, pairs_before
from fieldkit.core.attributes import (
    Condition,
    Value,
    display,
    infer_type,
    lookup,
    parse_condition,
    parse_value,
)
from fieldkit.core.errors import BadInput
from fieldkit.storage import attribute_rows

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

NONE = -1  # the case of a context outside every case


@dataclass(slots=True)
class AttributeFacts:
    """Every document's, participant's and case's values and every case membership."""

    types: dict[str, str]
    own: dict[int, dict[str, Any]]  # document → its own values (as stored)
    person: dict[int, dict[str, Any]]  # document → its participant's values (as stored)
    cases: dict[int, dict[str, Any]]  # case → values (as stored)
    case_names: dict[int, str]
    links: np.ndarray  # (n, 2): case, document — whole documents
    parts: np.ndarray  # (n, 4): case, document, start, end
    documents: list[int] = field(default_factory=list)  # every document of the project
    memo: dict[Any, Any] = field(default_factory=dict)  # what users of these facts keep
    _typed: dict[tuple[str, type, Any], Value | None] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> AttributeFacts:
        """Read the values and memberships (five or six small queries). Values are read as
        their type says when first asked for (``value``), one name at a time."""
        documents = attribute_rows.document_values(store)
        people = attribute_rows.participant_values(store)
        cases = attribute_rows.case_values(store)
        own = {d: v for d, (_, v) in documents.items() if v}
        raw_cases = {c: v for c, (_, v) in cases.items() if v}
        types = _types(attribute_rows.attribute_types(store),
                       [*own.values(), *people.values(), *raw_cases.values()])
        person = {d: people[p] for d, (p, _) in documents.items()
                  if p is not None and people.get(p)}
        links = np.array(attribute_rows.case_links(store), dtype=np.int64).reshape(-1, 2)
        parts = np.array(attribute_rows.case_parts(store), dtype=np.int64).reshape(-1, 4)
        return cls(types, own, person, raw_cases, {c: n for c, (n, _) in cases.items()},
                   links, parts, sorted(documents))

    # -- conditions ----------------------------------------------------------------------------

    def condition(self, text: str) -> Condition:
        """``text`` read and checked against the attributes there are: BadInput, one line, for
        bad syntax, an unknown attribute or a value of the wrong type."""
        found = parse_condition(text)
        found.check(self.types)
        return found

    def values(self, document: int, case: int,
               names: Iterable[str] | None = None) -> dict[str, Value]:
        """The values in one context (see the module docstring): of ``names``, or of every
        name the document, the case and the participant carry."""
        if names is None:
            names = {n.casefold(): n for source in (
                self.person.get(document, {}), self.cases.get(case, {}) if case != NONE
                else {}, self.own.get(document, {})) for n in source}.values()
        return {n: v for n in names if (v := self.value(document, case, n)) is not None}

    def value(self, document: int, case: int, name: str) -> Value | None:
        """The value of ``name`` (any case of letters) in one context, None when none: the
        document's own, else the case's, else the participant's."""
        for source in (self.own.get(document), self.cases.get(case) if case != NONE else None,
                       self.person.get(document)):
            if source:
                found = self.typed(name, lookup(source, name))
                if found is not None:
                    return found
        return None

    def case_values(self, case: int) -> dict[str, Value]:
        """A case's own values, typed."""
        given = self.cases.get(case, {})
        return {n: v for n in given if (v := self.typed(n, given[n])) is not None}

    def typed(self, name: str, raw: Any) -> Value | None:
        """A stored value as its attribute's type says (text that does not parse stays
        text); None for none or a blank."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        key = (name.casefold(), type(raw), raw if isinstance(raw, (str, int, float, bool))
               else repr(raw))
        if key not in self._typed:
            self._typed[key] = _typed_value(name, lookup(self.types, name) or "text", raw)
        return self._typed[key]

    def passes(self, condition: Condition, document: np.ndarray, start: np.ndarray,
               end: np.ndarray) -> np.ndarray:
        """Which stretches (``start`` -1 for a photo region) the condition holds for."""
        position, docs, case = self.contexts(document, start, end)
        keep = np.zeros(len(document), dtype=bool)
        if len(position) == 0:
            return keep
        pairs, inverse = _unique_pairs(docs, case)
        names = condition.names()
        ok = np.array([condition.matches(self.values(int(d), int(c), names), self.types)
                       for d, c in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True)],
                      dtype=bool)
        keep[position[ok[inverse.ravel()]]] = True
        return keep

    def documents_matching(self, condition: Condition) -> set[int]:
        """The documents with a context (as a whole, or through a case with a part in them)
        in which the condition holds."""
        found = set()
        names = condition.names()
        for doc, case in self.document_contexts():
            if doc not in found and condition.matches(self.values(doc, case, names),
                                                      self.types):
                found.add(doc)
        return found

    def document_contexts(self) -> list[tuple[int, int]]:
        """(document, case) for every document: its whole-document and part cases, or
        (document, none) when it is in no case."""
        cased: dict[int, set[int]] = {}
        for case, doc in self.links[:, :2].tolist() + self.parts[:, [0, 1]].tolist():
            cased.setdefault(doc, set()).add(case)
        every = set(self.documents) | set(self.own) | set(self.person) | set(cased)
        return [(d, c) for d in sorted(every) for c in sorted(cased.get(d, {NONE}))]

    # -- membership ----------------------------------------------------------------------------

    def coding_cases(self, document: np.ndarray, start: np.ndarray,
                     end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position, case) of every case each stretch belongs to, sorted, without repeats."""
        at, case = _expand(document, self.links[:, 1], self.links[:, 0])
        in_part, part_case = self._part_pairs(document, start, end)
        position = np.concatenate([at, in_part])
        case = np.concatenate([case, part_case])
        if len(position) == 0:
            return position, case
        both, _ = _unique_pairs(position, case)
        return both[0], both[1]

    def contexts(self, document: np.ndarray, start: np.ndarray,
                 end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(position, document, case) of every context of each stretch: one per case, or one
        with case -1 when the stretch is in no case."""
        position, case = self.coding_cases(document, start, end)
        alone = np.ones(len(document), dtype=bool)
        alone[position] = False
        lone = np.flatnonzero(alone)
        position = np.concatenate([position, lone])
        case = np.concatenate([case, np.full(len(lone), NONE, dtype=np.int64)])
        return position, document[position], case

    def value_pairs(self, name: str, document: np.ndarray, start: np.ndarray,
                    end: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """(position, value shown as text) of each stretch's values of ``name``: one per
        distinct value its contexts give, none when they give none."""
        position, docs, case = self.contexts(document, start, end)
        if len(position) == 0:
            return position, []
        pairs, inverse = _unique_pairs(docs, case)
        shown = [self.value(d, c, name) for d, c in
                 zip(pairs[0].tolist(), pairs[1].tolist(), strict=True)]
        labels = sorted({display(v) for v in shown if v is not None})
        where = {label: n for n, label in enumerate(labels)}
        code = np.array([-1 if v is None else where[display(v)] for v in shown],
                        dtype=np.int64)[inverse.ravel()]
        keep = code >= 0
        both, _ = _unique_pairs(position[keep], code[keep])
        return both[0], [labels[k] for k in both[1].tolist()]

    def _part_pairs(self, document: np.ndarray, start: np.ndarray,
                    end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position, case) of the stretches that overlap a case part."""
        empty = np.zeros(0, dtype=np.int64)
        rows = np.flatnonzero(start >= 0)
        if len(self.parts) == 0 or len(rows) == 0:
            return empty, empty
        parts = self.parts
        keys = np.concatenate([document[rows] * BIG + start[rows], parts[:, 1] * BIG + parts[:, 2]])
        limits = np.concatenate([document[rows] * BIG + end[rows],
                                 parts[:, 1] * BIG + parts[:, 3]])
        limits = np.maximum(limits, keys)
        side = np.concatenate([np.zeros(len(rows), bool), np.ones(len(parts), bool)])
        order = np.argsort(keys, kind="stable")
        i, j = pairs_before(keys[order], limits[order], inclusive=False)
        i, j = order[i], order[j]
        mixed = side[i] != side[j]
        i, j = i[mixed], j[mixed]
        coding = np.where(side[i], j, i)
        part = np.where(side[i], i, j) - len(rows)
        return rows[coding], parts[part, 0]


def _unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (a, b) pairs as two rows, sorted by a then b, and for each given pair the
    column of its distinct pair; ``b`` ≥ -1. One integer key a pair: ``np.unique`` over columns
    sorts structured rows, ten times slower."""
    if len(a) == 0:
        return np.zeros((2, 0), dtype=np.int64), np.zeros(0, dtype=np.int64)
    width = int(b.max()) + 2
    keys, inverse = np.unique(a * width + (b + 1), return_inverse=True)
    return np.stack([keys // width, keys % width - 1]), inverse.ravel()


def _expand(documents: np.ndarray, link_docs: np.ndarray,
            link_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``documents`` every linked key: (position, key) pairs."""
    order = np.argsort(link_docs, kind="stable")
    link_docs, link_keys = link_docs[order], link_keys[order]
    lo = np.searchsorted(link_docs, documents, side="left")
    hi = np.searchsorted(link_docs, documents, side="right")
    spread = hi - lo
    member = np.repeat(np.arange(len(documents)), spread)
    step = np.arange(int(spread.sum())) - np.repeat(np.cumsum(spread) - spread, spread)
    return member, link_keys[np.repeat(lo, spread) + step]


def _types(defined: Mapping[str, str], values: list[dict[str, Any]]) -> dict[str, str]:
    """The defined types, and for names without a definition the type their values suggest."""
    seen: dict[str, list[Any]] = {}
    for given in values:
        for name, value in given.items():
            seen.setdefault(name, []).append(value)
    folded = {n.casefold() for n in defined}
    found = dict(defined)
    for name, raws in seen.items():
        if name.casefold() in folded:
            continue
        kept = [v for v in raws if v is not None and display(v).strip()]
        if kept and all(isinstance(v, bool) for v in kept):
            found[name] = "boolean"
        elif kept and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                          for v in kept):
            found[name] = "number"
        else:
            found[name] = infer_type([display(v) for v in kept])[0]
    return found


def _typed_value(name: str, type_: str, raw: Any) -> Value:
    """``raw`` as a value of ``type_`` (kept as it is when it does not parse)."""
    if not _stored_as(raw, type_):
        try:
            raw = parse_value(name, type_, raw)
        except BadInput:
            pass
    return raw if isinstance(raw, (str, int, float, bool)) else str(raw)


def _stored_as(raw: Any, type_: str) -> bool:
    """Whether ``raw`` already is a value of ``type_`` as values are stored."""
    if type_ == "number":
        return isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if type_ == "boolean":
        return isinstance(raw, bool)
    if type_ == "date":
        return isinstance(raw, str) and len(raw) == 10 and raw[4] == "-" and raw[7] == "-"
    return True  # text and choices are kept as they are
