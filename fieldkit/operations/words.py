"""``project.analysis.words``: word frequencies, keyness and word clouds of chosen material.

The material is a project's texts, or part of them: a site's or a document set's documents,
the text of one code's segments, the turns of one speaker (and any of these together: a code's
segments spoken by one speaker at one site). The speaker labels that open turns (``Kees:``) are
left out everywhere: they say who speaks, not what is said (``labels``). The words are the
search index's own (``fieldkit.analysis.words``); the stop lists are the project's, kept in its
``meta`` table (``stop_words_nl``, ``stop_words_en``), with the lists shipped in
``resources/words`` until a project's list is first changed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from typing import TYPE_CHECKING, Any

from fieldkit.analysis import words as engine
from fieldkit.core.errors import BadInput
from fieldkit.storage import word_rows

if TYPE_CHECKING:
    from fieldkit.exporters.charts import Canvas
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

LANGUAGES = ("nl", "en")
GROUP_KINDS = ("site", "code", "speaker", "set", "case")
INDEX_COUNTED = 200  # rows up to which the index counts each row's documents
_END = 2**32  # past the end of any text (positions are uint32 in the index)
Spans = list[tuple[int, int]]
Masker = Any  # a fieldkit.exporters.pseudonyms.Pseudonymiser (callable, with ``excerpt``)


@dataclass(frozen=True, slots=True)
class Material:
    """What is counted: the documents in ``scope`` (None: all) and, with ``spans``, only the
    parts of them listed (document id → merged, sorted spans); ``label`` says what it is."""

    label: str
    scope: frozenset[int] | None
    spans: dict[int, Spans] | None


@dataclass(slots=True)
class Labels:
    """The speaker labels that open turns (``Kees:``), which are not counted: per document
    their spans, and their folded words (how often, and in which documents)."""

    spans: dict[int, Spans]
    words: Counter[str]
    documents: dict[str, set[int]]
    words_of: dict[int, list[str]] = field(default_factory=dict)  # each document's label words


def without(spans: Spans, labels: Spans | None) -> Spans:
    """``spans`` less the labels in them."""
    return intersected(spans, complement(labels)) if labels else spans


def _within(spans: dict[int, Spans] | None, chosen: dict[int, Spans]) -> dict[int, Spans]:
    """Material's spans kept to ``chosen`` too (``chosen`` itself when there were none)."""
    if spans is None:
        return chosen
    return {d: intersected(s, chosen[d]) for d, s in spans.items() if d in chosen}


def merged(spans: Iterable[tuple[int, int]]) -> Spans:
    """Spans sorted and joined where they overlap or touch."""
    out: Spans = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def intersected(first: Spans, second: Spans) -> Spans:
    """Where two merged span lists overlap."""
    out: Spans = []
    i = j = 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if start < end:
            out.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return out


def complement(spans: Spans) -> Spans:
    """The gaps between merged spans, to the end of any text."""
    out: Spans = []
    at = 0
    for start, end in spans:
        if start > at:
            out.append((at, start))
        at = max(at, end)
    if at < _END:
        out.append((at, _END))
    return out


def words_inside(words: str, packed: bytes, text: str, spans: Spans) -> str:
    """The folded words (of the index's ``words`` and ``offsets`` of ``text``) that lie wholly
    inside ``spans``, space separated."""
    from fieldkit.index.words import unpack, word_end

    folded = words.split(" ") if words else []
    starts = unpack(packed)
    if len(folded) != len(starts):  # never expected: the index's columns are aligned
        raise BadInput("The search index is out of step with the texts; run fieldkit reindex.")
    out: list[str] = []
    for start, end in spans:
        i, j = bisect_left(starts, start), bisect_left(starts, end)
        if j > i and word_end(text, starts[j - 1]) > end:
            j -= 1  # the last word runs past the span's end
        out.extend(folded[i:j])
    return " ".join(w for w in out if w)


def _excerpts(text: str, spans: Spans, mask: Masker) -> list[str]:
    """The pseudonymised text of each span, less a word cut by either end of it (as
    ``words_inside`` counts only the words wholly inside a span)."""
    from fieldkit.index.words import WORD

    found = [m.span() for m in WORD.finditer(text)]
    starts = [s for s, _ in found]
    out = []
    for start, end in spans:
        end = min(end, len(text))
        i = bisect_left(starts, start + 1) - 1  # the word starting at or before ``start``
        if i >= 0 and found[i][0] < start < found[i][1]:
            start = found[i][1]
        j = bisect_left(starts, end) - 1  # the last word starting before ``end``
        if j >= 0 and found[j][1] > end:
            end = found[j][0]
        if start < end:
            out.append(str(mask.excerpt(text, start, end)))
    return out


class Words:
    """Word frequencies of a project; reached as ``project.analysis.words``."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store
        self._labels: tuple[tuple[int, int], Labels] | None = None

    # -- the material ------------------------------------------------------------------------

    def material(self, *, site: str | None = None, code: int | str | None = None,
                 speaker: str | None = None, document_set: str | None = None,
                 case: str | int | None = None, where: str | None = None) -> Material:
        """The material these choices make (none: every document's whole text): ``case`` its
        documents and parts of documents (a speaker's turns), ``where`` the stretches whose
        attribute values satisfy a condition ("afdeling = Lasserij"), as ``attr:`` keeps them
        in a search."""
        scope: frozenset[int] | None = None
        label: list[str] = []
        if site:
            found = self._project.site(site)
            sites = word_rows.document_sites(self._store)
            scope = frozenset(d for d, s in sites.items() if s == found.id)
            label.append(f"site {found.name}")
        if document_set:
            members = frozenset(self._project.sets.members(document_set, "documents"))
            scope = members if scope is None else scope & members
            label.append(f"set {document_set}")
        spans: dict[int, Spans] | None = None
        if code is not None and str(code).strip():
            chosen = self._project.code(code)
            spans = {d: merged(s) for d, s in
                     word_rows.code_spans(self._store, chosen.id).items()}
            label.append(f"code {self._project.code_path(chosen)}")
        if speaker is not None and speaker.strip():
            names = self.speakers_named(speaker)
            turns = {d: merged(s) for d, s in word_rows.speaker_spans(self._store, names).items()}
            spans = _within(spans, turns)
            label.append(f"speaker {', '.join(names)}")
        if case is not None and str(case).strip():
            info = self._project.cases.get(case)
            spans = _within(spans, self._case_spans(info.id))
            label.append(f"case {info.name}")
        if where is not None and where.strip():
            spans = _within(spans, self._where_spans(where.strip()))
            label.append(f"where {where.strip()}")
        return Material(" · ".join(label) or "all documents", scope, spans)

    def _case_spans(self, case_id: int) -> dict[int, Spans]:
        """document → what of it belongs to the case: all of it (a document in the case, or
        of a participant linked to it), else its parts (a speaker's turns)."""
        from fieldkit.storage import analysis_rows

        found: dict[int, Spans] = {}
        for case, doc, start, end in analysis_rows.case_parts(self._store):
            if case == case_id:
                found.setdefault(int(doc), []).append((int(start), int(end)))
        found = {d: merged(s) for d, s in found.items()}
        for case, doc in analysis_rows.case_documents(self._store):
            if case == case_id:
                found[int(doc)] = [(0, _END)]
        return found

    def _where_spans(self, condition: str) -> dict[int, Spans]:
        """document → the stretches where the attribute values satisfy ``condition`` (judged
        as the search's ``attr:`` judges a hit; BadInput for a condition that cannot be
        used)."""
        from fieldkit.analysis.attribute_facts import AttributeFacts
        from fieldkit.index.attribute_filter import allowed_spans

        facts = AttributeFacts.load(self._store)
        allowed = allowed_spans(facts, facts.condition(condition))
        return {d: [(0, _END)] if any(s is None or e is None for s, e in found)
                else merged((int(s), min(int(e), _END)) for s, e in found
                            if s is not None and e is not None)
                for d, found in allowed.items()}

    def speakers(self) -> list[str]:
        """Every speaker of the transcripts' turns, by name."""
        return word_rows.speakers(self._store)

    def speakers_named(self, name: str) -> list[str]:
        """The speakers a name means: as ``speaker:`` in a search, whose folded letters begin
        with the name's (``Sanne`` finds "Sanne de Vries"); BadInput if none."""
        from fieldkit.index.regions import person_word

        wanted = person_word(name)
        every = word_rows.speakers(self._store)
        found = [s for s in every if wanted and person_word(s).startswith(wanted)]
        if not found:
            known = ", ".join(every[:8]) + (" …" if len(every) > 8 else "")
            raise BadInput(f"No turns of a speaker '{name}'" +
                           (f" (speakers: {known})." if every else " (there are no turns)."))
        return found

    def rest(self, material: Material) -> Material:
        """Everything of the same documents outside the material's parts (a code's segments,
        a speaker's turns), or, for whole documents, every other document."""
        every = frozenset(word_rows.document_sites(self._store))
        if material.spans is None:
            if material.scope is None:
                raise BadInput("The rest of all documents is nothing; choose a site, set, "
                               "code or speaker to compare with the rest.")
            return Material(f"not {material.label}", every - material.scope, None)
        scope = every if material.scope is None else material.scope
        spans = {d: complement(material.spans.get(d, [])) for d in scope}
        return Material(f"not {material.label}", scope, spans)

    def group(self, spec: str) -> Material:
        """The material of a group written ``site:NAME``, ``code:CODE``, ``speaker:NAME``,
        ``set:NAME`` or ``case:NAME``."""
        kind, _, value = spec.partition(":")
        kind = kind.strip().lower()
        if kind not in GROUP_KINDS or not value.strip():
            raise BadInput(f"'{spec}' is not a group; use rest, site:NAME, code:CODE, "
                           "speaker:NAME, set:NAME or case:NAME.")
        key = "document_set" if kind == "set" else kind
        return self.material(**{key: value.strip()})

    def texts(self, material: Material, mask: Masker | None = None) -> list[str]:
        """The folded words of each document of the material, space separated. With ``mask``
        (a pseudonymiser) they are the words of the texts with names replaced."""
        if mask:
            return self._masked_texts(material, mask)
        if material.spans is None:
            ids = None if material.scope is None else sorted(material.scope)
            labels = self.labels(ids).spans
            return [w for d, w in word_rows.document_words(self._store, ids)
                    if d not in labels] + [
                words_inside(words, packed, text, complement(labels[d]))
                for d, words, packed, text in word_rows.words_with_text(self._store,
                                                                        sorted(labels))]
        ids = self._span_documents(material)
        labels = self.labels(ids).spans
        return [words_inside(words, packed, text, without(material.spans[d], labels.get(d)))
                for d, words, packed, text in word_rows.words_with_text(self._store, ids)]

    def labels(self, document_ids: list[int] | None = None) -> Labels:
        """The speaker labels opening the turns of the documents (all when None): where they
        are and their words, as the index folds them (``analysis.words.label_length``). Read
        once while the data stay the same."""
        key = self._store.data_key()
        if self._labels is None or self._labels[0] != key:
            self._labels = (key, self._read_labels())
        every = self._labels[1]
        if document_ids is None:
            return every
        wanted = set(document_ids) & every.spans.keys()
        found = Labels({d: every.spans[d] for d in wanted}, Counter(), {})
        for word, docs in every.documents.items():
            mine = docs & wanted
            if mine:
                found.documents[word] = mine
        for d in wanted:
            for word in every.words_of[d]:
                found.words[word] += 1
        return found

    def _read_labels(self) -> Labels:
        from fieldkit.index.words import WORD, analyser

        fold = analyser(self._project.language).word
        found = Labels({}, Counter(), {})
        folded: dict[str, list[str]] = {}  # a label's words (the same labels recur)
        for doc, start, speaker, head in word_rows.turn_heads(self._store):
            length = engine.label_length(head or "", speaker or "")
            if not length:
                continue
            found.spans.setdefault(doc, []).append((start, start + length))
            label = head[:length]
            words = folded.get(label)
            if words is None:
                words = folded[label] = [w for w in (fold(r)[0] for r in WORD.findall(label))
                                         if w]
            found.words.update(words)
            found.words_of.setdefault(doc, []).extend(words)
            for word in words:
                found.documents.setdefault(word, set()).add(doc)
        return found

    def _span_documents(self, material: Material) -> list[int]:
        assert material.spans is not None
        return sorted(d for d in material.spans
                      if material.scope is None or d in material.scope)

    def _masked_texts(self, material: Material, mask: Masker) -> list[str]:
        """The words of the pseudonymised texts (a name in a text can leave no word), each
        word that is a name in small letters replaced too (``masked_word``)."""
        from fieldkit.exporters.pseudonyms import masked_word
        from fieldkit.index.words import WORD, analyser

        word = analyser(self._project.language).word
        out = []
        if material.spans is None:
            ids = None if material.scope is None else sorted(material.scope)
            labels = self.labels(ids).spans
            pieces = [_excerpts(text, complement(labels[d]), mask) if d in labels
                      else [mask(text)] for d, text in word_rows.texts(self._store, ids)]
        else:
            ids = self._span_documents(material)
            labels = self.labels(ids).spans
            pieces = [_excerpts(text, without(material.spans[d], labels.get(d)), mask)
                      for d, text in word_rows.texts(self._store, ids)]
        for piece in pieces:
            folded = (word(w)[0] for p in piece for w in WORD.findall(p))
            out.append(" ".join(masked_word(f, mask) for f in folded if f))
        return out

    # -- counting ------------------------------------------------------------------------------

    def _stem(self) -> Callable[[str], str]:
        from fieldkit.index.words import analyser

        return analyser(self._project.language).stem

    def frequencies(self, *, top: int | None = engine.DEFAULT_TOP,
                    min_length: int = engine.DEFAULT_MIN_LENGTH, mask: Masker | None = None,
                    **selection: Any) -> engine.WordList:
        """The most frequent words of the material ``selection`` chooses (``site``, ``code``,
        ``speaker``, ``document_set``, ``case``, ``where``), stop words left out, grouped by
        stem; with ``mask`` (a pseudonymiser, for an export) the words of the texts with names
        replaced."""
        _check_numbers(top, min_length)
        material = self.material(**selection)
        documents_of = self._documents_of(material, top, mask)
        if documents_of is not None and material.scope is None:
            # every document whole: the index has counted the words already
            totals, documents = self._indexed_totals()
            return engine.ranked(totals, documents, self._stem(), self.stop_set(),
                                 min_length=min_length, top=top, documents_of=documents_of)
        return engine.word_list(self.texts(material, mask), self._stem(), self.stop_set(),
                                min_length=min_length, top=top, documents_of=documents_of)

    def _indexed_totals(self) -> tuple[Counter[str], int]:
        """Every document text's word counts from the index's vocabulary: its counts over all
        rows less those of the memos' and codes' rows; and the documents holding a word."""
        counts, documents, other = word_rows.indexed_word_counts(self._store)
        totals = Counter(dict(counts))
        for words in other:
            totals.subtract(words.split())
        totals.subtract(self.labels().words)  # who speaks is not what is said
        return +totals, documents  # unary plus: only the words still counted

    def _documents_of(self, material: Material, top: int | None,
                      mask: Masker | None) -> Callable[[list[str]], int] | None:
        """For whole documents and a short list, the index counts each row's documents (a
        few lookups instead of keeping every document's words); None otherwise."""
        if material.spans is not None or top is None or top > INDEX_COUNTED or mask:
            return None
        store, scope = self._store, material.scope
        if scope is None:
            base: Callable[[list[str]], int] = partial(word_rows.count_documents_holding,
                                                       store)
        else:
            def base(words: list[str]) -> int:
                return sum(1 for d in word_rows.documents_holding(store, words) if d in scope)
        labels = self.labels(None if scope is None else sorted(scope))
        if not labels.spans:
            return base

        def counted(words: list[str]) -> int:
            """Less the documents that hold the words only in speaker labels."""
            count = base(words)
            maybe = set().union(*(labels.documents.get(w, set()) for w in words))
            if maybe:
                maybe &= set(word_rows.documents_holding(store, words))
                wanted = set(words)
                for d, found, packed, text in word_rows.words_with_text(store, sorted(maybe)):
                    said = words_inside(found, packed, text, complement(labels.spans[d]))
                    count -= wanted.isdisjoint(said.split())
            return count

        return counted

    def compare(self, other: str, *, top: int | None = engine.DEFAULT_TOP,
                min_length: int = engine.DEFAULT_MIN_LENGTH, mask: Masker | None = None,
                **selection: Any) -> engine.Keyness:
        """The material ``selection`` chooses against ``other`` (``rest`` or a group, see
        ``group``), by log-likelihood keyness (``mask`` as for ``frequencies``)."""
        _check_numbers(top, min_length)
        first = self.material(**selection)
        second = self.rest(first) if other.strip().lower() == "rest" else self.group(other)
        return engine.keyness(self.texts(first, mask), self.texts(second, mask), self._stem(),
                              self.stop_set(), labels=(first.label, second.label),
                              min_length=min_length, top=top)

    def cloud(self, *, top: int = 100, min_length: int = engine.DEFAULT_MIN_LENGTH,
              mask: Masker | None = None, title: str | None = None,
              **selection: Any) -> Canvas:
        """A word cloud of the most frequent words (PNG or SVG with ``save``). With ``mask``
        (a pseudonymiser) the words are those of the texts with names replaced, and a word
        that is a name in small letters is replaced too, before anything is drawn."""
        from fieldkit.exporters.word_cloud import word_cloud

        found = self.frequencies(top=top, min_length=min_length, mask=mask or None,
                                 **selection)
        material = self.material(**selection)
        shown = {row.word: row.count for row in found.rows}
        heading = title if title is not None else f"Most frequent words: {material.label}"
        return word_cloud(mask(heading) if mask else heading, list(shown.items()))

    # -- stop words ----------------------------------------------------------------------------

    def stop_words(self, language: str) -> list[str]:
        """The project's stop list of a language (``nl`` or ``en``), folded."""
        return engine.parse_stop_words(self._stop_text(_language(language)))

    def stop_set(self) -> frozenset[str]:
        """Every stop word of every language: material mixes Dutch and English."""
        return frozenset(w for lang in LANGUAGES for w in self.stop_words(lang))

    def set_stop_words(self, language: str, words: Iterable[str]) -> list[str]:
        """Keep ``words`` as the project's stop list of ``language``; returns it folded."""
        language = _language(language)
        self._store.set_meta(f"stop_words_{language}", "\n".join(words) + "\n")
        return self.stop_words(language)

    def add_stop_words(self, language: str, words: Iterable[str]) -> list[str]:
        """Add words to a stop list."""
        return self.set_stop_words(language, [*self.stop_words(language),
                                              *engine.parse_stop_words("\n".join(words))])

    def remove_stop_words(self, language: str, words: Iterable[str]) -> list[str]:
        """Take words off a stop list (as folded: "Één" takes "een" off)."""
        gone = set(engine.parse_stop_words("\n".join(words)))
        return self.set_stop_words(language, [w for w in self.stop_words(language)
                                              if w not in gone])

    def reset_stop_words(self, language: str) -> list[str]:
        """Back to the list fieldkit ships."""
        language = _language(language)
        self._store.set_meta(f"stop_words_{language}", "")
        return self.stop_words(language)

    def _stop_text(self, language: str) -> str:
        kept = self._store.meta(f"stop_words_{language}", "")
        return kept if kept else default_stop_text(language)


def default_stop_text(language: str) -> str:
    """The stop list fieldkit ships for a language (``resources/words/stop_<lang>.txt``)."""
    found = resources.files("fieldkit.resources").joinpath("words", f"stop_{language}.txt")
    return found.read_text(encoding="utf-8")


def _language(language: str) -> str:
    found = language.strip().lower()
    if found not in LANGUAGES:
        raise BadInput(f"There is no stop list for '{language}'; use nl or en.")
    return found


def _check_numbers(top: int | None, min_length: int) -> None:
    if top is not None and top < 1:
        raise BadInput("--top must be 1 or more.")
    if min_length < 1:
        raise BadInput("--min-length must be 1 or more.")
