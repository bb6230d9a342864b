<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Attribute condition</source>
        <translation>Attribuutvoorwaarde</translation>
    </message>
    <message>
        <source>Cannot use this condition: %1</source>
        <translation>Deze voorwaarde is niet bruikbaar: %1</translation>
    </message>
    <message>
        <source>Condition, e.g. afdeling = Lasserij and jaren &lt; 5</source>
        <translation>Voorwaarde, bijv. afdeling = Lasserij en jaren &lt; 5</translation>
    </message>
    <message>
        <source>New document set from condition…</source>
        <translation>Nieuwe documentenset uit voorwaarde…</translation>
    </message>
    <message>
        <source>Only codings of cases and documents whose attributes satisfy this condition (and, or, not, =, &lt;, &gt;)</source>
        <translation>Alleen coderingen van cases en documenten waarvan de kenmerken aan deze voorwaarde voldoen (en, of, niet, =, &lt;, &gt;)</translation>
    </message>
    <message>
        <source>Only where</source>
        <translation>Alleen waar</translation>
    </message>
    <message>
        <source>Type a condition first, e.g. afdeling = Lasserij.</source>
        <translation>Typ eerst een voorwaarde, bijv. afdeling = Lasserij.</translation>
    </message>
    <message>
        <source>documents of cases that satisfy it</source>
        <translation>documenten van cases die eraan voldoen</translation>
    </message>
    <message>
        <source>documents that satisfy it</source>
        <translation>documenten die eraan voldoen</translation>
    </message>
    <message>
        <source>e.g. afdeling = Lasserij and jaren &lt; 5</source>
        <translation>bijv. afdeling = Lasserij en jaren &lt; 5</translation>
    </message>
    <message>
        <source>There is no attribute '%1'.</source>
        <translation>Er is geen kenmerk ‘%1’.</translation>
    </message>
    <message>
        <source>'%1' does not fit attribute %2 (%3).</source>
        <translation>‘%1’ past niet bij kenmerk %2 (%3).</translation>
    </message>
    <message>
        <source>A yes/no attribute (%1) takes = or !=.</source>
        <translation>Een ja/nee-kenmerk (%1) neemt = of !=.</translation>
    </message>
    <message>
        <source>This condition cannot be read; write e.g. afdeling = Lasserij and jaren &lt; 5.</source>
        <translation>Deze voorwaarde is niet te lezen; schrijf bijv. afdeling = Lasserij en jaren &lt; 5.</translation>
    </message>
</context>
</TS>
