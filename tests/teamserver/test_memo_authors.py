"""Memo writers travel with their memos to every copy (issue 25, defect 6), and the team server
lets no member sign a memo with another member's coder, however the rows are sent (a member
with psql and the API)."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest

from fieldkit.core.errors import BadInput
from fieldkit.core.model import new_uuid, utc_now
from fieldkit.storage import memo_authors
from fieldkit.storage.team_server import Server, without_memo_authors
from tests.teamserver.test_attacks import as_member, coder_uuid, converged, doc, push


def writers(p: Any) -> dict[str, tuple[str, ...]]:
    """Every memo by title: its text, last writer, first author and their times."""
    return {m.title: (m.text, m.author, m.created_by, m.modified, m.created)
            for m in p.memos.all()}


def test_memo_writers_reach_every_copy(replicas) -> None:
    team, lead, anna, bram = replicas
    coding = anna.code_text(doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen",
                            memo="Anna schrijft eerst")
    anna.memos.set_document_memo(doc(anna, "Bezoek 2").id, "Anna over bezoek 2")
    made = bram.memos.add("Bram denkt", "Over voordoen 🙂 en café", type="reflexive")
    for p in (anna, bram, lead, anna, bram):
        p.team.sync()
    # the lead (Lotte) rewrites Bram's memo document and Anna's document memo
    lead.memos.update(made.uuid, text="Lotte vult aan")
    lead.memos.set_document_memo(doc(lead, "Bezoek 2").id, "Lotte over bezoek 2")
    lead.team.sync()
    converged(lead, anna, bram)
    seen = writers(lead)
    assert seen["Bram denkt"][1:3] == ("Lotte", "Bram")
    assert seen["Bezoek 2"][:3] == ("Lotte over bezoek 2", "Lotte", "Anna")
    coding_memo = next(m for m in lead.memos.all() if m.source == "coding memo")
    assert (coding_memo.author, coding_memo.created_by) == ("Anna", "Anna")
    for p in (anna, bram):
        assert writers(p) == seen
    on_bram = bram.coding(bram._store.resolve("codings", coding.uuid))
    assert bram.coder_name(on_bram.memo_modified_by) == "Anna"
    assert on_bram.memo_modified == coding.memo_modified != ""


def test_a_member_cannot_sign_a_memo_with_another_members_coder(replicas) -> None:
    team, lead, anna, bram = replicas
    anna.memos.set_document_memo(doc(anna, "Bezoek 1").id, "Anna's memo")
    anna.team.sync()
    bram.code_text(doc(bram, "Bezoek 2").id, 0, 4, "Leren/Voordoen")  # Bram: bram's coder
    bram.team.sync()
    lead.team.sync()
    d = doc(bram, "Bezoek 1")
    anna_coder = coder_uuid(bram, "Anna")
    bram_coder = coder_uuid(bram, "Bram")
    with as_member(team, f"bram{team.db}") as conn:
        # a document memo rewritten and signed with Anna's coder
        forged = {"t": "documents", "k": d.uuid, "op": "update",
                  "set": {"memo": "Anna vindt het onzin", "memo_modified_by": anna_coder},
                  "was": {"memo": "Anna's memo", "memo_modified_by": anna_coder}}
        with pytest.raises(psycopg.errors.RaiseException, match="belongs to member anna"):
            push(conn, [forged])
        # ... or rewritten leaving her name on it (no writer sent with the text)
        quiet = {**forged, "set": {"memo": "Anna vindt het onzin"}, "was": {"memo": "x"}}
        with pytest.raises(psycopg.errors.RaiseException, match="without naming"):
            push(conn, [quiet])
        # a new memo document whose details name Anna as its author
        key = new_uuid()
        now = utc_now()
        memo_doc = {"t": "documents", "k": key, "op": "insert", "set": {
            "uuid": key, "kind": "memo", "title": "Van Anna", "text": "niet van Anna",
            "chars": 13, "created": now, "modified": now}}
        details = {"t": "memo_info", "k": key, "op": "insert", "set": {
            "document_id": key, "type": "reflexive", "author": "Anna", "date": now[:10],
            "created_by": anna_coder, "modified_by": anna_coder}}
        with pytest.raises(psycopg.errors.RaiseException, match="belongs to member anna"):
            push(conn, [memo_doc, details])
        # ... or names nobody, so that the name typed would show
        unsigned = {**details, "set": {**details["set"], "created_by": None,
                                       "modified_by": None}}
        with pytest.raises(psycopg.errors.RaiseException, match="without naming"):
            push(conn, [memo_doc, unsigned])
        # a code's memo signed by Anna
        code = bram.code("Leren/Voordoen")
        with pytest.raises(psycopg.errors.RaiseException, match="belongs to member anna"):
            push(conn, [{"t": "codes", "k": code.uuid, "op": "update",
                         "set": {"memo": "x", "memo_by": anna_coder,
                                 "memo_modified_by": anna_coder}, "was": {}}])
        # signed with his own coder, the same rows are fine
        signed = {**details, "set": {**details["set"], "author": "Bram",
                                     "created_by": bram_coder, "modified_by": bram_coder}}
        assert len(push(conn, [memo_doc, signed])) == 1
    # Anna's memo document, rewritten by Bram under her name (its details not sent)
    anna_memo = anna.memos.add("Anna's dagboek", "van Anna")
    anna.team.sync()
    with as_member(team, f"bram{team.db}") as conn:
        rewrite = {"t": "documents", "k": anna_memo.uuid, "op": "update",
                   "set": {"text": "niet van Anna", "chars": 13}, "was": {}}
        with pytest.raises(psycopg.errors.RaiseException, match="without naming"):
            push(conn, [rewrite])
        # an edit lock does not change that; his own name on it does
        conn.execute("SELECT fieldkit.take_lock(%s, 'Bram', 5)", (anna_memo.uuid,))
        with pytest.raises(psycopg.errors.RaiseException, match="without naming"):
            push(conn, [rewrite])
        sign = {"t": "memo_info", "k": anna_memo.uuid, "op": "update",
                "set": {"modified_by": bram_coder}, "was": {}}
        assert len(push(conn, [rewrite, sign])) == 1
    converged(lead, anna, bram)
    assert writers(lead)["Anna's dagboek"][:3] == ("niet van Anna", "Bram", "Anna")
    assert writers(anna)["Van Anna"][1:3] == ("Bram", "Bram")
    assert writers(lead)["Bezoek 1"][:2] == ("Anna's memo", "Anna")


def test_in_a_team_undo_does_not_sign_a_colleagues_memo_again(replicas) -> None:
    """Bram rewrites Anna's memo, then undoes: that would put Anna's name back on a change
    Bram sends, which the server refuses from him; his copy says so and changes nothing. A
    hand-made change that signs with Anna is refused the same way; Anna's own undo works."""
    team, lead, anna, bram = replicas
    anna.memos.set_document_memo(doc(anna, "Bezoek 1").id, "van Anna")
    anna.team.sync()
    bram.team.sync()
    d = doc(bram, "Bezoek 1")
    bram.memos.set_document_memo(d.id, "Bram vult aan")
    bram.team.sync()
    with pytest.raises(BadInput, match="sign a memo with Anna's name"):
        bram.undo()
    assert bram.document(d.id).memo == "Bram vult aan"
    anna_id = bram._store.coder_by_name("Anna").id  # type: ignore[union-attr]
    with pytest.raises(BadInput, match="Anna's name"):
        bram._store.update_document(d.id, {"memo": "vervalst", "memo_modified_by": anna_id})
    assert bram.document(d.id).memo == "Bram vult aan"
    # Anna's own undo works: her text again, under her name
    anna.team.sync()
    anna.memos.set_document_memo(doc(anna, "Bezoek 2").id, "Anna over bezoek 2")
    anna.memos.set_document_memo(doc(anna, "Bezoek 2").id, "Anna nog eens")
    anna.undo()
    converged(lead, anna, bram)
    seen = writers(lead)
    assert seen["Bezoek 1"][:2] == ("Bram vult aan", "Bram")
    assert seen["Bezoek 2"][:2] == ("Anna over bezoek 2", "Anna")
    assert writers(bram) == seen


def test_a_server_set_up_before_memo_writers_gets_rows_without_them(replicas) -> None:
    """A team server of an earlier fieldkit knows no memo writer fields: a copy sends its rows
    without them (the memos themselves still travel)."""
    team, lead, anna, bram = replicas
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        conn.execute("DELETE FROM fieldkit.team WHERE key = 'row_spec'")
        for table, columns in memo_authors.ADDED.items():
            conn.execute("DELETE FROM fieldkit.columns WHERE t = %s AND col = ANY(%s)",
                         (table, list(columns)))
    with Server(team.member_url(f"anna{team.db}")) as server:
        assert not server.knows_memo_authors()
    anna.code_text(doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen", memo="Anna's")
    anna.memos.add("Anna denkt", "tekst")
    report = anna.team.sync()
    assert not report.refused, report.refused
    lead.team.sync()
    assert writers(lead)["Anna denkt"][0] == "tekst"
    coding_memo = next(m for m in lead.memos.all() if m.source == "coding memo")
    assert (coding_memo.text, coding_memo.author) == ("Anna's", "Anna")  # its coder's
    # what was sent: no writer fields at all
    with psycopg.connect(team.pg.url(db=team.db), autocommit=True) as conn:
        bodies = [json.dumps(b) for (b,) in conn.execute(
            "SELECT body FROM fieldkit.change_sets")]
    assert bodies and not any("memo_modified_by" in b or "created_by" in b for b in bodies)
    sample = [{"uuid": "u", "body": [{"t": "codings", "k": "x", "op": "update",
                                      "set": {"memo": "m", "memo_by": "c"}, "was": {}}]}]
    assert without_memo_authors(sample)[0]["body"][0]["set"] == {"memo": "m"}
