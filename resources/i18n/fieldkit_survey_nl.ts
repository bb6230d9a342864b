<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message numerus="yes">
        <source>%Ln closed question(s) as attributes</source>
        <translation>
            <numerusform>%Ln gesloten vraag als kenmerk</numerusform>
            <numerusform>%Ln gesloten vragen als kenmerken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) to code</source>
        <translation>
            <numerusform>%Ln document om te coderen</numerusform>
            <numerusform>%Ln documenten om te coderen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open question(s) to code</source>
        <translation>
            <numerusform>%Ln open vraag om te coderen</numerusform>
            <numerusform>%Ln open vragen om te coderen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln respondent(s) as cases</source>
        <translation>
            <numerusform>%Ln respondent als case</numerusform>
            <numerusform>%Ln respondenten als cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln warning(s) from reading the file:</source>
        <translation>
            <numerusform>%Ln waarschuwing bij het lezen van het bestand:</numerusform>
            <numerusform>%Ln waarschuwingen bij het lezen van het bestand:</numerusform>
        </translation>
    </message>
    <message>
        <source>A table typed by hand</source>
        <translation>Een met de hand getypte tabel</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Wordt</translation>
    </message>
    <message>
        <source>Castor</source>
        <translation>Castor</translation>
    </message>
    <message>
        <source>Choose the column that holds each respondent&apos;s id.</source>
        <translation>Kies de kolom die het nummer of de naam van elke respondent bevat.</translation>
    </message>
    <message>
        <source>Choose the respondent column</source>
        <translation>Kies de respondentkolom</translation>
    </message>
    <message>
        <source>Closed: attribute ({0})</source>
        <translation>Gesloten: kenmerk ({0})</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Columns of the survey</source>
        <translation>Kolommen van de enquête</translation>
    </message>
    <message>
        <source>Drop transcripts, notes, photos, ESM or survey exports here, or add them.</source>
        <translation>Sleep transcripten, notities, foto&apos;s, ESM- of enquête-exports hierheen, of voeg ze toe.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Import survey {0}</source>
        <translation>Enquête {0} importeren</translation>
    </message>
    <message>
        <source>Import survey</source>
        <translation>Enquête importeren</translation>
    </message>
    <message>
        <source>Importing a survey</source>
        <translation>Een enquête importeren</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Indeling</translation>
    </message>
    <message>
        <source>Left out (personal or technical)</source>
        <translation>Weggelaten (persoonlijk of technisch)</translation>
    </message>
    <message>
        <source>LimeSurvey</source>
        <translation>LimeSurvey</translation>
    </message>
    <message>
        <source>Microsoft Forms</source>
        <translation>Microsoft Forms</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>Geen waarschuwingen.</translation>
    </message>
    <message>
        <source>One document per question</source>
        <translation>Eén document per vraag</translation>
    </message>
    <message>
        <source>One document per respondent</source>
        <translation>Eén document per respondent</translation>
    </message>
    <message>
        <source>Open answers</source>
        <translation>Open antwoorden</translation>
    </message>
    <message>
        <source>Open: codable text</source>
        <translation>Open: codeerbare tekst</translation>
    </message>
    <message>
        <source>Qualtrics</source>
        <translation>Qualtrics</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <source>Respondent (case)</source>
        <translation>Respondent (case)</translation>
    </message>
    <message>
        <source>Respondent (case) column</source>
        <translation>Respondentkolom (case)</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Enquête</translation>
    </message>
    <message>
        <source>Survey {0} imported: {1}; {2}.</source>
        <translation>Enquête {0} geïmporteerd: {1}; {2}.</translation>
    </message>
    <message>
        <source>Warnings of the survey</source>
        <translation>Waarschuwingen bij de enquête</translation>
    </message>
</context>
</TS>
