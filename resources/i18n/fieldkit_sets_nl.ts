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
    <message>
        <source>Export to Word</source>
        <translation>Exporteren naar Word</translation>
    </message>
    <message>
        <source>coding query</source>
        <translation>codeervraag</translation>
    </message>
</context>
</TS>
