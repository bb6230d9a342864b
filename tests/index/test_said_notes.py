"""A search's note says what went wrong in English on the command line and keeps how it was
made (``fieldkit.core.said``), so the window can say it in Dutch; every template of the core has
a Dutch translation with the same fields (a missing field would break the sentence, a missing
translation would put English on a Dutch screen)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree

from fieldkit.core.said import Said, each, either, joined
from fieldkit.index.query import KINDS
from fieldkit.project import Project

ROOT = Path(__file__).resolve().parents[2]
FIELDS = re.compile(r"\{(\w+)\}")

#: a query → the note it gets, word for word (as the command line prints it)
NOTES = {
    "gezien speaker:nobody": "No speaker matches 'nobody', so nothing was found.",
    "gezien site:Nergens": "No site matches 'Nergens', so nothing was found.",
    'gezien code:"No such code"': "No code matches 'No such code', so nothing was found.",
    "gezien coder:Niemand": "No coder matches 'Niemand', so nothing was found.",
    "gezien kind:boek": f"'boek' is not a kind ({', '.join(KINDS)}); the kind filter was left "
                        "out.",
    "gezien after:gisteren": "'gisteren' is not a date (YYYY-MM-DD); the after: filter was "
                             "left out.",
    'gezien "open': "Searched for the plain words gezien open: a quotation mark is not closed.",
    "gezien bla:x": "Searched for the plain words gezien bla x: there is no filter 'bla:'.",
    "gezien OR": "Searched for the plain words gezien: OR needs something on both sides.",
    "-gezien": "A search needs at least one word to look for, not only words to leave out.",
}


@pytest.mark.parametrize("query", sorted(NOTES))
def test_a_note_reads_as_before_and_keeps_its_template(study: Project, query: str) -> None:
    note = study.search(query).note
    assert note == NOTES[query]
    assert isinstance(note, Said)


def test_lists_of_any_length_come_from_one_template() -> None:
    assert either(["a"]) == "'a'"
    assert either(["a", "b", "c"]) == "'a' or 'b' or 'c'"
    assert each(["x = 1", "y"]) == "'x = 1' and 'y'"
    assert joined([]) is None and joined(["Een."]) == "Een."
    three = joined([Said("One."), Said("Two {n}.", n=2), "Three."])
    assert three == "One. Two 2. Three." and isinstance(three, Said)
    assert {*FIELDS.findall(three.template)} == {"first", "rest"}


def core_templates() -> set[str]:
    """Every template the core says: ``Said("…")`` literals and the filter names handed to
    ``plan.none`` (said as ``Said(name)``), read from the source."""
    found = {"{first} or {rest}", "{first} and {rest}"}
    for path in (ROOT / "fieldkit").rglob("*.py"):
        if "gui" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            at = {"Said": 0, "none": 1}.get(name or "")
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                found.add(node.args[at].value)
    return found


def dutch() -> dict[str, str]:
    table = {}
    for ts in (ROOT / "resources" / "i18n").glob("*_nl.ts"):
        for message in ElementTree.parse(ts).getroot().iter("message"):
            table[message.findtext("source") or ""] = message.findtext("translation") or ""
    return table


def test_every_template_of_the_core_has_a_dutch_translation_with_the_same_fields() -> None:
    templates = core_templates()
    assert len(templates) > 30 and "site" in templates  # the source was read
    table = dutch()
    # a template of fields and punctuation alone ("{first} {rest}", "'{value}'") needs none
    wordy = {t for t in templates if re.search(r"[A-Za-z]", FIELDS.sub("", t))}
    missing = sorted(t for t in wordy if t not in table)
    assert missing == []
    wrong = sorted(t for t in wordy
                   if set(FIELDS.findall(t)) != set(FIELDS.findall(table[t])))
    assert wrong == []
