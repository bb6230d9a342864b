<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Page</source>
        <translation>Pagina</translation>
    </message>
    <message>
        <source>of {0}</source>
        <translation>van {0}</translation>
    </message>
    <message>
        <source>Draw areas</source>
        <translation>Gebieden tekenen</translation>
    </message>
    <message>
        <source>Drag a rectangle on a page to code that area (or hold Shift while dragging).</source>
        <translation>Sleep een rechthoek op een pagina om dat gebied te coderen (of houd Shift ingedrukt tijdens het slepen).</translation>
    </message>
    <message>
        <source>This PDF has no text layer (a scan or photographs): its text cannot be selected or searched. Draw areas on its pages to code them.</source>
        <translation>Deze pdf heeft geen tekstlaag (een scan of foto's): de tekst is niet te selecteren of te doorzoeken. Teken gebieden op de pagina's om ze te coderen.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Code this area of the page with…</source>
        <translation>Dit gebied van de pagina coderen met…</translation>
    </message>
    <message>
        <source>Code area of page {0} with {1}</source>
        <translation>Gebied van pagina {0} coderen met {1}</translation>
    </message>
    <message>
        <source>Add pdf {0}</source>
        <translation>Pdf {0} toevoegen</translation>
    </message>
    <message>
        <source>{0} is protected by a password. Type it to import the PDF:</source>
        <translation>{0} is beveiligd met een wachtwoord. Typ het om de pdf te importeren:</translation>
    </message>
    <message>
        <source>This PDF</source>
        <translation>Deze pdf</translation>
    </message>
    <message>
        <source>That password is wrong.</source>
        <translation>Dat wachtwoord klopt niet.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Document pages</source>
        <translation>Documentpagina's</translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln pagina</numerusform>
            <numerusform>%Ln pagina's</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coded area(s)</source>
        <translation>
            <numerusform>%Ln gecodeerd gebied</numerusform>
            <numerusform>%Ln gecodeerde gebieden</numerusform>
        </translation>
    </message>
    <message>
        <source>Page {0}.</source>
        <translation>Pagina {0}.</translation>
    </message>
    <message>
        <source>Line: {0}</source>
        <translation>Regel: {0}</translation>
    </message>
    <message>
        <source>Selected: {0}</source>
        <translation>Geselecteerd: {0}</translation>
    </message>
    <message>
        <source>Empty line.</source>
        <translation>Lege regel.</translation>
    </message>
</context>
</TS>
