"""Networks: relation types, named networks, their nodes and links (schema step 16).

- ``relation_types``: the project's list of what a link can mean (``name`` is the English key,
  shown translated by the app for the six defaults), how it is drawn (``direction`` as REFI-QDA
  spells it: ``OneWay``, ``Bidirectional``, ``Associative``; ``colour``; ``line_style``
  ``solid``, ``dashed`` or ``dotted``) and whether it is ``symmetric`` (A rel B is B rel A).
  The six ATLAS.ti defaults are seeded with fixed UUIDs, so every project names them alike
  (merges and REFI-QDA exchange find them by UUID).
- ``networks``: a named canvas.
- ``network_nodes``: a code, a memo or other document, a coding (a coded segment) or a free
  text note placed on one network at ``place_x``, ``place_y`` (whole scene units, negative
  too: not named x and y, which the team server takes for a photo region's, never negative);
  a code, document or coding is on a network at most once.
- ``code_links``: a link between two codes, a property of the codes (it shows in every
  network holding both, and in the codebook), as in ATLAS.ti.
- ``network_links``: every other link, between two nodes of one network.

Every write goes through ``Store.change`` (one undo step, recorded for the team); rows that
point at a deleted code, document, coding, node, network or relation type go with it
(``REFERENCES``, used by ``Store.delete``).
"""

from __future__ import annotations

import sqlite3
import uuid as uuid_module
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import new_uuid, utc_now

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

TABLES = """
CREATE TABLE IF NOT EXISTS relation_types (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    direction TEXT NOT NULL DEFAULT 'OneWay'
        CHECK (direction IN ('OneWay', 'Bidirectional', 'Associative')),
    symmetric INTEGER NOT NULL DEFAULT 0 CHECK (symmetric IN (0, 1)),
    colour TEXT NOT NULL DEFAULT '#808080',
    line_style TEXT NOT NULL DEFAULT 'solid' CHECK (line_style IN ('solid', 'dashed', 'dotted')),
    position INTEGER NOT NULL DEFAULT 0,
    CHECK (symmetric = 0 OR direction <> 'OneWay'));
CREATE TABLE IF NOT EXISTS networks (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '', created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS network_nodes (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    kind TEXT NOT NULL CHECK (kind IN ('code', 'memo', 'document', 'coding', 'note')),
    code_id INTEGER REFERENCES codes(id), document_id INTEGER REFERENCES documents(id),
    coding_id INTEGER REFERENCES codings(id), text TEXT NOT NULL DEFAULT '',
    place_x INTEGER NOT NULL DEFAULT 0, place_y INTEGER NOT NULL DEFAULT 0,
    CHECK ((kind = 'code') = (code_id IS NOT NULL)),
    CHECK ((kind IN ('memo', 'document')) = (document_id IS NOT NULL)),
    CHECK ((kind = 'coding') = (coding_id IS NOT NULL)),
    UNIQUE (network_id, code_id), UNIQUE (network_id, document_id),
    UNIQUE (network_id, coding_id));
CREATE INDEX IF NOT EXISTS network_nodes_code ON network_nodes(code_id);
CREATE INDEX IF NOT EXISTS network_nodes_document ON network_nodes(document_id);
CREATE INDEX IF NOT EXISTS network_nodes_coding ON network_nodes(coding_id);
CREATE TABLE IF NOT EXISTS code_links (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    from_code_id INTEGER NOT NULL REFERENCES codes(id),
    to_code_id INTEGER NOT NULL REFERENCES codes(id),
    relation_id INTEGER NOT NULL REFERENCES relation_types(id),
    memo TEXT NOT NULL DEFAULT '', created TEXT NOT NULL,
    CHECK (from_code_id <> to_code_id), UNIQUE (from_code_id, to_code_id, relation_id));
CREATE INDEX IF NOT EXISTS code_links_to ON code_links(to_code_id);
CREATE INDEX IF NOT EXISTS code_links_relation ON code_links(relation_id);
CREATE TABLE IF NOT EXISTS network_links (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    from_node_id INTEGER NOT NULL REFERENCES network_nodes(id),
    to_node_id INTEGER NOT NULL REFERENCES network_nodes(id),
    relation_id INTEGER NOT NULL REFERENCES relation_types(id), created TEXT NOT NULL,
    CHECK (from_node_id <> to_node_id), UNIQUE (from_node_id, to_node_id, relation_id));
CREATE INDEX IF NOT EXISTS network_links_network ON network_links(network_id);
CREATE INDEX IF NOT EXISTS network_links_to ON network_links(to_node_id);
CREATE INDEX IF NOT EXISTS network_links_relation ON network_links(relation_id)
"""

#: the tables of this step that a team shares (a server of an earlier step does not know them)
TEAM_TABLES = ("relation_types", "networks", "network_nodes", "code_links", "network_links")

# Rows that point at a row of the key table, as (table, column): deleted before it.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "codes": (("code_links", "from_code_id"), ("code_links", "to_code_id"),
              ("network_nodes", "code_id")),
    "documents": (("network_nodes", "document_id"),),
    "codings": (("network_nodes", "coding_id"),),
    "networks": (("network_links", "network_id"), ("network_nodes", "network_id")),
    "network_nodes": (("network_links", "from_node_id"), ("network_links", "to_node_id")),
    "relation_types": (("code_links", "relation_id"), ("network_links", "relation_id")),
}

#: the namespace of the default relation types' UUIDs (the same in every project)
_DEFAULTS_NAMESPACE = uuid_module.UUID("6f1c2a4e-9b0d-4c55-8a43-2f7e1d3c9a10")

#: ATLAS.ti's default relations: (name, direction, symmetric, colour, line style)
DEFAULT_RELATIONS: tuple[tuple[str, str, int, str, str], ...] = (
    ("is associated with", "Associative", 1, "#808080", "solid"),
    ("is cause of", "OneWay", 0, "#c0392b", "solid"),
    ("is part of", "OneWay", 0, "#2e86c1", "solid"),
    ("contradicts", "Bidirectional", 1, "#e67e22", "dashed"),
    ("is property of", "OneWay", 0, "#27ae60", "dotted"),
    ("is a", "OneWay", 0, "#8e44ad", "solid"),
)


def default_uuid(name: str) -> str:
    """The fixed UUID of a default relation type (by its English name)."""
    return str(uuid_module.uuid5(_DEFAULTS_NAMESPACE, name))


def present(store: Store) -> bool:
    """Whether the tables exist: a project of an older schema opened read-only (so not
    upgraded) has no networks yet; reads find none."""
    return store.value("SELECT 1 FROM sqlite_master WHERE name = 'network_links'") is not None


def create(conn: sqlite3.Connection) -> None:
    """The migration step: the tables, and ATLAS.ti's six default relation types."""
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    for position, (name, direction, symmetric, colour, style) in enumerate(DEFAULT_RELATIONS):
        conn.execute("INSERT OR IGNORE INTO relation_types (uuid, name, direction, symmetric, "
                     "colour, line_style, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (default_uuid(name), name, direction, symmetric, colour, style, position))


# -- relation types ------------------------------------------------------------------------

def relation_rows(store: Store) -> list[sqlite3.Row]:
    """Every relation type, in the project's order."""
    if not present(store):
        return []
    return store.rows("SELECT * FROM relation_types ORDER BY position, id")


def relation_row(store: Store, ref: str | int) -> sqlite3.Row | None:
    """A relation type by name (any case), UUID or short id."""
    if not present(store):
        return None
    text = str(ref).strip()
    return store.row("SELECT * FROM relation_types WHERE name = ? COLLATE NOCASE OR uuid = ? "
                     "OR CAST(id AS TEXT) = ?", (text, text.lower(), text))


def add_relation(store: Store, values: dict[str, Any], uuid: str | None = None) -> int:
    """A new relation type (name, direction, symmetric, colour, line_style), last in order."""
    last = store.value("SELECT max(position) FROM relation_types")
    with store.change(f"New relation {values['name']}"):
        return store.insert("relation_types", {
            "uuid": uuid or new_uuid(), **values,
            "position": (-1 if last is None else int(last)) + 1})


def update_relation(store: Store, key: int, values: dict[str, Any]) -> None:
    with store.change("Change relation"):
        store.update("relation_types", key, values)


def relation_in_use(store: Store, key: int) -> int:
    """How many links (of codes and of networks) carry relation type ``key``."""
    return int(store.value(
        "SELECT (SELECT count(*) FROM code_links WHERE relation_id = ?) + "
        "(SELECT count(*) FROM network_links WHERE relation_id = ?)", (key, key)))


def delete_relation(store: Store, key: int, name: str) -> None:
    with store.change(f"Delete relation {name}"):
        store.delete("relation_types", key)


# -- networks ------------------------------------------------------------------------------

def network_rows(store: Store) -> list[sqlite3.Row]:
    """Every network with its number of nodes, by name."""
    if not present(store):
        return []
    return store.rows(
        "SELECT n.*, (SELECT count(*) FROM network_nodes d WHERE d.network_id = n.id) AS size "
        "FROM networks n ORDER BY n.name COLLATE NOCASE, n.id")


def network_row(store: Store, ref: str | int) -> sqlite3.Row | None:
    """A network by name (any case), UUID or short id."""
    if not present(store):
        return None
    text = str(ref).strip()
    return store.row("SELECT * FROM networks WHERE name = ? COLLATE NOCASE OR uuid = ? "
                     "OR CAST(id AS TEXT) = ?", (text, text.lower(), text))


def add_network(store: Store, name: str, description: str = "",
                uuid: str | None = None, created: str | None = None) -> int:
    with store.change(f"New network {name}"):
        return store.insert("networks", {"uuid": uuid or new_uuid(), "name": name,
                                         "description": description,
                                         "created": created or utc_now()})


def update_network(store: Store, key: int, values: dict[str, Any]) -> None:
    with store.change("Change network"):
        store.update("networks", key, values)


def delete_network(store: Store, key: int, name: str) -> None:
    with store.change(f"Delete network {name}"):
        store.delete("networks", key)


# -- nodes ---------------------------------------------------------------------------------

#: the column of ``network_nodes`` that names what a node of each kind shows
TARGET_COLUMN = {"code": "code_id", "memo": "document_id", "document": "document_id",
                 "coding": "coding_id", "note": None}


def node_rows(store: Store, network_id: int) -> list[sqlite3.Row]:
    """The nodes of one network, in the order they were placed."""
    return store.rows("SELECT * FROM network_nodes WHERE network_id = ? ORDER BY id",
                      (network_id,))


def node_row(store: Store, key: int) -> sqlite3.Row | None:
    return store.row("SELECT * FROM network_nodes WHERE id = ?", (key,))


def node_of(store: Store, network_id: int, column: str, key: int) -> int | None:
    """The node showing code, document or coding ``key`` on a network, if it is there."""
    if column not in ("code_id", "document_id", "coding_id"):
        raise ValueError(column)
    found = store.value(f"SELECT id FROM network_nodes WHERE network_id = ? AND {column} = ?",
                        (network_id, key))
    return None if found is None else int(found)


def add_node(store: Store, values: dict[str, Any], uuid: str | None = None) -> int:
    """A node (network_id, kind, its target column or text, x, y)."""
    with store.change("Add to network"):
        return store.insert("network_nodes", {"uuid": uuid or new_uuid(), **values})


def move_nodes(store: Store, places: dict[int, tuple[int, int]], label: str) -> None:
    """Put nodes at new places, all in one undo step."""
    with store.change(label):
        store.update_many("network_nodes",
                          [(key, {"place_x": x, "place_y": y}) for key, (x, y) in places.items()])


def update_node(store: Store, key: int, values: dict[str, Any]) -> None:
    with store.change("Change network note"):
        store.update("network_nodes", key, values)


def delete_node(store: Store, key: int) -> None:
    with store.change("Remove from network"):
        store.delete("network_nodes", key)


# -- links ---------------------------------------------------------------------------------

def code_link_rows(store: Store, codes: list[int] | None = None) -> list[sqlite3.Row]:
    """Links between codes (all, or those whose both ends are among ``codes``)."""
    if not present(store):
        return []
    rows = store.rows("SELECT * FROM code_links ORDER BY id")
    if codes is None:
        return rows
    wanted = set(codes)
    return [r for r in rows if r["from_code_id"] in wanted and r["to_code_id"] in wanted]


def find_code_link(store: Store, a: int, b: int, relation_id: int,
                   either_way: bool) -> int | None:
    """The link between codes ``a`` and ``b`` with that relation (``either_way``: b to a
    counts too, for a symmetric relation)."""
    found = store.value("SELECT id FROM code_links WHERE relation_id = ? AND ((from_code_id = ? "
                        "AND to_code_id = ?) OR (? AND from_code_id = ? AND to_code_id = ?))",
                        (relation_id, a, b, int(either_way), b, a))
    return None if found is None else int(found)


def add_code_link(store: Store, values: dict[str, Any], uuid: str | None = None) -> int:
    with store.change("Link codes"):
        return store.insert("code_links", {"uuid": uuid or new_uuid(),
                                           "created": values.pop("created", None) or utc_now(),
                                           **values})


def network_link_rows(store: Store, network_id: int) -> list[sqlite3.Row]:
    return store.rows("SELECT * FROM network_links WHERE network_id = ? ORDER BY id",
                      (network_id,))


def find_network_link(store: Store, a: int, b: int, relation_id: int,
                      either_way: bool) -> int | None:
    """The link between nodes ``a`` and ``b`` with that relation (see ``find_code_link``)."""
    found = store.value("SELECT id FROM network_links WHERE relation_id = ? AND ((from_node_id "
                        "= ? AND to_node_id = ?) OR (? AND from_node_id = ? AND to_node_id = ?))",
                        (relation_id, a, b, int(either_way), b, a))
    return None if found is None else int(found)


def add_network_link(store: Store, values: dict[str, Any], uuid: str | None = None) -> int:
    with store.change("Link in network"):
        return store.insert("network_links", {"uuid": uuid or new_uuid(),
                                              "created": values.pop("created", None)
                                              or utc_now(), **values})


def link_row(store: Store, table: str, key: int) -> sqlite3.Row | None:
    if table not in ("code_links", "network_links"):
        raise ValueError(table)
    return store.row(f"SELECT * FROM {table} WHERE id = ?", (key,))


def link_by_uuid(store: Store, uuid: str) -> tuple[str, int] | None:
    """(table, id) of a code link or network link known by its UUID."""
    for table in ("code_links", "network_links"):
        found = store.value(f"SELECT id FROM {table} WHERE uuid = ?", (uuid.lower(),))
        if found is not None:
            return table, int(found)
    return None


def delete_link(store: Store, table: str, key: int) -> None:
    if table not in ("code_links", "network_links"):
        raise ValueError(table)
    with store.change("Unlink codes" if table == "code_links" else "Unlink in network"):
        store.delete(table, key)


def all_node_rows(store: Store) -> list[sqlite3.Row]:
    """Every node of every network (REFI-QDA export, merges)."""
    if not present(store):
        return []
    return store.rows("SELECT * FROM network_nodes ORDER BY network_id, id")


def all_network_link_rows(store: Store) -> list[sqlite3.Row]:
    if not present(store):
        return []
    return store.rows("SELECT * FROM network_links ORDER BY network_id, id")


def node_details(store: Store, network_id: int) -> list[sqlite3.Row]:
    """The nodes of one network with what they show: a code's name and colour, a document's
    title and kind, a coding's quote, document and code (a node's ``label`` fields)."""
    return store.rows(
        "SELECT n.*, c.name AS code_name, c.colour AS code_colour, "
        "d.title AS doc_title, d.kind AS doc_kind, g.quote AS quote, g.code_id AS coding_code, "
        "g.document_id AS coding_document, gd.title AS coding_title, gc.colour AS coding_colour "
        "FROM network_nodes n LEFT JOIN codes c ON c.id = n.code_id "
        "LEFT JOIN documents d ON d.id = n.document_id "
        "LEFT JOIN codings g ON g.id = n.coding_id "
        "LEFT JOIN documents gd ON gd.id = g.document_id "
        "LEFT JOIN codes gc ON gc.id = g.code_id "
        "WHERE n.network_id = ? ORDER BY n.id", (network_id,))


def networks_holding(store: Store, column: str, key: int) -> list[sqlite3.Row]:
    """The networks a code, document or coding is on (id, name)."""
    if column not in ("code_id", "document_id", "coding_id"):
        raise ValueError(column)
    if not present(store):
        return []
    return store.rows(f"SELECT DISTINCT w.id, w.name FROM network_nodes n JOIN networks w "
                      f"ON w.id = n.network_id WHERE n.{column} = ? ORDER BY w.name", (key,))


def move_code(store: Store, source: int, target: int) -> None:
    """Code ``source`` is combined into ``target``: its links become the target's (a link that
    would join the target to itself, or that it has already, goes) and its nodes show the
    target (where a network shows both, the source's node's links move to the target's node
    and the node goes). Inside the caller's change."""
    if not present(store):
        return
    with store.change("Combine codes"):
        for row in code_link_rows(store):
            if source not in (row["from_code_id"], row["to_code_id"]):
                continue
            ends = [target if k == source else k for k in (row["from_code_id"],
                                                          row["to_code_id"])]
            symmetric = bool(store.value("SELECT symmetric FROM relation_types WHERE id = ?",
                                         (row["relation_id"],)))
            other = find_code_link(store, ends[0], ends[1], row["relation_id"], symmetric)
            if ends[0] == ends[1] or (other is not None and other != row["id"]):
                store.delete("code_links", int(row["id"]))
            else:
                store.update("code_links", int(row["id"]),
                             {"from_code_id": ends[0], "to_code_id": ends[1]})
        for node in store.rows("SELECT id, network_id FROM network_nodes WHERE code_id = ?",
                               (source,)):
            kept = node_of(store, int(node["network_id"]), "code_id", target)
            if kept is None:
                store.update("network_nodes", int(node["id"]), {"code_id": target})
                continue
            _move_links(store, int(node["id"]), kept)
            store.delete("network_nodes", int(node["id"]))


def _move_links(store: Store, node: int, kept: int) -> None:
    """A network's links of ``node`` moved to ``kept`` (one that would double or join
    ``kept`` to itself goes with ``node``)."""
    for row in store.rows("SELECT * FROM network_links WHERE from_node_id = ? "
                          "OR to_node_id = ?", (node, node)):
        ends = [kept if k == node else k for k in (row["from_node_id"], row["to_node_id"])]
        if ends[0] != ends[1] and find_network_link(store, ends[0], ends[1],
                                                    row["relation_id"], False) is None:
            store.update("network_links", int(row["id"]),
                         {"from_node_id": ends[0], "to_node_id": ends[1]})
