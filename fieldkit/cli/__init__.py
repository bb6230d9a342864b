"""The ``fieldkit`` command line: the facade's operations for scripts and checks.

Contract (DESIGN.md): ``-p/--project`` before or after the subcommand (or ``FIELDKIT_PROJECT``);
read commands take ``--json`` and print one JSON document; errors are one line on stderr with exit
code 2 for bad input and 1 for other failures; never a traceback for a user mistake.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from fieldkit import __version__
from fieldkit.cli import (
    analysis,
    assist,
    cases,
    common,
    encryption,
    export,
    foundation,
    networks,
    pdf,
    recordings,
    search,
    team,
    teamserver,
    words,
)
from fieldkit.core.errors import FieldkitError
from fieldkit.storage import failures, sqlengine

# Each module adds its subcommands; the order is the order of `fieldkit --help`.
MODULES = (foundation, pdf, recordings, search, export, team, teamserver, assist, analysis, words,
           cases, networks, encryption)
# Commands whose words may start with "-" (a search leaves out "-word"s) without a "--" first.
FREE_TEXT = ("search",)

# What `fieldkit` alone prints: the few commands a newcomer needs first, not all forty.
FIRST_STEPS = f"""fieldkit {__version__}: qualitative field research on the shop floor, offline.

Start here:
  fieldkit gui                       open the app: try the demo study, start or open a project
  fieldkit demo Demo.fieldkit        build the demo study (a Dutch shop-floor study) to try on
  fieldkit new Study.fieldkit        start a project of your own
  fieldkit -p Study.fieldkit import interview.docx photo.jpg    bring in your material
  fieldkit -p Study.fieldkit docs                               list what is in it
  fieldkit -p Study.fieldkit search 'kantbank operator*'        search everything

Tip: export FIELDKIT_PROJECT=Study.fieldkit (Windows: set FIELDKIT_PROJECT=...) and leave out -p.
All commands: fieldkit --help    One command: fieldkit COMMAND --help
"""


def build_parser() -> common.Parser:
    parser = common.Parser(
        prog="fieldkit",
        description="Qualitative field research on the shop floor: capture, code, search, "
        "agree, export.",
    )
    parser.add_argument("--version", action="version", version=f"fieldkit {__version__}")
    common.add_project_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(sub)
    parser.commands = sub.choices
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments and getattr(sys, "frozen", False):
        arguments = ["gui"]  # the double-clicked desktop bundle: open the app
    elif not arguments:
        print(FIRST_STEPS, end="")
        return 0
    parser = build_parser()
    args = parser.parse_args(common.free_text_words(parser, arguments, FREE_TEXT))
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except FieldkitError as error:
        print(f"fieldkit: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("fieldkit: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except sqlengine.Error + (OSError,) as exc:  # a full disk, a read-only place, a damaged file
        explained = failures.explain(exc)
        if explained is None:
            raise
        print(f"fieldkit: {explained}", file=sys.stderr)
        # A library's half-written file (openpyxl's zip) tries to close again when it is
        # collected and fails the same way; the one line above has said it all.
        sys.unraisablehook = lambda _: None
        return explained.exit_code
