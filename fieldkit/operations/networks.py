"""``project.networks``: concept maps of codes, memos, documents, coded segments and notes.

A network is a named canvas. Its nodes show codes, memos, documents, codings (coded segments)
or free text notes, each at a place of its own on that network. A link carries a relation type
from the project's list (``relations``; ATLAS.ti's six defaults to start from). A link between
two codes is a property of the codes, stored once: it shows in every network holding both
codes, and ``code_links`` lists it for the codebook; unlinking it on one network unlinks the
codes everywhere. Every other link belongs to its network. Every change is one undo step,
travels to the team and through merges and REFI-QDA ``<Graphs>``/``<Links>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.codebook import valid_colour
from fieldkit.core.errors import BadInput, NotFound
from fieldkit.operations.network_nodes import (
    CodeLink,
    Link,
    NetworkSummary,
    NetworkView,
    Node,
    RelationType,
    Target,
    build_view,
    parse,
    relation_type,
    summary,
)
from fieldkit.storage import network_tables as nt

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

DIRECTIONS = ("OneWay", "Bidirectional", "Associative")
LINE_STYLES = ("solid", "dashed", "dotted")
NAME_MAX = 200
#: where a node goes when no place is given: a grid of this spacing, this many to a row
_STEP_X, _STEP_Y, _PER_ROW = 200, 120, 6

__all__ = ["CodeLink", "Link", "NetworkSummary", "NetworkView", "Networks", "Node", "RelationType"]


def _name(text: str, what: str) -> str:
    name = " ".join(str(text).split())
    if not name:
        raise BadInput(f"A {what} needs a name.")
    if len(name) > NAME_MAX:
        raise BadInput(f"A {what}'s name is at most {NAME_MAX} characters.")
    return name


def _relation_fields(fields: Mapping[str, Any], current: RelationType | None) -> dict[str, Any]:
    """Checked values of a relation type's fields (BadInput names what is wrong)."""
    unknown = set(fields) - {"name", "direction", "symmetric", "colour", "line_style"}
    if unknown:
        raise BadInput(f"A relation type has no field {', '.join(sorted(unknown))}.")
    out: dict[str, Any] = {}
    if "name" in fields:
        out["name"] = _name(fields["name"], "relation type")
    if "direction" in fields:
        found = {d.casefold(): d for d in DIRECTIONS}.get(str(fields["direction"]).casefold())
        if found is None:
            raise BadInput(f"A relation's direction is {', '.join(DIRECTIONS)}, not "
                           f"'{fields['direction']}'.")
        out["direction"] = found
    if "symmetric" in fields:
        out["symmetric"] = int(bool(fields["symmetric"]))
    if "colour" in fields:
        if not valid_colour(str(fields["colour"])):
            raise BadInput(f"'{fields['colour']}' is not a colour; write it as #RRGGBB.")
        out["colour"] = str(fields["colour"]).lower()
    if "line_style" in fields:
        if fields["line_style"] not in LINE_STYLES:
            raise BadInput(f"A line is {', '.join(LINE_STYLES)}, not '{fields['line_style']}'.")
        out["line_style"] = fields["line_style"]
    direction = out.get("direction", current.direction if current else "OneWay")
    symmetric = out.get("symmetric", int(current.symmetric) if current else 0)
    if symmetric and direction == "OneWay":
        if "direction" in out:
            raise BadInput("A symmetric relation has no one-way direction; choose "
                           "Bidirectional or Associative.")
        out["direction"] = "Associative"
    return out


class Networks:
    """The project's networks and relation types; reached as ``project.networks``."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    # -- relation types --------------------------------------------------------------------

    def relations(self) -> list[RelationType]:
        """The project's relation types, in their order."""
        return [relation_type(r) for r in nt.relation_rows(self._store)]

    def relation(self, ref: str | int) -> RelationType:
        """A relation type by name (any case), short id or UUID."""
        found = nt.relation_row(self._store, ref)
        if found is None:
            known = ", ".join(r.name for r in self.relations()) or "none"
            raise NotFound(f"There is no relation '{ref}' in this project (relations: {known}).")
        return relation_type(found)

    def add_relation(self, name: str, *, direction: str | None = None, symmetric: bool = False,
                     colour: str = "#808080", line_style: str = "solid") -> RelationType:
        """A new relation type at the end of the list (a name already used is refused);
        without a direction it is ``OneWay``, or ``Associative`` when symmetric."""
        self._writable()
        fields: dict[str, Any] = {"name": name, "symmetric": symmetric, "colour": colour,
                                  "line_style": line_style}
        if direction is not None:
            fields["direction"] = direction
        values = _relation_fields(fields, None)
        values.setdefault("direction", "OneWay")
        if nt.relation_row(self._store, values["name"]) is not None:
            raise BadInput(f"There is already a relation '{values['name']}'.")
        return relation_type(nt.relation_row(self._store, nt.add_relation(self._store, values)))

    def change_relation(self, ref: str | int, **fields: Any) -> RelationType:
        """Change a relation type's name, direction, symmetry, colour or line style."""
        self._writable()
        current = self.relation(ref)
        values = _relation_fields(fields, current)
        if "name" in values:
            other = nt.relation_row(self._store, values["name"])
            if other is not None and other["id"] != current.id:
                raise BadInput(f"There is already a relation '{values['name']}'.")
        nt.update_relation(self._store, current.id, values)
        return self.relation(current.id)

    def delete_relation(self, ref: str | int) -> None:
        """Delete a relation type that no link carries."""
        self._writable()
        current = self.relation(ref)
        used = nt.relation_in_use(self._store, current.id)
        if used:
            raise BadInput(f"The relation '{current.name}' is used by {used} link(s); "
                           "unlink them first.")
        nt.delete_relation(self._store, current.id, current.name)

    # -- networks --------------------------------------------------------------------------

    def all(self) -> list[NetworkSummary]:
        """Every network, by name, with its number of nodes."""
        return [summary(r) for r in nt.network_rows(self._store)]

    def get(self, ref: str | int) -> NetworkSummary:
        """A network by name (any case), short id or UUID."""
        row = self._row(ref)
        return summary(row, len(nt.node_rows(self._store, row["id"])))

    def _row(self, ref: str | int) -> Any:
        found = nt.network_row(self._store, ref)
        if found is None:
            known = ", ".join(n.name for n in self.all()) or "none yet"
            raise NotFound(f"There is no network '{ref}' in this project (networks: {known}).")
        return found

    def add(self, name: str, description: str = "") -> NetworkSummary:
        """A new, empty network (a name already used is refused)."""
        self._writable()
        name = _name(name, "network")
        if nt.network_row(self._store, name) is not None:
            raise BadInput(f"There is already a network '{name}'; choose another name.")
        return self.get(nt.add_network(self._store, name, description))

    def rename(self, ref: str | int, name: str) -> NetworkSummary:
        self._writable()
        row = self._row(ref)
        name = _name(name, "network")
        other = nt.network_row(self._store, name)
        if other is not None and other["id"] != row["id"]:
            raise BadInput(f"There is already a network '{name}'; choose another name.")
        nt.update_network(self._store, row["id"], {"name": name})
        return self.get(row["id"])

    def describe(self, ref: str | int, description: str) -> NetworkSummary:
        self._writable()
        row = self._row(ref)
        nt.update_network(self._store, row["id"], {"description": description})
        return self.get(row["id"])

    def delete(self, ref: str | int) -> None:
        """Delete a network with its nodes and its own links (links between codes stay: they
        belong to the codes)."""
        self._writable()
        row = self._row(ref)
        nt.delete_network(self._store, row["id"], row["name"])

    def show(self, ref: str | int) -> NetworkView:
        """The network's nodes (with labels, places, groundedness) and the links drawn on it."""
        return build_view(self._project, self._store, self._row(ref))

    # -- nodes -----------------------------------------------------------------------------

    def add_node(self, ref: str | int, node: str | Target, *, x: float | None = None,
                 y: float | None = None) -> Node:
        """Put a code, memo, document, coding or note on the network (see
        ``network_nodes``); one already there is returned where it is."""
        self._writable()
        row = self._row(ref)
        target = node if isinstance(node, Target) else parse(self._project, self._store, node)
        key = self._place(row["id"], target, x, y)
        return self.show(row["id"]).node(key)

    def add_nodes(self, ref: str | int, nodes: Sequence[str | Target]) -> list[Node]:
        """Several nodes in one undo step (each checked before any is added)."""
        self._writable()
        row = self._row(ref)
        targets = [n if isinstance(n, Target) else parse(self._project, self._store, n)
                   for n in nodes]
        with self._store.change(f"Add to network {row['name']}"):
            keys = [self._place(row["id"], t, None, None) for t in targets]
        view = self.show(row["id"])
        return [view.node(k) for k in keys]

    def _place(self, network_id: int, target: Target, x: float | None,
               y: float | None) -> int:
        """The node of ``target`` on the network, added (at x, y or the next free place of
        the grid) when it is not there yet."""
        if target.kind == "node":
            found = nt.node_row(self._store, int(target.key or 0))
            if found is None or found["network_id"] != network_id:
                raise NotFound(f"There is no node {target.key} on this network.")
            return int(found["id"])
        column = nt.TARGET_COLUMN[target.kind]
        if column is not None:
            existing = nt.node_of(self._store, network_id, column, int(target.key or 0))
            if existing is not None:
                return existing
        if x is None or y is None:
            count = len(nt.node_rows(self._store, network_id))
            x, y = (count % _PER_ROW) * _STEP_X, (count // _PER_ROW) * _STEP_Y
        values: dict[str, Any] = {"network_id": network_id, "kind": target.kind,
                                  "place_x": round(x), "place_y": round(y)}
        if column is not None:
            values[column] = target.key
        else:
            values["text"] = target.text
        return nt.add_node(self._store, values)

    def _node(self, network_id: int, node: int | str) -> int:
        """A node of this network by id (or as written: an existing node's target)."""
        if isinstance(node, int) or str(node).strip().isdecimal():
            found = nt.node_row(self._store, int(node))
            if found is None or found["network_id"] != network_id:
                raise NotFound(f"There is no node {node} on this network.")
            return int(found["id"])
        target = parse(self._project, self._store, str(node))
        if target.kind == "node":
            return self._node(network_id, int(target.key or 0))
        column = nt.TARGET_COLUMN[target.kind]
        key = nt.node_of(self._store, network_id, column, int(target.key or 0)) \
            if column is not None else None
        if key is None:
            raise NotFound(f"'{node}' is not on this network.")
        return key

    def move_node(self, ref: str | int, node: int, x: float, y: float) -> None:
        """Put one node at a new place (whole scene units)."""
        self.move_nodes(ref, {node: (x, y)})

    def move_nodes(self, ref: str | int, places: Mapping[int, tuple[float, float]], *,
                   label: str = "Move in network") -> None:
        """Put nodes at new places, one undo step (a drag of a selection, a layout)."""
        self._writable()
        row = self._row(ref)
        checked = {self._node(row["id"], k): (round(x), round(y))
                   for k, (x, y) in places.items()}
        nt.move_nodes(self._store, checked, label)

    def set_note(self, ref: str | int, node: int, text: str) -> Node:
        """Change the text of a free note."""
        self._writable()
        row = self._row(ref)
        key = self._node(row["id"], node)
        if nt.node_row(self._store, key)["kind"] != "note":  # type: ignore[index]
            raise BadInput("Only a free note's text can be changed here.")
        if not text.strip():
            raise BadInput("A note needs some text.")
        nt.update_node(self._store, key, {"text": text.strip()})
        return self.show(row["id"]).node(key)

    def remove_node(self, ref: str | int, node: int | str) -> None:
        """Take a node off the network with the network's own links to it (links between
        codes stay: they belong to the codes)."""
        self._writable()
        row = self._row(ref)
        nt.delete_node(self._store, self._node(row["id"], node))

    # -- links -----------------------------------------------------------------------------

    def link(self, ref: str | int, source: int | str, relation: str | int,
             target: int | str) -> Link:
        """Link two nodes (node ids, or nodes as written: added to the network when not on it
        yet) with a relation type. Two codes are linked as codes (see the module docstring);
        a link already there is returned as it is."""
        self._writable()
        row = self._row(ref)
        kind = self.relation(relation)
        ends = [self._end(row["id"], n) for n in (source, target)]
        with self._store.change(f"Link in network {row['name']}"):
            a, b = (self._place(row["id"], t, None, None) if isinstance(t, Target) else t
                    for t in ends)
            if a == b:
                raise BadInput("A node cannot be linked to itself.")
            first, second = nt.node_row(self._store, a), nt.node_row(self._store, b)
            assert first is not None and second is not None
            if first["kind"] == "code" and second["kind"] == "code":
                codes = (int(first["code_id"]), int(second["code_id"]))
                key = nt.find_code_link(self._store, *codes, kind.id, kind.symmetric)
                if key is None:
                    key = nt.add_code_link(self._store, {"from_code_id": codes[0],
                                                         "to_code_id": codes[1],
                                                         "relation_id": kind.id})
                table = "code_links"
                found = nt.link_row(self._store, table, key)
                assert found is not None
                if found["from_code_id"] != codes[0]:  # the symmetric link, stored b to a
                    a, b = b, a
            else:
                key = nt.find_network_link(self._store, a, b, kind.id, kind.symmetric)
                if key is None:
                    key = nt.add_network_link(self._store, {
                        "network_id": row["id"], "from_node_id": a, "to_node_id": b,
                        "relation_id": kind.id})
                table = "network_links"
                found = nt.link_row(self._store, table, key)
                assert found is not None
                a, b = int(found["from_node_id"]), int(found["to_node_id"])
        return Link(key, str(found["uuid"]), "code" if table == "code_links" else "network",
                    a, b, kind.name, kind.id, kind.direction, kind.symmetric, kind.colour,
                    kind.line_style)

    def _end(self, network_id: int, node: int | str) -> int | Target:
        """A link's end: an existing node's id, or the target of one to add (checked now)."""
        if isinstance(node, int) or str(node).strip().isdecimal():
            return self._node(network_id, node)
        target = parse(self._project, self._store, str(node))
        if target.kind == "node":
            return self._node(network_id, int(target.key or 0))
        return target

    def unlink(self, ref: str | int, link: str | Link | None = None, *,
               source: int | str | None = None, relation: str | int | None = None,
               target: int | str | None = None) -> Link:
        """Remove a link drawn on the network: by its UUID (or ``Link``), or by its two ends
        and relation. A link between codes is removed from the codes (every network)."""
        self._writable()
        row = self._row(ref)
        view = self.show(row["id"])
        if link is not None:
            uuid = link.uuid if isinstance(link, Link) else str(link).strip().lower()
            found = next((x for x in view.links if x.uuid == uuid), None)
        else:
            if source is None or relation is None or target is None:
                raise BadInput("Say which link: its UUID, or its two ends and relation.")
            kind = self.relation(relation)
            a, b = self._node(row["id"], source), self._node(row["id"], target)
            found = next((x for x in view.links if x.relation_id == kind.id and (
                (x.source, x.target) == (a, b)
                or (kind.symmetric and (x.source, x.target) == (b, a)))), None)
        if found is None:
            raise NotFound(f"There is no such link on the network '{row['name']}'.")
        nt.delete_link(self._store, "code_links" if found.kind == "code" else "network_links",
                       found.id)
        return found

    def code_links(self, code: int | str | None = None) -> list[tuple[str, str, str, str]]:
        """Links between codes, as (from code path, relation, to code path, link UUID): all,
        or those of one code (for the codebook)."""
        key = self._project.code(code).id if code is not None else None
        names = {r.id: r.name for r in self.relations()}
        return [(self._project.code_path(r["from_code_id"]), names[r["relation_id"]],
                 self._project.code_path(r["to_code_id"]), str(r["uuid"]))
                for r in nt.code_link_rows(self._store)
                if key is None or key in (r["from_code_id"], r["to_code_id"])]

    def links_between_codes(self) -> list[CodeLink]:
        """Every link between codes with its relation type (exports, the codebook)."""
        relations = {r.id: r for r in self.relations()}
        return [CodeLink(int(r["id"]), str(r["uuid"]), int(r["from_code_id"]),
                         int(r["to_code_id"]), relations[r["relation_id"]], str(r["memo"]),
                         str(r["created"])) for r in nt.code_link_rows(self._store)]

    def views(self) -> list[NetworkView]:
        """Every network as ``show`` gives it, by name (exports)."""
        return [self.show(n.id) for n in self.all()]

    def holding(self, kind: str, ref: int | str) -> list[str]:
        """The names of the networks a code, document or coding is on."""
        if kind == "code":
            key, column = self._project.code(ref).id, "code_id"
        elif kind in ("document", "coding"):
            key, column = self._store.resolve(f"{kind}s", ref), f"{kind}_id"
        else:
            raise BadInput(f"Only codes, documents and codings are on networks, not '{kind}'.")
        return [str(r["name"]) for r in nt.networks_holding(self._store, column, key)]

    # -- layout, neighbours, export -------------------------------------------------------

    def layout(self, ref: str | int, *, method: str = "force", seed: int = 0) -> NetworkView:
        """Lay the network out automatically (``force``: force-directed; ``layered``: by the
        direction of its links) and keep the places, one undo step."""
        from fieldkit.analysis.network_layout import lay_out

        view = self.show(ref)
        if not view.nodes:
            return view
        ids = [n.id for n in view.nodes]
        index = {k: i for i, k in enumerate(ids)}
        edges = [(index[x.source], index[x.target]) for x in view.links]
        places = lay_out(len(ids), edges, method=method, seed=seed)
        self.move_nodes(view.network.id, {k: (float(places[i][0]), float(places[i][1]))
                                          for i, k in enumerate(ids)}, label="Lay out network")
        return self.show(view.network.id)

    def neighbours(self, ref: str | int, node: int | str, *,
                   kinds: Sequence[str] = ("codes", "segments", "memos"),
                   limit: int = 12) -> list[Node]:
        """Add what a node's neighbours are (codes that co-occur with a code, its segments,
        memos linked to it; a segment's code; what a memo links to), at most ``limit`` of
        each kind, one undo step; returns the nodes added (or already there)."""
        from fieldkit.operations.network_neighbours import neighbour_targets

        row = self._row(ref)
        key = self._node(row["id"], node)
        found = nt.node_row(self._store, key)
        assert found is not None
        targets = neighbour_targets(self._project, self._store, found, kinds, limit)
        return self.add_nodes(row["id"], targets) if targets else []

    def export(self, ref: str | int, target: str | Path) -> Path:
        """The network drawn as SVG or PNG (by the file's extension), written whole."""
        from fieldkit.exporters.network_chart import write_network

        return write_network(self.show(ref), Path(target))

    def _writable(self) -> None:
        if self._store.readonly:
            from fieldkit.core.errors import ReadOnly

            raise ReadOnly("This project is open read-only; nothing was changed.")
        if not nt.present(self._store):
            raise BadInput("This project's schema has no networks yet; open it for writing "
                           "to upgrade it.")
