<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Actual si&amp;ze</source>
        <translation>Actual si&amp;ze</translation>
    </message>
    <message>
        <source>Agreement per code</source>
        <translation>Agreement per code</translation>
    </message>
    <message>
        <source>Agreement threshold</source>
        <translation>Agreement threshold</translation>
    </message>
    <message>
        <source>Analysis table</source>
        <translation>Analysis table</translation>
    </message>
    <message>
        <source>Attached photos</source>
        <translation>Attached photos</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Choose a segment to read it whole, in its context.</source>
        <translation>Choose a segment to read it whole, in its context.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Close {0}</source>
        <translation>Close {0}</translation>
    </message>
    <message>
        <source>Code with…</source>
        <translation>Code with…</translation>
    </message>
    <message>
        <source>Coded from</source>
        <translation>Coded from</translation>
    </message>
    <message>
        <source>Coded until</source>
        <translation>Coded until</translation>
    </message>
    <message>
        <source>Coded: {0}</source>
        <translation>Coded: {0}</translation>
    </message>
    <message>
        <source>Coders to compare</source>
        <translation>Coders to compare</translation>
    </message>
    <message>
        <source>Codes to choose from</source>
        <translation>Codes to choose from</translation>
    </message>
    <message>
        <source>Distance in characters</source>
        <translation>Distance in characters</translation>
    </message>
    <message>
        <source>Document and code sets</source>
        <translation>Document and code sets</translation>
    </message>
    <message>
        <source>Document text</source>
        <translation>Document text</translation>
    </message>
    <message>
        <source>End of the segment</source>
        <translation>End of the segment</translation>
    </message>
    <message>
        <source>Files to import</source>
        <translation>Files to import</translation>
    </message>
    <message>
        <source>Linked documents and codes</source>
        <translation>Linked documents and codes</translation>
    </message>
    <message>
        <source>Lowest confidence shown</source>
        <translation>Lowest confidence shown</translation>
    </message>
    <message>
        <source>Makes the code: {0} (a new one: a code of that name is already at {1}).</source>
        <translation>Makes the code: {0} (a new one: a code of that name is already at {1}).</translation>
    </message>
    <message>
        <source>Matching codes</source>
        <translation>Matching codes</translation>
    </message>
    <message>
        <source>Material by site and visit</source>
        <translation>Material by site and visit</translation>
    </message>
    <message>
        <source>Memo text</source>
        <translation>Memo text</translation>
    </message>
    <message>
        <source>More filters</source>
        <translation>More filters</translation>
    </message>
    <message>
        <source>Not coded here.</source>
        <translation>Not coded here.</translation>
    </message>
    <message>
        <source>Query results</source>
        <translation>Query results</translation>
    </message>
    <message>
        <source>Search hits</source>
        <translation>Search hits</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>Start of the segment</source>
        <translation>Start of the segment</translation>
    </message>
    <message>
        <source>The demo study is kept in {0}</source>
        <translation>The demo study is kept in {0}</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>The folder {0} does not exist.</translation>
    </message>
    <message>
        <source>The segment in its context</source>
        <translation>The segment in its context</translation>
    </message>
    <message>
        <source>Transcribe {0}</source>
        <translation>Transcribe {0}</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0} by {1}</translation>
    </message>
    <message>
        <source>“{0}” exists already.</source>
        <translation>“{0}” exists already.</translation>
    </message>
    <message>
        <source>“{0}” exists — codes the selection with it.</source>
        <translation>“{0}” exists — codes the selection with it.</translation>
    </message>
    <message numerus="yes">
        <source>Choose none (%Ln chosen)</source>
        <translation>
            <numerusform>Choose none (%Ln chosen)</numerusform>
            <numerusform>Choose none (%Ln chosen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More filters (%Ln in use)</source>
        <translation>
            <numerusform>More filters (%Ln in use)</numerusform>
            <numerusform>More filters (%Ln in use)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>&amp;High contrast</translation>
    </message>
    <message>
        <source>Next control (Shift+Tab: the one before)</source>
        <translation>Next control (Shift+Tab: the one before)</translation>
    </message>
    <message>
        <source>Move inside a list, tree or table</source>
        <translation>Move inside a list, tree or table</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>Arrow keys</translation>
    </message>
    <message>
        <source>Context menu</source>
        <translation>Context menu</translation>
    </message>
</context>
</TS>
