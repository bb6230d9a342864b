"""File names fieldkit makes from researchers' words are valid on Windows, macOS and Linux."""

from __future__ import annotations

import pytest

from fieldkit.core.filenames import FORBIDDEN_IN_NAMES, RESERVED_NAMES, safe_file_name


@pytest.mark.parametrize("name, expected", [
    ('Studie: "lijn 3" <nacht>/dag?*|\\', 'Studie_ _lijn 3_ _nacht__dag____'),
    ("Bakkerij Oost", "Bakkerij Oost"),
    ("Coördinatie 👍", "Coördinatie 👍"),
    ("CON", "_CON"),
    ("con.docx", "_con.docx"),
    ("LPT1 ", "_LPT1"),
    ("Console", "Console"),
    ("eind. ", "eind"),
    ("tab\there\nnewline", "tab_here_newline"),
    ("...", "fieldkit"),
    ("", "fieldkit"),
])
def test_names_become_portable_file_names(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_no_made_name_is_refused_anywhere() -> None:
    for name in ["a" * 400, 'x:y', "AUX.tar.gz", "nul", "COM9.csv", " ", "\x00\x1f"]:
        made = safe_file_name(name)
        assert made and len(made) <= 120
        assert not any(ch in FORBIDDEN_IN_NAMES or ord(ch) < 32 for ch in made), made
        assert made.split(".")[0].upper() not in RESERVED_NAMES, made
        assert not made.endswith((".", " ")), made
