<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Count</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Every speaker</source>
        <translation>Elke spreker</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Vormen</translation>
    </message>
    <message>
        <source>Most frequent words</source>
        <translation>Meest gebruikte woorden</translation>
    </message>
    <message>
        <source>Share of documents</source>
        <translation>Aandeel van de documenten</translation>
    </message>
    <message>
        <source>Shortest</source>
        <translation>Kortste</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Spreker</translation>
    </message>
    <message>
        <source>Whole texts</source>
        <translation>Hele teksten</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>Woord</translation>
    </message>
    <message>
        <source>Word cloud…</source>
        <translation>Woordwolk…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln different word(s)</source>
        <translation>
            <numerusform>%Ln verschillend woord</numerusform>
            <numerusform>%Ln verschillende woorden</numerusform>
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
        <source>%Ln word(s) counted</source>
        <translation>
            <numerusform>%Ln woord geteld</numerusform>
            <numerusform>%Ln woorden geteld</numerusform>
        </translation>
    </message>
</context>
</TS>
