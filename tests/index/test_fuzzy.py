"""Fuzzy terms (``word~``, ``word~2``): the index's vocabulary within one or two edits, a swap of
neighbouring letters counting as one; checked against a brute-force scan of the texts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.index.fuzzy_terms import distance, one_edit
from fieldkit.index.words import WORD, fold


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook full table (no bound, no shortcut)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_distance_matches_the_full_table_and_one_edit_generates_exactly_distance_one() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        a = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 7)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 7)))
        full = osa(a, b)
        assert distance(a, b, 2) == min(full, 3)
        assert distance(a, b, 1) == min(full, 2)
    for word in ("", "a", "kant", "abba"):
        near = one_edit(word, "abknt")
        brute = {"".join(p) for n in range(len(word) + 2) for p in _strings("abknt", n)
                 if osa(word, "".join(p)) == 1}
        assert near == brute


def _strings(letters: str, n: int) -> list[str]:
    out = [""]
    for _ in range(n):
        out = [s + c for s in out for c in letters]
    return out


def test_kantbnak_finds_kantbank_a_swap_being_one_edit(study: Project) -> None:
    hit = study.index.search("kantbnak~").hits
    assert sorted(h.title for h in hit) == ["Eerste bezoek", "Interview Sanne"]
    assert "«kantbank»" in hit[0].snippet
    assert study.index.search("kantbnak").total == 0  # not fuzzy: not found
    assert study.index.search("kntbnak~").total == 0  # two edits
    assert study.index.search("kntbnak~2").total == 2
    # accents and capitals fold first: "Coördinatie" is one swap from "coordinatei"
    coord = study.index.search("Coordinatei~").hits
    assert [h.title for h in coord] == ["Eerste bezoek"] and "«Coördinatie»" in coord[0].snippet


def test_fuzzy_with_words_and_filters(study: Project) -> None:
    assert [h.title for h in study.index.search("kantbnak~ site:dijk").hits] == ["Eerste bezoek"]
    assert [h.title for h in study.index.search("kantbnak~ speaker:interviewer").hits] == [
        "Interview Sanne"]
    assert study.index.search("kantbnak~ speaker:sanne").total == 0
    assert [h.title for h in study.index.search("kantbnak~ WhatsApp").hits] == ["Eerste bezoek"]
    assert [h.title for h in study.index.search("kantbnak~ -whatsapp").hits] == [
        "Interview Sanne"]
    assert [h.title for h in study.index.search("kantbnak~ OR machnies~").hits] == [
        "Interview Sanne", "Eerste bezoek", "Tweede bezoek"] or \
        study.index.search("kantbnak~ OR machnies~").total == 3


def test_bad_fuzzy_terms_are_searched_as_plain_words_and_say_why(study: Project) -> None:
    result = study.index.search("kantbank~3")
    assert result.note is not None and "~1 or ~2" in result.note
    result = study.index.search("nieuwe-kantbank~")
    assert result.note is not None and "one word" in result.note
    assert study.index.search("NEAR(kantbnak~ piet)").note is not None


def test_code_all_hits_of_a_fuzzy_term_in_one_undoable_step(study: Project) -> None:
    code = study.add_code("Machine")
    assert study.index.code_hits("kantbnak~", code.id) == 2
    assert sorted(c.quote for c in study.codings(code=code.id)) == ["kantbank", "kantbank"]
    study.undo()
    assert study.codings(code=code.id) == []


_LETTERS = "aeiknrst"
_EXTRA = ["Kàntbânk", "😀", "ß", "\r\n", "É", "."]


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(5, 40)):
        if rng.random() < 0.15:
            parts.append(rng.choice(_EXTRA))
        else:
            word = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(2, 6)))
            parts.append(word.capitalize() if rng.random() < 0.2 else word)
    return " ".join(parts)


@pytest.mark.parametrize("seed", [1, 2])
def test_fuzzy_hits_equal_a_brute_force_scan_of_the_texts(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Project.create(tmp_path / f"F{seed}.fieldkit", language="nl") as p:
        texts = {}
        for i in range(25):
            text = _random_text(rng)
            texts[p.add_note(site="S", visit="2026-03-02", title=f"n{i}", text=text).id] = text
        # the texts as stored (a note's CRLF becomes one line break): hits are spans of these
        texts = {d: p.document(d).text for d in texts}
        assert any("😀" in t for t in texts.values())
        engine = p.index.engine
        words = [w for t in texts.values() for w in WORD.findall(t)]
        for target in rng.sample(words, 12) + ["kantbank", "zzzz"]:
            for edits in (1, 2):
                term = fold(target)
                expected = {}
                for doc, text in texts.items():
                    spans = [m.span() for m in WORD.finditer(text)
                             if osa(fold(m.group()), term) <= edits]
                    if spans:
                        expected[doc] = spans
                query = engine.parse(f"{target}~{edits}")
                found = {m.document_id: m.spans for m in engine.spans_of(query)}
                assert found == expected, (target, edits)
                assert p.index.search(f"{target}~{edits}", limit=100).total == len(expected)
