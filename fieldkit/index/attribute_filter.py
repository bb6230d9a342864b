"""The search's ``attr:`` filter: hits only where the attribute values satisfy a condition.

``attr:afdeling=Lasserij``, ``attr:"afdeling = Lasserij Noord"``, ``attr:jaren<5`` — the value
is a condition of ``fieldkit.core.attributes`` (several ``attr:`` filters must all hold). A hit
is judged like a coding (``fieldkit.analysis.attribute_facts``): in a document that belongs to a
case as a whole, by the document's, its cases' and its participant's values; in a case part
(one respondent's answer in a per-question survey document, a speaker's turns), by that case's
values; elsewhere in a document by its own and its participant's values. The values are not
words of the index, so the plan keeps hits inside the allowed stretches (``Plan.within``), as
``set:`` and coding queries do: a hit counts as in a part when it lies inside it (parts are
whole words — turns, answers, a selection — so a hit is inside a part or outside all of them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput
from fieldkit.core.said import Said, each

if TYPE_CHECKING:
    from fieldkit.analysis.attribute_facts import AttributeFacts
    from fieldkit.core.attributes import Condition
    from fieldkit.index.fts import FtsIndex
    from fieldkit.index.plan import Plan
    from fieldkit.index.query import Query

Spans = list[tuple[int | None, int | None]]  # (None, None): the whole document
_OUTSIDE = 1 << 40  # beyond the end of any text: a gap after the last part reaches it


def facts_of(engine: FtsIndex) -> AttributeFacts:
    """The attribute values and case memberships, kept by the engine until the data may have
    changed (``FtsIndex.kept``)."""
    from fieldkit.analysis.attribute_facts import AttributeFacts

    return engine.kept("attribute facts", lambda: AttributeFacts.load(engine.store))


def restrict(engine: FtsIndex, query: Query, plan: Plan | None) -> Plan | None:
    """``plan`` kept to the stretches where the ``attr:`` conditions hold (unchanged without
    one); None, with a note saying why, when nothing can match."""
    texts = query.filters.get("attr")
    if not texts or plan is None:
        return plan
    from fieldkit.core.attributes import Junction

    facts = facts_of(engine)
    try:
        conditions = [facts.condition(t) for t in texts]
    except BadInput as problem:
        query.notes.append(Said("{problem} Nothing was found.",
                                problem=problem.with_traceback(None)))
        return None
    condition = conditions[0] if len(conditions) == 1 else Junction("and", list(conditions))
    key = ("search", tuple(texts))
    if key not in facts.memo:
        facts.memo[key] = allowed_spans(facts, condition)
    allowed: dict[int, Spans] = facts.memo[key]
    if not allowed:
        query.notes.append(Said("No document satisfies {shown}, so nothing was found.",
                                shown=each(texts)))
        return None
    whole = all(spans == [(None, None)] for spans in allowed.values())
    if whole and plan.within is None and plan.regions is None and plan.speakers is None:
        plan.documents = sorted(allowed)  # kept inside the query (``whole_documents``)
        return plan
    if plan.sets is not None:  # set: alone: its whole documents, now checked like spans
        plan.within = {doc: [(None, None)] for doc in engine._members(plan.sets)}
        plan.sets = None
    plan.within = allowed if plan.within is None else intersect(plan.within, allowed)
    return plan


def allowed_spans(facts: AttributeFacts, condition: Condition) -> dict[int, Spans]:
    """document → where the condition holds: the whole document, or some stretches of it."""
    from fieldkit.analysis.attribute_facts import NONE

    whole: dict[int, set[int]] = {}
    for case, doc in facts.links[:, :2].tolist():
        whole.setdefault(doc, set()).add(case)
    parts: dict[int, list[tuple[int, int, int]]] = {}
    for case, doc, start, end in facts.parts.tolist():
        parts.setdefault(doc, []).append((start, end, case))
    found: dict[int, Spans] = {}
    names = condition.names()
    for doc in facts.documents:
        cases = whole.get(doc, set())
        if any(condition.matches(facts.values(doc, c, names), facts.types) for c in cases):
            found[doc] = [(None, None)]
            continue
        own = sorted(parts.get(doc, []))
        spans: Spans = [(s, e) for s, e, c in own
                        if condition.matches(facts.values(doc, c, names), facts.types)]
        if not cases and condition.matches(facts.values(doc, NONE, names), facts.types):
            if not own:
                found[doc] = [(None, None)]
                continue
            spans.extend(_gaps([(s, e) for s, e, _ in own]))
        if spans:
            found[doc] = spans
    return found


def _gaps(spans: list[tuple[int, int]]) -> list[tuple[int | None, int | None]]:
    """The stretches outside every one of ``spans`` (sorted by start)."""
    gaps: list[tuple[int | None, int | None]] = []
    reach = 0
    for start, end in spans:
        if start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    gaps.append((reach, _OUTSIDE))
    return gaps


def intersect(a: dict[int, Spans], b: dict[int, Spans]) -> dict[int, Spans]:
    """The stretches both allow, document by document."""
    found: dict[int, Spans] = {}
    for doc in a.keys() & b.keys():
        first, second = a[doc], b[doc]
        if any(s is None for s, _ in first):
            found[doc] = second
        elif any(s is None for s, _ in second):
            found[doc] = first
        else:
            both: Spans = []
            for s1, e1 in first:
                for s2, e2 in second:
                    assert s1 is not None and e1 is not None
                    assert s2 is not None and e2 is not None
                    if max(s1, s2) < min(e1, e2):
                        both.append((max(s1, s2), min(e1, e2)))
            if both:
                found[doc] = both
    return found
