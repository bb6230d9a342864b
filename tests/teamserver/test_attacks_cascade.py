"""Attacks through the replicas' cascade and on rows keyed by more than one UUID, as a member
connected with psycopg under their own password (the follow-ups of issue 21; the helpers are
test_attacks.py's).

A replica deletes a row after everything that points at it. So a member who deleted a site,
visit, participant, case or set they made took other members' documents, codings and
memberships under it off every copy; and any member could take another's row out of a set or
case. Each test asserts the refusal, and afterwards that every copy converges, the victim's work
is intact on every copy and new work still flows; and that what stays allowed (one's own rows,
the owner of a set or case, the lead) still is.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from .test_attacks import anna_intact, as_member, coding_row, converged, doc, push, refused_push


@pytest.fixture
def coded(replicas):
    """The study with one coding by anna (the victim) on every copy (as in test_attacks)."""
    team, lead, anna, bram = replicas
    anna.code_text(doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen", memo="Anna's")
    for p in (anna, lead, bram):
        p.team.sync()
    (victim,) = anna.codings()
    return team, lead, anna, bram, coding_row(anna, victim.id)


def _uuid(p, table: str, column: str, value: Any) -> str:
    return str(p._store.value(f"SELECT uuid FROM {table} WHERE {column} = ?", (value,)))


def _gone(table: str, key: Any) -> dict[str, Any]:
    return {"t": table, "k": key, "op": "delete", "was": {}}


def _equal_everywhere(*copies) -> None:
    """Every copy syncs twice, skips nothing and ends equal (``converged`` once more: its
    proof that work flows codes the same span again, which adds nothing the second time)."""
    for _ in range(2):
        for p in copies:
            assert not p.team.sync().skipped
    assert all(p.team.canonical() == copies[0].team.canonical() for p in copies)


def _brams_work(p) -> tuple[Any, ...] | None:
    """Bram's note on this copy with where it hangs, its codings and its memberships."""
    found = p._store.row(
        "SELECT d.title, s.name, v.date, pp.pseudonym, "
        "(SELECT count(*) FROM codings g WHERE g.document_id = d.id), "
        "(SELECT count(*) FROM case_documents c WHERE c.document_id = d.id), "
        "(SELECT count(*) FROM set_members m WHERE m.document_id = d.id) "
        "FROM documents d JOIN sites s ON s.id = d.site_id JOIN visits v ON v.id = d.visit_id "
        "JOIN participants pp ON pp.id = d.participant_id WHERE d.title = 'Notitie van Bram'")
    return None if found is None else tuple(found)


def _bram_works_under_annas(anna, bram, lead) -> dict[str, str]:
    """Anna makes a site with a visit, a participant, a case, a set and a code; Bram writes a
    note at that visit about that participant, codes it with her code and puts it in her case
    and set. Returns the UUIDs of Anna's rows."""
    site = anna._store.add_site("Kunststof West")
    anna._store.add_visit(site, "2026-04-01")
    # Kees works at another of anna's sites: bram's note hangs on that one through Kees
    anna._store.add_participant("Kees", site_id=anna._store.add_site("Tweede hal"))
    anna._store.add_case("Ploeg A")
    anna.sets.add("Set van Anna", "documents", [doc(anna, "Bezoek 1").id])
    anna.add_code("Leren/Van Anna")
    anna._store.add_site("Leeg terrein")
    anna.team.sync()
    bram.team.sync()
    bram.add_note(site="Kunststof West", visit="2026-04-01", title="Notitie van Bram",
                  text="Kees helpt een nieuwe collega 😀 met de pers.\r\nDaarna alleen.")
    note = doc(bram, "Notitie van Bram")
    kees = bram._store.participant_by_pseudonym("Kees")
    assert kees is not None
    bram._store.update_document(note.id, {"participant_id": kees.id})
    bram.code_text(note.id, 0, 4, "Leren/Van Anna")
    bram.code_text(note.id, 5, 10, "Leren/Voordoen")
    bram._store.add_to_case(int(bram._store.value("SELECT id FROM cases WHERE name = 'Ploeg A'")),
                           document_id=note.id)
    bram.sets.extend("Set van Anna", [note.id])
    for p in (bram, anna, lead):
        p.team.sync()
    return {"sites": _uuid(anna, "sites", "name", "Kunststof West"),
            "visits": _uuid(anna, "visits", "date", "2026-04-01"),
            "participants": _uuid(anna, "participants", "pseudonym", "Kees"),
            "cases": _uuid(anna, "cases", "name", "Ploeg A"),
            "sets": _uuid(anna, "sets", "name", "Set van Anna"),
            "codes": anna.code("Leren/Van Anna").uuid,
            "empty": _uuid(anna, "sites", "name", "Leeg terrein"),
            "through": _uuid(anna, "sites", "name", "Tweede hal")}


def test_a_member_cannot_delete_what_others_work_hangs_on(coded) -> None:
    team, lead, anna, bram, victim = coded
    bram_member = f"bram{team.db}"
    annas = _bram_works_under_annas(anna, bram, lead)
    before = _brams_work(bram)
    assert before == ("Notitie van Bram", "Kunststof West", "2026-04-01", "Kees", 2, 1, 1)
    with as_member(team, f"anna{team.db}") as conn:
        # each of these is anna's own row; the replicas would take bram's work with it
        for table in ("sites", "visits", "participants", "cases", "sets"):
            refused_push(conn, [_gone(table, annas[table])],
                         f"deletes a row of {table} on which member {bram_member}'s")
        refused_push(conn, [_gone("codes", annas["codes"])], "only the team lead")
        # two steps away: the site of anna's participant Kees, whom bram's note is about
        refused_push(conn, [_gone("sites", annas["through"])],
                     f"deletes a row of sites on which member {bram_member}'s documents")
        # a move carries bram's note along: anna's visit to her other site, his note's site
        refused_push(conn, [{"t": "visits", "k": annas["visits"], "op": "update",
                             "set": {"site_id": annas["empty"]},
                             "was": {"site_id": annas["sites"]}}],
                     f"moves a row of visits on which member {bram_member}'s documents")
        refused_push(conn, [{"t": "documents", "k": doc(anna, "Notitie van Bram").uuid,
                             "op": "update", "set": {"site_id": annas["empty"]},
                             "was": {"site_id": annas["sites"]}}],
                     f"moves a row of documents on which member {bram_member}'s codings")
        # naming bram's rows in the same change set does not help: they are his
        refused_push(conn, [_gone("documents", doc(anna, "Notitie van Bram").uuid),
                            _gone("sites", annas["sites"])], f"belongs to member {bram_member}")
        # what hangs on nothing of anna's own may go, her own empty site
        push(conn, [_gone("sites", annas["empty"])])
    converged(lead, anna, bram)
    for p in (lead, anna, bram):
        assert _brams_work(p) == before, p.path
        assert p._store.value("SELECT count(*) FROM sites WHERE name = 'Leeg terrein'") == 0
    anna_intact(anna, victim, lead, bram)


def test_the_lead_may_delete_what_others_work_hangs_on_and_every_copy_follows(coded) -> None:
    team, lead, anna, bram, victim = coded
    annas = _bram_works_under_annas(anna, bram, lead)
    with as_member(team, team.lead) as conn:  # no command deletes a site: the API directly
        push(conn, [_gone("sites", annas["sites"])])
    converged(lead, anna, bram)
    for p in (lead, anna, bram):
        assert _brams_work(p) is None
        assert p._store.value("SELECT count(*) FROM documents WHERE title = 'Notitie van Bram'"
                             ) == 0
        assert p._store.value("SELECT count(*) FROM visits") == 2  # the lead's two, no more
        assert p._store.value("SELECT count(*) FROM codings g JOIN coders c "
                             "ON c.id = g.coder_id WHERE c.name = 'Bram'") == 0
    anna_intact(anna, victim, lead, bram)
    # the server knows the cascade: bram's coding is gone there too, so anna may now delete
    # her participant, whose only dependant was bram's note
    with as_member(team, f"anna{team.db}") as conn:
        push(conn, [_gone("participants", annas["participants"])])
    _equal_everywhere(lead, anna, bram)
    assert lead._store.value("SELECT count(*) FROM participants WHERE pseudonym = 'Kees'") == 0


def test_memberships_belong_to_whoever_added_them(coded) -> None:
    team, lead, anna, bram, victim = coded
    anna_member = f"anna{team.db}"
    one, two = doc(anna, "Bezoek 1"), doc(anna, "Bezoek 2")
    anna.sets.add("Set van Anna", "documents", [one.id])
    case = anna._store.add_case("Ploeg A")
    anna._store.add_to_case(case, document_id=one.id,
                           participant_id=anna._store.add_participant("Kees"))
    anna.team.sync()
    bram.team.sync()
    bram.sets.extend("Set van Anna", [doc(bram, "Bezoek 2").id])
    bram._store.add_to_case(int(bram._store.value("SELECT id FROM cases")),
                           document_id=doc(bram, "Bezoek 2").id)
    for p in (bram, anna, lead):
        p.team.sync()
    the_set = _uuid(anna, "sets", "name", "Set van Anna")
    the_case = _uuid(anna, "cases", "name", "Ploeg A")
    annas_in_set, brams_in_set = [the_set, one.uuid, None], [the_set, two.uuid, None]
    annas_in_case, brams_in_case = [the_case, one.uuid], [the_case, two.uuid]
    with as_member(team, f"bram{team.db}") as conn:
        # anna's rows in anna's set and case: not bram's to take out
        refused_push(conn, [_gone("set_members", annas_in_set)],
                     f"takes a row of set_members that member {anna_member} added out of a set")
        refused_push(conn, [_gone("case_documents", annas_in_case)],
                     f"member {anna_member} added out of a case")
        kees = _uuid(anna, "participants", "pseudonym", "Kees")
        refused_push(conn, [_gone("case_participants", [the_case, kees])],
                     f"member {anna_member} added out of a case")
        # nor by moving them: a member's key is what it is
        refused_push(conn, [{"t": "set_members", "k": annas_in_set, "op": "update",
                             "set": {"document_id": two.uuid}}], "keeps its set_id")
        push(conn, [_gone("set_members", brams_in_set)])  # his own
    with as_member(team, anna_member) as conn:
        push(conn, [_gone("case_documents", brams_in_case)])  # the case's owner
    with as_member(team, team.lead) as conn:
        push(conn, [_gone("case_documents", annas_in_case)])  # the lead
    converged(lead, anna, bram)
    for p in (lead, anna, bram):
        assert p.sets.members("Set van Anna", "documents") == [doc(p, "Bezoek 1").id]
        assert p._store.value("SELECT count(*) FROM case_documents") == 0
    # bram adds one again; anna, the set's owner, deletes her set with it in the app: the
    # change set names every membership it takes (hers and his) and the server lets her
    bram.sets.extend("Set van Anna", [doc(bram, "Bezoek 2").id])
    bram.team.sync()
    anna.team.sync()
    anna.sets.delete("Set van Anna")
    report = anna.team.sync()
    assert not report.refused, report.refused
    _equal_everywhere(lead, anna, bram)
    for p in (lead, anna, bram):
        assert p._store.value("SELECT count(*) FROM sets") == 0
        assert p._store.value("SELECT count(*) FROM set_members") == 0
    anna_intact(anna, victim, lead, bram)


def test_the_record_of_what_points_at_what_is_the_servers_own(coded) -> None:
    team, lead, anna, bram, victim = coded
    with as_member(team, f"bram{team.db}") as conn:
        for statement in ("SELECT * FROM fieldkit.refs",
                          "INSERT INTO fieldkit.refs VALUES ('codings', 'x', 'y', 'z', 'w')",
                          "DELETE FROM fieldkit.refs",
                          "UPDATE fieldkit.columns SET ref = NULL",
                          "SELECT * FROM fieldkit.dependants('documents', 'x')",
                          "SELECT fieldkit.others_depending('documents', 'x', 'y')",
                          "SELECT fieldkit.key_text('[1]')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)  # type: ignore[arg-type]
    converged(lead, anna, bram)
    anna_intact(anna, victim, lead, bram)
