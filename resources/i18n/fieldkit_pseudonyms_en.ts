<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Names left in the export</source>
        <translation>Names left in the export</translation>
    </message>
    <message>
        <source>These names are still in {0}: {1}. They were not replaced (written in lower case, too short, or not known as a name); check the document before sharing it.</source>
        <translation>These names are still in {0}: {1}. They were not replaced (written in lower case, too short, or not known as a name); check the document before sharing it.</translation>
    </message>
</context>
</TS>
