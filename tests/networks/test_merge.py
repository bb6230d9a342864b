"""Networks through ``project.merge``: a colleague's copy brings its relation types, networks,
nodes and links; ours are kept where both have them; merging twice adds nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from fieldkit.project import Project
from tests.networks.test_model import dump


def _base(folder: Path) -> Path:
    path = folder / "Studie.fieldkit"
    with Project.create(path) as p:
        p.set_coder("Anouk")
        doc = p.add_note(site="Metaal", title="Bezoek ✓", text="Eén collega helpt 👍.\r\nDruk.")
        peer = p.add_code("Leren/Collega helpt")
        p.add_code("Tijdsdruk")
        p.add_code("Autonomie")
        p.code_text(doc.id, 0, 10, peer.id)
        p.memos.add("Idee", "tekst")
        p.networks.add("Theorie")
        p.networks.link("Theorie", "code:Leren/Collega helpt", "is cause of", "code:Tijdsdruk")
    return path


def _shape(p: Project) -> dict[str, object]:
    """What the networks hold, named by what they show (ids differ between copies)."""
    out: dict[str, object] = {"relations": sorted((r.uuid, r.name) for r in
                                                  p.networks.relations())}
    for n in p.networks.all():
        view = p.networks.show(n.id)
        refs = {x.id: x.ref if x.kind != "note" else f"note:{x.text}" for x in view.nodes}
        out[n.name] = (sorted((x.uuid, refs[x.id], x.x, x.y) for x in view.nodes),
                       sorted((x.uuid, refs[x.source], x.relation, refs[x.target])
                              for x in view.links))
    out["code_links"] = sorted(p.networks.code_links())
    return out


def test_a_colleagues_networks_come_in_and_ours_are_kept(tmp_path: Path) -> None:
    ours_path = _base(tmp_path)
    theirs_path = tmp_path / "Bram.fieldkit"
    shutil.copytree(ours_path, theirs_path)
    with Project.open(theirs_path) as theirs:
        theirs.set_coder("Bram")
        theirs.networks.add_relation("remt af", colour="#aa0000", line_style="dotted")
        theirs.networks.change_relation("is a", colour="#000000")  # a conflict: ours kept
        memo = theirs.memos.all()[0].id
        theirs.networks.link("Theorie", f"memo:{memo}", "remt af", "code:Autonomie")
        theirs.networks.link("Theorie", "code:Tijdsdruk", "contradicts", "code:Autonomie")
        node = theirs.networks.show("Theorie").nodes[0]
        theirs.networks.move_node("Theorie", node.id, 999, 999)  # ours keeps its place
        theirs.networks.add("Tweede")
        theirs.networks.add_nodes("Tweede", ["code:Autonomie", "note:Vraag aan Ilse 🙂",
                                             "segment:1"])
        expected_theirs = _shape(theirs)
    with Project.open(ours_path) as ours:
        ours.networks.link("Theorie", "code:Autonomie", "is part of", "note:Eigen idee")
        mine = _shape(ours)
        summary = ours.merge.project(theirs_path)
        assert (summary.relation_types, summary.networks, summary.network_nodes,
                summary.code_links, summary.network_links) == (1, 1, 4, 1, 1)
        assert any(c.kind == "relation type" and c.name == "is a" for c in summary.conflicts)
        merged = _shape(ours)
        # truth: ours, plus what only theirs has
        mine_nodes, mine_links = mine["Theorie"]  # type: ignore[misc]
        their_nodes, their_links = expected_theirs["Theorie"]  # type: ignore[misc]
        nodes, links = merged["Theorie"]  # type: ignore[misc]
        assert set(mine_nodes) <= set(nodes)
        # their nodes of what our network did not show yet, where they placed them (their
        # node of Autonomie is ours: we had put it there too)
        mine_refs = {n[1] for n in mine_nodes}
        assert {n for n in nodes if n[1] not in mine_refs} == \
            {n for n in their_nodes if n[1] not in mine_refs}
        assert len(nodes) == len(mine_nodes) + 1  # the memo
        assert {x[1:] for x in links} == {x[1:] for x in mine_links} | {x[1:] for x in
                                                                        their_links}
        assert merged["Tweede"] == expected_theirs["Tweede"]
        assert set(merged["relations"]) == set(expected_theirs["relations"])  # type: ignore
        assert ours.networks.relation("is a").colour != "#000000"
        before = dump(ours)
        again = ours.merge.project(theirs_path)
        assert dump(ours) == before and not again.network_nodes and not again.code_links
        assert ours.undo_label() == "Merge Bram.fieldkit"  # the second merge kept no step
        ours.undo()
        assert _shape(ours) == mine


def test_same_named_networks_and_relations_made_apart_become_one(tmp_path: Path) -> None:
    first, second = tmp_path / "A.fieldkit", tmp_path / "B.fieldkit"
    for path, extra in ((first, "Tijdsdruk"), (second, "Autonomie")):
        with Project.create(path) as p:
            p.add_code("Leren")
            p.add_code(extra)
            p.networks.add_relation("remt af")
            p.networks.add("Theorie")
            p.networks.link("Theorie", "code:Leren", "remt af", f"code:{extra}")
    with Project.open(first) as p:
        summary = p.merge.project(second)
        assert (summary.relation_types, summary.networks) == (0, 0)
        assert [n.name for n in p.networks.all()] == ["Theorie"]
        assert sorted((a, r, b) for a, r, b, _ in p.networks.code_links()) == [
            ("Leren", "remt af", "Autonomie"), ("Leren", "remt af", "Tijdsdruk")]
        assert len(p.networks.show("Theorie").nodes) == 3


def test_a_colleagues_qdpx_brings_its_networks(tmp_path: Path) -> None:
    ours_path = _base(tmp_path)
    theirs_path = tmp_path / "Bram.fieldkit"
    shutil.copytree(ours_path, theirs_path)
    with Project.open(theirs_path) as theirs:
        theirs.networks.add("Van Bram")
        theirs.networks.link("Van Bram", "code:Autonomie", "contradicts", "note:Echt? 🙂")
        theirs.networks.link("Theorie", "code:Tijdsdruk", "is part of", "code:Autonomie")
        exported = theirs.exports.qdpx(tmp_path / "bram.qdpx")
        expected = _shape(theirs)
    with Project.open(ours_path) as ours:
        summary = ours.merge.project(exported)
        assert (summary.networks, summary.code_links) == (1, 1)
        merged = _shape(ours)
        assert merged["Van Bram"] == expected["Van Bram"]
        assert merged["code_links"] == expected["code_links"]
