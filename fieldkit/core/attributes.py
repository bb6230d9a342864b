"""Attributes (variables) of cases and documents: their types, their values and conditions on them.

An attribute has one of five types: ``text``, ``number``, ``date``, ``boolean`` or ``choice``
(a closed list). A stored value is typed: numbers are ``int`` or ``float``, booleans ``bool``,
dates ISO ``"YYYY-MM-DD"`` strings, text and choices ``str``; no value is no key at all.

``parse_value`` turns what a researcher typed, pasted or imported into a stored value (or says in
one line why it cannot), ``infer_type`` guesses a column's type from its raw values, and
``parse_condition`` reads the small condition language used to filter by attribute values::

    afdeling = Lasserij and jaren_in_dienst < 5
    (ploeg = vroeg or ploeg = laat) and not leerling = ja
    functie ~ "operator"          (~ is "contains", case-insensitive)

``and``/``or``/``not`` may also be written in Dutch (``en``/``of``/``niet``). Names and values
may be quoted; bare ones may hold spaces (``afdeling = Lasserij Noord``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, Union

from fieldkit.core.errors import BadInput

T = TypeVar("T")
TYPES = ("text", "number", "date", "boolean", "choice")
Value = Union[str, int, float, bool]  # noqa: UP007 — a runtime alias, also used in isinstance

TRUE_WORDS = frozenset({"yes", "ja", "true", "waar", "y", "j", "1"})
FALSE_WORDS = frozenset({"no", "nee", "false", "onwaar", "n", "0"})
MAX_CHOICES = 12  # a column with more distinct values is text, not a closed list
MAX_CHOICE_LENGTH = 40

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")


class ConditionError(BadInput):
    """A condition that cannot be used, with what a translated message needs: ``kind`` is
    ``unreadable``, ``unknown`` (``name``), ``value`` (``name``, ``value``, ``type``) or
    ``operator`` (``name``, ``op``)."""

    def __init__(self, message: str, kind: str, **facts: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.facts = facts


@dataclass(slots=True)
class Attribute:
    """A typed attribute definition; ``choices`` only matter for the ``choice`` type."""

    id: int
    uuid: str
    name: str
    type: str
    choices: list[str] = field(default_factory=list)
    position: int = 0


def check_type(type_: str) -> str:
    """The type itself, or BadInput naming the types there are."""
    if type_ not in TYPES:
        raise BadInput(f"Unknown attribute type '{type_}'; use {', '.join(TYPES)}.")
    return type_


def parse_value(name: str, type_: str, raw: object,
                choices: Sequence[str] = ()) -> Value | None:
    """The stored value for ``raw`` (text typed or pasted, or a cell read from a table) as an
    attribute ``name`` of type ``type_``; None for a blank (no value). BadInput, one line, when
    ``raw`` is not of that type."""
    check_type(type_)
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
    try:
        if type_ == "number":
            return _number(raw)
        if type_ == "date":
            return _date(raw)
        if type_ == "boolean":
            return _boolean(raw)
    except ValueError:
        shown = raw if isinstance(raw, str) else display(raw)  # type: ignore[arg-type]
        raise BadInput(f"'{shown}' is not a {_TYPE_WORDS[type_]} "
                       f"(attribute {name}).") from None
    text = raw if isinstance(raw, str) else display(_plain(raw))
    if type_ == "choice" and choices:
        for choice in choices:
            if choice.casefold() == text.casefold():
                return choice
        raise BadInput(f"'{text}' is not one of the choices of attribute {name} "
                       f"({', '.join(choices)}).")
    return text


_TYPE_WORDS = {"number": "number", "date": "date (write 2024-03-01 or 1-3-2024)",
               "boolean": "yes/no value"}


def display(value: Value | None) -> str:
    """A stored value as text: ``""`` for none, ``yes``/``no``, numbers without a needless
    ``.0``, dates as stored."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def infer_type(raws: Sequence[str]) -> tuple[str, list[str]]:
    """The type of a column of raw values (blanks ignored) and, for ``choice``, its distinct
    values sorted: all numbers → number, all dates (without times of day) → date, all yes/no
    words → boolean, at most twelve distinct short values that repeat → choice, anything else
    → text."""
    given = [r.strip() for r in raws if isinstance(r, str) and r.strip()]
    if not given:
        return "text", []
    once = list(dict.fromkeys(given))  # parsing is a function of the text: each text once
    for type_, parse in (("number", _number), ("date", _day), ("boolean", _boolean)):
        if _all_parse(once, parse):
            return type_, []
    distinct: dict[str, str] = {}
    for value in given:
        distinct.setdefault(value.casefold(), value)
    if (len(distinct) <= MAX_CHOICES and len(given) > len(distinct)
            and all(len(v) <= MAX_CHOICE_LENGTH for v in distinct.values())):
        return "choice", sorted(distinct.values(), key=str.casefold)
    return "text", []


def _all_parse(values: list[str], parse: object) -> bool:
    try:
        for value in values:
            parse(value)  # type: ignore[operator]
    except ValueError:
        return False
    return True


def _plain(raw: object) -> Value:
    if isinstance(raw, (bool, int, float, str)):
        return raw
    if isinstance(raw, (dt.date, dt.datetime)):
        return _date(raw)
    return str(raw)


def _number(raw: object) -> int | float:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueError(raw)
        return int(raw) if raw.is_integer() and abs(raw) < 1e15 else raw
    text = str(raw).strip().replace("\u2212", "-")
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")  # a Dutch decimal comma
    if not _NUMBER.fullmatch(text):
        raise ValueError(raw)
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(raw)
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return number


def _day(raw: str) -> str:
    """A date without a time of day (a column of moments is text: its times would be lost)."""
    if re.search(r"\d:\d\d", raw):
        raise ValueError(raw)
    return _date(raw)


def _date(raw: object) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if not isinstance(raw, str):
        raise ValueError(raw)
    text = raw.strip()
    if found := _ISO_DATE.fullmatch(text):
        year, month, day = (int(x) for x in found.groups())
    elif found := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(x) for x in found.groups())
    else:
        raise ValueError(raw)
    return dt.date(year, month, day).isoformat()  # ValueError for 31-2-2024


def _boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    word = str(raw).strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(raw)


# -- conditions ----------------------------------------------------------------------------------

OPERATORS = ("<=", ">=", "!=", "=", "<", ">", "~")
_KEYWORDS = {"and": "and", "en": "and", "or": "or", "of": "or", "not": "not", "niet": "not"}
_TOKEN = re.compile(r"""\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(<=|>=|!=|=|<|>|~)|([()])
                        |((?:[^\s()=<>!~"']|!(?!=))+))""", re.VERBOSE)


@dataclass(slots=True)
class _Token:
    kind: str  # "word", "quoted", "op", "paren"
    text: str


@dataclass(slots=True)
class Comparison:
    """``name op value`` — one test of one attribute."""

    name: str
    op: str
    value: str

    def names(self) -> set[str]:
        return {self.name}

    def check(self, types: Mapping[str, str]) -> None:
        type_ = lookup(types, self.name)
        if type_ is None:
            known = ", ".join(sorted(types, key=str.casefold)) or "none yet"
            raise ConditionError(f"Unknown attribute '{self.name}' in the condition "
                                 f"(attributes: {known}).", "unknown", name=self.name)
        if type_ == "boolean" and self.op not in ("=", "!="):
            raise ConditionError(f"A yes/no attribute ({self.name}) takes = or !=, not "
                                 f"{self.op}.", "operator", name=self.name, op=self.op)
        if self.op != "~":
            self._operand(type_)

    def matches(self, values: Mapping[str, Value], types: Mapping[str, str]) -> bool:
        value = lookup(values, self.name)
        if value is None:
            return self.op == "!="
        if self.op == "~":
            return self.value.casefold() in display(value).casefold()
        type_ = lookup(types, self.name) or "text"
        wanted = self._operand(type_)
        if type_ in ("text", "choice") or not _same_kind(value, wanted):
            return _compare(display(value).casefold(), self.op, display(wanted).casefold())
        return _compare(value, self.op, wanted)

    def _operand(self, type_: str) -> Value:
        if type_ in ("text", "choice"):
            return self.value
        try:
            found = parse_value(self.name, type_, self.value)
        except BadInput as exc:
            raise ConditionError(str(exc), "value", name=self.name, value=self.value,
                                 type=type_) from None
        if found is None:
            raise ConditionError(f"The condition on {self.name} has no value.", "unreadable")
        return found


def _same_kind(a: Value, b: Value) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    numbers = (int, float)
    return (isinstance(a, numbers) and isinstance(b, numbers)) or (
        isinstance(a, str) and isinstance(b, str))


def _compare(have: object, op: str, wanted: object) -> bool:
    if op == "=":
        return have == wanted
    if op == "!=":
        return have != wanted
    try:
        if op == "<":
            return have < wanted  # type: ignore[operator]
        if op == "<=":
            return have <= wanted  # type: ignore[operator]
        if op == ">":
            return have > wanted  # type: ignore[operator]
        return have >= wanted  # type: ignore[operator]
    except TypeError:
        return False


@dataclass(slots=True)
class Junction:
    """``and``/``or`` of several parts, or ``not`` of one."""

    how: str  # "and", "or", "not"
    parts: list[Condition]

    def names(self) -> set[str]:
        return set().union(*(p.names() for p in self.parts))

    def check(self, types: Mapping[str, str]) -> None:
        for part in self.parts:
            part.check(types)

    def matches(self, values: Mapping[str, Value], types: Mapping[str, str]) -> bool:
        if self.how == "not":
            return not self.parts[0].matches(values, types)
        found = (p.matches(values, types) for p in self.parts)
        return all(found) if self.how == "and" else any(found)


Condition = Union[Comparison, Junction]  # noqa: UP007


def parse_condition(text: str) -> Condition:
    """The condition written in ``text`` (see the module docstring); BadInput, one line, when it
    cannot be read. Call ``check(types)`` on the result to have unknown names and values of the
    wrong type refused before matching."""
    tokens = _tokens(text)
    if not tokens:
        raise ConditionError("The condition is empty; write e.g. afdeling = Lasserij.",
                             "unreadable")
    reader = _Reader(tokens, text)
    found = reader.either()
    if reader.at < len(tokens):
        raise ConditionError(f"Cannot read the condition '{text.strip()}' from "
                             f"'{tokens[reader.at].text}' on.", "unreadable")
    return found


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    at = 0
    while at < len(text):
        if text[at:].strip() == "":
            break
        match = _TOKEN.match(text, at)
        if not match or match.end() == at:
            raise ConditionError(f"Cannot read the condition '{text.strip()}' at "
                                 f"'{text[at:].strip()[:20]}'.", "unreadable")
        quoted, op, paren, word = match.groups()
        if quoted is not None:
            body = re.sub(r"\\(.)", r"\1", quoted[1:-1])
            found.append(_Token("quoted", body))
        elif op is not None:
            found.append(_Token("op", op))
        elif paren is not None:
            found.append(_Token("paren", paren))
        else:
            found.append(_Token("word", word))
        at = match.end()
    return found


class _Reader:
    """A recursive-descent reader: either := both (or both)*; both := single (and single)*;
    single := not single | ( either ) | name op value."""

    def __init__(self, tokens: list[_Token], text: str) -> None:
        self.tokens, self.text, self.at = tokens, text.strip(), 0

    def keyword(self) -> str | None:
        if self.at < len(self.tokens) and self.tokens[self.at].kind == "word":
            return _KEYWORDS.get(self.tokens[self.at].text.casefold())
        return None

    def either(self) -> Condition:
        parts = [self.both()]
        while self.keyword() == "or":
            self.at += 1
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else Junction("or", parts)

    def both(self) -> Condition:
        parts = [self.single()]
        while self.keyword() == "and":
            self.at += 1
            parts.append(self.single())
        return parts[0] if len(parts) == 1 else Junction("and", parts)

    def single(self) -> Condition:
        if self.keyword() == "not":
            self.at += 1
            return Junction("not", [self.single()])
        if self._is("paren", "("):
            self.at += 1
            inner = self.either()
            if not self._is("paren", ")"):
                raise ConditionError(f"A '(' is not closed in the condition '{self.text}'.",
                                     "unreadable")
            self.at += 1
            return inner
        return self.comparison()

    def comparison(self) -> Comparison:
        name = self._words("a name")
        if self.at >= len(self.tokens) or self.tokens[self.at].kind != "op":
            raise ConditionError(f"Expected one of {' '.join(OPERATORS)} after '{name}' in "
                                 f"the condition '{self.text}'.", "unreadable")
        op = self.tokens[self.at].text
        self.at += 1
        return Comparison(name, op, self._words("a value"))

    def _words(self, what: str) -> str:
        if self.at < len(self.tokens) and self.tokens[self.at].kind == "quoted":
            self.at += 1
            return self.tokens[self.at - 1].text
        words: list[str] = []
        while (self.at < len(self.tokens) and self.tokens[self.at].kind == "word"
               and self.keyword() is None):
            words.append(self.tokens[self.at].text)
            self.at += 1
        if not words:
            shown = self.tokens[self.at].text if self.at < len(self.tokens) else "the end"
            raise ConditionError(f"Expected {what} before '{shown}' in the condition "
                                 f"'{self.text}'.", "unreadable")
        return " ".join(words)

    def _is(self, kind: str, text: str) -> bool:
        return (self.at < len(self.tokens) and self.tokens[self.at].kind == kind
                and self.tokens[self.at].text == text)


def lookup(mapping: Mapping[str, T], name: str) -> T | None:
    """``mapping[name]``, else the value of the key equal to ``name`` without regard to case
    (attribute names are compared that way everywhere); None when there is none."""
    if name in mapping:
        return mapping[name]
    folded = name.casefold()
    for key, value in mapping.items():
        if key.casefold() == folded:
            return value
    return None
