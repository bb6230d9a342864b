"""``fieldkit words`` (word frequencies, keyness, a word cloud), ``fieldkit stopwords`` and
``fieldkit autocode`` (coding by speaker, pattern, question heading or ESM question)."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import Any

from fieldkit.cli.common import (
    add_command,
    add_json_option,
    open_project,
    print_json,
    table,
    whole_number,
)
from fieldkit.cli.pseudonym_options import add_pseudonym_options, masker, print_warnings
from fieldkit.core.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)

    p = command("words", cmd_words, "word frequencies: the most frequent words (stop words "
                "left out, forms of a word together), or two groups compared")
    p.add_argument("--site", metavar="SITE", help="only this site's documents")
    p.add_argument("--set", dest="document_set", metavar="SET", help="only this document set")
    p.add_argument("--code", metavar="CODE", help="only the text of this code's segments")
    p.add_argument("--speaker", metavar="NAME", help="only the turns of this speaker")
    p.add_argument("--case", metavar="CASE",
                   help="only this case's documents and parts of documents")
    p.add_argument("--where", metavar="CONDITION",
                   help="only where the attribute values satisfy it, e.g. "
                        "'afdeling = Lasserij and jaren_in_dienst < 5'")
    p.add_argument("--top", type=whole_number, default=50, metavar="N",
                   help="how many words (default 50)")
    p.add_argument("--min-length", type=whole_number, default=3, metavar="N",
                   help="leave out words shorter than N letters (default 3)")
    p.add_argument("--compare", metavar="GROUP",
                   help="compare with another group by log-likelihood: rest, site:NAME, "
                        "code:CODE, speaker:NAME, set:NAME or case:NAME")
    add_json_option(p)
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the list to a spreadsheet")
    p.add_argument("--cloud", metavar="OUT.png|OUT.svg", help="also draw a word cloud")
    add_pseudonym_options(p)

    p = command("stopwords", cmd_stopwords, "the project's stop lists (words left out of word "
                "frequencies): show, add, remove, reset")
    p.add_argument("language", choices=["nl", "en"])
    action = p.add_mutually_exclusive_group()
    action.add_argument("--add", nargs="+", metavar="WORD", help="add words to the list")
    action.add_argument("--remove", nargs="+", metavar="WORD", help="take words off the list")
    action.add_argument("--reset", action="store_true", help="back to the list fieldkit ships")
    add_json_option(p)

    p = command("autocode", cmd_autocode, "code many segments at once (one undo step): a "
                "speaker's turns, a pattern's matches, the answers under question headings or "
                "to an ESM question; prints what is coded per document first")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--speaker", metavar="NAME", help="every turn of this speaker")
    how.add_argument("--pattern", metavar="REGEX", help="every match of a regular expression")
    how.add_argument("--structure", action="store_true",
                     help="the answer under each question heading, coded Questions/<question>")
    how.add_argument("--question", metavar="Q", help="every answer to this ESM question")
    p.add_argument("code", nargs="?", metavar="CODE", help="the code (not with --structure)")
    p.add_argument("--unit", choices=["hit", "sentence", "paragraph", "turn"], default="hit",
                   help="with --pattern: what is coded around each match (default hit)")
    p.add_argument("--case-sensitive", action="store_true",
                   help="with --pattern: tell capitals from small letters")
    p.add_argument("--heading", metavar="REGEX",
                   help="with --structure: a question heading is a line matching this "
                        "(default: a numbered question, '3. …', 'Vraag 3: …', 'Q3: …')")
    p.add_argument("--parent", default="Questions", metavar="CODE",
                   help="with --structure: the code the question codes go under")
    p.add_argument("--dry-run", action="store_true", help="only print what would be coded")
    p.add_argument("--create", action="store_true", help="make the code if it does not exist")
    p.add_argument("--coder", metavar="NAME", help="who codes (default: current coder)")
    add_json_option(p)


def _selection(args: argparse.Namespace) -> dict[str, Any]:
    return {"site": args.site, "document_set": args.document_set, "code": args.code,
            "speaker": args.speaker, "case": args.case, "where": args.where}


def _check_outputs(args: argparse.Namespace) -> None:
    if args.xlsx:
        from fieldkit.exporters.files import check_target

        check_target(args.xlsx, ".xlsx")
    if args.cloud:
        out = Path(args.cloud)
        if out.suffix.lower() not in (".png", ".svg"):
            raise BadInput(f"{out.name}: a word cloud is saved as .png or .svg.")
        if not out.parent.exists():
            raise BadInput(f"The folder {out.parent} does not exist.")


def cmd_words(args: argparse.Namespace) -> int:
    from fieldkit.exporters import analysis_tables

    _check_outputs(args)
    with open_project(args, readonly=True) as project:
        mask = masker(project, args)
        words = project.analysis.words
        if args.compare:
            found: Any = words.compare(args.compare, top=args.top, min_length=args.min_length,
                                       **_selection(args))
        else:
            found = words.frequencies(top=args.top, min_length=args.min_length,
                                      **_selection(args))
        if args.xlsx:  # a file others read: counted over the pseudonymised texts
            kept = found
            if mask:
                with mask.at("the word list"):
                    kept = (words.compare(args.compare, top=args.top, mask=mask,
                                          min_length=args.min_length, **_selection(args))
                            if args.compare else
                            words.frequencies(top=args.top, min_length=args.min_length,
                                              mask=mask, **_selection(args)))
            analysis_tables.write(analysis_tables.word_frames(kept, mask), args.xlsx,
                                  project.created, mask)
        if args.cloud:
            with mask.at("the word cloud"):
                words.cloud(top=min(args.top, 150), min_length=args.min_length, mask=mask,
                            **_selection(args)).save(args.cloud)
        print_warnings(mask.warnings())
        if args.json:
            print_json(found)
        elif args.compare:
            _print_keyness(found)
        else:
            _print_words(found)
    return 0


def _forms(variants: list[tuple[str, int]]) -> str:
    return ", ".join(f"{w} {n}" for w, n in variants[:6]) + (" …" if len(variants) > 6 else "")


def _print_words(found: Any) -> None:
    print(table([[i + 1, r.word, r.count, r.documents, f"{100 * r.share:.1f}%",
                  _forms(r.variants) if len(r.variants) > 1 else ""]
                 for i, r in enumerate(found.rows)],
                ["#", "word", "count", "documents", "share", "forms"]))
    print(f"{found.words} words counted in {found.documents} documents; "
          f"{found.distinct} different words.")


def _print_keyness(found: Any) -> None:
    print(table([[r.word, r.count_a, r.count_b, f"{r.log_likelihood:.2f}",
                  found.label_a if r.more_in == "A" else found.label_b]
                 for r in found.rows],
                ["word", "A", "B", "log-likelihood", "more in"]))
    print(f"A: {found.label_a} ({found.words_a} words in {found.documents_a} documents); "
          f"B: {found.label_b} ({found.words_b} words in {found.documents_b} documents).")


def cmd_stopwords(args: argparse.Namespace) -> int:
    changing = bool(args.add or args.remove or args.reset)
    with open_project(args, readonly=not changing) as project:
        words = project.analysis.words
        if args.add:
            found = words.add_stop_words(args.language, args.add)
        elif args.remove:
            found = words.remove_stop_words(args.language, args.remove)
        elif args.reset:
            found = words.reset_stop_words(args.language)
        else:
            found = words.stop_words(args.language)
        if args.json:
            print_json(found)
        else:
            print("\n".join(found))
    return 0


def _plan(project: Any, args: argparse.Namespace) -> Any:
    auto = project.autocode
    if args.structure:
        if args.code:
            raise BadInput("--structure names its codes after the questions; give no CODE.")
        return auto.structure(args.heading, parent=args.parent)
    if not args.code:
        raise BadInput("Which code? Give CODE after the options.")
    if args.speaker is not None:
        return auto.speaker(args.speaker, args.code)
    if args.pattern is not None:
        return auto.pattern(args.pattern, args.code, unit=args.unit,
                            ignore_case=not args.case_sensitive)
    return auto.question(args.question, args.code)


def cmd_autocode(args: argparse.Namespace) -> int:
    with open_project(args, readonly=args.dry_run) as project:
        plan = _plan(project, args)
        if plan.missing and not args.create and not args.dry_run:
            raise BadInput(f"There is no code '{plan.missing[0]}'; add it first or give "
                           "--create.")
        made = 0 if args.dry_run else project.autocode.apply(plan, create=args.create)
        if args.json:
            print_json({"label": plan.label, "rows": plan.rows, "spans": plan.spans,
                        "new": plan.new, "created_codes": [] if args.dry_run else plan.missing,
                        "coded": made, "dry_run": args.dry_run})
            return 0
        print(table([[r.document_id, r.title, r.code, len(r.spans), r.new] for r in plan.rows],
                    ["document", "title", "code", "segments", "new"]))
        print(f"{plan.spans} segments in {len({r.document_id for r in plan.rows})} documents, "
              f"{plan.new} not coded yet.")
        if plan.missing:
            print(f"{'Would make' if args.dry_run else 'Made'} the code"
                  f"{'s' if len(plan.missing) > 1 else ''} {', '.join(plan.missing)}"
                  f"{' (give --create)' if args.dry_run and not args.create else ''}.")
        if args.dry_run:
            print("Nothing was coded (--dry-run).")
        elif made:
            print(f"Coded {made} segments as one undo step: {plan.label}.")
        else:
            print("Nothing new to code.")
    return 0
