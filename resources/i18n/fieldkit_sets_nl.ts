<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>A set, or the name of a new one:</source>
        <translation>Een set, of de naam van een nieuwe:</translation>
    </message>
    <message>
        <source>Add to code set</source>
        <translation>Aan codeset toevoegen</translation>
    </message>
    <message>
        <source>Add to code set…</source>
        <translation>Aan codeset toevoegen…</translation>
    </message>
    <message>
        <source>Add to document set</source>
        <translation>Aan documentenset toevoegen</translation>
    </message>
    <message>
        <source>Add to document set…</source>
        <translation>Aan documentenset toevoegen…</translation>
    </message>
    <message>
        <source>Add to set</source>
        <translation>Aan set toevoegen</translation>
    </message>
    <message>
        <source>Added to the set {0}.</source>
        <translation>Toegevoegd aan de set {0}.</translation>
    </message>
    <message>
        <source>Code set</source>
        <translation>Codeset</translation>
    </message>
    <message>
        <source>Delete set {0}</source>
        <translation>Set {0} verwijderen</translation>
    </message>
    <message>
        <source>Document set</source>
        <translation>Documentenset</translation>
    </message>
    <message>
        <source>Export to Word</source>
        <translation>Exporteren naar Word</translation>
    </message>
    <message>
        <source>New set {0}</source>
        <translation>Nieuwe set {0}</translation>
    </message>
    <message>
        <source>coding query</source>
        <translation>codeervraag</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Exporteren naar Excel</translation>
    </message>
</context>
</TS>
