"""The index changes with the text in the same transaction: import, edit, delete, undo, memos."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.errors import Cancelled
from fieldkit.core.progress import CancelToken, Progress


def titles(project: Project, query: str) -> list[str]:
    return sorted(h.title for h in project.search(query).hits)


def test_import_edit_undo_redo_delete_are_searchable_at_once(study: Project,
                                                          ids: dict[str, int]) -> None:
    first = ids["Eerste bezoek"]
    assert titles(study, "kantbank") == ["Eerste bezoek", "Interview Sanne"]
    study.edit_text(first, "Vandaag alleen over de zetbank gesproken.")
    assert titles(study, "kantbank") == ["Interview Sanne"]
    assert titles(study, "zetbank") == ["Eerste bezoek"]
    study.undo()
    assert titles(study, "kantbank") == ["Eerste bezoek", "Interview Sanne"]
    assert titles(study, "zetbank") == []
    study.redo()
    assert titles(study, "zetbank") == ["Eerste bezoek"]
    study.delete_document(first)
    assert titles(study, "zetbank") == []
    study.undo()
    assert titles(study, "zetbank") == ["Eerste bezoek"]
    assert study.check() == []


def test_memos_captions_and_codes_are_indexed_and_follow_changes(study: Project,
                                                               ids: dict[str, int]) -> None:
    note = ids["Tweede bezoek"]
    study.memos.set_document_memo(note, "Terugkomen op de ovenplanning")
    hit = study.search("ovenplanning").hits[0]
    assert (hit.field, hit.document_id, hit.kind) == ("memo", note, "memo")
    code = study.add_code("Leren/Hulp van collega", definition="Een collega geeft uitleg")
    hits = study.search("uitleg").hits
    assert [(h.field, h.document_id, h.code_id, h.title) for h in hits] == [
        ("code", 0, code.id, "Leren/Hulp van collega")]
    coding = study.code_text(note, 0, 12, code.id, memo="Mooi voorbeeld van meekijken")
    hit = study.search("meekijken").hits[0]
    assert (hit.field, hit.coding_id, hit.start, hit.end) == ("coding memo", coding.id, 0, 12)
    study.memos.set_coding_memo(coding.id, "")
    assert study.search("meekijken").total == 0
    study.undo()
    assert study.search("meekijken").total == 1
    study.update_code(code.id, definition="Iemand doet het voor")
    assert study.search("uitleg").total == 0
    study.delete_code(code.id)
    assert study.search("voor").total == 0 and study.search("meekijken").total == 0
    assert study.check() == []


def test_reindex_rebuilds_and_check_notices_a_stale_index(study: Project) -> None:
    with study._store.change("break the index on purpose", log=False):
        study._store.conn.execute("DELETE FROM search_index WHERE rowid % 8 = 0")
    assert study.search("kantbank").total == 0
    problems = study.check()
    assert problems and "fieldkit reindex" in problems[0].message
    assert study.index.reindex() == 3
    assert study.check() == []
    assert titles(study, "kantbank") == ["Eerste bezoek", "Interview Sanne"]


def test_cancelled_reindex_keeps_the_old_index(study: Project) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        study.index.reindex(Progress(token=token))
    assert titles(study, "kantbank") == ["Eerste bezoek", "Interview Sanne"]


def test_read_only_project_searches(study: Project, tmp_path: Path) -> None:
    path = study.path
    study.close()
    with Project.open(path, readonly=True) as ro:
        assert ro.search("kantbank").total == 2
        assert ro.check() == []
