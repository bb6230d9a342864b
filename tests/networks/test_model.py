"""Networks in the project: schema step 16, nodes of every kind, links, relation types, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldkit.core.errors import BadInput, FieldkitError, NotFound
from fieldkit.project import Project
from fieldkit.storage import identity, network_tables, replica_tables, schema
from tests.networks.conftest import Net

TABLES = ("relation_types", "networks", "network_nodes", "code_links", "network_links")


def dump(p: Project) -> dict[str, list[dict[str, Any]]]:
    """Every row of the network tables, as stored."""
    return {t: [dict(r) for r in p._store.rows(f"SELECT * FROM {t} ORDER BY id")]
            for t in TABLES}


def test_a_new_project_has_the_six_default_relations_with_the_same_uuids(
        tmp_path: Path) -> None:
    with Project.create(tmp_path / "A.fieldkit") as a, Project.create(tmp_path / "B.fieldkit") as b:
        assert a._store.value("PRAGMA user_version") == schema.latest_version()
        first, second = a.networks.relations(), b.networks.relations()
        assert [r.name for r in first] == ["is associated with", "is cause of", "is part of",
                                           "contradicts", "is property of", "is a"]
        assert [r.uuid for r in first] == [r.uuid for r in second]
        assert all(r.default for r in first)
        cause = a.networks.relation("IS CAUSE OF")
        assert (cause.direction, cause.symmetric) == ("OneWay", False)
        assert a.networks.relation("contradicts").symmetric


def test_a_project_of_step_14_is_upgraded_with_the_defaults(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Oud.fieldkit"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:14])
        with Project.create(path) as p:
            p.add_code("Tijdsdruk")
            assert p._store.value("PRAGMA user_version") == 14
            assert p.networks.all() == [] and p.networks.relations() == []
    identity.known_tables.cache_clear()
    with Project.open(path, readonly=True) as p:  # read-only: not upgraded, reads find none
        assert p.networks.relations() == []
        with pytest.raises(FieldkitError):
            p.networks.add("Theorie")
    with Project.open(path) as p:
        store = p._store
        assert store.value("PRAGMA user_version") == schema.latest_version()
        found = replica_tables.schema_of(store.conn)[1] - replica_tables.SQLITE_OWN
        assert found == replica_tables.expected_schema(schema.latest_version())
        assert len(p.networks.relations()) == len(network_tables.DEFAULT_RELATIONS)
        p.networks.link(p.networks.add("Theorie").name, "code:Tijdsdruk", "is a",
                        "note:Druk van buiten")


def test_nodes_of_every_kind_show_their_labels_refs_and_groundedness(net: Net) -> None:
    p = net.project
    n = p.networks.add("Leren onder druk")
    placed = p.networks.add_nodes(n.name, [
        "code:Leren/Informeel/Collega helpt", f"memo:{net.memo}", f"doc:{net.doc}",
        f"segment:{net.coding}", "note:Druk komt van de planning 📅"])
    assert [x.kind for x in placed] == ["code", "memo", "document", "coding", "note"]
    view = p.networks.show(n.id)
    code, memo, doc, coding, note = view.nodes
    brute = sum(1 for c in p.codings() if c.code_id == net.peer)
    assert code.groundedness == brute == 2
    assert code.ref == "code:Leren/Informeel/Collega helpt" and code.colour == "#3cb44b"
    assert memo.label == "Leren onder druk" and memo.ref == f"memo:{net.memo}"
    assert doc.label == "Bezoek één 😀"
    text = p.document(net.doc).text
    assert coding.text == text[:text.index(".")] and coding.document_id == net.doc
    assert note.label == note.text == "Druk komt van de planning 📅"
    assert len({(x.x, x.y) for x in view.nodes}) == 5  # each at a place of its own
    again = p.networks.add_node(n.id, f"code:{net.peer}")  # already there: the same node
    assert again.id == code.id and len(p.networks.show(n.id).nodes) == 5


def test_a_link_between_codes_is_stored_once_and_shows_in_every_network(net: Net) -> None:
    p = net.project
    for name in ("Eerste", "Tweede"):
        p.networks.add(name)
    made = p.networks.link("Eerste", f"code:{net.peer}", "is cause of", f"code:{net.time}")
    assert made.kind == "code"
    p.networks.add_nodes("Tweede", [f"code:{net.time}", f"code:{net.peer}"])
    second = p.networks.show("Tweede")
    assert [(x.uuid, x.relation) for x in second.links] == [(made.uuid, "is cause of")]
    link = second.links[0]
    assert (second.node(link.source).target, second.node(link.target).target) == \
        (net.peer, net.time)
    assert p.networks.code_links(net.time) == [
        ("Leren/Informeel/Collega helpt", "is cause of", "Tijdsdruk", made.uuid)]
    assert len(dump(p)["code_links"]) == 1
    # the same link again, and a symmetric relation the other way round, are the same link
    assert p.networks.link("Tweede", f"code:{net.peer}", "is cause of",
                           f"code:{net.time}").uuid == made.uuid
    assoc = p.networks.link("Tweede", f"code:{net.peer}", "is associated with",
                            f"code:{net.time}")
    reverse = p.networks.link("Eerste", f"code:{net.time}", "is associated with",
                              f"code:{net.peer}")
    assert reverse.uuid == assoc.uuid
    assert reverse in p.networks.show("Eerste").links  # as drawn: stored peer to time
    assert assoc in p.networks.show("Tweede").links
    # an asymmetric one the other way round is another link
    back = p.networks.link("Eerste", f"code:{net.time}", "is cause of", f"code:{net.peer}")
    assert back.uuid not in (made.uuid, assoc.uuid)
    assert len(dump(p)["code_links"]) == 3
    # a network's own link does not show elsewhere
    own = p.networks.link("Eerste", f"memo:{net.memo}", "is associated with",
                          f"code:{net.peer}")
    assert own.kind == "network" and own in p.networks.show("Eerste").links
    assert own.uuid not in {x.uuid for x in p.networks.show("Tweede").links}


def test_unlinking_codes_on_one_network_unlinks_them_everywhere(net: Net) -> None:
    p = net.project
    p.networks.add("Eerste")
    p.networks.add("Tweede")
    made = p.networks.link("Eerste", f"code:{net.peer}", "is part of", f"code:{net.trying}")
    p.networks.add_nodes("Tweede", [f"code:{net.peer}", f"code:{net.trying}"])
    p.networks.unlink("Tweede", source=f"code:{net.peer}", relation="is part of",
                      target=f"code:{net.trying}")
    assert p.networks.show("Eerste").links == [] and p.networks.code_links() == []
    p.undo()
    assert [x.uuid for x in p.networks.show("Eerste").links] == [made.uuid]
    p.networks.unlink("Eerste", made.uuid)
    assert p.networks.code_links() == []


@pytest.mark.parametrize("source, relation, target, error", [
    ("kode:Tijdsdruk", "is a", "note:x", BadInput),  # unknown prefix
    ("Tijdsdruk", "is a", "note:x", BadInput),  # no prefix at all
    ("code:Bestaat/Niet", "is a", "note:x", NotFound),  # no such code
    ("memo:999", "is a", "note:x", NotFound),  # no such memo
    ("doc:1", "is a", "note:x", BadInput),  # a fieldnote is not a memo (memo:1)
    ("segment:00000000-0000-0000-0000-000000000000", "is a", "note:x", NotFound),
    ("code:Tijdsdruk", "veroorzaakt", "note:x", NotFound),  # unknown relation
    ("note:", "is a", "note:x", BadInput),  # a note without text
    ("node:77", "is a", "note:x", NotFound),  # no such node on the network
    ("code:Tijdsdruk", "is a", "code:Tijdsdruk", BadInput),  # a node to itself
])
def test_bad_links_are_refused_and_change_nothing(net: Net, source: str, relation: str,
                                                  target: str, error: type) -> None:
    p = net.project
    p.networks.add("Theorie")
    if source == "doc:1":
        source = f"memo:{net.doc}"
    before, steps = dump(p), p._store.value("SELECT count(*) FROM change_log")
    with pytest.raises(error) as caught:
        p.networks.link("Theorie", source, relation, target)
    assert "\n" not in str(caught.value)
    assert dump(p) == before
    assert p._store.value("SELECT count(*) FROM change_log") == steps


def test_every_change_is_one_undo_step_and_redo_puts_it_back(net: Net) -> None:
    p = net.project
    states = [dump(p)]

    def step(action: Any) -> None:
        action()
        states.append(dump(p))

    step(lambda: p.networks.add("Theorie"))
    step(lambda: p.networks.add_node("Theorie", f"code:{net.peer}", x=10, y=20))
    step(lambda: p.networks.link("Theorie", f"code:{net.peer}", "is cause of",
                                 f"code:{net.time}"))
    step(lambda: p.networks.link("Theorie", f"memo:{net.memo}", "contradicts",
                                 f"segment:{net.coding}"))
    node = p.networks.show("Theorie").nodes[0].id
    step(lambda: p.networks.move_node("Theorie", node, 333.4, -12.6))
    step(lambda: p.networks.layout("Theorie"))
    step(lambda: p.networks.rename("Theorie", "Theorie 2"))
    step(lambda: p.networks.add_relation("hindert", colour="#112233", line_style="dashed"))
    step(lambda: p.networks.change_relation("hindert", name="belemmert", symmetric=True))
    step(lambda: p.networks.remove_node("Theorie 2", f"memo:{net.memo}"))
    step(lambda: p.networks.delete("Theorie 2"))
    assert dump(p)["code_links"] and not dump(p)["networks"]  # the codes keep their link
    assert len({repr(s) for s in states}) == len(states)  # every step changed something
    for expected in reversed(states[:-1]):
        p.undo()
        assert dump(p) == expected
    for expected in states[1:]:
        p.redo()
        assert dump(p) == expected


def test_a_moved_node_keeps_whole_units(net: Net) -> None:
    p = net.project
    node = p.networks.add_node(p.networks.add("Theorie").id, f"code:{net.peer}")
    p.networks.move_node("Theorie", node.id, 333.4, -12.6)
    moved = p.networks.show("Theorie").node(node.id)
    assert (moved.x, moved.y) == (333, -13)


def test_deleting_a_code_takes_its_nodes_and_links_and_undo_brings_them_back(net: Net) -> None:
    p = net.project
    p.networks.add("Theorie")
    p.networks.link("Theorie", f"code:{net.peer}", "is cause of", f"code:{net.time}")
    p.networks.link("Theorie", f"memo:{net.memo}", "is associated with", f"code:{net.peer}")
    before = dump(p)
    p.delete_code(net.peer)
    view = p.networks.show("Theorie")
    assert [x.kind for x in view.nodes] == ["code", "memo"] and view.links == []
    assert dump(p)["code_links"] == []
    p.undo()
    assert dump(p) == before
    p.delete_document(net.memo)
    assert [x.kind for x in p.networks.show("Theorie").nodes] == ["code", "code"]
    p.undo()
    assert dump(p) == before


def test_relation_types_are_checked(net: Net) -> None:
    p = net.project
    with pytest.raises(BadInput):
        p.networks.add_relation("Is Cause Of")  # the name is taken (any case)
    with pytest.raises(BadInput):
        p.networks.add_relation("hindert", colour="rood")
    with pytest.raises(BadInput):
        p.networks.add_relation("hindert", direction="Sideways")
    with pytest.raises(BadInput):
        p.networks.add_relation("hindert", symmetric=True, direction="OneWay")
    with pytest.raises(BadInput):
        p.networks.change_relation("is a", name="is part of")
    made = p.networks.add_relation("hindert", symmetric=True)
    assert made.direction == "Associative" and not made.default
    p.networks.add("Theorie")
    p.networks.link("Theorie", f"code:{net.peer}", "hindert", f"code:{net.time}")
    before = dump(p)
    with pytest.raises(BadInput):
        p.networks.delete_relation("hindert")  # in use
    assert dump(p) == before
    p.networks.add_relation("ongebruikt")
    p.networks.delete_relation("ongebruikt")
    assert "ongebruikt" not in [r.name for r in p.networks.relations()]


def test_network_names_are_unique_and_bad_names_refused(net: Net) -> None:
    p = net.project
    p.networks.add("Theorie")
    for bad in ("theorie", "   ", "x" * 201):
        with pytest.raises(BadInput):
            p.networks.add(bad)
    with pytest.raises(NotFound):
        p.networks.show("Bestaat niet")
    assert [n.name for n in p.networks.all()] == ["Theorie"]


def test_layouts_place_every_node_apart_in_one_undo_step(net: Net) -> None:
    p = net.project
    p.networks.add("Theorie")
    p.networks.link("Theorie", f"code:{net.peer}", "is cause of", f"code:{net.time}")
    p.networks.link("Theorie", f"code:{net.time}", "is cause of", f"code:{net.trying}")
    p.networks.link("Theorie", f"memo:{net.memo}", "is associated with", f"code:{net.peer}")
    view = p.networks.layout("Theorie", method="layered")
    y = {n.target: n.y for n in view.nodes if n.kind == "code"}
    assert y[net.peer] < y[net.time] < y[net.trying]  # arrows point down
    assert p.undo_label() == "Lay out network"
    view = p.networks.layout("Theorie")
    assert len({(n.x, n.y) for n in view.nodes}) == len(view.nodes)
    with pytest.raises(BadInput):
        p.networks.layout("Theorie", method="circle")


def test_add_neighbours_adds_co_occurring_codes_segments_and_memos(net: Net) -> None:
    p = net.project
    p.networks.add("Theorie")
    node = p.networks.add_node("Theorie", f"code:{net.peer}")
    added = p.networks.neighbours("Theorie", node.id)
    codings = p.codings()

    def overlaps(a: int, b: int) -> bool:
        return any(x.document_id == y.document_id and x.start < y.end and y.start < x.end
                   for x in codings if x.code_id == a for y in codings if y.code_id == b)

    brute = {c.id for c in p.codebook().codes.values() if c.id != net.peer
             and overlaps(net.peer, c.id)}
    assert {n.target for n in added if n.kind == "code"} == brute == {net.time}
    assert {n.target for n in added if n.kind == "coding"} == \
        {c.id for c in codings if c.code_id == net.peer}
    assert [n.target for n in added if n.kind == "memo"] == [net.memo]
    assert p.undo_label() == "Add to network Theorie"
    memo = next(n for n in added if n.kind == "memo")
    p.undo()
    p.networks.add_node("Theorie", f"memo:{net.memo}")
    from_memo = p.networks.neighbours("Theorie", f"memo:{net.memo}")
    assert [(n.kind, n.target) for n in from_memo] == [("code", net.peer)]
    assert memo.target == net.memo


def test_combining_codes_gives_the_target_the_sources_links_and_places(net: Net) -> None:
    p = net.project
    p.networks.add("Eerste")
    p.networks.add("Tweede")
    p.networks.link("Eerste", f"code:{net.peer}", "is cause of", f"code:{net.time}")
    p.networks.link("Eerste", f"code:{net.peer}", "is part of", f"code:{net.trying}")
    p.networks.link("Eerste", f"memo:{net.memo}", "contradicts", f"code:{net.peer}")
    p.networks.link("Eerste", f"memo:{net.memo}", "contradicts", f"code:{net.trying}")
    p.networks.add_node("Tweede", f"code:{net.peer}", x=7, y=8)
    before = dump(p)
    p.merge.codes(net.peer, net.trying)
    first = p.networks.show("Eerste")
    assert sorted(n.target for n in first.nodes if n.kind == "code") == [net.time, net.trying]
    labels = {n.id: n.ref for n in first.nodes}
    trying = p.code_path(net.trying)
    assert sorted((labels[x.source], x.relation, labels[x.target]) for x in first.links) == [
        (f"code:{trying}", "is cause of", "code:Tijdsdruk"),
        (f"memo:{net.memo}", "contradicts", f"code:{trying}")]  # the double went
    second = p.networks.show("Tweede")
    assert [(n.target, n.x, n.y) for n in second.nodes] == [(net.trying, 7, 8)]
    assert p.networks.code_links() == [(trying, "is cause of", "Tijdsdruk",
                                        first.links[0].uuid)]
    p.undo()
    assert dump(p) == before
