"""Attacks on a member's own working tools on the team server: memo links, saved searches and
saved coding queries (rules version 2), as a member connected with psycopg under their own
password and through the app's own sync (the helpers are test_attacks.py's).

Anyone adds them; only the member who added one (by the server's own record of who pushed it;
rows present at publish are the lead's) or the lead changes or deletes it. Each refusal is one
line, leaves the server's history unchanged, and a refused change made in the app is taken back
in the sender's copy and named in their sync report. Before rules version 2 any member could
rewrite or delete every colleague's saved searches, queries and links (test_rules_upgrade.py
shows a server of version 1 taking the attack).
"""

from __future__ import annotations

from typing import Any

import pytest

from fieldkit.project import Project

from .test_attacks import as_member, doc, push, refused_push
from .test_attacks_cases import _gone, _history, _sync_all, _update

RULE = "added; only they or the team lead do that"


def _kept(p) -> dict[str, Any]:
    """What a copy holds of the three tables, by name and target (compared across copies)."""
    return {
        "searches": sorted((s.name, s.query) for s in p.index.saved_searches()),
        "queries": sorted((q.name, q.expression) for q in p.analysis.saved_queries()),
        "links": sorted((m.title, x.target, x.label, x.relation) for m in p.memos.all()
                        if m.source == "memo" for x in m.links)}


def _uuid(p, table: str, name: str) -> str:
    return str(p._store.value(f"SELECT uuid FROM {table} WHERE name = ?", (name,)))


def _link_uuid(p, memo_title: str) -> str:
    return str(p._store.value(
        "SELECT l.uuid FROM links l JOIN documents d ON d.id = l.from_document_id "
        "WHERE d.title = ?", (memo_title,)))


def _link_id(p, memo_title: str) -> int:
    (link,) = next(m for m in p.memos.all() if m.title == memo_title).links
    return link.id


def _relabel_link(p, memo_title: str, relation: str) -> None:
    """Change a link's relation in the app's store, as one undoable change the sync sends
    (the app itself only adds and removes links; an old or altered copy may send this)."""
    with p._store.change("Relabel link"):
        p._store.update("links", _link_id(p, memo_title), {"relation": relation})


@pytest.fixture
def annas(replicas):
    """Anna's saved search Kantbank, saved query Leren and her memo linked to Bezoek 1, on
    every copy."""
    team, lead, anna, bram = replicas
    anna.index.save_search("Kantbank", "kantbank")
    anna.analysis.save_query("Leren", "Voordoen OR Uitproberen")
    anna.memos.add("Anna's memo", "Over voordoen 😀, café\r\nen meer",
                   links=[("document", doc(anna, "Bezoek 1").id)])
    _sync_all(anna, lead, bram)
    return team, lead, anna, bram


ANNAS = {"searches": [("Kantbank", "kantbank")],
         "queries": [("Leren", "Voordoen OR Uitproberen")],
         "links": [("Anna's memo", "document", "Bezoek 1", "link")]}


def _change_then_delete(actor, others, search: str, query: str, relation: str) -> None:  # noqa: ANN001
    """``actor`` rewrites Anna's saved search, saved query and memo link, then deletes them;
    after each sync every copy holds exactly that."""
    everyone = (actor, *others)
    actor.index.save_search("Kantbank", search)
    actor.analysis.save_query("Leren", query)
    _relabel_link(actor, "Anna's memo", relation)
    _sync_all(actor, *others)
    for p in everyone:
        assert _kept(p) == {"searches": [("Kantbank", search)], "queries": [("Leren", query)],
                            "links": [("Anna's memo", "document", "Bezoek 1", relation)]}
    actor.index.delete_saved_search("Kantbank")
    actor.analysis.delete_query("Leren")
    actor.memos.unlink(_link_id(actor, "Anna's memo"))
    _sync_all(actor, *others)
    for p in everyone:
        assert _kept(p) == {"searches": [], "queries": [], "links": []}


def test_a_member_changes_and_deletes_their_own(annas) -> None:
    team, lead, anna, bram = annas
    for p in (lead, anna, bram):
        assert _kept(p) == ANNAS
    _change_then_delete(anna, (lead, bram), "kantbank OR lasrobot", "Voordoen AND Uitproberen",
                        "supports")
    # and through psql: her own rows are hers to change and delete
    bram.index.save_search("Lasrobot", "lasrobot")
    _sync_all(bram, anna, lead)
    mine = _uuid(bram, "saved_searches", "Lasrobot")
    with as_member(team, f"bram{team.db}") as conn:
        push(conn, [_update("saved_searches", mine, {"query": "robot"},
                            {"query": "lasrobot"})])
        push(conn, [_gone("saved_searches", mine)])
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert p.index.saved_searches() == []


@pytest.mark.parametrize("table,what", [("saved_searches", "saved search"),
                                        ("saved_queries", "saved coding query"),
                                        ("links", "memo link")])
def test_a_member_cannot_change_or_delete_anothers_with_psql(annas, table: str, what: str
                                                             ) -> None:
    team, lead, anna, bram = annas
    key, change = {
        "saved_searches": (_uuid(anna, "saved_searches", "Kantbank"),
                           ({"query": "niets"}, {"query": "kantbank"})),
        "saved_queries": (_uuid(anna, "saved_queries", "Leren"),
                          ({"name": "Weg", "expression": "Voordoen"},
                           {"name": "Leren", "expression": "Voordoen OR Uitproberen"})),
        "links": (_link_uuid(anna, "Anna's memo"),
                  ({"document_id": doc(anna, "Bezoek 2").uuid},
                   {"document_id": doc(anna, "Bezoek 1").uuid}))}[table]
    history = _history(team)
    said = f"changes a {what} that member anna{team.db} {RULE}"
    gone = f"deletes a {what} that member anna{team.db} {RULE}"
    with as_member(team, f"bram{team.db}") as conn:
        refused_push(conn, [_update(table, key, *change)], said)
        refused_push(conn, [_gone(table, key)], gone)
        # hidden behind a row the server would take
        refused_push(conn, [_update("documents", doc(anna, "Bezoek 2").uuid,
                                    {"title": "Bezoek 2b"}, {"title": "Bezoek 2"}),
                            _gone(table, key)], gone)
    assert _history(team) == history  # nothing of it was stored
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert _kept(p) == ANNAS
    # the lead may, through psql too; every copy follows
    with as_member(team, team.lead) as conn:
        push(conn, [_update(table, key, *change)])
        push(conn, [_gone(table, key)])
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert _kept(p) == {**ANNAS, {"saved_searches": "searches", "saved_queries": "queries",
                                      "links": "links"}[table]: []}


def _refused(report, member: str, what: tuple[str, ...]) -> None:  # noqa: ANN001
    """The sync report names each refused change, in order, with its maker and the rule."""
    assert len(report.refused) == len(what), report.refused
    for line, done in zip(report.refused, what, strict=True):
        assert f"{done} that {member} {RULE}" in line, report.refused


def test_a_refused_change_in_the_app_is_taken_back_and_named(annas) -> None:
    team, lead, anna, bram = annas
    history = _history(team)
    bram.index.save_search("kantbank", "lasrobot")  # the same name: anna's search
    bram.analysis.delete_query("Leren")
    bram.memos.unlink(_link_id(bram, "Anna's memo"))
    _relabel_link(anna, "Anna's memo", "supports")  # anna's own: goes through meanwhile
    anna.team.sync()
    assert _kept(bram) == {"searches": [("Kantbank", "lasrobot")], "queries": [], "links": []}
    report = bram.team.sync()
    member = f"member anna{team.db}"
    _refused(report, member, ("changes a saved search", "deletes a saved coding query",
                              "deletes a memo link"))
    assert all("\n" not in line for line in report.refused)
    assert "Refused by the server" in report.problem()
    assert len(_history(team)) == len(history) + 1  # anna's relabel only
    expected = {**ANNAS, "links": [("Anna's memo", "document", "Bezoek 1", "supports")]}
    assert _kept(bram) == expected  # taken back in bram's copy
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert _kept(p) == expected
    # the other way round: delete her search, change her query and her link
    bram.index.delete_saved_search("Kantbank")
    bram.analysis.save_query("LEREN", "Voordoen")
    _relabel_link(bram, "Anna's memo", "contradicts")
    assert _kept(bram) == {"searches": [], "queries": [("Leren", "Voordoen")],
                           "links": [("Anna's memo", "document", "Bezoek 1", "contradicts")]}
    report = bram.team.sync()
    _refused(report, member, ("deletes a saved search", "changes a saved coding query",
                              "changes a memo link"))
    assert len(_history(team)) == len(history) + 1
    _sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert _kept(p) == expected
    # bram's own work still flows
    bram.index.save_search("Lasrobot", "lasrobot")
    _sync_all(bram, lead, anna)
    assert ("Lasrobot", "lasrobot") in _kept(anna)["searches"]


def test_the_lead_changes_and_deletes_anyones_in_the_app(annas) -> None:
    team, lead, anna, bram = annas
    _change_then_delete(lead, (anna, bram), "kantbank NOT planner", "Voordoen", "contradicts")


def test_rows_present_at_publish_are_the_leads(team, tmp_path) -> None:
    lead = Project.create(tmp_path / "lead.fieldkit", language="nl")
    try:
        lead.set_coder("Lotte")
        lead.add_note(site="Metaal Oost", visit="2026-03-02", title="Bezoek 1",
                      text="Jan laat Piet zien hoe de kantbank werkt.")
        lead.add_code("Leren/Voordoen")
        lead.index.save_search("Kantbank", "kantbank")
        lead.analysis.save_query("Voordoen", "Voordoen")
        lead.memos.add("Lotte's memo", "over voordoen", links=[("code", "Leren/Voordoen")])
        lead.team.publish(team.lead_url)
        team.add(lead, f"bram{team.db}")
        bram = team.join(f"bram{team.db}", "Bram")
        try:
            rows = {"saved_searches": _uuid(bram, "saved_searches", "Kantbank"),
                    "saved_queries": _uuid(bram, "saved_queries", "Voordoen"),
                    "links": _link_uuid(bram, "Lotte's memo")}
            history = _history(team)
            with as_member(team, f"bram{team.db}") as conn:
                for table, what in (("saved_searches", "saved search"),
                                    ("saved_queries", "saved coding query"),
                                    ("links", "memo link")):
                    refused_push(conn, [_update(table, rows[table], {"created": "x"}, {})],
                                 f"changes a {what} that member {team.lead} {RULE}")
                    refused_push(conn, [_gone(table, rows[table])],
                                 f"deletes a {what} that member {team.lead} {RULE}")
            assert _history(team) == history
            before = _kept(lead)
            assert before["links"] == [("Lotte's memo", "code", "Leren/Voordoen", "link")]
            bram.index.delete_saved_search("Kantbank")
            assert len(bram.team.sync().refused) == 1
            assert _kept(bram) == _kept(lead) == before
        finally:
            bram.close()
    finally:
        lead.close()
