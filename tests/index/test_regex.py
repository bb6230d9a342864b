"""``/regular expression/`` terms: case-insensitive on the folded text, hits as code-point spans of
the original text, combined with words and filters; checked against a brute-force scan."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.errors import BadInput
from fieldkit.core.model import ImportedDocument, Turn
from fieldkit.index.query import parse
from fieldkit.index.regex_case import sensitive
from fieldkit.index.regex_parts import end_anchor, has_hit, has_hit_at_end, shape
from fieldkit.index.regex_terms import EVERY_ROW, compile_term
from fieldkit.index.words import WORD, analyser


def brute(pattern: str, text: str, start: int = 0, end: int | None = None
          ) -> list[tuple[int, int]]:
    """Every non-empty match, folding one character at a time with a plain loop."""
    end = len(text) if end is None else end
    folded, origin = [], []
    for i in range(start, end):
        c = text[i]
        f = "".join(x for x in unicodedata.normalize("NFKD", c.casefold())
                    if not unicodedata.combining(x))
        folded.append(f)
        origin.extend([i] * len(f))
    pat = "".join(c if c.isascii() else "".join(
        x for x in unicodedata.normalize("NFKD", c.casefold()) if not unicodedata.combining(x))
        for c in pattern)
    return sorted({(origin[m.start()], origin[m.end() - 1] + 1)
                   for m in re.finditer(pat, "".join(folded), re.I) if m.end() > m.start()})


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A region without the words its edges cut (as a region row leaves them out)."""
    for s, e in (m.span() for m in WORD.finditer(text)):
        if s < start < e:
            start = e
        if s < end < e:
            end = s
    return start, max(start, end)


def test_hits_are_spans_of_the_original_text_with_accents_emoji_and_sharp_s(
        study: Project) -> None:
    hit = study.index.search("/co.rdinatie met de planner/").hits
    assert [h.title for h in hit] == ["Eerste bezoek"]
    assert "«Coördinatie met de planner»" in hit[0].snippet
    assert "«👍 loopt»" in study.index.search("/👍 loopt/").hits[0].snippet
    assert "«Coördinatie»" in study.index.search("/coördinatie/").hits[0].snippet
    assert study.index.search("/kantbank/").total == 2  # case-insensitive, in texts and turns
    with Project.create(study.path.parent / "S.fieldkit") as p:
        doc = p.add_note(site="S", title="t", text="Die Straße 👍\r\nGROSSE straße")
        code = p.add_code("Strasse")
        assert p.index.code_hits("/strasse/", code.id) == 2
        assert [c.quote for c in p.codings(code=code.id)] == ["Straße", "straße"]
        assert p.document(doc.id).text[4:10] == "Straße"


def test_an_edited_text_is_searched_as_it_is_now(study: Project, ids: dict[str, int]) -> None:
    assert study.index.search("/zwaluw\\w+/").total == 0
    doc = ids["Tweede bezoek"]
    study.edit_text(doc, study.document(doc).text + " Een zwaluwstaart.")
    assert [h.title for h in study.index.search("/zwaluw\\w+/").hits] == ["Tweede bezoek"]
    assert study.index.search("/machines in/").total == 1
    study.edit_text(doc, "Leeg.")
    assert study.index.search("/machines in/").total == 0


def test_regex_with_words_and_filters(study: Project) -> None:
    assert [h.title for h in study.index.search("/kant\\w+/ site:dijk").hits] == ["Eerste bezoek"]
    assert [h.title for h in study.index.search("/kant\\w+/ piet kind:fieldnote").hits] == [
        "Eerste bezoek"]
    # speaker: the expression must match inside one of the speaker's turns
    assert [h.title for h in study.index.search("/kant\\w+/ speaker:interviewer").hits] == [
        "Interview Sanne"]
    assert study.index.search("/kantbank/ speaker:sanne").total == 0
    assert study.index.search("/training was/ speaker:sanne").total == 1
    assert study.index.search("/operators?/ after:2026-04-11").total == 1  # the second note
    assert study.index.search("/^de machines/").total == 1  # anchors work in the text


def test_regex_in_a_coded_segment(study: Project, ids: dict[str, int]) -> None:
    code = study.add_code("Nacht")
    text = study.document(ids["Eerste bezoek"]).text
    start = text.index("De lasrobotten")
    study.code_text(ids["Eerste bezoek"], start, len(text), code.id)
    assert study.index.search('/lasrob\\w+/ code:Nacht').total == 1
    assert study.index.search('/kantbank/ code:Nacht').total == 0  # before the segment


def test_a_bad_expression_is_one_line_and_a_misplaced_one_is_searched_as_words(
        study: Project) -> None:
    for bad in ("/[/", "/x(/ site:dijk", "/a{2,1}/"):
        with pytest.raises(BadInput) as problem:
            study.index.search(bad)
        assert "\n" not in str(problem.value) and "not a valid regular expression" in str(
            problem.value)
    for misplaced in ("/kant/ OR piet", "-/kant/ piet", "(/kant/ piet)"):
        note = study.index.search(misplaced).note
        assert note is not None and "regular expression" in note
    assert "not closed" in (study.index.search("/kant").note or "")


def _pieces(pattern: str) -> list[list[str]]:
    """Each clause's pieces, as the index words they would find among a few words."""
    words = ["kant", "kantbank", "bank", "robot", "2026", "12", "ab", "ba", "ss", "k"]
    return sorted(sorted({w for piece in clause for w in words if piece.search(w)})
                  for clause in shape(compile_term(pattern)).clauses)


def test_what_an_expression_needs_of_the_words() -> None:
    # a literal part of a word, or a part of word characters: the word runs that hold one
    assert _pieces("kant\\w*bank") == [["kantbank"]]
    assert _pieces("kant\\w* bank") == [["bank", "kantbank"], ["kant", "kantbank"]]
    assert _pieces("(?:kant)? bank") == [["bank", "kantbank"]]
    assert _pieces("\\d{4}-\\d\\d") == [["12", "2026"], ["2026"]]
    # an alternation: one of its branches' pieces
    assert _pieces("kant|robot") == [["kant", "kantbank", "robot"]]
    assert _pieces("- (kant\\w*bank|ro+bot) ") == [["kantbank", "robot"]]
    assert _pieces("x(kant\\w+bank|ro+bot)") == [[]]  # one piece, and no word holds it
    assert _pieces("kant|\\s+") == []
    # nothing of a word: every text
    assert _pieces("\\s+[.!?]") == []
    assert parse("/\\d+/", analyser("nl")).match == EVERY_ROW
    # lookarounds and anchors are left out of a piece (looser, never wrong)
    assert _pieces("(?<=k)ant(?!x)") == [["kant", "kantbank"]]
    # word-bound: word characters only, no assertion but \\b and \\B
    for bound in ("kant\\w*", "\\bk\\w+\\b", "[a-z]+heid", "(ab|ba)+", "\\d{4}"):
        assert shape(compile_term(bound)).word_bound, bound
    for loose in ("k.nt", "kant\\b.", "^kant", "kant$", "(?=k)kant", "(a)\\1", "kant\\s"):
        assert not shape(compile_term(loose)).word_bound, loose


_PIECES = ["kant", "bank", "Kàntbânk", "straße", "😀", "é", "\r\n", "\n", "coö", "rdinatie",
           " ", " ", " ", ".", "12", "ab", "Ab", "ba"]
_PATTERNS = ["kant", "kant|ba+n", "(ant|ss)\\w", "kant\\w*",
             "\\bba", "a.b", "(ab|ba)n", "[kb]an+k", "\\d+", "é", "😀 ?\\w",
             "strasse", "coordinatie", "ss", "^\\w+", "k.*?k", "\\w+$", "(?:ab)+", "\\n\\w",
             "ant\\w*ba"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_regex_hits_equal_a_brute_force_scan(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Project.create(tmp_path / f"R{seed}.fieldkit", language="nl") as p:
        ids = []
        for i in range(20):
            text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(3, 40)))
            if rng.random() < 0.3:
                half = len(text) // 2
                ids.append(p.imports.document(ImportedDocument(
                    kind="transcript", title=f"t{i}", text=text,
                    turns=[Turn(0, half, "Kees"), Turn(half, len(text), "Anna")]),
                    site="S").id)
            else:
                ids.append(p.add_note(site="S", title=f"n{i}", text=text).id)
        texts = {d: p.document(d).text for d in ids}
        engine = p.index.engine
        for pattern in _PATTERNS:
            expected = {d: s for d, t in texts.items() if (s := brute(pattern, t))}
            found = {m.document_id: m.spans for m in engine.spans_of(engine.parse(f"/{pattern}/"))}
            assert found == expected, pattern
            assert p.index.search(f"/{pattern}/", limit=100).total == len(expected)
            kees = {}
            for d, t in texts.items():
                turns = [t_ for t_ in p.turns(d) if t_.speaker == "Kees"]
                got = sorted(s for t_ in turns
                             for s in brute(pattern, t, *whole_words(t, t_.start, t_.end)))
                if got:
                    kees[d] = got
            found = {m.document_id: m.spans
                     for m in engine.spans_of(engine.parse(f"/{pattern}/ speaker:kees"))}
            assert found == kees, pattern


# Characters where the folded text's word runs and the index's words part ways: an underscore
# joins two words into one run; "½" is one word ("12") but two runs ("1⁄2"); "Ⓐ", "℃" and "™"
# are no words but fold to letters; "ﬁ" folds to two letters; a decomposed accent, a Devanagari
# nukta (a combining mark the index's words do not join), emoji, CRLF.
_ODD = ["foo_bar", "_x", "½", "Ⓐb", "25℃", "™", "ﬁne", "coo\u0308rdinatie", "क\u093cख", "👍",
        "\r\n", " ", " ", " ", ", ", ".", "kant", "bank", "ab", "12", "c", "x", "Kà", "ß"]
_TRICKY = ["o_b", "foo_bar", "_\\w+", "\\b\\w+_", "\\bbar\\b", "\\bab\\b", "\\bc\\b", "\\b12\\b",
           "\\b1\\b", "fi\\w*", "\\w*ne\\b", "(?<=\\s)kant\\w*", "(?<!\\w)bank", "kant\\b",
           "\\Bant", "k.nt", "kant bank", "\\w+ \\w+", "[a-z]+\\s*,\\s*[a-z]+", ".{3}",
           "\\w+\\r?$", "(?m)^\\w+\\r?$", "^\\w", "(?i:KANT)\\w*", "(?-i:Kant)", "(a|b)\\1",
           "\\d+", "\\d{2}\\w", "t?m", "ss", "kk?", "\\w", "\\W+", "\\s\\s", "\\bx\\b",
           "a(?=b)", "coordinatie", "[^\\W\\d]+", "\\w{2}", "ab[ ,]+\\w", "[\\w ]{5}",
           "[+-9]{2,}", "[a-z]+[^a-z]+[a-z]", "\\s\\D\\w", ", ?[\\s\\w]", "\\.\\s*\\n",
           "[\\r\\n]{2}", "[^\\w\\s]{2,}", "\\w+\\.$", "[?!,]$", "\\w+\\Z", "k\\s*$", "(?s).$",
           "\\n$", "\\d$", "\\w{2}$", "a*$", "(?m)\\w$"]


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_narrowing_stays_exact_on_tricky_text(tmp_path: Path, seed: int) -> None:
    """Hits, totals and the first hit of each shown result equal a brute-force scan, for
    expressions crossing spaces, with lookarounds, \\b and anchors, over text whose word runs
    and index words part ways."""
    rng = random.Random(seed)
    with Project.create(tmp_path / f"T{seed}.fieldkit", language="nl") as p:
        texts = {}
        for i in range(25):
            text = "x" + "".join(rng.choice(_ODD) for _ in range(rng.randint(1, 30)))
            doc = p.add_note(site="S", title=f"n{i}", text=text).id
            if "\n" in text:  # the app keeps line breaks as "\n"; an older project may not
                with p._store.change("CRLF as stored by an older version", log=False):
                    p._store.conn.execute("UPDATE documents SET text = ? WHERE id = ?",
                                          (text, doc))
            texts[doc] = p.document(doc).text
        assert any("\r\n" in t for t in texts.values())
        engine = p.index.engine
        for pattern in _TRICKY:
            expected = {d: s for d, t in texts.items() if (s := brute(pattern, t))}
            found = {m.document_id: m.spans for m in engine.spans_of(engine.parse(f"/{pattern}/"))}
            assert found == expected, pattern
            result = p.index.search(f"/{pattern}/", limit=100)
            assert result.total == len(expected), pattern
            assert {h.document_id: (h.start, h.end) for h in result.hits} == {
                d: s[0] for d, s in expected.items()}, pattern


def test_an_underscore_typed_later_is_found(study: Project, ids: dict[str, int]) -> None:
    doc = ids["Tweede bezoek"]
    assert study.index.search("/t_k/").total == 0
    assert study.index.search("/\\bkant\\w*/").total > 0  # the vocabulary is read
    study.edit_text(doc, study.document(doc).text + " kant_kast ½ Ⓐb")
    assert [h.title for h in study.index.search("/t_k/").hits] == ["Tweede bezoek"]
    assert [h.title for h in study.index.search("/\\bab\\b/").hits] == ["Tweede bezoek"]
    assert [h.title for h in study.index.search("/\\bkant_\\w+/").hits] == ["Tweede bezoek"]
    assert study.index.search("/\\b12\\b/").total == 0  # "½" folds to "1⁄2"


def test_ignoring_case_rewritten_for_an_alphabet_matches_the_same() -> None:
    """``regex_case.sensitive``: on texts of the alphabet, the same matches (and groups) as the
    case-insensitive expression, for expressions of every kind."""
    alphabet = "abkKnt _-.,\n\r1İıſé👍Hh"
    pieces = ["k", "K", "a", "I", "S", "[a-k]", "[^a-z]", "[A-Z]", "\\w", "\\W", "\\d", ".",
              "\\s", "(k|n)", "\\1", "(?-i:K)", "(?i:H)", "[^\\W\\d]", "\\b", "\\B", "^", "$",
              "(?<=a)", "(?!t)", "(?=\\w)", "é", "E", "[é-ë]", "👍", "[^K]", "(?>ab|a)"]
    rng = random.Random(23)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
             for _ in range(60)]
    for _ in range(400):
        parts = [rng.choice(pieces) + rng.choice(["", "*", "+", "?", "{2}", "*?"])
                 for _ in range(rng.randint(1, 4))]
        text = "".join(p if not p.startswith(("\\b", "\\B", "^", "$", "(?<", "(?=", "(?!"))
                       else p.rstrip("*+?{2}") for p in parts)
        flags = rng.choice(["", "(?m)", "(?s)", "(?a)"])
        try:
            original = re.compile(flags + text, re.IGNORECASE)
        except re.error:
            continue
        rewritten = sensitive(original, alphabet)
        exists = sensitive(original, alphabet, existence=True)
        assert rewritten is not None and not rewritten.flags & re.IGNORECASE, text
        assert exists is not None
        for t in texts:
            assert [(m.span(), m.groups()) for m in original.finditer(t)] == [
                (m.span(), m.groups()) for m in rewritten.finditer(t)], (text, t)
            assert has_hit(original, t) == has_hit(exists, t), (text, t)


def test_pieces_of_spaces_and_punctuation_narrow_exactly(tmp_path: Path) -> None:
    """A piece of non-word characters lies inside one gap between words; ``\\D`` can be a
    letter, so ``\\s\\D`` is no such piece."""
    with Project.create(tmp_path / "G.fieldkit", language="nl") as p:
        texts = {p.add_note(site="S", title=f"n{i}", text=t).id: t
                 for i, t in enumerate(["kant bank", "kant,  bank", "kant...", "kant?! bank",
                                        "één   twee", "a - b", "x_y z"])}
        for pattern in ("\\s\\D\\w", "\\s{2,}", "[.!?]{2,}", ",\\s\\s", "\\s-\\s", " \\W",
                        "[^\\w\\s]+ ", "t\\W+b", "_y "):
            expected = {d for d, t in texts.items() if brute(pattern, t)}
            result = p.index.search(f"/{pattern}/")
            assert result.total == len(expected), pattern
            assert {h.document_id for h in result.hits} == expected, pattern


def test_an_expression_anchored_at_the_end_is_looked_for_from_the_end() -> None:
    rng = random.Random(7)
    alphabet = "ab.?! \n\r_1é"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 600)))
             for _ in range(300)] + ["a" * 5000 + ".", "a.", "\n", "", "a\n", "a\n\n"]
    for text in ("\\w+\\.$", "[?!]$", "\\w+\\Z", "b\\s*$", "(?s).$", "\\n$", "a?$", "[^a]+$",
                 "\\.\\W*\\Z", "(a|b)\\1$", "\\d$"):
        pattern = compile_term(text)
        anchor = end_anchor(pattern)
        assert anchor is not None, text
        for t in texts:
            assert has_hit_at_end(pattern, anchor, t) == has_hit(pattern, t), (text, t)
    for loose in ("(?m)a$", "a$|b", "a$b", "$a"):
        assert end_anchor(compile_term(loose)) is None, loose
