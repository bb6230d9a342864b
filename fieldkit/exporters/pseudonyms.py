"""Replacing real names by pseudonyms in exported text.

The key (which name belongs to which pseudonym) stays in the project: only the replaced text goes
into the file. A participant's full name maps to the pseudonym, the given name alone to the
pseudonym's given name and the surname (with its particles) to the pseudonym's surname:
"Monique van der Meer" → "Kees Verhoeven", "Monique" → "Kees", "Van der Meer" → "Verhoeven",
"Van der Meer, Monique" → "Verhoeven, Kees". "Meer" alone is left (mostly it is the Dutch word);
particles ("van", "de", "der") are never replaced on their own; name parts match only as
written (capitalised), so "meer", "wit" and "jong" stay. A part shared by two participants
becomes "[name]". Extra terms (``--term "Jan Bakker=P1"``) are names too: their parts and the
surname-first order are replaced the same way. Full names match in any case and across line
breaks ("Jan⏎Bakker"). The longest match wins ("Jan Smit" before "Jan"), on whole words only
("Jan" does not touch "januari"), in one pass (a pseudonym is never replaced again).

What is left is reported, not exported silently: a given name still written anywhere (in any
case), or a capitalised surname or short name part, is a warning (``Pseudonymiser.warnings``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from fieldkit.project import Project

MIN_PART = 3
# Dutch surname particles (tussenvoegsels): part of a surname, never a name on their own.
PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "op", "in", "'t",
                       "v.d.", "vd", "la", "le", "du", "da", "von", "zu", "el", "al"})
AMBIGUOUS = "[name]"
_WORD = re.compile(r"\w+")


class Pseudonymiser:
    """Callable: text in, the same text with every known name replaced.

    ``terms`` match in any letter case; ``parts`` (single name parts) only as written; both
    across any white space. ``watch`` holds name words to report when they are left in the
    text (lower-case: in any case; otherwise as written).
    """

    def __init__(self, terms: Mapping[str, str], parts: Mapping[str, str] | None = None,
                 watch: Iterable[str] = ()) -> None:
        self.terms = {_spaced(k).lower(): v for k, v in terms.items() if k.strip()}
        self.parts = {_spaced(k): v for k, v in (parts or {}).items()
                      if k and _spaced(k).lower() not in self.terms}
        # Candidates by their first word, longest first: one dictionary look-up per word of
        # text instead of a regular expression with hundreds of alternatives at every position.
        self._by_first: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for key in {*self.terms, *(p.lower() for p in self.parts)}:
            first = _WORD.match(key)
            if first:
                self._by_first.setdefault(first.group(0), []).append((key, _pattern(key)))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: (-len(c[0]), c[0]))
        self._watch = set(watch)
        self.left: dict[str, list[str]] = {}  # name word → the text around each time it was left

    @classmethod
    def for_project(cls, project: Project, extra: Mapping[str, str]) -> Pseudonymiser:
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
            watch.update(w for w in surname if w.casefold() not in PARTICLES)
        # A name part shared by two participants cannot say who is meant.
        single = {part: (found.pop() if len(found) == 1 else AMBIGUOUS)
                  for part, found in parts.items()}
        return cls(terms, single, watch)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def __call__(self, text: str) -> str:
        if not self._by_first or not text:
            return text
        out: list[str] = []
        done = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < done:
                continue
            lower = word.group(0).lower()
            for key, pattern in self._by_first.get(lower, ()):
                found = pattern.match(text, start)
                if found is None:
                    continue
                end = found.end()
                if end < len(text) and _is_word_char(text[end]):
                    continue
                replacement = self.terms.get(key)
                if replacement is None:
                    replacement = self.parts.get(_spaced(found.group(0)))
                if replacement is not None:
                    out.append(text[done:start])
                    out.append(replacement)
                    done = end
                    break
            else:
                if lower in self._watch or word.group(0) in self._watch:
                    around = " ".join(text[max(0, start - 30):word.end() + 30].split())
                    self.left.setdefault(word.group(0), []).append(around)
        out.append(text[done:])
        return "".join(out)

    def warnings(self) -> list[str]:
        """One line per name word left in the exported text, with where it was left."""
        lines = []
        for word, places in sorted(self.left.items()):
            shown = "; ".join(f"…{p}…" for p in places[:3])
            more = f" and {len(places) - 3} more" if len(places) > 3 else ""
            times = "once" if len(places) == 1 else f"{len(places)} times"
            lines.append(f"'{word}' (part of a name to replace) is still in the export "
                         f"{times}: {shown}{more}")
        return lines


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _pattern(key: str) -> re.Pattern[str]:
    """A key that matches across line breaks and around its comma, in any case."""
    escaped = re.escape(key).replace(r",\ ", r"\s*,\s*").replace(r"\ ", r"\s+")
    return re.compile(escaped, re.IGNORECASE)


def _surname_first(name: str, pseudonym: str) -> tuple[str, str] | None:
    """"Bakker, Jan" for "Jan Bakker", with the pseudonym turned the same way."""
    words, fake = name.split(), pseudonym.split()
    if len(words) < 2:
        return None
    reverse = f"{' '.join(words[1:])}, {words[0]}"
    return reverse, (f"{' '.join(fake[1:])}, {fake[0]}" if len(fake) > 1 else pseudonym)


def _name_parts(name: str, pseudonym: str) -> list[tuple[str, str]]:
    """(name part as written, what replaces it): given name, surname with and without particles."""
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
        full = " ".join(surname)
        out.append((full, fake_surname))
        out.append((full[0].upper() + full[1:], fake_surname[0].upper() + fake_surname[1:]))
    return out


def parse_terms(items: list[str] | None) -> dict[str, str]:
    """``NAME=PSEUDONYM`` strings from the command line into a mapping."""
    terms: dict[str, str] = {}
    for item in items or []:
        name, sep, pseudonym = item.partition("=")
        if not sep or not name.strip() or not pseudonym.strip():
            raise BadInput(f"'{item}' is not a term; use --term NAME=PSEUDONYM.")
        terms[name.strip()] = pseudonym.strip()
    return terms
