"""Merging a colleague's copy: everything comes in once, conflicts keep both texts, twice is
once, and a failed merge leaves the project as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput, Cancelled, NotAProject
from fieldkit.core.model import ImportedDocument, ImportedMedia, Region
from fieldkit.core.progress import Progress
from fieldkit.project import Project

from .conftest import NOTE, Study, counts


def by_uuid(project: Project) -> dict[str, tuple[str, str, int | None, int | None]]:
    """Every coding as uuid → (coder, code path, start, end)."""
    return {c.uuid: (project.coder_name(c.coder_id), project.code_path(c.code_id), c.start,
                     c.end) for c in project.codings()}


def code_as(path: Path, coder: str, work) -> dict:
    with Project.open(path) as project:
        project.set_coder(coder)
        work(project)
        return by_uuid(project)


def test_round_trip_brings_every_coding_once_by_the_right_coder(study: Study) -> None:
    a_path, b_path = study.copy("anna"), study.copy("bram")

    def anna(p: Project) -> None:
        p.code_text(study.note, 0, 40, "Learning/Peer help")
        p.code_text(study.transcript, 30, 60, "Learning/Trial and error")
        p.code_region(study.photo, Region(10, 10, 20, 20), "Autonomy")

    def bram(p: Project) -> None:
        p.code_text(study.note, 5, 40, "Learning/Peer help")
        p.code_text(study.note, 100, 150, "Autonomy")
        p.add_code("Technology/CNC", definition="Working with computer-controlled machines.")
        p.code_text(study.note, 60, 82, "Technology/CNC")
        note = p.add_note(site="Voedsel BV", visit="2024-04-02", title="Inpakken",
                          text="Sanne leert de inpaklijn van Joop.")
        p.code_text(note.id, 0, 5, "Learning/Peer help")
        p.imports.document(ImportedDocument("photo", "Lijn", "De lijn", media=ImportedMedia(
            b"another picture", "lijn.jpg", "image/jpeg", width=10, height=10)))

    ours, theirs = code_as(a_path, "Anna", anna), code_as(b_path, "Bram", bram)
    before = counts(a_path)
    with Project.open(a_path) as project:
        summary = project.merge.project(b_path)
        merged = by_uuid(project)
        assert merged == {**ours, **theirs}
        assert len(merged) == len(ours) + len(theirs) == 7
        assert sorted(c.name for c in project.coders()) == ["Anna", "Bram"]
        assert project.code("Technology/CNC").definition.startswith("Working with")
        inpakken = next(d for d in project.documents() if d.title == "Inpakken")
        assert project.document(inpakken.id).text == "Sanne leert de inpaklijn van Joop."
        assert project.site("Voedsel BV").name == "Voedsel BV"
        lijn = next(d for d in project.documents() if d.title == "Lijn")
        media = project.document(lijn.id).media_id
        assert project.media_file(media).read_bytes() == b"another picture"
        assert Path(summary.backup).exists() and "before-merge" in summary.backup
        assert project.undo_label() == "Merge bram.fieldkit"
    assert (summary.documents, summary.codes, summary.codings, summary.coders) == (2, 2, 4, 1)
    assert (summary.sites, summary.visits, summary.media) == (1, 1, 1)
    assert summary.conflicts == [] and summary.not_placed == []
    after = counts(a_path)
    assert after["codings"] == before["codings"] + 4

    with Project.open(a_path) as project:
        again = project.merge.project(b_path)
        assert by_uuid(project) == merged
    assert again.added == 0 and not again.changed
    assert again.conflicts == [] and again.not_placed == [] and again.duplicates_skipped == 0
    assert counts(a_path) == after


def test_merge_is_one_undo_step(study: Study) -> None:
    a_path, b_path = study.copy("anna"), study.copy("bram")
    code_as(b_path, "Bram", lambda p: p.code_text(study.note, 0, 10, "Autonomy"))
    before = counts(a_path)
    with Project.open(a_path) as project:
        project.merge.project(b_path)
        assert len(project.codings()) == 1
        project.undo()
    assert counts(a_path) == before


def test_same_span_same_coder_is_not_duplicated(study: Study) -> None:
    a_path, b_path = study.copy("anna"), study.copy("bram")
    code_as(a_path, "Anna", lambda p: p.code_text(study.note, 0, 10, "Autonomy"))
    code_as(b_path, "Anna", lambda p: p.code_text(study.note, 0, 10, "Autonomy"))
    with Project.open(a_path) as project:
        summary = project.merge.project(b_path)
        assert len(project.codings()) == 1
        assert [c.name for c in project.coders()] == ["Anna"]
    assert summary.codings == 0 and summary.duplicates_skipped == 1


def test_code_edited_in_both_keeps_both_texts_and_reports(study: Study) -> None:
    a_path, b_path = study.copy("anna"), study.copy("bram")
    code_as(a_path, "Anna", lambda p: p.update_code("Learning/Peer help",
                                                    definition="Learning from a colleague."))

    def bram(p: Project) -> None:
        p.update_code("Learning/Peer help", definition="Help asked of or given by a peer.",
                      colour="#000075", example="Ilse shows Ahmed the machine.")

    code_as(b_path, "Bram", bram)
    with Project.open(a_path) as project:
        summary = project.merge.project(b_path)
        code = project.code("Learning/Peer help")
        assert code.definition.startswith("Learning from a colleague.")
        assert "— merged from bram.fieldkit: Help asked of or given by a peer." in code.definition
        assert code.example == "Ilse shows Ahmed the machine."  # ours was empty: filled in
        assert "colour there: #000075" in code.memo
        assert code.colour != "#000075"
        definition = code.definition
        again = project.merge.project(b_path)
        assert project.code("Learning/Peer help").definition == definition
    [conflict] = summary.conflicts
    assert (conflict.kind, conflict.name) == ("code", "Learning/Peer help")
    assert "definition" in conflict.detail
    assert summary.merged_texts == 3  # definition, example, memo
    assert again.added == 0 and again.conflicts == []


def test_document_with_other_text_keeps_ours_and_reanchors_their_codings(study: Study) -> None:
    a_path, b_path = study.copy("anna"), study.copy("bram")
    word = NOTE.index("CNC-machine")

    def bram(p: Project) -> None:
        p.edit_text(study.note, "Maandag, vroege dienst. " + NOTE + " Koffiepauze om tien.")
        text = p.document(study.note).text
        p.code_text(study.note, text.index("CNC-machine"), text.index("CNC-machine") + 11,
                    "Learning/Peer help")
        p.code_text(study.note, text.index("Koffiepauze"), len(text), "Autonomy")

    code_as(b_path, "Bram", bram)
    with Project.open(a_path) as project:
        summary = project.merge.project(b_path)
        assert project.document(study.note).text == NOTE
        [coding] = project.codings(doc=study.note)
        assert (coding.start, coding.end, coding.quote) == (word, word + 11, "CNC-machine")
        assert project.coder_name(coding.coder_id) == "Bram"
    assert summary.codings == 1 and summary.codings_reanchored == 1
    assert [c.kind for c in summary.conflicts] == ["document"]
    assert len(summary.not_placed) == 1 and "Koffiepauze" in summary.not_placed[0]


def test_codes_made_twice_by_name_become_one(study: Study) -> None:
    a_path, b_path = study.copy("anna"), study.copy("bram")
    code_as(a_path, "Anna", lambda p: p.code_text(study.note, 0, 10, p.add_code("Tools").id))
    code_as(b_path, "Bram", lambda p: p.code_text(study.note, 0, 12, p.add_code("Tools").id))
    with Project.open(a_path) as project:
        summary = project.merge.project(b_path)
        tools = project.code("Tools")
        assert len(project.codings(code=tools.id)) == 2
        assert [c.name for c in project._store.codes()].count("Tools") == 1
    assert summary.codes == 0 and summary.matched_by_name == 1


def test_merging_a_non_project_or_itself_is_refused_and_changes_nothing(
        study: Study, tmp_path: Path) -> None:
    a_path = study.copy("anna")
    before = counts(a_path)
    with Project.open(a_path) as project:
        label = project.undo_label()
        with pytest.raises(NotAProject):
            project.merge.project(tmp_path)
        with pytest.raises(BadInput):
            project.merge.project(tmp_path / "nothing-here")
        with pytest.raises(BadInput, match="itself"):
            project.merge.project(a_path)
        assert project.undo_label() == label
    assert counts(a_path) == before


def test_cancelled_merge_changes_nothing(study: Study) -> None:
    a_path, b_path = study.copy("anna"), study.copy("bram")
    code_as(b_path, "Bram", lambda p: p.code_text(study.note, 0, 10, "Autonomy"))
    before = counts(a_path)
    progress = Progress.silent()

    def cancel_midway(done: int, total: int, message: str) -> None:
        if done == 2:
            progress.token.cancel()

    progress.report = cancel_midway
    with Project.open(a_path) as project:
        with pytest.raises(Cancelled):
            project.merge.project(b_path, progress)
    assert counts(a_path) == before
