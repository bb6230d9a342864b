<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>of {0}</source>
        <translation>of {0}</translation>
    </message>
    <message>
        <source>Draw areas</source>
        <translation>Draw areas</translation>
    </message>
    <message>
        <source>Drag a rectangle on a page to code that area (or hold Shift while dragging).</source>
        <translation>Drag a rectangle on a page to code that area (or hold Shift while dragging).</translation>
    </message>
    <message>
        <source>This PDF has no text layer (a scan or photographs): its text cannot be selected or searched. Draw areas on its pages to code them.</source>
        <translation>This PDF has no text layer (a scan or photographs): its text cannot be selected or searched. Draw areas on its pages to code them.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Code this area of the page with…</source>
        <translation>Code this area of the page with…</translation>
    </message>
    <message>
        <source>Code area of page {0} with {1}</source>
        <translation>Code area of page {0} with {1}</translation>
    </message>
    <message>
        <source>Add pdf {0}</source>
        <translation>Add pdf {0}</translation>
    </message>
    <message>
        <source>{0} is protected by a password. Type it to import the PDF:</source>
        <translation>{0} is protected by a password. Type it to import the PDF:</translation>
    </message>
    <message>
        <source>This PDF</source>
        <translation>This PDF</translation>
    </message>
    <message>
        <source>That password is wrong.</source>
        <translation>That password is wrong.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Document pages</source>
        <translation>Document pages</translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln page</numerusform>
            <numerusform>%Ln pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coded area(s)</source>
        <translation>
            <numerusform>%Ln coded area</numerusform>
            <numerusform>%Ln coded areas</numerusform>
        </translation>
    </message>
    <message>
        <source>Page {0}.</source>
        <translation>Page {0}.</translation>
    </message>
    <message>
        <source>Line: {0}</source>
        <translation>Line: {0}</translation>
    </message>
    <message>
        <source>Selected: {0}</source>
        <translation>Selected: {0}</translation>
    </message>
    <message>
        <source>Empty line.</source>
        <translation>Empty line.</translation>
    </message>
</context>
</TS>
