"""Reading REFI-QDA ``<Links>`` and ``<Graphs>`` (as ATLAS.ti and fieldkit write them).

A ``<Link>`` joins two things by GUID (codes, selections, sources, notes) with a named
relation, a direction and a colour; a ``<Graph>`` holds ``<Vertex>`` elements (each standing
for a code, source, note or selection by ``representedGUID``, or for nothing: a free note) and
``<Edge>`` elements between vertices, drawn with a relation's name, colour, direction and line
style and possibly standing for a ``<Link>``. What these point at is settled when the project
is stored (``operations.refi_networks``); here they are read and checked for shape only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

DIRECTIONS = ("OneWay", "Bidirectional", "Associative")
LINE_STYLES = ("solid", "dashed", "dotted")
_COLOUR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
#: the longest relation name and free note kept (longer ones are cut)
NAME_MAX, NOTE_MAX = 200, 2000


@dataclass
class RefiLink:
    guid: str
    name: str
    direction: str
    colour: str | None
    origin: str
    target: str


@dataclass
class RefiVertex:
    guid: str
    represented: str
    name: str
    x: int
    y: int


@dataclass
class RefiEdge:
    guid: str
    represented: str
    name: str
    source: str
    target: str
    direction: str
    colour: str | None
    line_style: str


@dataclass
class RefiGraph:
    guid: str
    name: str
    vertices: list[RefiVertex] = field(default_factory=list)
    edges: list[RefiEdge] = field(default_factory=list)


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(element: Any, name: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == name]


def colour(value: str | None) -> str | None:
    """``#rgb`` or ``#rrggbb`` as ``#rrggbb`` (lower case); None for anything else."""
    if not value or not _COLOUR.fullmatch(value.strip()):
        return None
    value = value.strip().lower()
    return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value


def _name(element: Any, limit: int = NAME_MAX) -> str:
    return " ".join((element.get("name") or "").split())[:limit]


def _number(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def read_links(root: Any, warnings: list[str]) -> list[RefiLink]:
    """Every ``<Link>`` with both ends named."""
    found: list[RefiLink] = []
    for holder in _kids(root, "Links"):
        for element in _kids(holder, "Link"):
            key, origin, target = (_guid(element.get(a)) for a in
                                   ("guid", "originGUID", "targetGUID"))
            if not (key and origin and target):
                warnings.append(f"Skipped link '{_name(element)}': it does not name both ends.")
                continue
            found.append(RefiLink(key, _name(element) or "is associated with",
                                  _direction(element), colour(element.get("color")),
                                  origin, target))
    return found


def _direction(element: Any) -> str:
    value = element.get("direction") or ""
    return value if value in DIRECTIONS else "OneWay"


def read_graphs(root: Any, warnings: list[str]) -> list[RefiGraph]:
    """Every ``<Graph>`` with its vertices (a vertex's place is its box's centre) and edges."""
    graphs: list[RefiGraph] = []
    for holder in _kids(root, "Graphs"):
        for element in _kids(holder, "Graph"):
            graph = RefiGraph(_guid(element.get("guid")),
                              _name(element) or f"Network {len(graphs) + 1}")
            for vertex in _kids(element, "Vertex"):
                x, y = _number(vertex.get("firstX")), _number(vertex.get("firstY"))
                if x is None or y is None or not _guid(vertex.get("guid")):
                    warnings.append(f"Network '{graph.name}': skipped a vertex without its "
                                    "place or GUID.")
                    continue
                x2, y2 = _number(vertex.get("secondX")), _number(vertex.get("secondY"))
                if x2 is not None and y2 is not None:  # a box: its centre
                    x, y = (x + x2) // 2, (y + y2) // 2
                graph.vertices.append(RefiVertex(_guid(vertex.get("guid")),
                                                 _guid(vertex.get("representedGUID")),
                                                 _name(vertex, NOTE_MAX), x, y))
            for edge in _kids(element, "Edge"):
                style = edge.get("lineStyle") or "solid"
                graph.edges.append(RefiEdge(
                    _guid(edge.get("guid")), _guid(edge.get("representedGUID")),
                    _name(edge), _guid(edge.get("sourceVertex")),
                    _guid(edge.get("targetVertex")), _direction(edge),
                    colour(edge.get("color")), style if style in LINE_STYLES else "solid"))
            graphs.append(graph)
    return graphs
