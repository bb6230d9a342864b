"""Typed attribute values, type inference and the condition language (core/attributes.py)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from fieldkit.core.attributes import (
    display,
    infer_type,
    parse_condition,
    parse_value,
)
from fieldkit.core.errors import BadInput


@pytest.mark.parametrize(("type_", "raw", "stored"), [
    ("number", "3", 3), ("number", " 3,5 ", 3.5), ("number", "-2.25", -2.25),
    ("number", 4.0, 4), ("number", 7, 7), ("number", "1e3", 1000.0),
    ("date", "2024-03-01", "2024-03-01"), ("date", "1-3-2024", "2024-03-01"),
    ("date", "01/03/2024", "2024-03-01"), ("date", "2024-03-01 14:05:00", "2024-03-01"),
    ("date", dt.datetime(2024, 3, 1, 9, 30), "2024-03-01"), ("date", dt.date(2023, 12, 31),
                                                            "2023-12-31"),
    ("boolean", "ja", True), ("boolean", "Nee", False), ("boolean", "TRUE", True),
    ("boolean", 0, False), ("boolean", True, True),
    ("choice", "lasserij", "Lasserij"), ("text", "  Ploegleider  ", "Ploegleider"),
    ("text", 12.0, "12"), ("text", "😀 café", "😀 café"),
])
def test_a_raw_value_becomes_its_typed_stored_form(type_: str, raw: object,
                                                    stored: object) -> None:
    found = parse_value("x", type_, raw, ["Lasserij", "Montage"])
    assert found == stored
    assert type(found) is type(stored)


@pytest.mark.parametrize("raw", [None, "", "   ", float("nan")])
def test_a_blank_is_no_value(raw: object) -> None:
    for type_ in ("text", "number", "date", "boolean", "choice"):
        assert parse_value("x", type_, raw) is None


@pytest.mark.parametrize(("type_", "raw", "said"), [
    ("number", "abc", "'abc' is not a number (attribute jaren)."),
    ("number", "1.250,5", "'1.250,5' is not a number"),
    ("number", "inf", "'inf' is not a number"),
    ("number", True, "is not a number"),
    ("date", "31-2-2024", "'31-2-2024' is not a date"),
    ("date", "2024/13/01", "is not a date"),
    ("boolean", "misschien", "'misschien' is not a yes/no value"),
    ("boolean", 2, "is not a yes/no value"),
    ("choice", "Kantoor", "'Kantoor' is not one of the choices of attribute jaren "
                          "(Lasserij, Montage)."),
])
def test_a_value_of_the_wrong_type_is_one_line(type_: str, raw: object, said: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_value("jaren", type_, raw, ["Lasserij", "Montage"])
    assert said in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unknown_type_is_refused() -> None:
    with pytest.raises(BadInput, match="Unknown attribute type 'integer'"):
        parse_value("x", "integer", "3")


def test_display_shows_stored_values_plainly() -> None:
    assert [display(v) for v in (None, True, False, 3, 3.0, 2.5, "2024-03-01", "Lasserij")] \
        == ["", "yes", "no", "3", "3", "2.5", "2024-03-01", "Lasserij"]


@pytest.mark.parametrize(("column", "found"), [
    (["3", "12", "", "4,5"], ("number", [])),
    (["2024-03-01", "1-4-2024", " "], ("date", [])),
    (["2024-03-01 14:05", "2024-03-02 09:00"], ("text", [])),  # moments keep their times
    (["x", "", "x"], ("choice", ["x"])),  # a tick is not read as yes
    (["ja", "nee", "Ja", "nee"], ("boolean", [])),
    (["0", "1", "1"], ("number", [])),  # 0/1 columns count
    (["Montage", "Lasserij", "montage", "Lasserij"], ("choice", ["Lasserij", "Montage"])),
    (["Montage", "Lasserij"], ("text", [])),  # nothing repeats: not a closed list
    ([f"antwoord {i}" for i in range(30)] * 2, ("text", [])),  # too many distinct values
    (["kort", "x" * 41, "kort"], ("text", [])),
    ([], ("text", [])), (["", "  "], ("text", [])),
])
def test_a_column_type_is_inferred_from_its_values(column: list[str],
                                                   found: tuple[str, list[str]]) -> None:
    assert infer_type(column) == found


def test_every_value_of_an_inferred_column_parses_as_its_type() -> None:
    rng = random.Random(28)
    pool = ["3", "4,5", "ja", "nee", "2024-01-02", "Lasserij", "Montage", "", "1", "0", "x"]
    for _ in range(300):
        column = [rng.choice(pool) for _ in range(rng.randint(1, 6))]
        type_, choices = infer_type(column)
        for raw in column:
            parse_value("kolom", type_, raw, choices)  # never raises


PEOPLE = [
    {"afdeling": "Lasserij", "jaren": 3, "leerling": True, "start": "2021-05-01",
     "functie": "Operator lasrobot"},
    {"afdeling": "Lasserij", "jaren": 12, "leerling": False, "start": "2012-01-10"},
    {"afdeling": "Montage", "jaren": 4.5, "leerling": False, "functie": "Monteur"},
    {"afdeling": "Lasserij Noord", "jaren": 1},
    {},
]
TYPES = {"afdeling": "choice", "jaren": "number", "leerling": "boolean", "start": "date",
         "functie": "text"}


def _matching(text: str) -> list[int]:
    condition = parse_condition(text)
    condition.check(TYPES)
    return [i for i, person in enumerate(PEOPLE) if condition.matches(person, TYPES)]


@pytest.mark.parametrize(("text", "found"), [
    ("afdeling = Lasserij", [0, 1]),
    ("afdeling = lasserij", [0, 1]),
    ("AFDELING=Lasserij", [0, 1]),
    ("afdeling = Lasserij Noord", [3]),
    ('afdeling = "Lasserij Noord"', [3]),
    ("afdeling != Lasserij", [2, 3, 4]),
    ("jaren < 5", [0, 2, 3]),
    ("jaren <= 4,5", [0, 2, 3]),
    ("jaren > 10", [1]),
    ("jaren >= 3 and jaren < 5", [0, 2]),
    ("afdeling = Lasserij and jaren < 5", [0]),
    ("afdeling = Lasserij en jaren < 5", [0]),
    ("afdeling = Montage or jaren > 10", [1, 2]),
    ("afdeling = Montage of jaren > 10", [1, 2]),
    ("not afdeling = Lasserij", [2, 3, 4]),
    ("niet leerling = ja", [1, 2, 3, 4]),
    ("leerling = ja", [0]),
    ("leerling != yes", [1, 2, 3, 4]),
    ("(afdeling = Montage or afdeling = Lasserij) and not jaren > 10", [0, 2]),
    ("afdeling = Montage or afdeling = Lasserij and jaren > 10", [1, 2]),  # and binds first
    ("start < 2020-01-01", [1]),
    ("start >= 1-1-2020", [0]),
    ("functie ~ operator", [0]),
    ("afdeling ~ noord", [3]),
    ("jaren ~ 4", [2]),
])
def test_conditions_select_what_a_researcher_means(text: str, found: list[int]) -> None:
    assert _matching(text) == found


def test_conditions_agree_with_brute_force_over_random_combinations() -> None:
    rng = random.Random(7)
    atoms = {"afdeling = Lasserij": lambda p: p.get("afdeling") == "Lasserij",
             "jaren < 5": lambda p: "jaren" in p and p["jaren"] < 5,
             "leerling = nee": lambda p: p.get("leerling") is False,
             "start > 2015-01-01": lambda p: "start" in p and p["start"] > "2015-01-01"}
    for _ in range(200):
        a, b, c = rng.sample(list(atoms), 3)
        how1, how2 = rng.choice(["and", "or"]), rng.choice(["and", "or"])
        negate = rng.random() < 0.5
        text = f"{'not ' if negate else ''}({a} {how1} {b}) {how2} {c}"

        def truth(p: dict[str, object], a: str = a, b: str = b, c: str = c,
                  how1: str = how1, how2: str = how2, negate: bool = negate) -> bool:
            inner = (atoms[a](p) and atoms[b](p)) if how1 == "and" else (
                atoms[a](p) or atoms[b](p))
            inner = (not inner) if negate else inner
            return (inner and atoms[c](p)) if how2 == "and" else (inner or atoms[c](p))
        assert _matching(text) == [i for i, p in enumerate(PEOPLE) if truth(p)], text


def test_a_condition_names_its_attributes() -> None:
    assert parse_condition("(a = 1 or b = 2) and not c ~ x").names() == {"a", "b", "c"}


@pytest.mark.parametrize(("text", "said"), [
    ("", "The condition is empty"),
    ("afdeling Lasserij", "Expected one of <= >= != = < > ~ after 'afdeling Lasserij'"),
    ("afdeling =", "Expected a value before 'the end'"),
    ("(afdeling = Lasserij", "A '(' is not closed"),
    ("afdeling = Lasserij)", "from ')' on"),
    ("= Lasserij", "Expected a name before '='"),
    ("afdeling = Lasserij and", "Expected a name before 'the end'"),
])
def test_a_condition_that_cannot_be_read_is_one_line(text: str, said: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_condition(text)
    assert said in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("text", "said"), [
    ("afdling = Lasserij", "Unknown attribute 'afdling' in the condition (attributes: "
                           "afdeling, functie, jaren, leerling, start)."),
    ("jaren < veel", "'veel' is not a number (attribute jaren)."),
    ("start > gisteren", "is not a date"),
    ("leerling < ja", "A yes/no attribute (leerling) takes = or !=, not <."),
    ("leerling = misschien", "is not a yes/no value"),
])
def test_a_condition_on_an_unknown_name_or_a_wrong_value_is_refused(text: str,
                                                                     said: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_condition(text).check(TYPES)
    assert said in str(caught.value)


def test_every_operator_is_read_with_and_without_spaces() -> None:
    for op, spaced in itertools.product(["<=", ">=", "!=", "=", "<", ">", "~"], [True, False]):
        text = f"jaren {op} 4" if spaced else f"jaren{op}4"
        found = parse_condition(text)
        assert (found.name, found.op, found.value) == ("jaren", op, "4")  # type: ignore[union-attr]


def test_quoted_values_keep_keywords_and_escapes() -> None:
    found = parse_condition('functie = "Pick en Pack" and naam = "de \\"Baas\\""')
    assert [(p.name, p.value) for p in found.parts] == [  # type: ignore[union-attr]
        ("functie", "Pick en Pack"), ("naam", 'de "Baas"')]
    assert parse_condition("uitroep = Hallo!").value == "Hallo!"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "kind", "facts"), [
    ("afdeling =", "unreadable", {}),
    ("(afdeling = Lasserij", "unreadable", {}),
    ("afdling = Lasserij", "unknown", {"name": "afdling"}),
    ("jaren < veel", "value", {"name": "jaren", "value": "veel", "type": "number"}),
    ("leerling < ja", "operator", {"name": "leerling", "op": "<"}),
])
def test_a_condition_error_says_what_a_translation_needs(text: str, kind: str,
                                                         facts: dict[str, str]) -> None:
    from fieldkit.core.attributes import ConditionError

    with pytest.raises(ConditionError) as caught:
        parse_condition(text).check(TYPES)
    assert (caught.value.kind, caught.value.facts) == (kind, facts)
