"""The pseudonym options every exporting command takes, and their warnings.

``--pseudonymise`` replaces participants' real names (kept in the project beside their
pseudonyms), ``--term NAME=PSEUDONYM`` (repeatable) and ``--terms FILE`` (one ``NAME=PSEUDONYM``
a line) add names; any term implies ``--pseudonymise``. The same three options on every command
that writes a file others may read: ``export docx|xlsx|csv|qdpx``, ``codebook export``,
``segments --docx/--xlsx``, ``relations``/``matrix`` ``--xlsx/--chart``, ``portrait``,
``memo export``. Names still in the output after replacing are printed as warnings on stderr.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldkit.exporters.pseudonyms import Pseudonymiser


def add_pseudonym_options(p: argparse.ArgumentParser) -> None:
    """Add ``--pseudonymise``, ``--term`` and ``--terms`` to an exporting command."""
    group = p.add_argument_group("pseudonyms")
    group.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                       help="replace participants' real names by their pseudonyms")
    group.add_argument("--term", action="append", metavar="NAME=PSEUDONYM",
                       help="another name to replace (repeatable; implies --pseudonymise)")
    group.add_argument("--terms", metavar="FILE",
                       help="a file of NAME=PSEUDONYM lines to replace (implies --pseudonymise)")


def pseudonym_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options as keyword arguments of the project's export methods (checked: a bad term
    or an unreadable terms file is a one-line error before anything is written)."""
    from fieldkit.exporters.pseudonyms import parse_terms, read_terms_file

    terms = read_terms_file(args.terms) if getattr(args, "terms", None) else {}
    terms.update(parse_terms(getattr(args, "term", None)))
    return {"pseudonymise": bool(getattr(args, "pseudonymise", False)) or bool(terms),
            "terms": terms}


def masker(project: Any, args: argparse.Namespace) -> Pseudonymiser:
    """The pseudonymiser the options ask for (one that replaces nothing without them)."""
    from fieldkit.exporters.pseudonyms import masker_for

    return masker_for(project, **pseudonym_options(args))


def print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
