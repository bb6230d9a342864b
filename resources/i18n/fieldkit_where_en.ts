<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Attribute condition</source>
        <translation>Attribute condition</translation>
    </message>
    <message>
        <source>Cannot use this condition: %1</source>
        <translation>Cannot use this condition: %1</translation>
    </message>
    <message>
        <source>Condition, e.g. afdeling = Lasserij and jaren &lt; 5</source>
        <translation>Condition, e.g. afdeling = Lasserij and jaren &lt; 5</translation>
    </message>
    <message>
        <source>New document set from condition…</source>
        <translation>New document set from condition…</translation>
    </message>
    <message>
        <source>Only codings of cases and documents whose attributes satisfy this condition (and, or, not, =, &lt;, &gt;)</source>
        <translation>Only codings of cases and documents whose attributes satisfy this condition (and, or, not, =, &lt;, &gt;)</translation>
    </message>
    <message>
        <source>Only where</source>
        <translation>Only where</translation>
    </message>
    <message>
        <source>Type a condition first, e.g. afdeling = Lasserij.</source>
        <translation>Type a condition first, e.g. afdeling = Lasserij.</translation>
    </message>
    <message>
        <source>documents of cases that satisfy it</source>
        <translation>documents of cases that satisfy it</translation>
    </message>
    <message>
        <source>documents that satisfy it</source>
        <translation>documents that satisfy it</translation>
    </message>
    <message>
        <source>e.g. afdeling = Lasserij and jaren &lt; 5</source>
        <translation>e.g. afdeling = Lasserij and jaren &lt; 5</translation>
    </message>
</context>
</TS>
