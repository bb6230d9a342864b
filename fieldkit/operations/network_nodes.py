"""What a network shows: node references as people write them, and a network's view.

A node is written ``code:PATH`` (or a code's id or UUID), ``memo:ID``, ``doc:ID``,
``segment:UUID`` (a coding; its short id works too), ``note:TEXT`` (a free text note) or
``node:ID`` (a node already on the network). ``parse`` turns such a text into a ``Target``
or refuses it with one line naming what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.storage import network_tables

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

PREFIXES = {"code": "code", "memo": "memo", "doc": "document", "document": "document",
            "segment": "coding", "coding": "coding", "note": "note", "node": "node"}
WRITTEN = "code:PATH, memo:ID, doc:ID, segment:UUID, note:TEXT or node:ID"
#: the longest label a coding's or note's node shows (the whole text stays in the project)
LABEL_CHARS = 60


@dataclass(frozen=True, slots=True)
class Target:
    """What a node shows: ``kind`` code, memo, document, coding or note; ``key`` the id of the
    code, document or coding (None for a note, whose ``text`` it is); for ``node``, ``key``
    is an existing node's id."""

    kind: str
    key: int | None
    text: str = ""


@dataclass(slots=True)
class RelationType:
    """One entry of the project's list of relations. ``name`` is the English key (the app
    shows the six defaults in the user's language); ``direction`` is ``OneWay``,
    ``Bidirectional`` or ``Associative`` (REFI-QDA's words); ``symmetric``: A rel B means
    B rel A (one link either way)."""

    id: int
    uuid: str
    name: str
    direction: str
    symmetric: bool
    colour: str
    line_style: str
    position: int
    default: bool  # one of ATLAS.ti's six, with its fixed UUID


@dataclass(slots=True)
class NetworkSummary:
    id: int
    uuid: str
    name: str
    description: str
    created: str
    nodes: int


@dataclass(slots=True)
class Node:
    """A node on one network. ``target`` is the code's, document's or coding's id (None for a
    note); ``ref`` how the CLI writes it; ``groundedness`` a code's number of codings (a
    coding's node: its code's), 0 for others; ``colour`` a code's (or a coding's code's)."""

    id: int
    uuid: str
    kind: str
    target: int | None
    label: str
    ref: str
    x: int
    y: int
    colour: str = ""
    groundedness: int = 0
    text: str = ""
    document_id: int | None = None  # a coding's document, to open it


@dataclass(slots=True)
class Link:
    """A link drawn on a network between nodes ``source`` and ``target`` (node ids).
    ``kind`` is ``code`` for a link between two codes (a property of the codes: it shows in
    every network holding both) and ``network`` for one that belongs to this network."""

    id: int
    uuid: str
    kind: str
    source: int
    target: int
    relation: str
    relation_id: int
    direction: str
    symmetric: bool
    colour: str
    line_style: str


@dataclass(slots=True)
class CodeLink:
    """A link between two codes (code ids), a property of the codes."""

    id: int
    uuid: str
    source: int
    target: int
    relation: RelationType
    memo: str
    created: str


@dataclass(slots=True)
class NetworkView:
    network: NetworkSummary
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def node(self, key: int) -> Node:
        for found in self.nodes:
            if found.id == key:
                return found
        raise NotFound(f"There is no node {key} on the network '{self.network.name}'.")

    def as_dict(self) -> dict[str, Any]:
        """The view as plain data (``network show --json``)."""
        from dataclasses import asdict

        return {"network": asdict(self.network), "nodes": [asdict(n) for n in self.nodes],
                "links": [asdict(x) for x in self.links]}


def parse(project: Project, store: Store, text: str) -> Target:
    """A node as written (see the module docstring); NotFound or BadInput, one line."""
    prefix, sep, rest = str(text).partition(":")
    kind = PREFIXES.get(prefix.strip().casefold()) if sep else None
    if kind is None:
        raise BadInput(f"'{text}' is not a node; write {WRITTEN}.")
    rest = rest.strip()
    if not rest:
        raise BadInput(f"'{text}' names nothing after '{prefix}:'; write {WRITTEN}.")
    if kind == "code":
        return Target("code", project.code(rest).id)
    if kind in ("memo", "document"):
        doc = project.document(rest)
        if kind == "memo" and doc.kind != "memo":
            raise BadInput(f"'{doc.title}' is a {doc.kind}, not a memo; write doc:{rest}.")
        return Target("memo" if doc.kind == "memo" else "document", doc.id)
    if kind == "coding":
        return Target("coding", store.resolve("codings", rest))
    if kind == "note":
        return Target("note", None, rest)
    if not rest.isdecimal():
        raise BadInput(f"'{text}' is not a node; node:ID takes a node's number.")
    return Target("node", int(rest))


def relation_type(row: Any) -> RelationType:
    return RelationType(int(row["id"]), str(row["uuid"]), str(row["name"]),
                        str(row["direction"]), bool(row["symmetric"]), str(row["colour"]),
                        str(row["line_style"]), int(row["position"]),
                        str(row["uuid"]) == network_tables.default_uuid(str(row["name"])))


def summary(row: Any, size: int | None = None) -> NetworkSummary:
    return NetworkSummary(int(row["id"]), str(row["uuid"]), str(row["name"]),
                          str(row["description"]), str(row["created"]),
                          int(row["size"]) if size is None else size)


def _short(text: str) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "\u2026"


def build_view(project: Project, store: Store, row: Any) -> NetworkView:
    """Every node of a network with its label, and every link drawn on it: its own links and
    the links between codes whose both codes are on it."""
    counts = project.coding_counts()
    book = project.codebook()
    nodes = []
    for r in network_tables.node_details(store, int(row["id"])):
        nodes.append(_node(r, counts, book.path))
    view = NetworkView(summary(row, len(nodes)), nodes)
    relations = {r["id"]: relation_type(r) for r in network_tables.relation_rows(store)}
    by_code = {int(n.target or 0): n.id for n in nodes if n.kind == "code"}
    for r in network_tables.code_link_rows(store, list(by_code)):
        view.links.append(_link(r, "code", by_code[r["from_code_id"]],
                                by_code[r["to_code_id"]], relations[r["relation_id"]]))
    for r in network_tables.network_link_rows(store, int(row["id"])):
        view.links.append(_link(r, "network", int(r["from_node_id"]), int(r["to_node_id"]),
                                relations[r["relation_id"]]))
    return view


def _node(r: Any, counts: dict[int, int], path: Any) -> Node:
    kind = str(r["kind"])
    base: dict[str, Any] = {"id": int(r["id"]), "uuid": str(r["uuid"]), "kind": kind,
                            "x": int(r["place_x"]), "y": int(r["place_y"])}
    if kind == "code":
        code = int(r["code_id"])
        return Node(**base, target=code, label=str(r["code_name"]), ref=f"code:{path(code)}",
                    colour=str(r["code_colour"]), groundedness=counts.get(code, 0))
    if kind in ("memo", "document"):
        prefix = "memo" if kind == "memo" else "doc"
        return Node(**base, target=int(r["document_id"]), label=str(r["doc_title"]),
                    ref=f"{prefix}:{r['document_id']}")
    if kind == "coding":
        quote = str(r["quote"] or "")
        label = f"\u201c{_short(quote)}\u201d" if quote else f"{r['coding_title']} (area)"
        return Node(**base, target=int(r["coding_id"]), label=label,
                    ref=f"segment:{r['coding_id']}", colour=str(r["coding_colour"] or ""),
                    groundedness=counts.get(int(r["coding_code"]), 0), text=quote,
                    document_id=int(r["coding_document"]))
    return Node(**base, target=None, label=_short(str(r["text"])), ref=f"node:{r['id']}",
                text=str(r["text"]))


def _link(r: Any, kind: str, source: int, target: int, relation: RelationType) -> Link:
    return Link(int(r["id"]), str(r["uuid"]), kind, source, target, relation.name, relation.id,
                relation.direction, relation.symmetric, relation.colour, relation.line_style)
