<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>'{0}' is not a name to replace; write Name=Pseudonym.</source>
        <translation>'{0}' is geen naam om te vervangen; schrijf Naam=Pseudoniem.</translation>
    </message>
    <message>
        <source>All coders</source>
        <translation>Alle codeurs</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Alle locaties</translation>
    </message>
    <message>
        <source>Bounds…</source>
        <translation>Grenzen…</translation>
    </message>
    <message>
        <source>CSV files in a folder</source>
        <translation>CSV-bestanden in een map</translation>
    </message>
    <message>
        <source>Change bounds…</source>
        <translation>Grenzen wijzigen…</translation>
    </message>
    <message>
        <source>Change the bounds of a coding</source>
        <translation>De grenzen van een codering wijzigen</translation>
    </message>
    <message>
        <source>Change the bounds of the segment</source>
        <translation>De grenzen van het segment wijzigen</translation>
    </message>
    <message>
        <source>Choose one or more codes (or a document or coder) to see their coded segments. Double-clicking a code in the codebook shows its segments here.</source>
        <translation>Kies een of meer codes (of een document of codeur) om de gecodeerde segmenten te zien. Dubbelklik op een code in het codeboek om de segmenten hier te tonen.</translation>
    </message>
    <message>
        <source>Choose the document to export.</source>
        <translation>Kies het document om te exporteren.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Coded &amp;segments</source>
        <translation>Gecodeerde se&amp;gmenten</translation>
    </message>
    <message>
        <source>Coded segments</source>
        <translation>Gecodeerde segmenten</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <source>Codes: choose…</source>
        <translation>Codes: kiezen…</translation>
    </message>
    <message>
        <source>Codes: {0}</source>
        <translation>Codes: {0}</translation>
    </message>
    <message>
        <source>Codes: {0} and {1} more</source>
        <translation>Codes: {0} en nog {1}</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Context</translation>
    </message>
    <message>
        <source>Edit memo…</source>
        <translation>Memo bewerken…</translation>
    </message>
    <message>
        <source>End (character)</source>
        <translation>Einde (teken)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-werkmap (.xlsx)</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>Export &amp;as</source>
        <translation>E&amp;xporteren als</translation>
    </message>
    <message>
        <source>Export coded segments</source>
        <translation>Gecodeerde segmenten exporteren</translation>
    </message>
    <message>
        <source>Export the selected segments (all shown ones when none is selected) as a Word report</source>
        <translation>De geselecteerde segmenten (alle getoonde als er niets geselecteerd is) als Word-rapport exporteren</translation>
    </message>
    <message>
        <source>Export the selected segments (all shown ones when none is selected) as an Excel workbook</source>
        <translation>De geselecteerde segmenten (alle getoonde als er niets geselecteerd is) als Excel-werkmap exporteren</translation>
    </message>
    <message>
        <source>Folder for the CSV files</source>
        <translation>Map voor de CSV-bestanden</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>Memo…</source>
        <translation>Memo…</translation>
    </message>
    <message>
        <source>No codes chosen</source>
        <translation>Geen codes gekozen</translation>
    </message>
    <message>
        <source>One document with its codings as Word comments (.docx)</source>
        <translation>Eén document met de coderingen als Word-opmerkingen (.docx)</translation>
    </message>
    <message>
        <source>One section per code with every coded segment, its citation (paragraph, timestamp) and memo. No codes chosen: all codes.</source>
        <translation>Per code een hoofdstuk met elk gecodeerd segment, de vindplaats (alinea, tijdstip) en memo. Geen codes gekozen: alle codes.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <source>Open in its document</source>
        <translation>Openen in het document</translation>
    </message>
    <message>
        <source>Other names to replace: Name=Pseudonym; …</source>
        <translation>Andere namen om te vervangen: Naam=Pseudoniem; …</translation>
    </message>
    <message>
        <source>Area of page {0}, {1}×{2} pt</source>
        <translation>Gebied op pagina {0}, {1}×{2} pt</translation>
    </message>
    <message>
        <source>Photo region {0}×{1} px</source>
        <translation>Fotodeel {0}×{1} px</translation>
    </message>
    <message>
        <source>Pseudonyms</source>
        <translation>Pseudoniemen</translation>
    </message>
    <message>
        <source>REFI-QDA project for ATLAS.ti, NVivo, MAXQDA (.qdpx)</source>
        <translation>REFI-QDA-project voor ATLAS.ti, NVivo, MAXQDA (.qdpx)</translation>
    </message>
    <message>
        <source>Recode</source>
        <translation>Hercoderen</translation>
    </message>
    <message>
        <source>Recode…</source>
        <translation>Hercoderen…</translation>
    </message>
    <message>
        <source>Replace participants' names by their pseudonyms</source>
        <translation>Namen van deelnemers door hun pseudoniem vervangen</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Opslaan als</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Segments, codebook, counts, co-occurrence and ESM answers, one sheet each.</source>
        <translation>Segmenten, codeboek, aantallen, samen voorkomen en ESM-antwoorden, elk op een eigen blad.</translation>
    </message>
    <message>
        <source>Show coded segments</source>
        <translation>Gecodeerde segmenten tonen</translation>
    </message>
    <message>
        <source>Show segments of any chosen code, or only where all chosen codes overlap</source>
        <translation>Segmenten van een van de gekozen codes tonen, of alleen waar alle gekozen codes overlappen</translation>
    </message>
    <message>
        <source>Snap to whole words</source>
        <translation>Tot hele woorden uitbreiden</translation>
    </message>
    <message>
        <source>Start (character)</source>
        <translation>Begin (teken)</translation>
    </message>
    <message>
        <source>The document's full text with each coding as a comment.</source>
        <translation>De volledige tekst van het document met elke codering als opmerking.</translation>
    </message>
    <message>
        <source>The same tables as the Excel workbook, one CSV file each, in a folder.</source>
        <translation>Dezelfde tabellen als de Excel-werkmap, elk als CSV-bestand, in een map.</translation>
    </message>
    <message>
        <source>The start must come before the end.</source>
        <translation>Het begin moet vóór het einde liggen.</translation>
    </message>
    <message>
        <source>The visit's date (or the day the document was made)</source>
        <translation>De datum van het bezoek (of de dag waarop het document gemaakt is)</translation>
    </message>
    <message>
        <source>The whole project, to open in another QDA program.</source>
        <translation>Het hele project, om in een ander QDA-programma te openen.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Tot</translation>
    </message>
    <message>
        <source>Use the selection in the document</source>
        <translation>De selectie in het document gebruiken</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Vindplaats</translation>
    </message>
    <message>
        <source>Word report of coded segments (.docx)</source>
        <translation>Word-rapport van gecodeerde segmenten (.docx)</translation>
    </message>
    <message>
        <source>Word…</source>
        <translation>Word…</translation>
    </message>
    <message>
        <source>all of them, overlapping</source>
        <translation>allemaal, overlappend</translation>
    </message>
    <message>
        <source>any of them</source>
        <translation>een ervan</translation>
    </message>
    <message>
        <source>beep</source>
        <translation>piep</translation>
    </message>
    <message>
        <source>coded segments</source>
        <translation>gecodeerde segmenten</translation>
    </message>
    <message>
        <source>tables</source>
        <translation>tabellen</translation>
    </message>
    <message>
        <source>text gone</source>
        <translation>tekst verdwenen</translation>
    </message>
    <message>
        <source>with sub-codes</source>
        <translation>met subcodes</translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s)</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segmenten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recode %Ln segment(s)</source>
        <translation>
            <numerusform>%Ln segment hercoderen</numerusform>
            <numerusform>%Ln segmenten hercoderen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recode %Ln segment(s) with:</source>
        <translation>
            <numerusform>%Ln segment hercoderen met:</numerusform>
            <numerusform>%Ln segmenten hercoderen met:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln segment(s)</source>
        <translation>
            <numerusform>%Ln segment verwijderen</numerusform>
            <numerusform>%Ln segmenten verwijderen</numerusform>
        </translation>
    </message>
</context>
</TS>
