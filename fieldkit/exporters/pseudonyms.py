"""Replacing real names by pseudonyms in exported text.

The key (which name belongs to which pseudonym) stays in the project: only the replaced text goes
into the file. A participant's full name maps to the pseudonym, the given name alone to the
pseudonym's given name and the surname (with its particles) to the pseudonym's surname:
"Monique van der Meer" → "Kees Verhoeven", "Monique" → "Kees", "Van der Meer" → "Verhoeven".
"Meer" alone is left (mostly it is the Dutch word); particles ("van", "de", "der") are never
replaced on their own; name parts match only as written (capitalised), so "meer", "wit" and
"jong" stay. A part shared by two participants becomes "[name]". Full names and extra terms
(``--term NAME=PSEUDONYM``) match in any case. The longest match wins ("Jan Smit" before "Jan"),
on whole words only ("Jan" does not touch "januari"), in one pass (a pseudonym is never
replaced again).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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

    ``terms`` match in any letter case; ``parts`` (single name parts) only as written.
    """

    def __init__(self, terms: Mapping[str, str], parts: Mapping[str, str] | None = None) -> None:
        self.terms = {k.strip().lower(): v for k, v in terms.items() if k.strip()}
        self.parts = {k: v for k, v in (parts or {}).items()
                      if k and k.lower() not in self.terms}
        # Candidates by their first word, longest first: one dictionary look-up per word of
        # text instead of a regular expression with hundreds of alternatives at every position.
        self._by_first: dict[str, list[str]] = {}
        for key in {*self.terms, *(p.lower() for p in self.parts)}:
            first = _WORD.match(key)
            if first:
                self._by_first.setdefault(first.group(0), []).append(key)
        for candidates in self._by_first.values():
            candidates.sort(key=lambda k: (-len(k), k))

    @classmethod
    def for_project(cls, project: Project, extra: Mapping[str, str]) -> Pseudonymiser:
        terms: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        for person in project.participants():
            name = " ".join(person.name.split())
            if not name or name.casefold() == person.pseudonym.casefold():
                continue
            terms[name] = person.pseudonym
            for part, replacement in _name_parts(name, person.pseudonym):
                parts.setdefault(part, set()).add(replacement)
        for name, pseudonym in extra.items():
            if not name.strip() or not pseudonym.strip():
                raise BadInput(f"'{name}={pseudonym}' is not a term; use NAME=PSEUDONYM.")
            terms[name.strip()] = pseudonym.strip()
        # A name part shared by two participants cannot say who is meant.
        single = {part: (found.pop() if len(found) == 1 else AMBIGUOUS)
                  for part, found in parts.items()}
        return cls(terms, single)

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
            for key in self._by_first.get(word.group(0).lower(), ()):
                end = start + len(key)
                found = text[start:end]
                if found.lower() != key or (end < len(text) and _is_word_char(text[end])):
                    continue
                replacement = self.terms.get(key)
                if replacement is None:
                    replacement = self.parts.get(found)
                if replacement is not None:
                    out.append(text[done:start])
                    out.append(replacement)
                    done = end
                    break
        out.append(text[done:])
        return "".join(out)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


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
