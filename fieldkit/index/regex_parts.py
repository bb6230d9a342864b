"""What a ``/…/`` expression needs of a text's words: the ground for narrowing it through the
index's vocabulary (``fieldkit.index.regex_terms``).

A *word run* is a maximal run of word characters (Python's ``\\w``) in a folded text. An item
of the expression is *word-only* when every character it can consume is a word character
(``k``, ``[a-z]``, ``\\d``, ``\\w``, groups, repeats and alternations of such). Assertions
(``\\b``, ``^``, lookarounds) consume nothing.

- A **piece** is a maximal sequence of consecutive word-only items of a concatenation, the
  assertions among them left out, that consumes at least one character. What it consumes in a
  match is a run of word characters, so it lies inside one word run of the text: the text must
  hold a word run in which the piece (a pattern of its own, free of context) finds a non-empty
  match. Requirements are found in the expression's top level, in groups, in repeats of at least
  one and in alternations whose every branch has one (then one of the branches' pieces).
- The expression is **word-bound** when it is word-only as a whole and its only assertions are
  ``\\b`` and ``\\B`` (no lookarounds, anchors, back references or conditionals). Its matches
  then lie inside one word run and depend on nothing outside it (``\\b`` at a word run's edge
  is true in the text as it is in the word alone): a text has a non-empty match exactly when
  one of its word runs, taken alone, has one.

Python's own parser (``re._parser``) reads the expression; anything it holds that this module
does not know gives no requirement (a full scan), never a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:  # a private module: without it nothing narrows (every text is read), nothing breaks
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    _c = _parser = None

_WORD_CHAR = re.compile(r"\w")
_MAX_RANGE = 5000  # a class range wider than this is not checked char by char (not word-only)
_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"),
                 (re.ASCII, "a"), (re.UNICODE, "u"))


@dataclass(frozen=True)
class Shape:
    """What an expression needs: ``clauses`` (each a tuple of pieces, one of which must find a
    non-empty match in some word run of the text; all clauses must hold) and whether it is
    ``word_bound`` (see the module docstring)."""

    clauses: tuple[tuple[re.Pattern[str], ...], ...]
    word_bound: bool
    gaps: tuple[tuple[re.Pattern[str], ...], ...] = ()


def has_hit(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` has a non-empty match in ``text`` (as ``finditer`` finds them)."""
    m = pattern.search(text)
    if m is None:
        return False
    if m.end() > m.start():
        return True
    return any(m.end() > m.start() for m in pattern.finditer(text, m.start()))


def shape(pattern: re.Pattern[str]) -> Shape:
    """The requirements of an expression (no clauses when it cannot tell)."""
    if _parser is None:
        return Shape((), False)
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        flags = pattern.flags & ~re.VERBOSE
        needed = sorted(set(_requirements(items)))
        words, gaps = (tuple(tuple(re.compile(p[2:], flags) for p in clause)
                             for clause in needed if all(p[0] == kind for p in clause))
                       for kind in "wg")
        bound = _word_only(items) and _bound_assertions(items)
    except Exception:  # noqa: BLE001 - a private module's shape: no narrowing, not no search
        return Shape((), False)
    return Shape(words, bound, gaps)


def _requirements(items: list[Any]) -> list[tuple[str, ...]]:
    """Pieces a match of the sequence ``items`` must hold, per clause: pattern texts tagged
    ``w:`` (word characters only) or ``g:`` (non-word characters only)."""
    out: list[tuple[str, ...]] = []
    run: list[Any] = []
    kind = ""

    def flush() -> None:
        if run and _min_length(run) >= 1:
            out.append((kind + ":" + _unparse(run),))
        run.clear()

    for op, arg in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # consumes nothing: the pieces around it stay one (left out: looser)
        this = "w" if _word_only([(op, arg)]) else "g" if _gap_only([(op, arg)]) else ""
        if this and (this == kind or not run):
            kind = this
            run.append((op, arg))
            continue
        flush()
        if this:
            kind = this
            run.append((op, arg))
        elif op is _c.SUBPATTERN and not arg[1] and not arg[2]:
            out.extend(_requirements(list(arg[-1])))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            out.extend(_requirements(list(arg[2])))
        elif op is _c.ATOMIC_GROUP:
            out.extend(_requirements(list(arg)))
        elif op is _c.BRANCH:
            picks: list[str] = []
            for branch in arg[1]:
                needed = _requirements(list(branch))
                if not needed:
                    break  # a branch needing nothing: the alternation needs nothing
                best: tuple[str, ...] = min(needed, key=_size)
                picks.extend(best)
            else:
                out.append(tuple(sorted(set(picks))))
    flush()
    return out


def _size(clause: tuple[str, ...]) -> int:
    return len(clause)


def _gap_only(items: list[Any]) -> bool:
    """Whether every character the items can consume is a non-word character."""
    for op, arg in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.LITERAL:
            ok = not _WORD_CHAR.match(chr(arg))
        elif op is _c.IN:
            ok = all(
                (member is _c.LITERAL and not _WORD_CHAR.match(chr(value)))
                or (member is _c.CATEGORY and value in (_c.CATEGORY_NOT_WORD, _c.CATEGORY_SPACE))
                or (member is _c.RANGE and value[1] - value[0] <= _MAX_RANGE and not any(
                    _WORD_CHAR.match(chr(x)) for x in range(value[0], value[1] + 1)))
                for member, value in arg)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            ok = _gap_only(list(arg[2]))
        elif op is _c.SUBPATTERN:
            ok = _gap_only(list(arg[-1]))
        elif op is _c.ATOMIC_GROUP:
            ok = _gap_only(list(arg))
        elif op is _c.BRANCH:
            ok = all(_gap_only(list(b)) for b in arg[1])
        else:
            ok = False
        if not ok:
            return False
    return True


def _word_only(items: list[Any]) -> bool:
    """Whether every character the items can consume is a word character."""
    for op, arg in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.LITERAL:
            ok = bool(_WORD_CHAR.match(chr(arg)))
        elif op is _c.IN:
            ok = _class_word_only(arg)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            ok = _word_only(list(arg[2]))
        elif op is _c.SUBPATTERN:
            ok = _word_only(list(arg[-1]))
        elif op is _c.ATOMIC_GROUP:
            ok = _word_only(list(arg))
        elif op is _c.BRANCH:
            ok = all(_word_only(list(b)) for b in arg[1])
        else:  # ANY, NOT_LITERAL, back references, conditionals, anything else
            ok = False
        if not ok:
            return False
    return True


def _class_word_only(members: list[Any]) -> bool:
    for op, arg in members:
        if op is _c.LITERAL:
            if not _WORD_CHAR.match(chr(arg)):
                return False
        elif op is _c.RANGE:
            lo, hi = arg
            if hi - lo > _MAX_RANGE or not all(_WORD_CHAR.match(chr(x))
                                                for x in range(lo, hi + 1)):
                return False
        elif op is _c.CATEGORY:
            if arg not in (_c.CATEGORY_WORD, _c.CATEGORY_DIGIT):
                return False
        else:  # NEGATE and anything else
            return False
    return True


def _bound_assertions(items: list[Any]) -> bool:
    """Whether the only assertions are ``\\b``/``\\B`` and there are no back references."""
    for op, arg in items:
        if op is _c.AT:
            if arg not in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.GROUPREF, _c.GROUPREF_EXISTS):
            return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _bound_assertions(list(arg[2])):
                return False
        elif op is _c.SUBPATTERN:
            if not _bound_assertions(list(arg[-1])):
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _bound_assertions(list(arg)):
                return False
        elif op is _c.BRANCH and not all(_bound_assertions(list(b)) for b in arg[1]):
            return False
    return True


def _min_length(items: list[Any]) -> int:
    total = 0
    for op, arg in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
            total += 1
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            total += arg[0] * _min_length(list(arg[2]))
        elif op is _c.SUBPATTERN:
            total += _min_length(list(arg[-1]))
        elif op is _c.ATOMIC_GROUP:
            total += _min_length(list(arg))
        elif op is _c.BRANCH:
            total += min(_min_length(list(b)) for b in arg[1])
    return total


def _char(code: int) -> str:
    return f"\\U{code:08x}"


_CATEGORIES = {"CATEGORY_WORD": "\\w", "CATEGORY_DIGIT": "\\d", "CATEGORY_NOT_WORD": "\\W",
               "CATEGORY_SPACE": "\\s"}


def _unparse(items: list[Any]) -> str:
    """The pattern text of word-only ``items`` (groups do not capture; assertions left out)."""
    out = []
    for op, arg in items:
        if op is _c.LITERAL:
            out.append(_char(arg))
        elif op is _c.IN:
            inner = []
            for member, value in arg:
                if member is _c.LITERAL:
                    inner.append(_char(value))
                elif member is _c.RANGE:
                    inner.append(f"{_char(value[0])}-{_char(value[1])}")
                else:
                    inner.append(_CATEGORIES[str(value)])
            out.append("[" + "".join(inner) + "]")
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, body = arg
            most = "" if hi is _c.MAXREPEAT else str(hi)
            lazy = "?" if op is _c.MIN_REPEAT else "+" if op is _c.POSSESSIVE_REPEAT else ""
            out.append(f"(?:{_unparse(list(body))}){{{lo},{most}}}{lazy}")
        elif op is _c.SUBPATTERN:
            _, add, remove, body = arg
            on = "".join(letter for flag, letter in _FLAG_LETTERS if add & flag)
            off = "".join(letter for flag, letter in _FLAG_LETTERS if remove & flag)
            out.append(f"(?{on}{'-' + off if off else ''}:{_unparse(list(body))})")
        elif op is _c.ATOMIC_GROUP:
            out.append(f"(?>{_unparse(list(arg))})")
        elif op is _c.BRANCH:
            out.append("(?:" + "|".join(_unparse(list(b)) for b in arg[1]) + ")")
        elif op not in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            raise ValueError(f"not word-only: {op}")
    return "".join(out)


@dataclass(frozen=True)
class EndAnchor:
    """An expression that can only match at the end of the text: it ends with ``\\Z``, or with
    ``$`` without multi-line mode (then also just before a final line break). ``last``: when
    known, what the last character of any match must match."""

    dollar: bool
    last: re.Pattern[str] | None


def end_anchor(pattern: re.Pattern[str]) -> EndAnchor | None:
    """The expression's ``EndAnchor``, or None when it can match elsewhere."""
    if _parser is None or pattern.flags & re.MULTILINE:
        return None
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        if not items or items[-1][0] is not _c.AT \
                or items[-1][1] not in (_c.AT_END, _c.AT_END_STRING):
            return None
        last = None
        if len(items) >= 2:
            op, arg = items[-2]
            if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] >= 1 \
                    and len(arg[2]) == 1:
                op, arg = arg[2][0]
            if op in (_c.LITERAL, _c.IN) and (op is _c.LITERAL or all(
                    member in (_c.LITERAL, _c.RANGE, _c.CATEGORY, _c.NEGATE)
                    for member, _ in arg)):
                last = re.compile(_one(op, arg), pattern.flags & ~re.VERBOSE)
        return EndAnchor(items[-1][1] is _c.AT_END, last)
    except Exception:  # noqa: BLE001 - a private module's shape: no shortcut
        return None


_ALL_CATEGORIES = {**_CATEGORIES, "CATEGORY_NOT_DIGIT": "\\D", "CATEGORY_NOT_SPACE": "\\S"}


def _one(op: Any, arg: Any) -> str:
    """The pattern text of one character item (a literal or a class)."""
    if op is _c.LITERAL:
        return _char(arg)
    inner = []
    for member, value in arg:
        if member is _c.NEGATE:
            inner.append("^")
        elif member is _c.LITERAL:
            inner.append(_char(value))
        elif member is _c.RANGE:
            inner.append(f"{_char(value[0])}-{_char(value[1])}")
        else:
            inner.append(_ALL_CATEGORIES[str(value)])
    return "[" + "".join(inner) + "]"


def has_hit_at_end(pattern: re.Pattern[str], anchor: EndAnchor, text: str) -> bool:
    """``has_hit`` for an expression with an ``EndAnchor``: the last character is checked
    first, then the text is searched from near its end, further back only when needed."""
    end = len(text) - 1 if anchor.dollar and text.endswith("\n") else len(text)
    if anchor.last is not None:
        if not any(0 <= e - 1 < len(text) and anchor.last.fullmatch(text[e - 1])
                   for e in {end, len(text)}):
            return False
    reach = 256
    while True:
        start = max(0, end - reach)
        m = pattern.search(text, start)
        if m is not None and (m.end() > m.start() or has_hit(pattern, text)):
            return True
        if start == 0:
            return False
        reach *= 16
