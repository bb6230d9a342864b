<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Group by case</source>
        <translation>Per case</translation>
    </message>
    <message>
        <source>A part per case, then the segments in no case</source>
        <translation>Een deel per case, daarna de segmenten zonder case</translation>
    </message>
    <message>
        <source>&amp;Change attribute…</source>
        <translation>Kenmerk &amp;wijzigen…</translation>
    </message>
    <message>
        <source>&amp;Delete attribute</source>
        <translation>Kenmerk &amp;verwijderen</translation>
    </message>
    <message>
        <source>&amp;New attribute…</source>
        <translation>&amp;Nieuw kenmerk…</translation>
    </message>
    <message>
        <source>(no documents yet)</source>
        <translation>(nog geen documenten)</translation>
    </message>
    <message>
        <source>(no value)</source>
        <translation>(geen waarde)</translation>
    </message>
    <message>
        <source>Cases from participants</source>
        <translation>Cases uit deelnemers</translation>
    </message>
    <message>
        <source>Change attribute</source>
        <translation>Kenmerk wijzigen</translation>
    </message>
    <message>
        <source>Change attribute {0}</source>
        <translation>Kenmerk {0} wijzigen</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Keuzes</translation>
    </message>
    <message>
        <source>Choose a case to see its documents and parts.</source>
        <translation>Kies een case om de documenten en delen ervan te zien.</translation>
    </message>
    <message>
        <source>Classifica&amp;tion sheet…</source>
        <translation>Classificatie&amp;blad…</translation>
    </message>
    <message>
        <source>Classification sheet</source>
        <translation>Classificatieblad</translation>
    </message>
    <message>
        <source>Clear {0} values</source>
        <translation>{0} waarden wissen</translation>
    </message>
    <message>
        <source>Coded segments of {0}</source>
        <translation>Gecodeerde segmenten van {0}</translation>
    </message>
    <message>
        <source>Coded segments…</source>
        <translation>Gecodeerde segmenten…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Define attribute {0}</source>
        <translation>Kenmerk {0} toevoegen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Delete attribute</source>
        <translation>Kenmerk verwijderen</translation>
    </message>
    <message>
        <source>Delete attribute {0}</source>
        <translation>Kenmerk {0} verwijderen</translation>
    </message>
    <message>
        <source>Delete case</source>
        <translation>Case verwijderen</translation>
    </message>
    <message>
        <source>Delete case {0}</source>
        <translation>Case {0} verwijderen</translation>
    </message>
    <message>
        <source>Delete the attribute {0} and all its values? Undo brings it back.</source>
        <translation>Het kenmerk {0} en al zijn waarden verwijderen? Ongedaan maken brengt het terug.</translation>
    </message>
    <message>
        <source>Delete the case {0}? Its documents stay; Undo brings the case back.</source>
        <translation>De case {0} verwijderen? De documenten blijven; Ongedaan maken brengt de case terug.</translation>
    </message>
    <message>
        <source>Delete values</source>
        <translation>Waarden wissen</translation>
    </message>
    <message>
        <source>Each row is matched to a case by its name or to a document by its title, in the key column. New columns become attributes.</source>
        <translation>Elke rij hoort bij een case (op naam) of een document (op titel) in de sleutelkolom. Nieuwe kolommen worden kenmerken.</translation>
    </message>
    <message>
        <source>Filter: words, or a condition such as afdeling = Lasserij and jaren &lt; 5</source>
        <translation>Filter: woorden, of een voorwaarde zoals afdeling = Lasserij en jaren &lt; 5</translation>
    </message>
    <message>
        <source>Go to the cas&amp;es</source>
        <translation>Naar de ca&amp;ses</translation>
    </message>
    <message>
        <source>Import attrib&amp;utes…</source>
        <translation>Kenmerken im&amp;porteren…</translation>
    </message>
    <message>
        <source>Import attributes</source>
        <translation>Kenmerken importeren</translation>
    </message>
    <message>
        <source>Import attributes from {0}</source>
        <translation>Kenmerken importeren uit {0}</translation>
    </message>
    <message>
        <source>In {0}:</source>
        <translation>In {0}:</translation>
    </message>
    <message>
        <source>Key column</source>
        <translation>Sleutelkolom</translation>
    </message>
    <message>
        <source>List of choices</source>
        <translation>Keuzelijst</translation>
    </message>
    <message>
        <source>Make cases from participants</source>
        <translation>Cases maken uit deelnemers</translation>
    </message>
    <message>
        <source>Make one case per participant (those that have none yet)</source>
        <translation>Eén case per deelnemer maken (voor wie er nog geen heeft)</translation>
    </message>
    <message>
        <source>Members of the case</source>
        <translation>Leden van de case</translation>
    </message>
    <message>
        <source>Names cannot be pasted over: start the paste in an attribute's column.</source>
        <translation>Namen kunnen niet overschreven worden: begin het plakken in de kolom van een kenmerk.</translation>
    </message>
    <message>
        <source>New attribute</source>
        <translation>Nieuw kenmerk</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Nieuwe case</translation>
    </message>
    <message>
        <source>New case of these documents…</source>
        <translation>Nieuwe case van deze documenten…</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>Nieuwe case…</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nieuwe naam:</translation>
    </message>
    <message>
        <source>Nothing was pasted</source>
        <translation>Er is niets geplakt</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Getal</translation>
    </message>
    <message>
        <source>One choice per line</source>
        <translation>Eén keuze per regel</translation>
    </message>
    <message>
        <source>Only this speaker's turns become the case's parts</source>
        <translation>Alleen de beurten van deze spreker worden delen van de case</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Plakken</translation>
    </message>
    <message>
        <source>Paste {0} values</source>
        <translation>{0} waarden plakken</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Opnieuw</translation>
    </message>
    <message>
        <source>Rename case</source>
        <translation>Case hernoemen</translation>
    </message>
    <message>
        <source>Rename case {0}</source>
        <translation>Case {0} hernoemen</translation>
    </message>
    <message>
        <source>Rows are</source>
        <translation>Rijen zijn</translation>
    </message>
    <message>
        <source>Set {0} of {1}</source>
        <translation>{0} van {1} invullen</translation>
    </message>
    <message>
        <source>Set {0} values</source>
        <translation>{0} waarden invullen</translation>
    </message>
    <message>
        <source>Speaker (optional)</source>
        <translation>Spreker (optioneel)</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx)</source>
        <translation>Tabellen (*.csv *.tsv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>The block does not fit: it reaches past the last row or column of the sheet.</source>
        <translation>Het blok past niet: het loopt voorbij de laatste rij of kolom van het blad.</translation>
    </message>
    <message>
        <source>The first rows of the table</source>
        <translation>De eerste rijen van de tabel</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation>Ja/nee</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>{0} (participant {1})</source>
        <translation>{0} (deelnemer {1})</translation>
    </message>
    <message>
        <source>{0} of {1} rows</source>
        <translation>{0} van {1} rijen</translation>
    </message>
    <message>
        <source>{0}, characters {1}–{2}</source>
        <translation>{0}, tekens {1}–{2}</translation>
    </message>
    <message>
        <source>{row}, {attribute}: {problem}</source>
        <translation>{row}, {attribute}: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) made.</source>
        <translation>
            <numerusform>%Ln case gemaakt.</numerusform>
            <numerusform>%Ln cases gemaakt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documenten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln part(s) of documents</source>
        <translation>
            <numerusform>%Ln deel van documenten</numerusform>
            <numerusform>%Ln delen van documenten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln deelnemer</numerusform>
            <numerusform>%Ln deelnemers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln rij</numerusform>
            <numerusform>%Ln rijen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>With the %Ln document(s) chosen in Material</source>
        <translation>
            <numerusform>Met het %Ln document gekozen in Materiaal</numerusform>
            <numerusform>Met de %Ln documenten gekozen in Materiaal</numerusform>
        </translation>
    </message>
</context>
</TS>
