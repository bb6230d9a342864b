"""Subcommands for assisted coding: ``train``, ``suggest`` (one document, or ``--all`` uncoded
text), ``similar``. All run offline."""

from __future__ import annotations

import argparse
from functools import partial
from typing import Any

from fieldkit.cli.common import (
    add_command,
    add_json_option,
    open_project,
    plain,
    print_json,
    progress_bar,
    table,
    whole_number,
)
from fieldkit.core.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)

    p = command("train", cmd_train,
                "learn code suggestions from the project's codings (stored in the project)")
    p.add_argument("--coder", action="append", metavar="NAME", dest="learn_from",
                   help="learn from this coder's codings (repeatable; default: every coder "
                        "except the assisted ones)")
    add_json_option(p)

    p = command("suggest", cmd_suggest,
                "propose codes for the sentences of a document (or all uncoded text), learned "
                "from your codings")
    p.add_argument("doc", metavar="DOC", nargs="?",
                   help="the document (id, uuid or title); or give --all")
    p.add_argument("--all", action="store_true", dest="everywhere",
                   help="every document's uncoded sentences, most confident first")
    p.add_argument("--limit", type=whole_number, metavar="N",
                   help="with --all: only the N most confident suggestions")
    p.add_argument("--threshold", type=float, metavar="P",
                   help="least confidence to show, 0–1 (default 0.5)")
    p.add_argument("--accept", action="store_true",
                   help="accept every suggestion shown, as codings by '<you> (assisted)' "
                        "(one undo step)")
    add_json_option(p)

    p = command("similar", cmd_similar,
                "more like this: passages that read like a coded segment, not yet coded with "
                "its code")
    p.add_argument("coding", metavar="CODING")
    p.add_argument("--limit", type=whole_number, default=10, metavar="N",
                   help="how many passages (default 10)")
    add_json_option(p)


def cmd_train(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        summary = project.assist.train(args.learn_from, progress_bar("Training"))
        if args.json:
            print_json(summary)
            return 0
        print(f"Learned {len(summary.codes)} codes from {summary.codings} codings by "
              f"{', '.join(summary.coders)} and {summary.uncoded_examples} uncoded sentences "
              f"in {summary.seconds:.1f} s.")
        print(f"Held-out F1 at the default threshold: {summary.held_out_f1:.3f}")
        if summary.skipped_codes:
            print("Too few codings to learn (at least 5 needed): "
                  + ", ".join(summary.skipped_codes))
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    if (args.doc is None) == (not args.everywhere):
        raise BadInput("Give either a document or --all, not both and not neither.")
    if args.limit is not None and not args.everywhere:
        raise BadInput("--limit goes with --all (a document's suggestions are all shown).")
    with open_project(args, readonly=not args.accept) as project:
        if args.everywhere:
            found = project.assist.suggest_all(threshold=args.threshold, limit=args.limit,
                                        progress=progress_bar("Suggesting"))
        else:
            found = project.assist.suggest(args.doc, threshold=args.threshold)
        accepted = project.assist.accept_all(found) if args.accept else []
        if args.json:
            data: Any = plain(found)
            if args.accept:
                data = {"suggestions": data, "accepted": [c.id for c in accepted]}
            print_json(data)
            return 0
        if not found:
            print("No suggestions for uncoded text." if args.everywhere
                  else "No suggestions for this document.")
            return 0
        where = [[s.document_id] if args.everywhere else [] for s in found]
        print(table([[*doc, s.start, s.end, f"{s.confidence:.2f}", s.code,
                      s.quote[:50].replace("\n", " "),
                      ", ".join(str(r.coding_id) for r in s.reasons)]
                     for doc, s in zip(where, found, strict=True)],
                    (["doc"] if args.everywhere else [])
                    + ["start", "end", "conf", "code", "passage", "like codings"]))
        if args.accept:
            print(f"Accepted {len(accepted)} suggestions (undo with 'fieldkit undo').")
    return 0


def cmd_similar(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        found = project.assist.similar(args.coding, limit=args.limit)
        if args.json:
            print_json(found)
            return 0
        if not found:
            print("Nothing similar found that is not coded with this code already.")
            return 0
        print(table([[f"{p.similarity:.2f}", p.document_id, p.start, p.end,
                      p.document_title[:30], p.quote[:50].replace("\n", " ")] for p in found],
                    ["sim", "doc", "start", "end", "document", "passage"]))
    return 0
