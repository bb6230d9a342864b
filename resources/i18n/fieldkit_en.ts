<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Move code</source>
        <translation>Move code</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>Codings</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Find a code…</source>
        <translation>Find a code…</translation>
    </message>
    <message>
        <source>New code…</source>
        <translation>New code…</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>New code</translation>
    </message>
    <message>
        <source>Name of the new code:</source>
        <translation>Name of the new code:</translation>
    </message>
    <message>
        <source>Colour of the code</source>
        <translation>Colour of the code</translation>
    </message>
    <message>
        <source>Merge code</source>
        <translation>Merge code</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>Codebook</translation>
    </message>
    <message>
        <source>A code cannot be merged into itself or one of its sub-codes.</source>
        <translation>A code cannot be merged into itself or one of its sub-codes.</translation>
    </message>
    <message>
        <source>Merge {0} into {1}</source>
        <translation>Merge {0} into {1}</translation>
    </message>
    <message>
        <source>Select a code to see its definition.</source>
        <translation>Select a code to see its definition.</translation>
    </message>
    <message>
        <source>New sub-code…</source>
        <translation>New sub-code…</translation>
    </message>
    <message>
        <source>Apply to selection</source>
        <translation>Apply to selection</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Show only this code</source>
        <translation>Show only this code</translation>
    </message>
    <message>
        <source>Show all codes</source>
        <translation>Show all codes</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>You can undo this.</source>
        <translation>You can undo this.</translation>
    </message>
    <message>
        <source>Delete code</source>
        <translation>Delete code</translation>
    </message>
    <message>
        <source>Move all codings of '{0}' into:</source>
        <translation>Move all codings of '{0}' into:</translation>
    </message>
    <message>
        <source>Code the selection with…</source>
        <translation>Code the selection with…</translation>
    </message>
    <message>
        <source>Coding memo</source>
        <translation>Coding memo</translation>
    </message>
    <message>
        <source>Code this part of the photo with…</source>
        <translation>Code this part of the photo with…</translation>
    </message>
    <message>
        <source>Open a document and select some text first.</source>
        <translation>Open a document and select some text first.</translation>
    </message>
    <message>
        <source>Select some text first.</source>
        <translation>Select some text first.</translation>
    </message>
    <message>
        <source>Coding all hits</source>
        <translation>Coding all hits</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>Coding</translation>
    </message>
    <message>
        <source>Coded with {0}.</source>
        <translation>Coded with {0}.</translation>
    </message>
    <message>
        <source>Memo for this coding of {0}:</source>
        <translation>Memo for this coding of {0}:</translation>
    </message>
    <message>
        <source>Coding hits</source>
        <translation>Coding hits</translation>
    </message>
    <message>
        <source>Code every hit of “{0}” with…</source>
        <translation>Code every hit of “{0}” with…</translation>
    </message>
    <message>
        <source>Code with {0}</source>
        <translation>Code with {0}</translation>
    </message>
    <message>
        <source>In vivo code {0}</source>
        <translation>In vivo code {0}</translation>
    </message>
    <message>
        <source>Code photo region with {0}</source>
        <translation>Code photo region with {0}</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Import files</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Visit on</source>
        <translation>Visit on</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Add files</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Open a document from the Material list on the left, or press F9 for a quick note.</source>
        <translation>Open a document from the Material list on the left, or press F9 for a quick note.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Coding</source>
        <translation>&amp;Coding</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Show codings &amp;by</source>
        <translation>Show codings &amp;by</translation>
    </message>
    <message>
        <source>Every coder</source>
        <translation>Every coder</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Open a fieldkit project folder</source>
        <translation>Open a fieldkit project folder</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>Coder</translation>
    </message>
    <message>
        <source>Your name as coder:</source>
        <translation>Your name as coder:</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importing</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <source>Checking the project</source>
        <translation>Checking the project</translation>
    </message>
    <message>
        <source>About fieldkit</source>
        <translation>About fieldkit</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nothing to undo.</translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation>Nothing to redo.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>This export is not available yet.</source>
        <translation>This export is not available yet.</translation>
    </message>
    <message>
        <source>Suggested codings</source>
        <translation>Suggested codings</translation>
    </message>
    <message>
        <source>Insert the time (quick note)</source>
        <translation>Insert the time (quick note)</translation>
    </message>
    <message>
        <source>Qualitative field research on the shop floor.</source>
        <translation>Qualitative field research on the shop floor.</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Open project</translation>
    </message>
    <message>
        <source>No code has the shortcut {0}.</source>
        <translation>No code has the shortcut {0}.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>All is well.</source>
        <translation>All is well.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Not available in this version.</source>
        <translation>Not available in this version.</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>Coder: {0}</source>
        <translation>Coder: {0}</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Undone: {0}</translation>
    </message>
    <message>
        <source>Redone: {0}</source>
        <translation>Redone: {0}</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>&amp;Undo {0}</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>&amp;Redo {0}</translation>
    </message>
    <message>
        <source>Last change: {0}</source>
        <translation>Last change: {0}</translation>
    </message>
    <message>
        <source>Exported to {0}.</source>
        <translation>Exported to {0}.</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>characters</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>By site</source>
        <translation>By site</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>All documents</translation>
    </message>
    <message>
        <source>Filter documents…</source>
        <translation>Filter documents…</translation>
    </message>
    <message>
        <source>(no site)</source>
        <translation>(no site)</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Jot down what you see. Ctrl+T inserts the time.</source>
        <translation>Jot down what you see. Ctrl+T inserts the time.</translation>
    </message>
    <message>
        <source>Insert time (Ctrl+T)</source>
        <translation>Insert time (Ctrl+T)</translation>
    </message>
    <message>
        <source>Attach photos…</source>
        <translation>Attach photos…</translation>
    </message>
    <message>
        <source>Photos from a folder or camera card…</source>
        <translation>Photos from a folder or camera card…</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Editing…</translation>
    </message>
    <message>
        <source>Fieldnote</source>
        <translation>Fieldnote</translation>
    </message>
    <message>
        <source>Attach photos</source>
        <translation>Attach photos</translation>
    </message>
    <message>
        <source>Folder with photos</source>
        <translation>Folder with photos</translation>
    </message>
    <message>
        <source>Unsorted</source>
        <translation>Unsorted</translation>
    </message>
    <message>
        <source>Attaching photos</source>
        <translation>Attaching photos</translation>
    </message>
    <message>
        <source>Quick note</source>
        <translation>Quick note</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>(caption)</source>
        <translation>(caption)</translation>
    </message>
    <message>
        <source>Saved at {0}.</source>
        <translation>Saved at {0}.</translation>
    </message>
    <message>
        <source>There are no photos in that folder.</source>
        <translation>There are no photos in that folder.</translation>
    </message>
    <message>
        <source>Fieldnote {0}</source>
        <translation>Fieldnote {0}</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>photo</translation>
    </message>
    <message>
        <source>Edit {0}</source>
        <translation>Edit {0}</translation>
    </message>
    <message>
        <source>Type to find a code; Enter applies it</source>
        <translation>Type to find a code; Enter applies it</translation>
    </message>
    <message>
        <source>New code “{0}”</source>
        <translation>New code “{0}”</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>Something went wrong: {0}</translation>
    </message>
    <message>
        <source>Search, e.g.  "learning by doing"  OR  mistake*  speaker:operator</source>
        <translation>Search, e.g.  "learning by doing"  OR  mistake*  speaker:operator</translation>
    </message>
    <message>
        <source>How to write a query</source>
        <translation>How to write a query</translation>
    </message>
    <message>
        <source>Code all hits…</source>
        <translation>Code all hits…</translation>
    </message>
    <message>
        <source>(first {0} shown)</source>
        <translation>(first {0} shown)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Code selection…</source>
        <translation>Code selection…</translation>
    </message>
    <message>
        <source>Code in vivo</source>
        <translation>Code in vivo</translation>
    </message>
    <message>
        <source>Remove coding: {0}</source>
        <translation>Remove coding: {0}</translation>
    </message>
    <message>
        <source>Memo for coding: {0}…</source>
        <translation>Memo for coding: {0}…</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;New project…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Import files…</translation>
    </message>
    <message>
        <source>Quic&amp;k note</source>
        <translation>Quic&amp;k note</translation>
    </message>
    <message>
        <source>&amp;Close document</source>
        <translation>&amp;Close document</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Quick code…</source>
        <translation>&amp;Quick code…</translation>
    </message>
    <message>
        <source>&amp;Repeat last code</source>
        <translation>&amp;Repeat last code</translation>
    </message>
    <message>
        <source>Code &amp;in vivo</source>
        <translation>Code &amp;in vivo</translation>
    </message>
    <message>
        <source>&amp;New code…</source>
        <translation>&amp;New code…</translation>
    </message>
    <message>
        <source>&amp;Find a code</source>
        <translation>&amp;Find a code</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>Next document</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>Previous document</translation>
    </message>
    <message>
        <source>Show &amp;all codes</source>
        <translation>Show &amp;all codes</translation>
    </message>
    <message>
        <source>Set &amp;coder name…</source>
        <translation>Set &amp;coder name…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>How to write a &amp;query</source>
        <translation>How to write a &amp;query</translation>
    </message>
    <message>
        <source>&amp;About fieldkit</source>
        <translation>&amp;About fieldkit</translation>
    </message>
    <message>
        <source>C&amp;oder agreement…</source>
        <translation>C&amp;oder agreement…</translation>
    </message>
    <message>
        <source>Su&amp;ggested codings…</source>
        <translation>Su&amp;ggested codings…</translation>
    </message>
    <message>
        <source>Coded segments as &amp;Word (.docx)…</source>
        <translation>Coded segments as &amp;Word (.docx)…</translation>
    </message>
    <message>
        <source>Tables as &amp;Excel (.xlsx)…</source>
        <translation>Tables as &amp;Excel (.xlsx)…</translation>
    </message>
    <message>
        <source>Project as &amp;REFI-QDA (.qdpx)…</source>
        <translation>Project as &amp;REFI-QDA (.qdpx)…</translation>
    </message>
    <message>
        <source>C&amp;heck the project</source>
        <translation>C&amp;heck the project</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcript</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>ESM answer</source>
        <translation>ESM answer</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>Use when</source>
        <translation>Use when</translation>
    </message>
    <message>
        <source>Not when</source>
        <translation>Not when</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>the words found</source>
        <translation>the words found</translation>
    </message>
    <message>
        <source>the whole turn</source>
        <translation>the whole turn</translation>
    </message>
    <message>
        <source>the whole paragraph</source>
        <translation>the whole paragraph</translation>
    </message>
    <message>
        <source>Recognise automatically</source>
        <translation>Recognise automatically</translation>
    </message>
    <message>
        <source>ESM answers</source>
        <translation>ESM answers</translation>
    </message>
    <message>
        <source>Other text</source>
        <translation>Other text</translation>
    </message>
    <message>
        <source>In vivo</source>
        <translation>In vivo</translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln coding</numerusform>
            <numerusform>%Ln codings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s), {0} on the picture</source>
        <translation>
            <numerusform>%Ln coding, {0} on the picture</numerusform>
            <numerusform>%Ln codings, {0} on the picture</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete '{0}'? %Ln coding(s) will go.</source>
        <translation>
            <numerusform>Delete '{0}'? %Ln coding will go.</numerusform>
            <numerusform>Delete '{0}'? %Ln codings will go.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its %Ln sub-code(s) go too.</source>
        <translation>
            <numerusform>Its %Ln sub-code goes too.</numerusform>
            <numerusform>Its %Ln sub-codes go too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code with %Ln code(s)</source>
        <translation>
            <numerusform>Code with %Ln code</numerusform>
            <numerusform>Code with %Ln codes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Coded %Ln hit(s) with {0}.</source>
        <translation>
            <numerusform>Coded %Ln hit with {0}.</numerusform>
            <numerusform>Coded %Ln hits with {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln document(s).</source>
        <translation>
            <numerusform>Imported %Ln document.</numerusform>
            <numerusform>Imported %Ln documents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>%Ln hit</numerusform>
            <numerusform>%Ln hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Learned from %Ln coding(s) by {0} ({1}).</source>
        <translation>
            <numerusform>Learned from %Ln coding by {0} ({1}).</numerusform>
            <numerusform>Learned from %Ln codings by {0} ({1}).</numerusform>
        </translation>
    </message>
    <message>
        <source>This photo has no caption yet.</source>
        <translation>This photo has no caption yet.</translation>
    </message>
    <message>
        <source>Drag a rectangle over part of the photo to code it.</source>
        <translation>Drag a rectangle over part of the photo to code it.</translation>
    </message>
</context>
</TS>
