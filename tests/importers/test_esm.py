from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fieldkit.importers import detect_kind, read_file
from fieldkit.importers.esm import find_meta_file

from .conftest import assert_bad


def free_answers(doc) -> dict[str, str]:
    """Every free-text answer, sliced from the document text by its recorded span."""
    return {f"{beep['time']} {key}": doc.text[start:end]
            for beep in doc.attributes["beeps"] for key, (start, end) in beep["text"].items()}


def test_mpath_basic_with_meta(esm_fixtures: Path) -> None:
    basic = esm_fixtures / "mpath_basic.csv"
    assert find_meta_file(basic) == esm_fixtures / "mpath_meta.csv"
    assert detect_kind(basic) == "esm"
    docs = read_file(basic)
    assert len(docs) == 1  # one participant, one day
    [doc] = docs
    assert doc.kind == "esm"
    assert doc.participant == "larann"  # `code` is empty, so the alias
    assert doc.created == "2024-07-31T11:44:08Z"  # timeStampStart 1722426248, UTC
    assert doc.title == "ESM larann 2024-07-31"
    assert doc.original is None
    beeps = doc.attributes["beeps"]
    assert [b["time"] for b in beeps] == ["2024-07-31T13:44:08", "2024-07-31T13:53:58",
                                         "2024-07-31T14:11:43"]  # + timeZoneOffset 7200
    assert beeps[0]["beep"] == "20372171"
    assert beeps[0]["utc"] == "2024-07-31T11:44:08Z"
    assert doc.text.startswith("2024-07-31 13:44\nQuestion [open_open]: test1 test\n"
                               "question b with same label: same label\n\n2024-07-31 13:53\n")
    assert free_answers(doc)["2024-07-31T13:44:08 open_open"] == "test1 test"
    assert free_answers(doc)["2024-07-31T13:53:58 open_open"] == "question"  # '"question "'
    first = beeps[0]["answers"]
    assert first["yesno_yesno"] == 1
    assert first["single_choice_multipleChoice_string"] == "b"
    assert first["multiplemulti_choice_multipleChoice_index"] == [2, 3]
    assert first["multiplemulti_choice_multipleChoice_string"] == ["b", "c"]
    assert first["open_number_open"] == 0.12345  # an open question answered with a number
    assert first["sliderneg_sliderNegPos"] == 21
    assert "opentimeout_open" not in first and "opentimeout_open" not in beeps[0]["text"]
    assert "timeStampStart" not in first and "code" not in first
    questions = doc.attributes["questions"]
    assert questions["open_number_open"] == "put decimal number"
    assert doc.attributes["esm_format"] == "m-path"


def test_mpath_per_beep(esm_fixtures: Path) -> None:
    docs = read_file(esm_fixtures / "mpath_basic.csv", per="beep")
    assert [d.title for d in docs] == ["ESM larann 2024-07-31 13:44", "ESM larann 2024-07-31 13:53",
                                       "ESM larann 2024-07-31 14:11"]
    assert [len(d.attributes["beeps"]) for d in docs] == [1, 1, 1]
    assert docs == read_file(esm_fixtures / "mpath_basic.csv", mapping={"per": "beep"})


def test_mpath_without_meta_uses_column_names(esm_fixtures: Path, tmp_path: Path) -> None:
    lonely = tmp_path / "export_basic.csv"
    shutil.copyfile(esm_fixtures / "mpath_basic.csv", lonely)  # a temporary copy, not in the repo
    [doc] = read_file(lonely)
    assert doc.text.startswith("2024-07-31 13:44\nopen_open: test1 test\n")


def test_mpath_meta_file_alone_is_refused(esm_fixtures: Path) -> None:
    assert_bad(lambda: read_file(esm_fixtures / "mpath_meta.csv"), "mpath_meta.csv", "basic")


# Made like a real m-Path "basic" export (the layout of mpathr's test_basic.csv, and the escapes
# seen in a 2,222-beep export from a field study): ';'-separated, CSV-quoted cells whose content
# is a JSON string, so apostrophes arrive as \u2019, line breaks as \n, '/' as \/ and a
# backslash the worker typed as \\. The last row holds a backslash m-Path did not escape.
MPATH_HEADER = ("connectionId;legacyCode;code;alias;initials;accountCode;scheduledBeepId;"
                "sentBeepId;reminderForOriginalSentBeepId;questionListName;questionListLabel;"
                "fromProtocolName;timeStampScheduled;timeStampSent;timeStampStart;timeStampStop;"
                "originalTimeStampSent;timeZoneOffset;deltaUTC;wat_open;mood_sliderNegPos;"
                "who_multipleChoice_string\n")


def mpath_row(stamp: int, answer: str, who: str) -> str:
    return (f"228325;;;P07;p07;jp7a7;0;{stamp};0;DAG;;;0;{stamp};{stamp};{stamp + 60};0;7200;-1;"
            f'"""{answer}""";61;{who}\n')


def test_mpath_json_escapes_are_decoded_but_a_typed_backslash_stays(write) -> None:
    path = write("study_basic.csv", "\ufeff" + MPATH_HEADER
                 + mpath_row(1722426248, r"bumped into a friend I hadn\u2019t seen", '"""Jan"""')
                 + mpath_row(1722427248, r"fun time with colleagues\n", '"""Jan"",""Piet"""')
                 + mpath_row(1722428248, r"swapped the die a\/b \ud83d\ude00", "")
                 + mpath_row(1722429248, r"saved it in C:\\temp\\", "")
                 + mpath_row(1722430248, r"typed C:\temp \q but it\u2019s fine", ""))
    [doc] = read_file(path)
    answers = list(free_answers(doc).values())
    assert answers == ["bumped into a friend I hadn’t seen", "fun time with colleagues",
                       "swapped the die a/b 😀", "saved it in C:\\temp\\",
                       "typed C:\\temp \\q but it’s fine"]
    assert "\\u2019" not in doc.text and "\\n" not in doc.text and "\\/" not in doc.text
    beeps = doc.attributes["beeps"]
    assert beeps[0]["answers"]["who_multipleChoice_string"] == "Jan"
    assert beeps[1]["answers"]["who_multipleChoice_string"] == ["Jan", "Piet"]


ESMIRA = (
    "entryId;userId;uploaded;appType;appVersion;studyId;timezone;responseTime;"
    "responseTime_formatted;questionnaireName;stress;wat_geleerd_text;mood\n"
    "1;P01;1;Android;2.1;7;Europe/Amsterdam;1715675400000;2024-05-14 10:30;Dag;3;"
    "Ahmed liet me zien hoe je de matrijs wisselt zonder de pers uit te zetten 😀;goed\n"
    "2;P01;1;Android;2.1;7;Europe/Amsterdam;1715693400000;2024-05-14 15:30;Dag;5;;slecht\n"
    "3;P02;1;iOS;2.1;7;Europe/Amsterdam;1715761800000;2024-05-15 10:30;Dag;2;"
    "Niks nieuws, gewoon draaien;goed\n"
)


def test_esmira(write) -> None:
    docs = read_file(write("esmira.csv", ESMIRA))
    assert [(d.participant, d.title, d.created) for d in docs] == [
        ("P01", "ESM P01 2024-05-14", "2024-05-14T08:30:00Z"),
        ("P02", "ESM P02 2024-05-15", "2024-05-15T08:30:00Z"),
    ]
    p01 = docs[0]
    assert p01.text == ("2024-05-14 10:30\nwat_geleerd_text: Ahmed liet me zien hoe je de "
                        "matrijs wisselt zonder de pers uit te zetten 😀")
    assert [b["answers"] for b in p01.attributes["beeps"]] == [
        {"stress": 3, "mood": "goed"}, {"stress": 5, "mood": "slecht"}]
    assert [b["beep"] for b in p01.attributes["beeps"]] == ["1", "2"]
    assert p01.attributes["esm_format"] == "esmira"
    assert "uploaded" not in p01.attributes["questions"]


LONG = (
    "Deelnemer\tTijdstip\tVraag\tAntwoord\n"
    "w07\t14-05-2024 09:15\tHoe druk was het?\t4\n"
    "w07\t14-05-2024 09:15\tWat heb je net geleerd?\tDat de sensor vuil wordt van de olie, "
    "Marco liet het zien\n"
    "w07\t14-05-2024 13:02\tHoe druk was het?\t2,5\n"
    "w07\t14-05-2024 13:02\tWat heb je net geleerd?\tNiets bijzonders vandaag eigenlijk, "
    "alles liep\n"
    "w07\t15-05-2024 08:00\tHoe druk was het?\t3\n"
    "w09\t2024-05-14T10:00:00+02:00\tHoe druk was het?\t1\n"
)


def test_generic_long_format_utf16_tabs(write) -> None:
    docs = read_file(write("esm_lang.tsv", LONG.encode("utf-16")))
    assert [(d.participant, d.attributes["date"]) for d in docs] == [
        ("w07", "2024-05-14"), ("w07", "2024-05-15"), ("w09", "2024-05-14")]
    day = docs[0]
    assert day.created == "2024-05-14T07:15:00Z"  # Amsterdam summer time
    assert day.text == ("2024-05-14 09:15\nWat heb je net geleerd?: Dat de sensor vuil wordt van"
                        " de olie, Marco liet het zien\n\n2024-05-14 13:02\nWat heb je net "
                        "geleerd?: Niets bijzonders vandaag eigenlijk, alles liep")
    assert [b["answers"] for b in day.attributes["beeps"]] == [
        {"Hoe druk was het?": 4}, {"Hoe druk was het?": 2.5}]
    assert docs[1].text == ""  # a day with only closed answers
    assert docs[2].created == "2024-05-14T08:00:00Z"
    assert docs[2].attributes["beeps"][0]["time"] == "2024-05-14T10:00:00"


def test_long_format_with_mapping_and_free_text_override(write) -> None:
    csv_text = ("who,when,item,reply\n"
                "a1,2024-03-01 10:00,gevoel,moe\n"
                "a1,2024-03-01 10:00,score,7\n")
    path = write("export.csv", csv_text)
    mapping = {"participant": "who", "timestamp": "when", "question": "item",
               "answer": "reply", "free_text": "gevoel", "timezone": "UTC"}
    [doc] = read_file(path, mapping=mapping)
    assert doc.text == "2024-03-01 10:00\ngevoel: moe"
    assert doc.created == "2024-03-01T10:00:00Z"
    assert doc.attributes["beeps"][0]["answers"] == {"score": 7}


def test_generic_wide_format(write) -> None:
    path = write("wide.csv", "participant_id,timestamp,energie,toelichting_open\n"
                             "p1,2024-06-01 12:00,3,Lange dienst gehad\n")
    [doc] = read_file(path)
    assert doc.attributes["esm_format"] == "wide"
    assert doc.text == "2024-06-01 12:00\ntoelichting_open: Lange dienst gehad"
    assert doc.attributes["beeps"][0]["answers"] == {"energie": 3}


def test_missing_columns_are_listed(write) -> None:
    path = write("raar.csv", "naam;wanneer;vraag;antwoord\nx;y;z;w\n")
    error = assert_bad(lambda: read_file(path), "raar.csv", "participant", "naam, wanneer")
    assert "timestamp" not in str(error) or "wanneer" in str(error)


def test_mapping_names_a_missing_column(write) -> None:
    path = write("e.csv", "participant,timestamp,q\np,2024-01-01 10:00,x\n")
    assert_bad(lambda: read_file(path, mapping={"participant": "persoon"}), "e.csv", "persoon",
               "columns found: participant, timestamp, q")
    assert_bad(lambda: read_file(path, mapping={"deelnemer": "x"}), "e.csv", "unknown mapping")
    assert_bad(lambda: read_file(path, per="week"), "e.csv", "per")


def test_no_readable_rows(write) -> None:
    path = write("tijd.csv", "participant,timestamp,score\np1,gisteren,3\n")
    assert_bad(lambda: read_file(path), "tijd.csv", "no answered")


def test_not_a_table(write) -> None:
    assert_bad(lambda: read_file(write("los.csv", "alleen tekst\n")), "los.csv", "not a table")
    assert_bad(lambda: read_file(write("leeg.csv", b"")), "leeg.csv", "empty")


@pytest.mark.parametrize("kind", ["text", "transcript", "photo"])
def test_table_kind_mismatch(write, kind: str) -> None:
    assert_bad(lambda: read_file(write("t.csv", "a,b\n1,2\n"), kind=kind), "t.csv")
