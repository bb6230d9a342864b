<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Every speaker</source>
        <translation>Every speaker</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Most frequent words</source>
        <translation>Most frequent words</translation>
    </message>
    <message>
        <source>Share of documents</source>
        <translation>Share of documents</translation>
    </message>
    <message>
        <source>Shortest</source>
        <translation>Shortest</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Whole texts</source>
        <translation>Whole texts</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>Word</translation>
    </message>
    <message>
        <source>Word cloud…</source>
        <translation>Word cloud…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln different word(s)</source>
        <translation>
            <numerusform>%Ln different word</numerusform>
            <numerusform>%Ln different words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) counted</source>
        <translation>
            <numerusform>%Ln word counted</numerusform>
            <numerusform>%Ln words counted</numerusform>
        </translation>
    </message>
</context>
</TS>
