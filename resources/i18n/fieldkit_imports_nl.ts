<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Already in the project</source>
        <translation>Al in het project</translation>
    </message>
    <message>
        <source>{file}: the same as “{name}”, earlier in this import</source>
        <translation>{file}: hetzelfde als “{name}”, eerder in deze import</translation>
    </message>
    <message>
        <source>{file}: already there as “{name}”</source>
        <translation>{file}: staat er al als “{name}”</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… en nog {0}</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>Overslaan</translation>
    </message>
    <message>
        <source>Import again</source>
        <translation>Opnieuw importeren</translation>
    </message>
    <message>
        <source>Import only the files that are not in the project yet</source>
        <translation>Alleen de bestanden importeren die nog niet in het project staan</translation>
    </message>
    <message>
        <source>Import every file, also those already in the project, as new documents</source>
        <translation>Elk bestand importeren, ook wat al in het project staat, als nieuwe documenten</translation>
    </message>
    <message>
        <source>{name} ({kind})</source>
        <translation>{name} ({kind})</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) already in the project:</source>
        <translation>
            <numerusform>%Ln bestand staat al in het project:</numerusform>
            <numerusform>%Ln bestanden staan al in het project:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %Ln file(s) already in the project.</source>
        <translation>
            <numerusform>%Ln bestand overgeslagen dat al in het project stond.</numerusform>
            <numerusform>%Ln bestanden overgeslagen die al in het project stonden.</numerusform>
        </translation>
    </message>
</context>
</TS>
