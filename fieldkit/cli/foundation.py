"""Subcommands of the foundation: projects, documents, codebook, coding, undo, check."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from fieldkit.cli.common import (
    add_coder_option,
    add_command,
    add_json_option,
    open_project,
    plain,
    print_json,
    progress_bar,
    project_path,
    table,
    whole_number,
)
from fieldkit.cli.pseudonym_options import add_pseudonym_options, print_warnings, pseudonym_options
from fieldkit.core.errors import BadInput
from fieldkit.core.timecode import format_ms

# add_command with the subcommands' parser filled in: (name, run, help) → the new parser
Command = Callable[[str, Any, str], argparse.ArgumentParser]


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)
    # the order is the order of `fieldkit --help`
    _register_projects(command)
    _register_documents(command)
    _register_codebook(command)
    _register_coding(command)
    _register_care(command)


def _register_projects(command: Command) -> None:
    """new, demo, gui: making a project and opening the app."""
    p = command("new", cmd_new, "create a new, empty project folder")
    p.add_argument("path")
    p.add_argument("--name")
    p.add_argument("--language", choices=("nl", "en"), default="nl")
    p.add_argument("--encrypt", action="store_true",
                   help="encrypt the project (passphrase from FIELDKIT_PASSPHRASE or asked)")
    p.add_argument("--no-recovery", action="store_true",
                   help="with --encrypt: make no recovery key")
    p.add_argument("--remember", action="store_true",
                   help="with --encrypt: remember the passphrase in this computer's keyring")

    p = command("demo", cmd_demo, "build the generated Dutch shop-floor demo study")
    p.add_argument("path")
    p.add_argument("--size", choices=("small", "large"), default="small")

    p = command("gui", cmd_gui, "open the desktop app (the welcome window if no project is given)")
    p.add_argument("path", nargs="?")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="render the window offscreen at 1440×900 to a PNG and exit")
    p.add_argument("--texts", metavar="OUT.json",
                   help="with --screenshot: also list the interface words the window shows")
    p.add_argument("--language", choices=("nl", "en"), help="interface language")


def _register_documents(command: Command) -> None:
    """import, note, docs, show, edit: bringing in, writing, listing and reading documents."""
    p = command("import", cmd_import,
                "import transcripts, recordings, photos, ESM exports, surveys and texts")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--transcript", metavar="FILE",
                   help="the transcript of the recording imported (.vtt .srt .sbv .docx .txt, "
                        "Whisper .json, noScribe .html, ELAN .eaf, oTranscribe .otr); default: "
                        "a file with the same base name")
    p.add_argument("--site")
    p.add_argument("--visit", metavar="YYYY-MM-DD")
    p.add_argument("--kind", default="auto",
                   choices=("auto", "fieldnote", "transcript", "photo", "esm", "text", "survey",
                            "pdf"))
    p.add_argument("--password", help="the password of an encrypted PDF")
    p.add_argument("--map", action="append", default=[], metavar="ROLE=COLUMN",
                   help="column mapping: ESM --map participant=user, a survey's respondent "
                        "--map case=COLUMN (repeatable)")
    p.add_argument("--per-question", action="store_true",
                   help="a survey: one document per open question (each answer a part of "
                        "its respondent's case) instead of one per respondent")
    p.add_argument("--again", action="store_true",
                   help="import files already in the project (same content) as new documents; "
                        "by default they are skipped, one line each")
    add_json_option(p)

    p = command("note", cmd_note, "write a fieldnote for a site visit")
    p.add_argument("--site", required=True)
    p.add_argument("--visit", metavar="DATE")
    p.add_argument("--title", required=True)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--text")
    g.add_argument("--file")
    add_json_option(p)

    p = command("docs", cmd_docs, "list documents")
    p.add_argument("--kind")
    p.add_argument("--site")
    add_json_option(p)

    p = command("show", cmd_show, "print one document's text and codings")
    p.add_argument("doc")
    add_json_option(p)

    p = command("edit", cmd_edit, "replace a fieldnote, memo or photo caption; codings re-anchor")
    p.add_argument("doc")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--text")
    g.add_argument("--file")
    add_json_option(p)


def _register_codebook(command: Command) -> None:
    """codebook and its actions: add, list, delete, import, export."""
    p = command("codebook", None, "manage the codebook")
    cb = p.add_subparsers(dest="codebook_command", metavar="ACTION", required=True)
    a = add_command(cb, "add", cmd_codebook_add, "add (or update) a code by its path")
    a.add_argument("path", metavar="PATH/OF/CODE")
    for field in ("colour", "definition", "inclusion", "exclusion", "example"):
        a.add_argument(f"--{field}")
    a.add_argument("--color", dest="colour", help=argparse.SUPPRESS)
    add_json_option(a)
    a = add_command(cb, "list", cmd_codebook_list, "the code tree with counts of codings")
    add_json_option(a)
    a = add_command(cb, "delete", cmd_codebook_delete,
                    "delete a code, its sub-codes and their codings")
    a.add_argument("code")
    a = add_command(cb, "import", cmd_codebook_import, "import a REFI-QDA codebook (.qdc)")
    a.add_argument("file")
    a = add_command(cb, "export", cmd_codebook_export, "export the codebook as REFI-QDA (.qdc)")
    a.add_argument("file")
    add_pseudonym_options(a)


def _register_coding(command: Command) -> None:
    """code, code-time, uncode, codings, undo, redo, coder: coding and taking it back."""
    p = command("code", cmd_code, "apply a code to [START, END) of a document (code points)")
    p.add_argument("doc")
    p.add_argument("start", type=whole_number)
    p.add_argument("end", type=whole_number)
    p.add_argument("code")
    add_coder_option(p)
    p.add_argument("--memo", default="")
    add_json_option(p)

    p = command("code-time", cmd_code_time,
                "code a stretch FROM–TO of a recording (times as HH:MM:SS(.s))")
    p.add_argument("doc")
    p.add_argument("start", metavar="FROM")
    p.add_argument("end", metavar="TO")
    p.add_argument("code")
    add_coder_option(p)
    p.add_argument("--memo", default="")
    add_json_option(p)

    p = command("uncode", cmd_uncode, "remove a coding")
    p.add_argument("coding")

    p = command("codings", cmd_codings, "list codings")
    p.add_argument("--code")
    p.add_argument("--doc")
    p.add_argument("--coder")
    p.add_argument("--where", metavar="CONDITION",
                   help="only codings whose attribute values satisfy it, e.g. "
                        "'afdeling = Lasserij and jaren_in_dienst < 5'")
    add_json_option(p)

    command("undo", cmd_undo, "undo the latest change")
    command("redo", cmd_redo, "redo the latest undone change")

    p = command("coder", cmd_coder, "show or set the current coder")
    p.add_argument("name", nargs="?")


def _register_care(command: Command) -> None:
    """check and backup (list, restore, settings): keeping the project sound."""
    p = command("check", cmd_check, "verify the project and report problems")
    p.add_argument("--fix", action="store_true",
                   help="remove media files no document uses and what interrupted work "
                        "left (half-written backups, build folders, export temporaries)")
    add_json_option(p)
    p = command("backup", cmd_backup,
                "copy the database into backups/; list, restore or set automatic backups")
    bk = p.add_subparsers(dest="backup_command", metavar="ACTION")
    a = add_command(bk, "list", cmd_backup_list, "the project's backups, newest first")
    add_json_option(a)
    a = add_command(bk, "restore", cmd_backup_restore,
                    "restore a backup into a NEW project folder (the project is not touched)")
    a.add_argument("id", metavar="ID", help="a backup id from `fieldkit backup list`")
    a.add_argument("new_path", metavar="NEW_PATH")
    a = add_command(bk, "settings", cmd_backup_settings,
                    "show or set how often backups are made automatically and how many stay")
    a.add_argument("--every", type=float, metavar="HOURS",
                   help="automatic backup when opened and the last is older (0: off)")
    a.add_argument("--keep", type=int, metavar="N", help="keep the last N (and one a day)")
    add_json_option(a)


def _read_text_arg(args: argparse.Namespace) -> str:
    if args.text is not None:
        return str(args.text)
    from fieldkit.importers.common import read_bytes
    from fieldkit.importers.textfile import decode_text

    path = Path(args.file)
    if str(path) == "-":
        return sys.stdin.read()
    if not os.path.lexists(path):
        raise BadInput(f"{path} does not exist.")
    return decode_text(read_bytes(path), path.name)


def cmd_new(args: argparse.Namespace) -> int:
    from fieldkit.project import Project

    if not args.encrypt:
        with Project.create(args.path, name=args.name, language=args.language) as project:
            print(f"Created {project.name} in {project.path}")
        return 0
    from fieldkit.cli import encryption as cli_encryption
    from fieldkit.operations import encryption

    passphrase = cli_encryption.new_passphrase(encryption.ENV)
    with Project.create(args.path, name=args.name, language=args.language,
                        passphrase=passphrase, recovery=not args.no_recovery) as project:
        print(f"Created {project.name} in {project.path}, encrypted.")
        cli_encryption.print_recovery(project.recovery_key)
        cli_encryption._remember(project.path, passphrase, args.remember)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from fieldkit.demobuild import build_demo

    project = build_demo(args.path, size=args.size, progress=progress_bar("Building demo"))
    with project:
        docs = len(project.documents())
        codings = sum(project.coding_counts().values())
        print(f"Built the demo study in {project.path}: {docs} documents, {codings} codings")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from fieldkit.gui_launcher import launch

    if args.texts and not args.screenshot:
        raise BadInput("--texts goes with --screenshot (it lists what the screenshot shows).")
    return launch(args.path or getattr(args, "project", None), screenshot=args.screenshot,
                  language=args.language, texts=args.texts)


def cmd_import(args: argparse.Namespace) -> int:
    mapping: dict[str, str] = {}
    for item in args.map:
        role, sep, column = item.partition("=")
        if not sep or not role.strip() or not column.strip():
            raise BadInput(f"--map takes ROLE=COLUMN, not '{item}'.")
        mapping[role.strip()] = column.strip()
    if args.per_question:
        mapping["per"] = "question"
    with open_project(args) as project:
        docs = project.imports.files(
            args.files, site=args.site, visit=args.visit, kind=args.kind,
            mapping=mapping or None, progress=progress_bar("Importing"),
            transcript=args.transcript, duplicates="again" if args.again else "skip",
            password=args.password)
        for warning in project.imports.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for same in project.imports.skipped:
            print(f"skipped: {same.describe()}", file=sys.stderr)
        if project.imports.skipped and not docs:
            raise BadInput("Nothing was imported: every file is already in the project "
                           "(--again imports them anyway).")
        if args.json:
            print_json([{"id": d.id, "uuid": d.uuid, "kind": d.kind, "title": d.title,
                         "chars": len(d.text)} for d in docs])
        else:
            for d in docs:
                print(f"{d.id}\t{d.kind}\t{d.title}")
            print(f"Imported {len(docs)} document{'s' if len(docs) != 1 else ''}.")
            for survey in project.imports.surveys:
                print(survey.describe())
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    text = _read_text_arg(args)
    with open_project(args) as project:
        doc = project.add_note(site=args.site, visit=args.visit, title=args.title, text=text)
        if args.json:
            print_json({"id": doc.id, "uuid": doc.uuid, "title": doc.title})
        else:
            print(f"Saved note {doc.id}: {doc.title}")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        docs = project.documents(kind=args.kind, site=args.site)
        if args.json:
            print_json(docs)
        else:
            print(table([[d.id, d.kind, d.title[:50], d.site, d.visit,
                          format_ms(d.duration_ms) if d.duration_ms is not None else d.chars,
                          d.codings] for d in docs],
                        ["id", "kind", "title", "site", "visit", "chars/time", "codings"]))
    return 0


def _coding_json(project: Any, coding: Any, paths: dict[int, str]) -> dict[str, Any]:
    data = plain(coding)
    data["code"] = paths.get(coding.code_id, "")
    data["coder"] = project.coder_name(coding.coder_id)
    return dict(data)


def cmd_show(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        doc = project.document(args.doc)
        codings = project.codings(doc=doc.id)
        book = project.codebook()
        paths = {cid: book.path(cid) for cid in book.codes}
        if args.json:
            data = plain(doc)
            data["turns"] = plain(project.turns(doc.id))
            data["codings"] = [_coding_json(project, c, paths) for c in codings]
            if project.recordings.has_recording(doc.id):
                data["recording"] = plain(project.recordings.recording(doc.id))
                data["segments"] = plain(project.recordings.segments(doc.id))
            if doc.kind == "pdf":
                data["pdf"] = plain(project.pdfs.info(doc.id))
                data["pages"] = plain(project.pdfs.pages(doc.id))
            print_json(data)
        else:
            print(f"# {doc.title}  ({doc.kind}, id {doc.id})")
            print(doc.text)
            if codings:
                print("\n# codings")
                print(table([[c.id, c.start, c.end, paths.get(c.code_id),
                              project.coder_name(c.coder_id), c.quote[:40].replace("\n", " ")]
                             for c in codings],
                            ["id", "start", "end", "code", "coder", "quote"]))
            if project.recordings.has_recording(doc.id):
                _print_recording(project, doc.id, paths)
    return 0


def _print_recording(project: Any, doc_id: int, paths: dict[int, str]) -> None:
    rec = project.recordings.recording(doc_id)
    kind = "video" if rec.video else "audio"
    print(f"\n# recording: {kind}, {format_ms(rec.duration_ms)}, {rec.format}"
          + (f", recorded {rec.recorded}" if rec.recorded else ""))
    segments = project.recordings.segments(doc_id)
    if segments:
        print("\n# time-coded segments")
        print(table([[format_ms(s.start_ms), format_ms(s.end_ms), s.speaker,
                      s.text[:60].replace("\n", " ")] for s in segments],
                    ["from", "to", "speaker", "text"]))
    timed = project.recordings.time_codings(doc_id)
    if timed:
        print("\n# time codings")
        print(table([[c.id, format_ms(c.start_ms), format_ms(c.end_ms), paths.get(c.code_id),
                      project.coder_name(c.coder_id)] for c in timed],
                    ["id", "from", "to", "code", "coder"]))


def cmd_edit(args: argparse.Namespace) -> int:
    text = _read_text_arg(args)
    with open_project(args) as project:
        report = project.edit_text(args.doc, text)
        if args.json:
            print_json(report)
        else:
            print(f"Saved. Codings: {report.kept} in place, {report.moved} moved with their "
                  f"text, {report.orphaned} orphaned (their words were deleted).")
    return 0


def cmd_codebook_add(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        code = project.add_code(
            args.path, colour=args.colour, definition=args.definition or "",
            inclusion=args.inclusion or "", exclusion=args.exclusion or "",
            example=args.example or "")
        if args.json:
            print_json({**plain(code), "path": project.code_path(code)})
        else:
            print(f"{code.id}\t{project.code_path(code)}\t{code.colour}")
    return 0


def cmd_codebook_list(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        book = project.codebook()
        counts = project.coding_counts()
        if args.json:
            def node(n: Any) -> dict[str, Any]:
                return {**plain(n.code), "path": book.path(n.code.id), "codings": n.count,
                        "total": n.total, "children": [node(c) for c in n.children]}

            print_json([node(n) for n in book.tree(counts)])
        else:
            for depth, code in book.walk():
                print(f"{'  ' * depth}{code.name}  [{counts.get(code.id, 0)}]  "
                      f"(id {code.id}, {code.colour})")
    return 0


def cmd_codebook_delete(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        gone = project.delete_code(args.code)
        print(f"Deleted; {gone} coding{'s' if gone != 1 else ''} went with it "
              "(fieldkit undo brings them back).")
    return 0


def cmd_codebook_import(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        summary = project.imports.codebook(args.file)
        print(summary)
    return 0


def cmd_codebook_export(args: argparse.Namespace) -> int:
    names = pseudonym_options(args)
    warnings: list[str] = []
    with open_project(args, readonly=True) as project:
        out = project.exports.codebook(args.file, warnings=warnings, **names)
    print_warnings(warnings)
    print(f"Wrote {out}")
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        coding = project.code_text(args.doc, args.start, args.end, args.code, memo=args.memo)
        _print_coding(project, coding, args.json, f"\u201c{coding.quote[:60]}\u201d")
    return 0


def _print_coding(project: Any, coding: Any, as_json: bool, what: str) -> None:
    if as_json:
        book = project.codebook()
        print_json(_coding_json(project, coding, {coding.code_id: book.path(coding.code_id)}))
    else:
        print(f"Coding {coding.id}: {what}")


def cmd_code_time(args: argparse.Namespace) -> int:
    from fieldkit.core.timecode import parse_ms

    start, end = parse_ms(args.start), parse_ms(args.end)
    with open_project(args) as project:
        coding = project.recordings.code_time(args.doc, start, end, args.code, memo=args.memo)
        _print_coding(project, coding, args.json,
                      f"{format_ms(coding.start_ms)}–{format_ms(coding.end_ms)}")
    return 0


def cmd_uncode(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        coding = project.uncode(args.coding)
        print(f"Removed coding {coding.id}.")
    return 0


def cmd_codings(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        codings = project.codings(code=args.code, doc=args.doc, coder=args.coder)
        if args.where:
            from fieldkit.operations.retrieval import SegmentQuery

            kept = {c.id for c in project.retrieval.segments(SegmentQuery(where=args.where),
                                                             light=True)}
            codings = [c for c in codings if c.id in kept]
        book = project.codebook()
        paths = {cid: book.path(cid) for cid in book.codes}
        cite = project.retrieval.citations()
        if args.json:
            print_json([{**_coding_json(project, c, paths), "citation": cite.of(c).place(),
                         "page": cite.of(c).page} for c in codings])
        else:
            print(table([[c.id, c.document_id, cite.of(c).place(), paths.get(c.code_id),
                          project.coder_name(c.coder_id), c.quote[:40].replace("\n", " ")]
                         for c in codings],
                        ["id", "doc", "where", "code", "coder", "quote"]))
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        done = project.undo()
        print(f"Undone: {done.label}" if done else "Nothing to undo.")
    return 0


def cmd_redo(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        done = project.redo()
        print(f"Redone: {done.label}" if done else "Nothing to redo.")
    return 0


def cmd_coder(args: argparse.Namespace) -> int:
    with open_project(args, readonly=not args.name) as project:
        if args.name:
            project.set_coder(args.name)
        print(project.coder)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from fieldkit.checks import check_folder

    if args.fix:
        from fieldkit.checks import fix

        with open_project(args) as project:
            media = len(project.unused_media())
            others = len(fix(project)) - media
        print(f"Removed {media} unused media file{'s' if media != 1 else ''}"
              + (f" and {others} other leftover{'s' if others != 1 else ''} of interrupted "
                 "work." if others else "."), file=sys.stderr if args.json else sys.stdout)
    problems = check_folder(project_path(args), progress_bar("Checking"))
    if args.json:
        print_json({"ok": not any(p.severity == "error" for p in problems),
                    "problems": problems})
    elif problems:
        for p in problems:
            print(f"{p.severity}: {p.message}")
    else:
        print("All is well: database intact, codings in their text, media files present.")
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        print(f"Backup written to {project.backups.make('manual').path}")
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    from fieldkit.operations.backups import list_backups

    found = list_backups(project_path(args))
    if args.json:
        print_json(found)
    elif not found:
        print("No backups yet (fieldkit backup makes one).")
    else:
        print(table([[b.id, b.created.replace("T", " "), b.reason, _size(b.size),
                      f"DAMAGED: {b.damaged}" if b.damaged else "ok"]
                     for b in found], ["id", "made (UTC)", "reason", "size", "state"]))
    return 0


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, n // 1024)} KB"


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from fieldkit.operations.backups import restore_backup

    done = restore_backup(project_path(args), args.id, args.new_path)
    print(f"Restored backup {done.backup.id} as a new project in {done.path} "
          f"({done.media} media file{'s' if done.media != 1 else ''}).")
    if done.missing:
        print(f"fieldkit: these media files were missing and are not in the restored "
              f"project: {', '.join(done.missing)}", file=sys.stderr)
    if done.damaged:
        print("fieldkit: these media files are not as imported and were left out of the "
              "restored project: " + "; ".join(f"{name} ({why})" for name, why in done.damaged),
              file=sys.stderr)
    return 0


def cmd_backup_settings(args: argparse.Namespace) -> int:
    changing = args.every is not None or args.keep is not None
    with open_project(args, readonly=not changing) as project:
        if changing:
            project.backups.configure(interval_hours=args.every, keep=args.keep)
        every, keep = project.backups.interval_hours, project.backups.keep
        if args.json:
            print_json({"every_hours": every, "keep": keep})
        else:
            print(f"Automatic backup every {every:g} hours (when opened for writing); "
                  f"keeping the last {keep} and one per day for a week." if every else
                  f"Automatic backups are off; keeping the last {keep} backups.")
    return 0
