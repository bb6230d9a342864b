"""Replacing real names by pseudonyms in exported text.

The key (which name belongs to which pseudonym) stays in the project: only the replaced text goes
into the file. Participants' full names and their single name parts (first name, surname of three
letters or more) map to the pseudonym; extra terms (``--term NAME=PSEUDONYM``) are added. The
longest match wins ("Jan Smit" before "Jan"), matching is case-insensitive and only on whole
words, so "Jan" does not touch "januari".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from fieldkit.project import Project

MIN_PART = 3


class Pseudonymiser:
    """Callable: text in, the same text with every known name replaced."""

    def __init__(self, terms: Mapping[str, str]) -> None:
        self.terms = {k.strip().casefold(): v for k, v in terms.items() if k.strip()}
        if self.terms:
            names = sorted(self.terms, key=lambda t: (-len(t), t))
            alternation = "|".join(re.escape(n) for n in names)
            self._pattern: re.Pattern[str] | None = re.compile(
                rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        else:
            self._pattern = None

    @classmethod
    def for_project(cls, project: Project, extra: Mapping[str, str]) -> Pseudonymiser:
        terms: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        for person in project.participants():
            name = person.name.strip()
            if not name or name.casefold() == person.pseudonym.casefold():
                continue
            terms[name] = person.pseudonym
            for part in name.split():
                if len(part) >= MIN_PART:
                    parts.setdefault(part.casefold(), set()).add(person.pseudonym)
        for part, pseudonyms in parts.items():
            # A first name shared by two participants cannot say who is meant.
            if part not in (t.casefold() for t in terms):
                terms[part] = pseudonyms.pop() if len(pseudonyms) == 1 else "[name]"
        for name, pseudonym in extra.items():
            if not name.strip() or not pseudonym.strip():
                raise BadInput(f"'{name}={pseudonym}' is not a term; use NAME=PSEUDONYM.")
            terms[name.strip()] = pseudonym.strip()
        return cls(terms)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(lambda m: self.terms[m.group(0).casefold()], text)


def parse_terms(items: list[str] | None) -> dict[str, str]:
    """``NAME=PSEUDONYM`` strings from the command line into a mapping."""
    terms: dict[str, str] = {}
    for item in items or []:
        name, sep, pseudonym = item.partition("=")
        if not sep or not name.strip() or not pseudonym.strip():
            raise BadInput(f"'{item}' is not a term; use --term NAME=PSEUDONYM.")
        terms[name.strip()] = pseudonym.strip()
    return terms
