"""Survey exports written the way each tool writes them (for the survey importer's tests).

Each function writes a real file into a folder and returns its path; the answers are known to
the tests, which compare what was imported with them."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

# Qualtrics: the metadata columns of every export, their row-2 texts and ImportIds.
QUALTRICS_META = [
    ("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Europe/Amsterdam"}),
    ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Europe/Amsterdam"}),
    ("Status", "Response Type", {"ImportId": "status"}),
    ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
    ("Progress", "Progress", {"ImportId": "progress"}),
    ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
    ("Finished", "Finished", {"ImportId": "finished"}),
    ("RecordedDate", "Recorded Date",
     {"ImportId": "recordedDate", "timeZone": "Europe/Amsterdam"}),
    ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
    ("RecipientLastName", "Recipient Last Name", {"ImportId": "recipientLastName"}),
    ("RecipientFirstName", "Recipient First Name", {"ImportId": "recipientFirstName"}),
    ("RecipientEmail", "Recipient Email", {"ImportId": "recipientEmail"}),
    ("ExternalReference", "External Data Reference", {"ImportId": "externalDataReference"}),
    ("LocationLatitude", "Location Latitude", {"ImportId": "locationLatitude"}),
    ("LocationLongitude", "Location Longitude", {"ImportId": "locationLongitude"}),
    ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
    ("UserLanguage", "User Language", {"ImportId": "userLanguage"}),
]
QUALTRICS_QUESTIONS = [
    ("Q1", "In welke afdeling werkt u?", "QID1"),
    ("Q2", "Hoeveel jaar werkt u hier?", "QID2"),
    ("Q3", "Wat heeft u het laatst van een collega geleerd?", "QID3_TEXT"),
    ("Q4", "Heeft u een vaste mentor?", "QID4"),
    ("Q5", "Wat zou uw werk makkelijker maken?", "QID5_TEXT"),
]
# (status, finished, response id, Q1..Q5)
QUALTRICS_ROWS = [
    ("IP Address", "True", "R_1abcDEF", "Lasserij", "3",
     "Hoe je de kantbank instelt voor dun plaat 😀", "Ja", "Minder storingen, meer uitleg."),
    ("IP Address", "True", "R_2ghiJKL", "Montage", "12",
     "Dat je bij twijfel altijd\r\neven vraagt: één keer te veel is beter.", "Nee", ""),
    ("Survey Preview", "True", "R_3prevXY", "Lasserij", "1", "Test test", "Ja", "Niets"),
    ("IP Address", "False", "R_4mnoPQR", "Lasserij", "7",
     "Café-praat over de nieuwe lasrobot leverde tips op.", "Ja", "Een betere planning."),
    ("Spam", "True", "R_5spamZZ", "Montage", "2", "buy now cheap", "Nee", "spam spam"),
    ("IP Address", "True", "R_6stuVWX", "Montage", "25",
     "Niets nieuws, ik leer het meest van de handleiding.", "Nee",
     "Meer tijd om de nieuwe mensen in te werken."),
]


def qualtrics_csv(folder: Path, name: str = "Werkbeleving+2024_March+1,+2024_10.15.csv"
                  ) -> Path:
    """A Qualtrics "CSV, choice text" export: three header rows, UTF-8 with BOM, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([m[0] for m in QUALTRICS_META] + [q[0] for q in QUALTRICS_QUESTIONS])
    writer.writerow([m[1] for m in QUALTRICS_META] + [q[1] for q in QUALTRICS_QUESTIONS])
    writer.writerow([json.dumps(m[2], separators=(",", ":")) for m in QUALTRICS_META]
                    + [json.dumps({"ImportId": q[2]}, separators=(",", ":"))
                       for q in QUALTRICS_QUESTIONS])
    for i, (status, finished, rid, *answers) in enumerate(QUALTRICS_ROWS):
        start = f"2024-03-0{i + 1} 09:15:02"
        writer.writerow([start, f"2024-03-0{i + 1} 09:20:40", status, f"145.1.2.{i}", "100",
                         "338", finished, f"2024-03-0{i + 1} 09:20:41", rid, "", "", "", "",
                         "52.3702", "4.8952", "anonymous", "NL", *answers])
    path = folder / name
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return path


LIMESURVEY_ROWS = [
    ("1", "2024-05-02 10:11:12", "3", "Lasserij",
     "De nieuwe collega liet zien hoe je de robot teach-t.", "4"),
    ("2", "", "2", "Plaatwerk", "Ik heb geleerd om eerst de tekening goed te lezen.", "5"),
    ("3", "2024-05-03 08:00:01", "3", "Lasserij", "Niet veel, het meeste wist ik al wel.", "3"),
    ("4", "2024-05-03 09:10:11", "3", "Plaatwerk", "", "2"),
]


def limesurvey_csv(folder: Path, name: str = "results-survey845132.csv") -> Path:
    """A LimeSurvey "CSV, question code & question text" export, ``;``-delimited, cp1252."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
                     "datestamp", "ipaddr", "G01Q01. Op welke afdeling werkt u?",
                     "G01Q02. Wat heeft u deze week geleerd, en van wie?",
                     "G01Q03. Hoe tevreden bent u met de inwerkperiode? (1-5)"])
    for rid, submitted, lastpage, afdeling, learned, score in LIMESURVEY_ROWS:
        writer.writerow([rid, submitted, lastpage, "nl", "123456", "2024-05-02 10:00:00",
                         submitted or "2024-05-02 10:05:00", "10.0.0.1", afdeling, learned,
                         score])
    path = folder / name
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


FORMS_ROWS = [
    (1, "anonymous", "", "Lasserij", "Collega's helpen elkaar veel bij storingen.", "Ja"),
    (2, "anonymous", "", "Expeditie", "Ik leer vooral door het gewoon te doen 💪.", "Nee"),
    (3, "anonymous", "", "Lasserij", "Van de ploegleider, die legt alles rustig uit.", "Ja"),
]


def forms_xlsx(folder: Path, name: str = "Werkbeleving(1-3).xlsx") -> Path:
    """A Microsoft Forms export: ID, times, Email, Name, Last modified time, questions."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name",
                  "Last modified time", "Op welke afdeling werkt u?",
                  "Wat leert u van uw collega's?", "Werkt u in ploegen?"])
    for i, email, person, afdeling, learned, ploegen in FORMS_ROWS:
        sheet.append([i, datetime(2024, 6, i, 9, 0, 5), datetime(2024, 6, i, 9, 4, 30), email,
                      person, None, afdeling, learned, ploegen])
    path = folder / name
    book.save(path)
    return path


HAND_ROWS = [
    ("P01", "Lasserij", "vroeg", 4, "Ik kijk veel mee met Ahmed, die weet alles van de kantbank."),
    ("P02", "Montage", "laat", 11, "Door fouten te maken en die te bespreken in het overleg."),
    ("P03", "Lasserij", "laat", 2, "De leerlingen leren mij de nieuwe software, ha!"),
]


def hand_xlsx(folder: Path, name: str = "enquete handmatig.xlsx") -> Path:
    """A sheet typed by hand: a title merged across the table, "Deelnemer" merged down two
    rows, "Afdeling" merged over two columns with its sub-headings below, a blank row between
    respondents, a remark below the table and blank formatted rows after it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Antwoorden"
    sheet.append(["Enquête werkbeleving voorjaar 2024"])
    sheet.merge_cells("A1:E1")
    sheet.append(["Deelnemer", "Afdeling", None, "Jaren in dienst",
                  "Wat heeft u geleerd van collega's?"])
    sheet.append([None, "Naam", "Ploeg", None, None])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:C2")
    sheet.merge_cells("D2:D3")
    sheet.merge_cells("E2:E3")
    for i, row in enumerate(HAND_ROWS):
        sheet.append(list(row))
        if i == 0:
            sheet.append([None] * 5)
    sheet.append(["* P02 vulde de lijst samen met de teamleider in"])
    sheet["E20"].number_format = "0.00"  # formatted, empty
    book.create_sheet("Toelichting").append(["Ingevuld door de onderzoeker"])
    path = folder / name
    book.save(path)
    return path


def qualtrics_xlsx(folder: Path, name: str = "Werkbeleving 2024.xlsx") -> Path:
    """The same responses as ``qualtrics_csv``, as Qualtrics' Excel download: the three header
    rows, numbers as numbers, the answers' line breaks kept."""
    from openpyxl import Workbook

    rows = list(csv.reader(io.StringIO(qualtrics_csv(folder).read_text("utf-8-sig"),
                                       newline="")))
    book = Workbook()
    sheet = book.active
    for i, row in enumerate(rows):
        sheet.append([int(c) if i > 2 and c.isdigit() else c for c in row])
    path = folder / name
    book.save(path)
    return path
