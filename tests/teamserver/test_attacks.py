"""Attacks on the team server by an ordinary member, connected with psycopg under their own
password (as with plain psql), as issue 21 saw them. Each asserts that the server refuses the
attack (or that it is harmless) and that afterwards every copy converges, the victim's codings
are intact and new work still flows. ``test_the_suite_can_fail`` runs one attack against the
old grants and sees it succeed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from fieldkit.cli import main
from fieldkit.core.model import new_uuid, utc_now
from fieldkit.storage import team_server_sql
from fieldkit.storage.team_server import Listener, Server, ServerRefused

REFUSED = (psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)


# -- helpers ------------------------------------------------------------------------------


@contextmanager
def as_member(team, name: str) -> Iterator[psycopg.Connection]:
    """A member's own connection, as psql would give them (pgpass holds their password)."""
    with psycopg.connect(team.member_url(name), autocommit=True) as conn:
        yield conn


def push(conn: psycopg.Connection, *bodies: list[dict[str, Any]], label: str = "attack",
         **extra: Any) -> list[tuple[str, int]]:
    sets = [{"uuid": new_uuid(), "at": utc_now(), "coder": "X", "label": label, "body": b,
             **extra} for b in bodies]
    return conn.execute("SELECT uuid, seq FROM fieldkit.push(%s::jsonb)",
                        (json.dumps(sets),)).fetchall()


def refused(conn: psycopg.Connection, statement: str, params: Any = None,
            match: str = "") -> None:
    """The statement fails with a refusal (a missing right, or the API's own message)."""
    with pytest.raises(REFUSED, match=match or None):
        conn.execute(statement, params)  # type: ignore[arg-type]


def refused_push(conn: psycopg.Connection, body: list[dict[str, Any]], match: str) -> None:
    with pytest.raises(psycopg.errors.RaiseException, match=match):
        push(conn, body)


def doc(p, title: str):
    return p.document(next(d for d in p.documents() if d.title == title).id)


def coder_uuid(p, name: str) -> str:
    return str(p._store.value("SELECT uuid FROM coders WHERE name = ?", (name,)))


def coding_row(p, coding_id: int) -> dict[str, Any]:
    c = p._store.row("SELECT g.*, d.uuid AS d, k.uuid AS k, c.uuid AS c FROM codings g "
                    "JOIN documents d ON d.id = g.document_id JOIN codes k ON k.id = g.code_id "
                    "JOIN coders c ON c.id = g.coder_id WHERE g.id = ?", (coding_id,))
    return dict(c)


def new_coding(p, coder: str, document: str, code: str, start: int = 0, end: int = 3,
               **fields: Any) -> dict[str, Any]:
    k = new_uuid()
    values = {"uuid": k, "document_id": document, "code_id": code, "coder_id": coder,
              "start": start, "end": end, "quote": "", "before": "", "after": "", "x": None,
              "y": None, "width": None, "height": None, "memo": "", "created": utc_now(),
              "orphaned": 0, "start_ms": None, "end_ms": None, **fields}
    return {"t": "codings", "k": k, "op": "insert", "set": values, "coder": coder,
            "doc": document}


def everyone(lead, *members) -> list:
    return [lead, *members]


def converged(lead, *members) -> None:
    """Everyone syncs twice; every copy is equal, and work still flows (a member's coding
    reaches the lead)."""
    for _ in range(2):
        for p in everyone(lead, *members):
            report = p.team.sync()
            assert not report.skipped, report.skipped
    first = lead.team.canonical()
    for p in members:
        assert p.team.canonical() == first
    if members:
        m = members[0]
        before = len(lead.codings())
        m.code_text(doc(m, "Bezoek 2").id, 0, 4, "Leren/Uitproberen")
        m.team.sync()
        lead.team.sync()
        assert len(lead.codings()) == before + 1
        for p in members[1:]:
            p.team.sync()
        assert all(p.team.canonical() == lead.team.canonical() for p in members)


@pytest.fixture
def coded(replicas):
    """The study with one coding by anna (the victim) on every copy."""
    team, lead, anna, bram = replicas
    anna.code_text(doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen", memo="Anna's")
    anna.team.sync()
    lead.team.sync()
    bram.team.sync()
    (victim,) = anna.codings()
    return team, lead, anna, bram, coding_row(anna, victim.id)


def anna_intact(anna, victim: dict[str, Any], *others) -> None:
    for p in (anna, *others):
        found = p._store.row("SELECT g.start, g.\"end\", g.memo, c.name FROM codings g "
                            "JOIN coders c ON c.id = g.coder_id WHERE g.uuid = ?",
                            (victim["uuid"],))
        assert found is not None, "anna's coding is gone"
        assert (found[0], found[1], found[2], found[3]) == (victim["start"], victim["end"],
                                                            victim["memo"], "Anna")


# -- 1. is_lead() was true for every member -----------------------------------------------


def test_a_member_cannot_make_themselves_lead_or_release_or_snapshot(coded) -> None:
    team, lead, anna, bram, victim = coded
    me = f"bram{team.db}"
    lead.sets.add("Ronde 1", "documents", [doc(lead, "Bezoek 2").id])
    lead.team.sync()
    lead.team.make_blind("Ronde 1")
    anna.team.sync()
    anna.code_text(doc(anna, "Bezoek 2").id, 5, 9, "Leren/Voordoen")  # blind, hidden
    anna.team.sync()
    with as_member(team, me) as conn:
        assert conn.execute("SELECT fieldkit.is_lead()").fetchone()[0] is False
        refused(conn, "UPDATE fieldkit.members SET role = 'lead' WHERE name = %s", (me,))
        refused(conn, "UPDATE fieldkit.members SET role = 'coder' WHERE name = %s", (team.lead,))
        refused(conn, "INSERT INTO fieldkit.members VALUES ('mallory', 'lead')")
        refused(conn, "SELECT fieldkit.add_member(%s, 'lead')", (me,), match="only the team lead")
        refused(conn, "UPDATE fieldkit.blind_sets SET released_seq = 1")
        blind = conn.execute("SELECT set_uuid FROM fieldkit.blind_sets").fetchone()[0]
        refused(conn, "SELECT fieldkit.release(%s, %s::jsonb)",
                (blind, json.dumps({"uuid": new_uuid(), "at": utc_now(), "body": []})),
                match="only the team lead")
        refused(conn, "SELECT fieldkit.make_blind(%s, 'x', '{}')", (blind,),
                match="only the team lead")
        refused(conn, "INSERT INTO fieldkit.snapshots (seq, sha256, size) VALUES (0, 'x', 1)")
        refused(conn, "SELECT fieldkit.stage_chunk('snapshot', '', 0, 'x')",
                match="only the team lead")
        refused(conn, "SELECT fieldkit.store_snapshot(0, '[]')", match="only the team lead")
        refused(conn, "SELECT fieldkit.remove_member(%s)", (team.lead,), match="only the team")
        refused(conn, "SELECT fieldkit.set_fact('change_set_limit', '999999999')",
                match="only the team lead")
        # a release disguised as an ordinary push
        with pytest.raises(psycopg.errors.RaiseException, match="only the team lead"):
            push(conn, [], kind="release")
    with Server(team.lead_url) as server:
        roles = {m.name: m.role for m in server.members()}
        assert roles[me] == "coder" and roles[team.lead] == "lead"
        assert all(b.released_seq is None for b in server.blind_sets())
    bram.team.sync()
    assert len(bram.codings()) == 1  # anna's blind coding stayed hidden
    lead.team.release("Ronde 1")
    converged(lead, anna, bram)
    anna_intact(anna, victim, lead, bram)


# -- 2. the server trusted the fields a member writes into each row -----------------------


def test_insert_of_an_existing_key_is_refused(coded) -> None:
    team, lead, anna, bram, victim = coded
    code = lead.code("Leren/Voordoen")
    parent = lead.code("Leren")
    note = doc(lead, "Bezoek 1")
    lead.team.lock(note.id)  # the lead is editing the text
    with as_member(team, f"bram{team.db}") as conn:
        renamed = {"uuid": code.uuid, "parent_id": code.uuid, "name": "Weg", "colour": "#000000",
                   "definition": "", "inclusion": "", "exclusion": "", "example": "",
                   "memo": "", "position": 0}
        refused_push(conn, [{"t": "codes", "k": code.uuid, "op": "insert", "set": renamed}],
                     "exists already")
        refused_push(conn, [{"t": "codes", "k": parent.uuid, "op": "insert",
                             "set": {**renamed, "uuid": parent.uuid, "parent_id": code.uuid}}],
                     "exists already")
        refused_push(conn, [{"t": "documents", "k": note.uuid, "op": "insert",
                             "set": {"uuid": note.uuid, "kind": "fieldnote", "title": "x",
                                     "text": "vervangen", "chars": 9}}], "exists already")
        refused_push(conn, [{"t": "codings", "k": victim["uuid"], "op": "insert",
                             "set": {"uuid": victim["uuid"], "document_id": victim["d"],
                                     "code_id": victim["k"], "coder_id": victim["c"],
                                     "start": 0, "end": 1, "memo": "overschreven"}}],
                     "exists already")
    converged(lead, anna, bram)
    assert lead.code(code.uuid).name == "Voordoen"
    assert doc(bram, "Bezoek 1").text == note.text
    anna_intact(anna, victim, lead, bram)


def test_a_member_cannot_delete_or_forge_anothers_codings(coded) -> None:
    team, lead, anna, bram, victim = coded
    bram_coder = new_uuid()
    with as_member(team, f"bram{team.db}") as conn:
        # the row's own coder/doc fields claim bram's: the server looks at its own record
        refused_push(conn, [{"t": "codings", "k": victim["uuid"], "op": "delete",
                             "was": {}, "coder": bram_coder, "doc": victim["d"]}],
                     f"belongs to member anna{team.db}")
        refused_push(conn, [{"t": "codings", "k": victim["uuid"], "op": "update",
                             "set": {"memo": "vervalst"}, "coder": bram_coder}],
                     f"belong to member anna{team.db}")
        # a new coding in anna's name
        refused_push(conn, [new_coding(anna, victim["c"], victim["d"], victim["k"])],
                     f"belongs to member anna{team.db}")
        # anna's coder deleted: every copy would lose her codings
        refused_push(conn, [{"t": "coders", "k": victim["c"], "op": "delete", "was": {}}],
                     f"belongs to member anna{team.db}")
        # a document (and with it every coding of it) deleted by a member
        refused_push(conn, [{"t": "documents", "k": victim["d"], "op": "delete", "was": {}}],
                     "belongs to member")
        # a transcript's turns or a memo's details, part of a document that is not bram's
        refused_push(conn, [{"t": "turns", "k": [victim["d"], 0], "op": "delete", "was": {}}],
                     "part of a document that is not yours")
        refused_push(conn, [{"t": "memo_info", "k": victim["d"], "op": "delete", "was": {}}],
                     "part of a document that is not yours")
        # a coding moved to another coder or document
        own = new_coding(bram, bram_coder, victim["d"], victim["k"])
        own["set"]["coder_id"] = bram_coder
        push(conn, [{"t": "coders", "k": bram_coder, "op": "insert",
                     "set": {"uuid": bram_coder, "name": "Bram2", "created": utc_now()}}, own])
        refused_push(conn, [{"t": "codings", "k": own["k"], "op": "update",
                             "set": {"coder_id": victim["c"]}}], "another coder")
    converged(lead, anna, bram)
    anna_intact(anna, victim, lead, bram)


def test_the_lead_cannot_put_a_code_under_itself(coded) -> None:
    team, lead, anna, bram, victim = coded
    leren, voordoen = lead.code("Leren"), lead.code("Leren/Voordoen")
    with Server(team.lead_url) as server:
        with pytest.raises(ServerRefused, match="under itself"):
            server.push([{"uuid": new_uuid(), "at": utc_now(), "coder": "Lotte",
                          "label": "Cycle", "body": [
                              {"t": "codes", "k": leren.uuid, "op": "update",
                               "set": {"parent_id": voordoen.uuid},
                               "was": {"parent_id": None}}]}])
    converged(lead, anna, bram)
    assert lead.code_path(lead.code("Leren/Voordoen")) == "Leren/Voordoen"


def test_the_blind_text_rule_is_the_servers(coded) -> None:
    team, lead, anna, bram, victim = coded
    lead.sets.add("Ronde 1", "documents", [doc(lead, "Bezoek 2").id])
    lead.team.sync()
    lead.team.make_blind("Ronde 1")
    target = doc(lead, "Bezoek 2")
    with as_member(team, f"bram{team.db}") as conn:
        conn.execute("SELECT fieldkit.take_lock(%s, 'Bram', 15)", (target.uuid,))
        refused_push(conn, [{"t": "documents", "k": target.uuid, "op": "update",
                             "set": {"text": "Blind veranderd."}, "was": {"text": target.text}}],
                     "coded blind")
    lead.team.release("Ronde 1")
    converged(lead, anna, bram)
    assert doc(anna, "Bezoek 2").text == target.text


# -- 3. members chose seq -----------------------------------------------------------------


def test_members_cannot_choose_numbers(coded) -> None:
    team, lead, anna, bram, victim = coded
    with as_member(team, f"bram{team.db}") as conn:
        refused(conn, "INSERT INTO fieldkit.change_sets (seq, uuid, member, made, body) "
                      "VALUES (1000000000, %s, current_user, 'x', '[]')", (new_uuid(),))
        refused(conn, "SELECT nextval('fieldkit.change_seq')")
        refused(conn, "SELECT setval('fieldkit.change_seq', 1000000000)")
        top = conn.execute("SELECT max(seq) FROM fieldkit.change_sets").fetchone()[0]
        ((_, seq),) = push(conn, [])
        assert seq == top + 1  # the server numbers, in order
        with pytest.raises(psycopg.errors.RaiseException, match="not a change set"):
            push(conn, [], seq=1_000_000_000)  # a number of one's own is not even accepted
    converged(lead, anna, bram)
    anna_intact(anna, victim, lead, bram)


# -- 4 (the server's half). malformed change sets never reach a replica -------------------


@pytest.mark.parametrize("sets,why", [
    ([1], "not a change set"),
    ([{"uuid": "x", "at": "", "body": []}], "not a change set"),
    ([{"uuid": "00000000-0000-4000-8000-000000000000", "at": "", "body": {}}],
     "not a change set"),
    ("body", "row is an object"),
    ("no t", "a row without t"),
    ("set list", "fields in set"),
    ("number text", "is not text"),
    ("huge int", "whole number"),
    ("media key", "named by its sha256"),
    ("path key", "named by its sha256"),
    ("not uuid", "named by its uuid"),
    ("negative", "negative"),
    ("beyond", "beyond the end"),
    ("backwards", "ends before it starts"),
])
def test_malformed_change_sets_are_refused(coded, sets, why: str) -> None:
    team, lead, anna, bram, victim = coded
    code = {"t": "codes", "k": new_uuid(), "op": "insert", "set": {"name": "x"}}
    code["set"]["uuid"] = code["k"]
    rows = {
        "body": [1],
        "no t": [{"k": new_uuid(), "op": "insert", "set": {}}],
        "set list": [{**code, "set": ["name", "x"]}],
        "number text": [{**code, "set": {"uuid": code["k"], "name": 5}}],
        "huge int": [{**code, "set": {"uuid": code["k"], "name": "x", "position": 10 ** 30}}],
        "media key": [{"t": "media", "k": "abc", "op": "insert", "set": {"sha256": "abc"}}],
        "path key": [{"t": "media", "k": "../../../x", "op": "insert",
                      "set": {"sha256": "../../../x", "filename": "x"}}],
        "not uuid": [{**code, "k": "1 OR 1=1"}],
    }
    bram_coder = coder_uuid(bram, "Bram") if bram._store.value(
        "SELECT 1 FROM coders WHERE name = 'Bram'") else new_uuid()
    coding = new_coding(bram, bram_coder, victim["d"], victim["k"])
    rows["negative"] = [{**coding, "set": {**coding["set"], "start": -5, "end": 2}}]
    rows["beyond"] = [{**coding, "set": {**coding["set"], "start": 0, "end": 10_000}}]
    rows["backwards"] = [{**coding, "set": {**coding["set"], "start": 5, "end": 2}}]
    with as_member(team, f"bram{team.db}") as conn:
        top = conn.execute("SELECT max(seq) FROM fieldkit.change_sets").fetchone()[0]
        payload = sets if isinstance(sets, list) else [
            {"uuid": new_uuid(), "at": utc_now(), "coder": "Bram", "label": "bad",
             "body": rows[sets]}]
        with pytest.raises(psycopg.errors.RaiseException, match=why):
            conn.execute("SELECT * FROM fieldkit.push(%s::jsonb)", (json.dumps(payload),))
        assert conn.execute("SELECT max(seq) FROM fieldkit.change_sets").fetchone()[0] == top
    converged(lead, anna, bram)
    anna_intact(anna, victim, lead, bram)


# -- 5 (the server's half). snapshots and media -------------------------------------------


def test_members_cannot_touch_snapshots_or_fake_media(coded, tmp_path) -> None:
    team, lead, anna, bram, victim = coded
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8 een foto " * 1000)
    import hashlib

    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    with as_member(team, f"bram{team.db}") as conn:
        snap = conn.execute("SELECT id FROM fieldkit.snapshots").fetchone()[0]
        refused(conn, "INSERT INTO fieldkit.snapshot_chunks VALUES (%s, 999, 'x')", (snap,))
        refused(conn, "UPDATE fieldkit.snapshots SET sha256 = 'x'")
        refused(conn, "DELETE FROM fieldkit.snapshot_chunks")
        refused(conn, "INSERT INTO fieldkit.media VALUES (%s, 'nep.jpg', 3)", (sha,))
        refused(conn, "INSERT INTO fieldkit.media_chunks VALUES (%s, 0, 'nep')", (sha,))
        # the API: bytes that are not the file its name says
        with conn.transaction():
            conn.execute("SELECT fieldkit.stage_chunk('media', %s, 0, 'nep')", (sha,))
            refused(conn, "SELECT fieldkit.store_media(%s, 'nep.jpg')", (sha,),
                    match="not the one its name says")
        refused(conn, "SELECT fieldkit.stage_chunk('media', '../../../x', 0, 'x')",
                match="sha256")
        refused(conn, "SELECT fieldkit.store_media('../../../x', 'x')", match="sha256")
        with conn.transaction():  # half a file is not a file
            conn.execute("SELECT fieldkit.stage_chunk('media', %s, 1, 'x')", (sha,))
            refused(conn, "SELECT fieldkit.store_media(%s, 'x')", (sha,), match="incomplete")
        assert conn.execute("SELECT count(*) FROM fieldkit.media").fetchone()[0] == 0
    with Server(team.member_url(f"anna{team.db}")) as server:  # the real upload still works
        server.put_media(sha, "foto.jpg", photo)
        assert server.media_present([sha]) == {sha}
        assert b"".join(server.get_media(sha)) == photo.read_bytes()
    with Server(team.lead_url) as server:  # the lead's snapshots are hashed by the server
        assert server.conn.execute(
            "SELECT count(*) FROM fieldkit.snapshots").fetchone()[0] == 1
    converged(lead, anna, bram)
    anna_intact(anna, victim, lead, bram)


# -- 7. the lead's structural changes cascade ---------------------------------------------


def test_the_lead_deletes_and_merges_codes_members_have_coded(coded) -> None:
    team, lead, anna, bram, victim = coded
    bram.code_text(doc(bram, "Bezoek 1").id, 4, 8, "Leren/Uitproberen")
    bram.code_text(doc(bram, "Bezoek 2").id, 0, 4, "Leren/Voordoen")
    bram.team.sync()
    lead.team.sync()
    assert lead.merge.codes(lead.code("Leren/Uitproberen").id, lead.code("Leren/Voordoen").id)
    report = lead.team.sync()
    assert not report.refused, report.refused
    for p in (anna, bram):
        p.team.sync()
    assert {c.code_id for c in bram.codings()} == {bram.code("Leren/Voordoen").id}
    lead.delete_code(lead.code("Leren/Voordoen").id)
    report = lead.team.sync()
    assert not report.refused, report.refused
    for p in (anna, bram, lead):
        p.team.sync()
        assert p.codings() == []
    assert anna.team.canonical() == bram.team.canonical() == lead.team.canonical()
    lead.add_code("Leren/Uitproberen")
    lead.team.sync()
    converged(lead, anna, bram)


# -- 8. coders at publish belong to the lead; nobody claims another's coder ---------------


def test_a_member_cannot_claim_the_leads_coder(published) -> None:
    team, lead = published
    lead.code_text(doc(lead, "Bezoek 1").id, 0, 3, "Leren/Voordoen")  # coder Lotte exists
    lead.team.sync()
    bram = team.join(f"bram{team.db}", "Bram")
    try:
        lotte = coder_uuid(bram, "Lotte")
        with as_member(team, f"bram{team.db}") as conn:
            code = bram.code("Leren/Voordoen").uuid
            refused_push(conn, [new_coding(bram, lotte, doc(bram, "Bezoek 2").uuid, code)],
                         f"belongs to member {team.lead}")
        bram.set_coder("Lotte")  # through the app, the same: taken back
        bram.code_text(doc(bram, "Bezoek 2").id, 0, 4, "Leren/Voordoen")
        report = bram.team.sync()
        assert report.refused and "belongs to member" in report.refused[0]
        bram.set_coder("Bram")
        lead.code_text(doc(lead, "Bezoek 2").id, 5, 9, "Leren/Voordoen")  # the lead still can
        assert not lead.team.sync().refused
        converged(lead, bram)
        assert {lead.coder_name(c.coder_id) for c in lead.codings()} == {"Lotte", "Bram"}
    finally:
        bram.close()


# -- 9. denial of service -----------------------------------------------------------------


def test_a_held_push_queue_times_out_with_a_message(coded) -> None:
    team, lead, anna, bram, victim = coded
    team.pg.sql("ALTER FUNCTION fieldkit.push_sets(jsonb, text) SET lock_timeout = '1s'",
                team.db)
    with as_member(team, f"bram{team.db}") as conn:
        for table in ("push_queue", "change_sets"):
            with conn.transaction():
                refused(conn, f"LOCK TABLE fieldkit.{table} IN EXCLUSIVE MODE")
        conn.execute("SELECT pg_advisory_lock(7160417)")  # the old queue: no longer used
        with conn.transaction():  # a push left open: the queue is held until it ends
            push(conn, [])
            anna.code_text(doc(anna, "Bezoek 2").id, 0, 4, "Leren/Voordoen")
            report = anna.team.sync()
            assert report.refused and f"busy: a push by bram{team.db}" in report.refused[0]
    converged(lead, anna, bram)
    anna_intact(anna, victim, lead, bram)


def test_a_change_set_over_the_limit_is_refused(coded) -> None:
    team, lead, anna, bram, victim = coded
    note = {"t": "documents", "k": new_uuid(), "op": "insert",
            "set": {"kind": "memo", "title": "Groot", "text": "x" * (2 << 20),
                    "chars": 2 << 20, "site_id": None, "visit_id": None,
                    "participant_id": None, "media_id": None, "created": utc_now(),
                    "modified": utc_now(), "source_name": "", "memo": "", "attributes": "{}"}}
    note["set"]["uuid"] = note["k"]
    with as_member(team, f"bram{team.db}") as conn:
        refused_push(conn, [note], "larger than the team's limit of 1048576 bytes")
    with Server(team.member_url(f"bram{team.db}")) as server:
        with pytest.raises(ServerRefused, match="Only the team lead"):
            server.set_limit(10 << 20)
    with Server(team.lead_url) as server:
        server.set_limit(4 << 20)
    with as_member(team, f"bram{team.db}") as conn:
        push(conn, [note])
    converged(lead, anna, bram)
    assert doc(anna, "Groot").text == "x" * (2 << 20)


def test_a_notify_flood_does_not_make_apps_sync(coded) -> None:
    team, lead, anna, bram, victim = coded
    listener = Listener(anna.team.url)
    try:
        with as_member(team, f"bram{team.db}") as conn:
            for _ in range(300):
                conn.execute("NOTIFY fieldkit_changes")  # any role may; it brings nothing
            assert listener.wait(1.0) is False
        bram.code_text(doc(bram, "Bezoek 2").id, 0, 4, "Leren/Voordoen")
        bram.team.sync()
        assert listener.wait(5.0) is True
    finally:
        listener.close()
    converged(lead, anna, bram)


def test_lock_durations_are_bounded_and_the_lead_breaks_a_lock(coded, capsys) -> None:
    team, lead, anna, bram, victim = coded
    target = doc(lead, "Bezoek 2")
    with as_member(team, f"bram{team.db}") as conn:
        for minutes in (-5, 0, 1441, 100 * 525600):
            refused(conn, "SELECT fieldkit.take_lock(%s, 'Bram', %s)", (target.uuid, minutes),
                    match="1 minute to 24 hours")
        refused(conn, "INSERT INTO fieldkit.locks VALUES (%s, current_user, 'B', 'infinity')",
                (target.uuid,))
        refused(conn, "SELECT fieldkit.take_lock('not a uuid', 'Bram', 5)", match="UUID")
        conn.execute("SELECT fieldkit.take_lock(%s, 'Bram', 1440)", (target.uuid,))
        refused(conn, "SELECT fieldkit.break_lock(%s)", (target.uuid,),
                match="only the team lead")
    with Server(team.member_url(f"anna{team.db}")) as server:
        with pytest.raises(ServerRefused, match="Only the team lead"):
            server.break_lock(target.uuid)
    with pytest.raises(Exception, match="being edited"):
        anna.team.lock(doc(anna, "Bezoek 2").id)
    lead_path = lead.path
    lead.close()
    try:
        capsys.readouterr()
        for minutes in ("-5", "0", "52560000"):
            assert main(["-p", str(lead_path), "team", "lock", "2", "--minutes", minutes]) == 2
            assert "24 hours" in capsys.readouterr().err
        assert main(["-p", str(lead_path), "team", "unlock", str(target.id), "--force"]) == 0
        assert f"bram{team.db}" in capsys.readouterr().out
    finally:
        from fieldkit.project import Project

        lead = Project.open(lead_path)
    state = anna.team.lock(doc(anna, "Bezoek 2").id)
    assert state.mine
    anna.edit_text(doc(anna, "Bezoek 2").id, "Anna schrijft nu.")
    anna.team.sync()
    try:
        converged(lead, anna, bram)
        assert doc(bram, "Bezoek 2").text == "Anna schrijft nu."
    finally:
        lead.close()


def test_staged_chunks_do_not_outlive_their_transaction(coded, tmp_path) -> None:
    """Chunks staged and never stored (each call its own transaction, as psql runs them) filled
    the server's disk, one key after another; now a member's next call clears them."""
    import hashlib

    team, lead, anna, bram, victim = coded
    me = f"bram{team.db}"
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8 nog een foto " * 1000)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    with as_member(team, me) as conn, \
            psycopg.connect(team.pg.url(db=team.db), autocommit=True) as admin:
        def staged() -> tuple[int, int]:
            return admin.execute("SELECT count(*), coalesce(sum(octet_length(data)), 0) "
                                 "FROM fieldkit.staging WHERE member = %s", (me,)).fetchone()

        for n in range(3):
            conn.execute("SELECT fieldkit.stage_chunk('media', %s, 0, %s)",
                         (f"{n:064x}", b"x" * 1000))
        assert staged() == (1, 1000)  # only what the last call staged
        refused(conn, "SELECT fieldkit.stage_chunk('media', %s, 0, %s)",
                (f"{7:064x}", b"x" * (team_server_sql.CHUNK_LIMIT + 1)), match="at most")
        with Server(team.member_url(me)) as server:  # a real upload still works
            server.put_media(sha, "foto.jpg", photo)
            assert server.media_present([sha]) == {sha}
        assert staged() == (0, 0)
    converged(lead, anna, bram)


# -- 10. passwords ------------------------------------------------------------------------


def test_passwords_never_reach_the_server_in_plain(published, tmp_path, capsys,
                                                   monkeypatch) -> None:
    team, lead = published
    team.pg.sql(f"ALTER DATABASE {team.db} SET log_statement = 'all'")
    log = team.pg.root / "log"
    mark = log.stat().st_size
    cora = f"cora{team.db}"
    lead.team.add_member(cora, password="cora-plain-secret")
    lead.team.add_member(cora, password="cora-second-secret")  # re-adding sets a new one
    text = log.read_bytes()[mark:].decode("utf-8", "replace")
    assert "CREATE ROLE" in text and "SCRAM-SHA-256$" in text  # the statement was logged
    assert "cora-plain-secret" not in text and "cora-second-secret" not in text
    with psycopg.connect(team.pg.url(cora, "cora-second-secret", team.db)) as conn:
        assert conn.execute("SELECT fieldkit.is_lead()").fetchone()[0] is False
    # without a terminal and without FIELDKIT_MEMBER_PASSWORD: an error, nobody added
    monkeypatch.delenv("FIELDKIT_MEMBER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    path = lead.path
    lead.close()
    assert main(["-p", str(path), "team", "members", "--add", f"dora{team.db}"]) == 2
    assert "password" in capsys.readouterr().err
    with Server(team.lead_url) as server:
        assert f"dora{team.db}" not in {m.name for m in server.members()}
    # a role change, and a member removed: they can no longer read or push
    assert main(["-p", str(path), "team", "members", "--add", cora, "--role", "lead"]) == 0
    assert main(["-p", str(path), "team", "members", "--json"]) == 0
    capsys.readouterr()
    assert main(["-p", str(path), "team", "members", "--remove", cora]) == 0
    assert "Removed" in capsys.readouterr().out
    with pytest.raises(psycopg.OperationalError, match="CONNECT"):  # not even a login
        psycopg.connect(team.pg.url(cora, "cora-second-secret", team.db))
    assert main(["-p", str(path), "team", "members", "--remove", team.lead]) == 2
    assert "needs a lead" in capsys.readouterr().err


# -- further attacks: everything the grants let a member try ------------------------------


def test_a_member_tries_everything_else(coded) -> None:
    team, lead, anna, bram, victim = coded
    db = team.db
    lead.sets.add("Ronde 1", "documents", [doc(lead, "Bezoek 2").id])
    lead.team.sync()
    lead.team.make_blind("Ronde 1")
    anna.team.sync()
    anna.code_text(doc(anna, "Bezoek 2").id, 5, 9, "Leren/Voordoen")  # blind
    anna.team.sync()
    owner = f"fieldkit_{db}_owner"
    with as_member(team, f"bram{db}") as conn:
        refused(conn, f"SET ROLE {owner}")
        refused(conn, "SET SESSION AUTHORIZATION " + team.lead)
        refused(conn, "CREATE TABLE fieldkit.mine (x int)")
        refused(conn, "CREATE FUNCTION fieldkit.is_lead() RETURNS boolean LANGUAGE sql "
                      "AS 'SELECT true'")
        refused(conn, "CREATE OR REPLACE FUNCTION fieldkit.push(sets jsonb) RETURNS TABLE "
                      "(uuid text, seq bigint) LANGUAGE sql AS 'SELECT NULL::text, 1::bigint'")
        refused(conn, "TRUNCATE fieldkit.change_sets")
        refused(conn, "DELETE FROM fieldkit.change_sets")
        refused(conn, "UPDATE fieldkit.change_sets SET label = 'x'")
        refused(conn, "ALTER TABLE fieldkit.change_sets DISABLE ROW LEVEL SECURITY")
        refused(conn, "DROP POLICY read_history ON fieldkit.change_sets")
        refused(conn, "SELECT * FROM fieldkit.known")
        refused(conn, "SELECT * FROM fieldkit.staging")
        refused(conn, "SELECT * FROM fieldkit.push_sets('[]', 'release')")
        refused(conn, "SELECT fieldkit.shape_problem('[]')")
        refused(conn, "INSERT INTO fieldkit.coders VALUES (%s, current_user)", (victim["c"],))
        refused(conn, "INSERT INTO fieldkit.blind_sets (set_uuid, name, documents) "
                      "VALUES ('x', 'x', '{}')")
        refused(conn, "DELETE FROM fieldkit.locks")
        # others' blind codings are not readable, not even straight from the table
        bodies = [json.dumps(r[0]) for r in conn.execute(
            "SELECT body FROM fieldkit.change_sets WHERE member <> current_user")]
        assert not any(doc(lead, "Bezoek 2").uuid in b and '"codings"' in b for b in bodies)
        # a temporary table named like the server's own shadows nothing inside the API
        # (a database that did not REVOKE TEMP FROM PUBLIC lets members make them)
        team.pg.sql(f"GRANT TEMP ON DATABASE {db} TO bram{db}")
        conn.execute("CREATE TEMP TABLE members (name text, role text)")
        conn.execute("INSERT INTO pg_temp.members VALUES (current_user, 'lead')")
        conn.execute("CREATE TEMP TABLE known (t text, k text, member text, alive boolean, "
                     "parent text, doc text, coder text, len bigint)")
        code = lead.code("Leren/Voordoen")
        refused_push(conn, [{"t": "codes", "k": code.uuid, "op": "update",
                             "set": {"name": "Gekaapt"}, "was": {"name": "Voordoen"}}],
                     "only the team lead")
        conn.execute("SET search_path = pg_temp, fieldkit, public")
        refused_push(conn, [{"t": "codes", "k": code.uuid, "op": "update",
                             "set": {"name": "Gekaapt"}, "was": {"name": "Voordoen"}}],
                     "only the team lead")
        conn.execute("RESET search_path")
        # crafted arguments to the API
        refused(conn, "SELECT * FROM fieldkit.push('{\"a\": 1}')", match="list of change sets")
        refused(conn, "SELECT * FROM fieldkit.push('[null]')", match="not a change set")
        refused(conn, "SELECT fieldkit.stage_chunk('other', 'x', 0, 'x')", match="nothing")
        refused(conn, "SELECT fieldkit.add_member('postgres', 'lead')", match="only the team")
    lead.team.release("Ronde 1")
    converged(lead, anna, bram)
    assert lead.code(code.uuid).name == "Voordoen"
    anna_intact(anna, victim, lead, bram)


# -- the suite can fail: the same attack against the old grants succeeds -------------------

OLD_GRANTS = """
CREATE SCHEMA {s};
CREATE TABLE {s}.members (
    name text PRIMARY KEY, role text NOT NULL CHECK (role IN ('lead', 'coder')));
CREATE FUNCTION {s}.is_lead() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = {s}, pg_temp AS
$$ SELECT EXISTS (SELECT 1 FROM members WHERE name = current_user AND role = 'lead') $$;
ALTER TABLE {s}.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY see_members ON {s}.members FOR SELECT USING (true);
CREATE POLICY lead_adds ON {s}.members FOR ALL USING ({s}.is_lead())
    WITH CHECK ({s}.is_lead());
GRANT USAGE ON SCHEMA {s} TO {member};
GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {member};
GRANT INSERT, UPDATE ON {s}.members TO {member};
INSERT INTO {s}.members VALUES ('{lead}', 'lead'), ('{member}', 'coder');
"""


def _make_me_lead(conn: psycopg.Connection, schema: str, me: str) -> str:
    """The attack of issue 21, item 1; returns the member's role afterwards."""
    try:
        conn.execute(f"UPDATE {schema}.members SET role = 'lead' WHERE name = %s",  # type: ignore
                     (me,))
    except REFUSED:
        pass
    found = conn.execute(f"SELECT role FROM {schema}.members WHERE name = %s",  # type: ignore
                         (me,)).fetchone()
    return str(found[0])


def test_the_suite_can_fail(published) -> None:
    team, lead = published
    me = f"bram{team.db}"
    with psycopg.connect(team.lead_url, autocommit=True) as conn:  # the old model, as it was
        conn.execute(OLD_GRANTS.format(s="old_fieldkit", member=me,  # type: ignore[arg-type]
                                       lead=team.lead))
    with as_member(team, me) as conn:
        assert _make_me_lead(conn, "old_fieldkit", me) == "lead"  # the old grants: it worked
        assert _make_me_lead(conn, "fieldkit", me) == "coder"  # the new ones: refused
    with Server(team.lead_url) as server:
        assert {m.name: m.role for m in server.members()}[me] == "coder"


def test_push_waits_at_most_its_limit(coded) -> None:
    """The wait for the queue is the function's own setting, not the caller's."""
    team, lead, anna, bram, victim = coded
    team.pg.sql("ALTER FUNCTION fieldkit.push_sets(jsonb, text) SET lock_timeout = '1s'",
                team.db)
    with as_member(team, f"bram{team.db}") as holder, as_member(team, f"anna{team.db}") as c:
        c.execute("SET lock_timeout = 0")  # wait forever, the caller asks: the server says no
        with holder.transaction():
            push(holder, [])
            with pytest.raises(psycopg.errors.RaiseException, match="busy"):
                push(c, [])
    converged(lead, anna, bram)


def test_settings_from_the_command_line(published, capsys) -> None:
    team, lead = published
    path = lead.path
    lead.close()
    assert main(["-p", str(path), "team", "settings", "--change-set-limit", "2097152"]) == 0
    assert "2,097,152" in capsys.readouterr().out
    assert main(["-p", str(path), "team", "settings", "--change-set-limit", "5"]) == 2
    assert "1024" in capsys.readouterr().err


def test_a_lead_without_createrole_publishes_on_roles_an_admin_made(pg, tmp_path) -> None:
    """The PostgreSQL 12-15 setup of docs/team.md: the lead cannot create roles."""
    from fieldkit.project import Project
    from fieldkit.team.replica import join

    db = "adminmade"
    pg.sql("CREATE ROLE lotte_am LOGIN PASSWORD 'lotte-pw'")
    pg.sql(f"CREATE DATABASE {db} OWNER lotte_am")
    pg.sql(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC")
    pg.sql(f"CREATE ROLE fieldkit_{db}_owner NOLOGIN")
    pg.sql(f"CREATE ROLE fieldkit_{db}_members NOLOGIN")
    pg.sql(f"GRANT fieldkit_{db}_owner TO lotte_am")
    pg.sql(f"GRANT fieldkit_{db}_members TO lotte_am WITH ADMIN OPTION")
    pg.sql(f"GRANT CONNECT ON DATABASE {db} TO fieldkit_{db}_members")
    pg.sql("CREATE ROLE anna_am LOGIN PASSWORD 'anna-pw'")
    pg.remember("lotte_am", "lotte-pw")
    pg.remember("anna_am", "anna-pw")
    lead = Project.create(tmp_path / "lead.fieldkit")
    try:
        lead.set_coder("Lotte")
        lead.add_note(site="Metaal Oost", title="Bezoek 1", text="Jan laat Piet zien hoe.")
        lead.add_code("Leren/Voordoen")
        lead.team.publish(pg.url("lotte_am", "", db))
        with pytest.raises(ServerRefused, match="(?i)create|permission|role"):
            lead.team.add_member("bram_am", password="x")  # no CREATEROLE: no new roles
        lead.team.add_member("anna_am")  # made by the admin: no password needed here
        pg.sql(f"REVOKE fieldkit_{db}_owner FROM lotte_am")
        with join(pg.url("anna_am", "", db), tmp_path / "anna.fieldkit", coder="Anna") as anna:
            anna.code_text(1, 0, 3, "Leren/Voordoen")
            anna.team.sync()
            lead.team.sync()
            assert len(lead.codings()) == 1
            assert anna.team.canonical() == lead.team.canonical()
    finally:
        lead.close()
