<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Compare with</source>
        <translation>Compare with</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nothing</translation>
    </message>
    <message>
        <source>the rest</source>
        <translation>the rest</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>Log-likelihood</translation>
    </message>
    <message>
        <source>More in</source>
        <translation>More in</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Every speaker</source>
        <translation>Every speaker</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Most frequent words</source>
        <translation>Most frequent words</translation>
    </message>
    <message>
        <source>Share of documents</source>
        <translation>Share of documents</translation>
    </message>
    <message>
        <source>Shortest</source>
        <translation>Shortest</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Whole texts</source>
        <translation>Whole texts</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>Word</translation>
    </message>
    <message>
        <source>Word cloud…</source>
        <translation>Word cloud…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln different word(s)</source>
        <translation>
            <numerusform>%Ln different word</numerusform>
            <numerusform>%Ln different words</numerusform>
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
        <source>%Ln word(s) counted</source>
        <translation>
            <numerusform>%Ln word counted</numerusform>
            <numerusform>%Ln words counted</numerusform>
        </translation>
    </message>
    <message>
        <source>A&amp;uto-code…</source>
        <translation>A&amp;uto-code…</translation>
    </message>
    <message>
        <source>Auto-code</source>
        <translation>Auto-code</translation>
    </message>
    <message>
        <source>Every turn of a speaker</source>
        <translation>Every turn of a speaker</translation>
    </message>
    <message>
        <source>Every match of a pattern</source>
        <translation>Every match of a pattern</translation>
    </message>
    <message>
        <source>The answers under question headings</source>
        <translation>The answers under question headings</translation>
    </message>
    <message>
        <source>Every answer to an ESM question</source>
        <translation>Every answer to an ESM question</translation>
    </message>
    <message>
        <source>The match</source>
        <translation>The match</translation>
    </message>
    <message>
        <source>Its sentence</source>
        <translation>Its sentence</translation>
    </message>
    <message>
        <source>Its paragraph</source>
        <translation>Its paragraph</translation>
    </message>
    <message>
        <source>Its speaker turn</source>
        <translation>Its speaker turn</translation>
    </message>
    <message>
        <source>Code as</source>
        <translation>Code as</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regular expression</translation>
    </message>
    <message>
        <source>Heading pattern (empty: numbered questions)</source>
        <translation>Heading pattern (empty: numbered questions)</translation>
    </message>
    <message>
        <source>ESM question</source>
        <translation>ESM question</translation>
    </message>
    <message>
        <source>Code…</source>
        <translation>Code…</translation>
    </message>
    <message>
        <source>Choose or type the code to code with.</source>
        <translation>Choose or type the code to code with.</translation>
    </message>
    <message>
        <source>New codes: {0}.</source>
        <translation>New codes: {0}.</translation>
    </message>
    <message>
        <source>Code all turns of {0}…</source>
        <translation>Code all turns of {0}…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s) found</source>
        <translation>
            <numerusform>%Ln segment found</numerusform>
            <numerusform>%Ln segments found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln not coded yet</source>
        <translation>
            <numerusform>%Ln not coded yet</numerusform>
            <numerusform>%Ln not coded yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code %Ln segment(s)</source>
        <translation>
            <numerusform>Code %Ln segment</numerusform>
            <numerusform>Code %Ln segments</numerusform>
        </translation>
    </message>
</context>
</TS>
