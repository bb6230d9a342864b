<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Imported, with warnings</source>
        <translation>Geïmporteerd, met waarschuwingen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln point(s) to note about this import:</source>
        <translation>
            <numerusform>%Ln aandachtspunt bij deze import:</numerusform>
            <numerusform>%Ln aandachtspunten bij deze import:</numerusform>
        </translation>
    </message>
    <message>
        <source>Attach recording…</source>
        <translation>Opname koppelen…</translation>
    </message>
    <message>
        <source>Attach recording</source>
        <translation>Opname koppelen</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Opnamen</translation>
    </message>
    <message>
        <source>Attached {0}.</source>
        <translation>{0} gekoppeld.</translation>
    </message>
    <message>
        <source>Attaching a recording</source>
        <translation>Opname koppelen</translation>
    </message>
</context>
</TS>
