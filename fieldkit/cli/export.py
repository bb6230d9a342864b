"""Subcommands for reports and exchange: ``export docx|xlsx|csv|qdpx`` and ``import-qdpx``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldkit.cli.common import add_project_option, open_project, progress_bar
from fieldkit.cli.pseudonym_options import (
    add_pseudonym_options,
    print_warnings,
    pseudonym_options,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export coded segments, tables or the whole project",
                       description="export coded segments, tables or the whole project")
    add_project_option(p)
    kinds = p.add_subparsers(dest="export_kind", metavar="FORMAT", required=True)

    def kind(name: str, run: Any, help: str) -> argparse.ArgumentParser:
        k = kinds.add_parser(name, help=help, description=help)
        add_project_option(k)
        k.set_defaults(run=run)
        return k

    k = kind("docx", cmd_docx, "coded segments per code as a Word report")
    k.add_argument("out", metavar="OUT.docx")
    k.add_argument("--code", action="append", metavar="CODE",
                   help="only this code and its sub-codes (repeatable)")
    k.add_argument("--coder", metavar="NAME", help="only this coder's codings")
    k.add_argument("--site", metavar="SITE", help="only documents of this site")
    add_pseudonym_options(k)
    k.add_argument("--annotated", metavar="DOC",
                   help="instead: this document's full text with each coding as a comment")
    k.add_argument("--chart", action="append", metavar="NAME", default=[],
                   help="add a chart: sites, months, bars, relations or words (a word cloud; "
                        "repeatable)")
    k.add_argument("--by-case", action="store_true",
                   help="group the report by case: a part per case with its codes' segments")
    k.add_argument("--network", action="append", metavar="NAME", default=[],
                   help="add a network: its picture and its links in words (repeatable)")
    _set_options(k)

    k = kind("xlsx", cmd_xlsx, "segments, codebook, counts and ESM answers as an Excel workbook")
    k.add_argument("out", metavar="OUT.xlsx")
    _set_options(k)
    add_pseudonym_options(k)
    k = kind("csv", cmd_csv, "the same tables as CSV files in a folder")
    k.add_argument("outdir", metavar="OUTDIR")
    add_pseudonym_options(k)
    k = kind("qdpx", cmd_qdpx, "the whole project as REFI-QDA (ATLAS.ti, NVivo, MAXQDA, ...)")
    k.add_argument("out", metavar="OUT.qdpx")
    add_pseudonym_options(k)

    p = sub.add_parser("import-qdpx", help="a new project from a REFI-QDA project (.qdpx)",
                       description="a new project from a REFI-QDA project (.qdpx)")
    add_project_option(p)
    p.add_argument("file", metavar="FILE.qdpx")
    p.add_argument("path", metavar="PATH", help="the new project folder")
    p.set_defaults(run=cmd_import_qdpx)


def cmd_docx(args: argparse.Namespace) -> int:
    names = pseudonym_options(args)
    warnings: list[str] = []
    with open_project(args, readonly=True) as project:
        out = project.exports.docx(
            args.out, codes=args.code, coder=args.coder, site=args.site, **names,
            annotated_document=args.annotated, progress=progress_bar("Word"),
            codings=_chosen(project, args), warnings=warnings, charts=args.chart,
            by_case=args.by_case, networks=args.network)
    print_warnings(warnings)
    print(f"Wrote {out}")
    return 0


def _set_options(k: argparse.ArgumentParser) -> None:
    k.add_argument("--set", dest="document_set", metavar="SET",
                   help="only the documents of this document set")
    k.add_argument("--code-set", metavar="SET", help="only the codes of this code set")
    k.add_argument("--where", metavar="CONDITION",
                   help="only codings whose attribute values satisfy it, e.g. "
                        "'afdeling = Lasserij and jaren_in_dienst < 5'")


def _chosen(project: Any, args: argparse.Namespace) -> list[int] | None:
    """The codings the set options and ``--where`` leave (None: no such option given)."""
    from fieldkit.operations.retrieval import SegmentQuery

    chosen = project.sets.coding_ids(args.document_set, args.code_set)
    if not args.where:
        return chosen  # type: ignore[no-any-return]
    kept = [c.id for c in project.retrieval.segments(SegmentQuery(where=args.where),
                                                     light=True)]
    return kept if chosen is None else sorted(set(kept) & set(chosen))


def cmd_xlsx(args: argparse.Namespace) -> int:
    names = pseudonym_options(args)
    warnings: list[str] = []
    with open_project(args, readonly=True) as project:
        out = project.exports.xlsx(args.out, progress=progress_bar("Excel"),
                                  codings=_chosen(project, args),
                                  warnings=warnings, **names)
    print_warnings(warnings)
    print(f"Wrote {out}")
    return 0


def cmd_csv(args: argparse.Namespace) -> int:
    names = pseudonym_options(args)
    warnings: list[str] = []
    with open_project(args, readonly=True) as project:
        written = project.exports.csv(args.outdir, progress=progress_bar("CSV"),
                                     warnings=warnings, **names)
    print_warnings(warnings)
    print(f"Wrote {len(written)} files to {args.outdir}")
    return 0


def cmd_qdpx(args: argparse.Namespace) -> int:
    names = pseudonym_options(args)
    warnings: list[str] = []
    with open_project(args, readonly=True) as project:
        out = project.exports.qdpx(args.out, progress=progress_bar("REFI-QDA"),
                                  warnings=warnings, **names)
    print_warnings(warnings)
    print(f"Wrote {out}")
    return 0


def cmd_import_qdpx(args: argparse.Namespace) -> int:
    from fieldkit.project import Project

    project = Project.import_qdpx(args.file, args.path, progress=progress_bar("Import"))
    try:
        for warning in getattr(project, "import_warnings", []):
            print(f"warning: {warning}", file=sys.stderr)
        print(f"Created {project.path}: {len(project.codebook().codes)} codes, "
              f"{len(project.documents())} documents, {len(project.codings())} codings.")
    finally:
        project.close()
    return 0
