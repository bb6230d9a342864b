<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message numerus="yes">
        <source>%Ln closed question(s) as attributes</source>
        <translation>
            <numerusform>%Ln closed question as an attribute</numerusform>
            <numerusform>%Ln closed questions as attributes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) to code</source>
        <translation>
            <numerusform>%Ln document to code</numerusform>
            <numerusform>%Ln documents to code</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open question(s) to code</source>
        <translation>
            <numerusform>%Ln open question to code</numerusform>
            <numerusform>%Ln open questions to code</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln respondent(s) as cases</source>
        <translation>
            <numerusform>%Ln respondent as a case</numerusform>
            <numerusform>%Ln respondents as cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln warning(s) from reading the file:</source>
        <translation>
            <numerusform>%Ln warning from reading the file:</numerusform>
            <numerusform>%Ln warnings from reading the file:</numerusform>
        </translation>
    </message>
</context>
</TS>
