"""A transcript's text goes from SQLite to the region index once per statement, not once per
turn: importing (and undoing and redoing) 10 or 200 turns hands the whole text over equally
often (``regions.TEXTS_RECEIVED`` counts it), so storing turns stays linear in their number."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.index import regions
from fieldkit.project import Project


def _handovers(tmp_path: Path, turns: int) -> tuple[int, int]:
    source = tmp_path / f"gesprek{turns}.txt"
    source.write_text("\r\n".join(f"{'Kees' if i % 2 else 'Interviewer'}: zin {i} over de "
                                  "machine 😀 café" for i in range(turns)), encoding="utf-8")
    with Project.create(tmp_path / f"p{turns}.fieldkit") as project:
        before = regions.TEXTS_RECEIVED[0]
        [doc] = project.imports.files([source], kind="transcript")
        imported = regions.TEXTS_RECEIVED[0] - before
        assert len(project.turns(doc.id)) == turns
        before = regions.TEXTS_RECEIVED[0]
        project.undo()
        project.redo()
        again = regions.TEXTS_RECEIVED[0] - before
        assert len(project.turns(doc.id)) == turns
        assert [h.document_id for h in project.search("speaker:kees machine").hits] == [doc.id]
    return imported, again


@pytest.mark.parametrize("turns", [10, 200])
def test_the_text_is_handed_over_once_however_many_turns(tmp_path: Path, turns: int) -> None:
    assert _handovers(tmp_path, turns) == (1, 1)
