<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Shortcut {0}</source>
        <translation>Sneltoets {0}</translation>
    </message>
    <message>
        <source>No code matches.</source>
        <translation>Geen code past.</translation>
    </message>
    <message>
        <source>Enter makes the new code “{0}”.</source>
        <translation>Enter maakt de nieuwe code “{0}”.</translation>
    </message>
    <message>
        <source>Enter codes with {0}.</source>
        <translation>Enter codeert met {0}.</translation>
    </message>
    <message>
        <source>No document is open: choose one in Material and press Enter.</source>
        <translation>Er is geen document open: kies er een in Materiaal en druk op Enter.</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>Open documenten</translation>
    </message>
</context>
</TS>
