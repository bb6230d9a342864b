<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>'{0}' is not a name to replace; write Name=Pseudonym.</source>
        <translation>'{0}' is not a name to replace; write Name=Pseudonym.</translation>
    </message>
    <message>
        <source>All coders</source>
        <translation>All coders</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>All sites</translation>
    </message>
    <message>
        <source>Bounds…</source>
        <translation>Bounds…</translation>
    </message>
    <message>
        <source>CSV files in a folder</source>
        <translation>CSV files in a folder</translation>
    </message>
    <message>
        <source>Change bounds…</source>
        <translation>Change bounds…</translation>
    </message>
    <message>
        <source>Change the bounds of a coding</source>
        <translation>Change the bounds of a coding</translation>
    </message>
    <message>
        <source>Change the bounds of the segment</source>
        <translation>Change the bounds of the segment</translation>
    </message>
    <message>
        <source>Choose one or more codes (or a document or coder) to see their coded segments. Double-clicking a code in the codebook shows its segments here.</source>
        <translation>Choose one or more codes (or a document or coder) to see their coded segments. Double-clicking a code in the codebook shows its segments here.</translation>
    </message>
    <message>
        <source>Choose the document to export.</source>
        <translation>Choose the document to export.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Coded &amp;segments</source>
        <translation>Coded &amp;segments</translation>
    </message>
    <message>
        <source>Coded segments</source>
        <translation>Coded segments</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <source>Codes: choose…</source>
        <translation>Codes: choose…</translation>
    </message>
    <message>
        <source>Codes: {0}</source>
        <translation>Codes: {0}</translation>
    </message>
    <message>
        <source>Codes: {0} and {1} more</source>
        <translation>Codes: {0} and {1} more</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Context</translation>
    </message>
    <message>
        <source>Edit memo…</source>
        <translation>Edit memo…</translation>
    </message>
    <message>
        <source>End (character)</source>
        <translation>End (character)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>Export &amp;as</source>
        <translation>Export &amp;as</translation>
    </message>
    <message>
        <source>Export coded segments</source>
        <translation>Export coded segments</translation>
    </message>
    <message>
        <source>Export the selected segments (all shown ones when none is selected) as a Word report</source>
        <translation>Export the selected segments (all shown ones when none is selected) as a Word report</translation>
    </message>
    <message>
        <source>Export the selected segments (all shown ones when none is selected) as an Excel workbook</source>
        <translation>Export the selected segments (all shown ones when none is selected) as an Excel workbook</translation>
    </message>
    <message>
        <source>Folder for the CSV files</source>
        <translation>Folder for the CSV files</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Memo…</source>
        <translation>Memo…</translation>
    </message>
    <message>
        <source>No codes chosen</source>
        <translation>No codes chosen</translation>
    </message>
    <message>
        <source>One document with its codings as Word comments (.docx)</source>
        <translation>One document with its codings as Word comments (.docx)</translation>
    </message>
    <message>
        <source>One section per code with every coded segment, its citation (paragraph, timestamp) and memo. No codes chosen: all codes.</source>
        <translation>One section per code with every coded segment, its citation (paragraph, timestamp) and memo. No codes chosen: all codes.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open in its document</source>
        <translation>Open in its document</translation>
    </message>
    <message>
        <source>Other names to replace: Name=Pseudonym; …</source>
        <translation>Other names to replace: Name=Pseudonym; …</translation>
    </message>
    <message>
        <source>Area of page {0}, {1}×{2} pt</source>
        <translation>Area of page {0}, {1}×{2} pt</translation>
    </message>
    <message>
        <source>Photo region {0}×{1} px</source>
        <translation>Photo region {0}×{1} px</translation>
    </message>
    <message>
        <source>Pseudonyms</source>
        <translation>Pseudonyms</translation>
    </message>
    <message>
        <source>REFI-QDA project for ATLAS.ti, NVivo, MAXQDA (.qdpx)</source>
        <translation>REFI-QDA project for ATLAS.ti, NVivo, MAXQDA (.qdpx)</translation>
    </message>
    <message>
        <source>Recode</source>
        <translation>Recode</translation>
    </message>
    <message>
        <source>Recode…</source>
        <translation>Recode…</translation>
    </message>
    <message>
        <source>Replace participants' names by their pseudonyms</source>
        <translation>Replace participants' names by their pseudonyms</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Segments, codebook, counts, co-occurrence and ESM answers, one sheet each.</source>
        <translation>Segments, codebook, counts, co-occurrence and ESM answers, one sheet each.</translation>
    </message>
    <message>
        <source>Show coded segments</source>
        <translation>Show coded segments</translation>
    </message>
    <message>
        <source>Show segments of any chosen code, or only where all chosen codes overlap</source>
        <translation>Show segments of any chosen code, or only where all chosen codes overlap</translation>
    </message>
    <message>
        <source>Snap to whole words</source>
        <translation>Snap to whole words</translation>
    </message>
    <message>
        <source>Start (character)</source>
        <translation>Start (character)</translation>
    </message>
    <message>
        <source>The document's full text with each coding as a comment.</source>
        <translation>The document's full text with each coding as a comment.</translation>
    </message>
    <message>
        <source>The same tables as the Excel workbook, one CSV file each, in a folder.</source>
        <translation>The same tables as the Excel workbook, one CSV file each, in a folder.</translation>
    </message>
    <message>
        <source>The start must come before the end.</source>
        <translation>The start must come before the end.</translation>
    </message>
    <message>
        <source>The visit's date (or the day the document was made)</source>
        <translation>The visit's date (or the day the document was made)</translation>
    </message>
    <message>
        <source>The whole project, to open in another QDA program.</source>
        <translation>The whole project, to open in another QDA program.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Use the selection in the document</source>
        <translation>Use the selection in the document</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Word report of coded segments (.docx)</source>
        <translation>Word report of coded segments (.docx)</translation>
    </message>
    <message>
        <source>Word…</source>
        <translation>Word…</translation>
    </message>
    <message>
        <source>all of them, overlapping</source>
        <translation>all of them, overlapping</translation>
    </message>
    <message>
        <source>any of them</source>
        <translation>any of them</translation>
    </message>
    <message>
        <source>beep</source>
        <translation>beep</translation>
    </message>
    <message>
        <source>coded segments</source>
        <translation>coded segments</translation>
    </message>
    <message>
        <source>tables</source>
        <translation>tables</translation>
    </message>
    <message>
        <source>text gone</source>
        <translation>text gone</translation>
    </message>
    <message>
        <source>with sub-codes</source>
        <translation>with sub-codes</translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s)</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recode %Ln segment(s)</source>
        <translation>
            <numerusform>Recode %Ln segment</numerusform>
            <numerusform>Recode %Ln segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recode %Ln segment(s) with:</source>
        <translation>
            <numerusform>Recode %Ln segment with:</numerusform>
            <numerusform>Recode %Ln segments with:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln segment(s)</source>
        <translation>
            <numerusform>Remove %Ln segment</numerusform>
            <numerusform>Remove %Ln segments</numerusform>
        </translation>
    </message>
</context>
</TS>
