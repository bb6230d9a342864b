<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Imported, with warnings</source>
        <translation>Imported, with warnings</translation>
    </message>
    <message numerus="yes">
        <source>%Ln point(s) to note about this import:</source>
        <translation>
            <numerusform>%Ln point to note about this import:</numerusform>
            <numerusform>%Ln points to note about this import:</numerusform>
        </translation>
    </message>
    <message>
        <source>Attach recording…</source>
        <translation>Attach recording…</translation>
    </message>
    <message>
        <source>Attach recording</source>
        <translation>Attach recording</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <source>Attached {0}.</source>
        <translation>Attached {0}.</translation>
    </message>
    <message>
        <source>Attaching a recording</source>
        <translation>Attaching a recording</translation>
    </message>
</context>
</TS>
