"""Subcommand ``network``: concept maps of codes, memos, documents, segments and notes.

``fieldkit network add NAME``, ``list``, ``show NAME``, ``rename NAME NEW``, ``delete NAME``,
``node NAME NODE`` (put a node on it, e.g. a free note ``note:TEXT``), ``remove NAME NODE``,
``link NAME FROM RELATION TO``, ``unlink NAME (LINK_UUID | FROM RELATION TO)``, ``layout
NAME``, ``neighbours NAME NODE``, ``export NAME OUT.svg|png``; ``network relations`` lists
the relation types, ``relations add|change|delete`` keeps the list. Nodes are written
``code:PATH``, ``memo:ID``, ``doc:ID``, ``segment:UUID``, ``note:TEXT`` or ``node:ID``.
"""

from __future__ import annotations

import argparse
from typing import Any

from fieldkit.cli.common import (
    add_json_option,
    add_project_option,
    help_of,
    leaf,
    open_project,
    print_json,
)
from fieldkit.cli.common import table as text_table
from fieldkit.core.errors import BadInput

NODES = "code:PATH, memo:ID, doc:ID, segment:UUID, note:TEXT or node:ID"




def register(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser("network", help="networks: concept maps of codes, memos and segments",
                         description="networks: codes, memos, documents, coded segments and "
                         f"notes linked by named relations; nodes are written {NODES}")
    add_project_option(top)
    top.set_defaults(run=help_of(top))
    actions = top.add_subparsers(dest="action", metavar="ACTION")
    p = leaf(actions, "add", cmd_add, "a new, empty network")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--description", default="", metavar="T")
    add_json_option(p)
    add_json_option(leaf(actions, "list", cmd_list, "every network with its number of nodes"))
    p = leaf(actions, "show", cmd_show, "one network: its nodes and links")
    p.add_argument("name", metavar="NAME")
    add_json_option(p)
    p = leaf(actions, "rename", cmd_rename, "rename a network")
    p.add_argument("name", metavar="NAME")
    p.add_argument("new", metavar="NEW")
    p = leaf(actions, "delete", cmd_delete, "delete a network (links between codes stay)")
    p.add_argument("name", metavar="NAME")
    p = leaf(actions, "node", cmd_node, "put a node on a network (a free note: note:TEXT)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("node", metavar="NODE", help=NODES)
    p.add_argument("--x", type=float, metavar="X")
    p.add_argument("--y", type=float, metavar="Y")
    add_json_option(p)
    p = leaf(actions, "remove", cmd_remove, "take a node off a network")
    p.add_argument("name", metavar="NAME")
    p.add_argument("node", metavar="NODE", help=f"a node's number or {NODES}")
    p = leaf(actions, "link", cmd_link, "link two nodes with a relation (added to the "
              "network when not on it; two codes are linked as codes, in every network)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("source", metavar="FROM", help=NODES)
    p.add_argument("relation", metavar="RELATION", help="a relation type's name")
    p.add_argument("target", metavar="TO", help=NODES)
    add_json_option(p)
    p = leaf(actions, "unlink", cmd_unlink, "remove a link (between codes: everywhere)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("link", nargs="+", metavar="LINK", help="a link's UUID, or FROM RELATION TO")
    p = leaf(actions, "layout", cmd_layout, "lay a network out automatically")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--method", choices=["force", "layered"], default="force")
    p = leaf(actions, "neighbours", cmd_neighbours, "add a node's neighbours: co-occurring "
              "codes, segments, linked memos")
    p.add_argument("name", metavar="NAME")
    p.add_argument("node", metavar="NODE")
    p.add_argument("--kinds", nargs="+", default=["codes", "segments", "memos"],
                   metavar="KIND", help="codes, segments, memos")
    p.add_argument("--limit", type=int, default=12, metavar="N", help="at most N of each kind")
    add_json_option(p)
    p = leaf(actions, "export", cmd_export, "draw a network as SVG or PNG")
    p.add_argument("name", metavar="NAME")
    p.add_argument("out", metavar="OUT.svg|png")
    _register_relations(actions)


def _register_relations(actions: argparse._SubParsersAction) -> None:
    top = leaf(actions, "relations", cmd_relations, "the relation types (add, change, delete)")
    add_json_option(top)
    kinds = top.add_subparsers(dest="relation_action", metavar="ACTION")
    p = leaf(kinds, "add", cmd_relation_add, "a new relation type")
    p.add_argument("relation", metavar="NAME")
    _relation_options(p)
    p.add_argument("--symmetric", action="store_true", help="A rel B means B rel A")
    p = leaf(kinds, "change", cmd_relation_change, "change a relation type")
    p.add_argument("relation", metavar="NAME")
    p.add_argument("--name", metavar="NEW")
    _relation_options(p)
    p.add_argument("--symmetric", choices=["yes", "no"])
    p = leaf(kinds, "delete", cmd_relation_delete, "delete a relation type no link carries")
    p.add_argument("relation", metavar="NAME")


def _relation_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--direction", metavar="OneWay|Bidirectional|Associative")
    p.add_argument("--colour", metavar="#RRGGBB")
    p.add_argument("--line-style", dest="line_style", metavar="solid|dashed|dotted")


# -- networks --------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        found = project.networks.add(args.name, args.description)
        if args.json:
            print_json(found)
        else:
            print(f"Network {found.name} (id {found.id}).")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        found = project.networks.all()
        if args.json:
            print_json(found)
            return 0
        print(text_table([[n.id, n.name, n.nodes, n.description] for n in found],
                         ["id", "name", "nodes", "description"]))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        view = project.networks.show(args.name)
        if args.json:
            print_json(view.as_dict())
            return 0
        print(f"{view.network.name} (id {view.network.id}): {len(view.nodes)} nodes, "
              f"{len(view.links)} links")
        for n in view.nodes:
            grounded = f" {{{n.groundedness}}}" if n.kind == "code" else ""
            print(f"  node {n.id} {n.ref}{grounded}: {n.label} at ({n.x}, {n.y})")
        labels = {n.id: n.label for n in view.nodes}
        for x in view.links:
            print(f"  {labels[x.source]} —{x.relation}→ {labels[x.target]}"
                  f"{' (codes)' if x.kind == 'code' else ''}  {x.uuid}")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        found = project.networks.rename(args.name, args.new)
        print(f"Network {found.name} (id {found.id}).")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        found = project.networks.get(args.name)
        project.networks.delete(found.id)
        print(f"Deleted network {found.name}.")
    return 0


def cmd_node(args: argparse.Namespace) -> int:
    if (args.x is None) != (args.y is None):
        raise BadInput("Give both --x and --y, or neither.")
    with open_project(args) as project:
        node = project.networks.add_node(args.name, args.node, x=args.x, y=args.y)
        if args.json:
            print_json(node)
        else:
            print(f"Node {node.id}: {node.label} at ({node.x}, {node.y}).")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        project.networks.remove_node(args.name, args.node)
        print("Removed the node.")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        link = project.networks.link(args.name, args.source, args.relation, args.target)
        if args.json:
            print_json(link)
        else:
            what = "the codes" if link.kind == "code" else "in the network"
            print(f"Linked {what}: {link.relation} ({link.uuid}).")
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        if len(args.link) == 1:
            found = project.networks.unlink(args.name, args.link[0])
        elif len(args.link) == 3:
            source, relation, target = args.link
            found = project.networks.unlink(args.name, source=source, relation=relation,
                                            target=target)
        else:
            raise BadInput("Say which link: its UUID, or FROM RELATION TO.")
        where = " (from the codes: in every network)" if found.kind == "code" else ""
        print(f"Removed the link {found.relation}{where}.")
    return 0


def cmd_layout(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        view = project.networks.layout(args.name, method=args.method)
        print(f"Laid out {len(view.nodes)} nodes.")
    return 0


def cmd_neighbours(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        before = {n.id for n in project.networks.show(args.name).nodes}
        added = project.networks.neighbours(args.name, args.node, kinds=args.kinds,
                                            limit=args.limit)
        new = [n for n in added if n.id not in before]
        if args.json:
            print_json(new)
        else:
            print(f"Added {len(new)} neighbours.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        out = project.networks.export(args.name, args.out)
        print(f"Wrote {out}.")
    return 0


# -- relation types ----------------------------------------------------------------------


def cmd_relations(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        found = project.networks.relations()
        if args.json:
            print_json(found)
            return 0
        print(text_table([[r.id, r.name, r.direction, "yes" if r.symmetric else "no", r.colour,
                           r.line_style] for r in found],
                         ["id", "name", "direction", "symmetric", "colour", "line"]))
    return 0


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    out = {k: getattr(args, k) for k in ("direction", "colour", "line_style")
           if getattr(args, k, None) is not None}
    return out


def cmd_relation_add(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        found = project.networks.add_relation(args.relation, symmetric=args.symmetric,
                                              **_changes(args))
        print(f"Relation {found.name} (id {found.id}).")
    return 0


def cmd_relation_change(args: argparse.Namespace) -> int:
    changes = _changes(args)
    if args.name is not None:
        changes["name"] = args.name
    if args.symmetric is not None:
        changes["symmetric"] = args.symmetric == "yes"
    if not changes:
        raise BadInput("Nothing to change: give --name, --direction, --symmetric, --colour "
                       "or --line-style.")
    with open_project(args) as project:
        found = project.networks.change_relation(args.relation, **changes)
        print(f"Relation {found.name} (id {found.id}).")
    return 0


def cmd_relation_delete(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        found = project.networks.relation(args.relation)
        project.networks.delete_relation(found.id)
        print(f"Deleted relation {found.name}.")
    return 0
