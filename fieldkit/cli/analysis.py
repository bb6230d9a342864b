"""Subcommands of the analyst's workbench: ``relations``, ``matrix``, ``segments``, ``sets``,
``memo``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from fieldkit.cli.common import add_command, add_json_option, open_project, print_json, table
from fieldkit.cli.pseudonym_options import add_pseudonym_options, masker, print_warnings
from fieldkit.core.errors import BadInput

#: What ``memo add`` and ``memo link`` link a memo to, one option each.
MEMO_LINKS = ("document", "memo", "coding", "code")


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)

    p = command("relations", cmd_relations, "code relations: how often codes occur together")
    p.add_argument("--codes", nargs="+", metavar="CODE", help="only these codes")
    p.add_argument("--mode", nargs="+", default=["overlap"], metavar="MODE",
                   help="overlap (default), near N, turn or document")
    p.add_argument("--coefficient", action="store_true",
                   help="print the c-coefficient / Jaccard instead of counts")
    p.add_argument("--pairs", nargs=2, metavar=("CODE", "CODE"),
                   help="list the segment pairs behind one cell")
    p.add_argument("--chart", metavar="OUT.png|OUT.svg", help="also draw the matrix as a heat map")
    _filters(p)
    _outputs(p)

    p = command("matrix", cmd_matrix, "codes against documents, sites, attributes, coders, time")
    p.add_argument("--rows", default="codes", choices=["codes"])
    p.add_argument("--columns", required=True, metavar="VARIABLE",
                   help="document, site, visit, attribute:NAME, case, coder, month or week")
    p.add_argument("--codes", nargs="+", metavar="CODE", help="only these codes")
    p.add_argument("--count", default="segments", choices=["segments", "documents", "words"])
    p.add_argument("--percent", action="store_true", help="as a percentage of the column")
    p.add_argument("--cell", nargs=2, metavar=("CODE", "COLUMN"),
                   help="list the segments behind one cell (COLUMN as printed)")
    p.add_argument("--chart", metavar="OUT.png|OUT.svg",
                   help="also draw the matrix as a heat map (or bars, with --bars)")
    p.add_argument("--bars", action="store_true", help="draw --chart as grouped bars")
    _filters(p)
    _outputs(p)

    p = command("portrait", cmd_portrait, "a document portrait: the codes' colours through "
                "one document, as PNG or SVG")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("out", metavar="OUT.png|OUT.svg")
    p.add_argument("--coder", metavar="NAME", help="only this coder's codings")
    add_pseudonym_options(p)

    p = command("segments", cmd_segments, "coding query: text that satisfies a condition "
                "over codes, e.g. '\"Peer help\" AND \"Time pressure\"', 'A NOT B', 'A NEAR/10 B'")
    p.add_argument("expression", nargs="?", metavar="EXPR")
    p.add_argument("--text", metavar="QUERY", help="only segments holding a hit of this search")
    p.add_argument("--saved", metavar="NAME", help="run a saved query")
    p.add_argument("--save", metavar="NAME", help="keep the query with the project")
    p.add_argument("--docx", metavar="OUT.docx",
                   help="also write the segments to Word, each quoted with its citation")
    _filters(p)
    _outputs(p)

    p = command("sets", cmd_sets, "document sets and code sets: add, list, show, delete")
    p.add_argument("action", choices=["add", "list", "show", "delete"])
    p.add_argument("name", nargs="?")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--documents", nargs="+", metavar="DOC")
    source.add_argument("--codes", nargs="+", metavar="CODE")
    source.add_argument("--query", metavar="EXPR", help="the documents a coding query finds")
    source.add_argument("--attribute", metavar="NAME=VALUE",
                        help="the documents with this attribute value")
    source.add_argument("--where", metavar="CONDITION",
                        help="the documents whose attribute values satisfy it, e.g. "
                             "'afdeling = Lasserij and jaren_in_dienst < 5'")
    p.add_argument("--of", dest="condition_of", choices=["documents", "cases"],
                   default="documents",
                   help="with --where: test the documents' values (default) or the cases' "
                        "(the set holds the matching cases' documents)")
    p.add_argument("--description", default="")
    add_json_option(p)

    p = command("memo", cmd_memo, "memos: add, list, show, link, expand, export")
    p.add_argument("action", choices=["add", "list", "show", "link", "expand", "export"])
    p.add_argument("target", nargs="?", metavar="MEMO|DOC|OUT.docx")
    p.add_argument("--title")
    p.add_argument("--text")
    p.add_argument("--file", metavar="F")
    p.add_argument("--type", help="field diary, reflexive, theoretical, methodological, "
                   "code memo, or your own")
    p.add_argument("--author")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--search", metavar="WORDS", help="list: only memos holding these words")
    link = p.add_mutually_exclusive_group()
    for name in MEMO_LINKS:
        link.add_argument(f"--{name}", metavar=name.upper(), help=f"add, link: to this {name}")
    add_json_option(p)
    add_pseudonym_options(p)  # for export


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--coder", metavar="NAME", help="only this coder's codings")
    p.add_argument("--set", dest="document_set", metavar="SET", help="only this document set")
    p.add_argument("--code-set", metavar="SET", help="only the codes of this code set")
    p.add_argument("--site", metavar="SITE", help="only this site's documents")
    p.add_argument("--where", metavar="CONDITION",
                   help="only codings whose attribute values satisfy it, e.g. "
                        "'afdeling = Lasserij and jaren_in_dienst < 5'")


def _outputs(p: argparse.ArgumentParser) -> None:
    add_json_option(p)
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the result to a spreadsheet")
    add_pseudonym_options(p)


def _where(args: argparse.Namespace) -> dict[str, Any]:
    return {"coder": args.coder, "document_set": args.document_set,
            "code_set": args.code_set, "site": args.site, "where": args.where}


def _mode(words: list[str]) -> tuple[str, int | None]:
    mode = words[0].lower()
    if mode != "near":
        if len(words) > 1:
            raise BadInput(f"Mode '{mode}' takes no number.")
        return mode, None
    if len(words) != 2:
        raise BadInput("Mode near needs a number of words: --mode near N.")
    try:
        return mode, int(words[1])
    except ValueError:
        raise BadInput(f"'{words[1]}' is not a whole number of words.") from None


def _xlsx(project: Any, args: argparse.Namespace, frames: Callable[[], dict[str, Any]],
          mask: Any) -> None:
    from fieldkit.exporters import analysis_tables

    if args.xlsx:  # the frames are built (and their names replaced) only for a file
        analysis_tables.write(frames(), args.xlsx, project.created, mask)


def _check_xlsx(args: argparse.Namespace) -> None:
    if args.xlsx:
        from fieldkit.exporters.files import check_target

        check_target(args.xlsx, ".xlsx")


def cmd_relations(args: argparse.Namespace) -> int:
    from fieldkit.exporters import analysis_tables

    mode, distance = _mode(args.mode)
    _check_xlsx(args)
    _check_chart(args.chart)
    with open_project(args, readonly=True) as project:
        mask = masker(project, args)
        if args.pairs:
            pairs = project.analysis.relation_pairs(*args.pairs, mode=mode, distance=distance,
                                                    **_where(args))
            _xlsx(project, args, lambda: analysis_tables.segment_frames(
                [s for p in pairs for s in p], project, mask), mask)
            print_warnings(mask.warnings())
            if args.json:
                print_json([{"first": a, "second": b} for a, b in pairs])
            else:
                print(table([[a.document, a.coding_id, _quote(a.text), b.coding_id,
                              _quote(b.text)] for a, b in pairs],
                            ["document", "coding", "text", "coding", "text"]))
            return 0
        found = project.analysis.relations(args.codes, mode=mode, distance=distance,
                                           **_where(args))
        _xlsx(project, args, lambda: analysis_tables.relations_frames(found), mask)
        if args.chart:
            with mask.at("the chart"):
                project.analysis.chart("relations", codes=args.codes, mode=mode,
                                       distance=distance, mask=mask,
                                       **_where(args)).save(args.chart)
        print_warnings(mask.warnings())
        if args.json:
            print_json(found)
            return 0
        values = found.coefficients if args.coefficient else found.counts
        print(table([[c.path, *row] for c, row in zip(found.codes, values, strict=True)],
                    ["code", *[str(i + 1) for i in range(len(found.codes))]]))
    return 0


def cmd_matrix(args: argparse.Namespace) -> int:
    from fieldkit.exporters import analysis_tables

    _check_xlsx(args)
    _check_chart(args.chart)
    with open_project(args, readonly=True) as project:
        mask = masker(project, args)
        if args.cell:
            found = project.analysis.matrix(args.columns, codes=[args.cell[0]],
                                            **_where(args))
            labels = [str(k) for k in found.keys] + found.columns
            keys = found.keys + found.keys
            if args.cell[1] not in labels:
                raise BadInput(f"There is no column '{args.cell[1]}' "
                               f"(columns: {', '.join(found.columns)}).")
            key = keys[labels.index(args.cell[1])]
            segments = project.analysis.cell(args.cell[0], key, args.columns, **_where(args))
            _xlsx(project, args, lambda: analysis_tables.segment_frames(segments, project, mask),
                  mask)
            print_warnings(mask.warnings())
            _print_segments(segments, args.json)
            return 0
        found = project.analysis.matrix(args.columns, codes=args.codes, measure=args.count,
                                        percent=args.percent, **_where(args))
        _xlsx(project, args, lambda: analysis_tables.matrix_frames(found), mask)
        if args.chart:
            with mask.at("the chart"):
                project.analysis.chart("bars" if args.bars else "matrix", columns=args.columns,
                                       codes=args.codes, measure=args.count,
                                       percent=args.percent, mask=mask,
                                       **_where(args)).save(args.chart)
        print_warnings(mask.warnings())
        if args.json:
            print_json(found)
            return 0
        print(table([[c.path, *row] for c, row in zip(found.codes, found.values, strict=True)],
                    ["code", *found.columns]))
    return 0


def cmd_portrait(args: argparse.Namespace) -> int:
    _check_chart(args.out)
    with open_project(args, readonly=True) as project:
        mask = masker(project, args)
        with mask.at("the chart"):
            out = project.analysis.chart("portrait", document=args.doc, coder=args.coder,
                                         mask=mask).save(args.out)
        print_warnings(mask.warnings())
        print(f"Wrote {out}")
    return 0


def _check_chart(out: str | None) -> None:
    if out and Path(out).suffix.lower() not in (".png", ".svg"):
        raise BadInput(f"{Path(out).name}: a chart is saved as .png or .svg.")


def cmd_segments(args: argparse.Namespace) -> int:
    from fieldkit.exporters import analysis_tables

    _check_xlsx(args)
    if args.docx:
        from fieldkit.exporters.files import check_target

        check_target(args.docx, ".docx")
    with open_project(args, readonly=not args.save) as project:
        expression = args.expression
        if args.saved:
            expression = project.analysis.saved_query(args.saved).expression
        if not expression:
            raise BadInput("Give a query (EXPR) or --saved NAME.")
        found = project.analysis.segments(expression, text=args.text, **_where(args))
        if args.save:
            project.analysis.save_query(args.save, expression)
        mask = masker(project, args)
        _xlsx(project, args, lambda: analysis_tables.segment_frames(found, project, mask), mask)
        if args.docx:
            from fieldkit.exporters.query_report import write_query_report

            write_query_report(project, expression, found, args.docx, text=args.text,
                               masker=mask)
        print_warnings(mask.warnings())
        _print_segments(found, args.json)
    return 0


def _print_segments(found: list[Any], as_json: bool) -> None:
    if as_json:
        print_json(found)
        return
    print(table([[s.document_id, s.document[:30], s.start, s.end, s.code or "",
                  _quote(s.text)] for s in found],
                ["doc", "document", "start", "end", "code", "text"]))


def _quote(text: str) -> str:
    return text[:50].replace("\n", " ")


def cmd_sets(args: argparse.Namespace) -> int:
    if args.action == "list":
        with open_project(args, readonly=True) as project:
            found = project.sets.all()
            if args.json:
                print_json(found)
            else:
                print(table([[s.id, s.name, s.kind, len(s.members), s.description]
                             for s in found], ["id", "name", "kind", "members", "description"]))
        return 0
    if not args.name:
        raise BadInput(f"sets {args.action} needs the name of a set.")
    with open_project(args, readonly=args.action == "show") as project:
        if args.action == "show":
            found = project.sets.get(args.name)
            if args.json:
                print_json(found)
            else:
                print(f"{found.name} ({found.kind}): " + "; ".join(found.labels))
            return 0
        if args.action == "delete":
            gone = project.sets.delete(args.name)
            print(f"Deleted set {gone.name} ({len(gone.members)} {gone.kind}).")
            return 0
        made = _add_set(project, args)
        if args.json:
            print_json(made)
        else:
            print(f"Set {made.name}: {len(made.members)} {made.kind}.")
    return 0


def _add_set(project: Any, args: argparse.Namespace) -> Any:
    if args.documents:
        return project.sets.add(args.name, "documents", args.documents,
                                description=args.description)
    if args.codes:
        return project.sets.add(args.name, "codes", args.codes, description=args.description)
    if args.query:
        return project.sets.add_from_query(args.name, args.query)
    if args.attribute:
        name, eq, value = args.attribute.partition("=")
        if not eq or not name.strip():
            raise BadInput("Write --attribute NAME=VALUE.")
        return project.sets.add_from_attribute(args.name, name, value)
    if args.where:
        return project.sets.add_from_condition(args.name, args.where, kind=args.condition_of,
                                               description=args.description or None)
    raise BadInput("Say what goes in the set: --documents, --codes, --query, --attribute or "
                   "--where.")


def cmd_memo(args: argparse.Namespace) -> int:
    readonly = args.action in ("list", "show") or (args.action == "export")
    with open_project(args, readonly=readonly) as project:
        memos = project.memos
        if args.action == "list":
            found = memos.all(type=args.type, text=args.search)
            if args.json:
                print_json(found)
            else:
                print(table([[m.id, m.source, m.type, m.date, m.author, m.title[:40],
                              len(m.links)] for m in found],
                            ["id", "source", "type", "date", "author", "title", "links"]))
            return 0
        if args.action == "add":
            if not args.title:
                raise BadInput("A memo needs a title (--title).")
            text = args.text or ""
            if args.file:
                text = _read_text(args.file)
            made = memos.add(args.title, text, type=args.type or "theoretical",
                             author=args.author, date=args.date,
                             links=[(n, getattr(args, n)) for n in MEMO_LINKS
                                    if getattr(args, n)])
            _print_memo(made, args.json)
            return 0
        if not args.target:
            raise BadInput(f"memo {args.action} needs a memo, document or file.")
        if args.action == "show":
            _print_memo(memos.get(args.target), args.json)
        elif args.action == "link":
            target = next((n for n in MEMO_LINKS if getattr(args, n)), None)
            if target is None:
                raise BadInput("Link to what? Give --document, --memo, --coding or --code.")
            link = memos.link(args.target, target, getattr(args, target))
            print(f"Linked memo {args.target} to {link.target} {link.label}.")
        elif args.action == "expand":
            made = memos.expand(args.target, args.title)
            print(f"Expanded into fieldnote {made.id}: {made.title}")
        else:
            from fieldkit.exporters.memo_trail import write_memo_trail

            mask = masker(project, args)
            out = write_memo_trail(project, Path(args.target), type=args.type, masker=mask)
            print_warnings(mask.warnings())
            print(f"Wrote {out}")
    return 0


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"Could not read {path}: {error}.") from None


def _print_memo(memo: Any, as_json: bool) -> None:
    if as_json:
        print_json(memo)
        return
    print(f"{memo.id}  {memo.title}  [{memo.type}, {memo.date}, {memo.author}]")
    if memo.text:
        print(memo.text)
    for link in memo.links:
        print(f"  → {link.target} {link.target_id}: {link.label}")
