"""Codings land exactly on the sentences they were written for; turns slice to speaker lines."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from fieldkit.demo import DemoCoding, DemoStudy

TURN_LINE = re.compile(r"^\[(\d{2}):(\d{2}):(\d{2})\] $")


def test_every_coding_is_inside_its_text_and_trimmed(small: DemoStudy,
                                                    mini_large: DemoStudy) -> None:
    for study in (small, mini_large):
        for c in text_codings(study):
            text = study.documents[c.doc_index].text
            assert 0 <= c.start < c.end <= len(text)
            quote = text[c.start : c.end]
            assert quote == quote.strip() and "\n" not in quote, quote


def text_codings(study: DemoStudy) -> list[DemoCoding]:
    """The codings of text spans (photo regions have no span)."""
    return [c for c in study.codings if c.region is None]


def test_anouk_codes_whole_sentences(small: DemoStudy) -> None:
    for c in text_codings(small):
        if c.coder == "Anouk":
            text = small.documents[c.doc_index].text
            assert (c.start, c.end) == c.source
            sentence = text[c.start : c.end]
            assert sentence[0].isupper() or sentence.startswith("'s "), sentence
            assert sentence[-1] in ".!?", sentence


def test_bram_stays_near_his_source_sentence(small: DemoStudy) -> None:
    for c in text_codings(small):
        if c.coder == "Bram":
            s_start, s_end = c.source
            assert c.start < s_end and s_start < c.end  # overlaps the sentence


def test_code_paths_are_leaves_of_the_codebook(small: DemoStudy,
                                               mini_large: DemoStudy) -> None:
    for study in (small, mini_large):
        paths = {c.path for c in study.codes}
        parents = {p.rsplit("/", 1)[0] for p in paths if "/" in p}
        for c in study.codings:
            assert c.code_path in paths and c.code_path not in parents


def test_two_coders_partly_agree(small: DemoStudy) -> None:
    assert small.coders == ["Anouk", "Bram"]
    by_coder: dict[str, set[tuple[int, int, int, str]]] = defaultdict(set)
    codings = text_codings(small)
    for c in codings:
        by_coder[c.coder].add((c.doc_index, c.start, c.end, c.code_path))
    anouk, bram = by_coder["Anouk"], by_coder["Bram"]
    exact = len(anouk & bram) / len(anouk)
    assert 0.25 < exact < 0.8  # same code and same boundaries for a good share, not all
    anouk_sources = {(c.doc_index, c.source): c.code_path for c in codings
                     if c.coder == "Anouk"}
    bram_on_hers = [c for c in codings
                    if c.coder == "Bram" and (c.doc_index, c.source) in anouk_sources]
    same_code = sum(anouk_sources[(c.doc_index, c.source)] == c.code_path for c in bram_on_hers)
    assert 0.55 < same_code / len(anouk_sources) < 0.85
    assert len(bram_on_hers) < len(anouk_sources)
    shifted = [c for c in bram_on_hers if (c.start, c.end) != c.source]
    assert shifted
    own = [c for c in codings if c.coder == "Bram" and (c.doc_index, c.source)
           not in anouk_sources]
    assert own


def test_codes_follow_their_vocabulary(small: DemoStudy) -> None:
    quotes: dict[str, list[str]] = defaultdict(list)
    for c in text_codings(small):
        if c.coder == "Anouk":
            quotes[c.code_path].append(small.documents[c.doc_index].text[c.start : c.end].lower())
    peer = quotes["Learning/Informal/Peer help"]
    trial = quotes["Learning/Informal/Trial and error"]
    assert peer and trial
    peer_words = ("help", "hielp", "legt", "legde", "uitleg", "liet me zien", "voorgedaan",
                  "shows", "doet")
    trial_words = ("probe", "prob", "fout", "mis", "tries", "test", "attempt", "vallen")
    assert sum(any(w in q for w in peer_words) for q in peer) / len(peer) > 0.7
    assert sum(any(w in q for w in trial_words) for q in trial) / len(trial) > 0.7


def test_transcript_turns_slice_to_speaker_lines(small: DemoStudy,
                                                 mini_large: DemoStudy) -> None:
    for study in (small, mini_large):
        for d in study.documents:
            if d.kind != "transcript":
                assert not d.turns
                continue
            assert d.turns and d.participant
            speakers = Counter(t.speaker for t in d.turns)
            assert set(speakers) == {"Interviewer", d.participant.split()[0]}
            previous = -1.0
            for t in d.turns:
                line = d.text[t.start : t.end]
                assert line.startswith(f"{t.speaker}: ") and "\n" not in line
                assert t.end == len(d.text) or d.text[t.end] == "\n"
                stamp = TURN_LINE.match(d.text[max(0, t.start - 11) : t.start])
                assert stamp, d.text[t.start - 11 : t.end]
                h, m, s = map(int, stamp.groups())
                assert t.t_start is not None and int(t.t_start) == h * 3600 + m * 60 + s
                assert t.t_end is not None and t.t_end >= t.t_start > previous
                previous = t.t_start
            assert len(d.text.splitlines()) == len(d.turns)


def test_codings_are_memoed_sometimes(small: DemoStudy) -> None:
    memos = [c.memo for c in small.codings if c.memo]
    assert 0 < len(memos) < len(small.codings) // 5
