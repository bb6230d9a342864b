"""Storing a REFI-QDA project's ``<Links>`` and ``<Graphs>`` (``Project.import_qdpx``).

Called last by ``refi_import.store_refi``, inside its transaction, once codes, documents, notes
and codings are in. A ``<Link>`` between two codes becomes a link between the codes (its GUID
kept); a ``<Graph>`` a network (GUID kept, a name already used numbered); a ``<Vertex>`` a node
of what it stands for (a code, a source or Note, a selection's coding) or, standing for nothing
fieldkit holds, a free note with its name; an ``<Edge>`` between two codes the codes' link (the
``<Link>`` it represents, or a new one), any other a link of the network. A relation is found by
name (any case) or added with the drawing the first link of that name has (its line style
from the first edge of that name: a ``<Link>`` has none). What cannot be
placed is named in the import's warnings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldkit.storage import network_tables as nt

if TYPE_CHECKING:
    from fieldkit.importers.refi_networks import RefiEdge, RefiGraph, RefiLink


def store_networks(job: Any) -> None:
    """Links between codes, then every graph (see the module docstring)."""
    data = job.data
    if not (data.links or data.graphs) or not nt.present(job.store):
        return
    _Networks(job).run()


class _Networks:
    def __init__(self, job: Any) -> None:
        self.job, self.store, self.data = job, job.store, job.data
        self.codings: dict[str, int] = {}  # coding or selection GUID → coding id
        for source in [*self.data.sources, *self.data.notes.values()]:
            for coding in source.codings:
                key = self.store.id_by_uuid("codings", coding.guid)
                if key is not None:
                    self.codings[coding.guid] = key
                    if coding.selection_guid:
                        self.codings.setdefault(coding.selection_guid, key)
        # how each relation is drawn, from its first edge (a <Link> has no line style)
        self.styles: dict[str, str] = {}
        for graph in self.data.graphs:
            for edge in graph.edges:
                self.styles.setdefault(edge.name.casefold(), edge.line_style)
        self.code_links: dict[str, int] = {}  # <Link> GUID → our link between codes
        self.drawn: set[str] = set()  # <Link>s an edge stands for
        self.left_out = 0

    def run(self) -> None:
        for link in self.data.links:
            self._code_link(link)
        for graph in self.data.graphs:
            self._graph(graph)
        others = [x for x in self.data.links
                  if x.guid not in self.code_links and x.guid not in self.drawn]
        if others:
            self.job.warnings.append(f"Left out {len(others)} link(s) that join other things "
                                     "than two codes and are on no network.")
        if self.left_out:
            self.job.warnings.append(f"Left out {self.left_out} network link(s) whose ends "
                                     "are not in the project.")

    def _relation(self, name: str, direction: str, colour: str | None, style: str) -> int:
        found = nt.relation_row(self.store, name)
        if found is not None:
            return int(found["id"])
        return nt.add_relation(self.store, {
            "name": name, "direction": direction, "symmetric": int(direction != "OneWay"),
            "colour": colour or "#808080",
            "line_style": self.styles.get(name.casefold(), style)})

    def _uuid(self, table: str, guid: str) -> str | None:
        """``guid`` for a new row of ``table`` when it is a fresh GUID (else a new one)."""
        return guid if guid and len(guid) == 36 and \
            self.store.id_by_uuid(table, guid) is None else None

    def _code_link(self, link: RefiLink, guid: str | None = None) -> int | None:
        a, b = self.job.code_ids.get(link.origin), self.job.code_ids.get(link.target)
        if a is None or b is None or a == b:
            return None
        relation = self._relation(link.name, link.direction, link.colour, "solid")
        symmetric = bool(nt.relation_row(self.store, relation)["symmetric"])  # type: ignore
        key = nt.find_code_link(self.store, a, b, relation, symmetric)
        if key is None:
            key = nt.add_code_link(self.store, {"from_code_id": a, "to_code_id": b,
                                                "relation_id": relation},
                                   self._uuid("code_links", guid or link.guid))
        self.code_links[link.guid] = key
        return key

    def _graph(self, graph: RefiGraph) -> None:
        name, n = graph.name, 2
        while nt.network_row(self.store, name) is not None:
            name, n = f"{graph.name} ({n})", n + 1
        network = nt.add_network(self.store, name, "", self._uuid("networks", graph.guid))
        nodes: dict[str, int] = {}  # vertex GUID → node
        stood_for: dict[tuple[str, int], int] = {}
        for vertex in graph.vertices:
            target = self._target(vertex.represented)
            if target is not None and target in stood_for:  # the same thing twice: one node
                nodes[vertex.guid] = stood_for[target]
                continue
            values: dict[str, Any] = {"network_id": network, "place_x": vertex.x,
                                      "place_y": vertex.y}
            if target is None:
                values.update(kind="note", text=vertex.name or "(note)")
            else:
                values.update(kind=target[0], **{nt.TARGET_COLUMN[target[0]] or "": target[1]})
            nodes[vertex.guid] = nt.add_node(self.store, values,
                                             self._uuid("network_nodes", vertex.guid))
            if target is not None:
                stood_for[target] = nodes[vertex.guid]
        for edge in graph.edges:
            self._edge(network, edge, nodes)

    def _target(self, represented: str) -> tuple[str, int] | None:
        if not represented:
            return None
        if represented in self.job.code_ids:
            return "code", self.job.code_ids[represented]
        if represented in self.job.doc_ids:
            kind = "memo" if represented in self.data.notes else "document"
            return kind, self.job.doc_ids[represented]
        if represented in self.codings:
            return "coding", self.codings[represented]
        return None

    def _edge(self, network: int, edge: RefiEdge, nodes: dict[str, int]) -> None:
        a, b = nodes.get(edge.source), nodes.get(edge.target)
        if a is None or b is None or a == b:
            self.left_out += 1
            return
        first, second = nt.node_row(self.store, a), nt.node_row(self.store, b)
        assert first is not None and second is not None
        link = next((x for x in self.data.links if x.guid == edge.represented), None)
        if link is not None:
            self.drawn.add(link.guid)
        if first["kind"] == "code" and second["kind"] == "code":
            if link is None or self._code_link(link) is None:
                from fieldkit.importers.refi_networks import RefiLink

                self._code_link(RefiLink(edge.guid, edge.name or "is associated with",
                                         edge.direction, edge.colour,
                                         self._code_guid(first), self._code_guid(second)),
                                edge.represented or edge.guid)
            return
        name = edge.name or (link.name if link is not None else "is associated with")
        relation = self._relation(name, edge.direction, edge.colour, edge.line_style)
        symmetric = bool(nt.relation_row(self.store, relation)["symmetric"])  # type: ignore
        if nt.find_network_link(self.store, a, b, relation, symmetric) is None:
            nt.add_network_link(self.store, {"network_id": network, "from_node_id": a,
                                             "to_node_id": b, "relation_id": relation},
                                self._uuid("network_links", edge.guid))

    def _code_guid(self, node: Any) -> str:
        return str(self.store.uuid_of("codes", int(node["code_id"])))
