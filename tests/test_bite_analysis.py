"""Matrices and relations from the command line against brute-force counts over a small study
whose codings start at the very first character of their texts (position 0 is a text coding,
not a photo region) and whose visits are labelled by site and date."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from fieldkit import Project
from fieldkit.cli import main

NOTES = [  # site, visit, text, codings (code, words)
    ("Van Dijk Metaal", "2026-03-02", "Jan laat Piet zien hoe de kantbank werkt.\r\nPiet kijkt.",
     [("Leren", "Jan laat Piet zien"), ("Machine", "Jan laat Piet zien hoe de kantbank"),
      ("Leren", "Piet kijkt")]),
    ("Van Dijk Metaal", "2026-03-09", "Één 👍 collega helpt; de planner kijkt mee.",
     [("Machine", "Één 👍 collega"), ("Planning", "de planner kijkt mee")]),
    ("Bakkerij Zuid", "2026-04-10", "Oven uit, deeg rust. Café-pauze.",
     [("Leren", "Oven uit"), ("Planning", "Oven uit, deeg rust"), ("Machine", "Café-pauze")]),
]


@pytest.fixture
def study(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path / "Tel.fieldkit"
    codings = []
    with Project.create(folder, language="nl") as p:
        p.set_coder("Anouk")
        for code in ("Leren", "Machine", "Planning"):
            p.add_code(code)
        for site, visit, text, coded in NOTES:
            doc = p.add_note(site=site, visit=visit, title=f"{site} {visit}", text=text)
            stored = p.document(doc.id).text
            for code, words in coded:
                start = stored.index(words)
                p.code_text(doc.id, start, start + len(words), code)
                codings.append({"code": code, "doc": doc.id, "visit": f"{site} {visit}",
                                "start": start, "end": start + len(words), "quote": words})
    assert any(c["start"] == 0 for c in codings)
    return folder, codings


def cli_json(folder: Path, *argv: str) -> Any:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*argv, "--json", "-p", str(folder)]) == 0
    return json.loads(out.getvalue())


def table(found: dict[str, Any]) -> Counter[tuple[str, str]]:
    paths = [c["path"] for c in found["codes"]]
    return Counter({(paths[i], column): value for i, row in enumerate(found["values"])
                    for column, value in zip(found["columns"], row, strict=True) if value})


@pytest.mark.parametrize("count", ["segments", "documents", "words"])
def test_code_by_visit_equals_a_brute_force_count(
        study: tuple[Path, list[dict[str, Any]]], count: str) -> None:
    folder, codings = study
    found = cli_json(folder, "matrix", "--columns", "visit", "--count", count)
    expected: Counter[tuple[str, str]] = Counter()
    seen = set()
    for c in codings:
        key = (c["code"], c["visit"])
        if count == "segments":
            expected[key] += 1
        elif count == "words":
            expected[key] += len(re.findall(r"\w+", c["quote"]))
        elif (key, c["doc"]) not in seen:
            seen.add((key, c["doc"]))
            expected[key] += 1
    assert table(found) == expected
    assert found["columns"] == [f"{s} {v}" for s, v, _, _ in NOTES]
    if count != "documents":  # (a column's total of documents counts each document once)
        assert found["column_totals"] == [sum(n for (_, col), n in expected.items()
                                              if col == label) for label in found["columns"]]


def test_overlap_relations_equal_a_brute_force_pair_count(
        study: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, codings = study
    found = cli_json(folder, "relations")
    paths = [c["path"] for c in found["codes"]]
    pairs: Counter[tuple[str, str]] = Counter()
    for i, a in enumerate(codings):
        for b in codings[i + 1:]:
            if a["doc"] == b["doc"] and a["code"] != b["code"] and \
                    a["start"] < b["end"] and b["start"] < a["end"]:
                pairs[(a["code"], b["code"])] += 1
                pairs[(b["code"], a["code"])] += 1
    got = Counter({(paths[i], paths[j]): n for i, row in enumerate(found["counts"])
                   for j, n in enumerate(row) if i != j and n})
    assert got == pairs and sum(pairs.values()) > 0
