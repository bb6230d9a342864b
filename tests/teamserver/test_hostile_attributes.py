"""A replica trusts no attribute definition or value the team server sends (the client's half
of the attribute rule): a definition with a type fieldkit does not know, choices that are not
a list of texts, no name, or a change of an attribute this copy does not have, and values that
are not a set of values, are named in the sync report and change nothing, on every copy alike;
every copy still lists its attributes and honest work still arrives. (The rows are written
straight into the server's history as its owner, see test_hostile_history.py.)"""

from __future__ import annotations

from typing import Any

from fieldkit.core.model import new_uuid
from fieldkit.storage import case_tables

from .test_hostile_history import _doc, _insert, _last_seq


def _state(p) -> tuple[Any, ...]:
    """What a researcher sees of the attributes: every listing reads the definitions."""
    return ([(a.uuid, a.name, a.type, a.choices) for a in case_tables.definitions(p._store)],
            [(a.name, a.type, a.choices, a.cases) for a in p.attributes.all()],
            p.cases.get("Jan").attributes)


def _update(table: str, key: str, **values: Any) -> dict[str, Any]:
    return {"t": table, "k": key, "op": "update", "set": values, "was": {}}


def test_bad_attribute_definitions_and_values_are_named_and_change_nothing(replicas) -> None:
    team, lead, anna, bram = replicas
    lead.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
    lead.cases.add("Jan")
    lead.attributes.set("case:Jan", "afdeling", "Montage")
    for p in (lead, anna, bram):
        p.team.sync()
    afdeling = lead.attributes.get("afdeling").uuid
    jan = lead.cases.get("Jan").uuid
    before = _state(lead)
    assert before == _state(anna) == _state(bram)
    fresh = new_uuid()
    seq = _insert(team, [
        _update("attributes", afdeling, type="lijst"),
        _update("attributes", afdeling, choices="niet als JSON"),
        _update("attributes", afdeling, choices='{"Lasserij": 1}'),
        {"t": "attributes", "k": fresh, "op": "insert",
         "set": {"uuid": fresh, "name": "jaren", "type": "choice", "choices": "[1, 2]",
                 "position": 1}},
        _update("attributes", afdeling, name="  "),
        _update("attributes", new_uuid(), name="Onbekend", type="text"),
        _update("cases", jan, attributes='["Montage"]'),
        _update("cases", jan, attributes="{kapot"),
    ])
    bram.code_text(_doc(bram, "Bezoek 2").id, 0, 4, "Leren/Uitproberen")  # honest, after
    reports = [p.team.sync() for p in (bram, anna, lead)]
    anna.team.sync()
    lines = [[line for line in r.skipped if f"#{seq}" in line] for r in reports]
    assert lines[0] == lines[1] == lines[2], lines
    said = "\n".join(lines[0])
    for expected in ("row 1: attribute type 'lijst' is not one of text, number",
                     "row 2: attribute choices 'niet als JSON' are not a list of texts",
                     "row 3: attribute choices", "row 4: attribute choices '[1, 2]'",
                     "row 5: an attribute without a name",
                     "row 7: cases.attributes '[\"Montage\"]' is not a set of values",
                     "row 8: cases.attributes",
                     "A changed attribute: the attribute was deleted before it arrived"):
        assert expected in said, said
    top = _last_seq(team)
    for p in (lead, anna, bram):
        assert p.team.position == top
        assert _state(p) == before
        assert [c.start for c in p.codings()] == [0]  # bram's coding arrived
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()
