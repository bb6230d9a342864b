<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Code with…</source>
        <translation>Coderen met…</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>De map {0} bestaat niet.</translation>
    </message>
    <message>
        <source>Transcribe {0}</source>
        <translation>Transcriberen: {0}</translation>
    </message>
    <message>
        <source>“{0}” exists already.</source>
        <translation>“{0}” bestaat al.</translation>
    </message>
    <message>
        <source>“{0}” exists — codes the selection with it.</source>
        <translation>“{0}” bestaat al — codeert de selectie ermee.</translation>
    </message>
</context>
</TS>
