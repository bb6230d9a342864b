"""One rule for names, wherever a name enters (issue 22, item 13).

Typed names (command line, app through the facade) with line breaks, tabs, control characters
or direction overrides are refused in one line; names a file brings (a file name that becomes a
document title, a REFI-QDA source or code) are made one clean line; empty note text is refused;
a code path has the same depth limit when it is written as when fieldkit reads it back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput
from fieldkit.core.names import (
    MAX_CODE_LEVELS,
    TITLE_MAX,
    check_code_levels,
    check_name,
    check_title,
    document_title,
    tidy_name,
)
from fieldkit.project import Project

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["Peer\nhelp", "Peer\thelp", "Peer\x07help", "Peer\u202ehelp", "Peer\u2066help",
           "Peer\u2028help", "Peer\u200fhelp"]


def fieldkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fieldkit", *args], capture_output=True,
                          text=True, cwd=ROOT)


@pytest.mark.parametrize("name", HOSTILE)
def test_typed_names_with_control_or_direction_characters_are_refused(name: str) -> None:
    with pytest.raises(BadInput) as caught:
        check_name(name, "code", 200)
    assert "\n" not in str(caught.value)
    with pytest.raises(BadInput):
        check_title(name)


def test_typed_names_are_one_line_within_their_limit() -> None:
    assert check_name("  Peer   help 😀 e\u0301 ", "code", 200) == "Peer help 😀 e\u0301"
    with pytest.raises(BadInput, match="at most 5"):
        check_name("abcdef", "code", 5)
    with pytest.raises(BadInput, match="needs a name"):
        check_name("   ", "code", 5)
    with pytest.raises(BadInput, match="needs a title"):
        check_title(" ", "note")
    assert check_title("x" * TITLE_MAX) == "x" * TITLE_MAX
    with pytest.raises(BadInput):
        check_title("x" * (TITLE_MAX + 1))


def test_names_from_files_are_made_one_clean_line() -> None:
    for name in HOSTILE:
        tidy = tidy_name(name, 200)
        assert tidy in ("Peer help", "Peerhelp") and check_name(tidy, "code", 200) == tidy
    assert tidy_name("\u202e\n\t", 10) == ""
    assert document_title("\u202e\n") == "(untitled)"
    assert document_title("a" * 1000) == "a" * TITLE_MAX


def test_one_depth_limit_for_writing_and_reading() -> None:
    check_code_levels(MAX_CODE_LEVELS)
    with pytest.raises(BadInput, match="at most 64 levels"):
        check_code_levels(MAX_CODE_LEVELS + 1)
    with pytest.raises(BadInput, match="nested more than 64"):
        check_code_levels(MAX_CODE_LEVELS + 1, "x.qdc")


def test_file_names_become_clean_titles_and_docs_stays_one_row_each(tmp_path: Path) -> None:
    project = tmp_path / "p.fieldkit"
    Project.create(project).close()
    odd = tmp_path / "Inter\nview\t\u202eJan\x07.txt"
    odd.write_text("Jan werkt hier met de kantbank.\r\nCafé 😀\r\n", encoding="utf-8")
    done = fieldkit("-p", str(project), "import", str(odd), "--site", "Metaal BV")
    assert done.returncode == 0, done.stderr
    listing = fieldkit("-p", str(project), "docs")
    assert listing.returncode == 0
    rows = listing.stdout.strip().splitlines()
    assert len(rows) == 3 and "Inter view Jan" in rows[2]  # header, rule, the one document
    [doc] = json.loads(fieldkit("-p", str(project), "docs", "--json").stdout)
    assert doc["title"] == "Inter view Jan"


def test_typed_names_at_the_command_line(tmp_path: Path) -> None:
    project = tmp_path / "p.fieldkit"
    Project.create(project).close()
    for args, words in (
            (["note", "--site", "Metaal", "--title", "Dag 1", "--text", ""], "needs some text"),
            (["note", "--site", "Metaal", "--title", "Dag 1", "--text", "  \n "],
             "needs some text"),
            (["note", "--site", "Metaal", "--title", "Dag\n1", "--text", "Jan"], "line breaks"),
            (["note", "--site", "Met\u202eaal", "--title", "Dag 1", "--text", "Jan"],
             "direction"),
            (["codebook", "add", "Leren/Peer\thelp"], "tabs"),
            (["codebook", "add", "/".join(f"n{i}" for i in range(70))], "at most 64 levels")):
        done = fieldkit("-p", str(project), *args)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1, \
            done.stderr
    with Project.open(project, readonly=True) as p:
        assert p.documents() == [] and p.codebook().codes == {} and p.sites() == []


def test_the_deepest_code_fieldkit_writes_it_reads_back(tmp_path: Path) -> None:
    deepest = "/".join(f"Niveau {i}" for i in range(MAX_CODE_LEVELS))
    with Project.create(tmp_path / "p.fieldkit") as project:
        project.add_code(deepest)
        project.add_code("Apart")
        with pytest.raises(BadInput, match="at most 64 levels"):
            project.add_code(deepest + "/Te diep")
        with pytest.raises(BadInput, match="at most 64 levels"):  # a move that would nest 65
            project.move_code("Apart", deepest)
        qdpx = project.exports.qdpx(tmp_path / "diep.qdpx")
        project.exports.codebook(tmp_path / "diep.qdc")
    Project.import_qdpx(qdpx, tmp_path / "terug.fieldkit").close()
    with Project.open(tmp_path / "terug.fieldkit") as back:
        assert back.code(deepest).name == f"Niveau {MAX_CODE_LEVELS - 1}"
    with Project.create(tmp_path / "qdc.fieldkit") as again:
        again.imports.codebook(tmp_path / "diep.qdc")
        assert again.code(deepest) is not None
        again.merge.project(qdpx)
        assert again.code(deepest) is not None
