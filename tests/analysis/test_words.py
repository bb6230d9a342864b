"""Word frequencies (issue 29): counts against a brute-force count over the texts, keyness
against a hand-worked example, the project's stop lists, and the word cloud.

The brute force shares nothing with the engine but the tokenizer's definition of a word
(``WORD``, ``fold``) and the stemmer: it walks every text character by character coverage,
so a word counts in a coded segment or a turn only when every one of its characters is covered.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import Stemmer

from fieldkit import Project
from fieldkit.analysis.words import keyness, log_likelihood, word_list
from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import ImportedDocument, Turn
from fieldkit.exporters.word_cloud import layout, word_cloud
from fieldkit.index.words import WORD, fold
from fieldkit.operations.words import complement, intersected, merged

VOCABULARY = ["kantbank", "Kantbank", "kantbanken", "coördinatie", "Coördinatie",
              "coo\u0308rdinatie", "één", "Een", "de", "het", "werk", "werken", "werkt", "Werk",
              "gewerkt", "Straße", "strasse", "leren", "leert", "geleerd", "machine",
              "machines", "café", "Cafe", "planner", "2026", "12", "ok", "we", "the", "learning",
              "learned", "naïef", "zo'n", "collega's", "x", "ij", "ﬁets", "ﬁetsen", "x²y",
              "Ⅻ", "ǅemal", "ΣΊΣΥΦΟΣ", "İstanbul"]
NOISE = [" ", " ", " ", ", ", ".\r\n", "\r\n", " 👍 ", " 🙂", "\t", " — ", "!", " (", ") "]


def random_text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(VOCABULARY) + rng.choice(NOISE) for _ in range(words))


@dataclass
class Study:
    project: Project
    texts: dict[int, str]
    sites: dict[int, str]
    codes: dict[str, list[tuple[int, int, int]]]  # code -> (doc, start, end)
    turns: dict[str, list[tuple[int, int, int]]]  # speaker -> (doc, start, end)


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Study]:
    rng = random.Random(29)
    with Project.create(tmp_path / "Woorden.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        # codes, memos and coding memos are rows of the index too, but no document's words
        p.add_code("Leren", definition="Kantbank werk en leren")
        p.add_code("Machines", example="De kantbanken werken")
        texts: dict[int, str] = {}
        sites: dict[int, str] = {}
        codes: dict[str, list[tuple[int, int, int]]] = {"Leren": [], "Machines": []}
        turns: dict[str, list[tuple[int, int, int]]] = {}
        for i in range(14):
            site = "Oost" if i % 2 else "West"
            if i % 3 == 0:  # a transcript of alternating speakers
                pieces = [random_text(rng, rng.randint(3, 20)) for _ in range(6)]
                text = "\n".join(pieces)
                spoken, at = [], 0
                for k, piece in enumerate(pieces):
                    spoken.append(Turn(at, at + len(piece), ("Sanne de Vries", "Kees")[k % 2]))
                    at += len(piece) + 1
                doc = p.imports.document(ImportedDocument("transcript", f"Gesprek {i}", text,
                                                          turns=spoken), site=site).id
                for t in p.turns(doc):  # as stored (line breaks may be normalised)
                    turns.setdefault(t.speaker, []).append((doc, t.start, t.end))
            else:
                text = random_text(rng, rng.randint(0 if i == 4 else 5, 80))
                doc = p.add_note(site=site, title=f"Notitie {i}", text=text).id if text \
                    else p.add_note(site=site, title="Leeg", text="").id
            text = p.document(doc).text  # as stored
            assert "\r" in text or i == 4 or "\n" in text
            texts[doc], sites[doc] = text, site
            for name in ("Leren", "Machines"):
                for _ in range(rng.randint(0, 3)):
                    if len(text) > 2:
                        a = rng.randrange(len(text) - 1)
                        b = rng.randint(a + 1, min(len(text), a + 60))
                        p.code_text(doc, a, b, name, coder=rng.choice(["Anouk", "Bram"]),
                                    memo="kantbank werkt, coördinatie" if i % 2 else "")
                        codes[name].append((doc, a, b))
        p.memos.set_document_memo(next(iter(texts)), "Kantbank, werk en machines")
        yield Study(p, texts, sites, codes, turns)


def covered(spans: list[tuple[int, int, int]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for doc, start, end in spans:
        out.setdefault(doc, set()).update(range(start, end))
    return out


def brute(study: Study, *, docs: set[int] | None = None,
          cover: dict[int, set[int]] | None = None, min_length: int = 3,
          stop: frozenset[str] | None = None) -> tuple[list[tuple[Any, ...]], int, int]:
    """Every stem group as (word, stem, count, documents, variants) in the engine's order,
    the number of documents holding a word and the words counted."""
    stop = study.project.analysis.words.stop_set() if stop is None else stop
    stemmer = Stemmer.Stemmer("dutch")
    forms: dict[str, Counter[str]] = {}
    in_docs: dict[str, set[int]] = {}
    documents = 0
    for doc, text in study.texts.items():
        if docs is not None and doc not in docs:
            continue
        if cover is not None and doc not in cover:
            continue
        words = []
        for m in WORD.finditer(text):
            if cover is not None and not all(k in cover[doc] for k in range(*m.span())):
                continue
            if fold(m.group()):
                words.append(fold(m.group()))
        if words:
            documents += 1
        for w in words:
            if len(w) >= min_length and w not in stop and not w.isdigit():
                s = stemmer.stemWord(w)
                forms.setdefault(s, Counter())[w] += 1
                in_docs.setdefault(s, set()).add(doc)
    rows = []
    for s, found in forms.items():
        variants = sorted(found.items(), key=lambda f: (-f[1], f[0]))
        rows.append((variants[0][0], s, sum(found.values()), len(in_docs[s]), variants))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return rows, documents, sum(r[2] for r in rows)


def engine_rows(found: Any) -> list[tuple[Any, ...]]:
    return [(r.word, r.stem, r.count, r.documents, r.variants) for r in found.rows]


def test_counts_equal_a_brute_force_count_of_the_texts(study: Study) -> None:
    words = study.project.analysis.words
    found = words.frequencies(top=None)
    rows, documents, counted = brute(study)
    assert engine_rows(found) == rows
    assert (found.documents, found.words, found.distinct) == (documents, counted, len(rows))
    assert all(math.isclose(r.share, r.documents / documents) for r in found.rows)
    assert any(len(r.variants) > 2 for r in found.rows)  # stems do group forms
    # "coördinatie" with a combining diaeresis, "Coördinatie" and "coördinatie" are one word
    row = next(r for r in found.rows if r.word == "coordinatie")
    assert row.variants == [("coordinatie", row.count)]
    # a short list's documents are counted by the index (a lookup per row), a long one's here
    top = words.frequencies(top=5, min_length=5)
    assert engine_rows(top) == brute(study, min_length=5)[0][:5]
    assert engine_rows(words.frequencies(top=200)) == rows[:200]


def test_sites_codes_and_speakers_equal_the_brute_force(study: Study) -> None:
    words = study.project.analysis.words
    oost = {d for d, s in study.sites.items() if s == "Oost"}
    assert engine_rows(words.frequencies(top=None, site="Oost")) == brute(study, docs=oost)[0]
    assert engine_rows(words.frequencies(top=12, site="Oost")) == \
        brute(study, docs=oost)[0][:12]
    for code in ("Leren", "Machines"):
        found = words.frequencies(top=None, code=code)
        rows, documents, _ = brute(study, cover=covered(study.codes[code]))
        assert engine_rows(found) == rows and found.documents == documents
    sanne = covered(study.turns["Sanne de Vries"])
    assert engine_rows(words.frequencies(top=None, speaker="sanne")) == \
        brute(study, cover=sanne)[0]
    # a code's segments spoken by one speaker at one site: every character covered by all
    machines = covered(study.codes["Machines"])
    both = {d: machines[d] & sanne[d] for d in machines if d in sanne}
    assert engine_rows(words.frequencies(top=None, code="Machines", speaker="Sanne de Vries",
                                         site="Oost")) == \
        brute(study, docs=oost, cover=both)[0]


def test_the_rest_is_every_other_word(study: Study) -> None:
    words = study.project.analysis.words
    leren = words.frequencies(top=None, code="Leren")
    cover = covered(study.codes["Leren"])
    # the rest: every character outside the code's segments
    rest = {d: set(range(len(t))) - cover.get(d, set()) for d, t in study.texts.items()}
    found = words.compare("rest", top=None, code="Leren")
    expected_b = {r[1]: r[2] for r in brute(study, cover=rest)[0]}
    assert {r.stem: r.count_b for r in found.rows if r.count_b} == expected_b
    assert {r.stem: r.count_a for r in found.rows if r.count_a} == \
        {r.stem: r.count for r in leren.rows}
    west = words.compare("site:West", top=None, site="Oost")
    assert west.label_a == "site Oost" and west.label_b == "site West"
    assert west.words_a + west.words_b == words.frequencies(top=None).words
    with pytest.raises(BadInput, match="not a group"):
        words.compare("plaats:West")
    with pytest.raises(BadInput, match="rest of all documents"):
        words.compare("rest")
    with pytest.raises(NotFound):
        words.compare("site:Noord", site="Oost")


def test_log_likelihood_by_hand() -> None:
    """A word 10 times in 100 words of A and 2 times in 200 words of B:
    E1 = 100 × 12 / 300 = 4, E2 = 200 × 12 / 300 = 8,
    G² = 2 × (10 ln(10/4) + 2 ln(2/8)) = 2 × (9.1629073 − 2.7725887) = 12.7806372."""
    assert log_likelihood(10, 2, 100, 200) == pytest.approx(12.7806372, abs=1e-6)
    # absent from B: G² = 2 × 5 ln(5 / (50 × 5 / 150)) = 10 ln 3 = 10.986123
    assert log_likelihood(5, 0, 50, 100) == pytest.approx(10.986123, abs=1e-6)
    assert log_likelihood(4, 8, 100, 200) == pytest.approx(0.0)  # the same rate
    a = ["kantbank " * 10 + "planner " * 90]
    b = ["kantbank " * 2 + "planner " * 198]
    found = keyness(a, b, lambda w: w, frozenset(), top=None)
    first = found.rows[0]
    assert (first.word, first.count_a, first.count_b, first.more_in) == ("kantbank", 10, 2, "A")
    assert first.log_likelihood == pytest.approx(12.7806372, abs=1e-6)
    assert found.rows[1].word == "planner" and found.rows[1].more_in == "B"


def test_stop_words_are_kept_with_the_project(study: Study) -> None:
    words = study.project.analysis.words
    assert "de" in words.stop_words("nl") and "the" in words.stop_words("en")
    assert "kantbank" not in words.stop_words("nl")
    before = {r.word for r in words.frequencies(top=None).rows}
    assert "kantbank" in before and "werk" in before
    words.add_stop_words("nl", ["Kantbank", "wérk"])  # folded as the index folds
    path = study.project.path
    study.project.close()
    with Project.open(path) as again:
        kept = again.analysis.words
        assert kept.stop_words("nl")[-2:] == ["kantbank", "werk"]
        found = {r.stem: r for r in kept.frequencies(top=None).rows}
        assert "kantbank" not in {v for r in found.values() for v, _ in r.variants}
        # "werken" stays, grouped under its stem without the stopped form "werk"
        assert [v for v, _ in found["werk"].variants if v == "werk"] == []
        kept.remove_stop_words("nl", ["kantbank"])
        assert "kantbank" not in kept.stop_words("nl") and "werk" in kept.stop_words("nl")
        assert "werk" not in kept.reset_stop_words("nl")
        assert kept.stop_words("nl") == again.analysis.words.stop_words("nl")
        with pytest.raises(BadInput, match="no stop list"):
            kept.stop_words("de")


def test_bad_choices_are_one_line(study: Study) -> None:
    words = study.project.analysis.words
    with pytest.raises(BadInput, match="No turns of a speaker 'Piet'.*Kees"):
        words.frequencies(speaker="Piet")
    with pytest.raises(NotFound):
        words.frequencies(code="Bestaat niet")
    with pytest.raises(BadInput, match="--top"):
        words.frequencies(top=0)


def test_span_helpers() -> None:
    assert merged([(5, 9), (0, 5), (20, 30), (22, 25)]) == [(0, 9), (20, 30)]
    assert intersected([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert complement([(0, 5), (8, 9)]) == [(5, 8), (9, 2**32)]


def test_word_list_of_nothing() -> None:
    found = word_list(["", "  "], lambda w: w, frozenset())
    assert (found.rows, found.documents, found.words) == ([], 0, 0)


# -- the word cloud ------------------------------------------------------------------------------


def test_the_cloud_is_seeded_and_no_two_words_overlap() -> None:
    rng = random.Random(3)
    words = [("".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 12))),
              int(900 / (i + 1)) + 1) for i in range(120)]
    placed = layout(words)
    assert placed == layout(words)  # the same words, the same picture
    assert word_cloud("t", words).svg() == word_cloud("t", words).svg()
    assert len(placed) >= 100
    for i, a in enumerate(placed):
        assert 0 <= a.x and a.x + a.w <= 800 and 36 <= a.y and a.y + a.h <= 480
        for b in placed[i + 1:]:
            assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y \
                or b.y + b.h <= a.y, (a, b)
    sizes = {p.word: p.size for p in placed}
    assert sizes[placed[0].word] == max(sizes.values())  # the most frequent is the largest
    assert layout(words, seed=4) != placed


def test_cloud_of_a_project_as_png_and_svg(study: Study, tmp_path: Path) -> None:
    words = study.project.analysis.words
    shown = [r.word for r in words.frequencies(top=30).rows]
    svg = words.cloud(top=30).save(tmp_path / "c.svg").read_text(encoding="utf-8")
    drawn = re.findall(r'font-size="\d+">([^<]+)</text>', svg)
    assert sorted(drawn) == sorted(shown)
    png = words.cloud(top=30).save(tmp_path / "c.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == words.cloud(top=30).png()
    with pytest.raises(BadInput):
        words.cloud().save(tmp_path / "c.jpg")
    assert not (tmp_path / "c.jpg").exists()


def test_a_pseudonymised_cloud_and_list_name_no_one(tmp_path: Path) -> None:
    from fieldkit.exporters.pseudonyms import masker_for

    text = ("Monique van der Wal laat de kantbank zien. monique werkt al jaren met de "
            "kantbank; Van der Wal zegt: de kantbank van Monique. Bakker Monique kantbank.")
    with Project.create(tmp_path / "Namen.fieldkit", language="nl") as p:
        p.add_note(site="Oost", title="Notitie", text=text)
        p.add_note(site="Oost", title="Ander", text="Monique monique MONIQUE jaren")
        with p._store.change("Names"):
            p._store.add_participant("Kees Verhoeven", name="Monique van der Wal")
        plain = {r.word for r in p.analysis.words.frequencies(top=None, min_length=1).rows}
        assert {"monique", "wal"} <= plain
        mask = masker_for(p, pseudonymise=True)
        hidden = p.analysis.words.frequencies(top=None, min_length=1, mask=mask)
        forms = {v for r in hidden.rows for v, _ in r.variants}
        assert not {"monique", "wal", "Monique"} & forms
        assert "kantbank" in forms and "jaren" in forms
        svg = p.analysis.words.cloud(min_length=1, mask=mask).svg()
        assert "onique" not in svg.lower() and "wal" not in svg.lower()
        assert "Kees" in svg or "kees" in svg
        # the same cloud unmasked names her: the check above can fail
        assert "monique" in p.analysis.words.cloud(min_length=1).svg()


def test_the_word_report_holds_a_word_cloud(study: Study, tmp_path: Path) -> None:
    import docx

    out = study.project.exports.docx(tmp_path / "r.docx", charts=["words"])
    document = docx.Document(str(out))
    assert "Most frequent words" in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 1

