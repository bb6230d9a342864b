<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message numerus="yes">
        <source>%Ln to send</source>
        <translation>
            <numerusform>%Ln to send</numerusform>
            <numerusform>%Ln to send</numerusform>
        </translation>
    </message>
</context>
</TS>
