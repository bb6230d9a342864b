"""Agreement per case and per attribute value (issue 28): each group's figures equal agreement
computed over that group's documents alone, and the groups are those brute force finds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core.attributes import display
from fieldkit.core.errors import BadInput
from tests.analysis.test_attribute_scope import Study, build, document_contexts, value


@pytest.fixture(params=range(3))
def study(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Study]:
    found = build(tmp_path / "Samen.fieldkit", request.param)
    with found.project:
        yield found


def brute_groups(study: Study, by: str) -> dict[str, list[int]]:
    found: dict[str, set[int]] = {}
    if by == "case":
        for case, doc in study.links | {(c, d) for c, d, *_ in study.parts}:
            found.setdefault(study.case_names[case], set()).add(doc)
    else:
        name = by.split(":", 1)[1]
        for summary in study.project.documents():
            for case in document_contexts(study, summary.id):
                given = value(study, summary.id, case, name)
                if given is not None:
                    found.setdefault(display(given), set()).add(summary.id)  # type: ignore[arg-type]
    return {k: sorted(v) for k, v in found.items()}


@pytest.mark.parametrize("by", ["case", "attribute:afdeling", "attribute:jaren",
                                "attribute:leerling"])
def test_each_group_is_agreement_over_its_documents_alone(study: Study, by: str) -> None:
    p = study.project
    wanted = brute_groups(study, by)
    found = p.agreement.report_by(["Anouk", "Bram"], by)
    assert {label: docs for label, docs, _ in found} == wanted
    for n, (label, docs, report) in enumerate(found):
        p.sets.add(f"Groep {n}", "documents", docs)
        alone = p.agreement.report(["Anouk", "Bram"], document_set=f"Groep {n}")
        assert p.agreement.as_dict(report) == p.agreement.as_dict(alone), label


def test_groups_within_a_set(study: Study) -> None:
    p = study.project
    some = sorted(d.id for d in p.documents())[:4]
    p.sets.add("Eerste", "documents", some)
    found = p.agreement.report_by(["Anouk", "Bram"], "case", document_set="Eerste")
    wanted = {k: [d for d in v if d in some] for k, v in brute_groups(study, "case").items()}
    assert {label: docs for label, docs, _ in found} == {k: v for k, v in wanted.items() if v}


def test_the_cli_prints_one_report_per_group(study: Study, capsys) -> None:  # type: ignore[no-untyped-def]
    path = study.project.path
    by_value, by_case = brute_groups(study, "attribute:afdeling"), brute_groups(study, "case")
    study.project.close()
    code = main(["agreement", "--coders", "Anouk", "Bram", "--by", "attribute:afdeling",
                 "--json", "-p", str(path)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["by"] == "attribute:afdeling"
    assert {g["group"]: g["document_ids"] for g in data["groups"]} == by_value
    assert all("overall" in g["report"] and "segments" in g["report"] for g in data["groups"])
    code = main(["agreement", "--coders", "Anouk", "Bram", "--by", "case", "-p", str(path)])
    out = capsys.readouterr().out
    assert code == 0 and out.count("== case: Geval") == len(by_case)


@pytest.mark.parametrize("argv", [["--by", "site"], ["--by", "attribute:"],
                                  ["--by", "case", "--time"],
                                  ["--by", "attribute:onbekend"]])
def test_bad_groupings_are_one_line(study: Study, capsys, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    path = study.project.path
    study.project.close()
    code = main(["agreement", "--coders", "Anouk", "Bram", *argv, "-p", str(path)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and len(captured.err.strip().splitlines()) == 1


def test_an_unknown_grouping_is_refused_on_the_facade(study: Study) -> None:
    with pytest.raises(BadInput):
        study.project.agreement.report_by(["Anouk", "Bram"], "visit")
