<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Code set</source>
        <translation>Code set</translation>
    </message>
    <message>
        <source>Document set</source>
        <translation>Document set</translation>
    </message>
    <message>
        <source>Export to Word</source>
        <translation>Export to Word</translation>
    </message>
    <message>
        <source>coding query</source>
        <translation>coding query</translation>
    </message>
</context>
</TS>
