"""Hit offsets point at the hit in the document's text: emoji, accents, CRLF sources."""

from __future__ import annotations

from pathlib import Path

from fieldkit import Project


def check_hits(project: Project, query: str, expected: str) -> None:
    result = project.search(query)
    assert result.hits, query
    for hit in result.hits:
        text = project.document(hit.document_id).text
        assert text[hit.start:hit.end] == hit.match == expected
        assert hit.snippet == f"{hit.before}\u00ab{hit.match}\u00bb{hit.after}"
        assert "\n" not in hit.snippet


def test_offsets_after_emoji_and_accents(study: Project) -> None:
    study.add_note(site="X", title="Emoji",
                   text="👩‍🔧👍🏽 Één 🚀 operator\u0301 zei: de kantbank 🛠️ is stuk.")
    check_hits(study, "kantbank site:X", "kantbank")
    check_hits(study, '"de kantbank"  site:X', "de kantbank")
    check_hits(study, "een site:X", "Één")
    check_hits(study, "operator site:x", "operator\u0301")


def test_offsets_in_text_imported_from_crlf_file(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_bytes("Eerste regel\r\n\r\nTweede 👍 regel met de kantbank\r\nDerde".encode())
    with Project.create(tmp_path / "C.fieldkit") as p:
        p.import_files([source], site="Oost")
        check_hits(p, "kantbank", "kantbank")
        check_hits(p, "derde", "Derde")
        hit = p.search('"met de kantbank"').hits[0]
        assert hit.before.endswith("Tweede 👍 regel ")


def test_long_context_is_cut_to_sixty_characters(study: Project) -> None:
    study.add_note(site="Y", title="Lang", text="woord " * 40 + "kantbank" + " woord" * 40)
    hit = study.search("kantbank site:Y").hits[0]
    assert len(hit.before) == 60 and len(hit.after) == 60
