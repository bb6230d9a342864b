"""The codable text of a survey: its open answers laid out as documents with turns.

Per respondent (the default), one document each, every answer under its question::

    Wat leerde u het laatst van een collega?
    Hoe je de kantbank instelt voor dun plaat.

    Waarom werkt u hier?
    Het is dichtbij.

Each answer is a turn whose speaker is the question's label, so codings can be retrieved per
question (``speaker:Q3``) and the whole document belongs to the respondent's case.

Per question, one document each, the question's wording first and then every answer under its
respondent's id; each answer is a turn whose speaker is the respondent, and a part of that
respondent's case. Blank answers are left out; positions are code points of the LF text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldkit.core.model import ImportedDocument, Turn

from .survey import Question, Respondent, SurveyData

PER = ("respondent", "question")


@dataclass(slots=True)
class SurveyText:
    """One document of a survey. ``respondent``: the respondent whose case holds the whole
    document (per respondent); ``parts``: (respondent, start, end) of each answer that is a
    part of that respondent's case (per question)."""

    document: ImportedDocument
    respondent: str | None = None
    parts: list[tuple[str, int, int]] = field(default_factory=list)


def survey_texts(survey: SurveyData, per: str = "respondent") -> list[SurveyText]:
    """The documents of ``survey``: one per respondent who answered an open question, or
    (``per="question"``) one per open question someone answered."""
    if per == "question":
        return [t for q in survey.open_questions if (t := _question_text(survey, q))]
    return [t for who in survey.respondents if (t := _respondent_text(survey, who))]


def _respondent_text(survey: SurveyData, who: Respondent) -> SurveyText | None:
    pieces: list[str] = []
    turns: list[Turn] = []
    pos = 0
    for question in survey.open_questions:
        answer = who.answers.get(question.label)
        if not answer:
            continue
        lead = ("\n\n" if pieces else "") + question.text + "\n"
        pieces += [lead, answer]
        pos += len(lead)
        turns.append(Turn(pos, pos + len(answer), question.label))
        pos += len(answer)
    if not turns:
        return None
    doc = ImportedDocument(kind="text", title=f"{survey.name} — {who.id}", text="".join(pieces),
                           turns=turns, created=who.created)
    return SurveyText(doc, respondent=who.id)


def _question_text(survey: SurveyData, question: Question) -> SurveyText | None:
    pieces = [question.text]
    pos = len(question.text)
    turns: list[Turn] = []
    parts: list[tuple[str, int, int]] = []
    for who in survey.respondents:
        answer = who.answers.get(question.label)
        if not answer:
            continue
        lead = f"\n\n{who.id}\n"
        pieces += [lead, answer]
        pos += len(lead)
        turns.append(Turn(pos, pos + len(answer), who.id))
        parts.append((who.id, pos, pos + len(answer)))
        pos += len(answer)
    if not turns:
        return None
    title = f"{survey.name} — {question.label}"
    doc = ImportedDocument(kind="text", title=title, text="".join(pieces), turns=turns)
    return SurveyText(doc, parts=parts)
