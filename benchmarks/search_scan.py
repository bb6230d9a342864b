"""The baselines the search benchmark measures fieldkit against: a competent scan and a naive one.

The competent scan is what a good engineer writes without an index: every searchable text
(document texts and captions, document memos, coding memos, code descriptions) is read and
folded (lower case, no diacritics, same length) into memory once, with each text's filter facts
(site, kind, date), each document's turns, participant and codings. A query is read with
fieldkit's own parser (reading a query is not what is measured); each phrase becomes a regular
expression over the folded texts that matches every word form of the corpus with the same stem
(bare words, as fieldkit stems them) or the same folded form (quoted phrases, prefixes), and a
substring test on those forms skips texts that cannot hold a hit before any regex runs. Filters
``code:``, ``coder:`` and ``speaker:`` look for all the words inside one coded segment or turn
(a hit must lie wholly inside), as fieldkit does; ``set:`` keeps the texts and memos of the
set's documents (read once too). It returns the same things: the total, the top ``limit`` (by
how often the words occur, not bm25) with a snippet each, and keeps every hit it found (its
unit, as ``fieldkit.index.fts.Matched.unit`` counts them, and the first position) in ``last``
so the benchmark can compare whole result sets. ``speaker:`` or ``code:`` alone (no words) lists
the turns or segments from the same memory (``listing``): a loop over every document's turns or
codings.

The naive scan (what QualCoder does, the earlier baseline) reads every text from the database
for every query and runs a case-insensitive regex per word over it, without folding, stemming,
a prefilter or regions; its hit counts are not comparable and it is shown only for reference.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.index.meta import date_words, row_words
from fieldkit.index.query import Leaf, Query
from fieldkit.index.regions import person_word
from fieldkit.index.words import WORD, Analyser

CONTEXT = 60
_SEP = r"[\W_]+"
_NOT_WORD_BEFORE, _NOT_WORD_AFTER = r"(?<![^\W_])", r"(?![^\W_])"


def fold_same_length(text: str) -> str:
    """Lower case without diacritics, one character for one (so positions stay valid)."""
    out = []
    for c in text:
        if c.isascii():
            out.append(c.lower())
            continue
        low = c.lower()
        base = unicodedata.normalize("NFD", low)[:1] if len(low) == 1 else c
        out.append(base if len(base) == 1 else c)
    return "".join(out)


@dataclass
class Text:
    """One searchable text as the scan keeps it."""

    unit: int  # what a hit counts as (a document's text, or the row itself; negative)
    body: str
    folded: str
    facts: set[str]  # fieldkit's filter words for this text (site, kind, date)
    document_id: int | None = None
    coding: tuple[int, int] | None = None  # (code, coder) of a coding memo


@dataclass
class Document:
    text: Text
    person: str = ""  # the participant's person word
    turns: list[tuple[int, int, str]] = field(default_factory=list)
    codings: list[tuple[int | None, int | None, int, int]] = field(default_factory=list)


class CompetentScan:
    """Texts in memory, folded once; a substring prefilter, then regular expressions."""

    def __init__(self, db: Path, analyser: Analyser) -> None:
        self.an = analyser
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        day = ("coalesce((SELECT date FROM visits v WHERE v.id = d.visit_id), "
               "substr(d.created, 1, 10))")
        person = "(SELECT pseudonym FROM participants p WHERE p.id = d.participant_id)"
        self.texts: list[Text] = []
        self.documents: dict[int, Document] = {}
        by_stem: dict[str, set[str]] = defaultdict(set)
        by_fold: dict[str, set[str]] = defaultdict(set)

        def add(unit: int, body: str, facts: str, **kw: Any) -> Text:
            folded = fold_same_length(body)
            for raw, lp in zip(WORD.findall(body), WORD.findall(folded), strict=False):
                f, s = analyser.word(raw)
                by_stem[s].add(lp)
                by_fold[f].add(lp)
            t = Text(unit, body, folded, set(facts.split()), **kw)
            self.texts.append(t)
            return t

        for doc, text, memo, kind, site, when, who in conn.execute(
                f"SELECT d.id, d.text, d.memo, d.kind, d.site_id, {day}, {person} "
                "FROM documents d"):
            field_ = "caption" if kind == "photo" else "text"
            if text:
                t = add(doc, text, row_words(field_, kind, site, when), document_id=doc)
                self.documents[doc] = Document(t, person_word(who))
            if memo:
                add(-(doc * 8 + 1), memo, row_words("memo", kind, site, when), document_id=doc)
        for key, doc, start, end, code, coder, memo, kind, site, when in conn.execute(
                f"SELECT c.id, c.document_id, c.start, c.end, c.code_id, c.coder_id, c.memo, "
                f"d.kind, d.site_id, {day} FROM codings c JOIN documents d "
                "ON d.id = c.document_id"):
            if doc in self.documents:
                self.documents[doc].codings.append((start, end, code, coder))
            if memo:
                add(-(key * 8 + 2), memo, row_words("coding memo", kind, site, when),
                    document_id=doc, coding=(code, coder))
        for doc, start, end, speaker in conn.execute(
                "SELECT document_id, start, end, speaker FROM turns"):
            if doc in self.documents:
                self.documents[doc].turns.append((start, end, person_word(speaker)))
        for key, name, definition, inclusion, exclusion, example, memo in conn.execute(
                "SELECT id, name, definition, inclusion, exclusion, example, memo FROM codes"):
            body = "\n".join((name, definition, inclusion, exclusion, example, memo))
            add(-(key * 8 + 3), body, row_words("code", "code", None, None))
        self.sites = dict(conn.execute("SELECT id, name FROM sites").fetchall())
        self.coders = dict(conn.execute("SELECT id, name FROM coders").fetchall())
        self.codes = {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT id, name, parent_id FROM codes")}
        self.sets: dict[str, set[int]] = defaultdict(set)
        try:
            for name, doc in conn.execute(
                    "SELECT s.name, m.document_id FROM sets s JOIN set_members m "
                    "ON m.set_id = s.id WHERE s.kind = 'documents'"):
                self.sets[name.casefold()].add(doc)
        except sqlite3.OperationalError:  # a project without sets yet
            pass
        conn.close()
        self.last: list[tuple[int, int]] = []  # (unit, first position) of every hit
        self.by_stem = {k: sorted(v, key=len, reverse=True) for k, v in by_stem.items()}
        self.by_fold = {k: sorted(v, key=len, reverse=True) for k, v in by_fold.items()}

    # -- one query ----------------------------------------------------------------------------

    def _pattern(self, leaf: Leaf) -> tuple[re.Pattern[str] | None, list[str]]:
        """The regex of one phrase and the substrings one of which a text must hold."""
        parts, needles = [], []
        for i, token in enumerate(leaf.tokens):
            last = i == len(leaf.tokens) - 1
            if leaf.prefix and last:
                parts.append(re.escape(token) + r"[^\W_]*")
                forms = [token]
            else:
                forms = (self.by_stem if leaf.column == "stems" else self.by_fold).get(token, [])
                if not forms:
                    return None, []
                parts.append("(?:" + "|".join(map(re.escape, forms)) + ")")
            if i == 0:
                needles = forms
        tail = "" if leaf.prefix else _NOT_WORD_AFTER
        return re.compile(_NOT_WORD_BEFORE + _SEP.join(parts) + tail), needles

    def _codes_below(self, refs: list[str]) -> set[int]:
        def path(c: int) -> str:
            name, parent = self.codes[c]
            return f"{path(parent)}/{name}" if parent else name

        found = {c for c in self.codes for ref in refs
                 if ref.strip().strip("/").casefold() in (self.codes[c][0].casefold(),
                                                          path(c).casefold())}
        grew = True
        while grew:
            more = {c for c, (_, parent) in self.codes.items() if parent in found} - found
            grew = bool(more)
            found |= more
        return found

    def search(self, query: Query, limit: int) -> tuple[int, list[str]]:
        """(total, snippets of the top ``limit``) for a parsed query."""
        compiled = [self._pattern(leaf) for leaf in query.leaves]
        if not compiled or any(p is None for p, _ in compiled):
            self.last = []
            return 0, []
        f = query.filters
        facts: list[set[str]] = []
        if "site" in f:
            facts.append({f"s{i}" for i, name in self.sites.items()
                          if any(v.casefold() in name.casefold() for v in f["site"])})
        if "kind" in f:
            facts.append({f"k{k}" for k in f["kind"]})
        if "after" in f or "before" in f:
            facts.append(set(date_words(max(f["after"]) if "after" in f else None,
                                        min(f["before"]) if "before" in f else None)))
        codes = self._codes_below(f["code"]) if "code" in f else None
        coders = {i for i, n in self.coders.items()
                  if any(v.casefold() == n.casefold() for v in f["coder"])} \
            if "coder" in f else None
        speakers = [person_word(v) for v in f.get("speaker", [])]
        regional = codes is not None or coders is not None or bool(speakers)
        members: set[int] | None = None
        if "set" in f:
            members = set().union(*(self.sets.get(v.casefold(), set()) for v in f["set"]))
        found: list[tuple[int, Text, int]] = []  # (-score, text, position)

        def wanted(t: Text) -> bool:
            if members is not None and (t.document_id not in members or t.coding is not None):
                return False
            return all(t.facts & any_of for any_of in facts)

        def first_in(t: Text, lo: int, hi: int) -> tuple[int, int] | None:
            """(position, count) of the phrases all found wholly inside [lo, hi)."""
            best, count = None, 0
            folded = t.folded
            whole = lo == 0 and hi == len(folded)
            for pattern, needles in compiled:
                window = folded if whole else folded[lo:hi]
                if not any(n in window for n in needles):
                    return None
                assert pattern is not None
                # a word cut by the region's end is not inside it
                hits = [m for m in pattern.finditer(folded, lo, hi)
                        if m.end() < hi or hi == len(folded) or not folded[hi].isalnum()]
                if not hits:
                    return None
                count += len(hits)
                best = hits[0].start() if best is None else min(best, hits[0].start())
            assert best is not None
            return best, count

        for t in self.texts:
            if not wanted(t):
                continue
            if not regional:
                if any(not any(n in t.folded for n in needles) for _, needles in compiled):
                    continue
                got = first_in(t, 0, len(t.folded))
                if got:
                    found.append((-got[1], t, got[0]))
                continue
            if t.coding is not None and not speakers:
                code, coder = t.coding
                if (codes is None or code in codes) and (coders is None or coder in coders):
                    got = first_in(t, 0, len(t.folded))
                    if got:
                        found.append((-got[1], t, got[0]))
                continue
            if t.unit < 0:
                continue
            doc = self.documents[t.unit]
            regions: list[tuple[int, int]] = []
            if codes is not None or coders is not None:
                regions = [(s if s is not None else 0, e if e is not None else len(t.body))
                           for s, e, code, coder in doc.codings
                           if (codes is None or code in codes)
                           and (coders is None or coder in coders)]
            elif any(doc.person.startswith(p) for p in speakers):
                regions = [(0, len(t.body))]
            else:
                regions = [(s, e) for s, e, who in doc.turns
                           if any(who.startswith(p) for p in speakers)]
            best: tuple[int, int] | None = None
            for lo, hi in regions:
                got = first_in(t, lo, hi)
                if got and (best is None or got[0] < best[0]):
                    best = got
            if best:
                found.append((-best[1], t, best[0]))
        found.sort(key=lambda r: r[0])
        self.last = [(t.unit, pos) for _, t, pos in found]
        snippets = [t.body[max(0, pos - CONTEXT):pos + CONTEXT] for _, t, pos in found[:limit]]
        return len(found), snippets


    def listing(self, query: Query, limit: int) -> tuple[int, list[str]]:
        """``speaker:`` or ``code:``/``coder:`` alone: every turn of the speakers (and the
        whole text, without turns, of such a participant's document) or every segment of the
        codes (with the codes below them) and coders, in text order; an area coding counts
        as its document's whole text. Both: the part of each segment inside the speakers'
        turns (whole in such a participant's text without turns). (total, a shortened
        snippet of each of the first ``limit``); ``last`` keeps (document, start) of every
        one."""
        f = query.filters
        codes = self._codes_below(f["code"]) if "code" in f else None
        coders = {i for i, n in self.coders.items()
                  if any(v.casefold() == n.casefold() for v in f["coder"])} \
            if "coder" in f else None
        speakers = [person_word(v) for v in f.get("speaker", [])]
        found: list[tuple[int, int, int]] = []
        for key in sorted(self.documents):
            doc = self.documents[key]
            size = len(doc.text.body)
            if codes is not None or coders is not None:
                segments = [(key, 0 if s is None else s, size if e is None else e)
                            for s, e, code, coder in doc.codings
                            if (codes is None or code in codes)
                            and (coders is None or coder in coders)]
                if speakers and doc.turns:  # the part of each inside the speakers' turns
                    segments = [(key, max(s, ts), min(e, te)) for _, s, e in segments
                                for ts, te, who in doc.turns
                                if any(who.startswith(p) for p in speakers)]
                elif speakers and not any(doc.person.startswith(p) for p in speakers):
                    segments = []
                found += segments
            elif doc.turns:
                found += [(key, s, e) for s, e, who in doc.turns
                          if any(who.startswith(p) for p in speakers)]
            elif any(doc.person.startswith(p) for p in speakers):
                found.append((key, 0, size))
        found = sorted(x for x in found if x[1] < x[2])
        self.last = [(doc, start) for doc, start, _ in found]
        snippets = []
        for doc, start, end in found[:limit]:
            body = self.documents[doc].text.body
            middle = " ".join(body[start:end].split())
            if len(middle) > 113:
                middle = middle[:80] + " … " + middle[-30:]
            snippets.append(body[max(0, start - CONTEXT):start] + middle
                            + body[end:end + CONTEXT])
        return len(found), snippets


class NaiveScan:
    """Every text read from the database for every query; a case-insensitive regex per word."""

    def __init__(self, db: Path) -> None:
        self.db = db

    def search(self, text: str, limit: int) -> int:
        filters = dict(re.findall(r"(\w+):(\"[^\"]*\"|\S+)", text))
        rest = re.sub(r"\w+:(\"[^\"]*\"|\S+)", " ", text)
        patterns = []
        for phrase, word in re.findall(r'"([^"]*)"|(\S+)', rest):
            if phrase:
                patterns.append(re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split()))
                                           + r"\b", re.I))
            elif word.endswith("*"):
                patterns.append(re.compile(r"\b" + re.escape(word[:-1]) + r"\w*", re.I))
            else:
                patterns.append(re.compile(r"\b" + re.escape(word) + r"\b", re.I))
        site = filters.get("site", "").strip('"').lower()
        kind = filters.get("kind")
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        hits, snippets = 0, []
        for body, name, doc_kind in conn.execute(
                "SELECT d.text, s.name, d.kind FROM documents d "
                "LEFT JOIN sites s ON s.id = d.site_id"):
            if site and site not in (name or "").lower() or kind and kind != doc_kind:
                continue
            found = [p.search(body) for p in patterns]
            if found and all(found):
                hits += 1
                m = found[0]
                assert m is not None
                if len(snippets) < limit:
                    snippets.append(body[max(0, m.start() - CONTEXT):m.end() + CONTEXT])
        conn.close()
        return hits
