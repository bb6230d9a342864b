"""Coding queries: the text that satisfies a condition over codes.

The language (keywords in any case; a code is its path, its name, or its id; quote names that
hold spaces, ``"Peer help"``):

- ``A AND B`` — text coded with both (where their codings overlap);
- ``A OR B`` — text coded with either;
- ``A NOT B`` (or ``A AND NOT B``) — text coded ``A`` that is not coded ``B``;
- ``A NEAR/N B`` — codings of ``A`` and of ``B`` with at most N words wholly between them; both
  are kept (overlapping codings are near for any N; ``NEAR`` alone means ``NEAR/10``);
- ``A FOLLOWED BY B`` — codings of ``A`` with a coding of ``B`` starting at or after their end
  in the same document, together with those ``B``; ``FOLLOWED BY/TURN`` asks for the same speaker
  turn (or paragraph, in texts without turns);
- ``( … )`` groups. ``NEAR`` and ``FOLLOWED BY`` bind tightest, then ``AND``/``NOT``, then ``OR``.

Results are regions of text (``spans.Regions``): codings that touch or overlap join into one
region, as a reader would quote them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from fieldkit.analysis import spans
from fieldkit.analysis.spans import BIG, Regions
from fieldkit.analysis.table import CodingTable, Scope
from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

DEFAULT_NEAR = 10
_TOKEN = re.compile(r'\s*(?:"([^"]*)"|(\()|(\))|([^\s()"]+))')
_KEYWORDS = {"AND", "OR", "NOT", "FOLLOWED"}


@dataclass(slots=True)
class Node:
    """One step of a parsed query: a code (``op == "code"``) or an operator over two parts."""

    op: str
    code_id: int = 0
    left: Node | None = None
    right: Node | None = None
    distance: int = 0
    within: str = "document"

    def code_ids(self) -> set[int]:
        if self.op == "code":
            return {self.code_id}
        assert self.left is not None and self.right is not None
        return self.left.code_ids() | self.right.code_ids()


def parse(expression: str, resolve: Callable[[str], int]) -> Node:
    """Parse a query; ``resolve`` turns a code reference into its id (raising NotFound)."""
    tokens = _tokens(expression)
    if not tokens:
        raise BadInput("The query is empty; name at least one code, e.g. '\"Peer help\"'.")
    parser = _Parser(tokens, resolve)
    node = parser.either()
    if parser.at < len(tokens):
        raise BadInput(f"Unexpected '{tokens[parser.at][1]}' in the query.")
    return node


_OPERATOR = re.compile(r"(\(|\)|\bAND\b|\bOR\b|\bNOT\b|\bNEAR(?:/-?\w+)?(?=\s|$|\()"
                       r"|\bFOLLOWED\s+BY(?:/TURN|/DOCUMENT)?\b)")


def has_operators(text: str) -> bool:
    """Whether a ``code:`` filter value of the search box is a coding query (operators are
    written in capitals there, so that "Trial and error" stays one code name)."""
    return _OPERATOR.search(text) is not None and any(
        m.group(0).strip() not in "()" for m in _OPERATOR.finditer(text))


def loose(text: str) -> str:
    """The search box's ``code:"Peer help AND Time pressure"`` as a strict query: what stands
    between capital operators and brackets is one code name, quoted."""
    pieces = []
    for piece in _OPERATOR.split(text):
        bare = piece.strip()
        if not bare:
            continue
        if _OPERATOR.fullmatch(bare) or (bare.startswith('"') and bare.endswith('"')):
            pieces.append(bare)
        else:
            pieces.append('"' + bare.replace('"', "") + '"')
    return " ".join(pieces)


def evaluate(node: Node, table: CodingTable, store: Store, scope: Scope) -> Regions:
    """The regions of text the query describes, within the scope."""
    if node.op == "code":
        rows = np.flatnonzero(table.mask(scope.narrowed([node.code_id]), text_only=True))
        return spans.merge(table.global_starts(rows), table.global_ends(rows))
    assert node.left is not None and node.right is not None
    a = evaluate(node.left, table, store, scope)
    b = evaluate(node.right, table, store, scope)
    if node.op in ("and", "or", "not"):
        return spans.combine(a, b, node.op)
    if node.op == "near":
        return _near(a, b, table, store, node.distance)
    return _followed(a, b, table, store, node.within)


def _near(a: Regions, b: Regions, table: CodingTable, store: Store, distance: int) -> Regions:
    starts = np.concatenate([a[0], b[0]])
    ends = np.concatenate([a[1], b[1]])
    side = np.concatenate([np.zeros(len(a[0]), bool), np.ones(len(b[0]), bool)])
    docs = starts // BIG
    first, last = table.in_words(store, docs, starts % BIG, ends % BIG)
    keys = docs * BIG + first
    order = np.argsort(keys, kind="stable")
    i, j = spans.pairs_before(keys[order], (docs * BIG + last + distance)[order], inclusive=True)
    i, j = order[i], order[j]
    mixed = side[i] != side[j]
    chosen = np.unique(np.concatenate([i[mixed], j[mixed]]))
    return spans.merge(starts[chosen], ends[chosen])


def _followed(a: Regions, b: Regions, table: CodingTable, store: Store,
              within: str) -> Regions:
    def unit(starts: np.ndarray) -> np.ndarray:
        if within == "document":
            return starts // BIG
        units = table.unit_starts(store)
        return np.searchsorted(units, starts, side="right") - 1

    a_unit, b_unit = unit(a[0]), unit(b[0])
    b_keys = np.sort(b_unit * BIG + b[0] % BIG)
    at = np.searchsorted(b_keys, a_unit * BIG + a[1] % BIG, side="left")
    a_kept = (at < len(b_keys)) & (b_keys[np.minimum(at, len(b_keys) - 1)] < (a_unit + 1) * BIG) \
        if len(b_keys) else np.zeros(len(a[0]), dtype=bool)
    a_keys = np.sort(a_unit * BIG + a[1] % BIG)
    at = np.searchsorted(a_keys, b_unit * BIG + b[0] % BIG, side="right") - 1
    b_kept = (at >= 0) & (a_keys[np.maximum(at, 0)] >= b_unit * BIG) \
        if len(a_keys) else np.zeros(len(b[0]), dtype=bool)
    return spans.merge(np.concatenate([a[0][a_kept], b[0][b_kept]]),
                       np.concatenate([a[1][a_kept], b[1][b_kept]]))


def _tokens(expression: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: kind is 'code', '(' , ')' or a keyword."""
    found: list[tuple[str, str]] = []
    at = 0
    text = expression.strip()
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None or m.end() == at:
            raise BadInput(f"Unbalanced quote in the query: {expression}")
        at = m.end()
        quoted, opening, closing, word = m.groups()
        if quoted is not None:
            found.append(("code", quoted))
        elif opening:
            found.append(("(", "("))
        elif closing:
            found.append((")", ")"))
        elif word.upper() in _KEYWORDS or word.upper().startswith("NEAR") \
                or word.upper() in ("BY", "BY/TURN", "BY/DOCUMENT"):
            found.append((word.upper(), word))
        else:
            found.append(("code", word))
    return found


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], resolve: Callable[[str], int]) -> None:
        self.tokens, self.resolve, self.at = tokens, resolve, 0

    def peek(self) -> str:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def either(self) -> Node:
        node = self.both()
        while self.peek() == "OR":
            self.take()
            node = Node("or", left=node, right=self.both())
        return node

    def both(self) -> Node:
        node = self.sequence()
        while self.peek() in ("AND", "NOT"):
            kind = self.take()[0]
            if kind == "AND" and self.peek() == "NOT":
                self.take()
                kind = "NOT"
            node = Node(kind.lower(), left=node, right=self.sequence())
        return node

    def sequence(self) -> Node:
        node = self.primary()
        while self.peek().startswith("NEAR") or self.peek() == "FOLLOWED":
            kind, word = self.take()
            if kind == "FOLLOWED":
                if not self.peek().startswith("BY"):
                    raise BadInput("Write 'FOLLOWED BY' (or 'FOLLOWED BY/TURN').")
                within = self.take()[0].partition("/")[2].lower() or "document"
                node = Node("followed", left=node, right=self.primary(), within=within)
            else:
                distance = _distance(word)
                node = Node("near", left=node, right=self.primary(), distance=distance)
        return node

    def primary(self) -> Node:
        kind = self.peek()
        if kind == "(":
            self.take()
            node = self.either()
            if self.peek() != ")":
                raise BadInput("A '(' in the query is not closed.")
            self.take()
            return node
        if kind == "code":
            return Node("code", code_id=self.resolve(self.take()[1]))
        if not kind:
            raise BadInput("The query ends where a code was expected.")
        if kind == "NOT":
            raise BadInput("NOT needs a code before it ('A NOT B'): text not coded at all "
                           "is not a segment.")
        raise BadInput(f"A code was expected where '{self.tokens[self.at][1]}' stands.")


def _distance(word: str) -> int:
    _, slash, number = word.partition("/")
    if not slash:
        if word.upper() != "NEAR":
            raise BadInput(f"'{word}' is not an operator; write NEAR/N, e.g. NEAR/10.")
        return DEFAULT_NEAR
    try:
        value = int(number)
    except ValueError:
        raise BadInput(f"'{word}': the distance after NEAR/ must be a whole number of words.") \
            from None
    if value < 0:
        raise BadInput(f"'{word}': a distance in words cannot be negative.")
    return value
