"""Subcommands for areas of pictures and pages: code-region (a photo, or a page of a PDF)."""

from __future__ import annotations

import argparse
from functools import partial

from fieldkit.cli.common import (
    add_coder_option,
    add_command,
    add_json_option,
    open_project,
    print_json,
    whole_number,
)
from fieldkit.core.model import Region


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)
    p = command("code-region", cmd_code_region,
                "code a rectangle of a photo (pixels) or of a PDF page (points from its "
                "top-left corner)")
    p.add_argument("doc")
    for name in ("x", "y"):
        p.add_argument(name, type=whole_number, metavar=name.upper())
    p.add_argument("width", type=whole_number, metavar="W")
    p.add_argument("height", type=whole_number, metavar="H")
    p.add_argument("code")
    p.add_argument("--page", type=whole_number, metavar="N",
                   help="the page of a PDF (from 1); may be left out on a one-page PDF")
    add_coder_option(p)
    p.add_argument("--memo", default="")
    add_json_option(p)


def cmd_code_region(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        coding = project.code_region(
            args.doc, Region(args.x, args.y, args.width, args.height, args.page), args.code,
            memo=args.memo)
        region = coding.region
        assert region is not None
        if args.json:
            book = project.codebook()
            print_json({"id": coding.id, "uuid": coding.uuid, "document_id": coding.document_id,
                        "code": book.path(coding.code_id),
                        "coder": project.coder_name(coding.coder_id), "page": region.page,
                        "x": region.x, "y": region.y, "width": region.width,
                        "height": region.height, "quote": coding.quote})
        else:
            where = f" on page {region.page}" if region.page else ""
            print(f"Coding {coding.id}: {region.width}×{region.height} at "
                  f"({region.x}, {region.y}){where}")
    return 0
