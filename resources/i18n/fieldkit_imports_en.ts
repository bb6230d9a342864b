<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Already in the project</source>
        <translation>Already in the project</translation>
    </message>
    <message>
        <source>{file}: the same as “{name}”, earlier in this import</source>
        <translation>{file}: the same as “{name}”, earlier in this import</translation>
    </message>
    <message>
        <source>{file}: already there as “{name}”</source>
        <translation>{file}: already there as “{name}”</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… and {0} more</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>Skip them</translation>
    </message>
    <message>
        <source>Import again</source>
        <translation>Import again</translation>
    </message>
    <message>
        <source>Import only the files that are not in the project yet</source>
        <translation>Import only the files that are not in the project yet</translation>
    </message>
    <message>
        <source>Import every file, also those already in the project, as new documents</source>
        <translation>Import every file, also those already in the project, as new documents</translation>
    </message>
    <message>
        <source>{name} ({kind})</source>
        <translation>{name} ({kind})</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) already in the project:</source>
        <translation>
            <numerusform>%Ln file is already in the project:</numerusform>
            <numerusform>%Ln files are already in the project:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %Ln file(s) already in the project.</source>
        <translation>
            <numerusform>Skipped %Ln file already in the project.</numerusform>
            <numerusform>Skipped %Ln files already in the project.</numerusform>
        </translation>
    </message>
</context>
</TS>
