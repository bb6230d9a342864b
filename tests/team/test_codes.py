"""Merging two codes into one: codings move, duplicates collapse, one undo step."""

from __future__ import annotations

import pytest

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.project import Project

from .conftest import Study, counts


def test_codings_move_and_duplicates_on_the_same_span_collapse(study: Study) -> None:
    with Project.open(study.base) as project:
        project.add_code("Learning/Peer help/Demonstration")
        project.add_code("Learning/Colleagues", definition="Learning with colleagues.")
        project.add_code("Learning/Colleagues/Demonstration")
        same = project.code_text(study.note, 0, 10, "Learning/Peer help", coder="Anna",
                                 memo="asks")
        project.code_text(study.note, 0, 10, "Learning/Colleagues", coder="Anna", memo="shows")
        project.code_text(study.note, 0, 10, "Learning/Colleagues", coder="Bram")
        project.code_text(study.note, 20, 30, "Learning/Colleagues", coder="Anna")
        project.code_text(study.note, 40, 50, "Learning/Colleagues/Demonstration",
                          coder="Anna")
        before = counts(study.base)  # readonly view sees committed rows
        moved = project.merge.codes("Learning/Colleagues", "Learning/Peer help")
        assert moved == 3  # Bram's [0,10), Anna's [20,30), and the sub-code's coding
        target = project.code("Learning/Peer help")
        spans = sorted((project.coder_name(c.coder_id), c.start, c.end, c.memo)
                       for c in project.codings(code=target.id, include_subcodes=True))
        assert spans == [("Anna", 0, 10, "asks\n\n— merged from code Learning/Colleagues: "
                          "shows"), ("Anna", 20, 30, ""), ("Anna", 40, 50, ""),
                         ("Bram", 0, 10, "")]
        assert project.coding(same.id).code_id == target.id
        assert "Learning with colleagues." in target.definition
        with pytest.raises(NotFound):
            project.code("Learning/Colleagues")
        assert len(project.codings(code="Learning/Peer help/Demonstration")) == 1
        assert project.undo_label() == "Merge code Learning/Colleagues into Learning/Peer help"
        project.undo()
        assert counts(study.base) == before
        assert len(project.codings(code="Learning/Colleagues")) == 3


def test_bad_code_merges_are_refused(study: Study) -> None:
    with Project.open(study.base) as project:
        project.add_code("Learning/Peer help/Demonstration")
        label = project.undo_label()
        with pytest.raises(BadInput):
            project.merge.codes("Autonomy", "Autonomy")
        with pytest.raises(BadInput, match="lies under"):
            project.merge.codes("Learning", "Learning/Peer help/Demonstration")
        with pytest.raises(NotFound):
            project.merge.codes("No such code", "Autonomy")
        assert project.undo_label() == label


def test_a_later_project_merge_does_not_bring_a_merged_code_back(study: Study) -> None:
    theirs = study.copy("bram")
    with Project.open(theirs) as project:
        project.code_text(study.note, 0, 10, "Learning/Trial and error", coder="Bram")
    with Project.open(study.base) as project:
        project.merge.codes("Learning/Trial and error", "Learning/Peer help")
        summary = project.merge.project(theirs)
        assert project.codebook().find_path("Learning/Trial and error") is None
        [coding] = project.codings()
        assert project.code_path(coding.code_id) == "Learning/Peer help"
    assert summary.codes == 0 and summary.codings == 1
