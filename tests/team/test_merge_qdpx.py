"""Merging a colleague's work that arrives as a REFI-QDA ``.qdpx`` of the same project."""

from __future__ import annotations

from fieldkit.project import Project

from .conftest import Study


def test_merge_from_qdpx_brings_their_codings_once(study: Study) -> None:
    theirs = study.copy("bram")
    with Project.open(theirs) as project:
        project.code_text(study.note, 0, 40, "Learning/Peer help", coder="Bram")
        qdpx = project.exports.qdpx(theirs.parent / "bram.qdpx")
    with Project.open(study.base) as project:
        project.code_text(study.note, 5, 40, "Learning/Peer help", coder="Anna")
        summary = project.merge.project(qdpx)
        found = sorted((project.coder_name(c.coder_id), c.start, c.end)
                       for c in project.codings())
        assert found == [("Anna", 5, 40), ("Bram", 0, 40)]
        assert len(project.documents()) == 3 and len(project._store.codes()) == 4
        again = project.merge.project(qdpx)
        assert len(project.codings()) == 2
    assert summary.source == "bram.qdpx" and summary.codings == 1
    assert again.added == 0
