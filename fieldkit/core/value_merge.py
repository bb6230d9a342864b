"""Attribute values merged per attribute: a change of a case's (document's, participant's)
values carries the whole JSON object it replaced (``old``) and the one it wrote (``new``);
applied to a row whose values changed meanwhile (a team mate set another attribute), only the
attributes the change changed are written, so both changes survive.

Every copy of a team applies the same changes in the same order from the same state, so the
result is the same JSON text on every copy: when nothing changed meanwhile it is ``new``
exactly; otherwise the attributes in ``new``'s order, then those only the current value has,
in its order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: the column that holds a row's attribute values, as one JSON object
VALUES_COLUMN = "attributes"
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Overwritten:
    """An attribute a change set wrote that a change applied before it had changed too: the
    value it replaced (``lost``, None when that change had removed it) and the one it wrote
    (``kept``, None when it removes the attribute)."""

    name: str
    lost: Any
    kept: Any


def _values(raw: Any) -> dict[str, Any] | None:
    """A JSON object's values; {} for an empty column; None when it is not an object."""
    if raw is None or raw == "":
        return {}
    if isinstance(raw, dict):
        return raw
    try:
        found = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def merge_values(current: Any, old: Any, new: Any) -> tuple[Any, list[Overwritten]]:
    """The values to write when a change from ``old`` to ``new`` (JSON text) meets ``current``:
    only the attributes it changed (added, set or removed) are written onto ``current``.
    Returns (the JSON text to write, the attributes it overwrote that changed meanwhile).
    A value that is not a JSON object (of an old or damaged copy) is replaced whole."""
    now, before, after = _values(current), _values(old), _values(new)
    if now is None or before is None or after is None or now == before:
        return new, []
    changed = [k for k in {**before, **after}
               if before.get(k, _ABSENT) != after.get(k, _ABSENT)]
    if not changed:
        return current, []
    lost = [Overwritten(k, now.get(k), after.get(k)) for k in changed
            if now.get(k, _ABSENT) != before.get(k, _ABSENT)
            and now.get(k, _ABSENT) != after.get(k, _ABSENT)]
    merged: dict[str, Any] = {}
    for k in after:
        if k in changed:
            merged[k] = after[k]
        elif k in now:
            merged[k] = now[k]
    for k in now:
        if k not in merged and k not in changed:
            merged[k] = now[k]
    return json.dumps(merged, ensure_ascii=False), lost
