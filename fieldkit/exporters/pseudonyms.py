"""Replacing real names by pseudonyms in exported text, pictures and file names.

The key (which name belongs to which pseudonym) stays in the project: only the replaced text goes
into the file. A participant's full name maps to the pseudonym, the given name alone to the
pseudonym's given name and the surname (with its particles) to the pseudonym's surname:
"Monique van der Meer" → "Kees Verhoeven", "Monique" → "Kees", "Van der Meer" → "Verhoeven",
"Van der Meer, Monique" → "Verhoeven, Kees". "Meer" alone is left (mostly it is the Dutch word);
particles ("van", "de", "der") are never replaced on their own; name parts match only when
written as names (each word capitalised, or all capitals), so "meer", "wit" and "jong" stay. A
part shared by two participants becomes "[name]". Extra terms (``--term "Jan Bakker=P1"``) are
names too: their parts and the surname-first order are replaced the same way.

Full names match in any case, without regard to accents ("José" = "Jose"), across line breaks
("Jan⏎Bakker") and in the forms people and file names use: joined ("JanBakker", "jan_bakker",
"Jan-Bakker", "jan.bakker": the pseudonym is joined the same way, "P1" or "Kees_Verhoeven"), and
possessive: "Jan Bakker's" → "P1's", Dutch "Jan Bakkers fiets" → "P1's fiets" (Dutch writes the
apostrophe after a digit, capital or vowel: "Kees Verhoevens", "Anna's", "P1's"; after s, x or
z only the apostrophe: "Kees'"). The longest match wins ("Jan Smit" before "Jan"), on whole words
only ("Jan" does not touch "januari"; a capital inside a word starts a new one, "interviewJan"),
in one pass (a pseudonym is never replaced again).

What is left is reported, not exported silently (``Pseudonymiser.warnings``): a given name
still written anywhere (in any case), a surname or short name part written as a name (or in
small letters inside an e-mail address or file name, "bakker@pers.nl"), and close variants
written as names ("Bakkertje", "Bakkker": one letter off, or the name with a short ending).
Writers say where they are (``with masker.at("the chart 'Codes by site'"):``) so each warning
names the places of the export it was found in.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from fieldkit.project import Project

MIN_PART = 3
# Dutch surname particles (tussenvoegsels): part of a surname, never a name on their own.
PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "op", "in", "'t",
                       "v.d.", "vd", "la", "le", "du", "da", "von", "zu", "el", "al"})
AMBIGUOUS = "[name]"
PREFIX = 3  # candidates are found by the first letters of their first word
# Between the words of a name: white space (line breaks too), or the joins of file names.
_JOIN = r"(\s+|[_.\-]|)"
_APOSTROPHES = ("'", "\u2019")
_RUN = re.compile(r"[^\W_]+")  # letters and digits: "Jan_Bakker" is two runs
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
# Where a word starts: after anything but a letter or digit, or at a capital after a small
# letter ("interviewJan").
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]|(?<=[a-zà-ÿ])[A-ZÀ-Þ]")


class _Fold(dict[int, str]):
    """``str.translate`` table: each character in lower case without accents, one for one (so
    positions in the folded text are positions in the text)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch)
                       if not unicodedata.combining(c)).lower()
        folded = base if len(base) == 1 else (ch.lower() if len(ch.lower()) == 1 else ch)
        self[code] = folded
        return folded


_FOLD = _Fold()


def fold(text: str) -> str:
    """``text`` in lower case without accents, as long as ``text``."""
    return text.translate(_FOLD)


class _Key:
    """One name (a term or a part) to find: its folded words and a pattern over folded text."""

    __slots__ = ("key", "words", "groups", "joins", "pattern", "replacement", "as_name")

    def __init__(self, key: str, replacement: str, as_name: bool) -> None:
        self.key = key
        self.replacement = replacement
        self.as_name = as_name  # a name part: only when written as a name
        comma = key.split(", ", 1)
        self.words = [w for piece in comma for w in piece.split()]
        if len(comma) == 2:  # "bakker, jan": only with its comma
            body = r"\s+".join(f"({re.escape(w)})" for w in comma[0].split()) + r"\s*,\s*" + \
                r"\s+".join(f"({re.escape(w)})" for w in comma[1].split())
            self.groups = list(range(1, len(self.words) + 1))
            self.joins: list[int] = []
        else:
            body = _JOIN.join(f"({re.escape(w)})" for w in self.words)
            self.groups = list(range(1, 2 * len(self.words), 2))
            self.joins = list(range(2, 2 * len(self.words) - 1, 2))
        self.pattern = re.compile(body)


def _possessive(replacement: str, written: str) -> str:
    """The pseudonym with the possessive the text wrote ("'s", "’s" or Dutch "s")."""
    if written[:1] in _APOSTROPHES:
        return replacement + written
    last = replacement[-1:]
    if last in "sxz":
        return replacement + "'"
    if last.isalpha() and last.islower() and last not in "aeiouy":
        return replacement + "s"
    return replacement + "'s"


class Pseudonymiser:
    """Callable: text in, the same text with every known name replaced.

    ``terms`` match in any letter case; ``parts`` (single name parts) only written as names;
    both across any white space, joined and possessive. ``watch`` holds name words to report
    when they are left in the text (lower-case: in any case; otherwise written as a name).
    """

    def __init__(self, terms: Mapping[str, str], parts: Mapping[str, str] | None = None,
                 watch: Iterable[str] = ()) -> None:
        self.terms = {_spaced(k): v for k, v in terms.items() if k.strip()}
        keys: dict[str, _Key] = {}
        for name, replacement in (parts or {}).items():
            if name.strip():
                keys[fold(_spaced(name))] = _Key(fold(_spaced(name)), replacement, True)
        for name, replacement in self.terms.items():
            keys[fold(name)] = _Key(fold(name), replacement, False)
        # Candidates by the first letters of their first word, longest first: a few dictionary
        # look-ups per word of text instead of one expression with hundreds of alternatives.
        self._by_prefix: dict[str, list[_Key]] = {}
        self._short: dict[str, list[_Key]] = {}  # first word shorter than PREFIX ("Li Wei")
        for key in keys.values():
            if key.words:
                first = key.words[0]
                into = self._by_prefix if len(first) >= PREFIX else self._short
                into.setdefault(first[:PREFIX], []).append(key)
        self._short_first = {key[0] for key in self._short}
        for candidates in (*self._by_prefix.values(), *self._short.values()):
            candidates.sort(key=lambda k: (-len(k.key), k.key))
        self._any_case = {w for w in watch if w == w.lower()}
        self._as_name = {fold(w) for w in watch if w != w.lower()}
        self._near = _variants({*self._any_case, *self._as_name})
        # a surname in small letters is mostly a word ("bakker", "visser"), but not in an
        # e-mail address or file name
        self._lower_surnames = {w for w in self._as_name if len(w) >= MIN_PART}
        self._verdicts: dict[str, str | None] = {}
        self._runs: dict[str, list[tuple[str, str]]] = {}  # a run of letters → names in it
        self._texts: dict[str, tuple[str, Moves]] = {}  # whole texts excerpts were cut from
        self.place = ""
        # name word → [(where, the text around it)] for each time it was left
        self.left: dict[str, list[tuple[str, str]]] = {}
        self.close: dict[str, str] = {}  # a word left that is close to a name → that name
        # Asked for by the user (``masker_for``), even with no name to replace: photos then
        # leave without their metadata (``photo_metadata``).
        self.pseudonymised = bool(self)

    @classmethod
    def none(cls) -> Pseudonymiser:
        """A pseudonymiser that replaces nothing (an export without pseudonyms)."""
        return cls({})

    @classmethod
    def for_project(cls, project: Project, extra: Mapping[str, str]) -> Pseudonymiser:
        """Participants' real names (stored with their pseudonyms) and ``extra`` terms."""
        names: dict[str, str] = {}
        for person in project.participants():
            name = _spaced(person.name)
            if name and name.casefold() != person.pseudonym.casefold():
                names[name] = person.pseudonym
        for name, pseudonym in extra.items():
            if not name.strip() or not pseudonym.strip():
                raise BadInput(f"'{name}={pseudonym}' is not a term; use NAME=PSEUDONYM.")
            names[_spaced(name)] = _spaced(pseudonym)
        terms: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        watch: set[str] = set()
        for name, pseudonym in names.items():
            terms[name] = pseudonym
            reverse = _surname_first(name, pseudonym)
            if reverse is not None:
                terms[reverse[0]] = reverse[1]
            for part, replacement in _name_parts(name, pseudonym):
                parts.setdefault(part, set()).add(replacement)
            given, *surname = name.split()
            watch.add(given.lower())  # a given name is reported in any case
            watch.update(w[0].upper() + w[1:] for w in surname
                         if w.casefold() not in PARTICLES)
        # A name part shared by two participants cannot say who is meant.
        single = {part: (found.pop() if len(found) == 1 else AMBIGUOUS)
                  for part, found in parts.items()}
        return cls(terms, single, watch)

    def __bool__(self) -> bool:
        return bool(self._by_prefix or self._short)

    @contextmanager
    def at(self, place: str) -> Iterator[None]:
        """Name the part of the export being written, for the warnings."""
        before, self.place = self.place, place
        try:
            yield
        finally:
            self.place = before

    def __call__(self, text: str) -> str:
        return self.replace(text)[0] if self and text else text

    def replace(self, text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
        """The replaced text and each replacement as (start, end) in ``text`` and (start, end)
        in the result, in order — to move positions that count in the text (REFI-QDA)."""
        if not self or not text:
            return text, []
        folded = fold(text)
        out: list[str] = []
        spans: list[tuple[int, int, int, int]] = []
        done = written = 0
        by_prefix, short = self._by_prefix, self._short_first
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < done or (folded[start:start + PREFIX] not in by_prefix
                                and folded[start] not in short):
                continue
            found = self._match(text, folded, start)
            if found is None:
                continue
            end, replacement = found
            out.append(text[done:start])
            written += start - done
            out.append(replacement)
            spans.append((start, end, written, written + len(replacement)))
            written += len(replacement)
            done = end
        out.append(text[done:])
        result = "".join(out)
        self._scan(result, spans)
        return result, spans

    def excerpt(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` as it reads in the replaced ``text``: a name the excerpt starts
        or ends inside is replaced whole, not left in halves ("Jan Bak|ker" → "P1")."""
        if not self or not text:
            return text[start:end]
        cached = self._texts.get(text)
        if cached is None:
            place, left, close = self.place, self.left, self.close
            self.left, self.close = {}, {}  # what is left outside the excerpt is not reported
            try:
                replaced, spans = self.replace(text)
            finally:
                self.place, self.left, self.close = place, left, close
            cached = self._texts[text] = (replaced, Moves(spans))
        replaced, moves = cached
        piece = replaced[moves(start):moves(end, end=True)]
        self._scan(piece, [])
        return piece

    def _candidates(self, folded: str, start: int) -> list[_Key]:
        found = self._by_prefix.get(folded[start:start + PREFIX], [])
        if folded[start] in self._short_first:
            short = [k for n in range(1, PREFIX) for k in self._short.get(folded[start:start + n],
                                                                          ())]
            if short:
                found = sorted([*found, *short], key=lambda k: (-len(k.key), k.key))
        return found

    def _match(self, text: str, folded: str, start: int) -> tuple[int, str] | None:
        for key in self._candidates(folded, start):
            found = key.pattern.match(folded, start)
            if found is None:
                continue
            end = found.end()
            if not _boundary(text, end):
                # a possessive ending: "'s", "’s" or Dutch "s"
                suffix = _possessive_suffix(text, end)
                if suffix is None:
                    continue
            else:
                suffix = _possessive_suffix(text, end, after_boundary=True)
            if key.as_name and not _written_as_name(text, found, key):
                continue
            replacement = key.replacement
            if key.as_name and text[start].isupper() and replacement[:1].islower():
                replacement = replacement[0].upper() + replacement[1:]
            joins = {found.group(i) for i in key.joins}
            if len(joins) == 1:
                join = joins.pop()
                if not join.isspace():  # "JanBakker" → "P1", "Jan_Bakker" → "Kees_Verhoeven"
                    replacement = join.join(replacement.split())
            if suffix:
                return end + len(suffix), _possessive(replacement, suffix)
            return end, replacement
        return None

    def _scan(self, text: str, spans: list[tuple[int, int, int, int]]) -> None:
        """Note name words (and close variants) left outside the replacements."""
        if not self._near:
            return
        replaced = iter(spans)
        current = next(replaced, None)
        runs = self._runs
        for run in _RUN.finditer(text):
            found = runs.get(run.group(0))
            if found is None:
                found = runs[run.group(0)] = [
                    (word, verdict) for word in _CAMEL.split(run.group(0))
                    if (verdict := self._verdict(word)) is not None]
            if not found and run.group(0) in self._lower_surnames and \
                    _in_identifier(text, run.start(), run.end()):
                found = [(run.group(0), run.group(0))]  # "bakker@pers.nl", "j.bakker"
            if not found:
                continue
            while current is not None and current[3] <= run.start():
                current = next(replaced, None)
            if current is not None and current[2] <= run.start() < current[3]:
                continue
            for word, verdict in found:
                around = " ".join(text[max(0, run.start() - 30):run.end() + 30].split())
                self.left.setdefault(word, []).append((self.place, around))
                if fold(word) != verdict:
                    self.close[word] = verdict

    def _verdict(self, word: str) -> str | None:
        """The name ``word`` is (or is close to) if it is to be reported, else None."""
        if word in self._verdicts:
            return self._verdicts[word]
        folded = fold(word)
        as_name = word[:1].isupper()
        found: str | None = None
        if folded in self._any_case or (as_name and folded in self._as_name):
            found = folded
        elif as_name and len(folded) >= 5:
            for near in (folded, *(folded[:i] + folded[i + 1:] for i in range(len(folded)))):
                if near in self._near:
                    found = self._near[near]
                    break
            else:
                found = next((folded[:n] for n in range(len(folded) - 1, 3, -1)
                              if len(folded) - n <= 4 and folded[:n] in self._near
                              and self._near[folded[:n]] == folded[:n]), None)
        self._verdicts[word] = found
        return found

    def warnings(self) -> list[str]:
        """One line per name word left in the export: how often, in which parts, and where."""
        lines = []
        for word, places in sorted(self.left.items()):
            wheres = list(dict.fromkeys(p for p, _ in places if p))
            shown = "; ".join(f"…{around}…" for _, around in places[:3])
            more = f" and {len(places) - 3} more" if len(places) > 3 else ""
            times = "once" if len(places) == 1 else f"{len(places)} times"
            where = f" (in {', '.join(wheres[:4])}{' …' if len(wheres) > 4 else ''})" \
                if wheres else ""
            what = f"close to the name '{self.close[word].capitalize()}'" \
                if word in self.close else "part of a name to replace"
            lines.append(f"'{word}' ({what}) is still in the export {times}{where}: "
                         f"{shown}{more}")
        return lines


class Moves:
    """Moves positions in a text to the replaced text (``Pseudonymiser.replace``'s spans): a
    position inside a replaced name moves to the start of its replacement (an end: its end)."""

    def __init__(self, spans: list[tuple[int, int, int, int]]) -> None:
        self.spans = spans
        self.starts = [s[0] for s in spans]

    def __call__(self, position: int, *, end: bool = False) -> int:
        i = bisect_right(self.starts, position) - 1
        if i < 0:
            return position
        start, stop, new_start, new_stop = self.spans[i]
        if position >= stop:
            return position + new_stop - stop
        if position == start or not end:
            return new_start  # a position inside a name moves to its start (an end: its end)
        return new_stop


def _variants(words: Iterable[str]) -> dict[str, str]:
    """Each name word of 4+ letters, and (5+ letters) each with one letter left out, mapped to
    the word: a text word one edit away shares a variant with it."""
    out: dict[str, str] = {}
    for word in sorted(words):
        if len(word) < 4:
            continue
        out.setdefault(word, word)
        if len(word) >= 5:
            for i in range(len(word)):
                out.setdefault(word[:i] + word[i + 1:], word)
    return out


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is joined to its neighbours as in an e-mail address,
    a user name or a file name ("j.bakker@", "bakker_2", "/bakker/")."""
    before, after = text[start - 1:start], text[end:end + 1]
    joins = "@._-/\\"
    return (before in joins and before != "" and text[start - 2:start - 1].isalnum()) or \
        (after in joins and after != "" and text[end + 1:end + 2].isalnum())


def _boundary(text: str, end: int) -> bool:
    """Whether a word may end at ``end``: nothing, a non-letter, or a capital after a small
    letter ("JanBakkerInterview")."""
    if end >= len(text) or not text[end].isalnum():
        return True
    return text[end].isupper() and text[end - 1].islower()


def _possessive_suffix(text: str, end: int, after_boundary: bool = False) -> str | None:
    """The possessive ending written at ``end`` ("'s", "’s" or Dutch "s"); "" for none after
    the end of a word, None when the word goes on."""
    ahead = text[end:end + 2]
    if ahead[:1] in _APOSTROPHES:
        if ahead[1:] in ("s", "S") and _boundary(text, end + 2):
            return ahead
        return "" if after_boundary else None
    if after_boundary:
        return ""
    if ahead[:1] in ("s", "S") and _boundary(text, end + 1):
        return ahead[:1]
    return None


def _written_as_name(text: str, found: re.Match[str], key: _Key) -> bool:
    """Every word of a name part that is not a particle starts with a capital."""
    return all(word in PARTICLES or text[found.start(group)].isupper()
               for word, group in zip(key.words, key.groups, strict=True))


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _surname_first(name: str, pseudonym: str) -> tuple[str, str] | None:
    """"Bakker, Jan" for "Jan Bakker", with the pseudonym turned the same way."""
    words, fake = name.split(), pseudonym.split()
    if len(words) < 2:
        return None
    reverse = f"{' '.join(words[1:])}, {words[0]}"
    return reverse, (f"{' '.join(fake[1:])}, {fake[0]}" if len(fake) > 1 else pseudonym)


def _name_parts(name: str, pseudonym: str) -> list[tuple[str, str]]:
    """(name part, what replaces it): the given name and the surname with its particles."""
    words = name.split()
    fake = pseudonym.split()
    out: list[tuple[str, str]] = []
    if len(words) < 2:
        return out
    fake_given = fake[0]
    fake_surname = " ".join(fake[1:]) if len(fake) > 1 else pseudonym
    if len(words[0]) >= MIN_PART:
        out.append((words[0], fake_given))
    surname = words[1:]
    # "Van der Meer" is how people name Monique; "Meer" alone is mostly the Dutch word.
    if any(w.casefold() not in PARTICLES for w in surname):
        out.append((" ".join(surname), fake_surname))
    return out


def parse_terms(items: list[str] | None) -> dict[str, str]:
    """``NAME=PSEUDONYM`` strings from the command line into a mapping."""
    terms: dict[str, str] = {}
    for item in items or []:
        term = _term(item)
        if term is None:
            raise BadInput(f"'{item}' is not a term; use --term NAME=PSEUDONYM.")
        terms[term[0]] = term[1]
    return terms


def _term(item: str) -> tuple[str, str] | None:
    """(name, pseudonym) of a ``NAME=PSEUDONYM`` string, stripped; None when it is not one."""
    name, sep, pseudonym = item.partition("=")
    if not sep or not name.strip() or not pseudonym.strip():
        return None
    return name.strip(), pseudonym.strip()


def read_terms_file(path: str | Path) -> dict[str, str]:
    """A terms file: one ``NAME=PSEUDONYM`` a line; blank lines and ``#`` comments skipped."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"Could not read the terms file {file}: {error}.") from None
    terms: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        term = _term(line)
        if term is None:
            raise BadInput(f"{file.name}, line {number}: '{line}' is not NAME=PSEUDONYM.")
        terms[term[0]] = term[1]
    return terms


def leftover_places(warnings: list[str]) -> list[tuple[str, list[str]]]:
    """(word, places) of each line of ``Pseudonymiser.warnings`` (for the app's message)."""
    out = []
    for line in warnings:
        word = line.split("'", 2)[1] if line.count("'") >= 2 else line
        found = re.search(r"\) is still in the export (?:once|\d+ times)(?: \(in (.*?)\))?: ",
                          line)
        places = found.group(1).removesuffix(" …").split(", ") if found and found.group(1) \
            else []
        out.append((word, places))
    return out


def has_real_names(project: Project) -> bool:
    """Whether the project keeps a real name beside any participant's pseudonym."""
    return any(p.name.strip() and p.name.strip().casefold() != p.pseudonym.casefold()
               for p in project.participants())


def masker_for(project: Project, pseudonymise: bool = False,
               terms: Mapping[str, str] | None = None) -> Pseudonymiser:
    """The one way every export applies the pseudonym options: with ``pseudonymise`` or any
    ``terms``, the participants' names and the terms are replaced and photos leave without
    their metadata (``Pseudonymiser.pseudonymised``); otherwise nothing is changed."""
    if pseudonymise or terms:
        masker = Pseudonymiser.for_project(project, terms or {})
        masker.pseudonymised = True
        return masker
    return Pseudonymiser.none()


def masked_word(word: str, masker: Callable[[str], str] | None) -> str:
    """A folded word of a word list as an export shows it: a participant's name written in
    small letters ("monique") is replaced as the name would be ("Kees"); any other word is
    left as it is (names are replaced when written as names, so the word is asked about in
    capitals)."""
    if masker is None or not word:
        return word
    capital = word[:1].upper() + word[1:]
    replaced = masker(capital)
    return word if replaced == capital else replaced
