"""Subcommands for search: ``search``, ``reindex``, ``saved-search`` and ``code-hits``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldkit.cli.common import (
    add_coder_option,
    add_json_option,
    add_project_option,
    open_project,
    print_json,
    progress_bar,
    table,
    whole_number,
)
from fieldkit.core.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    def command(parent: Any, name: str, run: Any, help: str) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help, description=help)
        add_project_option(p)
        p.set_defaults(run=run)
        return p

    p = command(sub, "search", cmd_search,
                "search the project (words, \"phrases\", prefix*, OR, -word, NEAR, filters)")
    p.add_argument("query", nargs="+", help="the search; see docs/search.md")
    p.add_argument("--limit", type=whole_number, default=20,
                   help="how many hits to show (default 20)")
    add_json_option(p)

    command(sub, "reindex", cmd_reindex, "rebuild the search index from the project's texts")

    p = command(sub, "code-hits", cmd_code_hits,
                "apply a code to every hit of a search, in one undoable step")
    p.add_argument("query")
    p.add_argument("code", help="id, UUID or path of the code")
    p.add_argument("--scope", choices=("hit", "turn", "paragraph"), default="hit",
                   help="code the matched words, the speaker turn or the line around each hit")
    add_coder_option(p)
    add_json_option(p)

    saved = sub.add_parser("saved-search", help="keep, list, run and delete named searches",
                           description="keep, list, run and delete named searches")
    add_project_option(saved)
    saved.set_defaults(run=lambda args: _usage(saved))
    inner = saved.add_subparsers(dest="action", metavar="ACTION")
    p = command(inner, "save", cmd_saved_save, "keep a search under a name")
    p.add_argument("name")
    p.add_argument("query")
    add_json_option(p)
    p = command(inner, "list", cmd_saved_list, "the saved searches")
    add_json_option(p)
    p = command(inner, "run", cmd_saved_run, "run a saved search")
    p.add_argument("name")
    p.add_argument("--limit", type=whole_number, default=20)
    add_json_option(p)
    p = command(inner, "delete", cmd_saved_delete, "forget a saved search")
    p.add_argument("name")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _limit(value: int) -> int:
    if value < 1:
        raise BadInput("--limit must be 1 or more.")
    return value


def _print_result(result: Any, as_json: bool) -> None:
    if as_json:
        print_json(result)
        return
    if result.note:
        print(f"Note: {result.note}", file=sys.stderr)
    shown = len(result.hits)
    print(f"{result.total} hit(s)" + (f", the best {shown} shown" if shown < result.total
                                      else ""))
    for hit in result.hits:
        where = " · ".join(x for x in (hit.site, hit.visit, hit.speaker) if x)
        ref = f"doc {hit.document_id} {hit.start}-{hit.end}" if hit.document_id \
            else f"code {hit.code_id}"
        if hit.page is not None:
            ref += f", p. {hit.page}"
        print(f"\n[{ref}] {hit.title} ({hit.field}{', ' + where if where else ''})")
        print(f"    {hit.snippet.strip()}")


def cmd_search(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        _print_result(project.search(" ".join(args.query), limit=_limit(args.limit)),
                      args.json)
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        count = project.index.reindex(progress_bar("Indexing"))
    print(f"Indexed {count} texts.")
    return 0


def cmd_code_hits(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        result = project.search(args.query, limit=1)
        made = project.index.code_hits(args.query, args.code, scope=args.scope)
    if args.json:
        print_json({"codings": made, "note": result.note})
    else:
        if result.note:
            print(f"Note: {result.note}", file=sys.stderr)
        print(f"Made {made} coding(s).")
    return 0


def cmd_saved_save(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        saved = project.index.save_search(args.name, args.query)
    if args.json:
        print_json(saved)
    else:
        print(f"Saved search {saved.name!r}: {saved.query}")
    return 0


def cmd_saved_list(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        found = project.index.saved_searches()
    if args.json:
        print_json(found)
    elif found:
        print(table([[s.id, s.name, s.query] for s in found], ["id", "name", "query"]))
    else:
        print("No saved searches.")
    return 0


def cmd_saved_run(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        result = project.index.run_saved_search(args.name, limit=_limit(args.limit))
    _print_result(result, args.json)
    return 0


def cmd_saved_delete(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        gone = project.index.delete_saved_search(args.name)
    print(f"Deleted saved search {gone.name!r}.")
    return 0
