"""``project.analysis``: code relations, code × variable matrices and coding queries.

One engine (``fieldkit.analysis``) behind the CLI, the app and the exports. Every figure drills
down to its segments. The codings are read once into arrays and kept until the data changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.core.changes import ChangeSet
from fieldkit.core.errors import BadInput
from fieldkit.operations.words import Words
from fieldkit.storage import analysis_rows, workbench_tables

if TYPE_CHECKING:
    from fieldkit.analysis import query, spans
    from fieldkit.analysis.table import CodingTable, Scope
    from fieldkit.exporters.charts import Canvas
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

# Tables whose change makes the loaded codings stale.
_READS = {"codings", "documents", "turns", "codes", "visits", "sites", "participants", "cases",
          "case_documents", "case_participants", "case_parts", "attributes", "coders"}


@dataclass(slots=True)
class CodeHeading:
    id: int
    path: str
    colour: str


@dataclass(slots=True)
class Segment:
    """A stretch of a document's text: one coding, or a region a query found."""

    document_id: int
    document: str
    start: int
    end: int
    text: str
    coding_id: int | None = None
    code: str | None = None
    coder: str | None = None


@dataclass(slots=True)
class Relations:
    """A code × code matrix (see ``fieldkit.analysis.relations`` for what the cells count)."""

    mode: str
    distance: int | None
    coefficient: str
    codes: list[CodeHeading]
    counts: list[list[int]]
    coefficients: list[list[float]]


@dataclass(slots=True)
class Matrix:
    """A code × variable matrix; ``values`` are percentages when ``percent`` is set."""

    variable: str
    measure: str
    percent: bool
    codes: list[CodeHeading]
    columns: list[str]
    keys: list[Any]
    values: list[list[float]]
    column_totals: list[int]


@dataclass(slots=True)
class CodingValues:
    """A coding's cases (their names, sorted) and its value of each attribute it has one of
    (shown as text; a coding in two cases with different values has both, joined by "; ")."""

    cases: list[str]
    values: dict[str, str]


@dataclass(slots=True)
class SavedQuery:
    id: int
    name: str
    expression: str


class Analysis:
    """The analyst's questions over one project; reached as ``project.analysis``."""

    def __init__(self, project: Project, store: Store) -> None:

        self._project = project
        self._store = store
        self._table: CodingTable | None = None
        self._version = -1
        self.words = Words(project, store)
        project.subscribe(self._changed)

    def _changed(self, changes: ChangeSet) -> None:
        touched = changes.tables & _READS
        if not touched:
            return
        rows = [c for c in changes.changes if c.table == "codings"]
        if self._table is not None and touched == {"codings"} \
                and all(c.before is not None or c.after is not None for c in rows):
            # coding, uncoding, undo and redo: patch the arrays instead of reading them again
            self._table = self._table.patched(rows)
        else:
            self._table = None

    def table(self) -> CodingTable:
        """The codings as arrays, read again only after the data changed."""
        from fieldkit.analysis.table import CodingTable

        version = analysis_rows.data_version(self._store)
        if self._table is None or version != self._version:
            self._table, self._version = CodingTable.load(self._store), version
        return self._table

    # -- scope -----------------------------------------------------------------------------

    def scope(self, *, coder: str | None = None, document_set: str | None = None,
              site: str | None = None, code_set: str | None = None,
              documents: Iterable[int] | None = None, where: str | None = None) -> Scope:
        """Which codings to look at: one coder's, in a document set or site, of a code set,
        whose attribute values satisfy the condition ``where`` ("afdeling = Lasserij and
        jaren < 5"; BadInput for bad syntax, an unknown attribute or a wrong value)."""
        from fieldkit.analysis.table import Scope

        coder_id = self._project.find_coder(coder).id if coder else None
        docs: frozenset[int] | None = frozenset(documents) if documents is not None else None
        if document_set:
            members = frozenset[int](self._project.sets.members(document_set, "documents"))
            docs = members if docs is None else docs & members
        sites = frozenset({self._project.site(site).id}) if site else None
        codes = frozenset[int](self._project.sets.members(code_set, "codes")) if code_set \
            else None
        condition = where.strip() if where and where.strip() else None
        if condition is not None:
            self.table().attributes.facts().condition(condition)  # refused here, in one line
        return Scope(coder_id, docs, sites, codes, condition)

    def code_list(self, codes: Sequence[int | str] | None, scope: Scope) -> list[int]:
        """The codes to show, in the order given (default: the codebook's order)."""
        if codes:
            chosen = [self._project.code(c).id for c in codes]
        else:
            chosen = [c.id for _, c in self._project.codebook().walk()]
        if scope.code_ids is not None:
            chosen = [c for c in chosen if c in scope.code_ids]
        return list(dict.fromkeys(chosen))

    def attribute_names(self) -> list[str]:
        """Every attribute documents, participants or cases carry or that is defined (for
        ``attribute:NAME`` and conditions)."""
        found = {a.name.casefold(): a.name
                 for a in analysis_rows.attribute_definitions(self._store)}
        used = [*analysis_rows.attribute_names(self._store),
                *(n for values in analysis_rows.case_attribute_values(self._store).values()
                  for n in values)]
        for name in used:
            found.setdefault(name.casefold(), name)
        return sorted(found.values(), key=str.casefold)

    def coding_values(self, codings: Sequence[Any]) -> tuple[list[str], dict[int, CodingValues]]:
        """The attribute names (defined ones in their order, then the rest by name) and, for
        each of ``codings`` (``Coding`` objects), its cases and values by the rules of
        ``fieldkit.analysis.attribute_facts``: for the Excel columns and the Word report by
        case."""
        import numpy as np

        from fieldkit.analysis.attribute_facts import AttributeFacts

        facts = AttributeFacts.load(self._store)
        document = np.array([c.document_id for c in codings], dtype=np.int64)
        start = np.array([-1 if c.start is None else c.start for c in codings], dtype=np.int64)
        end = np.array([-1 if c.end is None else c.end for c in codings], dtype=np.int64)
        found = {c.id: CodingValues([], {}) for c in codings}
        position, case = facts.coding_cases(document, start, end)
        for p, k in zip(position.tolist(), case.tolist(), strict=True):
            found[codings[p].id].cases.append(facts.case_names.get(k, ""))
        defined = list(analysis_rows.attribute_definitions(self._store))
        names = [a.name for a in defined]
        seen = {n.casefold() for n in names}
        names += sorted((n for n in facts.types if n.casefold() not in seen), key=str.casefold)
        for name in names:
            at, shown = facts.value_pairs(name, document, start, end)
            for p, text in zip(at.tolist(), shown, strict=True):
                values = found[codings[p].id].values
                values[name] = f"{values[name]}; {text}" if name in values else text
        for item in found.values():
            item.cases.sort(key=str.casefold)
        return names, found

    def headings(self, code_ids: list[int]) -> list[CodeHeading]:
        book = self._project.codebook()
        return [CodeHeading(c, book.path(c), book.codes[c].colour) for c in code_ids]

    # -- relations -------------------------------------------------------------------------

    def relations(self, codes: Sequence[int | str] | None = None, *, mode: str = "overlap",
                  distance: int | None = None, **where: Any) -> Relations:
        """The code × code matrix: how often each pair of codes occurs together."""
        from fieldkit.analysis import relations

        relations.check_mode(mode, distance)
        scope = self.scope(**where)
        code_ids = self.code_list(codes, scope)
        found = relations.relation_counts(self.table(), self._store, code_ids, scope, mode,
                                          distance)
        return Relations(mode, distance, found.coefficient_name, self.headings(code_ids),
                         found.counts.tolist(), found.coefficients().tolist())

    def relation_pairs(self, a: int | str, b: int | str, *, mode: str = "overlap",
                       distance: int | None = None,
                       **where: Any) -> list[tuple[Segment, Segment]]:
        """The pairs of segments behind one cell of the relations matrix."""
        from fieldkit.analysis import relations

        first, second = self._project.code(a).id, self._project.code(b).id
        pairs = relations.pair_codings(self.table(), self._store, first, second,
                                       self.scope(**where), mode, distance)
        segments = {s.coding_id: s for s in self.coding_segments(
            [x for pair in pairs for x in pair])}
        return [(segments[x], segments[y]) for x, y in pairs]

    # -- matrices --------------------------------------------------------------------------

    def matrix(self, columns: str, *, codes: Sequence[int | str] | None = None,
               measure: str = "segments", percent: bool = False, **where: Any) -> Matrix:
        """Codes × a variable (document, site, visit, attribute:NAME, case, coder, month)."""
        from fieldkit.analysis import variables

        variables.check_variable(columns)
        scope = self.scope(**where)
        code_ids = self.code_list(codes, scope)
        found = variables.variable_counts(self.table(), self._store, code_ids, scope, columns,
                                          measure)
        values = found.percentages() if percent else found.values
        return Matrix(columns, measure, percent, self.headings(code_ids), found.labels,
                      [_plain(k) for k in found.keys], values.tolist(),
                      found.column_totals.tolist())

    def cell(self, code: int | str, key: Any, columns: str, **where: Any) -> list[Segment]:
        """The segments behind one cell of a matrix (``key`` from ``Matrix.keys``)."""
        from fieldkit.analysis import variables

        code_id = self._project.code(code).id
        ids = variables.cell_codings(self.table(), self._store, code_id, key,
                                     self.scope(**where), columns)
        return self.coding_segments(ids)

    # -- charts ------------------------------------------------------------------------------

    def chart(self, kind: str, *, columns: str = "site", measure: str = "segments",
              percent: bool = False, mode: str = "overlap", distance: int | None = None,
              document: int | str | None = None, codes: Sequence[int | str] | None = None,
              mask: Callable[[str], str] | None = None, **where: Any) -> Canvas:
        """A chart to save as PNG or SVG: ``matrix`` (heat map), ``bars`` (code frequencies
        per column), ``relations`` (heat map of the code relations), ``portrait`` (the codes'
        colours through one document) or ``words`` (a word cloud of the documents, of a
        ``site`` or ``document_set`` when given). ``mask`` (a pseudonymiser) replaces names in every
        label before the chart is laid out, so no name is drawn, whole or shortened."""
        from fieldkit.core.patterns import pattern_of
        from fieldkit.exporters import charts

        m = mask or str

        if kind == "words":
            return self.words.cloud(mask=mask, site=where.get("site"),
                                    document_set=where.get("document_set"))
        if kind in ("matrix", "bars"):
            found = self.matrix(columns, codes=codes, measure=measure, percent=percent,
                                **where)
            rows = [m(c.path) for c in found.codes]
            title = m(f"{measure.capitalize()} by {columns.replace('attribute:', '')}" +
                      (" (% of column)" if percent else ""))
            labels = [m(c) for c in found.columns]
            if kind == "bars":
                return charts.bar_chart(title, rows, labels, found.values)
            return charts.heat_map(title, rows, labels, found.values,
                                   decimals=1 if percent else 0)
        if kind == "relations":
            rel = self.relations(codes, mode=mode, distance=distance, **where)
            paths = [m(c.path) for c in rel.codes]
            label = mode if distance is None else f"{mode} {distance}"
            return charts.heat_map(m(f"Code relations ({label})"), paths,
                                   [str(i + 1) for i in range(len(paths))],
                                   [[float(v) for v in row] for row in rel.counts],
                                   skip_diagonal=True, numbered=True)
        if kind == "portrait":
            if document is None:
                raise BadInput("A document portrait needs a document.")
            doc = self._project.document(document)
            scope = self.scope(**where)
            book = self._project.codebook()
            coded = [c for c in self._project.codings(doc=doc.id)
                     if c.start is not None and c.end is not None and not c.orphaned
                     and (scope.coder_id is None or c.coder_id == scope.coder_id)
                     and (scope.code_ids is None or c.code_id in scope.code_ids)]
            # each code by colour, pattern and (pseudonymised) name, for the legend
            shown = {i: charts.ChartCode(m(book.path(i)), book.codes[i].colour, pattern_of(i))
                     for i in sorted({c.code_id for c in coded})}
            spans_ = [(c.start, c.end, shown[c.code_id]) for c in coded
                      if c.start is not None and c.end is not None]
            return charts.document_portrait(m(doc.title), max(1, len(doc.text)), spans_)
        raise BadInput(f"Unknown chart '{kind}'; use matrix, bars, relations, portrait or "
                       "words.")

    # -- coding queries --------------------------------------------------------------------

    def parse(self, expression: str) -> query.Node:
        """Check a query and resolve its codes (an unknown code raises NotFound)."""
        from fieldkit.analysis import query

        return query.parse(expression, lambda ref: self._project.code(ref).id)

    def segments(self, expression: str, *, text: str | None = None,
                 **where: Any) -> list[Segment]:
        """The text regions that satisfy a coding query (see ``fieldkit.analysis.query``),
        optionally only those that hold a hit of the full-text query ``text``."""
        from fieldkit.analysis import query, spans

        node = self.parse(expression)
        found = query.evaluate(node, self.table(), self._store, self.scope(**where))
        if text and text.strip():
            meets = spans.regions_meeting(found, self._hit_regions(text))[0]
            found = (found[0][meets], found[1][meets])
        return self.region_segments(found)

    def _hit_regions(self, text: str) -> spans.Regions:
        import numpy as np

        from fieldkit.analysis import spans
        from fieldkit.analysis.spans import BIG

        engine = self._project.index.engine
        starts: list[int] = []
        ends: list[int] = []
        for m in engine.spans_of(engine.parse(text)):
            if m.document_id is None:
                continue
            for s, e in m.spans:
                starts.append(m.document_id * BIG + s)
                ends.append(m.document_id * BIG + e)
        return spans.merge(np.array(starts, np.int64), np.array(ends, np.int64))

    def saved_queries(self) -> list[SavedQuery]:
        return [SavedQuery(r["id"], r["name"], r["expression"])
                for r in workbench_tables.saved_queries(self._store)]

    def save_query(self, name: str, expression: str) -> SavedQuery:
        """Keep a coding query with the project (checked first; a name is replaced)."""
        if not name.strip():
            raise BadInput("A saved query needs a name.")
        self.parse(expression)
        key = workbench_tables.save_query(self._store, name.strip(), expression.strip())
        return next(q for q in self.saved_queries() if q.id == key)

    def saved_query(self, ref: str | int) -> SavedQuery:
        for q in self.saved_queries():
            if q.name.casefold() == str(ref).strip().casefold() or str(q.id) == str(ref):
                return q
        raise BadInput(f"There is no saved query '{ref}'.")

    def delete_query(self, ref: str | int) -> SavedQuery:
        found = self.saved_query(ref)
        workbench_tables.delete_query(self._store, found.id)
        return found

    # -- segments --------------------------------------------------------------------------

    def coding_segments(self, coding_ids: list[int]) -> list[Segment]:
        book = self._project.codebook()
        paths = {c: book.path(c) for c in book.codes}
        coders = analysis_rows.names(self._store, "coders")
        return [Segment(r["document_id"], r["title"], r["start"] if r["start"] is not None
                        else -1, r["end"] if r["end"] is not None else -1, r["quote"], r["id"],
                        paths.get(r["code_id"]), coders.get(r["coder_id"]))
                for r in analysis_rows.segment_rows(self._store, list(dict.fromkeys(coding_ids)))]

    def region_segments(self, regions: spans.Regions) -> list[Segment]:
        from fieldkit.analysis.spans import BIG

        docs = (regions[0] // BIG).tolist()
        texts = analysis_rows.texts(self._store, sorted(set(docs)))
        titles = analysis_rows.document_titles(self._store, sorted(set(docs)))
        found = []
        for doc, s, e in zip(docs, (regions[0] % BIG).tolist(), (regions[1] % BIG).tolist(),
                             strict=True):
            found.append(Segment(doc, titles[doc], s, e, texts[doc][s:e]))
        return found


def _plain(value: Any) -> Any:
    import numpy as np

    return value.item() if isinstance(value, np.generic) else value
