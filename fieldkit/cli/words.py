"""``fieldkit words`` (word frequencies, keyness, a word cloud) and ``fieldkit stopwords``."""

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
    p.add_argument("--top", type=whole_number, default=50, metavar="N",
                   help="how many words (default 50)")
    p.add_argument("--min-length", type=whole_number, default=3, metavar="N",
                   help="leave out words shorter than N letters (default 3)")
    p.add_argument("--compare", metavar="GROUP",
                   help="compare with another group by log-likelihood: rest, site:NAME, "
                        "code:CODE, speaker:NAME or set:NAME")
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


def _selection(args: argparse.Namespace) -> dict[str, Any]:
    return {"site": args.site, "document_set": args.document_set, "code": args.code,
            "speaker": args.speaker}


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
