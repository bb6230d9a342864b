<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>fieldkit</name>
    <message numerus="yes">
        <source>%Ln already had this code.</source>
        <translation>
            <numerusform>%Ln already had this code.</numerusform>
            <numerusform>%Ln already had this code.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln suggestion(s) below the threshold of {0}: lower “At least” to see them.</source>
        <translation>
            <numerusform>%Ln suggestion below the threshold of {0}: lower “At least” to see it.</numerusform>
            <numerusform>%Ln suggestions below the threshold of {0}: lower “At least” to see them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln in the codebook or memos, not codable)</source>
        <translation>
            <numerusform>(%Ln in the codebook or memos, not codable)</numerusform>
            <numerusform>(%Ln in the codebook or memos, not codable)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code %Ln passage(s)</source>
        <translation>
            <numerusform>Code %Ln passage</numerusform>
            <numerusform>Code %Ln passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code %Ln passage(s)…</source>
        <translation>
            <numerusform>Code %Ln passage…</numerusform>
            <numerusform>Code %Ln passages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Coded %Ln passage(s) with {0}.</source>
        <translation>
            <numerusform>Coded %Ln passage with {0}.</numerusform>
            <numerusform>Coded %Ln passages with {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %Ln document(s)…</source>
        <translation>
            <numerusform>in %Ln document…</numerusform>
            <numerusform>in %Ln documents…</numerusform>
        </translation>
    </message>
</context>
</TS>
