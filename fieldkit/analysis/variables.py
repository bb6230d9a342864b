"""Code × variable matrices: codes against documents, sites, visits, attributes, cases, coders or
time periods, counting segments, documents or coded words.

A coding counts in the column of its document (its site, its visit, its visit's month or ISO
week), of its coder, or — for ``case`` and ``attribute:NAME`` — of each case it belongs to and
each value it has (``fieldkit.analysis.attribute_facts``: a coding in a case part counts for that
case, a coding in two cases for each). Codings without a value for the variable are left out.
``percent`` divides each cell by its column's total: the column's sum for segments and words,
the number of documents in the column for documents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from fieldkit.analysis.table import WORD, CodingTable, Scope
from fieldkit.core.attributes import display
from fieldkit.core.errors import BadInput
from fieldkit.storage import analysis_rows

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

VARIABLES = ("document", "site", "visit", "case", "coder", "month", "week")
MEASURES = ("segments", "documents", "words")


@dataclass(slots=True)
class VariableCounts:
    """Rows in the order of ``code_ids``, columns as ``labels`` (keys say what each one is)."""

    variable: str
    measure: str
    code_ids: list[int]
    labels: list[str]
    keys: list[int | str]
    values: np.ndarray  # int64, codes × columns
    column_totals: np.ndarray  # what percentages divide by

    def percentages(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            found = np.where(self.column_totals > 0,
                             100.0 * self.values / np.maximum(self.column_totals, 1), 0.0)
        return np.round(found, 2)


def check_variable(variable: str) -> None:
    if variable in VARIABLES:
        return
    if variable.startswith("attribute:") and variable.split(":", 1)[1].strip():
        return
    raise BadInput(f"Unknown column variable '{variable}'; use document, site, visit, "
                   "attribute:NAME, case, coder, month or week.")


def variable_counts(table: CodingTable, store: Store, code_ids: list[int], scope: Scope,
                    variable: str, measure: str = "segments") -> VariableCounts:
    """Count the codings of each code per column of ``variable`` (see the module docstring)."""
    check_variable(variable)
    if measure not in MEASURES:
        raise BadInput(f"Unknown measure '{measure}'; use segments, documents or words.")
    rows = np.flatnonzero(table.mask(scope.narrowed(code_ids)))
    member, column, labels, keys, doc_columns = columns_of(table, store, rows, variable)
    size, width = len(code_ids), len(labels)
    code = table.code_index(rows[member], code_ids)
    if measure == "documents":
        docs = table.document[rows[member]]
        cells = np.unique(np.stack([code, column, docs]), axis=1) if len(docs) else \
            np.zeros((3, 0), dtype=np.int64)
        flat = np.bincount(cells[0] * width + cells[1], minlength=size * width)
        totals = np.bincount(doc_columns[1], minlength=width) if len(doc_columns[1]) else \
            np.zeros(width, dtype=np.int64)
    else:
        weights = None if measure == "segments" else word_counts(table, store)[rows[member]]
        flat = np.bincount(code * width + column, weights=weights, minlength=size * width)
        flat = np.rint(flat).astype(np.int64)
        totals = flat.reshape(size, width).sum(axis=0)
    values = flat.reshape(size, width).astype(np.int64)
    return VariableCounts(variable, measure, list(code_ids), labels, keys, values,
                          np.asarray(totals, dtype=np.int64))


def cell_codings(table: CodingTable, store: Store, code_id: int, key: int | str, scope: Scope,
                 variable: str) -> list[int]:
    """The ids of the codings behind one cell (code, column key)."""
    check_variable(variable)
    rows = np.flatnonzero(table.mask(scope.narrowed([code_id])))
    member, column, _, keys, _ = columns_of(table, store, rows, variable)
    if key not in keys:
        return []
    chosen = member[column == keys.index(key)]
    return [int(x) for x in table.id[rows[np.unique(chosen)]]]


def columns_of(table: CodingTable, store: Store, rows: np.ndarray, variable: str
               ) -> tuple[np.ndarray, np.ndarray, list[str], list[int | str],
                          tuple[np.ndarray, np.ndarray]]:
    """(positions into rows, their column, column labels, column keys, (document, column) of
    every document with a value) — a coding of a document in two cases is in both columns."""
    if variable == "coder":
        names = analysis_rows.names(store, "coders")
        used = np.unique(table.coder[rows])
        ordered = sorted(used.tolist(), key=lambda c: names.get(c, "").casefold())
        column = _lookup(table.coder[rows], ordered)
        coded = np.stack([table.document[rows], column])
        pairs = np.unique(coded, axis=1) if len(rows) else np.zeros((2, 0), np.int64)
        return (np.arange(len(rows)), column, [names[c] for c in ordered], list(ordered),
                (pairs[0], pairs[1]))
    if variable == "case" or variable.startswith("attribute:"):
        return _case_columns(table, rows, variable)
    doc_ids, values = _document_values(table, store, rows, variable)
    labels, keys = _ordered_keys(table, store, variable, values)
    doc_column = _lookup(values, keys)
    every = np.full(len(table.doc_ids), -1, dtype=np.int64)
    every[np.searchsorted(table.doc_ids, doc_ids)] = doc_column
    column = table.doc_fact(every)[rows]
    member = np.flatnonzero(column >= 0)
    return member, column[member], labels, keys, (doc_ids, doc_column)


def _case_columns(table: CodingTable, rows: np.ndarray, variable: str
                  ) -> tuple[np.ndarray, np.ndarray, list[str], list[int | str],
                             tuple[np.ndarray, np.ndarray]]:
    """``columns_of`` for cases and attributes, at the level of codings: a coding is in the
    column of each case it belongs to (its document's, or of a case part it overlaps) and of
    each value its contexts give (``fieldkit.analysis.attribute_facts``). Worked out for every
    coding once per table and variable, then kept to ``rows``."""
    key = "columns:" + variable
    if key not in table.cache:
        table.cache[key] = _every_case_column(table, variable)
    member, column, labels, ordered, doc_pairs = table.cache[key]
    at = np.full(len(table.id), -1, dtype=np.int64)
    at[rows] = np.arange(len(rows))
    local = at[member]
    keep = local >= 0
    return local[keep], column[keep], labels, ordered, doc_pairs


def _every_case_column(table: CodingTable, variable: str
                       ) -> tuple[np.ndarray, np.ndarray, list[str], list[int | str],
                                  tuple[np.ndarray, np.ndarray]]:
    facts = table.attributes.facts()
    if variable == "case":
        member, which = facts.coding_cases(table.document, table.start, table.end)
        pairs: set[tuple[int, int | str]] = {
            (int(d), int(c)) for c, d in facts.links[:, :2].tolist()}
        pairs.update((int(d), int(c)) for c, d in facts.parts[:, [0, 1]].tolist())
        names = facts.case_names
        ordered: list[int | str] = sorted({c for _, c in pairs},
                                          key=lambda c: names.get(int(c), "").casefold())
        labels = [names.get(int(c), "") for c in ordered]
    else:
        name = variable.split(":", 1)[1].strip()
        member, shown = facts.value_pairs(name, table.document, table.start, table.end)
        which = np.array(shown, dtype=object)
        pairs = set()
        for doc, case in facts.document_contexts():
            value = facts.value(doc, case, name)
            if value is not None:
                pairs.add((doc, display(value)))
        ordered = sorted({v for _, v in pairs} | set(shown), key=_natural)
        labels = [str(k) for k in ordered]
    doc_pairs = sorted(pairs, key=lambda p: (p[0], str(p[1])))
    docs = np.array([d for d, _ in doc_pairs], dtype=np.int64)
    keys = np.array([k for _, k in doc_pairs], dtype=np.int64 if variable == "case" else object)
    return member, _lookup(which, ordered), labels, ordered, (docs, _lookup(keys, ordered))


def word_counts(table: CodingTable, store: Store) -> np.ndarray:
    """Words in each coding's quote, aligned with the table (photo regions count 0)."""
    if "words" not in table.cache:
        quotes = analysis_rows.text_quotes(store)
        table.cache["words"] = np.array(
            [len(WORD.findall(quotes.get(int(i), ""))) if s >= 0 else 0
             for i, s in zip(table.id.tolist(), table.start.tolist(), strict=True)],
            dtype=np.int64)
    return table.cache["words"]


def _document_values(table: CodingTable, store: Store, rows: np.ndarray,
                     variable: str) -> tuple[np.ndarray, np.ndarray]:
    """(documents, their value) for document facts, sorted by document, values as keys."""
    docs = table.doc_ids
    if variable == "document":
        used = np.unique(table.document[rows])
        return used, used.copy()
    if variable in ("site", "visit"):
        fact = table.doc_site if variable == "site" else table.doc_visit
        keep = fact >= 0
        return docs[keep], fact[keep]
    if variable in ("month", "week"):
        stamps = np.array([_period(d, variable) for d in table.doc_date], dtype=object)
        keep = stamps != ""
        return docs[keep], stamps[keep]
    raise AssertionError(variable)


def _ordered_keys(table: CodingTable, store: Store, variable: str,
                  values: np.ndarray) -> tuple[list[str], list[int | str]]:
    present = set(values.tolist())
    if variable == "document":
        titles = analysis_rows.document_titles(store, sorted(present))
        keys: list[int | str] = sorted(present)
        return [titles[int(k)] for k in keys], keys  # type: ignore[arg-type]
    if variable in ("site", "visit"):
        names = analysis_rows.names(store, "sites")
        if variable == "visit":
            dates = analysis_rows.names(store, "visits")
            sites = dict(zip(table.doc_visit.tolist(), table.doc_site.tolist(), strict=True))
            label = {v: f"{names.get(sites.get(v, -1), '')} {dates[v]}".strip()
                     for v in present}
            keys = sorted(present, key=lambda v: (dates[v], label[v]))  # type: ignore[index]
        else:
            label = {v: names[v] for v in present}
            keys = sorted(present, key=lambda v: label[v].casefold())
        return [label[k] for k in keys], keys
    keys = sorted(present, key=_natural)
    return [str(k) for k in keys], keys


def _lookup(values: np.ndarray, keys: list[int | str]) -> np.ndarray:
    """The position in ``keys`` of each value (every value must be a key)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    distinct, inverse = np.unique(values, return_inverse=True)
    where = {k: i for i, k in enumerate(keys)}
    return np.array([where[v] for v in distinct.tolist()], dtype=np.int64)[inverse.ravel()]


def _period(date: str, grain: str) -> str:
    if len(date) < 10:
        return ""
    if grain == "month":
        return date[:7]
    try:
        year, week, _ = dt.date.fromisoformat(date[:10]).isocalendar()
    except ValueError:
        return ""
    return f"{year}-W{week:02d}"


def _natural(value: object) -> tuple[int, float, str]:
    text = str(value)
    if re.fullmatch(r"-?\d+(\.\d+)?", text.strip()):
        return 0, float(text), ""
    return 1, 0.0, text.casefold()
