"""Changes as data: every edit of a project is a ``ChangeSet`` of row changes.

This is the command/undo mechanism. Storage records, for each row it writes, the row before and
after; a change set's inverse restores the earlier state, so every operation — coding, codebook
edits, note edits, imports — is undoable and redoable by one mechanism, and the same record is the
audit trail. The GUI subscribes to change sets and refreshes only the tables they touch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass(slots=True)
class RowChange:
    """One row of one table: ``before`` is None for an insert, ``after`` None for a delete."""

    table: str
    key: int
    before: Row | None
    after: Row | None

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.key, self.after, self.before)

    def to_json(self) -> list[Any]:
        return [self.table, self.key, self.before, self.after]

    @classmethod
    def from_json(cls, data: list[Any]) -> RowChange:
        table, key, before, after = data
        return cls(table, key, before, after)


@dataclass(slots=True)
class ChangeSet:
    """What one user action changed, in the order it was written."""

    label: str
    changes: list[RowChange] = field(default_factory=list)
    id: int | None = None

    def inverse(self, label: str | None = None) -> ChangeSet:
        return ChangeSet(label or self.label, [c.inverse() for c in reversed(self.changes)])

    @property
    def tables(self) -> set[str]:
        return {c.table for c in self.changes}

    def keys(self, table: str) -> set[int]:
        return {c.key for c in self.changes if c.table == table}

    def __bool__(self) -> bool:
        return bool(self.changes)
