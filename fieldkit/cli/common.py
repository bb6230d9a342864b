"""Shared pieces of the command line: the project option, JSON output, a progress bar."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NoReturn

from fieldkit.core.errors import BadInput
from fieldkit.core.progress import Progress


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr with exit code 2."""

    commands: Mapping[str, argparse.ArgumentParser] = {}  # the subcommands' parsers, by name

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"fieldkit: {message} (see '{self.prog} --help').\n")


def free_text_words(parser: Parser, argv: list[str], commands: tuple[str, ...]) -> list[str]:
    """``argv`` with the words of a free-text command that start with one "-" (``-word``)
    moved behind a "--", so argparse takes them as words and not as unknown options."""
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "--":
        i += 2 if argv[i] in ("-p", "--project") else 1
    if i >= len(argv) or argv[i] not in commands:
        return argv
    known = parser.commands[argv[i]]._option_string_actions
    options: list[str] = []
    words: list[str] = []
    rest = argv[i + 1:]
    j = 0
    while j < len(rest):
        token = rest[j]
        if token == "--":
            words += rest[j + 1:]
            break
        action = known.get(token.split("=", 1)[0]) if token.startswith("-") else None
        if action is not None or token.startswith("--"):  # an option, known or mistyped
            options.append(token)
            if action is not None and action.nargs != 0 and "=" not in token \
                    and j + 1 < len(rest):
                options.append(rest[j + 1])
                j += 1
        else:
            words.append(token)
        j += 1
    if not any(w.startswith("-") for w in words):
        return argv
    return [*argv[:i + 1], *options, "--", *words]


#: The largest whole number the database can hold (SQLite integers are signed 64-bit).
LARGEST = 2**63 - 1


def whole_number(text: str) -> int:
    """An argparse type: a whole number that fits the database."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if abs(value) > LARGEST:
        raise argparse.ArgumentTypeError(f"{text} is too large a number")
    return value


def add_project_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # On subcommands the default is SUPPRESS so that `-p` given before the subcommand survives.
    parser.add_argument(
        "-p", "--project", metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the project folder (default: $FIELDKIT_PROJECT)",
    )


def add_command(sub: argparse._SubParsersAction, name: str, run: Any,
                help: str) -> argparse.ArgumentParser:
    """A subcommand that takes -p/--project and runs ``run(args)``."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
    add_project_option(parser)
    parser.set_defaults(run=run)
    return parser


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def add_coder_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--coder", metavar="NAME", help="who does this (default: current coder)")


def project_path(args: argparse.Namespace) -> str:
    """The project the command works on; an encrypted one is unlocked here (its passphrase
    from ``FIELDKIT_PASSPHRASE``, the keyring or the terminal: ``cli.encryption``)."""
    from fieldkit.cli.encryption import unlock

    path = getattr(args, "project", None) or os.environ.get("FIELDKIT_PROJECT")
    if not path:
        raise BadInput("Which project? Give -p/--project PATH or set FIELDKIT_PROJECT.")
    unlock(path)
    return str(path)


@contextmanager
def open_project(args: argparse.Namespace, *, readonly: bool = False) -> Iterator[Any]:
    from fieldkit.project import Project

    project = Project.open(project_path(args), readonly=readonly)
    try:
        coder = getattr(args, "coder", None)
        if coder:
            project.set_coder(coder, remember=False)
        yield project
        if project.backup_warning:
            print(f"fieldkit: the automatic backup failed: {project.backup_warning}",
                  file=sys.stderr)
    finally:
        project.close()


def plain(value: Any) -> Any:
    """Domain objects to JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def print_json(value: Any) -> None:
    json.dump(plain(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def progress_bar(label: str) -> Progress:
    """A progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return Progress.silent()

    def report(done: int, total: int, message: str) -> None:
        width = 30
        filled = int(width * done / total) if total else 0
        line = f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message[:40]}"
        sys.stderr.write(line.ljust(100)[:100])
        if total and done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return Progress(report)


def table(rows: list[list[Any]], headers: list[str]) -> str:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def help_of(parser: argparse.ArgumentParser) -> Any:
    """A command group without an action (``fieldkit cases``): its help, exit code 2."""
    def run(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2
    return run


def leaf(actions: argparse._SubParsersAction, name: str, run: Any,
         help: str) -> argparse.ArgumentParser:
    """An action of a command group, with its ``--project`` option, run by ``run``."""
    parser: argparse.ArgumentParser = actions.add_parser(name, help=help, description=help)
    add_project_option(parser)
    parser.set_defaults(run=run)
    return parser
