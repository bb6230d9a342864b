"""Subcommands for recordings and their transcripts: attach."""

from __future__ import annotations

import argparse
import sys
from functools import partial

from fieldkit.cli.common import add_command, add_json_option, open_project, print_json


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)
    p = command("attach", cmd_attach,
                "give a transcript already in the project its recording (a file or a "
                "recording document)")
    p.add_argument("transcript", metavar="TRANSCRIPT", help="the transcript document (id/UUID)")
    p.add_argument("recording", metavar="RECORDING",
                   help="a recording file (.m4a .mp3 .wav .mp4 …) or a recording document")
    add_json_option(p)


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
