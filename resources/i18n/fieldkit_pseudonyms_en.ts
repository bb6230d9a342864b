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
    <message>
        <source>This project keeps participants' real names: without pseudonyms they go into the export as they are.</source>
        <translation>This project keeps participants' real names: without pseudonyms they go into the export as they are.</translation>
    </message>
    <message>
        <source>The last export replaced other names ({0}); this one replaces none.</source>
        <translation>The last export replaced other names ({0}); this one replaces none.</translation>
    </message>
    <message>
        <source>Where: {0}.</source>
        <translation>Where: {0}.</translation>
    </message>
</context>
</TS>
