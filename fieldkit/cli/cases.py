"""Subcommands ``cases`` and ``attributes``: units of analysis and their typed attributes.

``fieldkit cases add NAME [--documents ID ...] [--speaker NAME] [--description T]``,
``cases list|show|delete|from-participants``; ``fieldkit attributes list``, ``define NAME
--type T [--choices a,b]``, ``set TARGET NAME VALUE``, ``import TABLE --key COLUMN [--to
cases|documents]``, ``export TABLE.xlsx``. Read commands take ``--json``.
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
from fieldkit.core.attributes import TYPES, display


def register(sub: argparse._SubParsersAction) -> None:
    _register_cases(sub)
    _register_attributes(sub)




def _register_cases(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser("cases", help="cases: units of analysis (a worker, a team, a plant)",
                         description="cases: units of analysis that group documents and "
                         "parts of documents")
    add_project_option(top)
    top.set_defaults(run=help_of(top))
    actions = top.add_subparsers(dest="action", metavar="ACTION")
    p = leaf(actions, "add", cmd_cases_add, "a new case, of whole documents or of one "
              "speaker's turns")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--documents", nargs="+", default=[], metavar="ID",
                   help="documents in the case (with --speaker: where to find the turns)")
    p.add_argument("--speaker", metavar="NAME",
                   help="this speaker's turns (in every transcript unless --documents)")
    p.add_argument("--description", default="", metavar="T")
    add_json_option(p)
    p = leaf(actions, "list", cmd_cases_list, "every case with its attributes and members")
    add_json_option(p)
    p = leaf(actions, "show", cmd_cases_show, "one case: attributes, documents, parts")
    p.add_argument("name", metavar="NAME")
    add_json_option(p)
    p = leaf(actions, "delete", cmd_cases_delete, "delete a case (its documents stay)")
    p.add_argument("name", metavar="NAME")
    p = leaf(actions, "from-participants", cmd_cases_from_participants,
              "one case per participant not in a case yet")
    add_json_option(p)


def _register_attributes(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser("attributes", help="typed attributes of cases and documents",
                         description="typed attributes (variables) of cases and documents")
    add_project_option(top)
    top.set_defaults(run=help_of(top))
    actions = top.add_subparsers(dest="action", metavar="ACTION")
    p = leaf(actions, "list", cmd_attributes_list,
              "every attribute: its type and which cases and documents carry it")
    add_json_option(p)
    p = leaf(actions, "define", cmd_attributes_define, "define an attribute and its type")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", required=True, metavar="|".join(TYPES))
    p.add_argument("--choices", metavar="a,b", help="the closed list of a choice attribute")
    add_json_option(p)
    p = leaf(actions, "change", cmd_attributes_change,
              "change an attribute's type, choices or name (its values are converted)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", metavar="|".join(TYPES))
    p.add_argument("--choices", metavar="a,b")
    p.add_argument("--rename", metavar="NEW")
    add_json_option(p)
    p = leaf(actions, "delete", cmd_attributes_delete,
              "delete an attribute with its values on every case and document")
    p.add_argument("name", metavar="NAME")
    p = leaf(actions, "set", cmd_attributes_set,
              "set a value (\"\" clears it) of a case or document")
    p.add_argument("target", metavar="TARGET",
                   help="case:NAME, doc:ID, a case name or a document title")
    p.add_argument("name", metavar="NAME")
    p.add_argument("value", metavar="VALUE")
    p = leaf(actions, "import", cmd_attributes_import,
              "values from a CSV or xlsx table, one row per case or document")
    p.add_argument("table", metavar="TABLE")
    p.add_argument("--key", required=True, metavar="COLUMN",
                   help="the column holding case names or document titles")
    p.add_argument("--to", choices=["cases", "documents"],
                   help="what the rows are (default: what the keys name)")
    add_json_option(p)
    p = leaf(actions, "export", cmd_attributes_export,
              "the classification table: cases × attributes, documents × attributes")
    p.add_argument("out", metavar="TABLE.xlsx")


# -- cases ------------------------------------------------------------------------------


def cmd_cases_add(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        case = project.cases.add(args.name, documents=args.documents, speaker=args.speaker,
                                 description=args.description)
        if args.json:
            print_json(case)
        else:
            parts = f", {_count(len(case.parts), 'part')}" if case.parts else ""
            print(f"Case {case.name} (id {case.id}): {_count(len(case.documents), 'document')}"
                  f"{parts}.")
    return 0


def cmd_cases_list(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        found = project.cases.all()
        if args.json:
            print_json(found)
            return 0
        print(text_table([[c.id, c.name, len(c.documents), len(c.parts), len(c.participants),
                           _values(c.attributes)] for c in found],
                         ["id", "name", "documents", "parts", "participants", "attributes"]))
    return 0


def cmd_cases_show(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        case = project.cases.get(args.name)
        if args.json:
            print_json(case)
            return 0
        print(f"{case.name} (id {case.id})" + (f": {case.description}"
                                               if case.description else ""))
        for name, value in case.attributes.items():
            print(f"  {name}: {display(value)}")
        for doc in case.documents:
            print(f"  document {doc}: {project.document(doc).title}")
        for doc, start, end in case.parts:
            text = project.document(doc).text[start:end]
            short = " ".join(text.split())
            print(f"  part of document {doc} [{start}, {end}): "
                  f"{short[:60] + ('…' if len(short) > 60 else '')}")
        for person in case.participants:
            print(f"  participant {person}")
    return 0


def cmd_cases_delete(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        gone = project.cases.delete(args.name)
        print(f"Deleted case {gone.name}.")
    return 0


def cmd_cases_from_participants(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        made = project.cases.from_participants()
        if args.json:
            print_json(made)
        else:
            print(f"{len(made)} cases made from participants"
                  + (f": {', '.join(c.name for c in made)}." if made else "."))
    return 0


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _values(values: dict[str, Any]) -> str:
    return "; ".join(f"{k}={display(v)}" for k, v in values.items())


# -- attributes -------------------------------------------------------------------------


def cmd_attributes_list(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        found = project.attributes.all()
        if args.json:
            print_json(found)
            return 0
        print(text_table([[a.name, a.type + ("" if a.defined else " (not defined yet)"),
                           _short(", ".join(a.choices)), a.cases, a.documents,
                           a.participants]
                          for a in found],
                         ["name", "type", "choices", "cases", "documents", "participants"]))
    return 0


def cmd_attributes_define(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        made = project.attributes.define(args.name, args.type,
                                         (args.choices or "").split(","))
        _say_attribute(made, args.json)
    return 0


def cmd_attributes_change(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        choices = args.choices.split(",") if args.choices is not None else None
        made = project.attributes.change(args.name, type=args.type, choices=choices,
                                         rename=args.rename)
        _say_attribute(made, args.json)
    return 0


def _say_attribute(made: Any, as_json: bool) -> None:
    """An attribute just defined or changed: as JSON, or its name, type and choices."""
    if as_json:
        print_json(made)
    else:
        listed = f": {', '.join(made.choices)}" if made.choices else ""
        print(f"Attribute {made.name} ({made.type}{listed}).")


def cmd_attributes_delete(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        project.attributes.delete(args.name)
        print(f"Deleted attribute {args.name} and its values.")
    return 0


def cmd_attributes_set(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        value = project.attributes.set(args.target, args.name, args.value)
        print(f"{args.name} = {display(value)}" if value is not None
              else f"{args.name} cleared.")
    return 0


def cmd_attributes_import(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        report = project.attributes.import_table(args.table, args.key, target=args.to)
        if args.json:
            print_json(report)
            return 0
        defined = "; defined " + ", ".join(f"{n} ({t})" for n, t in report.defined.items()) \
            if report.defined else ""
        print(f"Imported {len(report.columns)} attributes of {report.rows} {report.target}: "
              f"{report.changed} changed{defined}.")
    return 0


def cmd_attributes_export(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        out = project.attributes.export_table(args.out)
        print(f"Wrote {out}.")
    return 0
