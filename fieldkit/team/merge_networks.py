"""Merging relation types, networks, their nodes and links, and links between codes.

Called by ``team.merge`` after codes, documents and codings are in. Everything matches by
UUID first, else by what it is: a relation type by name (ours kept; other drawing or meaning
there is reported as a conflict), a network by name, a node by its network and what it shows
(a note by its text), a link between codes by its codes and relation (either way round for a
symmetric relation), a network's link by its nodes and relation. A node already here keeps our
place. Nothing of ours is removed; merging twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.storage import network_tables as nt

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

Report = Callable[[str, str, str, str], None]
_DRAWN = ("direction", "symmetric", "colour", "line_style")


@dataclass(slots=True)
class NetworkMergeCounts:
    relation_types: int = 0
    networks: int = 0
    network_nodes: int = 0
    code_links: int = 0
    network_links: int = 0


class _NetworkMerger:
    def __init__(self, ours: Store, theirs: Store, codes: Mapping[int, int],
                 documents: Mapping[int, int], source: str, conflict: Report) -> None:
        self.ours, self.theirs = ours, theirs
        self.codes, self.documents = codes, documents
        self.source, self.conflict = source, conflict
        self.counts = NetworkMergeCounts()
        self.relations: dict[int, int] = {}
        self.networks: dict[int, int] = {}
        self.nodes: dict[int, int] = {}

    def relation_types(self) -> None:
        for row in nt.relation_rows(self.theirs):
            mine = nt.relation_row(self.ours, row["uuid"]) or nt.relation_row(self.ours,
                                                                               row["name"])
            if mine is None:
                values = {k: row[k] for k in ("name", *_DRAWN)}
                self.relations[row["id"]] = nt.add_relation(self.ours, values, row["uuid"])
                self.counts.relation_types += 1
                continue
            self.relations[row["id"]] = int(mine["id"])
            differ = [k.replace("_", " ") for k in _DRAWN if mine[k] != row[k]]
            if differ:
                self.conflict("relation type", str(mine["uuid"]), str(mine["name"]),
                              f"its {', '.join(differ)} differ in {self.source}; kept ours")

    def networks_and_nodes(self) -> None:
        for row in nt.network_rows(self.theirs):
            mine = nt.network_row(self.ours, row["uuid"]) or nt.network_row(self.ours,
                                                                             row["name"])
            if mine is None:
                key = nt.add_network(self.ours, row["name"], row["description"], row["uuid"],
                                     row["created"])
                self.counts.networks += 1
            else:
                key = int(mine["id"])
            self.networks[row["id"]] = key
            for node in nt.node_rows(self.theirs, row["id"]):
                found = self._node(key, node)
                if found is not None:
                    self.nodes[node["id"]] = found

    def _node(self, network: int, node: Any) -> int | None:
        """Our node for theirs (added when missing); None when what it shows is not here."""
        kind = str(node["kind"])
        values: dict[str, Any] = {"network_id": network, "kind": kind,
                                  "place_x": node["place_x"], "place_y": node["place_y"]}
        column = nt.TARGET_COLUMN[kind]
        if column == "code_id":
            values[column] = self.codes.get(node["code_id"])
        elif column == "document_id":
            values[column] = self.documents.get(node["document_id"])
        elif column == "coding_id":
            uuid = self.theirs.uuid_of("codings", node["coding_id"])
            values[column] = self.ours.id_by_uuid("codings", uuid) if uuid else None
        else:
            values["text"] = node["text"]
        if column is not None and values[column] is None:
            return None
        same = self.ours.id_by_uuid("network_nodes", node["uuid"])
        if same is None and column is not None:
            same = nt.node_of(self.ours, network, column, values[column])
        if same is None and column is None:
            same = next((int(r["id"]) for r in nt.node_rows(self.ours, network)
                         if r["kind"] == "note" and r["text"] == node["text"]), None)
        if same is not None:
            return same
        self.counts.network_nodes += 1
        return nt.add_node(self.ours, values, node["uuid"])

    def code_links(self) -> None:
        symmetric = {int(r["id"]): bool(r["symmetric"]) for r in nt.relation_rows(self.ours)}
        for row in nt.code_link_rows(self.theirs):
            ends = self.codes.get(row["from_code_id"]), self.codes.get(row["to_code_id"])
            relation = self.relations.get(row["relation_id"])
            if None in ends or relation is None or ends[0] == ends[1] or \
                    self.ours.id_by_uuid("code_links", row["uuid"]) is not None:
                continue
            a, b = int(ends[0] or 0), int(ends[1] or 0)
            if nt.find_code_link(self.ours, a, b, relation, symmetric[relation]) is None:
                nt.add_code_link(self.ours, {"from_code_id": a, "to_code_id": b,
                                             "relation_id": relation, "memo": row["memo"],
                                             "created": row["created"]}, row["uuid"])
                self.counts.code_links += 1

    def network_links(self) -> None:
        symmetric = {int(r["id"]): bool(r["symmetric"]) for r in nt.relation_rows(self.ours)}
        for row in nt.all_network_link_rows(self.theirs):
            a, b = self.nodes.get(row["from_node_id"]), self.nodes.get(row["to_node_id"])
            relation = self.relations.get(row["relation_id"])
            if a is None or b is None or relation is None or a == b or \
                    self.ours.id_by_uuid("network_links", row["uuid"]) is not None:
                continue
            if nt.find_network_link(self.ours, a, b, relation, symmetric[relation]) is None:
                nt.add_network_link(self.ours, {
                    "network_id": self.networks[row["network_id"]], "from_node_id": a,
                    "to_node_id": b, "relation_id": relation, "created": row["created"]},
                    row["uuid"])
                self.counts.network_links += 1


def merge_networks(ours: Store, theirs: Store, codes: Mapping[int, int],
                   documents: Mapping[int, int], source: str,
                   conflict: Report) -> NetworkMergeCounts:
    """Bring in their relation types, networks, nodes and links (see the module docstring).
    A copy from before schema step 16 (read-only) has none to bring."""
    merger = _NetworkMerger(ours, theirs, codes, documents, source, conflict)
    if not nt.present(ours) or not nt.present(theirs):
        return merger.counts
    merger.relation_types()
    merger.networks_and_nodes()
    merger.code_links()
    merger.network_links()
    return merger.counts
