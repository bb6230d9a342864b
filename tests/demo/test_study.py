"""The demo study's shape: sizes, cast, codebook, and that everything points somewhere real."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from fieldkit.core.model import DOCUMENT_KINDS
from fieldkit.demo import DemoStudy, generate

ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def test_same_seed_same_study(small: DemoStudy) -> None:
    again = generate("small", seed=7)
    assert again == small
    assert [d.photo for d in again.documents] == [d.photo for d in small.documents]


def test_other_seed_other_study(small: DemoStudy) -> None:
    other = generate("small", seed=8)
    assert [d.text for d in other.documents] != [d.text for d in small.documents]


def test_small_sizes(small: DemoStudy) -> None:
    kinds = Counter(d.kind for d in small.documents)
    assert len(small.sites) == 3
    assert 6 <= len(small.visits) <= 10
    assert len(small.participants) == 12
    assert 50 <= len(small.documents) <= 70
    assert kinds["transcript"] == 3
    assert kinds["photo"] == 8
    assert kinds["fieldnote"] >= 10 and kinds["esm"] >= 20 and kinds["memo"] >= 4
    assert 600 <= len(small.codings) <= 1100
    for d in small.documents:
        if d.kind == "transcript":
            assert 1500 <= len(d.text.split()) <= 4200, d.title


def test_large_in_miniature_keeps_its_proportions(mini_large: DemoStudy) -> None:
    kinds = Counter(d.kind for d in mini_large.documents)
    assert len(mini_large.sites) == 5
    assert 80 <= len(mini_large.documents) <= 120
    assert kinds["esm"] > kinds["fieldnote"] > kinds["memo"] > kinds["transcript"] > 1
    long = [d for d in mini_large.documents if d.title == "Interview Sanne de Vries (lang)"]
    assert len(long) == 1 and long[0].kind == "transcript"


def test_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown demo size"):
        generate("huge")


def test_documents_point_to_the_cast(small: DemoStudy, mini_large: DemoStudy) -> None:
    for study in (small, mini_large):
        sites = {s.name for s in study.sites}
        visits = {(v.site, v.date) for v in study.visits}
        pseudonyms = {p.pseudonym for p in study.participants}
        assert len(pseudonyms) == len(study.participants)
        for d in study.documents:
            assert d.kind in DOCUMENT_KINDS
            assert d.title and d.text and not d.text[0].isspace() and not d.text[-1].isspace()
            assert d.site is None or d.site in sites
            assert d.visit_date is None or (d.site, d.visit_date) in visits
            assert d.participant is None or d.participant in pseudonyms
            assert ISO_Z.match(d.created), d.created
        assert [d.created for d in study.documents] == sorted(d.created for d in study.documents)


def test_participants_have_attributes_and_a_real_name(small: DemoStudy) -> None:
    for p in small.participants:
        a = p.attributes
        assert set(a) == {"department", "tenure_years", "shift", "age_group"}
        assert isinstance(a["tenure_years"], int) and a["tenure_years"] >= 0
        assert p.name and p.name != p.pseudonym and " " in p.name
    # the real first names leak into some texts, so pseudonymisation has work to do
    real_firsts = {p.name.split()[0] for p in small.participants}
    leaking = [d for d in small.documents if any(n in d.text for n in real_firsts)]
    assert leaking


def test_codebook(small: DemoStudy) -> None:
    paths = [c.path for c in small.codes]
    assert len(paths) == len(set(paths))
    assert 25 <= len(paths) <= 36
    assert "Learning/Informal/Peer help" in paths
    for c in small.codes:
        assert re.fullmatch(r"#[0-9a-f]{6}", c.colour, re.IGNORECASE)
        assert c.definition
        if "/" in c.path:  # parents come before children
            assert c.path.rsplit("/", 1)[0] in paths[: paths.index(c.path)]
    assert max(p.count("/") for p in paths) == 2


def test_text_is_dutch_and_english_with_diacritics_and_emoji(small: DemoStudy) -> None:
    everything = "\n".join(d.text for d in small.documents)
    for word in ("coördinatie", "één", "café"):
        assert word in everything
    assert any(ord(ch) > 0xFFFF for d in small.documents if d.kind == "esm" for ch in d.text)
    languages = Counter(d.attributes["language"] for d in small.documents if d.kind == "fieldnote")
    assert languages["nl"] and languages["en"]


def test_fieldnotes_are_timestamped_jottings(small: DemoStudy) -> None:
    note = next(d for d in small.documents if d.kind == "fieldnote")
    jottings = [line for line in note.text.splitlines() if re.match(r"^\d{2}:\d{2} \S", line)]
    assert len(jottings) >= 5


def test_esm_lines(small: DemoStudy) -> None:
    days = Counter((d.participant, d.attributes["date"]) for d in small.documents
                   if d.kind == "esm")
    assert max(days.values()) == 1  # one document per participant and day
    for d in small.documents:
        if d.kind == "esm":
            for line in d.text.split("\n"):
                assert re.match(r"^\d{2}:\d{2} [^—]+\? — \S", line), line


def test_documents_do_not_repeat_sentences_much(small: DemoStudy) -> None:
    for d in small.documents:
        if d.kind in ("fieldnote", "memo"):
            sentences = re.split(r"(?<=[.!?])\s+", d.text)
            repeated = sum(n - 1 for n in Counter(sentences).values() if n > 1)
            assert repeated <= max(2, len(sentences) // 10), d.title
