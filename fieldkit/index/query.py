"""Reading what a researcher typed into a search: words, phrases, prefixes, OR, -exclude, NEAR,
filters. Any input gives a query: what cannot be read as one is searched as plain words, and the
``note`` says so. The FTS5 expression built here quotes every word, so no input reaches FTS5's
own syntax unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from fieldkit.core.said import Said
from fieldkit.index import regex_terms
from fieldkit.index.words import WORD, Analyser, fold

FILTERS = ("site", "kind", "speaker", "code", "coder", "after", "before", "set", "attr")
KINDS = ("fieldnote", "transcript", "photo", "esm", "memo", "text", "pdf", "code")
OPERATORS = {"OR", "AND", "NOT", "NEAR"}
MAX_NEAR = 100

_FILTER = re.compile(r"^([A-Za-z]+):(.*)$", re.S)
_FUZZY = re.compile(r"^(.*[^~])~(\d*)$", re.S)



class Lexicon(Protocol):
    """The index's vocabulary, for fuzzy and ``/…/`` terms (``fuzzy_terms.Vocabulary``)."""

    def similar(self, word: str, edits: int) -> list[str]: ...

    def narrowed(self, pattern: re.Pattern[str]) -> tuple[str, bool]: ...
_FILTER_ANYWHERE = re.compile(
    r'(?<!\S)-?(' + "|".join(FILTERS) + r')\s?:\s?("[^"]*"|[^\s()"]+)', re.I)


class QuerySyntax(Exception):
    """The input is not a well-formed query; the message says why, in plain words."""


@dataclass(frozen=True)
class Leaf:
    """One phrase the expression looks for, as the index stores it (for placing hits).

    ``tokens`` are the stored words of ``column`` (``"stems"`` or ``"words"``) in a row;
    ``prefix``: the last one may go on; ``near``: the NEAR group (number, distance) it is in.
    """

    column: str
    tokens: tuple[str, ...]
    prefix: bool = False
    near: tuple[int, int] | None = None


@dataclass
class Query:
    """A parsed search: the FTS5 expression, the filters and what the researcher should know."""

    text: str
    match: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    plain: bool = False  # searched as plain words after a syntax problem
    columns: set[str] = field(default_factory=set)  # index columns the expression uses
    leaves: list[Leaf] = field(default_factory=list)  # phrases looked for (not left out)
    regexes: list[re.Pattern[str]] = field(default_factory=list)  # /…/ terms, all must match
    # nothing but filters was typed (``speaker:kees``): the search lists what they stand for
    filters_only: bool = False


# -- reading the input into tokens -----------------------------------------------------------

Token = tuple  # ("word", raw) ("prefix", raw) ("phrase", raw) ("fuzzy", raw, edits) ("or",)
#               ("and",) ("not",)
#               ("neg",) ("lp",) ("rp",) ("near", [tokens], distance) ("filter", name, value)


def _lex(text: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QuerySyntax(Said("a quotation mark is not closed"))
            body, i = text[i + 1:close], close + 1
            if i < n and text[i] == "*":
                while i < n and text[i] == "*":
                    i += 1
                out.append(("prefix", body))
            else:
                out.append(("phrase", body))
        elif c == "/" and (i == 0 or text[i - 1].isspace() or text[i - 1] in "(-"):
            close = _closing_slash(text, i + 1)
            if close < 0:
                raise QuerySyntax(Said("a '/' (a regular expression) is not closed"))
            out.append(("regex", text[i + 1:close]))
            i = close + 1
        elif c == "(":
            out.append(("lp",))
            i += 1
        elif c == ")":
            out.append(("rp",))
            i += 1
        elif c == "-" and (i == 0 or text[i - 1].isspace() or text[i - 1] == "("):
            if i + 1 >= n or text[i + 1].isspace() or text[i + 1] == ")":
                raise QuerySyntax(Said("a '-' stands on its own"))
            out.append(("neg",))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '()"':
                j += 1
            bare, i = text[i:j], j
            if bare == "NEAR" and i < n and text[i] == "(":
                close = text.find(")", i)
                if close < 0:
                    raise QuerySyntax(Said("NEAR( is not closed"))
                out.append(_near(text[i + 1:close]))
                i = close + 1
            elif bare in ("OR", "AND", "NOT"):
                out.append((bare.lower(),))
            elif m := _FILTER.match(bare):
                name, value = m.group(1).lower(), m.group(2)
                if name not in FILTERS:
                    raise QuerySyntax(Said("there is no filter '{name}:'", name=m.group(1)))
                if not value and i < n and text[i] == '"':
                    close = text.find('"', i + 1)
                    if close < 0:
                        raise QuerySyntax(Said("a quotation mark is not closed"))
                    value, i = text[i + 1:close], close + 1
                elif value[-1:] in ("=", "<", ">", "~") and i < n and text[i] == '"':
                    close = text.find('"', i + 1)  # attr:afdeling="Lasserij Noord"
                    if close < 0:
                        raise QuerySyntax(Said("a quotation mark is not closed"))
                    value, i = value + text[i:close + 1], close + 1
                if not value.strip():
                    raise QuerySyntax(Said("'{name}:' needs a value", name=name))
                out.append(("filter", name, value.strip()))
            elif fuzzy := _FUZZY.match(bare):
                out.append(_fuzzy(fuzzy.group(1), fuzzy.group(2)))
            elif bare.endswith("*"):
                stem = bare.rstrip("*")
                if not stem:
                    raise QuerySyntax(Said("a '*' stands on its own"))
                out.append(("prefix", stem))
            else:
                out.append(("word", bare))
    return out


def _closing_slash(text: str, i: int) -> int:
    """Where the ``/`` closing a regular expression from ``i`` is (``\\/`` does not close)."""
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "/":
            return i
        i += 1
    return -1


def _fuzzy(word: str, edits: str) -> Token:
    if len(WORD.findall(word)) != 1:
        raise QuerySyntax(Said("'{word}~' is not one word (a fuzzy term is one word)",
                               word=word))
    if edits not in ("", "1", "2"):
        raise QuerySyntax(Said("'{word}~{edits}' allows too many edits (~1 or ~2)",
                               word=word, edits=edits))
    return ("fuzzy", word, int(edits or 1))


def _near(inside: str) -> Token:
    terms, _, distance = inside.partition(",")
    size = 10
    if distance.strip():
        if not distance.strip().isdigit():
            raise QuerySyntax(Said("the distance in NEAR(…, N) must be a number"))
        size = min(int(distance.strip()), MAX_NEAR)
    items = [t for t in _lex(terms) if t[0] in ("word", "prefix", "phrase")]
    if len(items) != len(_lex(terms)) or len(items) < 2:
        raise QuerySyntax(Said("NEAR( ) takes two or more words or phrases"))
    return ("near", items, size)


# -- from tokens to an FTS5 expression ---------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[Token], analyser: Analyser, query: Query,
                 lexicon: Lexicon | None = None) -> None:
        self.tokens, self.pos, self.an, self.q = tokens, 0, analyser, query
        self.lexicon = lexicon
        self.negated = 0  # > 0 while reading words to leave out
        self.nears = 0

    def leaf(self, leaf: Leaf) -> None:
        if not self.negated:
            self.q.leaves.append(leaf)

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def all(self, top: bool) -> str | None:
        """A sequence of clauses, all of which must match; exclusions apply to the whole."""
        positive: list[str] = []
        negative: list[str] = []
        while (tok := self.peek()) is not None and tok[0] != "rp":
            if tok[0] == "and":
                self.take()
                continue
            sign, expr = self.any_of()
            if expr is not None:
                (negative if sign else positive).append(expr)
        if not positive:
            if negative:
                if top:
                    self.q.notes.append(Said("A search needs at least one word to look "
                                             "for, not only words to leave out."))
                    return None
                raise QuerySyntax(Said("a group holds only words to leave out"))
            return None
        expr = positive[0] if len(positive) == 1 else "(" + " AND ".join(positive) + ")"
        if negative:
            expr = f"{expr} NOT ({' OR '.join(negative)})"
        return expr

    def any_of(self) -> tuple[bool, str | None]:
        regexes = len(self.q.regexes)
        sign, first = self.unary()
        if (tok := self.peek()) is None or tok[0] != "or":
            return sign, first
        parts = [first]
        while (tok := self.peek()) is not None and tok[0] == "or":
            self.take()
            if self.peek() is None or self.peek()[0] in ("or", "rp", "and"):  # type: ignore[index]
                raise QuerySyntax(Said("OR needs something on both sides"))
            nsign, nxt = self.unary()
            if sign or nsign:
                raise QuerySyntax(Said("OR cannot join words to leave out"))
            parts.append(nxt)
        if len(self.q.regexes) != regexes:
            raise QuerySyntax(Said("a regular expression cannot stand in an OR"))
        kept = [p for p in parts if p is not None]
        if not kept:
            return False, None
        return False, kept[0] if len(kept) == 1 else "(" + " OR ".join(kept) + ")"

    def unary(self) -> tuple[bool, str | None]:
        tok = self.take()
        kind = tok[0]
        regexes = len(self.q.regexes)
        result = self.unary_of(tok)
        if kind in ("neg", "not", "lp") and len(self.q.regexes) != regexes:
            raise QuerySyntax(Said("a regular expression cannot be left out or stand in "
                                   "brackets"))
        return result

    def unary_of(self, tok: Token) -> tuple[bool, str | None]:
        kind = tok[0]
        if kind in ("neg", "not"):
            if self.peek() is None or self.peek()[0] in ("neg", "not", "or", "rp", "and"):  # type: ignore[index]
                raise QuerySyntax(Said("'{word}' needs a word after it",
                                     word="-" if kind == "neg" else "NOT"))
            if self.peek()[0] == "filter":  # type: ignore[index]
                raise QuerySyntax(Said("filters cannot be excluded"))
            self.negated += 1
            try:
                return True, self.unary()[1]
            finally:
                self.negated -= 1
        if kind == "or":
            raise QuerySyntax(Said("OR needs something on both sides"))
        if kind == "lp":
            inner = self.all(top=False)
            if self.peek() is None:
                raise QuerySyntax(Said("a bracket is not closed"))
            self.take()
            return False, inner
        if kind == "filter":
            self.filter(tok[1], tok[2])
            return False, None
        return False, self.term(tok)

    def term(self, tok: Token) -> str | None:
        kind = tok[0]
        if kind == "near":
            found = [p for p in (self.near_part(t) for t in tok[1]) if p]
            parts = [p[0] for p in found]
            self.q.columns.add("stems")
            if len(parts) < 2:
                for _, leaf in found:
                    self.leaf(leaf)
                return parts[0] if parts else None
            self.nears += 1
            for _, leaf in found:
                self.leaf(Leaf(leaf.column, leaf.tokens, leaf.prefix, (self.nears, tok[2])))
            return f"stems : NEAR({' '.join(parts)}, {tok[2]})"
        if kind == "fuzzy":
            return self.fuzzy(tok[1], tok[2])
        if kind == "regex":
            pattern = regex_terms.compile_term(tok[1])
            self.q.regexes.append(pattern)
            return self.lexicon.narrowed(pattern)[0] if self.lexicon is not None \
                else regex_terms.EVERY_ROW
        raw = tok[1]
        words = [self.an.word(w) for w in WORD.findall(raw)]
        words = [w for w in words if w[0]]
        if not words:
            return None
        if kind == "word":
            self.q.columns.add("stems")
            self.leaf(Leaf("stems", tuple(w[1] for w in words)))
            return 'stems : "' + " ".join(w[1] for w in words) + '"'
        self.q.columns.add("words")
        self.leaf(Leaf("words", tuple(w[0] for w in words), kind == "prefix"))
        phrase = '"' + " ".join(w[0] for w in words) + '"'
        return f"words : {phrase} *" if kind == "prefix" else f"words : {phrase}"

    def fuzzy(self, raw: str, edits: int) -> str | None:
        """``word~``: an OR of the index's words within ``edits`` of it (the word itself
        when nothing is known about the vocabulary)."""
        folded = self.an.word(raw)[0]
        if not folded:
            return None
        found = self.lexicon.similar(folded, edits) if self.lexicon is not None else []
        words = found or [folded]
        self.q.columns.add("words")
        for w in words:
            self.leaf(Leaf("words", (w,)))
        return "words : (" + " OR ".join(f'"{w}"' for w in words) + ")"

    def near_part(self, tok: Token) -> tuple[str, Leaf] | None:
        words = [self.an.word(w) for w in WORD.findall(tok[1])]
        words = [w for w in words if w[0]]
        if not words:
            return None
        if tok[0] == "prefix":
            folded = tuple(w[0] for w in words)
            return '"' + " ".join(folded) + '" *', Leaf("stems", folded, True)
        stems = tuple(w[1] for w in words)
        return '"' + " ".join(stems) + '"', Leaf("stems", stems)

    def filter(self, name: str, value: str) -> None:
        if name == "kind":
            kind = value.lower()
            if kind not in KINDS:
                self.q.notes.append(Said("'{value}' is not a kind ({kinds}); the kind filter "
                                         "was left out.", value=value, kinds=", ".join(KINDS)))
                return
            value = kind
        elif name in ("after", "before"):
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                self.q.notes.append(Said("'{value}' is not a date (YYYY-MM-DD); the {name}: "
                                         "filter was left out.", value=value, name=name))
                return
        self.q.filters.setdefault(name, []).append(value)


def parse(text: str, analyser: Analyser, lexicon: Lexicon | None = None) -> Query:
    """Read a query; never raises for any input (see the module docstring) but ``BadRegex``
    for a ``/…/`` term that is not a regular expression. ``lexicon`` expands fuzzy terms
    (``word~``) and narrows ``/…/`` terms through the index's vocabulary."""
    query = Query(text)
    try:
        tokens = _lex(text)
        query.filters_only = bool(tokens) and all(t[0] == "filter" for t in tokens)
        parser = _Parser(tokens, analyser, query, lexicon)
        query.match = parser.all(top=True)
        if parser.peek() is not None:
            raise QuerySyntax(Said("a closing bracket has no opening one"))
    except QuerySyntax as problem:
        return plain(text, analyser, problem.args[0])
    except (RecursionError, IndexError):
        return plain(text, analyser, Said("the query is nested too deeply"))
    return query


def plain(text: str, analyser: Analyser, reason: str) -> Query:
    """The input as plain words that must all occur (well-formed filters are kept)."""
    query = Query(text, plain=True)
    parser = _Parser([], analyser, query)
    rest = text
    for m in _FILTER_ANYWHERE.finditer(text):
        if m.group(0).startswith("-"):
            continue
        value = m.group(2).strip('"').strip()
        if value:
            parser.filter(m.group(1).lower(), value)
            rest = rest.replace(m.group(0), " ", 1)
    words = [w for w in WORD.findall(rest) if w not in OPERATORS]
    folded = [analyser.word(w) for w in words]
    stems = [s for f, s in folded if f]
    shown = " ".join(w for w, (f, _) in zip(words, folded, strict=True) if f)
    if stems:
        query.match = " AND ".join(f'stems : "{s}"' for s in stems)
        query.columns.add("stems")
        query.leaves = [Leaf("stems", (s,)) for s in stems]
        query.notes.insert(0, Said("Searched for the plain words {shown}: {reason}.",
                                   shown=shown, reason=reason))
    else:
        query.notes.insert(0, Said("There were no words to search for ({reason}).",
                                   reason=reason))
    return query


__all__ = ["FILTERS", "KINDS", "Leaf", "Query", "QuerySyntax", "parse", "plain", "fold"]
