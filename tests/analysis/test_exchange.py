"""Sets (and memos' links) through REFI-QDA .qdpx, valid against the XSD, and through merge."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from fieldkit import Project
from fieldkit.core.errors import NotFound
from tests.analysis.conftest import Hand
from tests.conftest import SHARED_FIXTURES

NS = {"q": "urn:QDA-XML:project:1.0"}


def with_sets(hand: Hand) -> Project:
    p = hand.project
    memo = p.memos.add("Over A", "Gedachte.", date="2026-03-05")
    p.sets.add("Alles", "documents", [hand.note, hand.talk, memo.id], description="alle drie")
    p.sets.add("Kern", "codes", ["A", "B"])
    return p


def test_sets_round_trip_through_qdpx_valid_against_the_xsd(hand: Hand, tmp_path: Path) -> None:
    p = with_sets(hand)
    out = p.exports.qdpx(tmp_path / "study.qdpx")
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    schema = etree.XMLSchema(etree.parse(str(SHARED_FIXTURES / "refi-qda" /
                                             "Project-mrt2019.xsd")))
    schema.assertValid(root)
    sets = root.find("q:Sets", NS)
    assert [s.get("name") for s in sets] == ["Alles", "Kern"]
    assert len(sets[0].findall("q:MemberSource", NS)) == 2
    assert len(sets[0].findall("q:MemberNote", NS)) == 1
    expected = [(s.uuid, s.name, s.kind, s.description, s.labels) for s in p.sets.all()]
    with Project.import_qdpx(out, tmp_path / "again.fieldkit") as again:
        assert [(s.uuid, s.name, s.kind, s.description, sorted(s.labels))
                for s in again.sets.all()] == [(u, n, k, d, sorted(labels))
                                                for u, n, k, d, labels in expected]


def test_a_mixed_foreign_set_splits_and_unknown_members_are_reported(
        hand: Hand, tmp_path: Path) -> None:
    out = with_sets(hand).exports.qdpx(tmp_path / "study.qdpx")
    code_a = hand.project.code("A").uuid
    note = hand.project.document(hand.note).uuid
    with zipfile.ZipFile(out) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    mixed = (f'<Set guid="7f1c2d3e-0000-4000-8000-00000000000a" name="Gemengd">'
             f'<MemberCode targetGUID="{code_a}"/><MemberSource targetGUID="{note}"/>'
             f'<MemberSource targetGUID="7f1c2d3e-0000-4000-8000-0000000000ff"/></Set></Sets>')
    entries["project.qde"] = entries["project.qde"].replace(b"</Sets>", mixed.encode())
    with zipfile.ZipFile(tmp_path / "mixed.qdpx", "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    with Project.import_qdpx(tmp_path / "mixed.qdpx", tmp_path / "m.fieldkit") as again:
        found = {s.name: (s.kind, s.labels) for s in again.sets.all()}
        assert found["Gemengd"] == ("documents", ["Notitie"])
        assert found["Gemengd (codes)"] == ("codes", ["A"])
        assert any("Gemengd" in w and "1 member" in w for w in again.imports.warnings)  # type: ignore[attr-defined]


def test_sets_links_and_queries_travel_through_merge(hand: Hand, tmp_path: Path) -> None:
    p = hand.project
    p.sets.add("Kern", "codes", ["A"])
    path = p.path
    p.close()
    theirs_path = tmp_path / "Bram.fieldkit"
    shutil.copytree(path, theirs_path)
    with Project.open(theirs_path) as theirs:
        theirs.set_coder("Bram")
        theirs.sets.extend("Kern", ["C"])
        theirs.sets.add("Gesprek", "documents", [hand.talk])
        memo = theirs.memos.add("Bram denkt", "Hm.", type="reflexive")
        theirs.memos.link(memo.id, "coding", theirs.codings(code="E")[0].id)
        theirs.analysis.save_query("AB", "A AND B")
    with Project.open(path) as ours:
        summary = ours.merge.project(theirs_path)
        assert (summary.sets, summary.memo_links) == (2, 1)
        assert ours.sets.get("Kern").labels == ["A", "C"]
        assert ours.sets.get("Gesprek").labels == ["Gesprek"]
        memo = next(m for m in ours.memos.all() if m.title == "Bram denkt")
        assert (memo.type, memo.author) == ("reflexive", "Bram")
        assert [x.label for x in memo.links] == ["Notitie: \u201coo pp\u201d"]
        assert [q.name for q in ours.analysis.saved_queries()] == ["AB"]
        again = ours.merge.project(theirs_path)
        assert (again.sets, again.memo_links) == (0, 0)
        assert ours.undo_label() == f"Merge {theirs_path.name}"
        ours.undo()
        assert ours.sets.get("Kern").labels == ["A"]
        with pytest.raises(NotFound):
            ours.sets.get("Gesprek")
