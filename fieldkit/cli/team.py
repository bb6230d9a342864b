"""Subcommands for team work: ``coders``, ``merge``, ``merge-codes``, ``agreement``, ``blind``."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import Any

from fieldkit.cli.common import (
    add_command,
    add_json_option,
    open_project,
    plain,
    print_json,
    progress_bar,
    table,
)
from fieldkit.cli.pseudonym_options import add_pseudonym_options, print_warnings, pseudonym_options
from fieldkit.core.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)

    p = command("coders", cmd_coders, "list the coders with their numbers of codings")
    add_json_option(p)

    p = command("merge", cmd_merge,
                "bring in a colleague's copy of the project (folder or .qdpx), by UUID")
    p.add_argument("other", metavar="OTHER")
    add_json_option(p)

    p = command("merge-codes", cmd_merge_codes,
                "merge code SOURCE into TARGET (codings move, duplicates collapse)")
    p.add_argument("source")
    p.add_argument("target")
    add_json_option(p)

    p = command("agreement", cmd_agreement,
                "intercoder agreement: percent, Cohen's kappa, Krippendorff's alpha, segments")
    p.add_argument("--coders", nargs="+", required=True, metavar="NAME")
    p.add_argument("--code", action="append", metavar="CODE",
                   help="compare only this code (repeatable; default: all codes used)")
    p.add_argument("--threshold", default="0.9",
                   help="segment overlap needed for a match: above 0 and at most 1, or a "
                        "percentage such as 90%% (default 0.9)")
    p.add_argument("--code-set", metavar="SET", help="compare only the codes of this code set")
    p.add_argument("--set", dest="document_set", metavar="SET",
                   help="compare only the documents of this document set")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the report to a spreadsheet")
    p.add_argument("--time", action="store_true",
                   help="compare time codings of recordings, in milliseconds")
    p.add_argument("--by", metavar="case|attribute:NAME",
                   help="one report per case, or per value of an attribute, each over that "
                        "group's documents alone")
    add_json_option(p)
    add_pseudonym_options(p)  # for --xlsx

    p = command("blind", cmd_blind, "export only one coder's codings to an xlsx (blind review)")
    p.add_argument("coder")
    p.add_argument("out", metavar="OUT.xlsx")
    add_pseudonym_options(p)


def cmd_coders(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        coders = project.coder_summaries()
        if args.json:
            print_json(coders)
        else:
            print(table([[c.name, c.codings, "*" if c.current else ""] for c in coders],
                        ["coder", "codings", "current"]))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from fieldkit.cli.encryption import unlock

    with open_project(args) as project:
        if Path(args.other).is_dir():
            unlock(args.other)  # a colleague's encrypted copy: its own passphrase
        summary = project.merge.project(args.other, progress_bar("Merging"))
        if args.json:
            data: dict[str, Any] = {"added": summary.added, "changed": summary.changed}
            print_json({**plain(summary), **data})
        else:
            print("\n".join(summary.lines()))
    return 0


def cmd_merge_codes(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        source, target = project.code(args.source), project.code(args.target)
        source_path, target_path = project.code_path(source), project.code_path(target)
        moved = project.merge.codes(source.id, target.id)
        if args.json:
            print_json({"source": source_path, "target": target_path, "moved": moved})
        else:
            print(f"Merged '{source_path}' into '{target_path}': {moved} codings moved.")
    return 0


def _threshold(text: str) -> float:
    """A share in (0, 1], or a percentage written with "%" ("90%"); nothing in between."""
    written = text.strip()
    try:
        value = float(written.removesuffix("%"))
    except ValueError:
        value = float("nan")
    if written.endswith("%"):
        value /= 100.0
    if not 0.0 < value <= 1.0:  # also refuses nan
        raise BadInput(f"--threshold must be above 0 and at most 1, or a percentage such as "
                       f"90%, not {text}.")
    return value


def _figure(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def uncoded_note(row: dict[str, Any]) -> str:
    """Beside NVivo's κ: how many code × document cells nobody coded count as κ = 1."""
    cells = row["uncoded_cells"] + row["coded_cells"]
    return (f"{' / '.join(row['coders'])}: {row['uncoded_cells']} of {cells} code × document "
            f"cells nobody coded; each counts as κ = 1 in NVivo's average and raises it. "
            f"Over the {row['coded_cells']} coded cells only: "
            f"{_figure(row['kappa_weighted_coded'], 3)}.")


def cmd_agreement(args: argparse.Namespace) -> int:
    threshold = _threshold(args.threshold)
    with open_project(args, readonly=True) as project:
        codes = args.code
        if args.code_set:
            codes = [*(codes or []), *project.sets.members(args.code_set, "codes")]
        if args.by:
            return _agreement_by(project, args, codes, threshold)
        report = project.agreement.report(args.coders, codes=codes, threshold=threshold,
                                          document_set=args.document_set, time=args.time)
        data = project.agreement.as_dict(report)
        if args.xlsx:
            left: list[str] = []
            project.agreement.export_xlsx(report, args.xlsx, warnings=left,
                                          **pseudonym_options(args))
            print_warnings(left)
        if args.json:
            print_json(data)
            return 0
        _print_agreement(data, threshold, args.time)
        if args.xlsx:
            print(f"Written to {args.xlsx}")
    return 0


def _agreement_by(project: Any, args: argparse.Namespace, codes: list[Any] | None,
                  threshold: float) -> int:
    """``agreement --by``: one report per case or attribute value, over its documents."""
    if args.time or args.xlsx:
        raise BadInput("--by gives one report per group of documents; it does not take "
                       "--time or --xlsx.")
    found = project.agreement.report_by(args.coders, args.by, codes=codes,
                                        threshold=threshold, document_set=args.document_set)
    groups = [{"group": label, "document_ids": docs,
               "report": project.agreement.as_dict(report)} for label, docs, report in found]
    if args.json:
        print_json({"by": args.by, "groups": groups})
        return 0
    for n, group in enumerate(groups):
        if n:
            print()
        size = len(group["document_ids"])
        print(f"== {args.by.replace('attribute:', '')}: {group['group']} "
              f"({size} document{'s' if size != 1 else ''}) ==")
        _print_agreement(group["report"], threshold, False)
    return 0


def _print_agreement(data: dict[str, Any], threshold: float, time: bool) -> None:
    unit = "millisecond" if time else "character"
    print(f"{unit.capitalize()} level, worst codes first. NVivo κ: kappa per code × "
          f"document, averaged weighted by document length (NVivo's figure); pooled: kappa "
          f"and % of the summed {unit} counts (not an NVivo figure)")
    rows = [[r["code_path"] or "(all codes)", " / ".join(r["coders"]),
             _figure(r["kappa_weighted"], 3), _figure(r["kappa"], 3),
             _figure(r["percent"], 1), _figure(r["alpha"], 3)]
            for r in [*data["overall"], *data["codes"]]]
    print(table(rows, ["code", "coders", "NVivo κ", "pooled κ", "pooled agree %",
                       "alpha"]))
    for row in data["overall"]:
        print(uncoded_note(row))
    print()
    print(f"Segment level (MAXQDA, overlap ≥ {threshold:.0%}): an agreeing pair counts once")
    rows = [[" / ".join(s["coders"]), s["agreements"], s["only_a"], s["only_b"],
             _figure(s["percent"], 1),
             _figure(s["kappa"], 3) if s["kappa"] is not None else s["kappa_note"]]
            for s in data["segments"]]
    print(table(rows, ["coders", "agree (a)", "first only (b)", "second only (c)",
                       "agree %", "kappa (B–P)"]))


def cmd_blind(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        left: list[str] = []
        out = project.agreement.export_blind_xlsx(args.coder, args.out, warnings=left,
                                        **pseudonym_options(args))
        print_warnings(left)
        print(f"Codings by {args.coder} written to {out}")
    return 0
