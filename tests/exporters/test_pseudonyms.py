"""Pseudonyms in exports: names go, Dutch words and particles stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.exporters.pseudonyms import Pseudonymiser


def _project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "P.fieldkit")
    project._store.add_participant("Kees Verhoeven", name="Monique van der Meer")
    project._store.add_participant("Daan Kuipers", name="Ilse de Wit")
    project._store.add_participant("Ahmed Kaya", name="Piotr Nowak")
    project._store.add_participant("Emre Demir", name="Ingrid Nowak")
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
        out = project.exports.docx(tmp_path / "r.docx", terms={"Jan Bakker": "P1"},
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
        out = project.exports.docx(tmp_path / "r.docx", terms={"Jan Bakker": "P1"},
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


# -- issue 22: name forms (possessive, joined, accents) and leftover candidates, with places --


def test_possessive_joined_and_accent_free_forms_are_replaced(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {"Jan Bakker": "P1", "Zoë Çelik": "Anna",
                                                   "Piet de Vries": "Kees Smit"})
        cases = {
            "Jan Bakkers fiets": "P1's fiets",  # Dutch genitive: an apostrophe after a digit
            "Jan Bakker's bike": "P1's bike",
            "Jan Bakker’s bike": "P1’s bike",
            "Piet de Vries' fiets en Piet de Vriess": "Kees Smit' fiets en Kees Smits",
            "Zoë Çeliks fiets": "Anna's fiets",  # after a vowel too
            "Monique van der Meers fiets": "Kees Verhoevens fiets",
            "Jan_Bakker_interview.docx": "P1_interview.docx",
            "JanBakker, janbakker, JANBAKKER": "P1, P1, P1",
            "interviewJanBakker.txt en JanBakkerInterview": "interviewP1.txt en P1Interview",
            "jan.bakker@pers.nl, jan-bakker": "P1@pers.nl, P1",
            "monique_van_der_meer.jpg, MoniqueVanDerMeer": "Kees_Verhoeven.jpg, KeesVerhoeven",
            "Zoe Celik, ZOË ÇELIK, zoe_celik": "Anna, Anna, Anna",
        }
        for text, expected in cases.items():
            assert mask(text) == expected, text
        # still whole words only, and words that are not names stay
        for text in ("januari", "Janssen", "bakkerij", "de bakkers", "Bakkersstraat",
                     "jan_bakkerij"):
            assert mask(text) == text, text


def test_a_replaced_name_keeps_positions_for_what_counts_in_the_text(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {"Jan Bakker": "P1"})
        text = "🙂 Jan Bakkers fiets\r\nen JanBakker."
        out, spans = mask.replace(text)
        assert out == "🙂 P1's fiets\r\nen P1."
        assert [(text[a:b], out[c:d]) for a, b, c, d in spans] == [
            ("Jan Bakkers", "P1's"), ("JanBakker", "P1")]


def test_leftover_candidates_are_reported_with_where(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {"Jan Bakker": "P1"})
        with mask.at("sheet Segments"):
            mask("Bakkertje kwam, en jan ook.")
        with mask.at("the chart 'Codes by site'"):
            mask("Jan Bakkker BV")  # one letter off
        mask("Verhoeven zegt niets")  # a pseudonym is not a leftover
        mask("de bakker bakt brood. Dan bakker.")  # a surname in small letters: mostly a word
        with mask.at("the memo trail"):
            mask("Mail bakker@pers.nl of zie bakker_2.jpg")  # but not in an address
        lines = mask.warnings()
        assert len(lines) == 4, lines
        found = {line.split("'")[1]: line for line in lines}
        assert "close to the name 'Bakker'" in found["Bakkertje"]
        assert "(in sheet Segments)" in found["Bakkertje"]
        assert "part of a name" in found["jan"] and "(in sheet Segments)" in found["jan"]
        assert "close to the name 'Bakker'" in found["Bakkker"]
        assert "(in the chart 'Codes by site')" in found["Bakkker"]
        assert "is still in the export 2 times (in the memo trail)" in found["bakker"]


def test_terms_come_from_a_file_and_a_bad_term_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    from fieldkit.cli import main

    with _bakker(tmp_path, " Bakkertje belde.") as project:
        path = str(project.path)
    terms = tmp_path / "terms.txt"
    terms.write_text("# names\n\nJan Bakker=P1\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    assert main(["-p", path, "export", "xlsx", str(out), "--terms", str(terms)]) == 0
    captured = capsys.readouterr()
    with zipfile.ZipFile(out) as archive:
        cells = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                        if n.startswith("xl/worksheets/"))
    assert "P1 stelt de pers af" in cells and "Jan" not in cells
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("warning: 'Bakkertje' (close to the name 'Bakker') is "
                                   "still in the export once (in table 'Segments')")
    bad = tmp_path / "bad.txt"
    bad.write_text("Jan Bakker\n", encoding="utf-8")
    for option in (["--terms", str(bad)], ["--terms", str(tmp_path / "none.txt")],
                   ["--term", "Jan Bakker"]):
        assert main(["-p", path, "export", "csv", str(tmp_path / "c"), *option]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert not (tmp_path / "c").exists()


def test_an_annotated_document_with_a_coding_inside_a_name_keeps_no_half(tmp_path: Path) -> None:
    import re

    with _bakker(tmp_path) as project:
        start = BAKKER_NOTE.index("ker stelt")  # a coding that starts inside "Bakker"
        project.code_text(1, start, start + len("ker stelt"), "Leren")
        out = project.exports.docx(tmp_path / "a.docx", terms={"Jan Bakker": "P1"},
                                  annotated_document=1)
    xml = _document_xml(out)
    text = re.sub(r"<[^>]+>", "", xml)
    assert "P1 stelt de pers af" in text
    assert not re.search(r"Bak|ker\b|Jan", text), text
    assert xml.count("<w:commentRangeStart") == 2 and xml.count("<w:commentRangeEnd") == 2


def test_a_quote_that_ends_inside_a_name_shows_the_whole_pseudonym(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    from fieldkit.cli import main

    with _bakker(tmp_path) as project:
        project.add_code("Half")
        project.code_text(1, 0, len("Jan Bak"), "Half")  # ends inside "Bakker"
        path = str(project.path)
        out = project.exports.docx(tmp_path / "r.docx", terms={"Jan Bakker": "P1"},
                                  codes=["Half"])
    text = re.sub(r"<[^>]+>", "", _document_xml(out))
    assert "P1" in text and "Bak" not in text, text
    assert main(["-p", path, "segments", "Half", "--docx", str(tmp_path / "q.docx"),
                 "--term", "Jan Bakker=P1"]) == 0
    capsys.readouterr()
    text = re.sub(r"<[^>]+>", "", _document_xml(tmp_path / "q.docx"))
    assert "P1" in text and "Bak" not in text, text


def test_a_table_quote_that_ends_inside_a_name_shows_the_whole_pseudonym(tmp_path: Path) -> None:
    import csv

    with _bakker(tmp_path) as project:
        project.add_code("Half")
        project.code_text(1, 0, len("Jan Bak"), "Half")  # ends inside "Bakker"
        written = project.exports.csv(tmp_path / "csv", terms={"Jan Bakker": "P1"})
    segments = next(p for p in written if p.name == "segments.csv")
    with segments.open(encoding="utf-8-sig") as handle:
        quotes = sorted(row["Quote"] for row in csv.DictReader(handle))
    assert quotes[0] == "P1" and not any("Bak" in q or "Jan" in q for q in quotes), quotes


def test_a_coding_query_sheet_shows_no_half_name(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    from fieldkit.cli import main

    with _bakker(tmp_path) as project:
        project.add_code("Half")
        project.code_text(1, 0, len("Jan Bak"), "Half")  # ends inside "Bakker"
        path = str(project.path)
    out = tmp_path / "q.xlsx"
    assert main(["-p", path, "segments", "Half", "--xlsx", str(out),
                 "--term", "Jan Bakker=P1"]) == 0
    assert capsys.readouterr().err == ""
    with zipfile.ZipFile(out) as archive:
        cells = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                        if n.startswith("xl/"))
    assert ">P1<" in cells and "Bak" not in cells and "Jan" not in cells
