"""The team's rules, held by the server: members write only as themselves (RLS), a coder's
codings are their member's, locks expire, blind coding holds until release, a change set
pushed twice is applied once."""

from __future__ import annotations

import json

import psycopg
import pytest

from fieldkit.core.errors import BadInput
from fieldkit.core.model import new_uuid, utc_now
from fieldkit.storage.team_server import Server, ServerRefused


def _doc(p, title: str):
    return p.document(next(d for d in p.documents() if d.title == title).id)


def test_a_member_cannot_write_as_another(published) -> None:
    team, lead = published
    bram = f"bram{team.db}"
    with psycopg.connect(team.member_url(bram), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security
            conn.execute("INSERT INTO fieldkit.change_sets (seq, uuid, member, made, body) "
                         "VALUES (999, %s, %s, %s, '[]')", (new_uuid(), f"anna{team.db}",
                                                            utc_now()))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # history is append-only
            conn.execute("DELETE FROM fieldkit.change_sets")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE fieldkit.change_sets SET label = 'x'")


def test_a_coders_codings_belong_to_their_member(replicas) -> None:
    team, lead, anna, bram = replicas
    anna.code_text(_doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
    anna.team.sync()
    bram.team.sync()
    coding = bram.codings()[0]
    bram.set_coder("Anna")  # bram pretends to be Anna and removes her coding
    bram.uncode(coding.id)
    report = bram.team.sync()
    assert report.refused and "belong" in report.refused[0]
    assert len(bram.codings()) == 1  # taken back here, as the server refused it
    anna.team.sync()
    assert len(anna.codings()) == 1
    assert anna.team.canonical() == bram.team.canonical()


def test_the_server_refuses_a_coder_restructuring_the_codebook(published) -> None:
    team, lead = published
    code_uuid = lead.code("Leren/Voordoen").uuid
    with Server(team.member_url(f"anna{team.db}")) as server:
        with pytest.raises(ServerRefused, match="lead"):
            server.push([{"uuid": new_uuid(), "at": utc_now(), "coder": "Anna",
                          "label": "Rename", "body": [{"t": "codes", "k": code_uuid,
                                                       "op": "update", "set": {"name": "X"},
                                                       "was": {"name": "Voordoen"}}]}])


def test_the_same_change_set_pushed_twice_applies_once(published) -> None:
    team, lead = published
    change = {"uuid": new_uuid(), "at": utc_now(), "coder": "Lotte", "label": "Add code",
              "body": [{"t": "codes", "k": new_uuid(), "op": "insert",
                        "set": {"uuid": None, "parent_id": None, "name": "Dubbel",
                                "colour": "#808080", "definition": "", "inclusion": "",
                                "exclusion": "", "example": "", "memo": "", "position": 0}}]}
    change["body"][0]["set"]["uuid"] = change["body"][0]["k"]
    with Server(team.lead_url) as server:
        first = server.push([change])
        second = server.push([change])
        assert first == second
        count = server.conn.execute("SELECT count(*) FROM fieldkit.change_sets WHERE uuid = %s",
                                    (change["uuid"],)).fetchone()[0]
        assert count == 1
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        assert [c.name for _, c, _, _ in anna.codes_with_counts()].count("Dubbel") == 1
    finally:
        anna.close()


def test_an_edit_lock_holds_then_expires(replicas) -> None:
    team, lead, anna, bram = replicas
    doc = _doc(anna, "Bezoek 2")
    anna.edit_text(doc.id, doc.text + " Anna vult aan.")  # takes the lock itself
    with pytest.raises(BadInput, match=f"anna{team.db}"):
        bram.edit_text(_doc(bram, "Bezoek 2").id, "Bram schrijft alles over.")
    with pytest.raises(BadInput, match="being edited"):
        bram.team.lock(_doc(bram, "Bezoek 2").id)
    anna.team.sync()
    # a quarter of an hour later (the server's clock moved on): anna's lock has expired
    team.pg.sql("UPDATE fieldkit.locks SET expires = now() - interval '1 minute'", team.db)
    state = bram.team.lock(_doc(bram, "Bezoek 2").id)
    assert state.mine and state.member == f"bram{team.db}"
    with pytest.raises(BadInput, match=f"bram{team.db}"):
        anna.team.lock(doc.id)
    bram.team.sync()
    assert bram.document(_doc(bram, "Bezoek 2").id).text.endswith("Anna vult aan.")
    bram.edit_text(_doc(bram, "Bezoek 2").id, "Bram herschrijft. Anna vult aan.")
    bram.team.sync()
    anna.team.sync()
    assert anna.document(doc.id).text == "Bram herschrijft. Anna vult aan."


def test_an_edit_made_under_an_expired_lock_someone_else_took_is_refused(replicas) -> None:
    team, lead, anna, bram = replicas
    doc = _doc(anna, "Bezoek 2")
    anna.team.lock(doc.id)
    team.pg.sql("UPDATE fieldkit.locks SET expires = now() - interval '1 minute'", team.db)
    bram.team.lock(_doc(bram, "Bezoek 2").id)  # bram takes it over
    anna.edit_text(doc.id, "Anna dacht dat ze het slot nog had.")  # her copy says so
    report = anna.team.sync()
    assert report.refused and "edit lock" in report.refused[0]
    assert anna.document(doc.id).text == doc.text  # taken back
    assert anna.team.status().to_send == 0


def test_offline_text_edit_of_a_shared_note_is_refused_but_coding_goes_on(published) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        doc = _doc(anna, "Bezoek 1")
        team.pg.stop()
        try:
            with pytest.raises(BadInput, match="edit lock"):
                anna.edit_text(doc.id, "Weg ermee.")
            assert anna.document(doc.id).text == doc.text
            anna.code_text(doc.id, 0, 3, "Leren/Voordoen")
            note = anna.add_note(site="Metaal Oost", title="Eigen notitie", text="Eerste versie.")
            anna.edit_text(note.id, "Tweede versie.")  # own, unsent: no lock needed
        finally:
            team.pg.start()
        anna.team.sync()
        lead.team.sync()
        assert _doc(lead, "Eigen notitie").text == "Tweede versie."
    finally:
        anna.close()


def test_text_edits_re_anchor_codings_on_every_replica(published) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        doc = _doc(anna, "Bezoek 1")
        at = doc.text.index("kantbank")
        anna.code_text(doc.id, at, at + len("kantbank"), "Leren/Voordoen")  # not sent yet
        lead_doc = _doc(lead, "Bezoek 1")
        lead.edit_text(lead_doc.id, "Vandaag: " + lead_doc.text)
        lead.team.sync()
        anna.team.sync()  # the edit arrives under anna's coding, which moves with its word
        lead.team.sync()
        for p in (anna, lead):
            (coding,) = p.codings()
            text = p.document(coding.document_id).text
            assert text[coding.start:coding.end] == "kantbank"
        assert anna.team.canonical() == lead.team.canonical()
    finally:
        anna.close()


def test_blind_coding_holds_until_release(published) -> None:
    team, lead = published
    lead.sets.add("Ronde 1", "documents", [_doc(lead, "Bezoek 1").id])
    lead.team.sync()
    assert lead.team.make_blind("Ronde 1") == 1
    anna = team.join(f"anna{team.db}", "Anna")
    bram = team.join(f"bram{team.db}", "Bram")
    try:
        anna.code_text(_doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
        anna.code_text(_doc(anna, "Bezoek 2").id, 0, 4, "Leren/Voordoen")  # not blind
        bram.code_text(_doc(bram, "Bezoek 1").id, 4, 8, "Leren/Uitproberen")
        for p in (anna, bram, anna, bram, lead):
            p.team.sync()
        assert {bram.coder_name(c.coder_id) for c in bram.codings()} == {"Anna", "Bram"}
        assert len(bram.codings()) == 2  # Anna's blind coding is not there, her other one is
        assert len(anna.codings()) == 2
        assert len(lead.codings()) == 1
        with psycopg.connect(team.member_url(f"bram{team.db}")) as conn:  # not even readable
            bodies = [json.dumps(r[0]) for r in conn.execute(
                "SELECT body FROM fieldkit.change_sets")]
            assert not any('"doc": "' + _doc(lead, "Bezoek 1").uuid in b and "Anna" in b
                           for b in bodies)
        with pytest.raises(BadInput, match="lead"):
            anna.team.release("Ronde 1")
        lead.team.release("Ronde 1")
        for p in (anna, bram, lead):
            p.team.sync()
        assert len(bram.codings()) == len(anna.codings()) == len(lead.codings()) == 3
        assert anna.team.canonical() == bram.team.canonical() == lead.team.canonical()
    finally:
        anna.close()
        bram.close()


def test_rows_the_schema_refuses_are_refused_and_rows_a_copy_cannot_store_skipped_alike(
        published) -> None:
    team, lead = published
    code_uuid = new_uuid()
    code = {"t": "codes", "k": code_uuid, "op": "insert",
            "set": {"uuid": code_uuid, "parent_id": None, "name": "Uit de toekomst",
                    "colour": "#808080", "position": 0}}
    with Server(team.lead_url) as server:
        for bad, why in [
                ({**code, "set": {**code["set"], "future_field": "x"}}, "no field future_field"),
                ({"t": "future_table", "k": new_uuid(), "op": "insert", "set": {"a": 1}},
                 "not a table"),
        ]:
            with pytest.raises(ServerRefused, match=why):
                server.push([{"uuid": new_uuid(), "at": utc_now(), "coder": "Lotte",
                              "label": "From a newer version", "body": [code, bad]}])
        # the schema allows it, this copy's NOT NULL does not: skipped on every copy alike
        site = new_uuid()
        server.push([{"uuid": new_uuid(), "at": utc_now(), "coder": "Lotte",
                      "label": "A site without a name",
                      "body": [code, {"t": "sites", "k": site, "op": "insert",
                                      "set": {"uuid": site, "description": "geen naam"}}]}])
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        report = lead.team.sync()
        assert any("sites" in line for line in report.skipped)
        assert lead.code(code_uuid).name == "Uit de toekomst"
        assert anna.code(code_uuid).name == "Uit de toekomst"
        assert anna.team.canonical() == lead.team.canonical()
    finally:
        anna.close()
