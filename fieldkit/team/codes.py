"""Combining two codes of the codebook into one (when a team finds they mean the same thing).

The source code's codings move to the target; where the target already has a coding by the same
coder on the same span (or photo rectangle) of the same document, the two collapse into the
target's, keeping both memos. The source's sub-codes move under the target (a sub-code whose
name the target already has is combined with that one the same way), its definition texts are
added to the target's, its links to other codes and its places on networks become the
target's, and the source code is removed. All of it is one undo step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.core.model import Coding
from fieldkit.storage import network_tables
from fieldkit.storage.store import CodingFilter
from fieldkit.team.merge import CODE_TEXTS, merged_text

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

ALIASES = "merged_code_aliases"


@dataclass(slots=True)
class CodeMerge:
    """How many codings moved to the target and how many collapsed into one it had."""

    moved: int = 0
    collapsed: int = 0


def _place(coding: Coding) -> tuple[Any, ...]:
    region = coding.region
    if region is not None:
        return (coding.document_id, coding.coder_id, None, None, region.x, region.y,
                region.width, region.height)
    return (coding.document_id, coding.coder_id, coding.start, coding.end)


def merge_codes(project: Project, store: Store, source: int | str,
                target: int | str) -> CodeMerge:
    """Merge code ``source`` into code ``target`` (see the module docstring); ``store`` is
    the project's own (the caller's part holds it), through which the codings move."""
    src, tgt = project.code(source), project.code(target)
    if src.id == tgt.id:
        raise BadInput("A code cannot be merged with itself; choose two different codes.")
    if tgt.id in project.codebook().descendants(src.id):
        raise BadInput(f"'{project.code_path(tgt)}' lies under '{project.code_path(src)}'; "
                       "merge the sub-code upwards instead.")
    result = CodeMerge()
    label = f"Merge code {project.code_path(src)} into {project.code_path(tgt)}"
    with store.change(label):
        _merge(project, store, src.id, tgt.id, result)
    # A later project merge maps the source's UUID to the target instead of bringing it back.
    aliases = code_aliases(store)
    aliases[src.uuid] = tgt.uuid
    store.set_meta(ALIASES, json.dumps(aliases))
    return result


def code_aliases(store: Store) -> dict[str, str]:
    """UUIDs of codes merged away → UUID of the code they were merged into (read from the
    project's ``store``)."""
    return dict(json.loads(store.meta(ALIASES, "{}")))


def _merge(project: Project, store: Store, src_id: int, tgt_id: int,
           result: CodeMerge) -> None:
    src_path = project.code_path(src_id)
    at_target = {_place(c): c for c in store.codings(CodingFilter(code_ids=[tgt_id]))}
    for coding in store.codings(CodingFilter(code_ids=[src_id])):
        place = _place(coding)
        kept = at_target.get(place)
        if kept is None:
            store.update_coding(coding.id, {"code_id": tgt_id})
            at_target[place] = coding
            result.moved += 1
            continue
        memo = merged_text(kept.memo, coding.memo, f"code {src_path}")
        if memo is not None:
            store.update_coding(kept.id, {"memo": memo})
            kept.memo = memo
        store.delete_coding(coding.id)
        result.collapsed += 1
    book = project.codebook()
    for child in book.children(src_id):
        twin = next((c for c in book.children(tgt_id)
                     if c.name.casefold() == child.name.casefold()), None)
        if twin is not None:
            _merge(project, store, child.id, twin.id, result)
        else:
            store.update_code(child.id, {"parent_id": tgt_id,
                                         "position": len(project.codebook().children(tgt_id))})
    src, tgt = store.code(src_id), store.code(tgt_id)
    changes: dict[str, str] = {}
    for name in CODE_TEXTS:
        text = merged_text(getattr(tgt, name), getattr(src, name), f"code {src_path}")
        if text is not None:
            changes[name] = text
    if changes:
        store.update_code(tgt_id, changes)
    network_tables.move_code(store, src_id, tgt_id)  # its links and network places
    store.delete_code(src_id)
