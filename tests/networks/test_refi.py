"""Networks through REFI-QDA: ``<Links>`` and ``<Graphs>`` valid against the project schema,
an exact round trip, and a project of the shape ATLAS.ti 8 exports (hand-written here) read in."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from fieldkit.operations.network_nodes import Node
from fieldkit.project import Project
from tests.conftest import SHARED_FIXTURES
from tests.networks.conftest import Net

NS = {"q": "urn:QDA-XML:project:1.0"}


def schema() -> etree.XMLSchema:
    xsd = SHARED_FIXTURES / "refi-qda" / "Project-mrt2019.xsd"
    if not xsd.is_file():
        pytest.fail(f"REFI-QDA schema not present at {xsd}", pytrace=False)
    return etree.XMLSchema(etree.parse(str(xsd)))


def qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def shape(p: Project) -> dict[str, object]:
    """Networks, nodes, links and relation types as the project holds them, by UUID."""
    out: dict[str, object] = {
        "code_links": sorted((x.uuid, p.code(x.source).uuid, p.code(x.target).uuid,
                              x.relation.name) for x in p.networks.links_between_codes())}
    for view in p.networks.views():
        shows = {n.id: _shown(p, n) for n in view.nodes}
        out[view.network.uuid] = (
            view.network.name,
            sorted((n.uuid, n.kind, shows[n.id], n.x, n.y) for n in view.nodes),
            sorted((x.uuid if x.kind == "network" else x.kind, shows[x.source], x.relation,
                    shows[x.target], x.direction, x.colour, x.line_style)
                   for x in view.links))
    return out


def _shown(p: Project, node: Node) -> str:
    """What a node shows: the UUID of its code, document or coding, or a note's text."""
    if node.kind == "code":
        return p.code(int(node.target or 0)).uuid
    if node.kind in ("memo", "document"):
        return p.document(int(node.target or 0)).uuid
    if node.kind == "coding":
        return p.coding(int(node.target or 0)).uuid
    return node.text


def build(net: Net) -> Project:
    p = net.project
    p.networks.add_relation("remt af", colour="#aa0000", line_style="dotted")
    p.networks.add("Leren onder druk")
    p.networks.link("Leren onder druk", f"code:{net.peer}", "is cause of", f"code:{net.time}")
    p.networks.link("Leren onder druk", f"code:{net.time}", "remt af", f"code:{net.trying}")
    p.networks.link("Leren onder druk", f"memo:{net.memo}", "contradicts",
                    f"segment:{net.coding}")
    p.networks.link("Leren onder druk", "note:Vraag aan Ilse: klopt dit? 🤔", "is associated with",
                    f"doc:{net.doc}")
    p.networks.layout("Leren onder druk")
    p.networks.add("Tweede")
    p.networks.add_nodes("Tweede", [f"code:{net.time}", f"code:{net.peer}"])  # shows a link
    node = p.networks.show("Tweede").nodes[0]
    p.networks.move_node("Tweede", node.id, -120, 75)
    return p


def test_networks_export_valid_and_come_back_exactly(net: Net, tmp_path: Path) -> None:
    p = build(net)
    first = p.exports.qdpx(tmp_path / "een.qdpx")
    root = qde(first)
    xsd = schema()
    assert xsd.validate(root), xsd.error_log
    assert len(root.findall("q:Links/q:Link", NS)) == 2
    graphs = root.findall("q:Graphs/q:Graph", NS)
    assert [g.get("name") for g in graphs] == ["Leren onder druk", "Tweede"]
    vertices = graphs[0].findall("q:Vertex", NS)
    assert len(vertices) == 7 and [v.get("shape") for v in vertices].count("Note") == 1
    edges = graphs[0].findall("q:Edge", NS)
    assert sorted(e.get("name") for e in edges) == ["contradicts", "is associated with",
                                                    "is cause of", "remt af"]
    assert [e.get("name") for e in graphs[1].findall("q:Edge", NS)] == ["is cause of"]
    # every GUID an edge or vertex points at is in the file
    guids = {e.get("guid") for e in root.iter() if e.get("guid")}
    for element in root.iter("{*}Vertex", "{*}Edge", "{*}Link"):
        for attribute in ("representedGUID", "sourceVertex", "targetVertex", "originGUID",
                          "targetGUID"):
            if element.get(attribute):
                assert element.get(attribute) in guids, (element.tag, attribute)
    again = Project.import_qdpx(first, tmp_path / "Terug.fieldkit")
    try:
        assert shape(again) == shape(p)
        relation = again.networks.relation("remt af")
        assert (relation.colour, relation.line_style, relation.direction) == \
            ("#aa0000", "dotted", "OneWay")
        second = again.exports.qdpx(tmp_path / "twee.qdpx")
    finally:
        again.close()
    for tag in ("Links", "Graphs"):
        one, two = (etree.tostring(qde(x).find(f"q:{tag}", NS)) for x in (first, second))
        assert one == two


# ATLAS.ti writes GUIDs in braces, upper case
C1, C2, C3 = (f"{{A1B2C3D4-0000-4000-8000-00000000000{i}}}" for i in (1, 2, 3))
USER, SOURCE, SEL1, SEL2, CODING1, CODING2 = (
    f"{{B1B2C3D4-0000-4000-8000-00000000001{i}}}" for i in range(6))
NOTE, GROUP, LINK1, LINK2, LINK3, GRAPH = (
    f"{{C1B2C3D4-0000-4000-8000-00000000002{i}}}" for i in range(6))
V = [f"{{D1B2C3D4-0000-4000-8000-00000000003{i}}}" for i in range(7)]
E = [f"{{E1B2C3D4-0000-4000-8000-00000000004{i}}}" for i in range(4)]
TEXT = "De monteur vraagt zijn collega om hulp 👍.\r\nDaarna lukt het onder tijdsdruk."

ATLAS_QDE = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="ATLAS.ti 8 project" origin="ATLAS.ti 8.4.24"
 creationDateTime="2020-05-04T10:00:00Z">
<Users><User guid="{USER}" name="Sanne"/></Users>
<CodeBook><Codes>
<Code guid="{C1}" name="Peer help" isCodable="true" color="#3CB44B"/>
<Code guid="{C2}" name="Time pressure" isCodable="true" color="#E6194B"/>
<Code guid="{C3}" name="Trying out" isCodable="true"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="{SOURCE}" name="Interview Jan" plainTextPath="internal://{SOURCE}.txt"
 creatingUser="{USER}">
<PlainTextSelection guid="{SEL1}" name="vraagt zijn collega" startPosition="11" endPosition="30"
 creatingUser="{USER}"><Coding guid="{CODING1}" creatingUser="{USER}"><CodeRef targetGUID="{C1}"/>
</Coding></PlainTextSelection>
<PlainTextSelection guid="{SEL2}" name="onder tijdsdruk" startPosition="60" endPosition="75"
 creatingUser="{USER}"><Coding guid="{CODING2}" creatingUser="{USER}"><CodeRef targetGUID="{C2}"/>
</Coding></PlainTextSelection>
</TextSource>
</Sources>
<Notes><Note guid="{NOTE}" name="Memo: help under pressure" creatingUser="{USER}">
<PlainTextContent>Help comes when time is short.</PlainTextContent></Note></Notes>
<Links>
<Link guid="{LINK1}" name="is cause of" direction="OneWay" color="#000000" originGUID="{C2}"
 targetGUID="{C1}"/>
<Link guid="{LINK2}" name="hinders" direction="OneWay" color="#AA0000" originGUID="{C2}"
 targetGUID="{C3}"/>
<Link guid="{LINK3}" name="explains" direction="OneWay" originGUID="{SEL1}" targetGUID="{SEL2}"/>
</Links>
<Graphs><Graph guid="{GRAPH}" name="Help under pressure">
<Vertex guid="{V[0]}" representedGUID="{C1}" name="Peer help" firstX="100" firstY="40"
 secondX="220" secondY="80" shape="RoundedRectangle" color="#3CB44B"/>
<Vertex guid="{V[1]}" representedGUID="{C2}" name="Time pressure" firstX="300" firstY="40"
 secondX="440" secondY="80" shape="RoundedRectangle"/>
<Vertex guid="{V[2]}" representedGUID="{C3}" name="Trying out" firstX="300" firstY="200"/>
<Vertex guid="{V[3]}" representedGUID="{NOTE}" name="Memo: help under pressure" firstX="0"
 firstY="200" shape="Note"/>
<Vertex guid="{V[4]}" representedGUID="{SEL1}" name="vraagt zijn collega" firstX="-50"
 firstY="-60"/>
<Vertex guid="{V[5]}" representedGUID="{GROUP}" name="Code group: Learning" firstX="500"
 firstY="300" shape="Oval"/>
<Vertex guid="{V[6]}" representedGUID="{SOURCE}" name="Interview Jan" firstX="600" firstY="0"/>
<Edge guid="{E[0]}" representedGUID="{LINK1}" name="is cause of" sourceVertex="{V[1]}"
 targetVertex="{V[0]}" direction="OneWay" lineStyle="solid"/>
<Edge guid="{E[1]}" representedGUID="{LINK2}" name="hinders" sourceVertex="{V[1]}"
 targetVertex="{V[2]}" direction="OneWay" color="#AA0000" lineStyle="dashed"/>
<Edge guid="{E[2]}" name="explains" sourceVertex="{V[3]}" targetVertex="{V[4]}"
 direction="OneWay" lineStyle="dotted"/>
<Edge guid="{E[3]}" name="is part of" sourceVertex="{V[0]}" targetVertex="{V[5]}"
 direction="OneWay"/>
</Graph></Graphs>
</Project>"""


def plain(guid: str) -> str:
    return guid.strip("{}").lower()


def test_a_project_of_atlas_ti_8s_shape_brings_its_networks_and_relations(
        tmp_path: Path) -> None:
    root = etree.fromstring(ATLAS_QDE.encode("utf-8"))
    xsd = schema()
    assert xsd.validate(root), xsd.error_log  # the fixture has the standard's shape
    path = tmp_path / "atlas.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", ATLAS_QDE.encode("utf-8"))
        archive.writestr(f"sources/{SOURCE}.txt", TEXT.encode("utf-8"))
    p = Project.import_qdpx(path, tmp_path / "Atlas.fieldkit")
    try:
        assert sorted(p.networks.code_links()) == sorted([
            ("Time pressure", "is cause of", "Peer help", plain(LINK1)),
            ("Time pressure", "hinders", "Trying out", plain(LINK2))])
        hinders = p.networks.relation("hinders")
        assert (hinders.colour, hinders.direction, hinders.symmetric) == \
            ("#aa0000", "OneWay", False)
        assert p.networks.relation("is cause of").default  # ATLAS.ti's, found by name
        view = p.networks.show("Help under pressure")
        assert view.network.uuid == plain(GRAPH)
        by_uuid = {n.uuid: n for n in view.nodes}
        peer = by_uuid[plain(V[0])]
        assert (peer.kind, peer.label, peer.x, peer.y) == ("code", "Peer help", 160, 60)
        assert by_uuid[plain(V[3])].kind == "memo"
        assert p.document(by_uuid[plain(V[3])].target).title == "Memo: help under pressure"
        segment = by_uuid[plain(V[4])]
        assert segment.kind == "coding" and p.coding(segment.target).uuid == plain(CODING1)
        assert segment.text == p.document(plain(SOURCE)).text[11:30] == "vraagt zijn collega"
        group = by_uuid[plain(V[5])]  # a code group: fieldkit has none, kept as a note
        assert (group.kind, group.text) == ("note", "Code group: Learning")
        assert by_uuid[plain(V[6])].kind == "document"
        links = {(view.node(x.source).uuid, x.relation, view.node(x.target).uuid): x
                 for x in view.links}
        assert set(links) == {(plain(V[1]), "is cause of", plain(V[0])),
                              (plain(V[1]), "hinders", plain(V[2])),
                              (plain(V[3]), "explains", plain(V[4])),
                              (plain(V[0]), "is part of", plain(V[5]))}
        explains = links[(plain(V[3]), "explains", plain(V[4]))]
        assert (explains.kind, explains.uuid, explains.line_style) == \
            ("network", plain(E[2]), "dotted")
        warnings = " ".join(p.imports.warnings)
        assert "1 link(s) that join other things" in warnings  # the quotations' link
        out = p.exports.qdpx(tmp_path / "terug.qdpx")
        assert xsd.validate(qde(out)), xsd.error_log
    finally:
        p.close()


def test_broken_graphs_are_read_as_far_as_they_go(tmp_path: Path) -> None:
    broken = ATLAS_QDE.replace('firstX="300" firstY="200"/>', 'firstX="drie" firstY="200"/>') \
        .replace(f'sourceVertex="{V[0]}" targetVertex="{V[5]}"',
                 f'sourceVertex="{V[0]}" targetVertex="{{F0000000-0000-4000-8000-000000000000}}"')
    broken = broken.replace(f'<Link guid="{LINK3}" name="explains" direction="OneWay" '
                            f'originGUID="{SEL1}" targetGUID="{SEL2}"/>',
                            f'<Link guid="{LINK3}" name="explains" direction="Sideways"/>')
    path = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", broken.encode("utf-8"))
        archive.writestr(f"sources/{SOURCE}.txt", TEXT.encode("utf-8"))
    p = Project.import_qdpx(path, tmp_path / "Broken.fieldkit")
    try:
        view = p.networks.show("Help under pressure")
        assert plain(V[2]) not in {n.uuid for n in view.nodes}  # no place: left out
        assert len(view.nodes) == 6
        # the hinders edge lost its end; its <Link> still links the codes
        assert ("Time pressure", "hinders", "Trying out", plain(LINK2)) in \
            p.networks.code_links()
        warnings = " ".join(p.imports.warnings)
        assert "skipped a vertex without its place" in warnings
        assert "does not name both ends" in warnings
        assert "network link(s) whose ends are not in the project" in warnings
    finally:
        p.close()
