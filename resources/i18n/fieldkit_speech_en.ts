<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Shortcut {0}</source>
        <translation>Shortcut {0}</translation>
    </message>
    <message>
        <source>No code matches.</source>
        <translation>No code matches.</translation>
    </message>
    <message>
        <source>Enter makes the new code “{0}”.</source>
        <translation>Enter makes the new code “{0}”.</translation>
    </message>
    <message>
        <source>Enter codes with {0}.</source>
        <translation>Enter codes with {0}.</translation>
    </message>
    <message>
        <source>No document is open: choose one in Material and press Enter.</source>
        <translation>No document is open: choose one in Material and press Enter.</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>Open documents</translation>
    </message>
</context>
</TS>
