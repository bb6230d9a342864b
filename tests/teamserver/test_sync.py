"""Publish, join and sync on a real PostgreSQL server: replicas converge."""

from __future__ import annotations

import pytest

from fieldkit.core.errors import BadInput
from fieldkit.project import Project


def _note(p: Project, title: str):
    return next(d for d in p.documents() if d.title == title)


def test_publish_join_code_and_sync_converge(replicas) -> None:
    team, lead, anna, bram = replicas
    assert anna.team.canonical() == lead.team.canonical()
    doc = _note(anna, "Bezoek 1")
    anna.code_text(doc.id, 0, 3, "Leren/Voordoen")
    doc_b = _note(bram, "Bezoek 1")
    bram.code_text(doc_b.id, 4, 8, "Leren/Uitproberen")
    bram.add_code("Leren/Vragen")
    assert anna.team.status().to_send >= 1
    anna.team.sync()
    bram.team.sync()
    anna.team.sync()
    lead.team.sync()
    assert anna.team.status().to_send == 0
    dumps = [p.team.canonical() for p in (lead, anna, bram)]
    assert dumps[0] == dumps[1] == dumps[2]
    assert len(lead.codings()) == 2


def test_undo_after_a_team_mates_change_reverts_only_what_the_action_changed(published) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        code = anna.code("Leren/Voordoen")
        anna.update_code(code.id, definition="Iemand doet het voor.")
        anna.team.sync()
        lead.team.sync()
        lead.update_code(lead.code("Leren/Voordoen").id, name="Voordoen en nadoen")
        lead.team.sync()
        anna.team.sync()
        assert anna.undo() is not None  # her definition change, not the lead's rename
        changed = anna.code(code.uuid)
        assert changed.name == "Voordoen en nadoen" and changed.definition == ""
        anna.team.sync()
        lead.team.sync()
        assert lead.team.canonical() == anna.team.canonical()
    finally:
        anna.close()


def test_photos_travel_with_their_files(published, tmp_path) -> None:
    from PIL import Image

    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        picture = tmp_path / "kantbank.jpg"
        Image.new("RGB", (64, 48), (200, 30, 30)).save(picture)
        (photo,) = anna.imports.files([picture], site="Metaal Oost")
        anna.team.sync()
        lead.team.sync()
        arrived = next(d for d in lead.documents() if d.kind == "photo")
        original = anna.media_file(anna.document(photo.id).media_id)
        copy = lead.media_file(lead.document(arrived.id).media_id)
        assert copy.read_bytes() == original.read_bytes()
        assert lead.team.canonical() == anna.team.canonical()
    finally:
        anna.close()


def test_a_new_snapshot_is_where_new_members_start(published) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        anna.code_text(_note(anna, "Bezoek 1").id, 0, 3, "Leren/Voordoen")
        anna.team.sync()
        for i in range(3):
            lead.add_code(f"Thema/{i}")
        position = lead.team.snapshot()
        assert position == lead.team.position > 0
        cees = team.add(lead, f"cees{team.db}")
        late = team.join(f"cees{team.db}", "Cees")
        try:
            assert late.team.position == position
            assert late.team.canonical() == lead.team.canonical()
            assert late.team.status().to_send == 0 and cees
        finally:
            late.close()
        with pytest.raises(BadInput, match="lead"):
            anna.team.snapshot()
    finally:
        anna.close()


def test_a_linked_media_file_is_never_sent_to_the_team(published, tmp_path) -> None:
    import psycopg
    from PIL import Image

    from fieldkit.core.errors import DamagedMedia

    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        picture = tmp_path / "kantbank.jpg"
        Image.new("RGB", (64, 48), (200, 30, 30)).save(picture)
        (photo,) = anna.imports.files([picture], site="Metaal Oost")
        stored = anna.media_file(anna.document(photo.id).media_id)
        secret = tmp_path / "geheim.txt"
        secret.write_bytes(b"geheim-wachtwoord " * 100)
        stored.unlink()
        stored.symlink_to(secret)
        with pytest.raises(DamagedMedia, match="kantbank.jpg.*symbolic link"):
            anna.team.sync()
        with psycopg.connect(team.lead_url) as conn:
            sent = conn.execute("SELECT count(*) FROM fieldkit.media_chunks WHERE "
                                "position('geheim'::bytea in data) > 0").fetchone()
        assert sent == (0,)
        # the original, skipped as already there, still repairs the copy
        assert anna.imports.files([picture], site="Metaal Oost", duplicates="skip") == []
        assert [s.document_id for s in anna.imports.skipped] == [photo.id]
        anna.team.sync()
        lead.team.sync()
        assert sorted(d.title for d in lead.documents() if d.kind == "photo") == ["kantbank"]
        lead_photo = next(d for d in lead.documents() if d.kind == "photo")
        assert lead.media_file(lead.document(lead_photo.id).media_id).read_bytes() == \
            picture.read_bytes()
    finally:
        anna.close()
