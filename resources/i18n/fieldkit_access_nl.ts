<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Actual si&amp;ze</source>
        <translation>&amp;Ware grootte</translation>
    </message>
    <message>
        <source>Agreement per code</source>
        <translation>Overeenstemming per code</translation>
    </message>
    <message>
        <source>Agreement threshold</source>
        <translation>Drempel voor overeenstemming</translation>
    </message>
    <message>
        <source>Analysis table</source>
        <translation>Analysetabel</translation>
    </message>
    <message>
        <source>Attached photos</source>
        <translation>Bijgevoegde foto's</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Back-ups</translation>
    </message>
    <message>
        <source>Choose a segment to read it whole, in its context.</source>
        <translation>Kies een segment om het helemaal te lezen, in zijn context.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>Close {0}</source>
        <translation>{0} sluiten</translation>
    </message>
    <message>
        <source>Code with…</source>
        <translation>Coderen met…</translation>
    </message>
    <message>
        <source>Coded from</source>
        <translation>Gecodeerd vanaf</translation>
    </message>
    <message>
        <source>Coded until</source>
        <translation>Gecodeerd tot en met</translation>
    </message>
    <message>
        <source>Coded: {0}</source>
        <translation>Gecodeerd: {0}</translation>
    </message>
    <message>
        <source>Coders to compare</source>
        <translation>Te vergelijken codeurs</translation>
    </message>
    <message>
        <source>Codes to choose from</source>
        <translation>Codes om uit te kiezen</translation>
    </message>
    <message>
        <source>Distance in characters</source>
        <translation>Afstand in tekens</translation>
    </message>
    <message>
        <source>Document and code sets</source>
        <translation>Document- en codesets</translation>
    </message>
    <message>
        <source>Document text</source>
        <translation>Tekst van het document</translation>
    </message>
    <message>
        <source>End of the segment</source>
        <translation>Einde van het segment</translation>
    </message>
    <message>
        <source>Files to import</source>
        <translation>Te importeren bestanden</translation>
    </message>
    <message>
        <source>Linked documents and codes</source>
        <translation>Gekoppelde documenten en codes</translation>
    </message>
    <message>
        <source>Lowest confidence shown</source>
        <translation>Laagste getoonde zekerheid</translation>
    </message>
    <message>
        <source>Makes the code: {0} (a new one: a code of that name is already at {1}).</source>
        <translation>Maakt de code: {0} (een nieuwe: er staat al een code met die naam op {1}).</translation>
    </message>
    <message>
        <source>Matching codes</source>
        <translation>Passende codes</translation>
    </message>
    <message>
        <source>Material by site and visit</source>
        <translation>Materiaal per locatie en bezoek</translation>
    </message>
    <message>
        <source>Memo text</source>
        <translation>Tekst van de memo</translation>
    </message>
    <message>
        <source>More filters</source>
        <translation>Meer filters</translation>
    </message>
    <message>
        <source>Not coded here.</source>
        <translation>Hier niet gecodeerd.</translation>
    </message>
    <message>
        <source>Query results</source>
        <translation>Resultaten van de query</translation>
    </message>
    <message>
        <source>Search hits</source>
        <translation>Zoekresultaten</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Alles selecteren</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Tonen in map</translation>
    </message>
    <message>
        <source>Start of the segment</source>
        <translation>Begin van het segment</translation>
    </message>
    <message>
        <source>The demo study is kept in {0}</source>
        <translation>De demostudie staat in {0}</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>De map {0} bestaat niet.</translation>
    </message>
    <message>
        <source>The segment in its context</source>
        <translation>Het segment in zijn context</translation>
    </message>
    <message>
        <source>Transcribe {0}</source>
        <translation>Transcriberen: {0}</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Datum van het bezoek</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Inzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Uitzoomen</translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0} door {1}</translation>
    </message>
    <message>
        <source>“{0}” exists already.</source>
        <translation>“{0}” bestaat al.</translation>
    </message>
    <message>
        <source>“{0}” exists — codes the selection with it.</source>
        <translation>“{0}” bestaat al — codeert de selectie ermee.</translation>
    </message>
    <message numerus="yes">
        <source>Choose none (%Ln chosen)</source>
        <translation>
            <numerusform>Geen kiezen (%Ln gekozen)</numerusform>
            <numerusform>Geen kiezen (%Ln gekozen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More filters (%Ln in use)</source>
        <translation>
            <numerusform>Meer filters (%Ln in gebruik)</numerusform>
            <numerusform>Meer filters (%Ln in gebruik)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>Hoo&amp;g contrast</translation>
    </message>
    <message>
        <source>Next control (Shift+Tab: the one before)</source>
        <translation>Volgend element (Shift+Tab: het vorige)</translation>
    </message>
    <message>
        <source>Move inside a list, tree or table</source>
        <translation>Binnen een lijst, boom of tabel bewegen</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>Pijltjestoetsen</translation>
    </message>
    <message>
        <source>Context menu</source>
        <translation>Contextmenu</translation>
    </message>
</context>
</TS>
