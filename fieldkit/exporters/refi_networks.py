"""Networks in a REFI-QDA project: links between codes as ``<Links>``, networks as ``<Graphs>``.

A link between two codes is a ``<Link>`` (``originGUID`` and ``targetGUID`` the codes', its
relation's name, direction and colour), as ATLAS.ti writes them. Each network is a ``<Graph>``
(its GUID the network's): a ``<Vertex>`` per node (its GUID the node's, ``representedGUID`` the
code, the source or Note of a document or memo, or the selection of a coded segment; a free
note has none and is drawn as ``shape="Note"`` with its text as ``name``; ``firstX``/``firstY``
the node's centre) and an ``<Edge>`` per link drawn on it, with the relation's name,
direction, colour and line style. A network's own link is an Edge under its own GUID; a link
between codes is an Edge that represents the ``<Link>``, under a GUID derived from the
network's and the link's (so an export imported and exported again is the same file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldkit.operations.network_nodes import Link, Node
    from fieldkit.project import Project


def _colour(value: str) -> str | None:
    from fieldkit.exporters.refi_writer import _colour as colour

    return colour(value)


def links_element(project: Project, codes: dict[int, str]) -> Any:
    """``<Links>`` of every link between codes, or None when there is none."""
    from fieldkit.exporters.refi_writer import _sub

    found = project.networks.links_between_codes()
    if not found:
        return None
    from lxml import etree

    from fieldkit.exporters.refi_writer import PROJECT_NS

    holder = etree.Element(f"{{{PROJECT_NS}}}Links")
    for link in found:
        _sub(holder, "Link", guid=link.uuid, name=link.relation.name,
             direction=link.relation.direction, color=_colour(link.relation.colour),
             originGUID=codes[link.source], targetGUID=codes[link.target])
    return holder


def graphs_element(project: Project, codes: dict[int, str]) -> Any:
    """``<Graphs>`` of every network, or None when there is none."""
    from lxml import etree

    from fieldkit.exporters.refi_writer import PROJECT_NS, _sub, derived_guid

    views = project.networks.views()
    if not views:
        return None
    holder = etree.Element(f"{{{PROJECT_NS}}}Graphs")
    documents = {d.id: d.uuid for d in project.documents()}
    for view in views:
        graph = _sub(holder, "Graph", guid=view.network.uuid, name=view.network.name)
        vertices = {}
        for node in view.nodes:
            vertices[node.id] = node.uuid
            _sub(graph, "Vertex", guid=node.uuid,
                 representedGUID=_represented(project, node, codes, documents),
                 name=node.text if node.kind == "note" else node.label,
                 firstX=str(node.x), firstY=str(node.y),
                 shape="Note" if node.kind == "note" else None)
        for link in view.links:
            guid = derived_guid(view.network.uuid, link.uuid) if link.kind == "code" \
                else link.uuid
            _sub(graph, "Edge", guid=guid,
                 representedGUID=link.uuid if link.kind == "code" else None,
                 **_drawn(link), sourceVertex=vertices[link.source],
                 targetVertex=vertices[link.target])
    return holder


def _drawn(link: Link) -> dict[str, str | None]:
    return {"name": link.relation, "color": _colour(link.colour),
            "direction": link.direction, "lineStyle": link.line_style}


def _represented(project: Project, node: Node, codes: dict[int, str],
                 documents: dict[int, str]) -> str | None:
    """The GUID a node's vertex stands for (see the module docstring)."""
    from fieldkit.exporters.refi_recordings import selection_guid
    from fieldkit.exporters.refi_writer import derived_guid

    if node.kind == "code":
        return codes[int(node.target or 0)]
    if node.kind in ("memo", "document"):
        return documents[int(node.target or 0)]
    if node.kind == "coding":
        coding = project.coding(int(node.target or 0))
        if coding.start_ms is not None:
            on = project.linked_recording(coding.document_id)
            return selection_guid(coding.uuid, documents[coding.document_id]
                                  if on is not None else None)
        return derived_guid(coding.uuid, "region" if coding.region is not None else "span")
    return None
