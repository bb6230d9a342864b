"""Encrypted projects (issue 31): nothing readable without the passphrase, everything as in a
plain project with it, conversions that lose nothing, a wrong passphrase that changes nothing.

Real projects in temporary folders, real SQLCipher, real files; the truth each check compares
with is the material imported (its words, its bytes) or the same project before converting.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import fieldkit.index  # noqa: F401  (the search triggers' functions)
from fieldkit.core.errors import PassphraseNeeded, WrongPassphrase
from fieldkit.operations import encryption
from fieldkit.project import Project
from fieldkit.storage import conversion, keys, sealed

WORD = "Zwaluwstaartverbinding"  # a word of the imported text, found nowhere else
TEXT = (f"09:14 Jan laat Piet zien hoe de kantbank werkt 👍.\r\n"
        f"Coördinatie via de {WORD}; één fout, daarna goed.\r\n")
PASS = "correct horse battery staple"
# these tests make plain and encrypted projects themselves: not rerun "all encrypted"
pytestmark = pytest.mark.skipif(os.environ.get("FIELDKIT_TEST_ENCRYPTED") == "1",
                                reason="compares plain and encrypted projects itself")
ROOT = Path(__file__).resolve().parents[2]


def _photo(path: Path) -> bytes:
    """A noisy picture (well over one 64 KiB chunk) saved as PNG; its bytes."""
    rng = random.Random(7)
    img = Image.frombytes("RGB", (200, 200), bytes(rng.getrandbits(8) for _ in range(120000)))
    img.save(path)
    return path.read_bytes()


def _fill(project: Project, tmp: Path) -> bytes:
    source = tmp / "interview.txt"
    source.write_text(TEXT, encoding="utf-8", newline="")
    photo = _photo(tmp / "machine.png")
    project.imports.files([source, tmp / "machine.png"])
    doc = next(d for d in project.documents() if d.kind != "photo")
    project.add_code("Leren/Collega helpt")
    start = project.document(doc.id).text.index(WORD)
    project.code_text(doc.id, start, start + len(WORD), "Leren/Collega helpt")
    project.code_text(doc.id, 0, 5, "Leren/Collega helpt")
    project.backups.make("manual")
    return photo


def _state(project: Project) -> dict[str, object]:
    """What a researcher sees: documents (text, title, kind), codings, media bytes."""
    docs = [(d.uuid, d.kind, d.title, project.document(d.id).text) for d in project.documents()]
    codings = sorted((c.uuid, c.start, c.end, c.quote) for c in project.codings())
    media = {}
    for d in project.documents():
        found = project.document(d.id)
        if found.media_id is not None:
            with project.open_media(found.media_id) as fh:
                media[found.uuid] = hashlib.sha256(fh.read()).hexdigest()
    return {"docs": docs, "codings": codings, "media": media}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _windows(data: bytes) -> list[bytes]:
    """Pieces of a file's bytes to look for (48 bytes at a few places)."""
    return [data[i:i + 48] for i in range(100, len(data) - 48, max(1, len(data) // 7))]


def _leaks(folder: Path, photo: bytes) -> list[str]:
    found = []
    word = WORD.encode("utf-8")
    pieces = _windows(photo)
    for name, data in _files(folder).items():
        if word in data or word.lower() in data.lower():
            found.append(f"{name}: the word")
        if any(piece in data for piece in pieces):
            found.append(f"{name}: the photo")
    return found


@pytest.fixture
def locked_out() -> None:
    """Each test starts with no unlocked key in this process (as a new process does)."""
    keys._unlocked.clear()
    yield
    keys._unlocked.clear()


def test_without_the_passphrase_no_file_holds_the_material(tmp_path, locked_out) -> None:
    plain = Project.create(tmp_path / "Plain.fieldkit")
    secret = Project.create(tmp_path / "Secret.fieldkit", passphrase=PASS)
    try:
        photo = _fill(plain, tmp_path)
        _fill(secret, tmp_path)
        # both open (WAL files present): the plain project shows what the check looks for
        assert _leaks(plain.path, photo), "the check finds nothing even in a plain project"
        assert (secret.path / "project.sqlite-wal").exists()
        assert list((secret.path / "backups").glob("*.sqlite"))
        assert list((secret.path / "media" / "thumbs").iterdir())
        assert _leaks(secret.path, photo) == []
    finally:
        plain.close()
        secret.close()
    assert _leaks(secret.path, photo) == []
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(secret.path / "project.sqlite").execute(
            "SELECT count(*) FROM sqlite_master").fetchone()
    keys._unlocked.clear()
    with pytest.raises(PassphraseNeeded):
        Project.open(secret.path)
    with Project.open(secret.path, passphrase=PASS) as again:
        assert again.search(WORD).total == 1
        assert _state(again)["media"]


def test_an_encrypted_project_works_as_a_plain_one(tmp_path, locked_out) -> None:
    with Project.create(tmp_path / "P.fieldkit") as plain, \
            Project.create(tmp_path / "E.fieldkit", passphrase=PASS) as secret:
        _fill(plain, tmp_path)
        _fill(secret, tmp_path)
        for p in (plain, secret):
            note = p.add_note(site="Plant Oost", title="Notitie", text=TEXT)
            p.code_text(note.id, 6, 9, "Leren/Collega helpt")
            p.edit_text(note.id, "Nieuwe regel 🙂\r\n" + p.document(note.id).text)
            p.undo()
            p.redo()
        strip = lambda s: {k: sorted(v.values()) if k == "media" else  # noqa: E731
                           sorted(x[1:] for x in v) for k, v in s.items()}
        assert strip(_state(plain)) == strip(_state(secret))
        assert [h.snippet for h in plain.search("kantbank").hits] == \
            [h.snippet for h in secret.search("kantbank").hits]
        assert plain.check() == secret.check() == []
        restored = secret.backups.restore(secret.backups.list()[0].id, tmp_path / "R.fieldkit")
    with Project.open(restored.path) as copy:
        assert keys.is_encrypted(copy.path)
        assert copy.search(WORD).total == 1
        assert copy.check() == []


def test_encrypt_then_decrypt_gives_the_same_documents_codings_and_media(tmp_path,
                                                                          locked_out) -> None:
    folder = tmp_path / "P.fieldkit"
    with Project.create(folder) as project:
        photo = _fill(project, tmp_path)
        before = _state(project)
    recovery = encryption.encrypt(folder, PASS)
    assert recovery and _leaks(folder, photo) == []
    assert not conversion.pending(folder)
    keys._unlocked.clear()
    with Project.open(folder, passphrase=PASS) as project:
        assert _state(project) == before
        assert project.check() == []
    encryption.decrypt(folder)
    assert not keys.is_encrypted(folder)
    assert (folder / "project.sqlite").read_bytes()[:16] == b"SQLite format 3\x00"
    with Project.open(folder) as project:
        assert _state(project) == before
        assert project.search(WORD).total == 1
    assert photo in [p.read_bytes() for p in (folder / "media").iterdir() if p.is_file()]


def test_a_wrong_passphrase_is_one_line_and_changes_nothing(tmp_path, locked_out) -> None:
    folder = tmp_path / "E.fieldkit"
    with Project.create(folder, passphrase=PASS) as project:
        _fill(project, tmp_path)
    before = _files(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FIELDKIT_PASSPHRASE": "not it"}
    for argv in (["-p", str(folder), "docs"], ["decrypt", str(folder)],
                 ["passphrase", str(folder)], ["-p", str(folder), "check"]):
        done = subprocess.run([sys.executable, "-m", "fieldkit", *argv], env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and "passphrase does not open" in done.stderr
    del env["FIELDKIT_PASSPHRASE"]
    done = subprocess.run([sys.executable, "-m", "fieldkit", "-p", str(folder), "docs"],
                          env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "encrypted" in done.stderr
    assert _files(folder) == before


def test_changing_the_passphrase_rewrites_only_the_key_file(tmp_path, locked_out) -> None:
    folder = tmp_path / "E.fieldkit"
    with Project.create(folder, passphrase=PASS) as project:
        _fill(project, tmp_path)
        recovery = project.recovery_key
    before = _files(folder)
    encryption.change_passphrase(folder, "nieuw wachtwoord ü")
    after = _files(folder)
    changed = {name for name in before.keys() | after.keys()
               if before.get(name) != after.get(name)}
    assert changed == {keys.HEADER}
    keys._unlocked.clear()
    with pytest.raises(WrongPassphrase):
        encryption.unlock(folder, PASS)
    encryption.unlock(folder, "nieuw wachtwoord ü")
    keys._unlocked.clear()
    assert recovery is not None
    encryption.unlock(folder, recovery.lower().replace("-", " "))  # the recovery key opens it
    with Project.open(folder) as project:
        assert project.search(WORD).total == 1


def test_a_damaged_media_chunk_is_reported_by_check_with_its_file(tmp_path, locked_out) -> None:
    folder = tmp_path / "E.fieldkit"
    with Project.create(folder, passphrase=PASS) as project:
        _fill(project, tmp_path)
    stored = next(p for p in (folder / "media").iterdir() if p.suffix == ".png")
    assert stored.stat().st_size > sealed.CHUNK + 2 * sealed.TAG + 100  # two chunks
    data = bytearray(stored.read_bytes())
    data[sealed.HEADER + sealed.CHUNK + sealed.TAG + 10] ^= 0x01  # in the second chunk
    stored.write_bytes(bytes(data))
    with Project.open(folder, passphrase=PASS) as project:
        problems = [p.message for p in project.check()]
    assert len(problems) == 1
    assert "machine.png" in problems[0] and stored.name in problems[0]
    assert "changed on disk since it was imported (part 2 does not decrypt)" in problems[0]


@pytest.mark.parametrize("size", [0, 1, sealed.CHUNK - 1, sealed.CHUNK, sealed.CHUNK + 1,
                                  3 * sealed.CHUNK, 3 * sealed.CHUNK + 777])
def test_the_sealed_reader_reads_any_range_as_the_plaintext(size) -> None:
    rng = random.Random(size)
    plain = rng.randbytes(size)
    key = os.urandom(32)
    blob = sealed.seal(plain, key)
    assert len(blob) == sealed.sealed_size(size)
    reader = sealed.SealedReader(io.BytesIO(blob), key)
    assert reader.read() == plain
    for _ in range(200):
        start = rng.randrange(0, size + 2)
        length = rng.randrange(0, sealed.CHUNK * 2)
        reader.seek(start)
        got = reader.read(length)
        assert got == plain[start:start + length]
        assert reader.tell() == start + len(got)
    if size:
        reader.seek(-1, io.SEEK_END)
        assert reader.read() == plain[-1:]


def test_a_sealed_file_cut_or_tampered_does_not_decrypt() -> None:
    key = os.urandom(32)
    plain = os.urandom(2 * sealed.CHUNK + 5)
    blob = sealed.seal(plain, key)
    cut = blob[:sealed.HEADER + 2 * (sealed.CHUNK + sealed.TAG)]  # at a chunk boundary
    with pytest.raises(sealed.DamagedChunk):
        sealed.SealedReader(io.BytesIO(cut), key).read()
    header = bytearray(blob)
    header[30] ^= 1  # the reserved bytes of the header: authenticated too
    with pytest.raises(sealed.DamagedChunk):
        sealed.SealedReader(io.BytesIO(bytes(header)), key).read(1)
    with pytest.raises(sealed.DamagedChunk):
        sealed.SealedReader(io.BytesIO(blob), os.urandom(32)).read(1)
    other = sealed.seal(plain, key)  # the same plaintext seals differently (its own file key)
    assert other != blob
    mixed = blob[:sealed.HEADER] + other[sealed.HEADER:]
    with pytest.raises(sealed.DamagedChunk):
        sealed.SealedReader(io.BytesIO(mixed), key).read(1)


KILLER = """
import os, signal, sys
sys.path.insert(0, {root!r})
import fieldkit.index
from fieldkit.storage import conversion, keys
what, folder, where = sys.argv[1], sys.argv[2], sys.argv[3]
real_replace = os.replace
count = [0]
def kill(step):
    if step == where:
        os.kill(os.getpid(), signal.SIGKILL)
if where.startswith("rename"):
    limit = int(where[6:])
    def replace(a, b):
        count[0] += 1
        if count[0] > limit and conversion.MARKER not in str(b):
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(a, b)
    os.replace = replace
if what == "encrypt":
    conversion.encrypt(conversion.Path(folder), {password!r}, step=kill)
else:
    keys.unlock(conversion.Path(folder), {password!r})
    conversion.decrypt(conversion.Path(folder), step=kill)
print("finished")
"""


@pytest.mark.parametrize("where", ["database", "media", "backups", "swap", "rename0",
                                   "rename1", "rename2", "rename3", "rename4", "rename5"])
def test_kill_during_encrypt_and_decrypt_leaves_a_project_that_opens(tmp_path, where,
                                                                      locked_out) -> None:
    folder = tmp_path / "P.fieldkit"
    with Project.create(folder) as project:
        _fill(project, tmp_path)
        before = _state(project)
    script = KILLER.format(root=str(ROOT), password=PASS)
    for what in ("encrypt", "decrypt"):
        if what == "decrypt" and not keys.is_encrypted(folder):
            encryption.encrypt(folder, PASS)  # the kill left it plain: start from encrypted
        done = subprocess.run([sys.executable, "-c", script, what, str(folder), where],
                              capture_output=True, text=True)
        assert done.returncode == -9, (what, done.returncode, done.stderr)  # killed there
        keys._unlocked.clear()
        encryption.unlock(folder, PASS)  # finishes or undoes the interrupted conversion
        assert not conversion.pending(folder)
        with Project.open(folder) as project:
            assert _state(project) == before
            assert project.check() == []


def test_a_team_snapshot_of_an_encrypted_project_is_plain_and_fieldkits_own(tmp_path,
                                                                          locked_out) -> None:
    """What a lead sends the server (docs/team.md): a plain copy that a joining member's
    check accepts as exactly fieldkit's schema, holding the same rows."""
    from fieldkit.storage import replica_tables
    from fieldkit.storage.mediastore import MediaStore
    from fieldkit.team.joining import check_snapshot

    with Project.create(tmp_path / "E.fieldkit", passphrase=PASS) as project:
        _fill(project, tmp_path)
        target = tmp_path / "snapshot.sqlite"
        replica_tables.snapshot(project._store.conn, str(target))
        rows = project._store.conn.execute("SELECT count(*) FROM codings").fetchone()[0]
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    check_snapshot(target, MediaStore.hash_file(target))
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM codings").fetchone()[0] == rows == 2
    assert WORD in conn.execute("SELECT group_concat(text) FROM documents").fetchone()[0]
    conn.close()


def test_the_keyring_opens_a_remembered_project_and_forgets_it_when_decrypted(
        tmp_path, locked_out, monkeypatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryRing(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.kept.pop((service, username), None)

    monkeypatch.delenv("FIELDKIT_PASSPHRASE", raising=False)
    before = keyring.get_keyring()
    ring = MemoryRing()
    keyring.set_keyring(ring)
    try:
        folder = tmp_path / "E.fieldkit"
        Project.create(folder, passphrase=PASS).close()
        assert encryption.remember(folder, PASS)
        keys._unlocked.clear()
        Project.open(folder).close()  # no passphrase given: the keyring's
        encryption.change_passphrase(folder, "nieuw")
        assert list(ring.kept.values()) == ["nieuw"]  # the remembered one follows
        encryption.decrypt(folder)
        assert ring.kept == {}
    finally:
        keyring.set_keyring(before)
