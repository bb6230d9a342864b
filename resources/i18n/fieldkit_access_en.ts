<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Code with…</source>
        <translation>Code with…</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>The folder {0} does not exist.</translation>
    </message>
    <message>
        <source>Transcribe {0}</source>
        <translation>Transcribe {0}</translation>
    </message>
    <message>
        <source>“{0}” exists already.</source>
        <translation>“{0}” exists already.</translation>
    </message>
    <message>
        <source>“{0}” exists — codes the selection with it.</source>
        <translation>“{0}” exists — codes the selection with it.</translation>
    </message>
</context>
</TS>
