"""The codebook as a tree: paths like ``Learning/Informal/Peer help``, ordering, cycles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from fieldkit.core.errors import BadInput
from fieldkit.core.model import Code
from fieldkit.core.names import check_code_levels

SEPARATOR = "/"

# A calm palette that stays readable as a highlight behind black text.
PALETTE = (
    "#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6",
    "#bcf60c", "#fabebe", "#008080", "#e6beff", "#9a6324", "#fffac8", "#800000", "#aaffc3",
    "#808000", "#ffd8b1", "#000075", "#808080",
)


def check_depth(depth: int, source: str) -> None:
    """Refuse a code tree whose codes reach ``depth`` (0: top-level codes only) when that is
    more than ``MAX_CODE_LEVELS`` levels, in one line naming ``source``."""
    check_code_levels(depth + 1, source)


def split_path(path: str) -> list[str]:
    """Split a code path into names; empty parts and surrounding spaces are not allowed, runs
    of spaces inside a name count as one (as ``names.check_name`` stores them)."""
    parts = [" ".join(x for x in p.strip().split(" ") if x)
             for p in path.strip().strip(SEPARATOR).split(SEPARATOR)]
    if not parts or any(not p for p in parts):
        raise BadInput(f"'{path}' is not a code path (names separated by '/').")
    return parts


def valid_colour(colour: str) -> str:
    c = colour.strip()
    if len(c) == 7 and c.startswith("#"):
        try:
            int(c[1:], 16)
            return c.lower()
        except ValueError:
            pass
    raise BadInput(f"'{colour}' is not a colour; use #RRGGBB.")


@dataclass
class CodeNode:
    code: Code
    children: list[CodeNode] = field(default_factory=list)
    count: int = 0  # codings of this code itself

    @property
    def total(self) -> int:
        """Codings of this code and everything below it."""
        return self.count + sum(child.total for child in self.children)


class Codebook:
    """An in-memory view of the codes, for paths, tree walks and lookups by name."""

    def __init__(self, codes: Iterable[Code]) -> None:
        self.codes = {c.id: c for c in codes}
        self._children: dict[int | None, list[Code]] = {}
        for c in sorted(self.codes.values(), key=lambda c: (c.position, c.name.casefold())):
            self._children.setdefault(c.parent_id, []).append(c)

    def children(self, parent_id: int | None) -> list[Code]:
        return self._children.get(parent_id, [])

    def path(self, code_id: int) -> str:
        names: list[str] = []
        seen: set[int] = set()
        current: int | None = code_id
        while current is not None and current not in seen:
            seen.add(current)
            code = self.codes[current]
            names.append(code.name)
            current = code.parent_id
        return SEPARATOR.join(reversed(names))

    def find_path(self, path: str) -> Code | None:
        parent: int | None = None
        found: Code | None = None
        for name in split_path(path):
            found = next(
                (c for c in self.children(parent) if c.name.casefold() == name.casefold()), None
            )
            if found is None:
                return None
            parent = found.id
        return found

    def levels(self, code_id: int | None) -> int:
        """How many levels down ``code_id`` sits (1: a top-level code; 0 for None, the top)."""
        count, seen, current = 0, set(), code_id
        while current is not None and current in self.codes and current not in seen:
            seen.add(current)
            count += 1
            current = self.codes[current].parent_id
        return count

    def height(self, code_id: int) -> int:
        """How many levels ``code_id`` and the codes below it take (1: no sub-codes)."""
        tallest, stack, seen = 0, [(code_id, 1)], set()
        while stack:
            current, level = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            tallest = max(tallest, level)
            stack.extend((child.id, level + 1) for child in self.children(current))
        return tallest

    def descendants(self, code_id: int) -> list[int]:
        out: list[int] = []
        stack = [code_id]
        while stack:
            for child in self.children(stack.pop()):
                out.append(child.id)
                stack.append(child.id)
        return out

    def walk(self) -> Iterator[tuple[int, Code]]:
        """Depth-first, in codebook order: (depth, code)."""
        stack: list[tuple[int, Code]] = [(0, c) for c in reversed(self.children(None))]
        while stack:
            depth, code = stack.pop()
            yield depth, code
            stack.extend((depth + 1, c) for c in reversed(self.children(code.id)))

    def tree(self, counts: dict[int, int] | None = None) -> list[CodeNode]:
        counts = counts or {}

        def build(code: Code) -> CodeNode:
            children = [build(c) for c in self.children(code.id)]
            return CodeNode(code, children, counts.get(code.id, 0))

        return [build(c) for c in self.children(None)]
