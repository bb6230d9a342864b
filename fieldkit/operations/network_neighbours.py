""""Add neighbours": what belongs next to a node on a network, from the analysis engine.

- a code: the codes that co-occur with it most (overlapping codings, the relations matrix),
  its coded segments, the memos linked to it;
- a coded segment: its code and the memos linked to it;
- a memo: what it links to (codes, documents, other memos, segments);
- a document: the codes used in it most and the memos linked to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.operations.network_nodes import Target

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

KINDS = ("codes", "segments", "memos")


def neighbour_targets(project: Project, store: Store, node: Any, kinds: Sequence[str],
                      limit: int) -> list[Target]:
    """The targets to add next to ``node`` (a ``network_nodes`` row), at most ``limit`` of
    each kind asked for, best first."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise BadInput(f"Neighbours are {', '.join(KINDS)}, not {', '.join(sorted(unknown))}.")
    if limit < 1:
        raise BadInput("Ask for at least one neighbour of each kind.")
    kind = str(node["kind"])
    found: list[Target] = []
    if kind == "code":
        code = int(node["code_id"])
        if "codes" in kinds:
            found += [Target("code", c) for c in co_occurring(project, code)[:limit]]
        if "segments" in kinds:
            found += [Target("coding", c.id) for c in project.codings_of(code_ids=[code])[:limit]]
        if "memos" in kinds:
            found += _memos(project, "code", code, limit)
    elif kind == "coding":
        coding = project.coding(int(node["coding_id"]))
        if "codes" in kinds:
            found.append(Target("code", coding.code_id))
        if "memos" in kinds:
            found += _memos(project, "coding", coding.id, limit)
    elif kind == "memo":
        found += _memo_targets(project, int(node["document_id"]), kinds, limit)
    elif kind == "document":
        doc = int(node["document_id"])
        if "codes" in kinds:
            used = Counter(c.code_id for c in project.codings_of(document_id=doc))
            found += [Target("code", c) for c, _ in used.most_common(limit)]
        if "memos" in kinds:
            found += _memos(project, "document", doc, limit)
    return found


def co_occurring(project: Project, code: int) -> list[int]:
    """The codes whose codings overlap ``code``'s, most overlaps first (ties by path)."""
    relations = project.analysis.relations(mode="overlap")
    ids = [h.id for h in relations.codes]
    if code not in ids:
        return []
    row = relations.counts[ids.index(code)]
    paths = {h.id: h.path for h in relations.codes}
    ranked = sorted(((n, c) for c, n in zip(ids, row, strict=True) if c != code and n > 0),
                    key=lambda p: (-p[0], paths[p[1]]))
    return [c for _, c in ranked]


def _memos(project: Project, target: str, key: int, limit: int) -> list[Target]:
    return [Target("memo", m.id) for m in project.memos.linked_to(target, key)[:limit]]


def _memo_targets(project: Project, memo: int, kinds: Sequence[str],
                  limit: int) -> list[Target]:
    wanted = {"code": "codes", "coding": "segments", "memo": "memos", "document": "memos"}
    out: list[Target] = []
    counts: Counter[str] = Counter()
    for link in project.memos.get(memo).links:
        group = wanted[link.target]
        if group in kinds and counts[group] < limit:
            counts[group] += 1
            out.append(Target(link.target, link.target_id))
    return out
