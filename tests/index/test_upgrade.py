"""Schema steps v4 (filter words, word offsets) and v7 (coded segments and turns as rows)
upgrade an existing index; moves follow."""

from __future__ import annotations

from pathlib import Path

from fieldkit import Project
from fieldkit.storage import search_history, search_tables


def test_a_v3_project_gets_the_current_index_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "Oud.fieldkit"
    with Project.create(path) as p:
        p.add_note(site="Oost", visit="2026-03-02", title="N", text="De kantbank 🛠️ is stuk.")
        with p._store.change("back to v3", log=False):
            conn = p._store.conn
            for name in search_tables.TRIGGER_NAMES:
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            conn.execute("DROP TABLE search_index")
            conn.execute("DROP TABLE search_regions")
            search_history.create(conn)
            search_history.fill(conn)
            conn.execute("PRAGMA user_version = 3")
    with Project.open(path) as p:
        assert p._store.value("PRAGMA user_version") >= 7
        hit = p.search("kantbank site:oost after:2026-03-01 before:2026-03-03").hits[0]
        assert p.document(hit.document_id).text[hit.start:hit.end] == "kantbank"
        assert p.check() == []


def test_moving_a_document_to_another_site_or_day_moves_its_filter_words(
        study: Project, ids: dict[str, int]) -> None:
    note = ids["Eerste bezoek"]
    study.add_code("Leren")
    study.memos.set_coding_memo(study.code_text(note, 0, 3, "Leren").id, "kantbank uitleg")
    assert study.search("kantbank site:dijk").total == 2  # text and coding memo
    other = study.ensure_visit("Bakkerij Zuid", "2027-01-05")
    with study._store.change("move"):
        study._store.update_document(note, {"site_id": other.site_id, "visit_id": other.id})
    assert study.search("kantbank site:dijk").total == 0
    assert study.search("kantbank site:bakkerij after:2027-01-01").total == 2
    with study._store.change("redate"):
        study._store.conn.execute("UPDATE visits SET date = '2028-02-02' WHERE id = ?",
                                 (other.id,))
    assert study.search("kantbank after:2027-01-06").total == 2
    assert study.search("kantbank before:2028-01-01 site:bakkerij").total == 1  # the interview
    assert study.check() == []
