<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Code set</source>
        <translation>Codeset</translation>
    </message>
    <message>
        <source>Document set</source>
        <translation>Documentenset</translation>
    </message>
</context>
</TS>
