"""Pseudonyms in exports: names go, Dutch words and particles stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.exporters.pseudonyms import Pseudonymiser


def _project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "P.fieldkit")
    project.store.add_participant("Kees Verhoeven", name="Monique van der Meer")
    project.store.add_participant("Daan Kuipers", name="Ilse de Wit")
    project.store.add_participant("Ahmed Kaya", name="Piotr Nowak")
    project.store.add_participant("Emre Demir", name="Ingrid Nowak")
    return project


def test_names_are_replaced_by_their_parts(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {})
        assert mask("Monique van der Meer en Monique. Van der Meer belt.") == (
            "Kees Verhoeven en Kees. Verhoeven belt.")
        assert mask("ilse de wit, Ilse, De Wit") == "Daan Kuipers, Daan, Kuipers"
        # two participants share the surname: it cannot say who is meant
        assert mask("Nowak zegt het") == "[name] zegt het"


def test_dutch_words_and_particles_are_left_alone(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {})
        text = ("Het werk van de operator is meer dan de helft; de wit gelakte kast. "
                "Meer weten? Vraag het in januari aan de ploeg van der Heijden.")
        assert mask(text) == text


def test_a_pseudonym_is_not_replaced_again(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {"Kees": "Collega K"})
        assert mask("Monique van der Meer") == "Kees Verhoeven"


# -- issue 12: --term names are treated like participants' names, and leftovers are reported --

BAKKER_NOTE = ("Jan Bakker stelt de pers af. Later zegt Jan dat Bakker het zo leerde.\n"
               "In het rooster: Bakker, Jan (ploeg 2). Handtekening: Jan\nBakker.\n"
               "Overdracht aan JAN BAKKER om 14:00.")


def _bakker(tmp_path: Path, extra: str = "") -> Project:
    project = Project.create(tmp_path / "B.fieldkit")
    project.set_coder("Anouk", remember=False)
    text = BAKKER_NOTE + extra
    project.add_note(site="Pers BV", title="Ochtend", text=text)
    project.add_code("Leren")
    project.code_text(1, 0, len(text), "Leren")
    return project


def _document_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_a_term_is_replaced_in_its_parts_order_and_across_line_breaks(tmp_path: Path) -> None:
    import re

    warnings: list[str] = []
    with _bakker(tmp_path) as project:
        out = project.export_docx(tmp_path / "r.docx", terms={"Jan Bakker": "P1"},
                                  warnings=warnings)
    xml = _document_xml(out)
    assert not re.search(r"\b(Jan|Bakker|JAN|BAKKER)\b", xml), re.findall(r".{30}Bakker.{30}", xml)
    assert "P1 stelt de pers af" in xml and "zegt P1 dat P1 het zo" in xml
    assert "rooster: P1 (ploeg 2)" in xml and "aan P1 om 14:00" in xml
    assert warnings == []


def test_a_two_word_pseudonym_keeps_the_order_of_the_name(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {"Jan Bakker": "Piet Visser"})
        assert mask("Bakker, Jan; Jan; Bakker; jan\nbakker") == \
            "Visser, Piet; Piet; Visser; Piet Visser"
        assert mask("Van der Meer, Monique") == "Verhoeven, Kees"


def test_names_left_in_the_text_are_reported(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from fieldkit.cli import main

    extra = " Daarna belde jan nog."
    with _bakker(tmp_path, extra) as project:
        path = str(project.path)
        warnings: list[str] = []
        out = project.export_docx(tmp_path / "r.docx", terms={"Jan Bakker": "P1"},
                                  warnings=warnings)
    assert "belde jan nog" in _document_xml(out)  # a lower-case word may be the word "jan"
    assert len(warnings) == 1 and warnings[0].startswith("'jan'") and "belde jan nog" in \
        warnings[0]
    code = main(["-p", path, "export", "docx", str(tmp_path / "c.docx"),
                 "--term", "Jan Bakker=P1"])
    captured = capsys.readouterr()
    assert code == 0 and "Wrote" in captured.out
    assert captured.err.startswith("warning: 'jan' (part of a name to replace)")
    assert captured.err.count("\n") == 1
