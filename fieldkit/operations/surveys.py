"""Storing a survey: its documents, a case per respondent, the closed answers as attributes.

``project.imports`` reads every file first (``read``), then stores each survey inside the
import's one change (``store``), so a survey is one undo step with the documents of its file
and a bad value or a crash leaves nothing behind.

A respondent whose id is already a case's name (compared without regard to case) joins that
case: a second wave of the same panel adds its documents and its values there (a value of the
new survey replaces the case's old one of the same attribute). A closed question named like an
attribute the project has takes that attribute's type, and an answer not of that type refuses
the whole file (``BadInput`` naming its row and column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import display
from fieldkit.core.errors import BadInput
from fieldkit.importers import check_text_size
from fieldkit.importers.survey import SurveyData, read_survey
from fieldkit.importers.survey_text import SurveyText, survey_texts
from fieldkit.operations.storing import store_documents
from fieldkit.storage import case_tables

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store


@dataclass(slots=True)
class ReadSurvey:
    """A survey file read and checked, with the documents it becomes."""

    path: Path
    survey: SurveyData
    texts: list[SurveyText]
    per: str


@dataclass(slots=True)
class SurveyImport:
    """What one survey import stored: the survey's name, its layout, how the text was laid
    out (``per`` respondent or question), the documents' ids, the respondents' case ids (new
    and joined), the open questions and the attributes its closed questions set."""

    name: str
    source: str
    layout: str
    per: str
    documents: list[int] = field(default_factory=list)
    cases: list[int] = field(default_factory=list)
    joined: int = 0  # respondents who joined a case already there
    open_questions: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line for a person: what the survey became."""
        joined = f" ({self.joined} already there)" if self.joined else ""
        return (f"Survey {self.name} ({self.layout}): {_count(self.cases, 'respondent')} as "
                f"cases{joined}, {_count(self.documents, 'document')} (one per {self.per}) "
                f"from {_count(self.open_questions, 'open question')}, "
                f"{_count(self.attributes, 'attribute')}.")


def _count(items: list[Any], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def read(project: Project, path: Path, mapping: dict[str, str] | None) -> ReadSurvey:
    """Read and check the survey at ``path``; closed questions named like an attribute of the
    project keep its type. Raises ``BadInput``; stores nothing."""
    known = {a.name: (a.type, list(a.choices)) for a in project.attributes.all() if a.defined}
    survey = read_survey(path, mapping, known=known)
    per = (mapping or {}).get("per", "respondent")
    texts = survey_texts(survey, per)
    for text in texts:
        check_text_size(text.document, path.name)
        text.document.source_name = path.name
    return ReadSurvey(path, survey, texts, per)


def store(project: Project, store: Store, read: ReadSurvey, site: str | None,
          visit: str | None) -> SurveyImport:
    """Store a read survey (call inside one change): attribute definitions for its closed
    questions, its documents, and a case per respondent holding their documents (or, per
    question, their answers as case parts) and their closed answers.

    Cases, memberships and values are written straight to the store, new cases and the
    memberships hundreds a statement: the facade's one-at-a-time calls re-read a case (and a
    part's whole document) after every write, which for 5,000 respondents would be most of
    the import."""
    survey = read.survey
    done = SurveyImport(survey.name, read.path.name, survey.layout, read.per,
                        open_questions=[q.label for q in survey.open_questions],
                        attributes=[q.label for q in survey.closed_questions],
                        warnings=list(survey.warnings))
    _define(project, store, survey, read.path.name)
    of_respondent: dict[str, list[int]] = {}
    parts: dict[str, list[tuple[int, int, int]]] = {}
    keys = store_documents(project, store, [text.document for text in read.texts], site, visit)
    for key, text in zip(keys, read.texts, strict=True):
        done.documents.append(key)
        if text.respondent is not None:
            of_respondent.setdefault(text.respondent, []).append(key)
        for who, start, end in text.parts:
            parts.setdefault(who, []).append((key, start, end))
    existing = {str(r["name"]).casefold(): r for r in case_tables.case_rows(store)}
    new = [r for r in survey.respondents if r.id.casefold() not in existing]
    added = dict(zip((r.id for r in new), store.add_cases(
        [(r.id, r.values) for r in new]), strict=True))
    members: list[tuple[int, int]] = []
    for respondent in survey.respondents:
        case_id = added.get(respondent.id)
        if case_id is None:
            row = existing[respondent.id.casefold()]
            case_id = int(row["id"])
            done.joined += 1
            if respondent.values:
                values = {**case_tables.values_of_row(row["attributes"]), **respondent.values}
                case_tables.set_values(store, "cases", case_id, values)
        members += [(case_id, doc) for doc in of_respondent.get(respondent.id, ())]
        for doc, start, end in parts.get(respondent.id, ()):
            case_tables.add_part(store, case_id, doc, start, end)
        done.cases.append(case_id)
    store.add_case_documents(members)
    return done


def _define(project: Project, store: Store, survey: SurveyData, filename: str) -> None:
    """A definition for each closed question the project has none for. A name already in use
    without one (an ESM import's, a REFI project's) is defined with the survey's type: a
    closed list then holds the values in use too; values in use that do not fit another type
    refuse the import in one line."""
    in_use = {a.name.casefold(): a for a in project.attributes.all() if not a.defined}
    for question in survey.closed_questions:
        if case_tables.definition(store, question.label) is not None:
            continue
        choices = list(question.choices)
        other = in_use.get(question.label.casefold())
        if other is not None and question.type == "choice":
            folded = question.label.casefold()
            used = [display(value) for table in ("cases", "documents", "participants")
                    for values in case_tables.values_of(store, table).values()
                    for name, value in values.items() if name.casefold() == folded]
            choices = sorted({*choices, *other.choices, *used}, key=str.casefold)
        try:
            project.attributes.define(question.label, question.type, choices)
        except BadInput as exc:
            raise BadInput(f"{filename}: column {question.label}: {exc}") from None
