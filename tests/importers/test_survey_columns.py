"""``survey_columns``: the columns the survey preview offers for the respondent column, named as
the import names them, and the one the reader finds by itself (None: the researcher chooses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput
from fieldkit.importers.survey import read_survey, survey_columns
from tests.importers import survey_files as files


def test_a_qualtrics_export_names_its_respondent_column(tmp_path: Path) -> None:
    path = files.qualtrics_csv(tmp_path)
    columns, found = survey_columns(path)
    assert found == "ResponseId" == read_survey(path).case_column
    assert columns[:3] == ["StartDate", "EndDate", "Status"] and columns[-1] == "Q5"
    assert "{" not in "".join(columns)  # the ImportId row is no header


def test_merged_headings_are_named_as_the_import_names_them(tmp_path: Path) -> None:
    path = files.hand_xlsx(tmp_path)
    columns, found = survey_columns(path)
    assert columns == ["Deelnemer", "Afdeling / Naam", "Afdeling / Ploeg", "Jaren in dienst",
                       "Wat heeft u geleerd van collega's?"]
    assert found == "Deelnemer"
    # a column is given as the respondent column by that name (here one that repeats)
    with pytest.raises(BadInput, match="'Lasserij' appears twice"):
        read_survey(path, {"case": "Afdeling / Naam"})


def test_no_respondent_column_found_is_none(tmp_path: Path) -> None:
    path = tmp_path / "ploeg.csv"
    path.write_text("volgnummer,naam,wat leerde u?\r\n"
                    "1,Ahmed,Een collega liet me de nieuwe planning zien 😀\r\n"
                    "2,Fleur,Café-praat over de robot leverde tips op.\r\n", encoding="utf-8")
    assert survey_columns(path) == (["volgnummer", "naam", "wat leerde u?"], None)
    with pytest.raises(BadInput):
        read_survey(path)
    assert [r.id for r in read_survey(path, {"case": "naam"}).respondents] == ["Ahmed", "Fleur"]


def test_a_file_that_is_no_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(BadInput) as error:
        survey_columns(path)
    assert "leeg.xlsx" in str(error.value) and "\n" not in str(error.value)
