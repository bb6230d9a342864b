<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>A set, or the name of a new one:</source>
        <translation>A set, or the name of a new one:</translation>
    </message>
    <message>
        <source>Add to code set</source>
        <translation>Add to code set</translation>
    </message>
    <message>
        <source>Add to code set…</source>
        <translation>Add to code set…</translation>
    </message>
    <message>
        <source>Add to document set</source>
        <translation>Add to document set</translation>
    </message>
    <message>
        <source>Add to document set…</source>
        <translation>Add to document set…</translation>
    </message>
    <message>
        <source>Add to set</source>
        <translation>Add to set</translation>
    </message>
    <message>
        <source>Added to the set {0}.</source>
        <translation>Added to the set {0}.</translation>
    </message>
    <message>
        <source>Code set</source>
        <translation>Code set</translation>
    </message>
    <message>
        <source>Delete set {0}</source>
        <translation>Delete set {0}</translation>
    </message>
    <message>
        <source>Document set</source>
        <translation>Document set</translation>
    </message>
    <message>
        <source>Export to Word</source>
        <translation>Export to Word</translation>
    </message>
    <message>
        <source>New set {0}</source>
        <translation>New set {0}</translation>
    </message>
    <message>
        <source>coding query</source>
        <translation>coding query</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Export to Excel</translation>
    </message>
</context>
</TS>
