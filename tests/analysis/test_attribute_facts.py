"""Cases and attribute values of codings (issue 28) against a brute-force reading of the rules.

A coding belongs to a case when its document is in the case or when it overlaps (by one code
point or more) a part of the case; its value of NAME is its document's own, else its cases'
(each case its own), else its participant's.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from fieldkit.analysis.attribute_facts import NONE, AttributeFacts
from fieldkit.core.attributes import display, parse_condition
from fieldkit.core.errors import BadInput

TYPES = {"afdeling": "choice", "jaren": "number", "leerling": "boolean"}
AFDELINGEN = ["Lasserij", "Montage", "Lasserij Noord"]
CONDITIONS = ["afdeling = Lasserij", "jaren < 5", "afdeling = Lasserij and jaren < 5",
              "not leerling = ja", "afdeling != Montage or jaren >= 7",
              'afdeling ~ "noord"', "leerling = nee and (jaren > 2 or afdeling = Montage)"]


def _values(rng: random.Random) -> dict[str, object]:
    found: dict[str, object] = {}
    if rng.random() < 0.5:
        found["afdeling"] = rng.choice(AFDELINGEN)
    if rng.random() < 0.5:
        found["jaren"] = rng.choice([1, 3, 4.5, 5, 8, 12])
    if rng.random() < 0.3:
        found["leerling"] = rng.random() < 0.5
    return found


def _random_facts(seed: int) -> tuple[AttributeFacts, list[tuple[int, int, int]]]:
    rng = random.Random(seed)
    docs = list(range(1, 9))
    own = {d: v for d in docs if (v := _values(rng)) and rng.random() < 0.4}
    person = {d: v for d in docs if (v := _values(rng)) and rng.random() < 0.5}
    cases = {c: _values(rng) for c in range(1, 6)}
    links = sorted({(rng.randint(1, 5), rng.choice(docs)) for _ in range(5)})
    parts = []
    for _ in range(12):
        start = rng.randint(0, 90)
        parts.append((rng.randint(1, 5), rng.choice(docs), start, start + rng.randint(1, 20)))
    codings = []
    for _ in range(150):
        doc = rng.choice(docs)
        if rng.random() < 0.1:
            codings.append((doc, -1, -1))  # a photo region
        else:
            start = rng.randint(0, 100)
            codings.append((doc, start, start + rng.randint(1, 15)))
    facts = AttributeFacts(TYPES, own, person, cases,  # type: ignore[arg-type]
                           {c: f"case {c}" for c in cases},
                           np.array(links, dtype=np.int64).reshape(-1, 2),
                           np.array(parts, dtype=np.int64).reshape(-1, 4))
    return facts, codings


def _brute_cases(facts: AttributeFacts, doc: int, start: int, end: int) -> set[int]:
    found = {c for c, d in facts.links.tolist() if d == doc}
    if start >= 0:
        found |= {c for c, d, s, e in facts.parts.tolist() if d == doc and start < e and s < end}
    return found


def _brute_value(facts: AttributeFacts, doc: int, case: int, name: str) -> object:
    if name in facts.own.get(doc, {}):
        return facts.own[doc][name]
    if case != NONE and name in facts.cases.get(case, {}):
        return facts.cases[case][name]
    return facts.person.get(doc, {}).get(name)


def _columns(codings: list[tuple[int, int, int]]) -> tuple[np.ndarray, ...]:
    array = np.array(codings, dtype=np.int64).reshape(-1, 3)
    return array[:, 0], array[:, 1], array[:, 2]


@pytest.mark.parametrize("seed", range(6))
def test_cases_of_codings_follow_documents_and_overlapping_parts(seed: int) -> None:
    facts, codings = _random_facts(seed)
    position, case = facts.coding_cases(*_columns(codings))
    found = {(int(p), int(c)) for p, c in zip(position, case, strict=True)}
    wanted = {(i, c) for i, coding in enumerate(codings) for c in _brute_cases(facts, *coding)}
    assert found == wanted and len(found) == len(position)
    assert wanted, "the random project has codings in cases"


@pytest.mark.parametrize("seed", range(6))
def test_values_of_codings_are_own_else_each_case_else_participant(seed: int) -> None:
    facts, codings = _random_facts(seed)
    for name in TYPES:
        position, shown = facts.value_pairs(name, *_columns(codings))
        found = set(zip(position.tolist(), shown, strict=True))
        wanted = set()
        for i, (doc, start, end) in enumerate(codings):
            for case in _brute_cases(facts, doc, start, end) or {NONE}:
                value = _brute_value(facts, doc, case, name)
                if value is not None:
                    wanted.add((i, display(value)))  # type: ignore[arg-type]
        assert found == wanted


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("text", CONDITIONS)
def test_a_condition_holds_for_a_coding_in_one_of_its_cases(seed: int, text: str) -> None:
    facts, codings = _random_facts(seed)
    condition = facts.condition(text)
    found = facts.passes(condition, *_columns(codings)).tolist()
    wanted = []
    for doc, start, end in codings:
        contexts = []
        for case in _brute_cases(facts, doc, start, end) or {NONE}:
            values = {n: v for n in TYPES
                      if (v := _brute_value(facts, doc, case, n)) is not None}
            contexts.append(parse_condition(text).matches(values, TYPES))  # type: ignore[arg-type]
        wanted.append(any(contexts))
    assert found == wanted


@pytest.mark.parametrize("text", ["onbekend = 3", "jaren < veel", "leerling < ja",
                                  "afdeling = ", "(jaren < 5"])
def test_a_bad_condition_is_one_line(text: str) -> None:
    facts, _ = _random_facts(0)
    with pytest.raises(BadInput) as caught:
        facts.condition(text)
    assert "\n" not in str(caught.value)
