<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message numerus="yes">
        <source>%Ln document(s) in the new set</source>
        <translation>
            <numerusform>%Ln document in the new set</numerusform>
            <numerusform>%Ln documents in the new set</numerusform>
        </translation>
    </message>
</context>
</TS>
