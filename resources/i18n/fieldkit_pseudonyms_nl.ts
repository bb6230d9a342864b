<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Names left in the export</source>
        <translation>Namen in de export</translation>
    </message>
    <message>
        <source>These names are still in {0}: {1}. They were not replaced (written in lower case, too short, or not known as a name); check the document before sharing it.</source>
        <translation>Deze namen staan nog in {0}: {1}. Ze zijn niet vervangen (in kleine letters geschreven, te kort of niet als naam bekend); controleer het document voordat u het deelt.</translation>
    </message>
</context>
</TS>
