<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message numerus="yes">
        <source>%Ln case(s) made.</source>
        <translation>
            <numerusform>%Ln case made.</numerusform>
            <numerusform>%Ln cases made.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln part(s) of documents</source>
        <translation>
            <numerusform>%Ln part of documents</numerusform>
            <numerusform>%Ln parts of documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln participant(s)</source>
        <translation>
            <numerusform>%Ln participant</numerusform>
            <numerusform>%Ln participants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>With the %Ln document(s) chosen in Material</source>
        <translation>
            <numerusform>With the %Ln document chosen in Material</numerusform>
            <numerusform>With the %Ln documents chosen in Material</numerusform>
        </translation>
    </message>
</context>
</TS>
