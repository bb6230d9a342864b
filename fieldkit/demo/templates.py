"""Sentence templates with slots and alternatives, e.g. ``{Toen|Laatst} liet {colleague} ...``.

``{name}`` fills a slot from a bank; ``{a|b|c}`` picks one alternative (alternatives may nest and
may hold slots; an empty alternative makes a word optional). Templates are compiled once.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

_SLOT = re.compile(r"^[a-zA-Z]+$")

# A compiled template is a tuple of parts: a literal str, a slot name (a 1-tuple),
# or a choice (a list of compiled alternatives).
Part = str | tuple[str] | list["Compiled"]
Compiled = tuple[Part, ...]


class TemplateError(ValueError):
    pass


def compile_template(source: str) -> Compiled:
    parts, pos = _parse_seq(source, 0, top=True)
    if pos != len(source):
        raise TemplateError(f"unbalanced braces in template: {source!r}")
    return tuple(parts)


def _parse_seq(s: str, pos: int, top: bool) -> tuple[list[Part], int]:
    parts: list[Part] = []
    literal: list[str] = []
    while pos < len(s):
        ch = s[pos]
        if ch == "{":
            if literal:
                parts.append("".join(literal))
                literal = []
            group, pos = _parse_group(s, pos + 1)
            parts.append(group)
            continue
        if ch in "|}":
            if top:
                raise TemplateError(f"stray {ch!r} in template: {s!r}")
            break
        literal.append(ch)
        pos += 1
    if literal:
        parts.append("".join(literal))
    return parts, pos


def _parse_group(s: str, pos: int) -> tuple[Part, int]:
    alternatives: list[Compiled] = []
    while True:
        seq, pos = _parse_seq(s, pos, top=False)
        alternatives.append(tuple(seq))
        if pos >= len(s):
            raise TemplateError(f"unclosed brace in template: {s!r}")
        if s[pos] == "}":
            pos += 1
            break
        pos += 1  # "|"
    if len(alternatives) == 1:
        only = alternatives[0]
        if len(only) == 1 and isinstance(only[0], str) and _SLOT.match(only[0]):
            return (only[0],), pos
    return alternatives, pos


def render(template: Compiled, slots: Mapping[str, Sequence[str]], rng: random.Random) -> str:
    """A finished sentence: alternatives picked, slots filled, spacing tidied, capitalised."""
    out: list[str] = []
    _render_into(template, slots, rng, out)
    text = "".join(out)
    if "  " in text:
        text = " ".join(text.split())
    text = text.replace(" ,", ",").replace(" .", ".").strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def _render_into(
    template: Compiled, slots: Mapping[str, Sequence[str]], rng: random.Random, out: list[str]
) -> None:
    for part in template:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, tuple):
            values = slots.get(part[0])
            if not values:
                raise TemplateError(f"no values for slot {part[0]!r}")
            out.append(values[rng.randrange(len(values))])
        else:
            _render_into(part[rng.randrange(len(part))], slots, rng, out)
