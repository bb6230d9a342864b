"""A case-insensitive expression rewritten without ``IGNORECASE``, for texts of a known alphabet.

Python's ``re`` gives up its fast scans (a literal prefix, a first-character set) when a
pattern ignores case: ``/k.nt/`` over the folded texts takes eight times as long as the same
expression without the flag. The folded texts are nearly all lower case, but not quite (``ı``
matches ``i`` when case is ignored; ``ℌ`` folds to ``H``), so the flag cannot simply be dropped.
Instead every item whose matching depends on case (a literal, a class with literals or ranges,
their negations) becomes the explicit set of the *alphabet's* characters it matches when case
is ignored — one character stays a literal, which keeps the fast scans. On any text made of
the alphabet's characters the rewritten expression matches exactly what the original does;
everything else (categories, ``.``, anchors, lookarounds, groups and their numbers, back
references, local flags) is carried over as it was.
"""

from __future__ import annotations

import re
from typing import Any

try:
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    _c = _parser = None

_FLAGS = ((re.MULTILINE, "m"), (re.DOTALL, "s"), (re.ASCII, "a"), (re.UNICODE, "u"))
_AT = {"AT_BEGINNING": "^", "AT_BEGINNING_STRING": "\\A", "AT_END": "$",
       "AT_END_STRING": "\\Z", "AT_BOUNDARY": "\\b", "AT_NON_BOUNDARY": "\\B"}
_CATEGORY = {"CATEGORY_WORD": "\\w", "CATEGORY_NOT_WORD": "\\W", "CATEGORY_DIGIT": "\\d",
             "CATEGORY_NOT_DIGIT": "\\D", "CATEGORY_SPACE": "\\s", "CATEGORY_NOT_SPACE": "\\S"}
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def sensitive(pattern: re.Pattern[str], alphabet: str, *, existence: bool = False
              ) -> re.Pattern[str] | None:
    """``pattern`` without ``IGNORECASE``, matching as it does on texts of ``alphabet``'s
    characters; None when it cannot be rewritten (then use the pattern).

    ``existence``: only whether there is a match counts, not where. An expression that starts
    with an unbounded repeat of one character class (``\\w+``, ``\\d+``) then gets
    ``(?<!class)`` in front: a match starting inside such a run also matches from the run's
    start, and ``re`` no longer tries every position of every run (``/\\w+\\.$/`` read each
    word once per letter)."""
    if _parser is None:
        return None
    try:
        ignore = bool(pattern.flags & re.IGNORECASE)
        flags = pattern.flags & ~re.IGNORECASE & ~re.VERBOSE
        rewriter = _Rewriter(sorted(set(alphabet)), flags)
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        text = rewriter.items(items, ignore)
        if existence and items:
            op, arg = items[0]
            if str(op) in _REPEATS and arg[0] >= 1 and arg[1] is _c.MAXREPEAT \
                    and len(arg[2]) == 1 and str(arg[2][0][0]) in ("LITERAL", "IN"):
                text = f"(?<!{rewriter.items(list(arg[2]), ignore)}){text}"
        return re.compile(text, flags)
    except Exception:  # noqa: BLE001 - a private module's shape: the pattern as it is
        return None


class _Rewriter:
    def __init__(self, alphabet: list[str], flags: int) -> None:
        self.alphabet = alphabet
        self.flags = flags

    def items(self, items: list[Any], ignore: bool) -> str:
        return "".join(self.item(op, arg, ignore) for op, arg in items)

    def item(self, op: Any, arg: Any, ignore: bool) -> str:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL", "IN"):
            return self.chars(name, arg, ignore)
        if name == "ANY":
            return "."
        if name in _REPEATS:
            lo, hi, body = arg
            most = "" if hi is _c.MAXREPEAT else str(hi)
            lazy = {"MIN_REPEAT": "?", "POSSESSIVE_REPEAT": "+"}.get(name, "")
            return f"(?:{self.items(list(body), ignore)}){{{lo},{most}}}{lazy}"
        if name == "SUBPATTERN":
            group, add, remove, body = arg
            inner = ignore and not remove & re.IGNORECASE or bool(add & re.IGNORECASE)
            on = "".join(letter for flag, letter in _FLAGS if add & flag)
            off = "".join(letter for flag, letter in _FLAGS if remove & flag)
            flags = f"{on}{'-' + off if off else ''}"
            text = self.items(list(body), inner)
            if group is None:
                return f"(?{flags}:{text})" if flags else f"(?:{text})"
            return f"((?{flags}:{text}))" if flags else f"({text})"
        if name == "ATOMIC_GROUP":
            return f"(?>{self.items(list(arg), ignore)})"
        if name == "BRANCH":
            return "(?:" + "|".join(self.items(list(b), ignore) for b in arg[1]) + ")"
        if name == "AT":
            return _AT[str(arg)]
        if name in ("ASSERT", "ASSERT_NOT"):
            direction, body = arg
            kind = ("=" if name == "ASSERT" else "!")
            return f"(?{'<' if direction < 0 else ''}{kind}{self.items(list(body), ignore)})"
        if name == "GROUPREF":
            return f"(?:\\{arg})"
        if name == "GROUPREF_EXISTS":
            group, yes, no = arg
            other = f"|{self.items(list(no), ignore)}" if no is not None else ""
            return f"(?({group}){self.items(list(yes), ignore)}{other})"
        raise ValueError(f"cannot rewrite {name}")

    def chars(self, name: str, arg: Any, ignore: bool) -> str:
        if name == "LITERAL":
            original = _char(arg)
        elif name == "NOT_LITERAL":
            original = f"[^{_char(arg)}]"
        else:
            original = "[" + "".join(_member(op, value) for op, value in arg) + "]"
            if all(str(op) == "CATEGORY" for op, _ in arg):
                return original  # categories do not depend on case
        if not ignore:
            return original
        test = re.compile(original, self.flags | re.IGNORECASE)
        return _any_of([x for x in self.alphabet if test.fullmatch(x)])


def _any_of(found: list[str]) -> str:
    if not found:
        return "(?!)"
    if len(found) == 1:
        return _char(ord(found[0]))
    return "[" + "".join(_char(ord(x)) for x in found) + "]"


def _member(op: Any, value: Any) -> str:
    name = str(op)
    if name == "LITERAL":
        return _char(value)
    if name == "RANGE":
        return f"{_char(value[0])}-{_char(value[1])}"
    if name == "NEGATE":
        return "^"
    if name == "CATEGORY":
        return _CATEGORY[str(value)]
    raise ValueError(f"cannot rewrite {name} in a class")


def _char(code: int) -> str:
    return f"\\U{code:08x}"
