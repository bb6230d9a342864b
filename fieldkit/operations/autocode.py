"""``project.autocode``: coding many segments at once, each run one undoable step.

Every kind of auto-coding is two calls: a *plan* (what would be coded: per document the spans
and the code, and how many of them are new) that changes nothing and is the preview, and
``apply(plan)``, which codes the plan's new spans as one undo step named after it. The kinds:

- ``speaker(NAME, CODE)``: every turn of a speaker (the name as ``speaker:`` reads it);
- ``pattern(REGEX, CODE, unit=)``: every match of a Python regular expression (case-insensitive
  unless asked), coded as the match, its sentence, its paragraph (line) or its turn;
- ``structure(heading=)``: interviews that follow a guide: the answer under each question
  heading, coded with a code named after the question (under ``Questions``). fieldkit's
  importers keep the text, not Word's heading styles or bold, so a heading is a line that
  matches a pattern: by default a numbered question ("3. Hoe leerde je…", "Vraag 3: …",
  "Q3: …");
- ``question(Q, CODE)``: every free-text answer to one ESM question.

A span that already carries the code by the same coder is not coded twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.text import context

if TYPE_CHECKING:
    from fieldkit.core.model import Code, Turn
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

UNITS = ("hit", "sentence", "paragraph", "turn")
QUESTIONS = "Questions"  # the parent of the codes ``structure`` names after questions
HEADING = (r"^[ \t]*(?:\d{1,2}[.)]|[Qq]\d{1,2}[.:)]|(?:[Vv]raag|[Qq]uestion)[ \t]*\d{1,2}"
           r"[.:)]?)[ \t]*(\S.*?)[ \t]*$")
_NAME_MAX = 80
_SENTENCE_END = re.compile(r"[.!?…]+[\"'’”)]*(?=\s|$)|\n")

Span = tuple[int, int]


@dataclass(slots=True)
class Planned:
    """What a plan codes in one document: ``spans`` with ``code`` (a path; created when
    missing), ``new`` of them not yet carrying it by this coder."""

    document_id: int
    title: str
    code: str
    spans: list[Span]
    new: int = 0


@dataclass(slots=True)
class AutoPlan:
    """A preview: the undo step's ``label`` and, per document (and code), what is coded."""

    label: str
    rows: list[Planned] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # codes that do not exist yet

    @property
    def spans(self) -> int:
        return sum(len(r.spans) for r in self.rows)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.rows)


def compiled(pattern: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    """A user's regular expression, or one line saying what is wrong with it."""
    if not pattern:
        raise BadInput("Give a regular expression to code its matches.")
    try:
        return re.compile(pattern, (re.IGNORECASE if ignore_case else 0) | re.MULTILINE)
    except re.error as exc:
        raise BadInput(f"'{pattern}' is not a regular expression: {exc}.") from None


def line_of(text: str, start: int, end: int) -> Span:
    """The line (paragraph) holding ``[start, end)``, without its surrounding white space."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", max(start, end - 1))
    return _trimmed(text, lo, len(text) if hi < 0 else hi)


def sentence_of(text: str, start: int, end: int) -> Span:
    """The sentence holding ``[start, end)``: from after the previous sentence end (., !, ?,
    … before white space, or a line break) to the next one, included."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    found = _SENTENCE_END.search(text, max(start, end - 1) if end > start else start)
    hi = len(text) if found is None else (found.start() if found.group() == "\n"
                                          else found.end())
    return _trimmed(text, lo, max(hi, end))


def _trimmed(text: str, lo: int, hi: int) -> Span:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def heading_name(match: re.Match[str]) -> str:
    """A code name for a question heading: its first group (else the whole line), one line,
    no "/" (a path separator), at most 80 characters."""
    name = match.group(1) if match.re.groups and match.group(1) else match.group(0)
    name = " ".join(name.replace("/", "-").split())
    return name if len(name) <= _NAME_MAX else name[:_NAME_MAX - 1].rstrip() + "…"


def answers(text: str, heading: re.Pattern[str]) -> list[tuple[str, Span]]:
    """(question, answer span) of each heading line: the text after it up to the next
    heading, trimmed (empty answers left out)."""
    found = list(heading.finditer(text))
    out = []
    for i, m in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else len(text)
        lo, hi = _trimmed(text, m.end(), stop)
        if lo < hi:
            out.append((heading_name(m), (lo, hi)))
    return out


class AutoCoding:
    """Auto-coding of one project; reached as ``project.autocode``."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    # -- plans ---------------------------------------------------------------------------------

    def speaker(self, name: str, code: str) -> AutoPlan:
        """Every turn of the speakers ``name`` means (``Sanne`` is "Sanne de Vries")."""
        names = self._project.analysis.words.speakers_named(name)
        plan = AutoPlan(f"Auto-code the turns of {', '.join(names)} as {code}")
        from fieldkit.storage import word_rows

        titles = {d.id: d.title for d in self._project.documents()}
        for doc_id, spans in sorted(word_rows.speaker_spans(self._store, names).items()):
            self._add(plan, doc_id, titles[doc_id], code, [(s, e) for s, e in spans if s < e])
        return self._finish(plan)

    def pattern(self, pattern: str, code: str, *, unit: str = "hit",
                ignore_case: bool = True) -> AutoPlan:
        """Every match of ``pattern`` in the documents' texts, as ``unit``: the match, its
        sentence, its paragraph (line) or its turn (the line where a text has no turns)."""
        if unit not in UNITS:
            raise BadInput(f"The unit must be one of {', '.join(UNITS)}, not '{unit}'.")
        regex = compiled(pattern, ignore_case=ignore_case)
        plan = AutoPlan(f"Auto-code /{pattern}/ ({unit}) as {code}")
        for doc_id, title, text in self._texts(("memo",)):
            turns = self._project.turns(doc_id) if unit == "turn" else []
            spans = set()
            for m in regex.finditer(text):
                if m.start() == m.end():
                    continue  # an empty match codes nothing
                spans.add(self._unit(text, m.start(), m.end(), unit, turns))
            self._add(plan, doc_id, title, code, [s for s in spans if s[0] < s[1]])
        return self._finish(plan)

    def _texts(self, leave_out: tuple[str, ...]) -> list[tuple[int, str, str]]:
        """(id, title, text) of every document with text, but of the kinds ``leave_out``."""
        from fieldkit.storage import word_rows

        titles = {d.id: d.title for d in self._project.documents() if d.kind not in leave_out}
        return [(d, titles[d], text) for d, text in word_rows.texts(self._store, sorted(titles))
                if text]

    @staticmethod
    def _unit(text: str, start: int, end: int, unit: str, turns: list[Turn]) -> Span:
        if unit == "hit":
            return start, end
        if unit == "sentence":
            return sentence_of(text, start, end)
        turn = next((t for t in turns if t.start <= start < t.end), None)
        if turn is not None:
            return turn.start, turn.end
        return line_of(text, start, end)

    def structure(self, heading: str | None = None, *, parent: str = QUESTIONS) -> AutoPlan:
        """The answer under each question heading (lines matching ``heading``, by default a
        numbered question), coded ``parent/<question>``."""
        regex = compiled(heading or HEADING, ignore_case=heading is not None)
        plan = AutoPlan(f"Auto-code the answers under question headings ({parent})")
        for doc_id, title, text in self._texts(("memo", "esm", "photo")):
            by_question: dict[str, list[Span]] = {}
            for question, span in answers(text, regex):
                by_question.setdefault(question, []).append(span)
            for question, spans in by_question.items():
                self._add(plan, doc_id, title, f"{parent}/{question}", spans)
        return self._finish(plan)

    def question(self, question: str, code: str) -> AutoPlan:
        """Every free-text answer to one ESM question (its key or its wording; a part of the
        wording that only one question holds will do)."""
        docs = [self._project.document(d.id) for d in self._project.documents(kind="esm")]
        wording: dict[str, str] = {}
        for doc in docs:
            wording.update(doc.attributes.get("questions") or {})
        keys = _question_keys(question, wording)
        plan = AutoPlan(f"Auto-code the answers to '{question}' as {code}")
        for doc in docs:
            spans = [(int(s[0]), int(s[1])) for beep in doc.attributes.get("beeps") or []
                     for key, s in (beep.get("text") or {}).items() if key in keys]
            self._add(plan, doc.id, doc.title, code, [s for s in spans if s[0] < s[1]])
        return self._finish(plan)

    def _add(self, plan: AutoPlan, doc_id: int, title: str, code: str,
             spans: list[Span]) -> None:
        if spans:
            plan.rows.append(Planned(doc_id, title, code, sorted(set(spans))))

    def _finish(self, plan: AutoPlan) -> AutoPlan:
        """Count what is new in each row (spans already coded so by this coder are not)."""
        coder = self._store.coder_by_name(self._project.coder)
        codes: dict[str, Code | None] = {}
        for row in plan.rows:
            if row.code not in codes:
                codes[row.code] = self._code(row.code)
                if codes[row.code] is None:
                    plan.missing.append(row.code)
            found = codes[row.code]
            if found is None or coder is None:
                row.new = len(row.spans)
                continue
            row.new = sum(1 for s, e in row.spans if self._store.find_coding(
                row.document_id, found.id, coder.id, s, e) is None)
        return plan

    def _code(self, path: str) -> Code | None:
        try:
            return self._project.code(path)
        except NotFound:
            return None

    # -- doing it ------------------------------------------------------------------------------

    def apply(self, plan: AutoPlan, *, create: bool = False) -> int:
        """Code the plan's new spans as one undo step; returns how many codings were made.
        A code that does not exist is made with ``create`` (in the same step), else BadInput."""
        if plan.missing and not create:
            raise BadInput(f"There is no code '{plan.missing[0]}'; add it first or let "
                           "auto-coding create it (--create).")
        if not plan.new:
            return 0
        made = 0
        texts: dict[int, str] = {}
        with self._project.action(plan.label):
            coder_id = self._store.coder_id(self._project.coder)
            for row in plan.rows:
                code = self._code(row.code) or self._project.add_code(row.code)
                if row.document_id not in texts:
                    texts[row.document_id] = self._project.document(row.document_id).text
                text = texts[row.document_id]
                for start, end in row.spans:
                    if self._store.find_coding(row.document_id, code.id, coder_id,
                                              start, end) is not None:
                        continue
                    before, after = context(text, start, end)
                    self._store.add_coding({
                        "document_id": row.document_id, "code_id": code.id,
                        "coder_id": coder_id, "start": start, "end": end,
                        "quote": text[start:end], "before": before, "after": after})
                    made += 1
        return made


def _question_keys(question: str, wording: dict[str, str]) -> set[str]:
    """The ESM question keys ``question`` names: a key or a wording (in any case), else the
    one wording that holds it."""
    wanted = question.strip().casefold()
    exact = {k for k, w in wording.items() if wanted in (k.casefold(), str(w).casefold())}
    if exact:
        return exact
    holding = {k for k, w in wording.items() if wanted and wanted in str(w).casefold()}
    if len({wording[k] for k in holding}) == 1:
        return holding
    listed = "; ".join(sorted({str(w) for w in wording.values()})[:6])
    if not holding:
        raise BadInput(f"No ESM question '{question}'" +
                       (f" (questions: {listed})." if wording else " (there are no ESM "
                                                                    "answers)."))
    raise BadInput(f"'{question}' is part of several ESM questions; give more of one.")
