"""Turning database rows into domain objects."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from fieldkit.core.model import (
    Case,
    Code,
    Coder,
    Coding,
    Document,
    Media,
    Participant,
    Region,
    Site,
    Turn,
    Visit,
)


def site(r: sqlite3.Row) -> Site:
    return Site(r["id"], r["uuid"], r["name"], r["description"])


def visit(r: sqlite3.Row) -> Visit:
    return Visit(r["id"], r["uuid"], r["site_id"], r["date"], r["observers"])


def participant(r: sqlite3.Row) -> Participant:
    return Participant(
        r["id"], r["uuid"], r["pseudonym"], r["name"], r["role"], r["site_id"],
        json.loads(r["attributes"]),
    )


def case(r: sqlite3.Row) -> Case:
    return Case(r["id"], r["uuid"], r["name"], r["description"], json.loads(r["attributes"]))


def coder(r: sqlite3.Row) -> Coder:
    return Coder(r["id"], r["uuid"], r["name"])


def media(r: sqlite3.Row) -> Media:
    return Media(
        r["id"], r["sha256"], r["filename"], r["mime"], r["size"], r["width"], r["height"],
        r["taken"], r["orientation"],
    )


def document(r: sqlite3.Row) -> Document:
    return Document(
        id=r["id"], uuid=r["uuid"], kind=r["kind"], title=r["title"], text=r["text"],
        site_id=r["site_id"], visit_id=r["visit_id"], participant_id=r["participant_id"],
        media_id=r["media_id"], created=r["created"], modified=r["modified"],
        source_name=r["source_name"], memo=r["memo"], attributes=json.loads(r["attributes"]),
        **_memo_stamp(r),
    )


def turn(r: sqlite3.Row) -> Turn:
    return Turn(r["start"], r["end"], r["speaker"], r["t_start"], r["t_end"])


def code(r: sqlite3.Row) -> Code:
    return Code(
        id=r["id"], uuid=r["uuid"], name=r["name"], parent_id=r["parent_id"],
        colour=r["colour"], definition=r["definition"], inclusion=r["inclusion"],
        exclusion=r["exclusion"], example=r["example"], memo=r["memo"], position=r["position"],
        **_memo_stamp(r),
    )


def coding(r: sqlite3.Row) -> Coding:
    region = None
    if r["x"] is not None:
        region = Region(r["x"], r["y"], r["width"], r["height"], _page(r))
    return Coding(
        id=r["id"], uuid=r["uuid"], document_id=r["document_id"], code_id=r["code_id"],
        coder_id=r["coder_id"], start=r["start"], end=r["end"], quote=r["quote"],
        before=r["before"], after=r["after"], region=region, memo=r["memo"],
        created=r["created"], orphaned=bool(r["orphaned"]),
        **_times(r), **_memo_stamp(r),
    )


def _page(r: sqlite3.Row) -> int | None:
    try:
        return r["page"]  # type: ignore[no-any-return]
    except IndexError:  # a project of an older schema, opened read-only (not upgraded)
        return None


def _times(r: sqlite3.Row) -> dict[str, Any]:
    try:
        return {"start_ms": r["start_ms"], "end_ms": r["end_ms"]}
    except IndexError:  # a project of an older schema, opened read-only (not upgraded)
        return {}


def _memo_stamp(r: sqlite3.Row) -> dict[str, Any]:
    """Who wrote the row's memo first and last, and when (schema step 12)."""
    try:
        return {"memo_by": r["memo_by"], "memo_created": r["memo_created"],
                "memo_modified_by": r["memo_modified_by"], "memo_modified": r["memo_modified"]}
    except IndexError:  # a project of an older schema, opened read-only (not upgraded)
        return {}
