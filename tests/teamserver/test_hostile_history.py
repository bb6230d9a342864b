"""A replica trusts nothing the team server sends (issue 21, the client's half).

Each hostile row is written straight into the server's tables as the database owner (a
superuser connection, triggers off): this stands for a member under the old grants and for any
future server bug alike. Then every replica syncs: none stops, all skip the same rows and name
them, all end equal, and honest work before and after still arrives. Received snapshots and
media files are checked the same way.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from fieldkit.cli import main
from fieldkit.core.model import new_uuid, utc_now
from fieldkit.project import Project
from fieldkit.team.joining import ExistingCoder, SnapshotRefused


def _doc(p: Project, title: str) -> Any:
    return p.document(next(d for d in p.documents() if d.title == title).id)


def _owner(team: Any) -> Any:
    conn = psycopg.connect(team.pg.url(db=team.db), autocommit=True)
    conn.execute("SET session_replication_role = replica")  # no trigger checks anything
    return conn


def _insert(team: Any, body: Any, *, label: str = "Hostile", member: str = "mallory",
            kind: str = "change") -> int:
    """A change set appended to the history by the database owner; returns its number."""
    with _owner(team) as conn:
        seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM fieldkit.change_sets"
                           ).fetchone()[0]
        conn.execute("INSERT INTO fieldkit.change_sets (seq, uuid, member, made, coder, label, "
                     "kind, body) VALUES (%s, %s, %s, %s, '', %s, %s, %s::jsonb)",
                     (seq, new_uuid(), member, utc_now(), label, kind, json.dumps(body)))
        if conn.execute("SELECT to_regclass('fieldkit.change_seq')").fetchone()[0]:
            conn.execute("SELECT setval('fieldkit.change_seq', %s)", (seq,))
    return int(seq)


def _last_seq(team: Any) -> int:
    with _owner(team) as conn:
        return int(conn.execute("SELECT coalesce(max(seq), 0) FROM fieldkit.change_sets"
                                ).fetchone()[0])


def _code_row(uuid: str, **values: Any) -> dict[str, Any]:
    row = {"uuid": uuid, "parent_id": None, "name": "Nieuw", "colour": "#808080",
           "definition": "", "inclusion": "", "exclusion": "", "example": "", "memo": "",
           "position": 0}
    return {"t": "codes", "k": uuid, "op": "insert", "set": {**row, **values}}


def _index_problems(p: Project) -> list[str]:
    return [x.message for x in p.check() if "search index" in x.message]


MALFORMED: dict[str, Any] = {
    "a number": [1],
    "no table": [{"k": "6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f60", "op": "insert", "set": {}}],
    "no set": [{"t": "codes", "k": "6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f61", "op": "insert"}],
    "set as a list": [{"t": "codes", "k": "6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f62",
                       "op": "insert", "set": ["name", "x"]}],
    "a number for text": [_code_row("6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f63", name=5)],
    "an integer out of range": [_code_row("6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f64",
                                          position=2 ** 70)],
    "a media key that is no hash": [{"t": "media", "k": "../../../x", "op": "insert",
                                     "set": {"sha256": "../../../x", "filename": "x.jpg",
                                             "mime": "image/jpeg", "size": 1}}],
    "an unknown table": [{"t": "sqlite_master", "k": "x", "op": "delete"}],
    "an unknown operation": [{"t": "codes", "k": "6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f65",
                              "op": "drop"}],
    "a key that is no UUID": [_code_row("not-a-uuid")],
    "a body that is an object": {"t": "codes"},
    "a body that is text": "hello",
    "a body that is null": None,
    "a local id": [{**_code_row("6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f66"),
                    "set": {**_code_row("6f1d8f3e-4a7c-4e0b-9d55-1b2c3d4e5f66")["set"],
                            "id": 1}}],
}


@pytest.mark.parametrize("what", sorted(MALFORMED))
def test_a_malformed_change_set_stops_no_replica(replicas, what: str) -> None:
    team, lead, anna, bram = replicas
    anna.code_text(_doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")  # honest, before
    anna.team.sync()
    seq = _insert(team, MALFORMED[what])
    bram.code_text(_doc(bram, "Bezoek 2").id, 0, 4, "Leren/Uitproberen")  # honest, after
    reports = {name: p.team.sync() for name, p in (("bram", bram), ("anna", anna),
                                                     ("lead", lead))}
    anna.team.sync()
    lines = {name: [line for line in r.skipped if f"#{seq}" in line]
             for name, r in reports.items()}
    assert lines["bram"] and lines["bram"] == lines["anna"] == lines["lead"], lines
    assert "not a valid change" in lines["bram"][0] and "'Hostile'" in lines["bram"][0]
    assert "mallory" in lines["bram"][0]
    top = _last_seq(team)
    for p in (lead, anna, bram):
        assert p.team.position == top  # moved past it
        assert sorted((p.coder_name(c.coder_id), c.start, c.end) for c in p.codings()) == [
            ("Anna", 0, 3), ("Bram", 0, 4)]
        assert "Not applied" in p.team.status().last_problem
        assert p.check() == [] or not _index_problems(p)
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()
    assert {c.name for _, c, _, _ in lead.codes_with_counts()} == {"Leren", "Voordoen",
                                                                    "Uitproberen"}


def test_a_join_after_a_malformed_change_set_still_works(published) -> None:
    team, lead = published
    _insert(team, [1])
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        assert anna.team.position == _last_seq(team)
        assert "not a valid change" in anna.team.status().last_problem
        assert anna.team.canonical() == lead.team.canonical()
    finally:
        anna.close()


def test_a_row_that_cannot_be_applied_is_named_in_a_researchers_words(replicas) -> None:
    team, lead, anna, bram = replicas
    bram.code_text(_doc(bram, "Bezoek 2").id, 0, 4, "Leren/Voordoen")  # offline, not sent
    lead.delete_code(lead.code("Leren/Voordoen").id)
    lead.team.sync()
    report = bram.team.sync()
    assert ("Bram's coding of 'Voordoen' in 'Bezoek 2': the code was deleted "
            "(your own, not sent yet)") in report.skipped
    for p in (anna, lead, bram, anna):
        p.team.sync()
    for p in (lead, anna, bram):
        assert p.codings() == []
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


def test_a_hostile_row_against_the_state_is_skipped_alike(replicas) -> None:
    team, lead, anna, bram = replicas
    doc = _doc(lead, "Bezoek 1")
    code = lead.code("Leren/Voordoen")
    coder = new_uuid()
    gone_code = new_uuid()
    coding = {"document_id": doc.uuid, "coder_id": coder, "quote": "", "before": "",
              "after": "", "x": None, "y": None, "width": None, "height": None, "memo": "",
              "created": utc_now(), "orphaned": 0}
    body = [
        {"t": "coders", "k": coder, "op": "insert",
         "set": {"uuid": coder, "name": "Mallory", "created": utc_now()}},
        # an insert of a key that exists: no rename by the back door
        {**_code_row(code.uuid, name="Gekaapt")},
        # a coding of a code nobody has
        {"t": "codings", "k": (c1 := new_uuid()), "op": "insert", "coder": coder,
         "doc": doc.uuid, "set": {**coding, "uuid": c1, "code_id": gone_code, "start": 0,
                                  "end": 3, "quote": doc.text[:3]}},
        # a coding far beyond the text, with nothing to find it by
        {"t": "codings", "k": (c2 := new_uuid()), "op": "insert", "coder": coder,
         "doc": doc.uuid, "set": {**coding, "uuid": c2, "code_id": code.uuid,
                                  "start": 10_000, "end": 10_005}},
        # an update of a coding that does not exist
        {"t": "codings", "k": new_uuid(), "op": "update", "coder": coder, "doc": doc.uuid,
         "set": {"memo": "x"}, "was": {"memo": ""}},
        # a coding beyond the text whose words are in it: fitted to them
        {"t": "codings", "k": (c3 := new_uuid()), "op": "insert", "coder": coder,
         "doc": doc.uuid, "set": {**coding, "uuid": c3, "code_id": code.uuid,
                                  "start": 5000, "end": 5004, "quote": "Piet"}},
    ]
    seq = _insert(team, body)
    reports = [p.team.sync() for p in (lead, anna, bram)]
    lines = [[line for line in r.skipped if f"#{seq}" in line] for r in reports]
    assert lines[0] == lines[1] == lines[2]
    assert len(lines[0]) == 4, lines[0]
    assert any(x.startswith("The code 'Voordoen': a code with its identity exists already")
               for x in lines[0])
    assert any("Mallory's coding in 'Bezoek 1': the code was deleted" in x for x in lines[0])
    assert any("lies outside the text" in x for x in lines[0])
    assert any("was deleted before it arrived" in x for x in lines[0])
    for p in (lead, anna, bram):
        assert p.code(code.uuid).name == "Voordoen"
        (kept,) = p.codings()
        text = p.document(kept.document_id).text
        assert text[kept.start:kept.end] == "Piet" and not kept.orphaned
        assert not _index_problems(p)
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


def test_a_received_text_edit_that_orphans_a_coding_keeps_the_index_in_step(replicas) -> None:
    team, lead, anna, bram = replicas
    doc = _doc(anna, "Bezoek 2")
    start = doc.text.index("lasrobot")
    anna.code_text(doc.id, start, start + 8, "Leren/Voordoen")
    for p in (anna, lead, bram):
        p.team.sync()
    lead_doc = _doc(lead, "Bezoek 2")
    report = lead.edit_text(lead_doc.id, lead_doc.text.replace("lasrobot", "machine 🤖"))
    assert report.orphaned == 1
    for p in (lead, anna, bram):
        p.team.sync()
    for p in (lead, anna, bram):
        (coding,) = p.codings()
        assert coding.orphaned
        assert _index_problems(p) == []
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


# -- snapshots ----------------------------------------------------------------------------


def _latest_snapshot(team: Any) -> tuple[int, int, bytes]:
    with _owner(team) as conn:
        snap, seq = conn.execute("SELECT id, seq FROM fieldkit.snapshots ORDER BY id DESC "
                                 "LIMIT 1").fetchone()
        data = b"".join(bytes(r[0]) for r in conn.execute(
            "SELECT data FROM fieldkit.snapshot_chunks WHERE snapshot = %s ORDER BY n",
            (snap,)))
    return snap, seq, data


def _store_snapshot(team: Any, seq: int, data: bytes, sha: str | None = None) -> None:
    with _owner(team) as conn:
        snap = conn.execute(
            "INSERT INTO fieldkit.snapshots (seq, sha256, size, made_by) "
            "VALUES (%s, %s, %s, %s) RETURNING id",
            (seq, sha or hashlib.sha256(data).hexdigest(), len(data), team.lead)).fetchone()[0]
        conn.execute("INSERT INTO fieldkit.snapshot_chunks (snapshot, n, data) "
                     "VALUES (%s, 0, %s)", (snap, data))


def _tampered(tmp_path: Path, data: bytes, statement: str) -> bytes:
    path = tmp_path / "tampered.sqlite"
    path.write_bytes(data)
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    return path.read_bytes()


def _nothing_left(folder: Path) -> None:
    assert not folder.exists()
    assert not list(folder.parent.glob(f".{folder.name}.*"))


def test_a_snapshot_whose_bytes_changed_is_refused(published, tmp_path) -> None:
    team, lead = published
    _, seq, data = _latest_snapshot(team)
    with _owner(team) as conn:  # one appended chunk, the recorded hash unchanged
        conn.execute("INSERT INTO fieldkit.snapshot_chunks (snapshot, n, data) SELECT id, 1, "
                     "'\\x00'::bytea FROM fieldkit.snapshots ORDER BY id DESC LIMIT 1")
    folder = tmp_path / "anna.fieldkit"
    with pytest.raises(SnapshotRefused, match="fingerprint"):
        team.join(f"anna{team.db}", "Anna")
    _nothing_left(folder)


@pytest.mark.parametrize("statement, said", [
    ("CREATE TRIGGER rewrite AFTER INSERT ON codings BEGIN "
     "UPDATE codings SET memo = 'gekaapt' WHERE id = new.id; END", "an extra trigger 'rewrite'"),
    ("ALTER TABLE codes ADD COLUMN hidden TEXT", "a changed table 'codes'"),
    ("CREATE VIEW spy AS SELECT * FROM codings", "an extra view 'spy'"),
    ("DROP INDEX codings_code", "a missing index 'codings_code'"),
])
def test_a_snapshot_whose_schema_is_not_fieldkits_is_refused(published, tmp_path, statement,
                                                             said, capsys) -> None:
    team, lead = published
    _, seq, data = _latest_snapshot(team)
    _store_snapshot(team, seq, _tampered(tmp_path, data, statement))  # its hash is right
    folder = tmp_path / "anna.fieldkit"
    with pytest.raises(SnapshotRefused, match=said):
        team.join(f"anna{team.db}", "Anna")
    _nothing_left(folder)
    code = main(["team", "join", team.member_url(f"anna{team.db}"), str(folder),
                 "--coder", "Anna"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1 and said in err
    _nothing_left(folder)


def test_the_leads_own_snapshot_passes_the_check(replicas, tmp_path) -> None:
    team, lead, anna, bram = replicas
    anna.code_text(_doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
    anna.team.sync()
    lead.close()  # PRAGMA optimize on close may add sqlite_stat1: still fieldkit's
    with Project.open(lead.path) as again:
        again.team.snapshot()
        carl = _add_and_join(team, again, "carl", "Carl")
    try:
        assert len(carl.codings()) == 1
        assert carl.team.canonical() == anna.team.canonical()
    finally:
        carl.close()


def _add_and_join(team: Any, lead: Project, name: str, coder: str) -> Project:
    member = f"{name}{team.db}"
    lead.team.add_member(member, password=f"{member}-pw")
    team.pg.remember(member, f"{member}-pw")
    return team.join(member, coder)


# -- media ----------------------------------------------------------------------------------


def test_a_media_key_that_is_a_path_touches_nothing_outside_media(replicas, tmp_path) -> None:
    team, lead, anna, bram = replicas
    key = "../../sentinel"
    sentinel = anna.path / "media" / "../../sentinel.part"
    sentinel.parent.mkdir(parents=True, exist_ok=True)
    sentinel.write_bytes(b"keep me")
    with _owner(team) as conn:
        conn.execute("INSERT INTO fieldkit.media VALUES (%s, 'x', 4)", (key,))
        conn.execute("INSERT INTO fieldkit.media_chunks VALUES (%s, 0, 'evil'::bytea)", (key,))
    seq = _insert(team, [{"t": "media", "k": key, "op": "insert",
                          "set": {"sha256": key, "filename": "x", "mime": "text/plain",
                                  "size": 4}}])
    report = anna.team.sync()
    assert sentinel.read_bytes() == b"keep me"  # not truncated, not deleted
    assert not (anna.path.parent / "sentinel").exists()
    assert any(f"#{seq}" in line and "not a valid" in line for line in report.skipped)
    lead.team.sync()
    assert anna.team.canonical() == lead.team.canonical()


def test_media_bytes_that_do_not_match_their_hash_are_not_kept(replicas) -> None:
    team, lead, anna, bram = replicas
    real = b"echte foto"
    sha = hashlib.sha256(real).hexdigest()
    with _owner(team) as conn:  # a fake upload got there first
        conn.execute("INSERT INTO fieldkit.media VALUES (%s, 'foto.jpg', 4)", (sha,))
        conn.execute("INSERT INTO fieldkit.media_chunks VALUES (%s, 0, 'nep!'::bytea)", (sha,))
    _insert(team, [{"t": "media", "k": sha, "op": "insert",
                    "set": {"sha256": sha, "filename": "foto.jpg", "mime": "image/jpeg",
                            "size": len(real), "width": None, "height": None, "taken": None,
                            "orientation": None}}], member=f"bram{team.db}")
    report = anna.team.sync()
    assert any("'foto.jpg'" in line and "does not match its hash" in line
               for line in report.skipped)
    target = anna.media.path(sha, "foto.jpg")
    assert not target.exists()
    assert not list((anna.path / "media").glob("*.part"))
    with _owner(team) as conn:  # the real bytes arrive on the server later
        conn.execute("UPDATE fieldkit.media_chunks SET data = %s WHERE sha256 = %s",
                     (real, sha))
    report = anna.team.sync()
    assert target.read_bytes() == real
    assert not any("does not match" in line for line in report.skipped)


# -- the lead's snapshot during a blind round ------------------------------------------------


def test_the_leads_snapshot_leaves_unreleased_blind_codings_out(replicas) -> None:
    team, lead, anna, bram = replicas
    doc = _doc(lead, "Bezoek 1")
    lead.code_text(doc.id, 0, 3, "Leren/Voordoen")  # before the round: everyone's
    lead.sets.add("Ronde 1", "documents", [doc.id])
    lead.team.sync()
    lead.team.make_blind("Ronde 1")
    lead.code_text(doc.id, 4, 8, "Leren/Uitproberen")  # blind
    anna.code_text(_doc(anna, "Bezoek 1").id, 9, 13, "Leren/Voordoen")  # blind, anna's
    anna.team.sync()
    lead.team.snapshot()
    assert len(lead.codings()) == 2  # the lead's own copy keeps them
    carl = _add_and_join(team, lead, "carl", "Carl")
    try:
        assert [(c.start, c.end) for c in carl.codings()] == [(0, 3)]
        assert not _index_problems(carl)
        lead.team.release("Ronde 1")
        for p in (carl, anna, bram, lead):
            p.team.sync()
        for p in (carl, anna, bram, lead):
            assert sorted((c.start, c.end) for c in p.codings()) == [(0, 3), (4, 8), (9, 13)]
        assert carl.team.canonical() == lead.team.canonical() == bram.team.canonical()
    finally:
        carl.close()


# -- refusals, the lead's cascade, coders that exist already ----------------------------------


def test_sync_exits_1_after_a_refusal(replicas, capsys) -> None:
    team, lead, anna, bram = replicas
    anna.code_text(_doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
    anna.team.sync()
    bram.team.sync()
    coding = bram.codings()[0]
    bram.set_coder("Anna")  # bram pretends to be Anna and removes her coding
    bram.uncode(coding.id)
    path = bram.path
    bram.close()
    capsys.readouterr()
    assert main(["-p", str(path), "sync"]) == 1
    err = capsys.readouterr().err
    assert "Refused by the server" in err
    assert main(["-p", str(path), "team", "status"]) == 0
    assert "Last problem" in capsys.readouterr().out
    assert main(["-p", str(path), "team", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["last_problem"].startswith("Refused by the server: ")
    assert status["last_problem_at"] and status["state"] == "synced"
    assert main(["-p", str(path), "sync"]) == 0  # nothing left to refuse


def test_the_leads_delete_and_merge_of_a_code_reach_every_copy(replicas) -> None:
    team, lead, anna, bram = replicas
    anna.code_text(_doc(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
    bram.code_text(_doc(bram, "Bezoek 2").id, 0, 4, "Leren/Uitproberen")
    lead.add_code("Leren/Samen")
    for p in (anna, bram, lead, anna, bram):
        p.team.sync()
    assert len(lead.codings()) == 2
    lead.merge.codes("Leren/Uitproberen", "Leren/Samen")
    report = lead.team.sync()
    assert not report.refused, report.refused
    lead.delete_code(lead.code("Leren/Voordoen").id)
    report = lead.team.sync()
    assert not report.refused, report.refused
    for p in (anna, bram, lead):
        p.team.sync()
    for p in (anna, bram, lead):
        assert [(p.coder_name(c.coder_id), p.code_path(c.code_id)) for c in p.codings()] \
            == [("Bram", "Leren/Samen")]
    assert lead.team.canonical() == anna.team.canonical() == bram.team.canonical()


def test_joining_as_a_coder_that_exists_is_refused_unless_asked(published, tmp_path,
                                                               capsys) -> None:
    team, lead = published
    lead.code_text(_doc(lead, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
    lead.team.sync()
    folder = tmp_path / f"anna{team.db}.fieldkit"
    with pytest.raises(ExistingCoder, match="'Lotte'"):
        team.join(f"anna{team.db}", "lotte")
    _nothing_left(folder)
    code = main(["team", "join", team.member_url(f"anna{team.db}"), str(folder),
                 "--coder", "Lotte"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "--as-existing-coder" in err
    _nothing_left(folder)
    assert main(["team", "join", team.member_url(f"anna{team.db}"), str(folder),
                 "--coder", "Lotte", "--as-existing-coder"]) == 0
    with Project.open(folder) as anna:
        assert anna.coder == "Lotte"


def test_a_media_file_cut_off_mid_stream_leaves_no_part_file(tmp_path) -> None:
    from fieldkit.storage.mediastore import MediaStore
    from fieldkit.storage.team_server import ServerUnreachable

    store = MediaStore(tmp_path)
    data = b"x" * 1000
    sha = hashlib.sha256(data).hexdigest()

    def cut() -> Any:
        yield data[:500]
        raise ServerUnreachable("The team server stopped answering.")

    with pytest.raises(ServerUnreachable):
        store.put_chunks(cut(), sha, "a.jpg")
    assert list((tmp_path / "media").iterdir()) == []
    outside = tmp_path / "outside.part"
    outside.write_bytes(b"keep")
    for key in ("../outside", "../../x", sha.upper(), sha[:63], "/etc/passwd"):
        assert store.put_chunks(iter([data]), key, "a") is False
    assert outside.read_bytes() == b"keep"
    assert list((tmp_path / "media").iterdir()) == []
    assert store.put_chunks(iter([data[:500], data[500:]]), sha, "a.jpg") is True
    assert store.path(sha, "a.jpg").read_bytes() == data
