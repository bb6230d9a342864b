"""Subcommands for recordings and their transcripts: attach, transcribe."""

from __future__ import annotations

import argparse
import sys
from functools import partial

from fieldkit.cli.common import (
    add_command,
    add_json_option,
    open_project,
    print_json,
    progress_bar,
)


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)
    p = command("attach", cmd_attach,
                "give a transcript already in the project its recording (a file or a "
                "recording document)")
    p.add_argument("transcript", metavar="TRANSCRIPT", help="the transcript document (id/UUID)")
    p.add_argument("recording", metavar="RECORDING",
                   help="a recording file (.m4a .mp3 .wav .mp4 …) or a recording document")
    add_json_option(p)
    p = command("transcribe", cmd_transcribe,
                "transcribe a recording offline (faster-whisper) into a timed transcript "
                "linked to it")
    p.add_argument("doc", metavar="DOC", help="the recording document (id/UUID)")
    p.add_argument("--model", metavar="PATH_OR_NAME", default=None,
                   help="a CTranslate2 Whisper model folder, or the name of a model found "
                        "(installed package, Hugging Face cache, fieldkit's models folder); "
                        "default: the first found")
    p.add_argument("--language", choices=("nl", "en", "auto"), default="auto",
                   help="the language spoken (auto: the model tells; default)")
    add_json_option(p)


def cmd_transcribe(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        progress = progress_bar("Transcribing") if not args.json else None
        doc = project.recordings.transcribe(args.doc, model=args.model,
                                            language=args.language, progress=progress)
        turns = len(project.turns(doc.id))
        if args.json:
            print_json({"transcript": doc.id, "uuid": doc.uuid, "title": doc.title,
                        "chars": len(doc.text), "turns": turns})
        else:
            print(f"Transcribed into {doc.title} ({doc.id}): {turns} timed turns.")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        transcript = project.document(args.transcript)
        rec = project.recordings.attach(args.recording, transcript.id)
        for warning in project.imports.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if args.json:
            print_json({"transcript": transcript.id, "recording": rec.id,
                        "title": rec.title})
        else:
            print(f"Attached {rec.title} ({rec.id}) to {transcript.title} ({transcript.id}).")
    return 0
