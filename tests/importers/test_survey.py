"""The survey reader: every layout in the shape its tool writes, the respondent column, open and
closed questions decided per column, skipped rows warned about, and the documents' positions."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.importers.survey import is_open, looks_like_survey, parse_survey, read_survey
from fieldkit.importers.survey_text import survey_texts
from tests.importers import survey_files as files
from tests.importers.conftest import assert_bad

Write = Callable[[str, bytes | str], Path]


def table(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_qualtrics_three_header_rows(tmp_path: Path) -> None:
    survey = read_survey(files.qualtrics_csv(tmp_path))
    assert survey.layout == "qualtrics" and survey.case_column == "ResponseId"
    assert survey.name == "Werkbeleving 2024"
    by_label = {q.label: q for q in survey.questions}
    assert [q.label for q in survey.open_questions] == ["Q3", "Q5"]
    assert by_label["Q3"].text == "Wat heeft u het laatst van een collega geleerd?"
    assert (by_label["Q1"].type, by_label["Q1"].choices) == ("choice", ["Lasserij", "Montage"])
    assert by_label["Q2"].type == "number" and by_label["Q4"].type == "boolean"
    assert by_label["StartDate"].type == "text"  # moments keep their time of day
    assert by_label["Duration (in seconds)"].type == "number"
    # preview and spam responses are no respondents
    assert [r.id for r in survey.respondents] == ["R_1abcDEF", "R_2ghiJKL", "R_4mnoPQR",
                                                 "R_6stuVWX"]
    first = survey.respondents[0]
    assert first.row == 4  # below the three header rows
    assert first.values["Q1"] == "Lasserij" and first.values["Q2"] == 3
    assert first.values["Q4"] is True and first.values["StartDate"] == "2024-03-01 09:15:02"
    assert first.answers["Q3"] == "Hoe je de kantbank instelt voor dun plaat 😀"
    # RecordedDate 09:20:41 in Europe/Amsterdam (CET) is 08:20:41 UTC
    assert first.created == "2024-03-01T08:20:41Z"
    # the CRLF inside an answer arrives as LF
    assert survey.respondents[1].answers["Q3"] == \
        "Dat je bij twijfel altijd\neven vraagt: één keer te veel is beter."
    assert "Q5" not in survey.respondents[1].answers  # blank answers are left out


def test_qualtrics_personal_columns_and_skipped_rows_are_warned(tmp_path: Path) -> None:
    survey = read_survey(files.qualtrics_csv(tmp_path))
    labels = {q.label for q in survey.questions}
    personal = {"IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                "ExternalReference", "LocationLatitude", "LocationLongitude", "Status"}
    assert not labels & personal
    assert set(survey.left_out) == personal
    assert any("IPAddress" in w and "not imported as attributes" in w for w in survey.warnings)
    assert any("row 6 (R_3prevXY)" in w and "preview" in w for w in survey.warnings)
    assert any("row 8 (R_5spamZZ)" in w and "spam" in w for w in survey.warnings)
    assert any("not completed" in w and "R_4mnoPQR" in w for w in survey.warnings)
    for respondent in survey.respondents:
        assert not set(respondent.values) & personal


def test_qualtrics_numeric_status_codes(write: Write) -> None:
    header = ["StartDate", "Status", "ResponseId", "Q1_TEXT"]
    rows = [header, ["Start Date", "Response Type", "Response ID", "Waarom?"],
            ['{"ImportId":"startDate","timeZone":"UTC"}', '{"ImportId":"status"}',
             '{"ImportId":"_recordId"}', '{"ImportId":"QID1_TEXT"}'],
            ["2024-01-01 10:00:00", "0", "R_a", "Omdat het moet."],
            ["2024-01-01 10:00:00", "1", "R_b", "preview"],
            ["2024-01-01 10:00:00", "8", "R_c", "spam"]]
    survey = read_survey(write("numeric.csv", table(rows)))
    assert [r.id for r in survey.respondents] == ["R_a"]
    assert survey.respondents[0].created == "2024-01-01T10:00:00Z"


def test_limesurvey_codes_with_texts_cp1252_semicolons(tmp_path: Path) -> None:
    survey = read_survey(files.limesurvey_csv(tmp_path))
    assert survey.layout == "limesurvey" and survey.case_column == "id"
    by_label = {q.label: q for q in survey.questions}
    assert by_label["G01Q02"].open
    assert by_label["G01Q02"].text == "Wat heeft u deze week geleerd, en van wie?"
    assert by_label["G01Q03"].type == "number" and not by_label["G01Q03"].open
    assert "seed" in survey.left_out and "ipaddr" in survey.left_out
    assert [r.id for r in survey.respondents] == ["1", "2", "3", "4"]
    assert survey.respondents[0].answers["G01Q02"] == \
        "De nieuwe collega liet zien hoe je de robot teach-t."
    assert "submitdate" not in survey.respondents[1].values  # not submitted: no value
    assert any("not completed" in w and ": 2)" in w for w in survey.warnings)


def test_limesurvey_full_headings(write: Write) -> None:
    rows = [["Response ID", "Date submitted", "Last page", "Start language", "Seed",
             "Wat heeft u vandaag van een collega geleerd?"],
            ["11", "2024-05-02 10:11:12", "2", "nl", "99",
             "Hoe je een las controleert met de mal."],
            ["12", "2024-05-02 11:11:12", "2", "nl", "98", "Dat de planning vaak niet klopt."]]
    survey = read_survey(write("results.csv", table(rows, ";")))
    assert survey.layout == "limesurvey" and survey.case_column == "Response ID"
    assert [q.label for q in survey.open_questions] == [
        "Wat heeft u vandaag van een collega geleerd?"]
    assert "Seed" in survey.left_out


def test_forms_xlsx(tmp_path: Path) -> None:
    survey = read_survey(files.forms_xlsx(tmp_path))
    assert survey.layout == "forms" and survey.case_column == "ID"
    assert survey.name == "Werkbeleving"
    assert set(survey.left_out) == {"Email", "Name"}
    by_label = {q.label: q for q in survey.questions}
    assert "Last modified time" not in by_label  # nobody has a value: left out
    assert by_label["Start time"].type == "text"  # moments keep their time of day
    assert by_label["Werkt u in ploegen?"].type == "boolean"
    assert [q.label for q in survey.open_questions] == ["Wat leert u van uw collega's?"]
    assert [r.id for r in survey.respondents] == ["1", "2", "3"]
    assert survey.respondents[0].values["Start time"] == "2024-06-01 09:00:05"
    assert survey.respondents[1].answers["Wat leert u van uw collega's?"] == \
        "Ik leer vooral door het gewoon te doen 💪."


def test_hand_made_sheet_with_merged_header_cells(tmp_path: Path) -> None:
    survey = read_survey(files.hand_xlsx(tmp_path))
    assert survey.layout == "table" and survey.case_column == "Deelnemer"
    assert [q.label for q in survey.questions] == [
        "Afdeling / Naam", "Afdeling / Ploeg", "Jaren in dienst",
        "Wat heeft u geleerd van collega's?"]
    assert [r.id for r in survey.respondents] == ["P01", "P02", "P03"]
    assert survey.respondents[2].values == {"Afdeling / Naam": "Lasserij",
                                            "Afdeling / Ploeg": "laat", "Jaren in dienst": 2}
    assert survey.warnings == [
        "read the first sheet, 'Antwoorden' (the workbook has 2)",
        "row 1 is taken as the sheet's title (Enquête werkbeleving voorjaar 2024); the "
        "headings are row 2",
        "row 5 is empty; skipped",
        "row 8 looks like a note below the table, not a respondent (* P02 vulde de lijst "
        "samen met de teamle); skipped"]
    assert survey.respondents[0].row == 4


@pytest.mark.parametrize("encoding,delimiter,bom", [
    ("utf-8", ",", True), ("utf-8", ";", False), ("cp1252", ";", False),
    ("utf-8", "\t", False)])
def test_castor_and_plain_tables_in_every_encoding(write: Write, encoding: str,
                                                   delimiter: str, bom: bool) -> None:
    rows = [["Participant Id", "Participant Status", "Site Abbreviation", "leeftijd",
             "wat_leerde_je"],
            ["110001", "Completed", "MET", "34", "Dat ik eerst moet meten en dan pas knippen."],
            ["110002", "Completed", "MET", "51", "Hoe de nieuwe pers werkt, van René."]]
    data = table(rows, delimiter).encode(encoding)
    survey = read_survey(write("castor.csv", (b"\xef\xbb\xbf" if bom else b"") + data))
    assert survey.layout == "castor" and survey.case_column == "Participant Id"
    assert survey.respondents[1].answers["wat_leerde_je"] == \
        "Hoe de nieuwe pers werkt, van René."
    assert survey.respondents[0].values["leeftijd"] == 34


@pytest.mark.parametrize("header", ["respondent", "Respondent ID", "deelnemer", "Nummer",
                                    "participant_id"])
def test_the_respondent_column_is_found_by_its_name(write: Write, header: str) -> None:
    rows = [["leeftijd", header, "opmerking"], ["30", "A7", "Goed geregeld hier, echt waar."],
            ["41", "A8", "Het kan beter met de planning."]]
    survey = read_survey(write("s.csv", table(rows)))
    assert survey.case_column == header
    assert [r.id for r in survey.respondents] == ["A7", "A8"]


def test_case_column_given_by_mapping(write: Write) -> None:
    rows = [["id", "code", "opmerking"], ["1", "W-03", "Goed geregeld hier, echt waar."],
            ["2", "W-09", "Het kan beter met de planning van de ploegen."]]
    path = write("s.csv", table(rows))
    survey = read_survey(path, {"case": "CODE"})  # matched without regard to case
    assert survey.case_column == "code"
    assert [r.id for r in survey.respondents] == ["W-03", "W-09"]
    assert [q.label for q in survey.questions] == ["id", "opmerking"]
    assert_bad(lambda: read_survey(path, {"case": "email"}), "s.csv", "no column 'email'",
               "opmerking")


def test_a_duplicate_respondent_is_refused(write: Write) -> None:
    rows = [["respondent", "opmerking"], ["R1", "Een lang antwoord van een respondent."],
            ["R2", "Nog een lang antwoord over het werk."], ["r1", "Dubbel, zelfde persoon."]]
    assert_bad(lambda: read_survey(write("dup.csv", table(rows))), "dup.csv",
               "'r1' appears twice", "rows 2 and 4")


def test_no_respondent_column_is_refused(write: Write) -> None:
    rows = [["leeftijd", "opmerking"], ["30", "Goed geregeld hier, echt waar."]]
    assert_bad(lambda: read_survey(write("nokey.csv", table(rows))), "nokey.csv",
               "respondent id column", "--map case=COLUMN")


def test_a_survey_without_open_question_is_refused(write: Write) -> None:
    rows = [["respondent", "afdeling", "jaren", "mentor"], ["R1", "Lasserij", "3", "ja"],
            ["R2", "Montage", "12", "nee"], ["R3", "Lasserij", "5", "ja"]]
    assert_bad(lambda: read_survey(write("closed.csv", table(rows))), "closed.csv",
               "no open-ended question", "attributes import")


def test_rows_without_id_and_blank_rows_are_warned_about(write: Write) -> None:
    rows = [["respondent", "opmerking"], ["R1", "Een lang antwoord van een respondent."],
            ["", "Zonder nummer ingevuld, dit antwoord."], ["", ""],
            ["R2", "Nog een lang antwoord over het werk."], ["", ""]]
    survey = read_survey(write("gaps.csv", table(rows)))
    assert [r.id for r in survey.respondents] == ["R1", "R2"]
    assert survey.warnings == ["row 3 has no respondent id (respondent); skipped",
                               "row 4 is empty; skipped"]  # blank rows at the end: its end


def test_age_open_stays_text_including_its_numbers(write: Write) -> None:
    answers = ["about 30", "31", "ongeveer 45", "in de vijftig", "rond de 40", "28"]
    rows = [["respondent", "age_open", "leeftijd"]] + [
        [f"R{i}", a, str(30 + i)] for i, a in enumerate(answers)]
    survey = read_survey(write("age.csv", table(rows)))
    assert [q.label for q in survey.open_questions] == ["age_open"]
    assert [r.answers["age_open"] for r in survey.respondents] == answers  # "31" too
    assert all("age_open" not in r.values for r in survey.respondents)
    assert survey.respondents[1].values["leeftijd"] == 31


@pytest.mark.parametrize("label,values,type_,expected", [
    ("age_open", ["about 30", "31", "ongeveer 45"], "text", True),  # named: open, "31" too
    ("age_open", ["30", "31", "45"], "number", False),  # a number typed in a text box
    ("Q3_TEXT", ["ja", "nee", "ja"], "boolean", True),
    ("leeftijd", ["about 30", "31", "ongeveer 45", "rond de 40"], "text", True),  # typed freely
    ("functie", ["lasser", "operator", "teamleider", "planner", "CNC operator"], "text",
     False),  # job titles: closed text
    ("dienst", ["Minder dan 1 jaar in dienst bij dit bedrijf",
                "Meer dan 10 jaar in dienst bij dit bedrijf"] * 3, "text", False),  # long choices
    ("opmerking", ["nee"] * 7 + ["geen", "Ik zou graag meer uitleg krijgen over de robot.",
                                 "De planning is vaak te krap voor nieuwe mensen."], "text",
     True),  # prose among many "nee"
    ("afdeling", ["Lasserij", "Montage", "Lasserij"], "choice", False),
    ("datum", ["2024-01-01", "2024-02-03"], "date", False),
])
def test_open_or_closed_by_the_column_as_a_whole(label: str, values: list[str], type_: str,
                                                 expected: bool) -> None:
    assert is_open(label, values, type_) is expected


def test_documents_per_respondent_hold_each_answer_under_its_question(tmp_path: Path) -> None:
    survey = read_survey(files.qualtrics_csv(tmp_path))
    texts = survey_texts(survey)
    assert [t.respondent for t in texts] == [r.id for r in survey.respondents]
    second = texts[1].document
    assert second.title == "Werkbeleving 2024 — R_2ghiJKL"
    assert second.kind == "text" and second.created == "2024-03-02T08:20:41Z"
    assert second.text == ("Wat heeft u het laatst van een collega geleerd?\n"
                           "Dat je bij twijfel altijd\neven vraagt: één keer te veel is beter.")
    for text, respondent in zip(texts, survey.respondents, strict=True):
        doc = text.document
        assert [t.speaker for t in doc.turns] == [q.label for q in survey.open_questions
                                                  if q.label in respondent.answers]
        for turn in doc.turns:  # code points: the emoji counts once
            assert doc.text[turn.start:turn.end] == respondent.answers[turn.speaker]
            question = next(q for q in survey.questions if q.label == turn.speaker)
            assert doc.text[:turn.start].endswith(question.text + "\n")
        assert text.parts == []


def test_documents_per_question_make_case_parts(tmp_path: Path) -> None:
    survey = read_survey(files.qualtrics_csv(tmp_path))
    texts = survey_texts(survey, per="question")
    assert [t.document.title for t in texts] == ["Werkbeleving 2024 — Q3",
                                                 "Werkbeleving 2024 — Q5"]
    q5 = texts[1]
    assert q5.respondent is None
    assert q5.document.text.startswith("Wat zou uw werk makkelijker maken?\n\nR_1abcDEF\n")
    answered = [r for r in survey.respondents if "Q5" in r.answers]
    assert [t.speaker for t in q5.document.turns] == [r.id for r in answered]  # R_2 left out
    assert [p[0] for p in q5.parts] == [r.id for r in answered]
    for (who, start, end), turn in zip(q5.parts, q5.document.turns, strict=True):
        assert (turn.start, turn.end) == (start, end)
        answer = next(r for r in answered if r.id == who).answers["Q5"]
        assert q5.document.text[start:end] == answer
    q3 = texts[0].document
    emoji = q3.text.index("😀")
    assert q3.text[emoji] == "😀" and len("😀") == 1  # positions are code points


def test_detection_of_survey_files(tmp_path: Path, write: Write) -> None:
    for path in (files.qualtrics_csv(tmp_path), files.limesurvey_csv(tmp_path),
                 files.forms_xlsx(tmp_path), files.hand_xlsx(tmp_path)):
        assert looks_like_survey(path.read_bytes(), path.name), path.name
    esm = write("esm.csv", table([["participant", "timestamp", "mood"],
                                  ["P1", "2024-01-01 10:00", "3"]]))
    assert not looks_like_survey(esm.read_bytes(), esm.name)


def test_damaged_and_empty_files(write: Write) -> None:
    assert_bad(lambda: read_survey(write("empty.csv", b"")), "empty.csv", "empty")
    assert_bad(lambda: read_survey(write("broken.xlsx", b"PK\x03\x04rubbish")), "broken.xlsx")
    protected = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512  # an OLE container
    assert_bad(lambda: read_survey(write("locked.xlsx", protected)), "locked.xlsx",
               "not an xlsx workbook", "password")
    assert_bad(lambda: read_survey(write("one.csv", "respondent;opmerking\n")), "one.csv",
               "no respondents")


def test_duplicate_headers_get_distinct_labels(write: Write) -> None:
    rows = [["respondent", "Toelichting", "Toelichting"],
            ["R1", "Een lang antwoord van een respondent.", "Nog een antwoord, wat langer."],
            ["R2", "Ander antwoord met meerdere woorden.", "Ook hier een heel verhaal."]]
    survey = read_survey(write("twice.csv", table(rows)))
    assert [q.label for q in survey.questions] == ["Toelichting", "Toelichting (2)"]
    assert survey.respondents[0].answers["Toelichting (2)"] == "Nog een antwoord, wat langer."


def test_parse_survey_takes_bytes(tmp_path: Path) -> None:
    path = files.limesurvey_csv(tmp_path)
    assert parse_survey(path.read_bytes(), path.name, case="id").case_column == "id"


def test_known_attribute_types_are_kept_and_checked(write: Write) -> None:
    rows = [["respondent", "Afdeling", "startjaar", "opmerking"],
            ["R1", "Lasserij", "2019", "Een lang antwoord van een respondent."],
            ["R2", "Montage", "2021", "Nog een lang antwoord over het werk."]]
    path = write("known.csv", table(rows))
    survey = read_survey(path, known={"afdeling": ("text", []), "startjaar": ("text", [])})
    by_label = {q.label: q for q in survey.questions}
    assert by_label["afdeling"].type == "text"  # spelled as the project spells it
    assert survey.respondents[0].values == {"afdeling": "Lasserij", "startjaar": "2019"}
    assert_bad(lambda: read_survey(path, known={"startjaar": ("date", [])}), "known.csv",
               "row 2, column startjaar", "'2019' is not a date")
    assert_bad(lambda: read_survey(path, known={"afdeling": ("choice", ["Lasserij"])}),
               "known.csv", "row 3, column Afdeling", "'Montage' is not one of the choices")


def test_mapping_for_a_survey_is_checked(tmp_path: Path) -> None:
    path = files.limesurvey_csv(tmp_path)
    assert_bad(lambda: read_survey(path, {"participant": "id"}), path.name,
               "no mapping for participant", "case=COLUMN")
    assert_bad(lambda: read_survey(path, {"per": "day"}), path.name,
               "'respondent' or 'question'")


def test_long_and_multi_line_headers_make_one_line_labels(write: Write) -> None:
    wording = "Wat heeft u\nde afgelopen week " + "heel erg " * 30 + "geleerd?"
    rows = [["respondent", wording], ["R1", "Een lang antwoord van een respondent."],
            ["R2", "Nog een lang antwoord over het werk."]]
    survey = read_survey(write("long.csv", table(rows)))
    [question] = survey.questions
    assert question.text == wording  # the heading keeps the whole wording
    assert "\n" not in question.label and len(question.label) == 120
    assert question.label.startswith("Wat heeft u de afgelopen week heel erg")


def test_a_respondent_id_that_cannot_be_a_case_name(write: Write) -> None:
    rows = [["respondent", "opmerking"], ["R1\tx", "Een lang antwoord van een respondent."]]
    assert_bad(lambda: read_survey(write("ctl.csv", table(rows))), "ctl.csv",
               "row 2, respondent id", "tabs")


def test_qualtrics_as_xlsx_reads_as_the_csv(tmp_path: Path) -> None:
    from_csv = read_survey(files.qualtrics_csv(tmp_path))
    from_xlsx = read_survey(files.qualtrics_xlsx(tmp_path))
    assert from_xlsx.layout == "qualtrics"
    assert [(q.label, q.open, q.type) for q in from_xlsx.questions] == \
        [(q.label, q.open, q.type) for q in from_csv.questions]
    assert [(r.id, r.answers, r.values, r.created) for r in from_xlsx.respondents] == \
        [(r.id, r.answers, r.values, r.created) for r in from_csv.respondents]


def test_forms_in_dutch_leaves_out_email_and_name(write: Write) -> None:
    rows = [["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam",
             "Wat leert u van uw collega's?"],
            ["1", "2024-06-01 09:00:05", "2024-06-01 09:04:30", "jan@example.nl", "Jan",
             "Hoe je een storing aan de kantbank verhelpt."],
            ["2", "2024-06-02 09:00:05", "2024-06-02 09:04:30", "anoniem", "",
             "Van de ploegleider, die legt alles rustig uit."]]
    survey = read_survey(write("forms-nl.csv", table(rows)))
    assert survey.layout == "forms" and survey.case_column == "Id"
    assert survey.left_out == ["E-mail", "Naam"]
    assert all("jan@example.nl" not in str(r.values) for r in survey.respondents)
    assert survey.respondents[0].values == {"Begintijd": "2024-06-01 09:00:05",
                                            "Tijd van voltooien": "2024-06-01 09:04:30"}
