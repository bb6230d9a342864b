<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Documents</source>
        <translation>Documenten</translation>
    </message>
    <message>
        <source>All codes</source>
        <translation>Alle codes</translation>
    </message>
    <message>
        <source>Overlapping</source>
        <translation>Overlappend</translation>
    </message>
    <message>
        <source>Within N words</source>
        <translation>Binnen N woorden</translation>
    </message>
    <message>
        <source>Same speaker turn or paragraph</source>
        <translation>Zelfde spreekbeurt of alinea</translation>
    </message>
    <message>
        <source>Same document</source>
        <translation>Zelfde document</translation>
    </message>
    <message>
        <source>words</source>
        <translation>woorden</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Aantallen</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>Coëfficiënt</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Maand</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Attribute: %1</source>
        <translation>Kenmerk: %1</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmenten</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Woorden</translation>
    </message>
    <message>
        <source>% of column</source>
        <translation>% van de kolom</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Code relations</source>
        <translation>Coderelaties</translation>
    </message>
    <message>
        <source>Code matrix</source>
        <translation>Codematrix</translation>
    </message>
    <message>
        <source>Coding query</source>
        <translation>Codeervraag</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Sets</translation>
    </message>
    <message>
        <source>Memos</source>
        <translation>Memo's</translation>
    </message>
    <message>
        <source>A coding query, e.g. "Peer help" AND "Time pressure", A NOT B, A NEAR/10 B</source>
        <translation>Een codeervraag, bijv. "Peer help" AND "Time pressure", A NOT B, A NEAR/10 B</translation>
    </message>
    <message>
        <source>Only where the text holds…</source>
        <translation>Alleen waar de tekst bevat…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Uitvoeren</translation>
    </message>
    <message>
        <source>Keep query…</source>
        <translation>Vraag bewaren…</translation>
    </message>
    <message>
        <source>Make document set…</source>
        <translation>Documentenset maken…</translation>
    </message>
    <message>
        <source>Kept queries</source>
        <translation>Bewaarde vragen</translation>
    </message>
    <message>
        <source>Keep query</source>
        <translation>Vraag bewaren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Make document set</source>
        <translation>Documentenset maken</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <source>New document set from attribute…</source>
        <translation>Nieuwe documentenset uit kenmerk…</translation>
    </message>
    <message>
        <source>Delete set</source>
        <translation>Set verwijderen</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Bevat</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Leden</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>New document set</source>
        <translation>Nieuwe documentenset</translation>
    </message>
    <message>
        <source>New memo</source>
        <translation>Nieuwe memo</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Words in the title or text</source>
        <translation>Woorden in titel of tekst</translation>
    </message>
    <message>
        <source>New memo…</source>
        <translation>Nieuwe memo…</translation>
    </message>
    <message>
        <source>Link to the open document</source>
        <translation>Koppelen aan het open document</translation>
    </message>
    <message>
        <source>Every type</source>
        <translation>Elke soort</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Choose a memo and open a document to link it to.</source>
        <translation>Kies een memo en open een document om het aan te koppelen.</translation>
    </message>
    <message>
        <source>Field diary</source>
        <translation>Veldwerkdagboek</translation>
    </message>
    <message>
        <source>Reflexive</source>
        <translation>Reflexief</translation>
    </message>
    <message>
        <source>Theoretical</source>
        <translation>Theoretisch</translation>
    </message>
    <message>
        <source>Methodological</source>
        <translation>Methodologisch</translation>
    </message>
    <message>
        <source>Code memo</source>
        <translation>Codememo</translation>
    </message>
    <message>
        <source>Document memo</source>
        <translation>Documentmemo</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>&amp;Analysis: relations, matrices, queries, memos…</source>
        <translation>&amp;Analyse: relaties, matrices, vragen, memo's…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) in the new set</source>
        <translation>
            <numerusform>%Ln document in de nieuwe set</numerusform>
            <numerusform>%Ln documenten in de nieuwe set</numerusform>
        </translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Grafiek</translation>
    </message>
    <message>
        <source>Save as PNG or SVG…</source>
        <translation>Opslaan als PNG of SVG…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Grafiek opslaan</translation>
    </message>
    <message>
        <source>Chart…</source>
        <translation>Grafiek…</translation>
    </message>
    <message>
        <source>as bars</source>
        <translation>als staven</translation>
    </message>
    <message>
        <source>Memo trail to Word…</source>
        <translation>Memospoor naar Word…</translation>
    </message>
    <message>
        <source>Memo trail to Word</source>
        <translation>Memospoor naar Word</translation>
    </message>
    <message>
        <source>Expand the open jotting</source>
        <translation>Open krabbel uitwerken</translation>
    </message>
    <message>
        <source>Open the jotting (a fieldnote) to expand first.</source>
        <translation>Open eerst de krabbel (een veldnotitie) om uit te werken.</translation>
    </message>
    <message>
        <source>Analysis, classification sheet: the next tab</source>
        <translation>Analyse, classificatieblad: het volgende tabblad</translation>
    </message>
    <message>
        <source>Analysis, classification sheet: the tab before</source>
        <translation>Analyse, classificatieblad: het vorige tabblad</translation>
    </message>
</context>
</TS>
