"""Publish, join and sync on a real PostgreSQL server: replicas converge."""

from __future__ import annotations

from fieldkit.project import Project


def _note(p: Project, title: str):
    return next(d for d in p.documents() if d.title == title)


def test_publish_join_code_and_sync_converge(published) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    bram = team.join(f"bram{team.db}", "Bram")
    try:
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
        assert {c.path for c in []} == set()
    finally:
        anna.close()
        bram.close()
