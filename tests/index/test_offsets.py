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
        p.imports.files([source], site="Oost")
        check_hits(p, "kantbank", "kantbank")
        check_hits(p, "derde", "Derde")
        hit = p.search('"met de kantbank"').hits[0]
        assert hit.before.endswith("Tweede 👍 regel ")


def test_long_context_is_cut_to_sixty_characters(study: Project) -> None:
    study.add_note(site="Y", title="Lang", text="woord " * 40 + "kantbank" + " woord" * 40)
    hit = study.search("kantbank site:Y").hits[0]
    assert len(hit.before) == 60 and len(hit.after) == 60


def test_every_hit_points_at_its_word_and_after_follows_it(study: Project) -> None:
    from fieldkit.index.words import fold

    study.add_note(site="Z", title="Nieuw",
                   text="Gezien vanaf het hek. Nieuwe nieuwe lasrobotcel 🤖 staat er.\r\n"
                        "De nieuwe kantbank; NIEUWE collega's.")
    for query in ("nieuwe", "nieuw*", '"nieuwe lasrobotcel"', "NEAR(nieuwe kantbank, 2)"):
        result = study.search(query)
        assert result.hits, query
        for hit in result.hits:
            text = study.document(hit.document_id).text
            words = [fold(w) for w in hit.match.split()]
            assert fold(text[hit.start:hit.end].replace("\r\n", " ")).split() == words
            assert words[0].startswith("nieuw")
            assert text[hit.end:hit.end + len(hit.after)].translate(
                {10: 32, 13: 32}) == hit.after
            assert text[max(0, hit.start - len(hit.before)):hit.start].translate(
                {10: 32, 13: 32}) == hit.before


def test_hits_found_in_stored_words_agree_with_fts5_highlight(study: Project) -> None:
    from fieldkit.index.query import parse

    study.add_note(site="Z", title="Mix", text="De kantbank en de nieuwe kantbank. "
                   "Operators helpen operators; de lasrobotten draaien. Coördinatie 👍 werkt.")
    engine = study.index.engine
    for text in ("kantbank", '"de kantbank"', "lasrobot*", "operators helpen",
                 "NEAR(kantbank operators, 3)", "coordinatie OR kantbank", "kantbank -nieuwe",
                 '"de nieuwe" kantbank'):
        query = parse(text, engine.analyser)
        _, fast = engine.matches(query, limit=None)
        with study._store.lock:
            exact = {m.rid: m for m in engine.matches(query, limit=None, every_span=True)[1]}
        for m in fast:
            assert m.spans[0] == exact[m.rid].spans[0], (text, m.body)
