"""A survey imported with one document per question: each respondent's answer is a case part,
so ``attr:``, ``--where`` and the case matrix look at the respondent's answer, not the whole
question document (issue 28, end to end through the survey import)."""

from __future__ import annotations

from pathlib import Path

from fieldkit import Project
from fieldkit.index.query import parse

SURVEY = """respondent,afdeling,jaren,Wat leer je van collega's?,Wat helpt je bij nieuwe machines?
R1,Lasserij,3,Ik kijk mee met een collega bij het lassen 🙂,De collega legt de machine uit
R2,Montage,12,Een collega laat zien hoe het moet,Handleiding lezen en een collega vragen
R3,Lasserij,7,Van een ervaren collega leer ik veel,Proberen en een collega bellen
R4,Lasserij Noord,2,Mijn collega helpt mij elke dag,Samen met een collega oefenen
"""


def test_per_question_documents_are_filtered_by_the_respondents_values(tmp_path: Path) -> None:
    table = tmp_path / "enquete.csv"
    table.write_text(SURVEY, encoding="utf-8")
    with Project.create(tmp_path / "Enquete.fieldkit") as p:
        p.imports.files([table], kind="survey", mapping={"per": "question"})
        answers = {}  # (document, respondent) → where "collega" stands in the answer
        for summary in p.documents():
            doc = p.document(summary.id)
            for case in p.cases.all():
                for d, start, end in case.parts:
                    if d == doc.id:
                        at = doc.text.index("collega", start, end)
                        answers[(doc.id, case.name)] = at
        assert len(answers) == 8
        hits = p.search("collega attr:jaren>5", limit=50).hits
        assert sorted((h.document_id, h.start) for h in hits) == sorted(
            (d, at) for (d, r), at in answers.items() if r == "R2")  # first per document
        every = p.index.engine.spans_of(parse("collega attr:jaren>5", p.index.engine.analyser))
        found = {(m.document_id, start) for m in every for start, _ in m.spans}
        assert found == {(d, at) for (d, r), at in answers.items() if r in ("R2", "R3")}
        p.add_code("Collega")
        for (doc, _), at in answers.items():
            p.code_text(doc, at, at + len("collega"), "Collega")
        matrix = p.analysis.matrix("case")
        assert matrix.columns == ["R1", "R2", "R3", "R4"] and matrix.values == [[2, 2, 2, 2]]
        by_value = p.analysis.matrix("attribute:afdeling")
        assert dict(zip(by_value.columns, by_value.values[0], strict=True)) == {
            "Lasserij": 4, "Lasserij Noord": 2, "Montage": 2}
        assert p.analysis.matrix("case", where="afdeling = Lasserij").values == [[2, 0, 2, 0]]
