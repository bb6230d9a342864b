"""Attacks on what schema steps 11–14 added to the team (attribute definitions, case parts, a
transcript's turns and links), as a member connected with psycopg under their own password
(the helpers are test_attacks.py's).

An attribute definition is the structure of case data, like the codebook: renaming, retyping
or deleting one rewrites every colleague's typed values, so only its maker or the lead does it.
A case part belongs to whoever added it (changed by them or the lead; taken out by them, the
case's owner or the lead), and a row of a document (a turn, a transcript's link) is changed
only by its adder, the document's owner, the holder of its edit lock or the lead. Each test
asserts the one-line refusal, that the server's history is unchanged by it, and that the
lead's same change is accepted and reaches every copy.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from fieldkit.core.model import Turn
from fieldkit.storage import case_tables

from .test_attacks import as_member, doc, push, refused_push

ATTRIBUTE_RULE = "only the team lead renames, retypes or deletes an attribute that another"


def _definitions(p) -> list[tuple[str, str, str, list[str]]]:
    return [(a.uuid, a.name, a.type, a.choices) for a in case_tables.definitions(p._store)]


def _history(team) -> list[tuple[int, str]]:
    """Every change set the server holds, as (seq, member): what a refusal must not change."""
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        return [(int(s), str(m)) for s, m in conn.execute(
            "SELECT seq, member FROM fieldkit.change_sets ORDER BY seq")]


def _sync_all(*copies) -> None:
    for _ in range(2):
        for p in copies:
            report = p.team.sync()
            assert not report.skipped and not report.refused, (report.skipped, report.refused)
    first = copies[0].team.canonical()
    assert all(p.team.canonical() == first for p in copies[1:])


def _update(table: str, key: Any, values: dict[str, Any], was: dict[str, Any]
            ) -> dict[str, Any]:
    return {"t": table, "k": key, "op": "update", "set": values, "was": was}


def _gone(table: str, key: Any) -> dict[str, Any]:
    return {"t": table, "k": key, "op": "delete", "was": {}}


@pytest.fixture
def defined(replicas):
    """The lead's attribute afdeling (a choice) with a value on the lead's case Jan, and
    anna's own attribute jaren with a value on Jan too; on every copy."""
    team, lead, anna, bram = replicas
    lead.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
    lead.cases.add("Jan", documents=[doc(lead, "Bezoek 2").id])
    lead.attributes.set("case:Jan", "afdeling", "montage")
    _sync_all(lead, anna, bram)
    anna.attributes.set("case:Jan", "jaren", "4")  # anna defines jaren (a number)
    _sync_all(anna, lead, bram)
    return team, lead, anna, bram


def test_a_member_cannot_rename_retype_or_delete_anothers_attribute(defined) -> None:
    team, lead, anna, bram = defined
    afdeling = lead.attributes.get("afdeling")
    jaren = lead.attributes.get("jaren")
    before, history = _definitions(lead), _history(team)
    assert [d[1:] for d in before] == [("afdeling", "choice", ["Lasserij", "Montage"]),
                                       ("jaren", "number", [])]
    with as_member(team, f"bram{team.db}") as conn:
        for key, values, was in (
                (afdeling.uuid, {"name": "Dept"}, {"name": "afdeling"}),
                (afdeling.uuid, {"type": "text"}, {"type": "choice"}),
                (afdeling.uuid, {"choices": '["Kantoor"]'},
                 {"choices": '["Lasserij", "Montage"]'}),
                (jaren.uuid, {"type": "boolean"}, {"type": "number"})):  # anna's, not his
            refused_push(conn, [_update("attributes", key, values, was)], ATTRIBUTE_RULE)
        for key in (afdeling.uuid, jaren.uuid):
            refused_push(conn, [_gone("attributes", key)], ATTRIBUTE_RULE)
        # hidden among rows the server would take
        refused_push(conn, [_update("cases", lead.cases.get("Jan").uuid,
                                    {"description": "x"}, {"description": ""}),
                            _gone("attributes", afdeling.uuid)], ATTRIBUTE_RULE)
    assert _history(team) == history  # nothing of it was stored
    # the same through the app: sent at the next sync, refused, taken back in bram's copy
    bram.attributes.change("afdeling", rename="Dept", type="text")
    assert [d[1] for d in _definitions(bram)] == ["Dept", "jaren"]
    report = bram.team.sync()
    assert len(report.refused) == 1 and ATTRIBUTE_RULE in report.refused[0].lower(), \
        report.refused
    assert _history(team) == history
    for p in (lead, anna, bram):
        p.team.sync()
        assert _definitions(p) == before
        assert p.cases.get("Jan").attributes == {"afdeling": "Montage", "jaren": 4}
    # a member still defines attributes, sets values on others' cases, and changes their own
    bram.attributes.set("case:Jan", "ploeg", "nacht")
    bram.team.sync()
    anna.team.sync()
    anna.attributes.change("jaren", rename="dienstjaren")
    _sync_all(bram, anna, lead)
    for p in (lead, anna, bram):
        assert p.cases.get("Jan").attributes == {"afdeling": "Montage", "dienstjaren": 4,
                                                 "ploeg": "nacht"}


def test_the_lead_restructures_attributes_and_every_copy_follows(defined) -> None:
    team, lead, anna, bram = defined
    bram.attributes.change("jaren", type="text")  # anna's: refused, taken back
    (refusal,) = bram.team.sync().refused
    assert ATTRIBUTE_RULE in refusal.lower()
    history = _history(team)
    lead.attributes.change("afdeling", rename="Afdeling", choices=["Lasserij", "Montage",
                                                                   "Kantoor"])
    lead.attributes.change("jaren", type="text")  # anna's attribute
    lead.attributes.set("case:Jan", "Afdeling", "kantoor")
    _sync_all(lead, anna, bram)
    assert [m for _seq, m in _history(team)[len(history):]] == [team.lead] * 3
    for p in (lead, anna, bram):
        assert [d[1:] for d in _definitions(p)] == [
            ("Afdeling", "choice", ["Lasserij", "Montage", "Kantoor"]), ("jaren", "text", [])]
        assert p.cases.get("Jan").attributes == {"Afdeling": "Kantoor", "jaren": "4"}
    lead.attributes.delete("jaren")
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert [d[1] for d in _definitions(p)] == ["Afdeling"]
        assert p.cases.get("Jan").attributes == {"Afdeling": "Kantoor"}


# -- case parts ------------------------------------------------------------------------------


def _part_uuid(p, start: int) -> str:
    return str(p._store.value("SELECT uuid FROM case_parts WHERE start = ?", (start,)))


def _parts(p) -> list[tuple[str, str, int, int]]:
    return sorted((c.name, p.document(d).title, s, e) for c in p.cases.all()
                  for d, s, e in c.parts)


def test_a_case_part_is_changed_by_its_adder_and_taken_out_by_the_cases_owner(replicas
                                                                               ) -> None:
    team, lead, anna, bram = replicas
    anna.cases.add("Ploeg A")
    anna.cases.add("Ploeg B")
    anna.cases.add_part("Ploeg A", doc(anna, "Bezoek 1").id, 0, 3)
    _sync_all(anna, lead, bram)
    bram.cases.add_part("Ploeg A", doc(bram, "Bezoek 1").id, 4, 9)
    _sync_all(bram, anna, lead)
    annas, brams = _part_uuid(anna, 0), _part_uuid(anna, 4)
    ploeg_b = str(anna._store.value("SELECT uuid FROM cases WHERE name = 'Ploeg B'"))
    ploeg_a = str(anna._store.value("SELECT uuid FROM cases WHERE name = 'Ploeg A'"))
    history = _history(team)
    with as_member(team, f"bram{team.db}") as conn:
        # anna's part: not bram's to move to another case, respan or take out
        refused_push(conn, [_update("case_parts", annas, {"case_id": ploeg_b},
                                    {"case_id": ploeg_a})],
                     f"changes a case part that member anna{team.db} added")
        refused_push(conn, [_update("case_parts", annas, {"start": 1, "end": 40},
                                    {"start": 0, "end": 3})], "changes a case part")
        refused_push(conn, [_gone("case_parts", annas)], f"belongs to member anna{team.db}")
    with as_member(team, f"anna{team.db}") as conn:
        # nor is bram's part anna's to change, though the case is hers
        refused_push(conn, [_update("case_parts", brams, {"end": 10}, {"end": 9})],
                     f"changes a case part that member bram{team.db} added")
    assert _history(team) == history
    expected = [("Ploeg A", "Bezoek 1", 0, 3), ("Ploeg A", "Bezoek 1", 4, 9)]
    assert _parts(lead) == _parts(anna) == _parts(bram) == expected
    with as_member(team, team.lead) as conn:  # the lead moves anna's part
        push(conn, [_update("case_parts", annas, {"case_id": ploeg_b}, {"case_id": ploeg_a})])
    _sync_all(lead, anna, bram)
    assert _parts(bram) == [("Ploeg A", "Bezoek 1", 4, 9), ("Ploeg B", "Bezoek 1", 0, 3)]
    # anna, the case's owner, deletes her case in the app: it takes bram's part with it
    anna.cases.delete("Ploeg A")
    report = anna.team.sync()
    assert not report.refused, report.refused
    _sync_all(anna, lead, bram)
    for p in (lead, anna, bram):
        assert _parts(p) == [("Ploeg B", "Bezoek 1", 0, 3)]
        assert [c.name for c in p.cases.all()] == ["Ploeg B"]


# -- rows of a document: a transcript's turns ------------------------------------------------


def test_a_turn_is_changed_only_by_its_documents_people(replicas) -> None:
    team, lead, anna, bram = replicas
    text = "Jan: ik doe het eerst voor 👍.\r\nPiet: en dan probeer ik het zelf."
    first = text.index("\r\n")
    lead._store.add_document({"kind": "transcript", "title": "Interview Jan",
                              "text": text},
                             [Turn(0, first, "Jan"), Turn(first + 2, len(text), "Piet")])
    _sync_all(lead, anna, bram)
    interview = doc(lead, "Interview Jan").uuid
    history = _history(team)
    with as_member(team, f"bram{team.db}") as conn:
        refused_push(conn, [_update("turns", [interview, 0], {"speaker": "Klaas"},
                                    {"speaker": "Jan"})],
                     "changes part of a document that is not yours")
    assert _history(team) == history
    with as_member(team, team.lead) as conn:  # the document's maker (the lead) may
        push(conn, [_update("turns", [interview, 0], {"speaker": "Jan B."},
                            {"speaker": "Jan"})])
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert [t.speaker for t in p._store.turns(doc(p, "Interview Jan").id)] == \
            ["Jan B.", "Piet"]


def test_an_attribute_or_value_no_copy_can_read_is_refused(defined) -> None:
    """Choices that are not a list of texts would break every listing of attributes on every
    copy (each copy leaves such a row out too, see test_hostile_attributes.py)."""
    team, lead, _anna, _bram = defined
    afdeling = lead.attributes.get("afdeling").uuid
    jan = lead.cases.get("Jan").uuid
    fresh = "0f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f60"
    history = _history(team)
    for who in (f"bram{team.db}", team.lead):  # not even the lead's
        with as_member(team, who) as conn:
            for row, said in (
                    (_update("attributes", afdeling, {"type": "lijst"}, {"type": "choice"}),
                     "an attribute's type is text, number"),
                    (_update("attributes", afdeling, {"choices": "niet als JSON"}, {}),
                     "an attribute's choices are a list of texts"),
                    ({"t": "attributes", "k": fresh, "op": "insert",
                      "set": {"uuid": fresh, "name": "jaren", "type": "choice",
                              "choices": "[1, 2]", "position": 2}},
                     "an attribute's choices are a list of texts"),
                    (_update("cases", jan, {"attributes": '["Montage"]'}, {}),
                     "a cases row's attributes are a set of values"),
                    (_update("cases", jan, {"attributes": "{kapot"}, {}),
                     "a cases row's attributes are a set of values")):
                refused_push(conn, [row], said)
    assert _history(team) == history


def test_only_the_lead_changes_what_a_set_holds(replicas) -> None:
    """A set's kind says which of its members' fields count: anna's set of documents read
    as a set of codes would hide every member of it, bram's too, on every copy."""
    team, lead, anna, bram = replicas
    anna.sets.add("Set van Anna", "documents", [doc(anna, "Bezoek 1").id])
    _sync_all(anna, lead, bram)
    bram.sets.extend("Set van Anna", [doc(bram, "Bezoek 2").id])
    _sync_all(bram, anna, lead)
    the_set = str(anna._store.value("SELECT uuid FROM sets WHERE name = 'Set van Anna'"))
    history = _history(team)
    for who in (f"bram{team.db}", f"anna{team.db}"):  # not even the set's maker
        with as_member(team, who) as conn:
            refused_push(conn, [_update("sets", the_set, {"kind": "codes"},
                                        {"kind": "documents"})],
                         "only the team lead changes what a set holds")
    assert _history(team) == history
    for p in (lead, anna, bram):
        assert sorted(p.document(d).title for d in p.sets.members(
            "Set van Anna", "documents")) == ["Bezoek 1", "Bezoek 2"]
    with as_member(team, team.lead) as conn:  # the lead's (an empty set made right, say)
        push(conn, [_update("sets", the_set, {"kind": "codes"}, {"kind": "documents"})])
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert p._store.value("SELECT kind FROM sets WHERE name = 'Set van Anna'") == "codes"
